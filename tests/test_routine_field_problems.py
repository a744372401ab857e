"""Every field error of the routine format is shown at its field, in the loader's words."""

from __future__ import annotations

import pytest

from spasmtimer.core.editor.document import RoutineDocument
from spasmtimer.core.editor.draft import FieldRef

VALID = """\
format: 1
name: Test
description: d
source: s
sessions_per_day: 1
defaults:
  prepare: 5s
  rest: 3s
exercises:
  - name: One
    hold: 10
    reps: 2
  - name: Two
    instructions: x
    image: bridge.svg
    hold: [5, 10]
    reps: 3
    sets: 2
    sides: alternate
    prepare: 5
    rest: 3
    set_rest: 20
"""

# (field, what is typed into it, the loader's words expected at that field)
TYPED = [
    (FieldRef("name"), "", "name is empty"),
    (FieldRef("name"), "x" * 81, "name is 81 characters long; at most 80 are allowed"),
    (FieldRef("sessions_per_day"), "0", "sessions_per_day must be a whole number from 1 to 12"),
    (FieldRef("sessions_per_day"), "two", 'from 1 to 12, got "two"'),
    (FieldRef("hold", defaults=True), "0", "defaults: hold must be from 1 s to 2 h, got 0"),
    (FieldRef("prepare", defaults=True), "11 min", "prepare must be from 0 s to 10 min"),
    (FieldRef("rest", defaults=True), "-1", "rest must be from 0 s to 10 min, got -1"),
    (FieldRef("set_rest", defaults=True), "31 min", "set_rest must be from 0 s to 30 min"),
    (FieldRef("reps", defaults=True), "0", "reps must be a whole number from 1 to 100"),
    (FieldRef("sets", defaults=True), "21", "sets must be a whole number from 1 to 20"),
    (FieldRef("sides", defaults=True), "both", "(did you mean 'each'?)"),
    (FieldRef("image", defaults=True), "/etc/x.svg", "not a full path"),
    (FieldRef("name", 0), "", "exercise 1: name is empty"),
    (FieldRef("hold", 0), "abc", 'hold must be a duration like 10, "10s" or "2 min"'),
    (FieldRef("hold", 0), "3h", "hold must be from 1 s to 2 h"),
    (FieldRef("hold", 0), "0.5", "hold must be from 1 s to 2 h, got 0.5"),
    (FieldRef("reps", 1), "ten", 'exercise 2 ("Two"): reps must be a whole number from 1 to 100'),
    (FieldRef("reps", 1), "101", "reps must be a whole number from 1 to 100, got 101"),
    (FieldRef("sets", 1), "0", "sets must be a whole number from 1 to 20, got 0"),
    (FieldRef("sets", 1), "2.5", "sets must be a whole number from 1 to 20, got 2.5"),
    (FieldRef("sides", 1), "left", "sides must be none, alternate or each"),
    (FieldRef("prepare", 1), "soon", "prepare must be a duration"),
    (FieldRef("rest", 1), "20 min", "rest must be from 0 s to 10 min"),
    (FieldRef("set_rest", 1), "1 h", "set_rest must be from 0 s to 30 min"),
    (FieldRef("set_rest", 1), "5 parsecs", "set_rest must be a duration"),
    (FieldRef("image", 1), "../x.svg", "must not lead outside the routine's folder"),
    (FieldRef("image", 1), "a\\b.svg", 'must be a file name like "stretch.svg"'),
]


@pytest.mark.parametrize(("ref", "typed", "words"), TYPED, ids=lambda v: str(v)[:30])
def test_a_bad_value_typed_in_a_field_is_reported_at_that_field(
    ref: FieldRef, typed: str, words: str
) -> None:
    document = RoutineDocument.from_text(VALID)
    assert document.check().ok
    document.set_field(ref, typed)
    check = document.check()
    assert not check.ok
    assert check.fields() == {ref}, check.problems
    [message] = check.at(ref)
    assert words in message


