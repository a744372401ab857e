"""Opening the history file, and what to do when it cannot be trusted.

A file that is not a database, or a damaged one, is moved aside under a
name with a timestamp that never replaces an existing file, a fresh
database starts in its place, and every row the damaged copy still holds is
salvaged into it (:mod:`spasmtimer.core.history.salvage`). A folder that
cannot be written, or a file from a newer SpasmTimer, is left alone: history
then lives in memory for this run and the user is told why. Every outcome
carries a sentence for the user.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import MethodType
from typing import Any

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
    # The file may open later (a full disk, a read-only file or folder): the
    # store keeps its writes and tries again (HistoryStore.flush).
    retry: bool = False


# While opening, another copy of the app may be creating or upgrading the
# file: wait for it. After that, a write waits at most BUSY_SECONDS for a
# lock held elsewhere and is then kept to try again (HistoryStore), so the
# window never freezes long enough to look like the computer slept.
OPEN_BUSY_SECONDS = 10.0
BUSY_SECONDS = 0.25


def connect(path: Path | str, synchronous: str = "FULL") -> sqlite3.Connection:
    """Open, check and migrate one database file; raises on any problem."""
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=OPEN_BUSY_SECONDS)
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
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
    except BaseException:
        conn.close()
        raise
    return conn


def weak_callback(callback: Callable[..., Any]) -> Callable[[], Callable[..., Any] | None]:
    """A reference to ``callback`` that does not keep its object alive (a method),
    or keeps a plain function; call it to get the callback back (None once gone)."""
    if isinstance(callback, MethodType):
        return weakref.WeakMethod(callback)
    return lambda: callback


def disk_full(folder: Path | None) -> bool:
    """True when the disk holding ``folder`` has (almost) no room left."""
    import shutil

    if folder is None:
        return False
    try:
        return shutil.disk_usage(folder).free < 1024 * 1024
    except OSError:
        return False


def writable(path: Path | None) -> bool:
    """False when the history file (or its journal) cannot be written now."""
    if path is None:
        return True
    files = [path, Path(f"{path}-wal")]
    return all(os.access(f, os.W_OK) for f in files if f.exists())


def write_problem(exc: sqlite3.Error, path: Path | None) -> str:
    """Why a write to the history failed, in the user's words, with what happens now."""
    name = getattr(exc, "sqlite_errorname", "")
    text = str(exc).lower()
    folder = path.parent if path is not None else None
    if name.startswith("SQLITE_FULL") or "disk is full" in text or disk_full(folder):
        why = "the disk is full. Free some space"
    elif name.startswith("SQLITE_BUSY") or "locked" in text:
        why = "another program is using the history file. Close it"
    elif (
        name.startswith("SQLITE_READONLY")
        or "readonly" in text
        or "read-only" in text
        or not writable(path)  # made immutable (chattr +i): SQLite says "I/O error"
    ):
        why = f"the history file {path} cannot be written. Make it writable"
    elif name.startswith("SQLITE_IOERR") or "i/o" in text:
        why = "the disk could not be written. Check the disk"
    else:
        why = f"the history file could not be written ({exc}). Check it"
    return (
        f"Not saved yet: {why}, and SpasmTimer saves what it keeps as soon as it can. "
        "Keep SpasmTimer open until this message goes away."
    )


def _is_busy(exc: BaseException) -> bool:
    name = getattr(exc, "sqlite_errorname", "")
    return isinstance(exc, sqlite3.OperationalError) and (
        name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc).lower()
    )


def _connect_waiting(path: Path, synchronous: str) -> sqlite3.Connection:
    """:func:`connect`, tried again while another copy of the app holds the file.

    SQLite answers "database is locked" at once, without waiting, in a few
    cases (one copy turning an old file's journal into WAL while another
    reads it); the copies started together then take turns here.
    """
    deadline = time.monotonic() + OPEN_BUSY_SECONDS
    while True:
        try:
            return connect(path, synchronous)
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


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


def _in_memory(notice: str, retry: bool = False) -> Opened:
    log.info("history: %s", notice)  # the caller shows the notice itself
    return Opened(connect(":memory:"), on_disk=False, notice=notice, retry=retry)


def open_database(
    path: Path, now: datetime, synchronous: str = "FULL", *, wait: bool = True
) -> Opened:
    """Open the history at ``path``, recovering from whatever is found there.

    ``wait=False`` (trying again while the app runs) never waits for a lock.
    """
    not_kept = "The timer works as usual, but sessions are not kept until this is fixed."
    kept_later = (
        "Not saved yet: SpasmTimer keeps your sessions and saves them as soon as it "
        "can. Keep SpasmTimer open until this message goes away."
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = "the disk is full" if disk_full(path.parent.parent) else exc.strerror or str(exc)
        return _in_memory(
            f"Your history cannot be saved: the folder {path.parent} cannot be created "
            f"({reason}). {kept_later}",
            retry=True,
        )
    try:
        conn = _connect_waiting(path, synchronous) if wait else connect(path, synchronous)
        return Opened(conn, on_disk=True)
    except NewerSchemaError as exc:
        return _in_memory(f"Your history at {path} is left as it is: {exc}. {not_kept}")
    except (sqlite3.DatabaseError, CorruptDatabase) as exc:
        if not _is_corrupt(exc):
            reason = "the disk is full" if disk_full(path.parent) else str(exc)
            if not writable(path) or "readonly" in str(exc).lower():
                reason = "the file cannot be written"
            return _in_memory(
                f"Your history at {path} cannot be opened ({reason}). {kept_later}", retry=True
            )
        problem = str(exc)
    try:
        moved = move_aside(path, now)
    except OSError as exc:
        return _in_memory(
            f"Your history at {path} is damaged ({problem}) and could not be moved "
            f"aside ({exc.strerror or exc}). It is left untouched. {not_kept}"
        )
    log.error("history: %s is damaged (%s); moved to %s", path, problem, moved)
    kept_as = f"The damaged file was kept as {moved.name} in {path.parent}."
    try:
        conn = _connect_waiting(path, synchronous)
    except sqlite3.Error as exc:
        return _in_memory(
            f"Your history file was damaged. {kept_as} A new history cannot be started "
            f"either ({exc}). {not_kept}"
        )
    from spasmtimer.core.history.salvage import salvage  # here: only for a damaged file

    saved = salvage(moved, conn)
    if saved.sessions or saved.holds:
        notice = (
            f"Your history file was damaged, so it was copied into a new one: "
            f"{saved.sentence()}; anything in the damaged part is lost. {kept_as}"
        )
    else:
        notice = (
            f"Your history file was damaged and nothing in it could be read, so a new "
            f"history was started. {kept_as}"
        )
    return Opened(conn, on_disk=True, notice=notice)
