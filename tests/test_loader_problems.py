"""Every problem in a routine file: where it is, which field, and what was expected."""

from __future__ import annotations

import re

import pytest

from spasmtimer.core.routines.loader import Problem, RoutineError, load_routine_text
from spasmtimer.core.routines.routine import Routine

PROBLEM_LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$")


def problems(text: str, name: str = "r.yaml") -> list[str]:
    with pytest.raises(RoutineError) as caught:
        load_routine_text(text, name)
    lines = [str(p) for p in caught.value.problems]
    assert all(PROBLEM_LINE.match(line) for line in lines), lines
    return lines


def with_field(line: str, *, top: str = "") -> str:
    """A valid one-exercise routine with ``line`` added to its exercise (line 6)."""
    return f"format: 1\nname: Test\n{top}exercises:\n  - name: Stretch\n    hold: 5\n    {line}\n"


def loads(text: str) -> Routine:
    return load_routine_text(text, "r.yaml")


# -- limits: just inside loads, just outside is a problem at the value -------

INSIDE_AND_OUTSIDE = [
    ("reps", ["1", "100"], ["0", "101", "-1", "2.5", "5.0", "ten", "true", "'5'", "", "[5]"]),
    ("sets", ["1", "20"], ["0", "21", "1.5"]),
    ("hold", ["1", "7200", "2h", "[1, 7200]", "[5, 5]", "1 s"], ["0.99", "7201", "2h 1s", "0"]),
    ("prepare", ["0", "600", "10 min", "0s"], ["601", "10 min 1 s", "-1", ".nan", ".inf"]),
    ("rest", ["0", "600"], ["600.5", "-0.1", "true"]),
    ("set_rest", ["0", "1800", "30 min"], ["1801", "31 min", "{}"]),
    ("sides", ["none", "alternate", "each", "EACH"], ["both", "left", "no", "1", ""]),
]


@pytest.mark.parametrize(
    ("field", "value"),
    [(f, v) for f, inside, _ in INSIDE_AND_OUTSIDE for v in inside],
)
def test_values_just_inside_the_limits_load(field: str, value: str) -> None:
    key = "hold" if field == "hold" else field
    text = with_field(f"{key}: {value}")
    if field == "hold":  # replace the hold instead of repeating it
        text = text.replace("    hold: 5\n", "")
    loads(text)


@pytest.mark.parametrize(
    ("field", "value"),
    [(f, v) for f, _, outside in INSIDE_AND_OUTSIDE for v in outside],
)
def test_values_just_outside_the_limits_are_problems_at_the_value(field: str, value: str) -> None:
    text = with_field(f"{field}: {value}")
    line = 6
    if field == "hold":
        text = text.replace("    hold: 5\n", "")
        line = 5
    (problem,) = problems(text)
    where = f"r.yaml:{line}:{5 + len(field) + 2}: " if value else f"r.yaml:{line}:"
    assert problem.startswith(where), problem
    assert f'exercise 1 ("Stretch"): {field} must be' in problem


def test_limit_messages_say_the_range_and_what_was_given() -> None:
    assert problems(with_field("reps: ten"))[0] == (
        'r.yaml:6:11: exercise 1 ("Stretch"): reps must be a whole number from 1 to 100, got "ten"'
    )
    assert problems(with_field("sets: 21"))[0].endswith(
        "sets must be a whole number from 1 to 20, got 21"
    )
    assert problems(with_field("prepare: 11 min"))[0].endswith(
        'prepare must be from 0 s to 10 min, got "11 min"'
    )
    assert problems(with_field("set_rest: 31 min"))[0].endswith(
        'set_rest must be from 0 s to 30 min, got "31 min"'
    )
    assert problems(with_field("rest: soon"))[0].endswith(
        'rest must be a duration like 10, "10s" or "2 min" (from 0 s to 10 min), got "soon"'
    )
    hold = problems(with_field("hold: 3 h").replace("    hold: 5\n", ""))[0]
    assert hold == 'r.yaml:5:11: exercise 1 ("Stretch"): hold must be from 1 s to 2 h, got "3 h"'
    assert problems(with_field("sides: both"))[0].endswith(
        "sides must be none, alternate or each, got \"both\" (did you mean 'each'?)"
    )


