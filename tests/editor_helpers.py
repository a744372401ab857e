"""Shared by the routine editor's tests: the routine of the first seed article, step by step."""

from __future__ import annotations

from pathlib import Path

from spasmtimer import resources
from spasmtimer.core.editor.document import RoutineDocument
from spasmtimer.core.editor.draft import FieldRef, RoutineDraft

# "Back Spasms" (Cedars-Sinai), /work/shared/seeds/001_06cf52506c9ec7cb.txt:
# pull one knee toward the chest, hold about 10 seconds, the other knee,
# six or seven times each side. The bundled knee-to-chest.yaml is this routine.
SEED_001_FILE = "knee-to-chest.yaml"
SEED_001_DESCRIPTION = (
    "One gentle stretch for a sore, tight lower back: draw one knee toward your chest, "
    "hold about ten seconds, then the other knee; six or seven rounds on each side, as "
    "the article says: start with six and build up to seven as you improve. The time to "
    "get into position and the short rests are ours. Do it every day, and stop if it "
    "aggravates your back."
)
SEED_001_INSTRUCTIONS = (
    "Lie on your back on the floor, knees bent and the soles of your feet flat. Gently "
    "bring one knee up toward your chest and hold it there, then lower it back to where "
    "it started and do the same with the other knee."
)
SEED_001_FIELDS: list[tuple[FieldRef, str]] = [
    (FieldRef("name"), "Knee to chest"),
    (FieldRef("description"), SEED_001_DESCRIPTION),
    (FieldRef("source"), "Back Spasms (Cedars-Sinai)"),
    (FieldRef("prepare", defaults=True), "10s"),
    (FieldRef("rest", defaults=True), "3s"),
    (FieldRef("name", 0), "Knee to chest"),
    (FieldRef("instructions", 0), SEED_001_INSTRUCTIONS),
    (FieldRef("image", 0), "single-knee-to-chest.svg"),
    (FieldRef("hold", 0), "10"),
    (FieldRef("sides", 0), "alternate"),
]
SEED_001_REPS = (FieldRef("reps", 0), "6", "7")  # "around 6-7 times for each side"


def seed_001_path() -> Path:
    return resources.bundled_routines_dir() / SEED_001_FILE


def build_seed_001(document: RoutineDocument) -> None:
    """Fill a blank document with the seed routine, one field at a time."""
    document.add_exercise()
    for ref, text in SEED_001_FIELDS:
        document.set_field(ref, text)
    document.set_reps(*SEED_001_REPS)


def fill_from_draft(document: RoutineDocument, draft: RoutineDraft) -> None:
    """Type every field of ``draft`` into ``document`` (a blank one)."""
    for name in ("name", "description", "source", "sessions_per_day"):
        document.set_field(FieldRef(name), draft.get(FieldRef(name)))
    for name in ("prepare", "rest", "set_rest", "reps", "sets", "sides", "image", "instructions"):
        document.set_field(FieldRef(name, defaults=True), draft.defaults.get(name))
    if draft.defaults.hold:
        document.set_hold(
            FieldRef("hold", defaults=True), draft.defaults.hold, draft.defaults.hold_max
        )
    for index, exercise in enumerate(draft.exercises):
        document.add_exercise()
        for name in (
            "name",
            "instructions",
            "image",
            "sets",
            "sides",
            "prepare",
            "rest",
            "set_rest",
        ):
            document.set_field(FieldRef(name, index), exercise.get(name))
        if exercise.hold:
            document.set_hold(FieldRef("hold", index), exercise.hold, exercise.hold_max)
        document.set_reps(FieldRef("reps", index), exercise.reps, exercise.reps_max)
