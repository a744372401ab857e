"""What today's plan needs from the history: things done today, and the last session's day.

Works on the history store's SQLite connection (``HistoryStore.connection``),
like :mod:`spasmtimer.core.history.level_changes`. Finished sessions come from the
``sessions`` table (an "Ice pack" or "Heat pack" session is an application);
walks and desk breaks the user confirms (from a reminder or the Today screen)
are stored as events of kind ``walk`` and ``desk-break`` with no session.
Times come back as naive local datetimes in ``tz`` (the system's by default),
the way the plan and the reminders take them.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from spasmtimer.core.guidance.progression import COUNTS_SQL
from spasmtimer.core.today.plan import APPLICATION_ROUTINES, Done, ItemKind, done_from_session

log = logging.getLogger(__name__)

CONFIRMED_KINDS = {ItemKind.WALK: "walk", ItemKind.DESK_BREAK: "desk-break"}
_CONFIRMED_BY_WORD = {word: kind for kind, word in CONFIRMED_KINDS.items()}


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _local(text: str, tz: tzinfo | None) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment.astimezone(tz).replace(tzinfo=None)


def record_confirmation(conn: sqlite3.Connection, kind: ItemKind, at: datetime) -> bool:
    """Store that a walk or desk break was done at ``at`` (aware); False if it could not."""
    if kind not in CONFIRMED_KINDS:
        raise ValueError(f"only walks and desk breaks are confirmed, not {kind.name}")
    try:
        conn.execute(
            "INSERT INTO events (session_id, at, kind, detail) VALUES (NULL, ?, ?, '')",
            (_stamp(at), CONFIRMED_KINDS[kind]),
        )
    except sqlite3.Error as exc:
        log.error("history: could not save a %s: %s", CONFIRMED_KINDS[kind], exc)
        return False
    return True


def done_on(conn: sqlite3.Connection, day: date, tz: tzinfo | None = None) -> tuple[Done, ...]:
    """Everything done on ``day`` (the user's calendar day), oldest first."""
    midnight = datetime.combine(day, time())
    start = midnight.replace(tzinfo=tz) if tz is not None else midnight.astimezone()
    end = start + timedelta(days=1)  # a day with a clock change is an hour off: harmless
    found: list[Done] = []
    try:
        sessions = conn.execute(
            "SELECT routine, ended_at FROM sessions WHERE local_date = ? "
            f"AND status = 'completed' AND {COUNTS_SQL} AND ended_at IS NOT NULL "
            "ORDER BY ended_at",
            (day.isoformat(),),
        ).fetchall()
        events = conn.execute(
            "SELECT kind, at FROM events WHERE session_id IS NULL AND kind IN (?, ?) "
            "AND at >= ? AND at < ? ORDER BY at",
            (*CONFIRMED_KINDS.values(), _stamp(start), _stamp(end)),
        ).fetchall()
    except sqlite3.Error as exc:
        log.error("history: could not read today's sessions: %s", exc)
        return ()
    found += [done_from_session(str(routine), _local(ended, tz)) for routine, ended in sessions]
    found += [Done(_CONFIRMED_BY_WORD[str(word)], _local(at, tz)) for word, at in events]
    return tuple(sorted(found, key=lambda d: d.at))


def confirmations(
    conn: sqlite3.Connection, tz: tzinfo | None = None, limit: int = 1000
) -> tuple[Done, ...]:
    """The walks and desk breaks the user confirmed, newest first (at most ``limit``)."""
    try:
        events = conn.execute(
            "SELECT kind, at FROM events WHERE session_id IS NULL AND kind IN (?, ?) "
            "ORDER BY at DESC LIMIT ?",
            (*CONFIRMED_KINDS.values(), int(limit)),
        ).fetchall()
    except sqlite3.Error as exc:
        log.error("history: could not read the walks and desk breaks: %s", exc)
        return ()
    return tuple(Done(_CONFIRMED_BY_WORD[str(word)], _local(at, tz)) for word, at in events)


def last_session_day(conn: sqlite3.Connection, before: date) -> date | None:
    """The last day before ``before`` with a finished session (ice and heat left out)."""
    names = tuple(APPLICATION_ROUTINES)
    try:
        row = conn.execute(
            f"SELECT max(local_date) FROM sessions WHERE status = 'completed' AND {COUNTS_SQL} "
            f"AND local_date < ? AND routine NOT IN ({', '.join('?' for _ in names)})",
            (before.isoformat(), *names),
        ).fetchone()
    except sqlite3.Error as exc:
        log.error("history: could not read the last session's day: %s", exc)
        return None
    return date.fromisoformat(row[0]) if row and row[0] else None
