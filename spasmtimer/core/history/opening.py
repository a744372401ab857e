"""Opening the history file, and what to do when it cannot be trusted.

A file that is not a database, or a damaged one, is moved aside under a
name with a timestamp that never replaces an existing file, and a fresh
database starts in its place. A folder that cannot be written, or a file from
a newer SpasmTimer, is left alone: history then lives in memory for this run
and the user is told why. Every outcome carries a sentence for the user.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from spasmtimer.core.history.schema import (
    CURRENT_VERSION,
    NewerSchemaError,
    migrate,
    version_of,
)

log = logging.getLogger(__name__)

# Error names that mean "the bytes in this file are not a sound database".
_CORRUPT = {"SQLITE_NOTADB", "SQLITE_CORRUPT"}
_SIDE_FILES = ("-wal", "-shm", "-journal")


class CorruptDatabase(Exception):
    """The file opened but is damaged (integrity check failed)."""


@dataclass(frozen=True)
class Opened:
    """The connection to use, whether it is kept on disk, and what to tell."""

    conn: sqlite3.Connection
    on_disk: bool
    notice: str | None = None


def connect(path: Path | str, synchronous: str = "FULL") -> sqlite3.Connection:
    """Open, check and migrate one database file; raises on any problem."""
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=5.0)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        # Before anything writes to it: a newer version's file is left untouched.
        found = version_of(conn)
        if found > CURRENT_VERSION:
            raise NewerSchemaError(found)
        if str(path) != ":memory:":
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                log.warning("history: journal mode is %s, not WAL", mode)
        conn.execute(f"PRAGMA synchronous = {synchronous}")
        # quick_check reads every page once: it is what finds a truncated file.
        result = [row[0] for row in conn.execute("PRAGMA quick_check(3)")]
        if result != ["ok"]:
            raise CorruptDatabase("; ".join(str(r) for r in result))
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _is_corrupt(exc: BaseException) -> bool:
    if isinstance(exc, CorruptDatabase):
        return True
    if isinstance(exc, sqlite3.DatabaseError):
        name = getattr(exc, "sqlite_errorname", "")
        if name in _CORRUPT:
            return True
        text = str(exc).lower()
        return "not a database" in text or "malformed" in text
    return False


def aside_name(path: Path, now: datetime) -> Path:
    """``history.sqlite3.corrupt-YYYYmmdd-HHMMSS``, with ``-2``, ``-3``... if taken."""
    base = f"{path.name}.corrupt-{now.strftime('%Y%m%d-%H%M%S')}"
    candidate = path.with_name(base)
    number = 2
    while any(Path(f"{candidate}{s}").exists() for s in ("", *_SIDE_FILES)):
        candidate = path.with_name(f"{base}-{number}")
        number += 1
    return candidate


def _move_no_replace(source: Path, target: Path) -> None:
    # A hard link fails if the target exists, so nothing is ever replaced.
    try:
        os.link(source, target)
    except OSError:
        if target.exists():
            raise
        os.rename(source, target)  # filesystems without hard links
        return
    os.unlink(source)


def move_aside(path: Path, now: datetime) -> Path:
    """Move the database and its side files out of the way; returns the new name."""
    target = aside_name(path, now)
    _move_no_replace(path, target)
    for suffix in _SIDE_FILES:
        side = Path(f"{path}{suffix}")
        if side.exists():
            _move_no_replace(side, Path(f"{target}{suffix}"))
    return target


def _in_memory(notice: str) -> Opened:
    log.warning("history: %s", notice)
    return Opened(connect(":memory:"), on_disk=False, notice=notice)


def open_database(path: Path, now: datetime, synchronous: str = "FULL") -> Opened:
    """Open the history at ``path``, recovering from whatever is found there."""
    not_kept = "The timer works as usual, but sessions are not kept until this is fixed."
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return _in_memory(
            f"Your history cannot be saved: the folder {path.parent} cannot be created "
            f"({reason}). {not_kept}"
        )
    try:
        return Opened(connect(path, synchronous), on_disk=True)
    except NewerSchemaError as exc:
        return _in_memory(f"Your history at {path} is left as it is: {exc}. {not_kept}")
    except (sqlite3.DatabaseError, CorruptDatabase) as exc:
        if not _is_corrupt(exc):
            return _in_memory(f"Your history at {path} cannot be opened ({exc}). {not_kept}")
        problem = str(exc)
    try:
        moved = move_aside(path, now)
    except OSError as exc:
        return _in_memory(
            f"Your history at {path} is damaged ({problem}) and could not be moved "
            f"aside ({exc.strerror or exc}). It is left untouched. {not_kept}"
        )
    log.error("history: %s is damaged (%s); moved to %s", path, problem, moved)
    notice = (
        f"Your history file was damaged ({problem}). It was kept as {moved.name} "
        f"in {path.parent}, and a new history was started."
    )
    try:
        return Opened(connect(path, synchronous), on_disk=True, notice=notice)
    except sqlite3.Error as exc:
        return _in_memory(f"{notice} The new history cannot be opened either ({exc}). {not_kept}")
