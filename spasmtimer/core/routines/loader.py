"""Loading routine files: the one way a :class:`Routine` is made from a file.

Reading is careful because the files come from anyone (a physiotherapist's
handout, a download): the size is checked before reading, the text must be
UTF-8, YAML is composed with the safe loader and no tag may construct an
object, and every problem comes back at once in a :class:`RoutineError`.
The checks themselves live in :mod:`spasmtimer.core.routines.schema`.
"""

from __future__ import annotations

import codecs
import contextlib
import logging
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spasmtimer import resources
from spasmtimer.core.atomic import inside
from spasmtimer.core.routines.durations import DurationError, format_duration, parse_duration
from spasmtimer.core.routines.problems import Problem, RoutineError
from spasmtimer.core.routines.routine import Exercise, Routine
from spasmtimer.core.routines.schema import routine_from_node
from spasmtimer.core.routines.yamldoc import YamlProblem, compose

__all__ = [
    "MAX_FILE_BYTES",
    "DurationError",
    "Library",
    "Problem",
    "RoutineError",
    "default_library",
    "find_routine",
    "format_duration",
    "is_bundled",
    "load_library",
    "load_routine",
    "load_routine_text",
    "parse_duration",
    "resolve_image",
]

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 1024 * 1024
ROUTINE_SUFFIXES = (".yaml", ".yml")
_OTHER_ENCODINGS = {
    codecs.BOM_UTF32_LE: "UTF-32",
    codecs.BOM_UTF32_BE: "UTF-32",
    codecs.BOM_UTF16_LE: "UTF-16",
    codecs.BOM_UTF16_BE: "UTF-16",
}


def _fail(file: str, message: str, line: int = 1, column: int = 1) -> RoutineError:
    return RoutineError([Problem(file, line, column, message)])


def load_routine(path: Path | str) -> Routine:
    """The routine in the file at ``path``; raises :class:`RoutineError`."""
    path = Path(path)
    file = str(path)
    data = _read(path, file)
    return _load(_decode(data, file), file, path)


def load_routine_text(text: str, name: str = "<string>", base_dir: Path | None = None) -> Routine:
    """The routine in ``text``; ``name`` is the file name problems mention.

    ``base_dir`` is the folder the text stands for, where images are found.
    """
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as error:
        line, column = _line_column(text, error.start)
        raise _fail(name, "this text cannot be saved as UTF-8", line, column) from None
    if size > MAX_FILE_BYTES:
        raise _too_big(name, size)
    return _load(text, name, None if base_dir is None else base_dir / name)


def _too_big(file: str, size: int) -> RoutineError:
    return _fail(
        file, f"the file is {size / MAX_FILE_BYTES:.1f} MiB; a routine file may be at most 1 MiB"
    )


def _read(path: Path, file: str) -> bytes:
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise _fail(file, "is a folder, not a routine file", 0, 0)
        if not stat.S_ISREG(info.st_mode):
            raise _fail(file, "is not a regular file", 0, 0)
        if info.st_size > MAX_FILE_BYTES:
            raise _too_big(file, info.st_size)
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise _fail(file, "no such file", 0, 0) from None
    except PermissionError:
        raise _fail(file, "cannot be read: permission denied", 0, 0) from None
    except OSError as error:
        raise _fail(file, f"cannot be read: {error.strerror or error}", 0, 0) from None
    if len(data) > MAX_FILE_BYTES:  # it grew while we looked
        raise _too_big(file, len(data))
    return data


def _decode(data: bytes, file: str) -> str:
    for bom, encoding in _OTHER_ENCODINGS.items():
        if data.startswith(bom):
            raise _fail(file, f"the file is saved as {encoding}; save it as UTF-8 instead")
    try:
        return data.decode("utf-8-sig")  # a leading byte-order mark is fine
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        byte = data[error.start]
        raise _fail(
            file,
            f"the file is not UTF-8 text (byte 0x{byte:02X} here); save it as UTF-8",
            line,
            column,
        ) from None


