"""Whatever a file holds, loading gives a routine or routine problems: nothing else.

Random text, random YAML documents, and a valid routine mutated at random
(keys deleted, values swapped for wrong types, huge numbers, odd unicode,
tags spliced into the text) must each either load or raise RoutineError
with well-formed problems; never another exception, never a hang.
"""

from __future__ import annotations

import copy
import math
import re
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spasmtimer.core.routines.loader import RoutineError, load_routine_text
from spasmtimer.core.routines.plan import make_plan
from spasmtimer.core.routines.routine import Routine

FAST = settings(deadline=None, max_examples=120, suppress_health_check=[HealthCheck.too_slow])
PROBLEM = re.compile(r"^t\.yaml:[1-9]\d*:[1-9]\d*: \S.*$", re.DOTALL)

VALID: dict[str, Any] = {
    "format": 1,
    "name": "Back spasm relief",
    "description": "Gentle.",
    "source": "An article",
    "sessions_per_day": 2,
    "defaults": {"prepare": "5s", "rest": 3, "set_rest": "20 s"},
    "exercises": [
        {"name": "Prayer stretch", "hold": [5, 10], "reps": 5, "sets": 2, "image": "p.svg"},
        {"name": "Rotation", "hold": "3s", "reps": 10, "sides": "alternate"},
        {"name": "Knee", "hold": "1 min", "sides": "each", "instructions": "Slowly."},
    ],
}
VALID_TEXT = yaml.safe_dump(VALID, sort_keys=False)

NASTY_SNIPPETS = [
    "!!python/object/apply:os.system ['true']", "!!python/name:os.system", "!foo ", "!!binary ",
    "&a ", "*a", "<<: *a\n", ": ", "- ", "\t", '"', "'", "\x00", "\x07", "---\n", "...\n", "[",
    "{", "}", "]", "#", "|\n", ">-\n", "? ", "%YAML 1.1\n", "\ufeff", "\u2028", "😀", "é",
    "1e309", "-.inf", ".nan", "9" * 30, "0x1F", "1:30", "~", "yes", "null", "\n  ", "\r\n",
]  # fmt: skip


def check(text: str) -> Routine | None:
    """Load ``text``; only a Routine or a RoutineError may come out."""
    try:
        routine = load_routine_text(text, "t.yaml")
    except RoutineError as error:
        assert error.problems
        for problem in error.problems:
            assert PROBLEM.match(str(problem)), str(problem)
        return None
    plan = make_plan(routine)
    assert math.isfinite(plan.total_seconds) and plan.total_seconds > 0
    assert 1 <= len(routine.exercises) <= 100
    return routine


@FAST
@given(st.text(max_size=300))
def test_random_text(text: str) -> None:
    check(text)


@FAST
@given(st.lists(st.sampled_from(NASTY_SNIPPETS + list("abc:- \n0123")), max_size=40))
def test_random_yaml_shaped_text(pieces: list[str]) -> None:
    check("".join(pieces))


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["10s", "2 min", "1m30s", "none", "alternate", "each", "1:30", "-5", ""]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@FAST
@given(values)
def test_random_yaml_documents(document: Any) -> None:
    check(yaml.safe_dump(document, allow_unicode=True))


@FAST
@given(st.dictionaries(st.sampled_from([*VALID, "holds", "reps"]), values, max_size=8))
def test_random_documents_with_routine_keys(document: dict[str, Any]) -> None:
    check(yaml.safe_dump(document, allow_unicode=True))


# A mutation: a path into the document, and what to do there.
paths = st.sampled_from(
    [(key,) for key in VALID]
    + [("defaults", key) for key in ("prepare", "rest", "set_rest", "hold", "reps", "sides")]
    + [("exercises", i, key) for i in range(3) for key in ("name", "hold", "reps", "sets",
       "sides", "prepare", "rest", "set_rest", "instructions", "image", "holds")]
    + [("exercises", 0, "hold", 0), ("exercises", 0, "hold", 1), ("exercises", 1)]
)  # fmt: skip
mutations = st.lists(st.tuples(paths, st.one_of(st.just("delete"), values)), max_size=4)


def mutate(document: dict[str, Any], path: tuple[Any, ...], change: Any) -> None:
    target: Any = document
    for step in path[:-1]:
        try:
            target = target[step]
        except (KeyError, IndexError, TypeError):
            return
    last = path[-1]
    if isinstance(target, dict) or (isinstance(target, list) and isinstance(last, int)):
        if change == "delete":
            if isinstance(target, dict):
                target.pop(last, None)
            elif last < len(target):
                del target[last]
        elif isinstance(target, dict) or last < len(target):
            target[last] = change


@FAST
@given(mutations)
def test_mutated_valid_routine(changes: list[tuple[tuple[Any, ...], Any]]) -> None:
    document = copy.deepcopy(VALID)
    for path, change in changes:
        mutate(document, path, change)
    routine = check(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))
    if not changes:
        assert routine is not None


@FAST
@given(
    st.lists(
        st.tuples(st.integers(0, len(VALID_TEXT)), st.sampled_from(NASTY_SNIPPETS)),
        min_size=1,
        max_size=3,
    )
)
def test_valid_text_with_snippets_spliced_in(splices: list[tuple[int, str]]) -> None:
    text = VALID_TEXT
    for where, snippet in sorted(splices, reverse=True):
        text = text[:where] + snippet + text[where:]
    check(text)


@FAST
@given(st.integers(0, len(VALID_TEXT) - 1), st.integers(1, 40))
def test_valid_text_cut_short_or_with_a_hole(start: int, length: int) -> None:
    check(VALID_TEXT[:start])
    check(VALID_TEXT[:start] + VALID_TEXT[start + length :])


def test_the_unmutated_document_loads() -> None:
    routine = check(VALID_TEXT)
    assert routine is not None
    assert make_plan(routine).total_seconds == (5 + 2 * (5 * 5 + 4 * 3) + 20) + (
        5 + 20 * 3 + 19 * 3
    ) + (5 + 2 * 60 + 3)
