"""The timeline a session walks: what falls due inside each step, and after it.

Pure functions over a plan and the counting style, shared by
:class:`spasmtimer.core.session.machine.Session` as it runs and as it looks
ahead. Inside a step, its whole seconds and its cues are merged into one list
of :class:`Item` in time order (a second before the cue that falls with it);
the routine's last words are said as it finishes, not inside its last step.

Where the controls go
---------------------
``skip`` goes to the next step. ``back`` restarts the current hold; pressed
within :data:`BACK_GRACE` seconds of a hold's start it goes to the previous
hold instead; in any other step it goes to the hold before it (or restarts
the step when there is none). ``next_exercise`` skips the rest of the
exercise (its remaining holds count as skipped); ``previous_exercise`` goes
to the start of the previous exercise (from the first exercise, restarts it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spasmtimer.core.routines.plan import Plan, StepKind
from spasmtimer.core.session.cues import CountStyle, Cue, cues_for_step, whole_seconds
from spasmtimer.core.session.events import CueDue, ExerciseSummary, StepStarted, Summary

EPS = 1e-9  # float slack when comparing due times with the clock
BACK_GRACE = 1.5  # seconds after a hold starts during which back goes further back


@dataclass(frozen=True)
class Item:
    """Something due inside a step: a whole second, or a cue."""

    offset: float
    second: int | None = None
    cue: Cue | None = None


def step_items(plan: Plan, index: int, count_style: CountStyle) -> list[Item]:
    """Step ``index``'s whole seconds and cues, in order."""
    step = plan.steps[index]
    items = [Item(float(s), second=s) for s in whole_seconds(step.seconds)]
    for offset, cue in cues_for_step(plan, index, count_style):
        if offset < step.seconds - EPS:  # the routine's last cue comes with Finished
            items.append(Item(offset, cue=cue))
    # A second before its cue; offsets are whole seconds or 0, so sorting is exact.
    items.sort(key=lambda it: (it.offset, it.cue is not None))
    merged: list[Item] = []
    for item in items:
        if merged and merged[-1].offset == item.offset and merged[-1].cue is None:
            merged[-1] = Item(item.offset, merged[-1].second, item.cue)
        else:
            merged.append(item)
    return merged


def final_cues(plan: Plan, count_style: CountStyle) -> list[Cue]:
    """The routine's last words, said as it finishes."""
    last = len(plan.steps) - 1
    return [
        cue
        for offset, cue in cues_for_step(plan, last, count_style)
        if offset >= plan.steps[last].seconds - EPS
    ]


def previous_hold(plan: Plan, index: int) -> int | None:
    """The index of the last hold before step ``index``, if there is one."""
    for i in range(index - 1, -1, -1):
        if plan.steps[i].kind is StepKind.HOLD:
            return i
    return None


def look_ahead(
    plan: Plan,
    count_style: CountStyle,
    index: int,
    start: float,
    pending: Sequence[Item],
    until: float,
) -> list[CueDue | StepStarted]:
    """The cues and step starts due up to clock time ``until``, in order.

    ``index`` is the current step, begun at clock time ``start``, with
    ``pending`` its items not yet emitted; past its end the steps follow one
    another on time, up to the routine's last words.
    """
    steps = plan.steps
    items: Sequence[Item] = pending
    out: list[CueDue | StepStarted] = []
    while True:
        for item in items:
            due = start + item.offset
            if due > until + EPS:
                return out
            if item.cue is not None:
                out.append(CueDue(item.cue, due=due))
        end = start + steps[index].seconds
        if end > until + EPS:
            return out
        index, start = index + 1, end
        if index >= len(steps):
            out.extend(CueDue(cue, due=end) for cue in final_cues(plan, count_style))
            return out
        out.append(StepStarted(index, steps[index], due=start))
        items = step_items(plan, index, count_style)


def back_target(plan: Plan, index: int, elapsed: float) -> int:
    """Where ``back`` goes from step ``index``, ``elapsed`` seconds into it."""
    previous = previous_hold(plan, index)
    if previous is not None and (
        plan.steps[index].kind is not StepKind.HOLD or elapsed < BACK_GRACE
    ):
        return previous
    return index


def next_exercise_start(plan: Plan, index: int) -> int:
    """The first step after step ``index`` of another exercise (or the end)."""
    steps = plan.steps
    target = index + 1
    while target < len(steps) and steps[target].exercise_index == steps[index].exercise_index:
        target += 1
    return target


def holds_between(plan: Plan, start: int, end: int) -> list[int]:
    """The indices of the holds from step ``start`` up to, not including, ``end``."""
    return [i for i in range(start, end) if plan.steps[i].kind is StepKind.HOLD]


def exercise_start(plan: Plan, exercise_index: int) -> int:
    """The index of the first step of exercise ``exercise_index``."""
    return next(i for i, s in enumerate(plan.steps) if s.exercise_index == exercise_index)


def summarize(plan: Plan, outcomes: Mapping[int, bool], seconds: float, completed: bool) -> Summary:
    """The session's summary from each hold's last outcome (step index: done)."""
    per_exercise = []
    for index, exercise in enumerate(plan.routine.exercises):
        done = [ok for i, ok in outcomes.items() if plan.steps[i].exercise_index == index]
        level = plan.levels[index]
        per_exercise.append(
            ExerciseSummary(
                index,
                exercise.name,
                done.count(True),
                done.count(False),
                level,
                exercise.seconds_at(level),
            )
        )
    return Summary(
        holds_done=sum(e.holds_done for e in per_exercise),
        holds_skipped=sum(e.holds_skipped for e in per_exercise),
        seconds=seconds,
        completed=completed,
        per_exercise=tuple(per_exercise),
    )
