"""The session plan as text for a person: what ``spasmtimer plan`` prints.

Pure formatting over :mod:`spasmtimer.core.routines.plan`, shared by the command line
and the routine editor's live summary, so the editor shows exactly the lines
the command prints.
"""

from __future__ import annotations

from collections.abc import Sequence

from spasmtimer.core.routines.durations import format_clock, format_duration
from spasmtimer.core.routines.plan import Plan, Step, make_plan
from spasmtimer.core.routines.routine import Routine

__all__ = ["plan_table", "summary", "table"]


def summary(routine: Routine) -> str:
    """``5 exercises, 15 min 3 s``: what a routine is, in a few words."""
    count = len(routine.exercises)
    noun = "exercise" if count == 1 else "exercises"
    return f"{count} {noun}, {format_duration(make_plan(routine).total_seconds)}"


def table(rows: Sequence[Sequence[str]], right: set[int]) -> str:
    """Rows as aligned columns; the columns in ``right`` are right-aligned."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _seconds(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def _position(step: Step) -> tuple[str, str, str]:
    side = "" if step.side is None else step.side.value
    return str(step.set), str(step.rep), side


def plan_table(plan: Plan) -> str:
    """The plan for a person: one line per step, with where it starts."""
    rows = [("#", "START", "KIND", "EXERCISE", "SET", "REP", "SIDE", "SECONDS")]
    offset = 0.0
    for number, step in enumerate(plan.steps, start=1):
        kind = step.kind.value.replace("_", " ")
        start = format_clock(offset)
        rows.append(
            (str(number), start, kind, step.exercise, *_position(step), _seconds(step.seconds))
        )
        offset += step.seconds
    total = plan.total_seconds
    return "\n".join(
        [
            f"{plan.routine.name}: {summary(plan.routine)}",
            "",
            table(rows, right={0, 4, 5, 7}),
            "",
            f"Total: {format_duration(total)} ({_seconds(total)} s), {plan.hold_count} holds",
        ]
    )
