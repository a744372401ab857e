"""The history's controller: the history window, opened on Y, the button or the menu.

One window per controller, raised and refreshed when asked for again, and
forgotten when closed (it deletes itself). A Qt parent is its only tie to
the main window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from spasmtimer.ui.intents import Intent, Intents

if TYPE_CHECKING:
    from spasmtimer.core.history.store import HistoryStore
    from spasmtimer.ui.history.window import HistoryWindow


class HistorySource(Protocol):
    """The history, when it could be opened."""

    @property
    def store(self) -> HistoryStore | None: ...


class HistoryFeature(QObject):
    """Opens the :class:`HistoryWindow` on the history, once."""

    def __init__(self, parent: QWidget, intents: Intents, history: HistorySource) -> None:
        super().__init__(parent)
        self.history = history
        self.window: HistoryWindow | None = None
        intents.on(Intent.HISTORY, self.show)

    def show(self) -> HistoryWindow | None:
        """The history window (None, after saying so, when there is no history)."""
        parent = self.parent()
        assert isinstance(parent, QWidget)
        store = self.history.store
        if store is None:
            from spasmtimer.ui.dialogs import Dialogs

            text = "Your history cannot be opened on this computer."
            Dialogs.inform(parent, "History unavailable", text)
            return None
        if self.window is None:
            from PySide6.QtCore import (
                Qt,
            )  # named here: the Qt enums cost ~15 ms before the first paint

            from spasmtimer.ui.history.window import HistoryWindow

            self.window = HistoryWindow(store, parent)
            self.window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.window.destroyed.connect(self._on_window_destroyed)
        else:
            self.window.refresh()
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        return self.window

    def _on_window_destroyed(self) -> None:
        self.window = None
