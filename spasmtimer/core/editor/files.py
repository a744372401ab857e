"""Routine files on disk: safe saving, free names, copies and recovery drafts.

Saving never leaves half a file: the text goes to a temporary file in the
same folder, is flushed to the disk, and then takes the old file's place in
one rename. A draft that cannot be saved yet is kept as a recovery copy in
the user's data folder, so closing the app (or a crash) never loses it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path

from spasmtimer import resources
from spasmtimer.core.atomic import write_text_atomic
from spasmtimer.core.routines.rules import MAX_NAME

__all__ = [
    "FileStamp",
    "Recovery",
    "SaveError",
    "copy_name",
    "discard_recovery",
    "file_name_for",
    "free_name",
    "read_recoveries",
    "recovery_dir",
    "write_atomic",
    "write_recovery",
]

log = logging.getLogger(__name__)

COPY_SUFFIX = " (my copy)"


class SaveError(Exception):
    """A file that could not be written; the message says where and why."""


@dataclass(frozen=True)
class FileStamp:
    """What a file held when it was read: to notice that someone changed it since."""

    digest: str | None  # sha256 of the bytes; None when there was no file

    @classmethod
    def of(cls, path: Path) -> FileStamp:
        try:
            return cls(hashlib.sha256(path.read_bytes()).hexdigest())
        except (FileNotFoundError, NotADirectoryError):
            return cls(None)
        except OSError as error:  # there, but unreadable: not what was opened
            return cls(f"unreadable: {error.strerror}")

    @classmethod
    def of_bytes(cls, data: bytes) -> FileStamp:
        return cls(hashlib.sha256(data).hexdigest())


def _reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    return error.strerror or str(error)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all; raises :class:`SaveError`."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SaveError(f"Cannot save in the folder {folder}: {_reason(error)}.") from None
    try:
        write_text_atomic(path, text)
    except OSError as error:
        raise SaveError(f"Cannot save {path}: {_reason(error)}.") from None


def free_name(folder: Path, name: str) -> Path:
    """``back.yaml`` → ``back-2.yaml`` (or -3...) when taken."""
    candidate = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    n = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{n}{suffix}"
        n += 1
    return candidate


def copy_name(name: str) -> str:
    """The name of the user's copy of a routine: ``Back spasm relief (my copy)``."""
    base = name.strip() or "Routine"
    if base.endswith(COPY_SUFFIX):
        return base
    room = MAX_NAME - len(COPY_SUFFIX)
    if len(base) > room:
        base = base[: room - 1].rstrip() + "…"
    return base + COPY_SUFFIX


def file_name_for(name: str) -> str:
    """A file name for a routine called ``name``: ``back-spasm-relief-my-copy.yaml``."""
    words = re.sub(r"[^\w]+", "-", name.casefold()).strip("-_")
    return (words[:60].rstrip("-") or "routine") + ".yaml"


# -- recovery copies of drafts ------------------------------------------------


@dataclass(frozen=True)
class Recovery:
    """A draft kept on disk: the file it belongs to (None for a new one) and its text."""

    key: str
    path: Path | None
    text: str
    saved_at: float
    where: Path


def recovery_dir() -> Path:
    return resources.user_data_dir() / "drafts"


def _recovery_file(key: str) -> Path:
    return recovery_dir() / (hashlib.sha256(key.encode("utf-8")).hexdigest()[:16] + ".json")


def write_recovery(key: str, path: Path | None, text: str) -> Path:
    """Keep ``text`` as the recovery copy for ``key``; raises :class:`SaveError`."""
    target = _recovery_file(key)
    record = {
        "key": key,
        "path": None if path is None else str(path),
        "text": text,
        "saved_at": time.time(),
    }
    write_atomic(target, json.dumps(record, ensure_ascii=False))
    return target


def discard_recovery(key: str) -> None:
    with contextlib.suppress(OSError):
        _recovery_file(key).unlink()


MAX_DRAFT_BYTES = 8 * 1024 * 1024  # a routine is at most 1 MiB; its draft is JSON of it


def read_recoveries() -> list[Recovery]:
    """Every recovery copy on disk, newest first; unreadable ones are skipped."""
    found: list[Recovery] = []
    folder = recovery_dir()
    if not folder.is_dir():
        return found
    for file in folder.glob("*.json"):
        # Each draft on its own: one that is damaged, huge or nested a
        # thousand deep is skipped and never hides the good ones beside it.
        try:
            if file.stat().st_size > MAX_DRAFT_BYTES:
                raise ValueError(f"{file.stat().st_size} bytes is too big for a draft")
            record = json.loads(file.read_text(encoding="utf-8"))
            if not isinstance(record, dict):
                raise TypeError("not a draft record")
            key, path, text = record["key"], record.get("path"), record["text"]
            if not isinstance(key, str) or not isinstance(text, str):
                raise TypeError("the key and text of a draft are text")
            if path is not None and not isinstance(path, str):
                raise TypeError("the path of a draft is text")
            saved_at = record.get("saved_at", 0.0)
            if isinstance(saved_at, bool) or not isinstance(saved_at, int | float):
                raise TypeError("the time of a draft is a number")
            found.append(
                Recovery(
                    key=key,
                    path=None if path is None else Path(path),
                    text=text,
                    saved_at=float(saved_at),
                    where=file,
                )
            )
        except (OSError, ValueError, KeyError, TypeError, RecursionError) as error:
            log.warning("skipping the unreadable draft %s: %s", file, error)
    return sorted(found, key=lambda r: r.saved_at, reverse=True)