@pytest.mark.parametrize(("count", "ok"), [(1, True), (12, True), (0, False), (13, False)])
def test_sessions_per_day_limits(count: int, ok: bool) -> None:
    text = with_field("reps: 1", top=f"sessions_per_day: {count}\n")
    if ok:
        assert loads(text).sessions_per_day == count
    else:
        assert problems(text) == [
            f"r.yaml:3:19: sessions_per_day must be a whole number from 1 to 12, got {count}"
        ]


def exercises(count: int) -> str:
    items = "".join(f"  - {{name: E{i}, hold: 5}}\n" for i in range(count))
    return f"format: 1\nname: Many\nexercises:\n{items}"


def test_one_to_a_hundred_exercises() -> None:
    assert len(loads(exercises(1)).exercises) == 1
    assert len(loads(exercises(100)).exercises) == 100
    assert problems(exercises(101)) == [
        "r.yaml:4:3: exercises lists 101 exercises; at most 100 are allowed"
    ]
    assert problems("format: 1\nname: None\nexercises: []\n") == [
        "r.yaml:3:12: exercises is empty; list at least one exercise"
    ]


def test_name_lengths() -> None:
    assert loads(with_field("reps: 1").replace("Test", "x" * 80)).name == "x" * 80
    assert problems(with_field("reps: 1").replace("Test", "x" * 81)) == [
        "r.yaml:2:7: name is 81 characters long; at most 80 are allowed"
    ]
    assert problems(with_field("reps: 1").replace("Test", "'   '")) == ["r.yaml:2:7: name is empty"]
    long_exercise = with_field("reps: 1").replace("Stretch", "y" * 81)
    assert problems(long_exercise)[0].startswith('r.yaml:4:11: exercise 1 ("yyy')


def test_hold_ranges() -> None:
    no_hold = with_field("reps: 1").replace("    hold: 5\n", "")
    assert problems(no_hold.replace("reps: 1", "hold: [10, 5]")) == [
        'r.yaml:5:11: exercise 1 ("Stretch"): hold range goes from 10 s down to 5 s; '
        "write the shorter time first, as [min, max]"
    ]
    assert problems(no_hold.replace("reps: 1", "hold: [5, 10, 15]")) == [
        'r.yaml:5:11: exercise 1 ("Stretch"): hold as a range must be [min, max], '
        "two durations, got a list of 3"
    ]
    assert problems(no_hold.replace("reps: 1", "hold: [0, 3 h]")) == [
        'r.yaml:5:12: exercise 1 ("Stretch"): hold must be from 1 s to 2 h, got 0',
        'r.yaml:5:15: exercise 1 ("Stretch"): hold must be from 1 s to 2 h, got "3 h"',
    ]


# -- required fields, format -------------------------------------------------


def test_format_must_be_1() -> None:
    assert problems(with_field("reps: 1").replace("format: 1", "format: 2")) == [
        "r.yaml:1:9: unsupported format 2; this SpasmTimer reads format 1"
    ]
    # Another format may have fields this one lacks: only the format is reported.
    other = "format: 3\nname: New\nrounds: 4\nexercises: {a: 1}\n"
    assert problems(other) == ["r.yaml:1:9: unsupported format 3; this SpasmTimer reads format 1"]
    assert problems(with_field("reps: 1").replace("format: 1", "format: one")) == [
        'r.yaml:1:9: format must be 1, got "one"'
    ]


def test_required_fields_are_named_when_missing() -> None:
    assert problems("description: nothing else\n") == [
        "r.yaml:1:1: format is missing; a routine file starts with 'format: 1'",
        "r.yaml:1:1: name is missing; give the routine a name (it is shown in the picker)",
        "r.yaml:1:1: exercises is missing; list at least one exercise",
    ]
    assert problems("format: 1\nname: N\nexercises:\n  - reps: 2\n") == [
        "r.yaml:4:5: exercise 1: name is missing",
        "r.yaml:4:5: exercise 1: hold is missing; give it here or under defaults",
    ]


