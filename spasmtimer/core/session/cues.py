"""Which cue falls due when: the spoken coaching of a plan, step by step. Pure.

:func:`cues_for_step` gives, for one step of a plan, the cues and their
offsets (seconds from the start of the step). The session turns them into
:class:`~spasmtimer.core.session.events.CueDue` events at the right moment; the audio
layer speaks :attr:`Cue.text` or assembles pre-rendered clips from the
structured fields.

What is said when
-----------------
At the start of every step, exactly one cue says what to do now:

============  ====================  ==========================================
step          kind                  words
============  ====================  ==========================================
prepare       GET_READY             "Next: Prayer stretch, 5 reps, hold 5
                                    seconds" (plus "each side" / "alternating
                                    sides" and "2 sets" when they apply)
hold          HOLD                  "Hold"
hold, first   NEXT_EXERCISE         "Cat-cow. Hold" - only for an exercise
of an                               without a prepare step, so its name is
exercise                            still heard
rest          REST                  "Rest 3 seconds"
switch        SWITCH_SIDES          "Switch to your right side"
set_rest      SET_COMPLETE          "Set 1 of 2 complete. Rest 20 seconds"
============  ====================  ==========================================

The end of a hold is the start of the next step, so there is no separate
"release" at that instant (two cues at once would be spoken over each
other). Instead the next step's cue has ``release=True`` and its words start
with "Release." The end of the routine is one more cue at the end of the
last step: ROUTINE_COMPLETE, "Well done. Routine complete." (also with
"Release." before it when the last step is a hold). RELEASE on its own is
never scheduled; the session says it when the user stops during a hold.

Within a hold, at whole seconds 1, 2, ... (never at 0, where the hold's
opening cue is spoken, and never at its end), depending on
:class:`CountStyle`:

- ``UP``: COUNT 1, 2, 3, ... (seconds done; no LAST_THREE, the numbers
  themselves tell how close the end is).
- ``DOWN``: COUNT with the seconds still to go (9, 8, ... for a 10 s hold),
  and the last three as LAST_THREE 3, 2, 1 instead of COUNT.
- ``LAST_THREE``: only LAST_THREE 3, 2, 1.
- ``NONE``: no numbers.

Holds longer than a minute (an ice pack's 20 minutes, a long plank) are
not counted aloud second by second: a voice saying "1187" helps nobody and
numbers are only recorded up to 120. They get HALFWAY and, whatever the count
style (bar ``NONE``), a countdown of their last ten seconds.

Holds of 20 s or more get HALFWAY at the whole second ``floor(hold / 2)``,
whatever the count style; it replaces that second's number. A number that
would fall while the hold's opening words are still being spoken (see
:func:`speaking_seconds`; e.g. "Release. Cat-cow. Hold") is left out.
So no two cues ever share an instant. Words of a long cue can still run into
the next cue when the steps between them are very short (a 2 s prepare after
"Next: ..."); the audio layer decides whether to cut or queue.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

from spasmtimer.core.routines.plan import Plan, Step, StepKind
from spasmtimer.core.routines.routine import Side, Sides
from spasmtimer.core.session.sound_settings import CountStyle  # re-exported: a user setting

__all__ = [
    "HALFWAY_MIN_HOLD",
    "LONG_HOLD",
    "LONG_HOLD_COUNTDOWN",
    "WORDS_PER_SECOND",
    "CountStyle",
    "Cue",
    "CueKind",
    "cues_for_step",
    "release_cue",
    "say_seconds",
    "speaking_seconds",
    "whole_seconds",
]

HALFWAY_MIN_HOLD = 20.0
LONG_HOLD = 60.0  # longer holds only count their last ten seconds aloud
LONG_HOLD_COUNTDOWN = 10
WORDS_PER_SECOND = 2.5  # an unhurried speaking voice, about 150 words a minute
_EPS = 1e-9


class CueKind(enum.Enum):
    """What a cue says; the audio layer picks its clips by kind."""

    GET_READY = enum.auto()
    NEXT_EXERCISE = enum.auto()
    HOLD = enum.auto()
    COUNT = enum.auto()
    LAST_THREE = enum.auto()
    HALFWAY = enum.auto()
    RELEASE = enum.auto()
    REST = enum.auto()
    SWITCH_SIDES = enum.auto()
    SET_COMPLETE = enum.auto()
    ROUTINE_COMPLETE = enum.auto()


@dataclass(frozen=True)
class Cue:
    """One thing to say: the full words, and the facts they are made of.

    ``number``: the count (COUNT, LAST_THREE). ``side``: the side to hold or
    switch to. ``exercise``, ``reps``, ``sets``, ``sides``: the exercise
    announced (GET_READY, NEXT_EXERCISE). ``seconds``: the hold time
    (GET_READY, NEXT_EXERCISE, HOLD), or the rest time (REST, SWITCH_SIDES,
    SET_COMPLETE). ``set``: the set just completed (SET_COMPLETE).
    ``release``: a hold ends at this instant, the words start with "Release."
    """

    kind: CueKind
    text: str
    number: int | None = None
    side: Side | None = None
    exercise: str | None = None
    seconds: float | None = None
    reps: int | None = None
    sets: int | None = None
    set: int | None = None
    sides: Sides | None = None
    release: bool = False


def say_seconds(seconds: float) -> str:
    """'1 second', '20 seconds', '2.5 seconds', '1 minute 30 seconds'."""
    if seconds >= 60 and float(seconds).is_integer():
        minutes, rest = divmod(int(seconds), 60)
        words = f"{minutes} minute{'s' if minutes != 1 else ''}"
        return f"{words} {say_seconds(rest)}" if rest else words
    number = f"{int(seconds)}" if float(seconds).is_integer() else f"{seconds:g}"
    return f"{number} second{'' if number == '1' else 's'}"


def speaking_seconds(text: str) -> float:
    """About how long ``text`` takes to say aloud."""
    return len(text.split()) / WORDS_PER_SECOND


def _exercise_words(name: str, reps: int, sets: int, sides: Sides, hold: float) -> str:
    words = f"{name}, {reps} rep{'s' if reps != 1 else ''}, hold {say_seconds(hold)}"
    if sides is Sides.EACH:
        words += ", each side"
    elif sides is Sides.ALTERNATE:
        words += ", alternating sides"
    if sets > 1:
        words += f", {sets} sets"
    return words


def _opening(plan: Plan, index: int) -> Cue:
    """The one cue at the start of step ``index``."""
    step = plan.steps[index]
    previous = plan.steps[index - 1] if index > 0 else None
    release = previous is not None and previous.kind is StepKind.HOLD
    lead = "Release. " if release else ""
    exercise = plan.routine.exercises[step.exercise_index]
    level = plan.levels[step.exercise_index]
    hold, reps = exercise.seconds_at(level), exercise.reps_at(level)
    if step.kind is StepKind.PREPARE:
        about = _exercise_words(exercise.name, reps, exercise.sets, exercise.sides, hold)
        return Cue(
            CueKind.GET_READY, f"{lead}Next: {about}", side=step.side, exercise=exercise.name,
            seconds=hold, reps=reps, sets=exercise.sets, sides=exercise.sides,
            release=release,
        )  # fmt: skip
    if step.kind is StepKind.REST:
        text = f"{lead}Rest {say_seconds(step.seconds)}"
        return Cue(CueKind.REST, text, side=step.side, seconds=step.seconds, release=release)
    if step.kind is StepKind.SWITCH:
        assert step.side is not None
        text = f"{lead}Switch to your {step.side.value} side"
        return Cue(
            CueKind.SWITCH_SIDES, text, side=step.side, seconds=step.seconds, release=release
        )
    if step.kind is StepKind.SET_REST:
        done, total = step.set - 1, exercise.sets
        text = f"{lead}Set {done} of {total} complete. Rest {say_seconds(step.seconds)}"
        return Cue(
            CueKind.SET_COMPLETE, text, seconds=step.seconds, set=done, sets=total,
            exercise=exercise.name, release=release,
        )  # fmt: skip
    # A hold.
    if previous is None or previous.exercise_index != step.exercise_index:
        return Cue(
            CueKind.NEXT_EXERCISE, f"{lead}{exercise.name}. Hold", side=step.side,
            exercise=exercise.name, seconds=step.seconds, reps=reps,
            sets=exercise.sets, sides=exercise.sides, release=release,
        )  # fmt: skip
    if release and previous is not None and previous.side is not step.side:
        assert step.side is not None
        text = f"Release. Switch to your {step.side.value} side. Hold"
        return Cue(CueKind.HOLD, text, side=step.side, seconds=step.seconds, release=True)
    return Cue(CueKind.HOLD, f"{lead}Hold", side=step.side, seconds=step.seconds, release=release)


def whole_seconds(seconds: float) -> range:
    """The whole seconds strictly inside a step of ``seconds``: 1, 2, ..."""
    return range(1, math.ceil(seconds - _EPS))


def _second_cue(step: Step, second: int, style: CountStyle) -> Cue | None:
    to_go = math.ceil(step.seconds - second - _EPS)
    halfway = step.seconds >= HALFWAY_MIN_HOLD and second == math.floor(step.seconds / 2)
    if halfway:
        return Cue(CueKind.HALFWAY, "Halfway", seconds=step.seconds - second)
    if step.seconds > LONG_HOLD and style is not CountStyle.NONE:
        if to_go > LONG_HOLD_COUNTDOWN:
            return None
        style = CountStyle.DOWN
    if style is CountStyle.UP:
        return Cue(CueKind.COUNT, str(second), number=second)
    if style in (CountStyle.DOWN, CountStyle.LAST_THREE) and to_go <= 3:
        return Cue(CueKind.LAST_THREE, str(to_go), number=to_go)
    if style is CountStyle.DOWN:
        return Cue(CueKind.COUNT, str(to_go), number=to_go)
    return None


def cues_for_step(
    plan: Plan, index: int, count_style: CountStyle = CountStyle.DOWN
) -> list[tuple[float, Cue]]:
    """The cues of step ``index`` as (offset into the step, cue), in time order.

    Offsets lie in ``[0, step.seconds)``, except ROUTINE_COMPLETE, which the
    last step carries at exactly ``step.seconds``. No two share an offset.
    """
    step = plan.steps[index]
    opening = _opening(plan, index)
    cues: list[tuple[float, Cue]] = [(0.0, opening)]
    if step.kind is StepKind.HOLD:
        quiet_until = speaking_seconds(opening.text)
        for second in whole_seconds(step.seconds):
            cue = _second_cue(step, second, count_style)
            if cue is not None and (second >= quiet_until or cue.kind is CueKind.HALFWAY):
                cues.append((float(second), cue))
    if index == len(plan.steps) - 1:
        release = step.kind is StepKind.HOLD
        text = ("Release. " if release else "") + "Well done. Routine complete."
        cues.append((step.seconds, Cue(CueKind.ROUTINE_COMPLETE, text, release=release)))
    return cues


def release_cue() -> Cue:
    """What the session says when a hold is cut short by stopping."""
    return Cue(CueKind.RELEASE, "Release", release=True)
