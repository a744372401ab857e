"""The bundled routines load cleanly and carry the numbers of their articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from spasmtimer import resources
from spasmtimer.core.routines.loader import find_routine, load_routine, resolve_image
from spasmtimer.core.routines.routine import Hold, Routine, Sides

BUNDLED = resources.bundled_routine_files()
OURS = {  # file stem -> exercise names, in order
    "back-spasm-relief": [
        "Prayer stretch",
        "Lower trunk rotation",
        "Single knee to chest",
        "Double knee to chest",
        "Pelvic tilt",
    ],
    "knee-to-chest": ["Knee to chest"],
    "core-strengthening": [
        "Pelvic tilt",
        "Bridge",
        "Bird dog",
        "Partial crunch",
        "Wall sit",
        "Plank",
    ],
    "gentle-stretches": [
        "Cat-cow",
        "Child's pose",
        "Gentle spinal twist",
        "Hamstring stretch",
        "Hip flexor stretch",
    ],
    "desk-break": [
        "Standing back extension",
        "Standing side bend",
        "Shoulder rolls",
        "March in place",
    ],
}


def bundled(stem: str) -> Routine:
    return load_routine(resources.bundled_routines_dir() / f"{stem}.yaml")


def test_the_five_article_routines_are_bundled() -> None:
    stems = {p.stem for p in BUNDLED}
    assert set(OURS) <= stems


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_every_bundled_routine_loads_without_problems(path: Path) -> None:
    routine = load_routine(path)  # raises RoutineError with every problem
    assert routine.exercises
    assert routine.source.strip(), "every bundled routine credits its source"


@pytest.mark.parametrize("stem", sorted(OURS))
def test_exercise_names_are_the_articles(stem: str) -> None:
    assert [e.name for e in bundled(stem).exercises] == OURS[stem]


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_every_exercise_has_an_existing_image(path: Path) -> None:
    routine = load_routine(path)
    for exercise in routine.exercises:
        assert exercise.image, f"{path.name}: {exercise.name} has no image"
        found = resolve_image(routine, exercise)
        assert found is not None and found.is_file(), f"{exercise.image} is missing"


def test_back_spasm_relief_carries_the_medicinenet_numbers() -> None:
    routine = find_routine("Back spasm relief")
    assert "How Do You Relieve Back Spasms? 10 Tips" in routine.source
    assert routine.sessions_per_day == 2
    ex = {e.name: e for e in routine.exercises}

    prayer = ex["Prayer stretch"]
    assert (prayer.hold, prayer.reps, prayer.sets) == (Hold(5, 10), 5, 2)
    assert prayer.sides is Sides.NONE

    rotation = ex["Lower trunk rotation"]
    assert (rotation.hold, rotation.reps, rotation.sides) == (Hold(3, 3), 10, Sides.ALTERNATE)

    single = ex["Single knee to chest"]
    assert (single.hold, single.reps, single.sets) == (Hold(5, 10), 10, 2)
    assert single.sides is not Sides.NONE  # ten on each side

    double = ex["Double knee to chest"]
    assert (double.hold, double.reps, double.sets, double.sides) == (
        Hold(5, 10),
        10,
        2,
        Sides.NONE,
    )

    tilt = ex["Pelvic tilt"]
    assert (tilt.hold, tilt.reps, tilt.sets) == (Hold(3, 5), 10, 2)


def test_knee_to_chest_is_the_cedars_sinai_exercise() -> None:
    routine = bundled("knee-to-chest")
    assert "Cedars-Sinai" in routine.source
    (exercise,) = routine.exercises
    assert exercise.hold == Hold(10, 10)
    # "repeat around 6-7 times for each side ... gradually as you improve"
    assert (exercise.reps, exercise.max_reps) == (6, 7)
    assert exercise.sides is Sides.ALTERNATE


@pytest.mark.parametrize(
    "stem", ["core-strengthening", "gentle-stretches", "desk-break", "back-spasm-relief"]
)
def test_values_not_from_the_articles_are_said_to_be_ours(stem: str) -> None:
    assert "ours" in bundled(stem).description


def test_desk_break_is_short_and_meant_every_30_minutes() -> None:
    from spasmtimer.core.routines.plan import make_plan

    routine = bundled("desk-break")
    assert "30 minutes" in routine.description
    assert 60 <= make_plan(routine, None).total_seconds <= 180
