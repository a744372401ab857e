"""The menu bar's entries, as data: what each says and which command it gives.

The main window builds its menu bar from :data:`MENUS` before the first
paint, without importing the guidance features (they load just after); a
chosen entry hands its :class:`Command` to the window, which does it or
passes it to the guidance hub (:data:`GUIDANCE_COMMANDS`).
"""

from __future__ import annotations

import enum

from PySide6.QtWidgets import QMenu, QMenuBar


class Command(enum.Enum):
    """What a menu entry asks for."""

    TODAY = enum.auto()
    ROUTINES = enum.auto()
    OPEN_FILE = enum.auto()
    NEW_ROUTINE = enum.auto()
    HISTORY = enum.auto()
    SOUND = enum.auto()
    QUIT = enum.auto()
    ICE_HEAT = enum.auto()
    REMINDERS = enum.auto()
    SAFETY = enum.auto()
    LEARN = enum.auto()
    SHORTCUTS = enum.auto()


GUIDANCE_COMMANDS = frozenset({Command.ICE_HEAT, Command.REMINDERS, Command.SAFETY, Command.LEARN})

Entry = tuple[str, Command | None]  # (text, command); ("", None) is a separator

MENUS: tuple[tuple[str, tuple[Entry, ...]], ...] = (
    (
        "&File",
        (
            ("&Today\tT", Command.TODAY),
            ("All &routines\tR", Command.ROUTINES),
            ("", None),
            ("&Open routine file…\tO", Command.OPEN_FILE),
            ("&New routine…\tN", Command.NEW_ROUTINE),
            ("&History…\tY", Command.HISTORY),
            ("&Sound…", Command.SOUND),
            ("", None),
            ("&Quit\tCtrl+Q", Command.QUIT),
        ),
    ),
    ("&Care", (("&Ice and heat…", Command.ICE_HEAT), ("&Reminders…", Command.REMINDERS))),
    (
        "&Help",
        (
            ("&Seek care now if…", Command.SAFETY),
            ("&Learn about your back", Command.LEARN),
            ("", None),
            ("&Keyboard shortcuts\t? or F1", Command.SHORTCUTS),
        ),
    ),
)


def add_menu(parent: QMenu | QMenuBar, title: str) -> QMenu:
    """A submenu owned by ``parent``.

    Not ``parent.addMenu(title)``: PySide6 6.9 hands the menu that makes to
    Python, which deletes it with its last Python reference.
    """
    menu = QMenu(title, parent)
    parent.addMenu(menu)
    return menu


def fill_menu_bar(bar: QMenuBar) -> list[QMenu]:
    """Build :data:`MENUS` on ``bar``; each entry's data is its command's name."""
    menus = []
    for title, entries in MENUS:
        menu = add_menu(bar, title)
        for text, command in entries:
            if command is None:
                menu.addSeparator()
            else:
                menu.addAction(text).setData(command.name)
        menus.append(menu)
    return menus