@pytest.mark.parametrize(
    ("low", "high", "words"),
    [
        ("10", "5", "hold range goes from 10 s down to 5 s"),
        ("5", "ten", "hold must be a duration"),
        ("3h", "4h", "hold must be from 1 s to 2 h"),
    ],
)
def test_a_bad_hold_range_is_reported_at_the_hold(low: str, high: str, words: str) -> None:
    document = RoutineDocument.from_text(VALID)
    document.set_hold(FieldRef("hold", 1), low, high)
    check = document.check()
    assert check.fields() == {FieldRef("hold", 1)}
    assert any(words in message for message in check.at(FieldRef("hold", 1)))


# (a change to the text, the field it shows at, the loader's words)
WRITTEN = [
    ("    hold: 10\n    reps: 2\n", "    reps: 2\n", FieldRef("hold", 0), "hold is missing"),
    ("  - name: One\n    hold: 10\n", "  - hold: 10\n", FieldRef("name", 0), "name is missing"),
    ("    reps: 2\n", "    reps: 2\n    holds: 4\n", FieldRef("holds", 0), "did you mean 'hold'?"),
    ("    reps: 2\n", "    reps: 2\n    reps: 3\n", FieldRef("reps", 0), "'reps' is given twice"),
    ("name: Test\n", "", FieldRef("name"), "name is missing"),
    ("format: 1\n", "", FieldRef("format"), "format is missing"),
    ("format: 1\n", "format: one\n", FieldRef("format"), 'format must be 1, got "one"'),
    ("format: 1\n", "format: 2\n", FieldRef("format"), "unsupported format 2"),
    (
        "  rest: 3s\n",
        "  rest: 3s\n  name: x\n",
        FieldRef("name", defaults=True),
        "cannot be a default",
    ),
    ("description: d\n", "description: [d]\n", FieldRef("description"), "description must be text"),
    ("source: s\n", "source: {a: 1}\n", FieldRef("source"), "source must be text"),
    (
        "    instructions: x\n",
        "    instructions: [x]\n",
        FieldRef("instructions", 1),
        "must be text",
    ),
    ("    hold: [5, 10]\n", "    hold: [5, 10, 15]\n", FieldRef("hold", 1), "two durations"),
    ("    hold: 10\n", "    hold: !!python/object:os.system 1\n", FieldRef("hold", 0), "tag"),
    (
        "defaults:\n  prepare: 5s\n  rest: 3s\n",
        "defaults: 3\n",
        FieldRef("defaults"),
        "defaults must be",
    ),
]


@pytest.mark.parametrize(("old", "new", "ref", "words"), WRITTEN, ids=lambda v: str(v)[:30])
def test_a_problem_written_in_the_file_is_reported_at_its_field(
    old: str, new: str, ref: FieldRef, words: str
) -> None:
    assert old in VALID
    document = RoutineDocument.from_text(VALID.replace(old, new, 1))
    check = document.check()
    assert ref in check.fields(), check.problems
    assert any(words in message for message in check.at(ref)), check.at(ref)


def test_an_empty_routine_shows_its_two_problems_at_name_and_exercises() -> None:
    check = RoutineDocument.blank().check()
    assert check.at(FieldRef("name")) == ["name is empty"]
    assert check.at(FieldRef("exercises")) == ["exercises is empty; list at least one exercise"]


@pytest.mark.parametrize(
    ("message", "ref", "name", "shown"),
    [
        ('exercise 2 ("Two"): reps must be 1', FieldRef("reps", 1), "Two", "reps must be 1"),
        ("exercise 1: name is empty", FieldRef("name", 0), "", "name is empty"),
        ("defaults: rest must be", FieldRef("rest", defaults=True), "", "rest must be"),
        ("name is empty", FieldRef("name"), "", "name is empty"),
        (
            f'exercise 3 ("{"a" * 37}..."): hold is missing',
            FieldRef("hold", 2),
            "a" * 50,
            "hold is missing",
        ),
    ],
)
def test_the_words_at_a_field_leave_out_where_it_is(
    message: str, ref: FieldRef, name: str, shown: str
) -> None:
    from spasmtimer.core.editor.field_problems import message_at_field

    assert message_at_field(message, ref, name) == shown
