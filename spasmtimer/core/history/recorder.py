"""Writing a session to the history while it runs.

:class:`SessionRecorder` listens to a session's events and commits each hold
the moment it ends, so the history is never more than one hold behind what
the user did. The session row is written at the first step, marked
interrupted; :class:`~spasmtimer.core.session.events.Finished` and
:class:`~spasmtimer.core.session.events.Stopped` mark it completed or stopped. A
failure to write is the store's to report (its ``notice``); the recorder
never lets one reach the session.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from spasmtimer.core.history.store import HistoryStore, SessionStatus, routine_hash
from spasmtimer.core.routines.plan import Plan, Step, StepKind
from spasmtimer.core.session.events import (
    Event,
    Finished,
    LevelChanged,
    StepEnded,
    StepStarted,
    Stopped,
)

log = logging.getLogger(__name__)


class Subscribable(Protocol):
    """What the recorder needs of a session: its plan and its events."""

    @property
    def plan(self) -> Plan: ...

    def subscribe(self, callback: Callable[[Event], None]) -> Any: ...


class SessionRecorder:
    """Keeps one session's history up to date as its events come.

    ``routine_path`` is the file the routine came from (its sha256 is stored);
    by default the routine's own ``path``.
    """

    def __init__(
        self,
        store: HistoryStore,
        plan: Plan,
        *,
        routine_path: Path | None = None,
        pain_before: int | None = None,
    ) -> None:
        self.store = store
        self.plan = plan
        self.routine = plan.routine
        self._levels = dict(enumerate(plan.levels))
        path = routine_path if routine_path is not None else plan.routine.path
        self._hash = routine_hash(path, fallback=repr(plan.routine))
        self._pain_before = pain_before
        self.session_id: int | None = None
        self.status: SessionStatus | None = None
        self._last_index = -1

    @classmethod
    def attach(cls, store: HistoryStore, session: Subscribable, **options: Any) -> SessionRecorder:
        """A recorder for ``session``, already listening to it."""
        recorder = cls(store, session.plan, **options)
        session.subscribe(recorder.on_event)
        return recorder

    # -- what the user adds -------------------------------------------------

    def set_pain_before(self, rating: int | None) -> None:
        if self.session_id is None:
            self._pain_before = rating
        elif rating is not None:
            self.store.set_pain(self.session_id, before=rating)

    def set_pain_after(self, rating: int | None) -> None:
        if self.session_id is not None and rating is not None:
            self.store.set_pain(self.session_id, after=rating)

    def set_note(self, note: str | None) -> None:
        if self.session_id is not None:
            self.store.set_note(self.session_id, note)

    def record_event(self, kind: str, detail: str = "") -> None:
        """Something that happened during this session, e.g. "this hurts"."""
        self.store.record_event(self.session_id, kind, detail)

    # -- the session's events ---------------------------------------------

    def on_event(self, event: Event) -> None:
        """The callback given to ``Session.subscribe``."""
        try:
            self._handle(event)
        except Exception:
            log.exception("history: could not record %r", event)

    def _begin(self) -> int:
        if self.session_id is None:
            self.session_id = self.store.begin_session(
                self.routine.name, self._hash, pain_before=self._pain_before
            )
        return self.session_id

    def _handle(self, event: Event) -> None:
        if isinstance(event, StepStarted):
            self._begin()
            # Only "next exercise" jumps forward; the holds it passes over are
            # skipped ones (the session counts them so too), with no event each.
            for index in range(self._last_index + 1, event.index):
                self._record(index, self.plan.steps[index], skipped=True)
            self._last_index = event.index
        elif isinstance(event, LevelChanged):  # + / − during the session
            from spasmtimer.core.history.level_changes import record_choice

            old = self._levels.get(event.exercise_index, self.plan.levels[event.exercise_index])
            self._levels[event.exercise_index] = event.level
            exercise = self.routine.exercises[event.exercise_index]
            at = self.store.now()
            sid = self._begin()
            if not record_choice(
                self.store.connection, self.routine.name, exercise, old, event.level, at, sid
            ):
                self.store.save_level(self.routine.name, exercise.name, event.level)
        elif isinstance(event, StepEnded):
            self._record(event.index, event.step, skipped=event.skipped)
        elif isinstance(event, Finished | Stopped) and self.status is None:
            if self.session_id is None:
                return  # stopped before it started: nothing was done
            self.status = (
                SessionStatus.COMPLETED if isinstance(event, Finished) else SessionStatus.STOPPED
            )
            self.store.finish_session(
                self._begin(), self.status, active_seconds=event.summary.seconds
            )

    def _record(self, index: int, step: Step, *, skipped: bool) -> None:
        if step.kind is not StepKind.HOLD:
            return
        self.store.record_hold(
            self._begin(),
            step_index=index,
            exercise_index=step.exercise_index,
            exercise=step.exercise,
            level=self._levels.get(step.exercise_index, 0),
            seconds=step.seconds,
            skipped=skipped,
            set=step.set,
            rep=step.rep,
            side=None if step.side is None else step.side.value,
        )
