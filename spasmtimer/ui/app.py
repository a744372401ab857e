"""Setting up the Qt application around the main window: the application, the guidance.

The command line (:mod:`spasmtimer.cli.app`) calls these; nothing here
reads arguments or prints.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QSocketNotifier
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


log = logging.getLogger(__name__)


def quit_on_signals(app: QApplication, window: MainWindow) -> None:
    """SIGINT (Ctrl+C) and SIGTERM (logout, shutdown) end the app cleanly.

    A running session is ended as "stopped" (kept, with every hold done),
    the settings are written, and the event loop ends with 128 + the signal's
    number. Python's own handler would raise KeyboardInterrupt inside whatever
    Qt callback runs ("KeyboardInterrupt in eventFilter") and SIGTERM's would
    end the process at once; instead the signal only writes a byte to a
    socket that Qt watches, and the work is done in the event loop.
    """
    # A pipe, not a socket pair: importing socket costs the start-up ~5 ms.
    receive, send = os.pipe()
    os.set_blocking(receive, False)
    os.set_blocking(send, False)
    signal.set_wakeup_fd(send, warn_on_full_buffer=False)
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *args: None)  # the wake-up byte is the message
    notifier = QSocketNotifier(receive, QSocketNotifier.Type.Read, app)

    def on_signal() -> None:
        try:
            data = os.read(receive, 64)
        except OSError:
            return
        if not data:
            return
        number = data[-1]
        log.info("signal %d: ending the session and quitting", number)
        window.controller.end()  # a running session ends as stopped and is kept
        window.settings.sync()
        app.exit(128 + number)

    notifier.activated.connect(on_signal)
    # Kept alive as long as the application.
    app._quit_on_signals = (receive, send, notifier)  # type: ignore[attr-defined]


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