def test_a_bad_default_is_reported_once_not_per_exercise() -> None:
    text = "format: 1\nname: N\ndefaults:\n  hold: long\nexercises:\n  - name: A\n  - name: B\n"
    assert problems(text) == [
        'r.yaml:4:9: defaults: hold must be a duration like 10, "10s" or "2 min" '
        '(from 1 s to 2 h) or a [min, max] range, got "long"'
    ]


# -- keys ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "suggestion"),
    [
        ("holds", "hold"), ("Hold", "hold"), ("rep", "reps"), ("repetitions", "reps"),
        ("side", "sides"), ("set-rest", "set_rest"), ("setrest", "set_rest"),
        ("instruction", "instructions"), ("imag", "image"), ("duration", "hold"),
    ],
)  # fmt: skip
def test_unknown_exercise_keys_get_a_suggestion(key: str, suggestion: str) -> None:
    assert problems(with_field(f"{key}: 3")) == [
        f"r.yaml:6:5: exercise 1 (\"Stretch\"): unknown field '{key}' "
        f"(did you mean '{suggestion}'?)"
    ]


def test_unknown_keys_at_the_top_and_fields_in_the_wrong_place() -> None:
    text = with_field("sessions_per_day: 2", top="descripton: x\nreps: 3\nzzz: 1\n")
    assert problems(text) == [
        "r.yaml:3:1: unknown field 'descripton' (did you mean 'description'?)",
        "r.yaml:4:1: unknown field 'reps' ('reps' belongs to an exercise, or under defaults)",
        "r.yaml:5:1: unknown field 'zzz'",
        "r.yaml:9:5: exercise 1 (\"Stretch\"): unknown field 'sessions_per_day' "
        "('sessions_per_day' belongs at the top of the file)",
    ]
    assert problems(with_field("reps: 1", top="defaults: {name: x}\n")) == [
        "r.yaml:3:12: defaults: name cannot be a default; every exercise has its own"
    ]


def test_a_key_given_twice_is_a_problem_at_the_second() -> None:
    assert problems(with_field("hold: 6")) == [
        "r.yaml:6:5: exercise 1 (\"Stretch\"): 'hold' is given twice (first on line 5)"
    ]
    assert problems("format: 1\nformat: 1\n" + with_field("reps: 1")[10:]) == [
        "r.yaml:2:1: 'format' is given twice (first on line 1)"
    ]


def test_wrong_shapes_say_what_they_got() -> None:
    assert problems("- 1\n- 2\n") == [
        "r.yaml:1:1: a routine file must be a set of fields (format, name, exercises, ...), "
        "but this one is a list of 2"
    ]
    assert problems("just text\n") == [
        "r.yaml:1:1: a routine file must be a set of fields (format, name, exercises, ...), "
        'but this one is "just text"'
    ]
    assert problems("format: 1\nname: [a]\nexercises:\n  - Stretch\n  - {name: E, hold: 5}\n") == [
        "r.yaml:2:7: name must be text, got a list of 1",
        "r.yaml:4:5: exercise 1 must be a set of fields starting with 'name:', got \"Stretch\"",
    ]
    assert problems("format: 1\nname: N\nexercises: {name: E, hold: 5}\n") == [
        "r.yaml:3:12: exercises must be a list, each exercise starting with '- name: ...', "
        "got a set of fields"
    ]
    assert problems("format: 1\nname: N\n[a]: 1\nexercises: [{name: E, hold: 5}]\n") == [
        "r.yaml:3:1: field names must be words like 'hold', got a list of 1"
    ]


