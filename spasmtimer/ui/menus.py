"""The menu bar's entries, as data: what each says and which method it calls.

The main window builds its menu bar from these before the first paint,
without importing the guidance features (they load just after); the entries
of :data:`GUIDANCE_MENUS` call the :class:`~spasmtimer.ui.guidance.hub.GuidanceHub`
method of that name, :data:`WINDOW_MENUS` the main window's.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMenu, QMenuBar

MenuSpec = tuple[tuple[str, tuple[tuple[str, str], ...]], ...]

WINDOW_MENUS: MenuSpec = (
    (
        "&File",
        (
            ("&Open routine file…\tO", "open_routine_file"),
            ("&History…\tY", "show_history"),
            ("&Sound…", "show_sound_settings"),
            ("", ""),
            ("&Quit\tCtrl+Q", "quit_app"),
        ),
    ),
)

GUIDANCE_MENUS: MenuSpec = (
    ("&Care", (("&Ice and heat…", "show_ice_heat"), ("&Reminders…", "edit_reminders"))),
    ("&Help", (("&Seek care now if…", "show_safety"), ("&Learn about your back", "show_learn"))),
)

# Added to the Help menu, after a separator, calling the main window.
HELP_EXTRAS = (("&Keyboard shortcuts\t? or F1", "show_help"),)


def add_menu(parent: QMenu | QMenuBar, title: str) -> QMenu:
    """A submenu owned by ``parent``.

    Not ``parent.addMenu(title)``: PySide6 6.9 hands the menu that makes to
    Python, which deletes it with its last Python reference.
    """
    menu = QMenu(title, parent)
    parent.addMenu(menu)
    return menu
