"""Routine files that follow the format load, and plan to the contract's totals."""

from __future__ import annotations

from pathlib import Path

import pytest

from spasmtimer import resources
from spasmtimer.core.routines.loader import RoutineError, load_routine, load_routine_text
from spasmtimer.core.routines.plan import StepKind, make_plan
from spasmtimer.core.routines.routine import Exercise, Hold, Sides

# The example of the routine format contract, word for word.
CONTRACT_EXAMPLE = """\
format: 1                      # required; the only version so far
name: Back spasm relief        # required, shown in the picker
description: >                 # optional, shown in the picker
  Five gentle stretches. Stop any stretch that increases your pain.
source: "How Do You Relieve Back Spasms? 10 Tips"   # optional, shown as credit
sessions_per_day: 2            # optional, default 1; drives "today: 1 of 2 done"
defaults:                      # optional; any exercise field below except name
  prepare: 5s                  # time to get into position before an exercise
  rest: 3s                     # between two reps (and between the two sides)
  set_rest: 20s                # between two sets
exercises:                     # required, at least one
  - name: Prayer stretch       # required
    instructions: >            # optional; shown during the exercise
      Push your chest toward the floor and reach as far forward as you can.
    image: prayer-stretch.svg  # optional; looked up beside the file, then in the bundled images
    hold: [5, 10]              # seconds per hold; a range means "start at 5, may lengthen to 10"
    reps: 5                    # holds per set, default 1
    sets: 2                    # default 1
  - name: Lower trunk rotation
    hold: 3
    reps: 10
    sides: alternate           # none (default) | alternate: L,R,L,R... | each: all reps left, then all right
"""  # noqa: E501


def formula(ex: Exercise, hold: float) -> float:
    """The contract's total for one exercise."""
    h = ex.holds_per_set
    return ex.prepare + ex.sets * (h * hold + (h - 1) * ex.rest) + (ex.sets - 1) * ex.set_rest


def test_the_contract_example_loads_with_every_field() -> None:
    routine = load_routine_text(CONTRACT_EXAMPLE, "back.yaml")
    assert routine.name == "Back spasm relief"
    assert routine.description == (
        "Five gentle stretches. Stop any stretch that increases your pain."
    )
    assert routine.source == "How Do You Relieve Back Spasms? 10 Tips"
    assert routine.sessions_per_day == 2
    prayer, rotation = routine.exercises
    assert prayer == Exercise(
        name="Prayer stretch",
        hold=Hold(5, 10),
        reps=5,
        sets=2,
        sides=Sides.NONE,
        prepare=5,
        rest=3,
        set_rest=20,
        instructions="Push your chest toward the floor and reach as far forward as you can.",
        image="prayer-stretch.svg",
    )
    assert rotation == Exercise(
        "Lower trunk rotation", Hold.fixed(3), reps=10, sides=Sides.ALTERNATE
    )


def test_the_contract_example_plans_to_its_formula() -> None:
    plan = make_plan(load_routine_text(CONTRACT_EXAMPLE, "back.yaml"))
    # Prayer: 5 + 2 x (5 x 5 + 4 x 3) + 1 x 20 = 99; rotation: 5 + (20 x 3 + 19 x 3) = 122.
    assert plan.total_seconds == 221.0
    assert plan.to_json()["total_seconds"] == 221.0
    kinds = [s.kind.value for s in plan.steps if s.exercise_index == 0]
    one_set = ["hold", "rest"] * 4 + ["hold"]
    assert kinds == ["prepare", *one_set, "set_rest", *one_set]
    rotation = [(s.kind.value, s.side and s.side.value) for s in plan.steps if s.exercise_index]
    alternating = [("hold", "left"), ("switch", "right"), ("hold", "right"), ("switch", "left")]
    assert rotation == [("prepare", "left"), *(alternating * 10)[:-1]]
    assert plan.hold_count == 10 + 20


def test_a_raised_level_lengthens_a_range_hold() -> None:
    routine = load_routine_text(CONTRACT_EXAMPLE)
    assert make_plan(routine, {0: 5}).total_seconds == 221.0 + 10 * 5


EACH_AND_DEFAULTS = """\
format: 1
name: Sides and defaults
defaults:
  hold: 1 min
  prepare: 0
  rest: 2.5
  set_rest: 1m30s
  sets: 2
  sides: each
exercises:
  - name: Knee to chest
    reps: 3
  - name: Pelvic tilt
    hold: [5s, "10 s"]
    sides: none
    reps: 4
    set_rest: 0
    prepare: "1:00"
"""


def test_defaults_apply_and_an_exercise_overrides_them() -> None:
    knee, tilt = load_routine_text(EACH_AND_DEFAULTS).exercises
    assert knee == Exercise("Knee to chest", Hold.fixed(60), 3, 2, Sides.EACH, 0, 2.5, 90)
    assert tilt == Exercise("Pelvic tilt", Hold(5, 10), 4, 2, Sides.NONE, 60, 2.5, 0)