def _line_column(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _load(text: str, file: str, path: Path | None) -> Routine:
    if not text.strip():
        raise _fail(file, "the file is empty; a routine needs at least format, name and exercises")
    try:
        root = compose(text)
    except YamlProblem as problem:
        raise _fail(file, problem.message, problem.line, problem.column) from None
    if root is None:
        raise _fail(
            file, "the file holds only comments; a routine needs format, name and exercises"
        )
    return routine_from_node(root, file, path)


@dataclass(frozen=True)
class Library:
    """Every routine that loaded, and every file that did not."""

    routines: list[Routine] = field(default_factory=list)
    broken: list[RoutineError] = field(default_factory=list)


def load_library(paths: Iterable[Path]) -> Library:
    """Load each file; a broken one is kept in ``broken`` and never stops the rest."""
    library = Library()
    for path in paths:
        try:
            library.routines.append(load_routine(path))
        except RoutineError as error:
            log.info("routine file %s is broken: %s", path, error.problems[0])
            library.broken.append(error)
    return library


def routine_files() -> list[Path]:
    """The bundled routine files, then the user's own."""
    try:
        bundled = resources.bundled_routine_files()
    except FileNotFoundError:
        log.exception("the bundled routines are missing")
        bundled = []
    return [*bundled, *resources.user_routine_files()]


def default_library() -> Library:
    """The bundled routines and the user's own."""
    return load_library(routine_files())


def is_bundled(routine: Routine) -> bool:
    """True for a routine that ships with SpasmTimer (not one of the user's)."""
    if routine.path is None:
        return False
    try:
        return routine.path.resolve().parent == resources.bundled_routines_dir().resolve()
    except FileNotFoundError:
        return False


def _looks_like_path(text: str) -> bool:
    return os.sep in text or "/" in text or text.lower().endswith(ROUTINE_SUFFIXES)


def find_routine(name_or_path: str) -> Routine:
    """A routine by file path, or by name or file stem (any letter case).

    Your own routines come before the bundled ones of the same name.
    Raises :class:`RoutineError` when there is no such routine or it is broken.
    """
    candidate = Path(name_or_path).expanduser()
    if candidate.exists() or _looks_like_path(name_or_path):
        bare_file_name = candidate.name == name_or_path
        if candidate.exists() or not bare_file_name:
            return load_routine(candidate)
    wanted = name_or_path.strip().casefold()
    user = resources.user_routine_files()
    files = [*user, *(f for f in routine_files() if f not in user)]  # the user's first
    for path in files:
        if wanted in (path.stem.casefold(), path.name.casefold()):
            return load_routine(path)
    if _looks_like_path(name_or_path):
        raise _fail(name_or_path, "no such file", 0, 0)
    for routine in load_library(files).routines:
        if routine.name.casefold() == wanted:
            return routine
    raise _fail(
        name_or_path,
        "no such file, and no routine has that name ('spasmtimer list' shows them)",
        0,
        0,
    )


def resolve_image(routine: Routine, exercise: Exercise) -> Path | None:
    """The image file of ``exercise``: beside the routine file, else bundled; None if neither."""
    if not exercise.image:
        return None
    candidates = []
    if routine.path is not None:  # beside the file: never through a link out of its folder
        candidates.append((routine.path.parent, routine.path.parent / exercise.image))
    with contextlib.suppress(FileNotFoundError):  # no bundled assets at all
        candidates.append((resources.assets_dir(), resources.asset("images", exercise.image)))
    for folder, candidate in candidates:
        if inside(folder, candidate):
            return candidate
    return None


MISSING_PICTURE = "is neither beside the file nor bundled; no picture will show"


def missing_picture(routine: Routine, exercise: Exercise) -> str:
    """A note when ``exercise`` names a picture that cannot be found ("" if none is missing).

    Not a problem (the routine runs without it), but said wherever the routine
    is checked: ``spasmtimer validate`` and the editor's picture field.
    """
    if not exercise.image or resolve_image(routine, exercise) is not None:
        return ""
    return f"image {exercise.image!r} {MISSING_PICTURE}"
