"""The history of sessions: a local SQLite database that survives crashes.

A session is written as it goes. :meth:`HistoryStore.begin_session` inserts
its row already marked ``interrupted``; each hold is committed the moment it
ends; :meth:`HistoryStore.finish_session` marks it ``completed`` or
``stopped``. So if the process dies (a crash, ``kill -9``, a power cut with
``synchronous=FULL``) the session reads as interrupted, with every hold done
until then: there is no "running" state to clean up afterwards. FULL costs
well under a millisecond per hold here (``bench/history.py``), and a hold
ends at most every few seconds, so the stronger guarantee is free.

The store never raises to the timer. When the file is damaged it is moved
aside and salvaged (:mod:`spasmtimer.core.history.opening`); when it cannot be
opened for writing, history lives in memory for this run. Either way
:attr:`HistoryStore.notice` says so in the user's words, for the window and
the command line to show. A write that fails later (a full disk, a file made
read-only, a lock held by another program for longer than a quarter second)
is kept in memory, in order, and tried again by :meth:`HistoryStore.flush`;
:attr:`HistoryStore.write_problem` says why at once, to the listeners given
to :meth:`HistoryStore.subscribe`.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from contextlib import suppress
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from spasmtimer.core.clock import WallClock, utc_now
from spasmtimer.core.history import queries
from spasmtimer.core.history.opening import (
    connect,
    open_database,
    weak_callback,
    writable,
    write_problem,
)
from spasmtimer.core.history.stamps import format_stamp

if TYPE_CHECKING:
    from spasmtimer.core.history.records import (
        EventRecord,
        ExerciseTally,
        HoldRecord,
        SessionRecord,
        SessionStatus,
    )

__all__ = [
    "EventRecord",
    "ExerciseTally",
    "HistoryStore",
    "HoldRecord",
    "SessionRecord",
    "SessionStatus",
    "routine_hash",
]

_RECORDS = frozenset(__all__) - {"HistoryStore", "routine_hash"}


def __getattr__(name: str) -> Any:
    """The record types, from :mod:`records` when first asked for.

    Opening the store and writing to it needs none of them, and making their
    dataclasses costs the start-up ~3 ms before Today's first paint.
    """
    if name in _RECORDS:
        from spasmtimer.core.history import records

        return getattr(records, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


log = logging.getLogger(__name__)


def routine_hash(path: Path | None, fallback: str = "") -> str:
    """sha256 of the routine file, so a session can be tied to the exact text done."""
    import hashlib  # here: loading OpenSSL costs the start-up ~3 ms

    if path is not None:
        try:
            return hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            log.warning("history: cannot read %s to hash it: %s", path, exc)
    return hashlib.sha256(fallback.encode("utf-8")).hexdigest()


def _pain(value: int | None) -> int | None:
    if value is None:
        return None
    if not 0 <= int(value) <= 10:
        raise ValueError(f"a pain rating is 0 to 10, not {value}")
    return int(value)


class HistoryStore:
    """Sessions, holds, pain ratings, events and remembered hold levels.

    ``clock`` gives the current time (an aware datetime); ``tz`` is the zone
    whose calendar decides "today" (the system's by default).
    """

    def __init__(
        self,
        path: Path | None,
        clock: WallClock = utc_now,
        *,
        tz: tzinfo | None = None,
        synchronous: str = "FULL",
    ) -> None:
        self._clock = clock
        self._tz = tz
        self.path = path
        self.notice: str | None = None
        # Writes that failed for a passing reason, oldest first (see _write).
        self.write_problem: str | None = None
        self._pending: list[tuple[str, Callable[[sqlite3.Connection], Any]]] = []
        self._ids: dict[int, int] = {}
        self._next_stand_in = -1
        self._listeners: list[Callable[[], Callable[[], None] | None]] = []
        self._synchronous = synchronous
        self._reopen: Path | None = None
        self._read_only_file = False
        if path is None:
            opened = open_database(Path(":memory:"), clock(), synchronous)
            self._conn = opened.conn
            self.available = False
            return
        opened = open_database(path, clock(), synchronous)
        self._conn = opened.conn
        self.available = opened.on_disk
        self.notice = opened.notice
        # Could not be opened for a passing reason: the history lives in memory,
        # every write is also kept to be written into the file once it opens.
        self._reopen = path if opened.retry else None
        # Opened read-only by SQLite (the file was made immutable): once it is
        # writable again, a new connection is needed to write to it.
        self._read_only_file = opened.on_disk and not writable(path)
        if opened.retry:
            self.write_problem, self.notice = opened.notice, None

    @classmethod
    def open_default(cls) -> HistoryStore:
        """The user's history in the data folder (``SPASMTIMER_DATA_DIR``)."""
        from spasmtimer import resources

        return cls(resources.history_db_path())

    @property
    def connection(self) -> sqlite3.Connection:
        return self._conn

    def close(self) -> None:
        self._conn.close()

    def __del__(self) -> None:
        # Closed here at the latest, so a forgotten store never leaves an
        # unclosed connection for the garbage collector to warn about.
        with suppress(Exception):
            self._conn.close()

    def now(self) -> datetime:
        return self._clock()

    def today(self) -> date:
        return self._clock().astimezone(self._tz).date()

    # -- writing ----------------------------------------------------------

    def _write(self, what: str, work: Callable[[sqlite3.Connection], Any]) -> bool:
        """Queue ``work`` (one small transaction) and write everything queued.

        A write that fails for a passing reason (a full disk, a file that
        cannot be written, a lock held elsewhere) stays queued, in order, and
        :meth:`flush` tries again; :attr:`write_problem` says why in plain
        words and the listeners are told at once. True when all is written.
        """
        self._pending.append((what, work))
        if self._reopen is not None:  # in memory for now; the file is tried by flush()
            self._run(self._conn, what, work)
            return False
        return self.flush()

    def _run(self, conn: sqlite3.Connection, what: str, work: Callable[..., Any]) -> None:
        try:
            conn.execute("BEGIN IMMEDIATE")
            work(conn)
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            log.error("history: could not keep %s in memory: %s", what, exc)

    def _try_reopen(self) -> bool:
        """The file that could not be opened at start: open it now if it can be."""
        assert self._reopen is not None
        opened = open_database(self._reopen, self._clock(), self._synchronous, wait=False)
        if not opened.on_disk:
            opened.conn.close()
            return False
        log.info("history: %s opens now; writing what was kept", self._reopen)
        self._conn.close()
        self._conn, self.available, self._reopen = opened.conn, True, None
        self.notice = opened.notice or self.notice
        self._ids.clear()  # the stand-ins now stand for rows of the file
        return True

    def flush(self) -> bool:
        """Write what is queued, oldest first; True when nothing is left."""
        had_problem = self.write_problem is not None
        if self._reopen is not None and not self._try_reopen():
            return False
        if self._read_only_file and self.path is not None and writable(self.path):
            try:
                fresh = connect(self.path, self._synchronous)
            except sqlite3.Error as exc:
                log.info("history: %s is writable but cannot be opened yet: %s", self.path, exc)
            else:
                self._conn.close()
                self._conn, self._read_only_file = fresh, False
        conn = self._conn
        while self._pending:
            what, work = self._pending[0]
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    work(conn)
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            except (sqlite3.IntegrityError, sqlite3.ProgrammingError) as exc:
                # Never going to work (the session row is gone): do not block the rest.
                log.error("history: dropped %s that cannot be saved: %s", what, exc)
            except sqlite3.Error as exc:
                problem = write_problem(exc, self.path)
                log.error("history: could not save %s (%s); kept to try again", what, exc)
                if problem != self.write_problem or not had_problem:
                    self.write_problem = problem
                    self._tell()
                return False
            self._pending.pop(0)
        if had_problem:
            log.info("history: everything kept is saved now")
            self.write_problem = None
            self._tell()
        return True

    @property
    def unsaved(self) -> int:
        """How many writes wait to be tried again (0: everything is saved)."""
        return len(self._pending)

    def subscribe(self, callback: Callable[[], None]) -> None:
        """``callback()`` whenever :attr:`write_problem` changes (a write failed, or
        everything kept was written after all). A method is held weakly."""
        self._listeners.append(weak_callback(callback))

    def _tell(self) -> None:
        for ref in list(self._listeners):
            callback = ref()
            if callback is None:
                self._listeners.remove(ref)
                continue
            try:
                callback()
            except Exception:
                log.exception("history: a listener failed")

    def _id(self, session_id: int) -> int:
        """The row id of a session, also one whose start is still waiting to be saved."""
        return self._ids.get(session_id, session_id)

    def begin_session(
        self, routine: str, routine_sha256: str, *, pain_before: int | None = None
    ) -> int:
        """Insert a session, marked interrupted until it ends; returns its id.

        While the row cannot be written the id is a stand-in (negative) that
        the other writes accept; the row is written when :meth:`flush` can.
        """
        now = self._clock()
        stamp = format_stamp(now)
        row = (
            routine,
            routine_sha256,
            stamp,
            now.astimezone(self._tz).date().isoformat(),
            _pain(pain_before),
            stamp,
        )

        # Until its row is written the session has a stand-in id (negative),
        # which every later write of it turns into the real one.
        stand_in = self._next_stand_in
        self._next_stand_in -= 1

        def insert(conn: sqlite3.Connection) -> None:
            cursor = conn.execute(
                "INSERT INTO sessions (routine, routine_hash, started_at, local_date, "
                "status, pain_before, last_at) VALUES (?, ?, ?, ?, 'interrupted', ?, ?)",
                row,
            )
            self._ids[stand_in] = int(cursor.lastrowid or 0)

        self._write("the start of the session", insert)
        # In memory for now, the row ids are the memory's: callers keep the stand-in.
        return stand_in if self._reopen is not None else self._id(stand_in)

    def record_hold(
        self,
        session_id: int,
        *,
        exercise_index: int,
        exercise: str,
        level: int,
        seconds: float,
        skipped: bool,
        step_index: int | None = None,
        set: int = 1,
        rep: int = 1,
        side: str | None = None,
    ) -> None:
        """Commit one finished or skipped hold; a done hold's level is remembered.

        The same ``step_index`` again (the user went back and did the hold
        again) replaces the earlier outcome, so a hold is counted once.
        """
        stamp = format_stamp(self._clock())
        row = (exercise_index, exercise, set, rep, side, level, float(seconds), int(skipped), stamp)
        wanted = session_id

        def insert(conn: sqlite3.Connection) -> None:
            session_id = self._id(wanted)
            done, missed = (0, 1) if skipped else (1, 0)
            earlier = None
            if step_index is not None:
                earlier = conn.execute(
                    "SELECT id, skipped FROM holds WHERE session_id = ? AND step_index = ?",
                    (session_id, step_index),
                ).fetchone()
            if earlier is None:
                conn.execute(
                    "INSERT INTO holds (session_id, step_index, exercise_index, exercise, set_no, "
                    "rep, side, level, seconds, skipped, ended_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (session_id, step_index, *row),
                )
            else:
                conn.execute(
                    "UPDATE holds SET exercise_index = ?, exercise = ?, set_no = ?, rep = ?, "
                    "side = ?, level = ?, seconds = ?, skipped = ?, ended_at = ? WHERE id = ?",
                    (*row, earlier[0]),
                )
                done, missed = (done - (not earlier[1]), missed - bool(earlier[1]))
            conn.execute(
                "UPDATE sessions SET holds_done = holds_done + ?, "
                "holds_skipped = holds_skipped + ?, last_at = ? WHERE id = ?",
                (done, missed, stamp, session_id),
            )
            if not skipped:
                conn.execute(
                    "INSERT INTO levels (routine, exercise, level, updated_at) "
                    "SELECT routine, ?, ?, ? FROM sessions WHERE id = ? "
                    "ON CONFLICT (routine, exercise) DO UPDATE SET "
                    "level = excluded.level, updated_at = excluded.updated_at",
                    (exercise, level, stamp, session_id),
                )

        self._write("a hold", insert)

    def finish_session(
        self,
        session_id: int,
        status: SessionStatus,
        *,
        pain_after: int | None = None,
        note: str | None = None,
        active_seconds: float | None = None,
    ) -> None:
        """Mark the session completed or stopped (interrupted is what it already is)."""
        stamp = format_stamp(self._clock())
        params = (status.value, stamp, stamp, _pain(pain_after), note, active_seconds)
        self._execute(
            "the end of the session",
            "UPDATE sessions SET status = ?, ended_at = ?, last_at = ?, "
            "pain_after = coalesce(?, pain_after), note = coalesce(?, note), "
            "active_seconds = ? WHERE id = ?",
            params,
            session_id,
        )

    def _execute(
        self, what: str, sql: str, params: tuple[Any, ...], session_id: int | None = None
    ) -> None:
        """One statement; ``session_id`` (a stand-in too) is its last parameter."""
        if session_id is None:
            self._write(what, lambda conn: conn.execute(sql, params))
        else:
            self._write(what, lambda conn: conn.execute(sql, (*params, self._id(session_id))))

    def set_pain(
        self, session_id: int, *, before: int | None = None, after: int | None = None
    ) -> None:
        """Set a pain rating 0-10 after the fact (the prompt may come late)."""
        self._execute(
            "the pain rating",
            "UPDATE sessions SET pain_before = coalesce(?, pain_before), "
            "pain_after = coalesce(?, pain_after) WHERE id = ?",
            (_pain(before), _pain(after)),
            session_id,
        )

    def set_note(self, session_id: int, note: str | None) -> None:
        self._execute(
            "the note", "UPDATE sessions SET note = ? WHERE id = ?", (note or None,), session_id
        )

    def record_event(self, session_id: int | None, kind: str, detail: str = "") -> None:
        """Something that happened, e.g. ``record_event(sid, "hurts", "Knee to chest")``."""
        at = format_stamp(self._clock())
        self._write(
            "the event",
            lambda conn: conn.execute(
                "INSERT INTO events (session_id, at, kind, detail) VALUES (?, ?, ?, ?)",
                (self._id(session_id) if session_id else None, at, kind, detail),
            ),
        )

    def save_level(self, routine: str, exercise: str, level: int) -> None:
        """Remember the hold level of an exercise for the next session."""
        self._execute(
            "the hold level",
            "INSERT INTO levels (routine, exercise, level, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (routine, exercise) DO UPDATE SET "
            "level = excluded.level, updated_at = excluded.updated_at",
            (routine, exercise, int(level), format_stamp(self._clock())),
        )

    # -- reading ----------------------------------------------------------

    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        try:
            return list(self._conn.execute(sql, params))
        except sqlite3.Error as exc:
            log.error("history: could not read: %s", exc)
            self.notice = f"Could not read your history ({exc})."
            return []

    def levels_for(self, routine: str) -> dict[str, int]:
        """The hold level last used, by exercise name."""
        rows = self._read("SELECT exercise, level FROM levels WHERE routine = ?", (routine,))
        return {str(name): int(level) for name, level in rows}

    def sessions(
        self,
        routine: str | None = None,
        *,
        since: date | None = None,
        until: date | None = None,
        newest_first: bool = True,
    ) -> list[SessionRecord]:
        """Sessions, optionally of one routine and between two days (inclusive)."""
        return queries.sessions(self._read, routine, since, until, newest_first)

    def session(self, session_id: int) -> SessionRecord | None:
        return queries.session(self._read, session_id)

    def holds(self, session_id: int) -> list[HoldRecord]:
        return queries.holds(self._read, session_id)

    def per_exercise(self, session_id: int | None = None) -> dict[int, list[ExerciseTally]]:
        """Per session id: holds done and skipped and the level, by exercise."""
        return queries.per_exercise(self._read, session_id)

    def events(self, session_id: int | None = None) -> list[EventRecord]:
        return queries.events(self._read, session_id)

    def routine_names(self) -> list[str]:
        return [str(r[0]) for r in self._read("SELECT DISTINCT routine FROM sessions ORDER BY 1")]

    def completed_per_day(
        self, routine: str | None = None, *, since: date | None = None, until: date | None = None
    ) -> dict[date, int]:
        """Completed sessions per calendar day (what adherence and the heat map count)."""
        return queries.completed_per_day(self._read, routine, since, until)

    def done_today(self, routine: str, today: date | None = None) -> int:
        """Completed sessions of ``routine`` today: the "1" of "1 of 2 today"."""
        day = today or self.today()
        return self.completed_per_day(routine, since=day, until=day).get(day, 0)

    def streak(self, routine: str, sessions_per_day: int, today: date | None = None) -> int:
        """Consecutive days, up to today, with ``sessions_per_day`` completed."""
        day = today or self.today()
        counts = self.completed_per_day(routine, until=day)
        from spasmtimer.core.history import adherence  # here: not on the way to the first paint

        return adherence.streak(counts, sessions_per_day, day)

    def pain_points(
        self, routine: str | None = None
    ) -> list[tuple[datetime, int | None, int | None]]:
        """(start, pain before, pain after) of every session with a rating, oldest first."""
        return queries.pain_points(self._read, routine)

    # -- export -----------------------------------------------------------

    def export_csv(self, out: TextIO, routine: str | None = None) -> int:
        """Write every session (oldest first) as CSV; returns how many."""
        from spasmtimer.core.history.csv_export import write_csv

        return write_csv(out, self.sessions(routine, newest_first=False), self.per_exercise())
