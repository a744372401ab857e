"""The routines the picker lists: bundled and the user's own, with their figures.

A thin layer over :func:`spasmtimer.core.loader.load_library` that adds what
the picker shows (exercise count, total time from the plan, where the file
lives) and keeps the broken files apart with their messages. Loading is fast
and Qt-free; the picker calls it once at start and again after an import.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from spasmtimer import resources
from spasmtimer.core.plan import make_plan
from spasmtimer.core.routine import Routine

log = logging.getLogger(__name__)


class Origin(enum.Enum):
    BUNDLED = enum.auto()
    USER = enum.auto()


@dataclass(frozen=True)
class RoutineEntry:
    """One routine as the picker shows it."""

    routine: Routine
    origin: Origin
    total_seconds: float

    @property
    def key(self) -> str:
        """What the settings remember as "the last routine": its file, else its name."""
        return str(self.routine.path) if self.routine.path else self.routine.name

    @property
    def exercise_count(self) -> int:
        return len(self.routine.exercises)


@dataclass(frozen=True)
class BrokenFile:
    """A routine file that could not be loaded, and why, in the loader's words."""

    path: str
    messages: tuple[str, ...]


@dataclass(frozen=True)
class LibraryView:
    entries: tuple[RoutineEntry, ...] = ()
    broken: tuple[BrokenFile, ...] = ()
    notice: str | None = None
    by_key: dict[str, RoutineEntry] = field(default_factory=dict, compare=False)


def levels_by_index(routine: Routine, by_name: Mapping[str, int]) -> dict[int, int]:
    """Hold levels keyed by exercise position, from levels keyed by exercise name."""
    return {i: by_name[ex.name] for i, ex in enumerate(routine.exercises) if ex.name in by_name}


def total_seconds(routine: Routine, levels: Mapping[int, int] | None = None) -> float:
    return make_plan(routine, levels).total_seconds


def format_duration(seconds: float) -> str:
    """A routine's length as a person says it: "45 s", "12 min", "1 h 05 min"."""
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def _broken(error: object) -> BrokenFile:
    problems = getattr(error, "problems", None) or []
    messages = tuple(str(p) for p in problems) or (str(error),)
    path = getattr(error, "path", None)
    if path is None and problems:
        path = getattr(problems[0], "file", None)
    return BrokenFile(str(path or "?"), messages)


def load() -> LibraryView:
    """Every routine file, bundled first; one bad file never hides the others."""
    try:
        from spasmtimer.core import loader  # type: ignore[attr-defined,unused-ignore]
    except ImportError:  # the loader has not been installed in this build
        log.warning("routine loader unavailable")
        return LibraryView(notice="The routine loader is missing from this installation.")
    bundled = list(resources.bundled_routine_files())
    user = list(resources.user_routine_files())
    library = loader.load_library(bundled + user)
    user_set = {p.resolve() for p in user}
    entries: list[RoutineEntry] = []
    for routine in library.routines:
        origin = (
            Origin.USER
            if routine.path is not None and Path(routine.path).resolve() in user_set
            else Origin.BUNDLED
        )
        entries.append(RoutineEntry(routine, origin, total_seconds(routine)))
    broken = tuple(_broken(e) for e in library.broken)
    return LibraryView(tuple(entries), broken, None, {e.key: e for e in entries})
