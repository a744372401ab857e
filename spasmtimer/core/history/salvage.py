"""Salvaging what a damaged history file still holds, row by row.

A few damaged bytes in the middle of the file make SQLite refuse whole
queries ("database disk image is malformed"), though nearly every row is
still there. :func:`salvage` opens the damaged copy read-only (``immutable``:
nothing is written to it or beside it), reads each table by rowid in small
ranges, falls back to one row at a time in a range that fails, and copies
every row that still reads and makes sense into the fresh history, in one
transaction. What was kept is counted for the user.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from spasmtimer.core.history.stamps import parse_stamp

log = logging.getLogger(__name__)

# The tables in the order they are copied (holds and events need their session).
TABLES = ("sessions", "holds", "levels", "events", "level_changes")
_CHUNK = 256
_MOST_ROWIDS = 5_000_000  # past this, read in order and step over what fails


@dataclass(frozen=True)
class Salvaged:
    """How many rows of each kind were kept."""

    sessions: int = 0
    holds: int = 0
    other: int = 0

    def sentence(self) -> str:
        """``1,498 sessions and 8,974 holds were kept``, in plain words."""

        def count(n: int, word: str) -> str:
            return f"{n:,} {word}{'' if n == 1 else 's'}"

        return f"{count(self.sessions, 'session')} and {count(self.holds, 'hold')} were kept"


def _plausible(table: str, row: dict[str, Any]) -> bool:
    """Rows whose dates cannot be read would break every list that shows them."""
    try:
        if table == "sessions":
            date.fromisoformat(str(row["local_date"]))
            if parse_stamp(row["started_at"]) is None:
                return False
            for column in ("ended_at", "last_at"):
                if row.get(column):
                    parse_stamp(row[column])
        elif table == "holds":
            return parse_stamp(row["ended_at"]) is not None
        elif table in ("events", "level_changes"):
            return parse_stamp(row["at"]) is not None
    except (ValueError, TypeError, KeyError):
        return False
    return True


def _rows(source: sqlite3.Connection, table: str, columns: list[str]) -> Iterator[tuple[Any, ...]]:
    """Every row of ``table`` that can still be read, in rowid order."""
    select = f"SELECT {', '.join(columns)} FROM {table}"

    def fetch(where: str, params: tuple[int, ...]) -> list[tuple[Any, ...]] | None:
        try:
            return source.execute(f"{select} WHERE {where}", params).fetchall()
        except sqlite3.DatabaseError:
            return None

    try:
        highest = source.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0
    except sqlite3.DatabaseError:
        highest = None
    if highest is not None and highest <= _MOST_ROWIDS:
        for low in range(1, int(highest) + 1, _CHUNK):
            rows = fetch("rowid BETWEEN ? AND ?", (low, low + _CHUNK - 1))
            if rows is None:  # a damaged page in this range: one row at a time
                rows = []
                for rowid in range(low, low + _CHUNK):
                    rows += fetch("rowid = ?", (rowid,)) or []
            yield from rows
        return
    # The rightmost pages are damaged too: read forward, stepping over failures.
    last, step = 0, 1
    while last < 2**62:
        rows = fetch("rowid > ? ORDER BY rowid LIMIT ?", (last, _CHUNK))
        if rows is None:
            last, step = last + step, min(step * 2, 4096)
            continue
        if not rows:
            return
        step = 1
        yield from (row[1:] for row in rows)
        last = int(rows[-1][0])


def salvage(damaged: Path, target: sqlite3.Connection, version: int | None = None) -> Salvaged:
    """Copy every readable row of ``damaged`` into ``target`` (a fresh history).

    Never raises for a damaged source: what cannot be read is left behind.
    """
    uri = f"file:{quote(str(damaged))}?mode=ro&immutable=1"
    try:
        source = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        log.error("history: cannot open %s to salvage it: %s", damaged, exc)
        return Salvaged()
    counts = dict.fromkeys(TABLES, 0)
    try:
        found = _source_version(source) if version is None else version
        target.execute("BEGIN IMMEDIATE")
        try:
            for table in TABLES:
                counts[table] = _copy(source, target, table)
            if found < 2:  # version 1 had no running totals: count them
                target.execute(
                    "UPDATE sessions SET holds_done = (SELECT count(*) FROM holds h WHERE "
                    "h.session_id = sessions.id AND NOT h.skipped), holds_skipped = (SELECT "
                    "count(*) FROM holds h WHERE h.session_id = sessions.id AND h.skipped)"
                )
        except BaseException:
            target.execute("ROLLBACK")
            raise
        target.execute("COMMIT")
    except sqlite3.Error as exc:
        log.error("history: salvaging %s failed: %s", damaged, exc)
        return Salvaged()
    finally:
        source.close()
    other = sum(counts[t] for t in TABLES if t not in ("sessions", "holds"))
    return Salvaged(counts["sessions"], counts["holds"], other)


def _source_version(source: sqlite3.Connection) -> int:
    try:
        return int(source.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError:
        return 0


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    try:
        return [str(r[1]) for r in conn.execute(f"PRAGMA table_info({table})")]
    except sqlite3.DatabaseError:
        return []


def _copy(source: sqlite3.Connection, target: sqlite3.Connection, table: str) -> int:
    wanted = _columns(target, table)
    have = set(_columns(source, table))
    columns = [c for c in wanted if c in have]
    if not columns:
        return 0
    insert = (
        f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) "
        f"VALUES ({', '.join('?' * len(columns))})"
    )
    # ``rowid`` first for reading forward; dropped again by _rows.
    read_columns = columns if _has_max(source, table) else ["rowid", *columns]
    kept = 0
    for row in _rows(source, table, read_columns):
        if _plausible(table, dict(zip(columns, row, strict=False))) and _insert(
            target, insert, row
        ):
            kept += 1
    return kept


def _has_max(source: sqlite3.Connection, table: str) -> bool:
    try:
        highest = source.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0
    except sqlite3.DatabaseError:
        return False
    return int(highest) <= _MOST_ROWIDS


def _insert(target: sqlite3.Connection, sql: str, row: tuple[Any, ...]) -> bool:
    try:
        return target.execute(sql, row).rowcount > 0
    except sqlite3.Error:  # a CHECK or a missing session: this row is garbage
        return False
