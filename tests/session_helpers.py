"""Shared by the session tests: routines of every shape, and ways to drive a session.

Nothing here sleeps: a :class:`FakeClock` is moved to exactly when the next
event falls due ("perfect" ticks), or past it by a random amount (late ticks).
"""

from __future__ import annotations

import random
from typing import Any

from spasmtimer.core.clock import FakeClock
from spasmtimer.core.routines.plan import Plan, StepKind, make_plan
from spasmtimer.core.routines.routine import Exercise, Hold, Routine, Sides
from spasmtimer.core.session.cues import CountStyle
from spasmtimer.core.session.events import CueDue, Event, SecondElapsed, StepEnded, StepStarted
from spasmtimer.core.session.machine import Session, SessionState


def routine(*exercises: Exercise) -> Routine:
    return Routine(name="R", exercises=exercises)


def every_kind_routine() -> Routine:
    """Two exercises whose plan has every kind of step: prepare, hold, rest, switch, set_rest."""
    return routine(
        Exercise("Knee to chest", Hold(5, 10), reps=2, sets=2, sides=Sides.EACH,
                 prepare=3, rest=2, set_rest=4),
        Exercise("Cat-cow", Hold.fixed(4), reps=2, prepare=2, rest=1),
    )  # fmt: skip


def every_kind_plan() -> Plan:
    plan = make_plan(every_kind_routine())
    assert {s.kind for s in plan.steps} == set(StepKind)
    return plan


class Recorder:
    """Collects a session's events as a listener sees them."""

    def __init__(self, session: Session) -> None:
        self.events: list[Event] = []
        session.subscribe(self._on_event)

    def _on_event(self, event: Event) -> None:
        self.events.append(event)

    def take(self) -> list[Event]:
        events, self.events = self.events, []
        return events

    def of(self, kind: type[Any]) -> list[Any]:
        return [e for e in self.events if isinstance(e, kind)]


def started(
    plan: Plan, clock: FakeClock | None = None, **options: Any
) -> tuple[Session, FakeClock, Recorder]:
    clock = clock or FakeClock(100.0)
    session = Session(plan, clock, **options)
    recorder = Recorder(session)
    session.start()
    return session, clock, recorder


def signature(event: Event) -> tuple[Any, ...]:
    """What must be identical however the ticks came: what happened, and when it was due."""
    detail: Any = None
    if isinstance(event, StepStarted | StepEnded):
        detail = (event.index, getattr(event, "skipped", None))
    elif isinstance(event, SecondElapsed):
        detail = (event.index, event.second, event.remaining)
    elif isinstance(event, CueDue):
        detail = (event.cue.kind, event.cue.text)
    return (type(event).__name__, detail, round(event.due, 9))


def run_perfect(session: Session, clock: FakeClock, until: float | None = None) -> None:
    """Tick exactly when each event falls due, until the session stops running."""
    while session.state is SessionState.RUNNING:
        wait = session.seconds_until_next_event()
        assert wait is not None
        if until is not None and clock() + wait > until:
            clock.set(until)
            session.tick()
            return
        clock.advance(wait)
        session.tick()


def run_late(session: Session, clock: FakeClock, rng: random.Random, most: float = 0.5) -> int:
    """Tick at least once a second, each tick late by 0 to ``most`` seconds; returns the ticks."""
    ticks = 0
    while session.state is SessionState.RUNNING:
        wait = session.seconds_until_next_event()
        assert wait is not None
        clock.advance(min(wait, 1.0) + rng.uniform(0.0, most))
        session.tick()
        ticks += 1
    return ticks


def run_through(plan: Plan, style: CountStyle = CountStyle.DOWN) -> list[Event]:
    session, clock, recorder = started(plan, count_style=style)
    run_perfect(session, clock)
    return recorder.events
