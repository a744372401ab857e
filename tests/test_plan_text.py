"""The plan text in core is what ``spasmtimer plan`` prints, line for line."""

from __future__ import annotations

import pytest

from spasmtimer import resources
from spasmtimer.cli import routines as cli_routines
from spasmtimer.core.loader import load_routine
from spasmtimer.core.plan import make_plan
from spasmtimer.core.plan_text import plan_table, summary


@pytest.mark.parametrize("path", resources.bundled_routine_files(), ids=lambda p: p.stem)
def test_core_plan_text_matches_the_command_line(path: object) -> None:
    routine = load_routine(path)  # type: ignore[arg-type]
    plan = make_plan(routine)
    assert plan_table(plan) == cli_routines.plan_table(plan)
    assert summary(routine) == cli_routines.summary(routine)
    assert plan_table(plan).startswith(f"{routine.name}: {summary(routine)}\n")