def test_sides_each_and_zero_times_plan_exactly() -> None:
    routine = load_routine_text(EACH_AND_DEFAULTS)
    plan = make_plan(routine)
    knee, tilt = routine.exercises
    assert plan.exercise_seconds(0) == formula(knee, 60) == 2 * (6 * 60 + 5 * 2.5) + 90
    assert plan.exercise_seconds(1) == formula(tilt, 5) == 60 + 2 * (4 * 5 + 3 * 2.5)
    assert plan.total_seconds == formula(knee, 60) + formula(tilt, 5)
    knee_set = [(s.kind, s.side and s.side.value) for s in plan.steps if s.exercise_index == 0][:6]
    hold, rest, switch = StepKind.HOLD, StepKind.REST, StepKind.SWITCH
    assert knee_set == [
        (hold, "left"), (rest, "left"), (hold, "left"), (rest, "left"), (hold, "left"),
        (switch, "right"),
    ]  # fmt: skip
    # No prepare step when prepare is 0, no set_rest step when set_rest is 0.
    assert plan.steps[0].kind is StepKind.HOLD
    assert StepKind.SET_REST not in {s.kind for s in plan.steps if s.exercise_index == 1}


def test_minimal_routine_gets_the_contract_defaults() -> None:
    text = "format: 1\nname: Tiny\nexercises:\n  - name: Stretch\n    hold: 10\n"
    routine = load_routine_text(text)
    assert routine.description == routine.source == ""
    assert routine.sessions_per_day == 1
    assert routine.exercises == (Exercise("Stretch", Hold.fixed(10)),)
    ex = routine.exercises[0]
    assert (ex.reps, ex.sets, ex.sides, ex.prepare, ex.rest, ex.set_rest) == (
        1, 1, Sides.NONE, 5.0, 3.0, 20.0,
    )  # fmt: skip
    assert (ex.instructions, ex.image) == ("", None)
    assert make_plan(routine).total_seconds == 15.0


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("hold: 1:30", 90.0),  # YAML reads a plain 1:30 as 90
        ("hold: 90 sec", 90.0),
        ("hold: '1.5 min'", 90.0),
        ("hold: 1h", 3600.0),
        ("hold: !!float 2", 2.0),
        ("hold: 0x10", 16.0),
    ],
)
def test_durations_in_files(written: str, value: float) -> None:
    routine = load_routine_text(f"format: 1\nname: D\nexercises:\n  - name: E\n    {written}\n")
    assert routine.exercises[0].hold == Hold.fixed(value)


def test_text_fields_are_trimmed_and_may_look_like_other_types() -> None:
    text = (
        "format: 1\nname: 1984\ndescription:\nsource: yes\nexercises:\n"
        "  - name: '  Twist  '\n    hold: 5\n    instructions: |\n      Line one.\n      Two.\n"
        "    image: ''\n"
    )
    routine = load_routine_text(text)
    assert (routine.name, routine.description, routine.source) == ("1984", "", "yes")
    ex = routine.exercises[0]
    assert (ex.name, ex.instructions, ex.image) == ("Twist", "Line one.\nTwo.", None)


def test_sides_are_read_in_any_letter_case() -> None:
    text = "format: 1\nname: S\nexercises:\n  - {name: E, hold: 5, sides: Alternate}\n"
    assert load_routine_text(text).exercises[0].sides is Sides.ALTERNATE


def test_yaml_anchors_and_merge_keys_work_as_with_safe_load() -> None:
    text = """\
format: 1
name: Merged
exercises:
  - &base
    name: First
    hold: [5, 10]
    reps: 3
  - <<: *base
    name: Second
    reps: 4
  - <<: [*base, {sets: 2, reps: 9}]
    name: Third
"""
    first, second, third = load_routine_text(text).exercises
    assert second == Exercise("Second", Hold(5, 10), reps=4)
    assert third == Exercise("Third", Hold(5, 10), reps=3, sets=2)  # the first source wins
    assert first.reps == 3


def test_a_byte_order_mark_and_windows_line_ends_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(
        b"\xef\xbb\xbfformat: 1\r\nname: BOM\r\nexercises:\r\n  - {name: E, hold: 3}\r\n"
    )
    routine = load_routine(path)
    assert routine.name == "BOM"
    assert routine.path == path


def test_image_names_may_use_a_subfolder() -> None:
    text = "format: 1\nname: I\nexercises:\n  - {name: E, hold: 5, image: ./pics//a.svg}\n"
    assert load_routine_text(text).exercises[0].image == "pics/a.svg"


@pytest.mark.parametrize("path", resources.bundled_routine_files(), ids=lambda p: p.name)
def test_bundled_routines_load_and_plan(path: Path) -> None:
    routine = load_routine(path)
    plan = make_plan(routine)
    expected = sum(formula(ex, ex.hold.min_seconds) for ex in routine.exercises)
    assert plan.total_seconds == pytest.approx(expected)
    assert routine.source, "a bundled routine credits its source"


def test_bundled_routines_exist() -> None:
    assert resources.bundled_routine_files()


def test_a_routine_error_lists_its_problems_as_its_message() -> None:
    with pytest.raises(RoutineError) as caught:
        load_routine_text("format: 1\nname: ''\nexercises: []\n", "x.yaml")
    assert str(caught.value) == (
        "x.yaml:2:7: name is empty\nx.yaml:3:12: exercises is empty; list at least one exercise"
    )
    assert caught.value.file == "x.yaml"


def test_the_examples_in_the_authors_guide_load() -> None:
    guide = (Path(__file__).resolve().parents[1] / "docs" / "routine-format.md").read_text("utf-8")
    blocks = [b.split("```", 1)[0] for b in guide.split("```yaml\n")[1:]]
    whole = [b for b in blocks if b.startswith("format: 1")]
    assert len(whole) >= 3
    totals = [make_plan(load_routine_text(block, "guide.yaml")).total_seconds for block in whole]
    assert totals[:2] == [25.0, 221.0]
