"""Hostile YAML: aliases and merge keys that would expand to a huge tree.

A small routine file must never stop the app from starting: every mapping's
merges are worked out once however often it is shared, aliases and merged
fields are counted, and past a limit the file gets a FILE:LINE problem.
(How long and how much memory each case takes: ``bench/hostile_yaml.py``.)
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from spasmtimer.core.editor.draft import read_draft
from spasmtimer.core.routines import yamldoc
from spasmtimer.core.routines.loader import RoutineError, load_routine, load_routine_text

sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
from hostile_yaml import alias_laughs, deep_merges, nested_merges, wide_merges


@contextmanager
def never_hangs(seconds: int = 60) -> Iterator[None]:
    """Turns a hang (the naive expansion of 12 levels takes hours) into a failure."""

    def expired(signum: int, frame: object) -> None:
        raise AssertionError(f"still expanding after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def problems(text: str) -> list[str]:
    with pytest.raises(RoutineError) as caught:
        load_routine_text(text, "r.yaml")
    return [str(p) for p in caught.value.problems]


def test_nested_merges_are_worked_out_once_per_mapping(tmp_path: Path) -> None:
    path = tmp_path / "merges.yaml"
    path.write_text(nested_merges(12), encoding="utf-8")
    assert path.stat().st_size < 1024
    with never_hangs():
        routine = load_routine(path)
    # The same routine safe_load gives: every level is exercise A of 5 s.
    assert [(e.name, e.hold.min_seconds) for e in routine.exercises] == [("A", 5.0)] * 13


def test_the_editor_reads_nested_merges_once_too() -> None:
    with never_hangs():
        draft = read_draft(nested_merges(12))
    assert [e.name for e in draft.exercises] == ["A"] * 13


def test_too_many_aliases_is_a_problem_at_the_alias() -> None:
    found = problems(alias_laughs(levels=30, width=80))
    assert len(found) == 1
    line = 3 + 1 + yamldoc.MAX_ALIASES // 80 + 1  # the line of alias number MAX_ALIASES + 1
    assert found[0].startswith(f"r.yaml:{line}:")
    assert f"more than {yamldoc.MAX_ALIASES} aliases" in found[0]


def test_merges_that_copy_too_many_fields_are_a_problem_at_the_merge() -> None:
    text = wide_merges(fields=60, copies=400)  # 400 aliases, 24,000 fields copied
    found = [p for p in problems(text) if "'<<' merges" in p]
    assert len(found) == 1
    line = int(found[0].split(":")[1])
    assert text.splitlines()[line - 1].lstrip().startswith("- {<<: *b")
    assert f"more than {yamldoc.MAX_MERGE_WORK} fields" in found[0]


def test_a_long_chain_of_merges_is_a_problem_not_a_crash() -> None:
    found = problems(deep_merges(depth=120))
    assert any(f"nested more than {yamldoc.MAX_MERGE_DEPTH} deep" in p for p in found), found


def test_a_mapping_that_merges_itself_is_read_once() -> None:
    routine = load_routine_text(
        "format: 1\nname: Self\nexercises:\n  - &a {name: A, hold: 5, <<: *a}\n", "r.yaml"
    )
    assert routine.exercises[0].name == "A"
