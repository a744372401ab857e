"""Any valid routine goes through the editor unchanged: same text, same routine, same plan.

Routine files are made at random (values within the format's limits, in
every way of writing them: 10, 2.5, "10s", "1m30s", "2 min", "1:30", ranges,
defaults, folded and quoted text, two indent styles and comments). Opened
in the editor and saved unchanged they keep their bytes; typed field by
field into a blank routine they load to an equal routine with the same plan.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from spasmtimer.core.editor.document import RoutineDocument
from spasmtimer.core.editor.draft import FieldRef
from spasmtimer.core.routines.loader import RoutineError, load_routine, load_routine_text
from spasmtimer.core.routines.plan import make_plan
from spasmtimer.core.routines.plan_text import plan_table
from tests.editor_helpers import fill_from_draft

SETTINGS = settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])

words = st.text(
    alphabet=st.characters(
        whitelist_categories=("L", "N", "P", "S", "Zs"), blacklist_characters="\x85\xa0"
    ),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() != "" and "  " not in s)
long_text = st.lists(words, min_size=1, max_size=6).map(" ".join)


def duration(low: float, high: float) -> st.SearchStrategy[Any]:
    seconds = st.integers(int(max(low, 1)), int(min(high, 5400)))
    return st.one_of(
        seconds,
        seconds.map(lambda s: f"{s}s"),
        seconds.map(lambda s: f"{s // 60}m{s % 60}s" if s >= 60 else f"{s} s"),
        seconds.filter(lambda s: s % 60 == 0).map(lambda s: f"{s // 60} min"),
        seconds.filter(lambda s: s < 3600).map(lambda s: f"{s // 60}:{s % 60:02d}"),
        st.integers(int(max(low, 1)) * 2, int(min(high, 600)) * 2).map(lambda h: h / 2),
    )


@st.composite
def holds(draw: st.DrawFn) -> Any:
    low = draw(st.integers(1, 600))
    if draw(st.booleans()):
        return draw(duration(low, low))
    return [low, draw(st.integers(low, 1200))]


def exercise_fields(with_name: bool) -> st.SearchStrategy[dict[str, Any]]:
    optional = {
        "instructions": long_text,
        "image": st.sampled_from(["bridge.svg", "plank.svg", "mine/stretch.png"]),
        "reps": st.integers(1, 100),
        "sets": st.integers(1, 20),
        "sides": st.sampled_from(["none", "alternate", "each"]),
        "prepare": duration(0, 600),
        "rest": duration(0, 600),
        "set_rest": duration(0, 1800),
    }
    required: dict[str, Any] = {"hold": holds()}
    if with_name:
        required = {"name": words, **required}
    return st.fixed_dictionaries(required, optional=optional)


@st.composite
def routine_files(draw: st.DrawFn) -> str:
    document: dict[str, Any] = {"format": 1, "name": draw(words)}
    for key, strategy in (
        ("description", long_text),
        ("source", words),
        ("sessions_per_day", st.integers(1, 12)),
    ):
        if draw(st.booleans()):
            document[key] = draw(strategy)
    if draw(st.booleans()):
        defaults = draw(exercise_fields(with_name=False))
        defaults.pop("hold")
        document["defaults"] = defaults
    document["exercises"] = draw(st.lists(exercise_fields(with_name=True), min_size=1, max_size=4))
    text = yaml.safe_dump(
        document,
        sort_keys=draw(st.booleans()),
        allow_unicode=True,
        indent=draw(st.sampled_from([2, 4])),
        width=draw(st.sampled_from([60, 4096])),
    )
    if draw(st.booleans()):
        text = "# written by hand\n" + text.replace("\nexercises:\n", "\nexercises:  # the list\n")
    return text


# Text that ruamel.yaml took for a number and crashed on (found by this test).
ODD_NUMBERS = [
    "format: 1\nname: '0'\nsource: -_\nexercises:\n- name: '0'\n  hold: 1\n",
    "format: 1\nname: '0'\nsource: ._\nexercises:\n- name: '0'\n  hold: [1, 1]\n",
]


@SETTINGS
@given(routine_files())
@example(ODD_NUMBERS[0])
@example(ODD_NUMBERS[1])
def test_a_valid_routine_goes_through_the_editor_unchanged(text: str) -> None:
    try:
        routine = load_routine_text(text, "r.yaml")
    except RoutineError:
        assume(False)
        raise
    document = RoutineDocument.from_text(text)
    assert not document.read_only
    assert document.text == text
    assert document.check().routine == routine
    document.restore(document.snapshot())
    assert document.text == text and not document.is_modified

    retyped = RoutineDocument.blank()
    fill_from_draft(retyped, document.draft)
    again = retyped.check().routine
    assert again == routine, (retyped.text, retyped.check().problems)
    assert plan_table(make_plan(again)) == plan_table(make_plan(routine))


@SETTINGS
@given(routine_files(), st.data())
def test_typing_a_fields_own_text_again_keeps_the_routine(text: str, data: st.DataObject) -> None:
    try:
        routine = load_routine_text(text, "r.yaml")
    except RoutineError:
        assume(False)
        raise
    document = RoutineDocument.from_text(text)
    index = data.draw(st.integers(0, len(routine.exercises) - 1))
    name = data.draw(
        st.sampled_from(["name", "instructions", "reps", "sets", "sides", "prepare", "rest"])
    )
    ref = FieldRef(name, index)
    document.set_field(ref, document.draft.get(ref))
    assert document.check().routine == routine, document.text


def test_a_saved_unchanged_routine_loads_equal(tmp_path: Path) -> None:
    text = "format: 1\nname: A\nexercises:\n- name: B\n  hold: 1m30s  # long\n"
    path = tmp_path / "a.yaml"
    path.write_text(text)
    document = RoutineDocument.open(path)
    document.save(force=True)
    assert path.read_text() == text
    assert load_routine(path) == load_routine_text(text)
