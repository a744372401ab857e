"""Setting up the Qt application around the main window: the application, the guidance.

The command line (:mod:`spasmtimer.cli.app`) calls these; nothing here
reads arguments or prints.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from spasmtimer.ui.main_window import MainWindow


def make_application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setApplicationName("SpasmTimer")
    QApplication.setOrganizationName("SpasmTimer")
    QApplication.setDesktopFileName("spasmtimer")
    # Fusion: the same look everywhere (the palette follows the system). Given
    # as an argument, not setStyle(), which would wrap a QStyle and build its
    # many enums in Python before the first paint.
    return QApplication([*sys.argv[:1], "-style", "Fusion"])


def attach_guidance(window: MainWindow, app: QApplication, *, full: bool) -> None:
    """Safety screen, "This hurts", ice and heat, Learn, reminders and the tray.

    The menu bar is built already; the guidance itself (~50 ms of imports)
    comes once the picker is on screen, or on first use, whichever is first.

    ``full`` (the ordinary app): the tray keeps the app and its reminders
    running when the window closes, and the first launch shows the safety
    screen. ``spasmtimer start`` is not full: no questions, no second tray
    next to the app's own; H and "This hurts" still work.
    """
    window.care.use_system_tray = None if full else False
    if full:
        window.pickerShown.connect(window.care.start)
        window.care.keep_running_in_tray = True
