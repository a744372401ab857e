"""The routine library: bundled routines and the user's own, with their figures.

A layer over :func:`spasmtimer.core.routines.loader.load_routine` that adds what the
picker shows (exercise count, total time from the plan, where the file
lives), keeps the broken files apart with their messages, and reads
unchanged files from :mod:`spasmtimer.core.routines.library_cache`. The hold levels a
user chose are kept by exercise name; :func:`levels_by_index` turns them into
the plan's positions. Plain Python; the picker calls :func:`load` once at
start and again after an import.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from spasmtimer import resources
from spasmtimer.core.routines import library_cache
from spasmtimer.core.routines.plan import make_plan
from spasmtimer.core.routines.routine import Routine

if TYPE_CHECKING:
    from spasmtimer.core.routines.loader import RoutineError

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
    by_key: dict[str, RoutineEntry] = field(default_factory=dict, compare=False)


def levels_by_index(routine: Routine, by_name: Mapping[str, int]) -> dict[int, int]:
    """Hold levels keyed by exercise position, from levels keyed by exercise name."""
    return {i: by_name[ex.name] for i, ex in enumerate(routine.exercises) if ex.name in by_name}


def total_seconds(routine: Routine, levels: Mapping[int, int] | None = None) -> float:
    return make_plan(routine, levels).total_seconds


def _broken(error: RoutineError, path: Path) -> BrokenFile:
    messages = tuple(str(p) for p in error.problems) or (str(error),)
    return BrokenFile(str(path), messages)


# What the cache keeps per file: the routine and its total time, or why it is broken.
_Loaded = tuple[Routine, float] | BrokenFile


def _load_files(paths: list[Path]) -> list[_Loaded]:
    """Each file loaded, with its total time, or why not."""
    # Only for files not in the cache: PyYAML and the checks cost ~40 ms to import.
    from spasmtimer.core.routines.loader import RoutineError, load_routine

    out: list[_Loaded] = []
    for path in paths:
        try:
            routine = load_routine(path)
            out.append((routine, total_seconds(routine)))
        except RoutineError as error:
            log.warning("routine file %s is broken: %s", path, error.problems[0])
            out.append(_broken(error, path))
    return out


def load() -> LibraryView:
    """Every routine file, bundled first; one bad file never hides the others.

    Files unchanged since the last start come from :mod:`library_cache`, with
    their total times (making the plans to add them up costs ~1 ms a start).
    """
    try:
        bundled = list(resources.bundled_routine_files())
    except FileNotFoundError:
        log.exception("the bundled routines are missing")
        bundled = []
    user = list(resources.user_routine_files())
    stamp = library_cache.code_stamp()
    cached = library_cache.read(stamp)
    keys = {path: library_cache.file_key(path) for path in bundled + user}
    results: dict[Path, _Loaded] = {}
    missing = []
    for path, key in keys.items():
        if key is not None and key in cached:
            first, second = cached[key]
            if isinstance(first, Routine) and isinstance(second, float):
                results[path] = (first, second)
                continue
            if isinstance(first, str) and isinstance(second, tuple):
                results[path] = BrokenFile(first, second)
                continue
        missing.append(path)
    if missing:
        loaded = _load_files(missing)
        results.update(zip(missing, loaded, strict=True))
        fresh: dict[library_cache.FileKey, library_cache.Cached] = {}
        for p, key in keys.items():
            if key is not None:
                result = results[p]
                fresh[key] = (
                    (result.path, result.messages) if isinstance(result, BrokenFile) else result
                )
        library_cache.write(stamp, fresh)

    user_set = set(user)
    entries: list[RoutineEntry] = []
    broken: list[BrokenFile] = []
    for path in bundled + user:
        result = results[path]
        if isinstance(result, BrokenFile):
            broken.append(result)
            continue
        routine, total = result
        origin = Origin.USER if path in user_set else Origin.BUNDLED
        entries.append(RoutineEntry(routine, origin, total))
    return LibraryView(tuple(entries), tuple(broken), {e.key: e for e in entries})


class Shelf:
    """The routines on offer, as last loaded; :meth:`reload` after an import."""

    def __init__(self) -> None:
        self.view = LibraryView()

    def reload(self) -> LibraryView:
        self.view = load()
        return self.view

    def routines(self) -> list[Routine]:
        return [entry.routine for entry in self.view.entries]
