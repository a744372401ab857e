"""Reading the history back: the SQL of each question and its rows as records.

:class:`spasmtimer.core.history.store.HistoryStore` asks these through its
own ``read`` (which logs a failed read and tells the user, returning no rows),
so nothing here raises to the timer or touches the connection itself. The
record types are imported when first needed: Today's first paint counts
completed sessions and needs none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from spasmtimer.core.guidance.progression import COUNTS_SQL
from spasmtimer.core.history.stamps import EPOCH, parse_stamp

if TYPE_CHECKING:
    from spasmtimer.core.history.records import (
        EventRecord,
        ExerciseTally,
        HoldRecord,
        SessionRecord,
    )

Read = Callable[[str, tuple[Any, ...]], list[tuple[Any, ...]]]
"""Run one SELECT with its parameters; every row (none if it failed)."""

SESSION_COLUMNS = (
    "id, routine, routine_hash, started_at, ended_at, local_date, status, "
    "holds_done, holds_skipped, pain_before, pain_after, note, last_at, active_seconds"
)


def session_from_row(row: tuple[Any, ...]) -> SessionRecord:
    """One row of :data:`SESSION_COLUMNS` as a record."""
    from spasmtimer.core.history.records import SessionRecord, SessionStatus

    started = parse_stamp(row[3])
    assert started is not None
    return SessionRecord(
        id=row[0],
        routine=row[1],
        routine_hash=row[2],
        started=started,
        ended=parse_stamp(row[4]),
        local_date=date.fromisoformat(row[5]),
        status=SessionStatus(row[6]),
        holds_done=row[7],
        holds_skipped=row[8],
        pain_before=row[9],
        pain_after=row[10],
        note=row[11],
        last=parse_stamp(row[12]) or started,
        active_seconds=row[13],
    )


def sessions_where(
    routine: str | None, since: date | None, until: date | None
) -> tuple[str, tuple[Any, ...]]:
    """The WHERE clause (with its parameters) for one routine and between two days."""
    clauses: list[str] = []
    params: list[Any] = []
    if routine is not None:
        clauses.append("routine = ?")
        params.append(routine)
    if since is not None:
        clauses.append("local_date >= ?")
        params.append(since.isoformat())
    if until is not None:
        clauses.append("local_date <= ?")
        params.append(until.isoformat())
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), tuple(params)


def sessions(
    read: Read,
    routine: str | None,
    since: date | None,
    until: date | None,
    newest_first: bool,
) -> list[SessionRecord]:
    where, params = sessions_where(routine, since, until)
    order = "DESC" if newest_first else "ASC"
    rows = read(
        f"SELECT {SESSION_COLUMNS} FROM sessions{where} ORDER BY started_at {order}, id {order}",
        params,
    )
    return [session_from_row(row) for row in rows]


def session(read: Read, session_id: int) -> SessionRecord | None:
    rows = read(f"SELECT {SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,))
    return session_from_row(rows[0]) if rows else None


def holds(read: Read, session_id: int) -> list[HoldRecord]:
    rows = read(
        "SELECT exercise_index, exercise, set_no, rep, side, level, seconds, skipped, "
        "ended_at FROM holds WHERE session_id = ? ORDER BY id",
        (session_id,),
    )
    from spasmtimer.core.history.records import HoldRecord

    return [
        HoldRecord(r[0], r[1], r[2], r[3], r[4], r[5], r[6], bool(r[7]), parse_stamp(r[8]) or EPOCH)
        for r in rows
    ]


def per_exercise(read: Read, session_id: int | None) -> dict[int, list[ExerciseTally]]:
    sql = (
        "SELECT session_id, exercise_index, exercise, "
        "sum(NOT skipped), sum(skipped), max(level) FROM holds"
    )
    params: tuple[Any, ...] = ()
    if session_id is not None:
        sql += " WHERE session_id = ?"
        params = (session_id,)
    sql += " GROUP BY session_id, exercise_index ORDER BY session_id, exercise_index"
    from spasmtimer.core.history.records import ExerciseTally

    tallies: dict[int, list[ExerciseTally]] = {}
    for sid, index, name, done, skipped, level in read(sql, params):
        tallies.setdefault(int(sid), []).append(
            ExerciseTally(int(index), str(name), int(done), int(skipped), int(level))
        )
    return tallies


def events(read: Read, session_id: int | None) -> list[EventRecord]:
    sql = "SELECT session_id, at, kind, detail FROM events"
    params: tuple[Any, ...] = ()
    if session_id is not None:
        sql += " WHERE session_id = ?"
        params = (session_id,)
    rows = read(sql + " ORDER BY id", params)
    from spasmtimer.core.history.records import EventRecord

    return [EventRecord(r[0], parse_stamp(r[1]) or EPOCH, r[2], r[3]) for r in rows]


def completed_per_day(
    read: Read, routine: str | None, since: date | None, until: date | None
) -> dict[date, int]:
    where, params = sessions_where(routine, since, until)
    where = (where + " AND " if where else " WHERE ") + f"status = 'completed' AND {COUNTS_SQL}"
    rows = read(f"SELECT local_date, count(*) FROM sessions{where} GROUP BY local_date", params)
    return {date.fromisoformat(day): int(n) for day, n in rows}


def pain_points(read: Read, routine: str | None) -> list[tuple[datetime, int | None, int | None]]:
    where, params = sessions_where(routine, None, None)
    where = (where + " AND " if where else " WHERE ") + (
        "(pain_before IS NOT NULL OR pain_after IS NOT NULL)"
    )
    rows = read(
        f"SELECT started_at, pain_before, pain_after FROM sessions{where} ORDER BY started_at",
        params,
    )
    return [(parse_stamp(r[0]) or EPOCH, r[1], r[2]) for r in rows]
