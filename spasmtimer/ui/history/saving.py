"""Every failed history write on screen at once, and tried again until written.

The store keeps a write that failed (a full disk, a file made read-only,
another program's lock) in memory, in order (:meth:`HistoryStore.flush`).
:class:`SaveWatcher` is the Qt side of that: it tells the window the moment
the store says so, tries again every few seconds while anything waits, and
gives the store one last chance before the app quits.

Signals:
    problemChanged(str): what to show ("" once everything is saved).
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from spasmtimer.core.history.store import HistoryStore
    from spasmtimer.services.history import HistoryAccess

log = logging.getLogger(__name__)

RETRY_MS = 3000


class SaveWatcher(QObject):
    """Watches the history store of ``history`` once it is opened."""

    problemChanged = Signal(str)

    def __init__(self, history: HistoryAccess, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.history = history
        self.problem = ""
        self._store: HistoryStore | None = None
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self._on_retry_timeout)
        history.when_opened(self.watch)

    def watch(self, store: HistoryStore) -> None:
        if self._store is store:
            return
        self._store = store
        store.subscribe(self._on_store_changed)
        self._on_store_changed()

    def _on_store_changed(self) -> None:
        store = self._store
        problem = (store.write_problem or "") if store is not None else ""
        if store is not None and store.unsaved:
            self._retry.start()
        else:
            self._retry.stop()
        if problem != self.problem:
            self.problem = problem
            self.problemChanged.emit(problem)

    def _on_retry_timeout(self) -> None:
        if self._store is not None:
            self._store.flush()
            self._on_store_changed()

    def flush_before_quit(self, seconds: float = 5.0) -> int:
        """Try to write what waits for up to ``seconds``; returns how many writes are lost."""
        store = self._store
        if store is None:
            return 0
        deadline = time.monotonic() + seconds
        while not store.flush() and time.monotonic() < deadline:
            time.sleep(0.25)
        if store.unsaved:
            log.error("history: %d changes could not be saved before quitting", store.unsaved)
        return store.unsaved
