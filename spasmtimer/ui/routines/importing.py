"""Adding a routine file to the user's folder: check it, copy it, never clobber.

Used by "Open routine file…" and by dropping a ``.yaml`` on the window. The
file is loaded first (a broken one is refused with the loader's messages);
its pictures, when they sit beside it, travel with it. A file of the same
name is never overwritten silently: ``resolve_conflict`` decides (keep both
under a new name, replace, or cancel). An identical copy is not copied again.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QWidget

from spasmtimer import resources
from spasmtimer.core.atomic import copy_atomic, inside
from spasmtimer.core.editor.files import free_name
from spasmtimer.core.routines.routine import Routine
from spasmtimer.ui.dialogs import Conflict

log = logging.getLogger(__name__)

ROUTINE_SUFFIXES = (".yaml", ".yml")


class Outcome(enum.Enum):
    ADDED = enum.auto()
    ALREADY_THERE = enum.auto()
    REFUSED = enum.auto()  # broken, unreadable, or not a routine file
    CANCELLED = enum.auto()


@dataclass(frozen=True)
class ImportResult:
    outcome: Outcome
    path: Path | None = None  # where the routine now lives
    messages: tuple[str, ...] = ()


def import_routine(
    source: Path,
    resolve_conflict: Callable[[str], Conflict],
    folder: Path | None = None,
) -> ImportResult:
    """Validate ``source`` and copy it into ``folder`` (the user's routines)."""
    from spasmtimer.core.routines.loader import RoutineError, load_routine

    folder = folder or resources.user_routines_dir()
    if source.suffix.lower() not in ROUTINE_SUFFIXES:
        return ImportResult(
            Outcome.REFUSED,
            messages=(f"{source.name}: a routine file ends in .yaml or .yml",),
        )
    try:
        routine = load_routine(source)
    except RoutineError as error:
        return ImportResult(Outcome.REFUSED, messages=tuple(str(p) for p in error.problems))

    target = folder / source.name
    try:
        if source.resolve() == target.resolve():
            return ImportResult(Outcome.ALREADY_THERE, target)
        if target.exists():
            if target.read_bytes() == source.read_bytes():
                return ImportResult(Outcome.ALREADY_THERE, target)
            choice = resolve_conflict(source.name)
            if choice is Conflict.CANCEL:
                return ImportResult(Outcome.CANCELLED)
            if choice is Conflict.KEEP_BOTH:
                target = free_name(folder, source.name)
        folder.mkdir(parents=True, exist_ok=True)
        copy_atomic(source, target)  # a full disk leaves a replaced routine as it was
        copy_pictures(routine, source.parent, folder)
    except OSError as exc:
        log.warning("could not copy %s into %s: %s", source, folder, exc)
        return ImportResult(
            Outcome.REFUSED,
            messages=(f"Could not copy {source.name} into {folder}: {exc.strerror or exc}",),
        )
    return ImportResult(Outcome.ADDED, target)


def copy_pictures(routine: Routine, source_folder: Path, folder: Path) -> None:
    """The routine's pictures that sit beside its file go with it (none replaced).

    Links are never followed out of the routine's folder (``pics -> /etc``);
    a copy gets ordinary permissions, not the original's.
    """
    for exercise in routine.exercises:
        if exercise.image:
            picture, target = source_folder / exercise.image, folder / exercise.image
            if not inside(source_folder, picture):
                if picture.exists() or picture.is_symlink():
                    log.warning("not copying %s: it leads outside %s", picture, source_folder)
                continue
            if not target.exists() and not target.is_symlink():
                target.parent.mkdir(parents=True, exist_ok=True)
                copy_atomic(picture, target)


def routine_paths(urls: Iterable[QUrl]) -> list[Path]:
    """The local routine files among dropped ``urls``."""
    return [
        Path(u.toLocalFile())
        for u in urls
        if u.isLocalFile() and u.toLocalFile().lower().endswith(ROUTINE_SUFFIXES)
    ]


def import_with_dialogs(parent: QWidget | None, path: Path) -> Path | None:
    """Import ``path``, asking about a name clash and saying why a file is refused.

    Returns where the routine now lives, or None when nothing was added.
    """
    from spasmtimer.ui.dialogs import Dialogs

    result = import_routine(path, lambda name: Dialogs.resolve_conflict(parent, name))
    if result.outcome is Outcome.REFUSED:
        Dialogs.inform(parent, "This routine file cannot be used", "\n".join(result.messages))
        return None
    if result.outcome is Outcome.CANCELLED:
        return None
    return result.path
