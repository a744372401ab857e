"""The history store as the app's screens use it: opened on first use, or absent.

Opening the database costs a few milliseconds that the picker need not
wait for, and on a machine where it cannot be opened at all the app goes on
without history. :class:`HistoryAccess` holds that choice in one place: the
session controller records through it, the picker shows "done today" from
it, the guidance counts the day's sessions with it.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from spasmtimer.core.history.opening import weak_callback
from spasmtimer.core.routines.library import levels_by_index
from spasmtimer.core.routines.routine import Routine

if TYPE_CHECKING:
    from spasmtimer.core.history.store import HistoryStore

log = logging.getLogger(__name__)

HistoryFactory = Callable[[], "HistoryStore"]


def open_default_history() -> HistoryStore:
    from spasmtimer.core.history.store import HistoryStore

    return HistoryStore.open_default()


class HistoryAccess:
    """The history store, opened by ``factory`` on first use (None: no history).

    Levels chosen while there is no history are kept for this run only.
    """

    def __init__(self, factory: HistoryFactory | None = open_default_history) -> None:
        self._factory = factory
        self._store: HistoryStore | None = None
        self._tried = False
        self._levels: dict[tuple[str, str], int] = {}
        self._on_open: list[Callable[[], Callable[[HistoryStore], None] | None]] = []

    @property
    def store(self) -> HistoryStore | None:
        if not self._tried:
            self._tried = True
            if self._factory is not None:
                try:
                    self._store = self._factory()
                except (OSError, sqlite3.Error):
                    log.exception("history unavailable")
            if self._store is not None:
                for ref in self._on_open:
                    callback = ref()
                    if callback is not None:
                        callback(self._store)
        return self._store

    def when_opened(self, callback: Callable[[HistoryStore], None]) -> None:
        """``callback(store)`` once the store is opened (at once if it is).

        A method is held weakly: the window and its helpers must be freed by
        reference counting alone (tests/test_ui_lifecycle.py).
        """
        self._on_open.append(weak_callback(callback))
        if self._store is not None:
            callback(self._store)

    def notice(self) -> str:
        """What went wrong with the history file, in the user's words ("" if nothing).

        Empty until the store was first used: asking must not open it.
        """
        store = self._store if self._tried else None
        return (store.notice or "") if store is not None else ""

    def done_today(self, routine: str) -> int:
        store = self.store
        return store.done_today(routine) if store is not None else 0

    def streak(self, routine: Routine) -> int:
        store = self.store
        return store.streak(routine.name, routine.sessions_per_day) if store is not None else 0

    def levels_for(self, routine: Routine) -> dict[int, int]:
        """The hold levels last chosen for ``routine``'s exercises, by position."""
        store = self.store
        if store is not None:
            by_name = store.levels_for(routine.name)
        else:
            by_name = {ex: lv for (r, ex), lv in self._levels.items() if r == routine.name}
        return levels_by_index(routine, by_name)

    def save_level(self, routine: Routine, index: int, level: int) -> None:
        """The user chose ``level`` with + / −: kept, and recorded as a level change."""
        exercise = routine.exercises[index]
        self._levels[(routine.name, exercise.name)] = level
        store = self.store
        if store is not None:
            from spasmtimer.core.history.level_changes import record_choice

            old = store.levels_for(routine.name).get(exercise.name, 0)
            if not record_choice(store.connection, routine.name, exercise, old, level, store.now()):
                store.save_level(routine.name, exercise.name, level)
