"""The session plan: a routine expanded into the timeline of steps it takes.

This follows "The session plan" of the routine format exactly. Every step
that is not a hold carries the position (set, rep, side) of the hold it leads
to, so "get ready" and "rest" can say what comes next.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from spasmtimer.core.routines.routine import Exercise, Routine, Side, Sides


class StepKind(enum.Enum):
    """What the user does during a step."""

    PREPARE = "prepare"
    HOLD = "hold"
    REST = "rest"
    SWITCH = "switch"
    SET_REST = "set_rest"


@dataclass(frozen=True)
class Step:
    """One stretch of time with a single thing to do."""

    kind: StepKind
    exercise_index: int
    exercise: str
    seconds: float
    set: int
    rep: int
    side: Side | None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "exercise": self.exercise,
            "seconds": float(self.seconds),
            "set": self.set,
            "rep": self.rep,
            "side": None if self.side is None else self.side.value,
        }


@dataclass(frozen=True)
class Plan:
    """The timeline of a routine at given hold levels."""

    routine: Routine
    steps: tuple[Step, ...]
    levels: tuple[int, ...]  # the hold level used, per exercise

    @property
    def total_seconds(self) -> float:
        return float(sum(step.seconds for step in self.steps))

    def exercise_seconds(self, index: int) -> float:
        return float(sum(s.seconds for s in self.steps if s.exercise_index == index))

    @property
    def hold_count(self) -> int:
        return sum(1 for s in self.steps if s.kind is StepKind.HOLD)

    def to_json(self) -> dict[str, Any]:
        return {
            "routine": self.routine.name,
            "total_seconds": self.total_seconds,
            "steps": [step.to_json() for step in self.steps],
        }


def hold_order(exercise: Exercise, level: int = 0) -> list[tuple[int, Side | None]]:
    """The (rep, side) of each hold in one set at ``level``, in the order they are done."""
    reps = range(1, exercise.reps_at(level) + 1)
    if exercise.sides is Sides.NONE:
        return [(rep, None) for rep in reps]
    if exercise.sides is Sides.ALTERNATE:
        return [(rep, side) for rep in reps for side in (Side.LEFT, Side.RIGHT)]
    return [(rep, side) for side in (Side.LEFT, Side.RIGHT) for rep in reps]


def _exercise_steps(index: int, exercise: Exercise, level: int) -> Iterator[Step]:
    hold_seconds = exercise.seconds_at(level)
    order = hold_order(exercise, level)
    first_rep, first_side = order[0]

    def step(kind: StepKind, seconds: float, set_: int, rep: int, side: Side | None) -> Step:
        return Step(kind, index, exercise.name, float(seconds), set_, rep, side)

    if exercise.prepare > 0:
        yield step(StepKind.PREPARE, exercise.prepare, 1, first_rep, first_side)
    for set_ in range(1, exercise.sets + 1):
        if set_ > 1 and exercise.set_rest > 0:
            yield step(StepKind.SET_REST, exercise.set_rest, set_, first_rep, first_side)
        previous_side: Side | None = None
        for position, (rep, side) in enumerate(order):
            if position > 0 and exercise.rest > 0:
                kind = StepKind.SWITCH if side is not previous_side else StepKind.REST
                yield step(kind, exercise.rest, set_, rep, side)
            yield step(StepKind.HOLD, hold_seconds, set_, rep, side)
            previous_side = side


def make_plan(routine: Routine, levels: Mapping[int, int] | None = None) -> Plan:
    """Expand ``routine`` into its steps.

    ``levels`` maps an exercise's index to its level (the hold's, then the
    reps', see :class:`Exercise`); exercises not in it use the lower bounds
    of their hold and reps. Levels out of range are clamped.
    """
    levels = levels or {}
    used = tuple(ex.clamp_level(levels.get(i, 0)) for i, ex in enumerate(routine.exercises))
    steps: list[Step] = []
    for index, exercise in enumerate(routine.exercises):
        steps.extend(_exercise_steps(index, exercise, used[index]))
    return Plan(routine=routine, steps=tuple(steps), levels=used)
