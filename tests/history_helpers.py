"""Shared by the history tests: a routine, and a session played from a script.

``ScriptedSession`` emits the events the real session emits at step
boundaries (``StepStarted``, ``StepEnded``, ``Finished``/``Stopped``), so the
recorder can be tested, and driven in a child process that is then killed,
without timing anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spasmtimer.core.routines.plan import Plan, make_plan
from spasmtimer.core.routines.routine import Exercise, Hold, Routine, Sides
from spasmtimer.core.session.events import Event, Finished, StepEnded, StepStarted, Stopped, Summary


def back_routine() -> Routine:
    return Routine(
        name="Back test",
        exercises=(
            Exercise("Knee to chest", Hold(10, 20), reps=2, sides=Sides.EACH, prepare=3, rest=2),
            Exercise("Cat-cow", Hold.fixed(5), reps=3, prepare=0, rest=1),
        ),
        sessions_per_day=2,
    )


class ScriptedSession:
    """Plays a plan's step boundaries to its listeners, one step per call."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.listeners: list[Callable[[Event], None]] = []
        self.index = -1

    def subscribe(self, callback: Callable[[Event], None]) -> None:
        self.listeners.append(callback)

    def emit(self, event: Event) -> None:
        for listener in self.listeners:
            listener(event)

    def start(self) -> None:
        self.index = 0
        self.emit(StepStarted(0, self.plan.steps[0]))

    def end_step(self, skipped: bool = False) -> bool:
        """End the current step and start the next; False once the plan is done."""
        steps = self.plan.steps
        self.emit(StepEnded(self.index, steps[self.index], skipped))
        self.index += 1
        if self.index < len(steps):
            self.emit(StepStarted(self.index, steps[self.index]))
            return True
        self.emit(Finished(Summary(0, 0, 0.0, True)))
        return False

    def run(self, skip: Iterable[int] = ()) -> None:
        skipped = set(skip)
        self.start()
        while self.end_step(self.index in skipped):
            pass

    def stop(self) -> None:
        self.emit(StepEnded(self.index, self.plan.steps[self.index], True))
        self.emit(Stopped(Summary(0, 0, 0.0, False)))


def scripted(levels: dict[int, int] | None = None) -> ScriptedSession:
    return ScriptedSession(make_plan(back_routine(), levels))