@pytest.mark.parametrize(
    ("image", "ok"),
    [
        ("stretch.svg", True), ("pics/stretch.svg", True), ("../stretch.svg", False),
        ("pics/../../x.svg", False), ("/etc/passwd", False), ("C:/x.svg", False),
        ("'a\\\\b.svg'", False), ("~/x.svg", False), ("'my stretch.svg'", True), ("[a]", False),
    ],
)  # fmt: skip
def test_images_stay_inside_the_routine_folder(image: str, ok: bool) -> None:
    text = with_field(f"image: {image}")
    if ok:
        loads(text)
    else:
        (problem,) = problems(text)
        assert problem.startswith('r.yaml:6:12: exercise 1 ("Stretch"): image must')


def test_image_with_a_nul_byte_is_refused() -> None:
    (problem,) = problems(with_field('image: "a\\0b.svg"'))
    assert "image must be a file name" in problem


# -- every problem at once -------------------------------------------------------


def test_all_problems_of_a_file_are_reported_in_file_order() -> None:
    text = """\
format: 1
name: Back
sessions_per_day: 0
exercises:
  - name: Prayer stretch
    hold: [10, 5]
    reps: ten
    holds: 4
  - name: Pelvic tilt
    hold: 0.5
    sides: alternating
  - hold: 5
"""
    assert problems(text, "back.yaml") == [
        "back.yaml:3:19: sessions_per_day must be a whole number from 1 to 12, got 0",
        'back.yaml:6:11: exercise 1 ("Prayer stretch"): hold range goes from 10 s down to 5 s; '
        "write the shorter time first, as [min, max]",
        'back.yaml:7:11: exercise 1 ("Prayer stretch"): reps must be a whole number from 1 to '
        '100, got "ten"',
        "back.yaml:8:5: exercise 1 (\"Prayer stretch\"): unknown field 'holds' "
        "(did you mean 'hold'?)",
        'back.yaml:10:11: exercise 2 ("Pelvic tilt"): hold must be from 1 s to 2 h, got 0.5',
        'back.yaml:11:12: exercise 2 ("Pelvic tilt"): sides must be none, alternate or each, '
        "got \"alternating\" (did you mean 'alternate'?)",
        "back.yaml:12:5: exercise 3: name is missing",
    ]


def test_a_flood_of_problems_is_cut_short_with_a_count() -> None:
    items = "".join(f"  - {{name: E{i}, hold: 0, reps: 0, sets: 0}}\n" for i in range(100))
    lines = problems(f"format: 1\nname: Flood\nexercises:\n{items}")
    assert len(lines) == 201
    assert lines[-1].endswith("... and 100 more problems not shown; fix the ones above first")


def test_problem_prints_file_line_column_message() -> None:
    assert str(Problem("a.yaml", 3, 7, "oops")) == "a.yaml:3:7: oops"
    assert str(Problem("a.yaml", 0, 0, "no such file")) == "a.yaml: no such file"
    with pytest.raises(ValueError, match="at least one problem"):
        RoutineError([])


def test_negative_and_infinite_numbers_are_out_of_range() -> None:
    assert problems(with_field("rest: -1"))[0].endswith("rest must be from 0 s to 10 min, got -1")
    assert problems(with_field("prepare: .inf"))[0].endswith(
        "prepare must be from 0 s to 10 min, got .inf"
    )


def test_empty_defaults_are_no_defaults() -> None:
    assert loads(with_field("reps: 2", top="defaults:\n  # rest: 3s\n")).exercises[0].reps == 2


def test_reps_as_a_range_start_at_the_lower_bound_and_build_up() -> None:
    routine = loads(with_field("reps: [6, 7]"))
    (exercise,) = routine.exercises
    assert (exercise.reps, exercise.max_reps, exercise.reps_range) == (6, 7, True)
    same = loads(with_field("reps: [6, 6]")).exercises[0]
    assert (same.reps, same.max_reps) == (6, None)
    assert problems(with_field("reps: [7, 6]"))[0].endswith(
        "reps range goes from 7 down to 6; write the smaller number first, as [min, max]"
    )
    assert "reps must be a whole number from 1 to 100" in problems(with_field("reps: [0, 6]"))[0]
