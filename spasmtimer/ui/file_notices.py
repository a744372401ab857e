"""The user's files, watched: a strip over every screen says what went wrong.

Owns the :class:`~spasmtimer.ui.notice_bar.NoticeBar` (above the stack of
screens) and the history's :class:`~spasmtimer.ui.history.saving.SaveWatcher`:
writes that wait to be saved are shown while they wait; a history that was
salvaged, or a settings file that cannot be written, is told once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow, QWidget

from spasmtimer.services.history import HistoryAccess
from spasmtimer.services.settings import Settings
from spasmtimer.ui.history.saving import SaveWatcher
from spasmtimer.ui.notice_bar import NoticeBar, with_notice_bar

if TYPE_CHECKING:
    from spasmtimer.core.history.store import HistoryStore


class FileNotices(QObject):
    """Puts the notice strip above ``screens`` in ``window`` and keeps it told.

    Signals:
        problemChanged(str): what keeps the history from being saved ("": saved).
    """

    problemChanged = Signal(str)

    def __init__(
        self, window: QMainWindow, screens: QWidget, history: HistoryAccess, settings: Settings
    ) -> None:
        super().__init__(window)
        self.history, self.settings = history, settings
        self.bar = NoticeBar()
        window.setCentralWidget(with_notice_bar(self.bar, screens))
        self.saving = SaveWatcher(history, self)
        history.when_opened(self._on_history_opened)
        self.saving.problemChanged.connect(self.bar.set_problem)
        self.saving.problemChanged.connect(self.problemChanged)

    def show_start_notices(self) -> None:
        """After the first paint: a history or settings file that went wrong at start."""
        self.bar.show_notice(self.history.notice())
        self.bar.show_notice(self.settings.problem())

    def _on_history_opened(self, store: HistoryStore) -> None:
        self.bar.show_notice(store.notice or "")
