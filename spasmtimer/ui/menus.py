"""The menu bar, built from the intent table (:mod:`spasmtimer.ui.intents`).

The window builds it before the first paint, without importing the features
(they load just after); a chosen entry's data is its intent's name, which
goes to :meth:`~spasmtimer.ui.intents.Intents.trigger`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMenu, QMenuBar

from spasmtimer.ui.intents import MENUS, Intent, Intents, menu_text


def add_menu(parent: QMenu | QMenuBar, title: str) -> QMenu:
    """A submenu owned by ``parent``.

    Not ``parent.addMenu(title)``: PySide6 6.9 hands the menu that makes to
    Python, which deletes it with its last Python reference.
    """
    menu = QMenu(title, parent)
    parent.addMenu(menu)
    return menu


def fill_menu_bar(bar: QMenuBar, intents: Intents) -> list[QMenu]:
    """Build :data:`~spasmtimer.ui.intents.MENUS` on ``bar``; an entry's data: its intent's name."""
    menus = []
    for title, entries in MENUS:
        menu = add_menu(bar, title)
        for intent in entries:
            if intent is None:
                menu.addSeparator()
            else:
                menu.addAction(menu_text(intent)).setData(intent.name)
        menu.triggered.connect(lambda action: intents.trigger(Intent[str(action.data())]))
        menus.append(menu)
    return menus
