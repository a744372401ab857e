"""The app's icon, for the window, the tray and the desktop."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from spasmtimer import resources


def app_icon() -> QIcon:
    """The SVG app icon (QIcon scales it to every size the desktop asks for)."""
    try:
        path = resources.asset("icons", "spasmtimer.svg")
    except FileNotFoundError:
        return QIcon.fromTheme("spasmtimer")
    return QIcon(str(path)) if path.is_file() else QIcon.fromTheme("spasmtimer")
