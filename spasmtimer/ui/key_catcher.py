"""Every key pressed in the window, whatever widget has the focus, becomes an intent.

:class:`KeyCatcher` filters the application's key presses from the first
paint on (before it there is nothing to press), keeps those meant for its
window when no modal dialog is open, and hands them to
:meth:`~spasmtimer.ui.intents.Intents.press`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from spasmtimer.ui.intents import Intents


class KeyCatcher(QObject):
    """The key filter of one window (its Qt parent)."""

    def __init__(self, window: QWidget, intents: Intents) -> None:
        super().__init__(window)
        self.intents = intents
        self.catching = False

    def start(self) -> None:
        """Handle keys from now on (again, after :meth:`stop`)."""
        app = QApplication.instance()
        if not self.catching and isinstance(app, QApplication):
            app.installEventFilter(self)
            self.catching = True

    def stop(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.removeEventFilter(self)
        self.catching = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        if watched.window() is not self.parent() or QApplication.activeModalWidget() is not None:
            return False
        assert isinstance(event, QKeyEvent)
        return self.intents.press(event.key(), event.modifiers(), event.isAutoRepeat())
