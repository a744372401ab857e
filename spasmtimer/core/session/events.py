"""What a session tells its listeners, in the order it happened.

Every event carries ``due``, the clock time at which it fell due, and
``late``, how many seconds after that it was emitted (``now - due`` at the
tick that found it). After a late tick the session reports everything in
between, in order, each with its own ``late``, so a listener can drop what
is stale (the sound layer skips a count spoken two seconds too late) yet
never miss a step boundary.

At a step boundary the order is: :class:`StepEnded`, then the next
:class:`StepStarted`, then the cues due at 0 of the new step. At a whole
second: :class:`SecondElapsed`, then its cue. At the end of the routine:
the last :class:`StepEnded`, the ROUTINE_COMPLETE cue, then :class:`Finished`.

:class:`SecondElapsed` comes for every whole second inside every step
(prepare, rest, switch and set rest too, not only holds), so a display can
repaint its countdown and a counter can count from events alone. It never
comes at second 0 nor at the step's end (that is :class:`StepEnded`).

A step may end more than once: ``back`` restarts a hold, whose first try
ends ``skipped=True``. The summary keeps the last outcome of every hold.
"""

from __future__ import annotations

import enum
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace

from spasmtimer.core.routines.plan import Step
from spasmtimer.core.session.cues import Cue
from spasmtimer.core.tally import counts


class PauseReason(enum.Enum):
    """Why a session stopped running for a while."""

    USER = enum.auto()  # the user pressed pause
    SLEEP = enum.auto()  # the machine was suspended, or the clock jumped


@dataclass(frozen=True)
class ExerciseSummary:
    """How one exercise of the routine went."""

    index: int
    name: str
    holds_done: int
    holds_skipped: int
    level: int  # the hold level in use at the end
    hold_seconds: float  # the hold time at that level


@dataclass(frozen=True)
class Summary:
    """How a session went: what the history stores and the end screen shows.

    ``seconds`` is active time, pauses excluded. ``completed`` is True when
    the session reached the end of the plan (even with skipped holds), False
    when it was stopped.
    """

    holds_done: int
    holds_skipped: int
    seconds: float
    completed: bool
    per_exercise: tuple[ExerciseSummary, ...] = ()

    @property
    def counts(self) -> bool:
        """Most of its holds done: it counts (:func:`spasmtimer.core.tally.counts`)."""
        return counts(self.holds_done, self.holds_skipped)


@dataclass(frozen=True, kw_only=True)
class Event:
    """Base of every session event."""

    due: float = 0.0
    late: float = 0.0


@dataclass(frozen=True)
class StepStarted(Event):
    index: int
    step: Step


@dataclass(frozen=True)
class StepEnded(Event):
    """A step is over; ``skipped`` when it was left before its time."""

    index: int
    step: Step
    skipped: bool = False


@dataclass(frozen=True)
class SecondElapsed(Event):
    """``second`` whole seconds of step ``index`` are done; ``remaining`` to go."""

    index: int
    step: Step
    second: int
    remaining: float


@dataclass(frozen=True)
class CueDue(Event):
    cue: Cue


@dataclass(frozen=True)
class Paused(Event):
    reason: PauseReason


@dataclass(frozen=True)
class Resumed(Event):
    pass


@dataclass(frozen=True)
class LevelChanged(Event):
    """The hold level of an exercise changed; the plan was rebuilt."""

    exercise_index: int
    level: int
    hold_seconds: float


@dataclass(frozen=True)
class Finished(Event):
    summary: Summary


@dataclass(frozen=True)
class Stopped(Event):
    summary: Summary


Listener = Callable[[Event], None]


class Outbox:
    """A session's events on their way to its listeners: in order, even when re-entered.

    A listener may call back into the session (a control from a cue handler);
    the events of that call wait until those before them are delivered.
    """

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._pending: list[Event] = []
        self._queue: deque[Event] = deque()
        self._delivering = False

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` with every event, in order; returns an unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def emit(self, event: Event, now: float) -> None:
        """Keep ``event`` for the next :meth:`flush`, stamped with how late it is at ``now``."""
        self._pending.append(replace(event, late=max(0.0, now - event.due)))

    def flush(self) -> list[Event]:
        """Hand the events kept since the last flush to the listeners; returns them."""
        events, self._pending = self._pending, []
        self._queue.extend(events)
        if not self._delivering:
            self._delivering = True
            try:
                while self._queue:
                    event = self._queue.popleft()
                    for listener in list(self._listeners):
                        listener(event)
            finally:
                self._delivering = False
        return events
