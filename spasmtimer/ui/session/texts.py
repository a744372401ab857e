"""What the session screen says, as plain functions of the session: where, what next, why paused.

And what a screen reader announces as each step starts (:func:`step_announcement`).
"""

from __future__ import annotations

from spasmtimer.core.routines.durations import format_duration
from spasmtimer.core.routines.plan import Step, StepKind
from spasmtimer.core.routines.routine import Side, Sides
from spasmtimer.core.session.events import PauseReason
from spasmtimer.core.session.machine import Session
from spasmtimer.ui.session.badge import WORDS


def side_text(side: Side | None) -> str:
    return {Side.LEFT: "Left side", Side.RIGHT: "Right side", None: ""}[side]


def position_text(session: Session, step: Step) -> str:
    """ "Rep 2 of 5 · Set 1 of 2 · Left side"."""
    exercise = session.plan.routine.exercises[step.exercise_index]
    reps = exercise.reps_at(session.plan.levels[step.exercise_index])
    parts = [f"Rep {step.rep} of {reps}"]
    if exercise.sets > 1:
        parts.append(f"Set {step.set} of {exercise.sets}")
    if exercise.sides is not Sides.NONE and step.side is not None:
        parts.append(side_text(step.side))
    return "  ·  ".join(parts)


def next_text(session: Session) -> str:
    nxt = session.next_step
    if nxt is None:
        return "Next: the end — well done"
    seconds = format_duration(nxt.seconds, whole_minutes=True)
    if nxt.exercise_index != session.step.exercise_index:
        return f"Next: {nxt.exercise}"
    word = WORDS[nxt.kind].capitalize()
    side = f" ({side_text(nxt.side).lower()})" if nxt.side is not None else ""
    if nxt.kind is StepKind.HOLD:
        return f"Next: hold {seconds}{side}"
    return f"Next: {word.lower()} {seconds}"


def step_announcement(session: Session, step: Step) -> str:
    """What a screen reader says as ``step`` starts: "Hold: Pelvic tilt, rep 1 of 5"."""
    exercise = session.plan.routine.exercises[step.exercise_index]
    where = position_text(session, step).replace("  ·  ", ", ").lower()
    word = WORDS[step.kind].capitalize()
    if step.kind is StepKind.HOLD:
        return f"{word}: {exercise.name}, {where}"
    return f"{word}. Next: {exercise.name}, {where}"


def pause_text(reason: PauseReason | None) -> str:
    if reason is PauseReason.SLEEP:
        return "Paused: the computer was asleep"
    return "Paused by you"
