"""The numbers and names of the routine format: its fields, limits and defaults.

One list shared by the value checks (:mod:`spasmtimer.core.routines.field_checks`)
and the routine structure (:mod:`spasmtimer.core.routines.schema`); change it together
with docs/routine-format.md.
"""

from __future__ import annotations

from typing import Any, Final

from spasmtimer.core.routines.routine import Sides

TOP_FIELDS: Final = (
    "format", "name", "description", "source", "sessions_per_day", "defaults", "exercises",
)  # fmt: skip
EXERCISE_FIELDS: Final = (
    "name", "hold", "reps", "sets", "sides", "prepare", "rest", "set_rest", "instructions",
    "image",
)  # fmt: skip
DEFAULTS_FIELDS: Final = tuple(f for f in EXERCISE_FIELDS if f != "name")

MAX_NAME = 80
MAX_EXERCISES = 100
# (lowest, highest) in seconds, or whole numbers.
LIMITS: Final = {
    "hold": (1.0, 2 * 3600.0),
    "prepare": (0.0, 10 * 60.0),
    "rest": (0.0, 10 * 60.0),
    "set_rest": (0.0, 30 * 60.0),
    "reps": (1, 100),
    "sets": (1, 20),
    "sessions_per_day": (1, 12),
}
# What an exercise gets when neither it nor `defaults` says otherwise.
BUILT_IN_DEFAULTS: Final[dict[str, Any]] = {
    "reps": 1, "sets": 1, "sides": Sides.NONE, "prepare": 5.0, "rest": 3.0, "set_rest": 20.0,
    "instructions": "", "image": None,
}  # fmt: skip
# Words authors reach for, and the field they mean.
SYNONYMS: Final = {
    "repetitions": "reps", "repeats": "reps", "rep": "reps", "repeat": "reps", "set": "sets",
    "side": "sides", "duration": "hold", "seconds": "hold", "time": "hold", "holds": "hold",
    "hold_time": "hold", "title": "name", "steps": "exercises", "exercise": "exercises",
    "stretches": "exercises", "rest_between_sets": "set_rest", "setrest": "set_rest",
    "set_pause": "set_rest", "pause": "rest", "preparation": "prepare", "prep": "prepare",
    "get_ready": "prepare", "picture": "image", "img": "image", "notes": "instructions",
    "instruction": "instructions", "version": "format", "sessions": "sessions_per_day",
    "per_day": "sessions_per_day", "times_per_day": "sessions_per_day", "credit": "source",
    "default": "defaults", "desc": "description",
}  # fmt: skip
SIDES_WORDS: Final = {"alternating": "alternate", "both": "each", "each_side": "each"}
DURATION_EXAMPLE = 'like 10, "10s" or "2 min"'
