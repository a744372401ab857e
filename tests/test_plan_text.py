"""The plan text in core is what ``spasmtimer plan`` prints, line for line."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from spasmtimer import resources
from spasmtimer.cli import routines as cli_routines
from spasmtimer.core.routines.loader import load_routine
from spasmtimer.core.routines.plan import make_plan
from spasmtimer.core.routines.plan_text import plan_table, summary


@pytest.mark.parametrize("path", resources.bundled_routine_files(), ids=lambda p: p.stem)
def test_core_plan_text_is_what_spasmtimer_plan_prints(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    routine = load_routine(path)
    plan = make_plan(routine)
    assert cli_routines.cmd_plan(argparse.Namespace(file=str(path), json=False)) == 0
    assert capsys.readouterr().out == plan_table(plan) + "\n"
    assert plan_table(plan).startswith(f"{routine.name}: {summary(routine)}\n")
    lines = plan_table(plan).splitlines()
    assert lines[2].split() == ["#", "START", "KIND", "EXERCISE", "SET", "REP", "SIDE", "SECONDS"]
    assert lines[-1].startswith("Total: ") and f"{plan.hold_count} holds" in lines[-1]
