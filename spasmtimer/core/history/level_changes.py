"""Hold level changes in the history: each one with its reason, and what they rest on.

Works on the history store's own SQLite connection
(``HistoryStore.connection``, autocommit), on the ``level_changes`` table of
schema version 3 (:mod:`spasmtimer.core.history.schema`). Two jobs:

- :func:`record` and :func:`changes`: take a change (the level the next
  session uses, and the change with its reason, in one transaction) and read
  them back, for the history and the clinician report;
- :func:`outcomes`: how the last sessions that included an exercise went,
  as the :class:`spasmtimer.core.guidance.progression.Outcome` values that
  :func:`spasmtimer.core.guidance.progression.offer` decides on; :func:`offers` does
  that for every exercise of a routine (what the overview shows).

Errors reading are logged and read as "nothing"; errors writing are logged
and return 0, like the store: the timer never breaks on the history.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime

from spasmtimer.core.guidance.progression import (
    COUNTS_SQL,
    GOOD_SESSIONS,
    Change,
    Offer,
    Outcome,
    chosen,
    offer,
)
from spasmtimer.core.guidance.safety import HURT_DETAIL_GLUE, HURT_EVENT_KIND
from spasmtimer.core.routines.routine import Exercise, Routine

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LevelChange:
    """One recorded change of an exercise's hold level."""

    id: int
    at: datetime  # UTC
    routine: str
    exercise: str
    change: Change
    from_level: int
    to_level: int
    from_seconds: float
    to_seconds: float
    reason: str
    session_id: int | None = None

    def describe(self) -> str:
        """One line for a report: ``Prayer stretch: 7 → 8 seconds (longer). Why.``"""
        if self.change is Change.SKIP:
            what = "left out next time"
        elif self.from_seconds == self.to_seconds:  # the reps changed: the reason says how
            return f"{self.exercise}: {self.reason}."
        else:
            word = "longer" if self.change is Change.UP else "shorter"
            what = f"{self.from_seconds:g} → {self.to_seconds:g} seconds ({word})"
        return f"{self.exercise}: {what}. {self.reason}."

    def line(self) -> str:
        """With its day and routine: ``3 May 2024, Back · Prayer stretch: 7 → 8 seconds…``."""
        return f"{self.at.astimezone():%-d %B %Y}, {self.routine} · {self.describe()}"


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def record(
    conn: sqlite3.Connection,
    routine: str,
    offer: Offer,
    at: datetime,
    session_id: int | None = None,
) -> int:
    """Take ``offer``: the level the next session uses and the change, with its
    reason, saved together in one transaction. Returns the change's id (0 if
    it could not be saved; then neither is).

    A skip records the change only: which exercises are left out is kept in
    the settings, with the ones the user chose after "This hurts".
    ``conn`` is the store's (autocommit) connection; ``at`` is aware.
    """
    stamp = _stamp(at)
    reason = offer.reason
    if offer.from_reps != offer.to_reps and offer.change is not Change.SKIP:
        more = "more" if offer.change is Change.UP else "fewer"
        reason = f"{offer.from_reps} → {offer.to_reps} reps ({more}). {reason}"
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            if offer.change is not Change.SKIP:
                conn.execute(
                    "INSERT INTO levels (routine, exercise, level, updated_at) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (routine, exercise) DO UPDATE SET "
                    "level = excluded.level, updated_at = excluded.updated_at",
                    (routine, offer.exercise, offer.to_level, stamp),
                )
            cursor = conn.execute(
                "INSERT INTO level_changes (at, routine, exercise, change, from_level, "
                "to_level, from_seconds, to_seconds, reason, session_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    stamp,
                    routine,
                    offer.exercise,
                    offer.change.value,
                    offer.from_level,
                    offer.to_level,
                    float(offer.from_seconds),
                    float(offer.to_seconds),
                    reason,
                    session_id or None,
                ),
            )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        log.error("history: could not save a level change: %s", exc)
        return 0
    return int(cursor.lastrowid or 0)


CHOSEN = "You chose it with + / −"


def record_choice(
    conn: sqlite3.Connection,
    routine: str,
    exercise: Exercise,
    old: int,
    new: int,
    at: datetime,
    session_id: int | None = None,
) -> int:
    """A level the user chose with + / − (before or during a session): the level
    the next session uses and the change, recorded as :func:`record` does.
    Nothing when the level does not change. Returns the change's id (0 if none).
    """
    old, new = exercise.clamp_level(old), exercise.clamp_level(new)
    if old == new:
        return 0
    return record(conn, routine, chosen(exercise.name, exercise, old, new, CHOSEN), at, session_id)


def changes(
    conn: sqlite3.Connection,
    routine: str | None = None,
    *,
    since: date | None = None,
    until: date | None = None,
) -> list[LevelChange]:
    """The changes, oldest first, optionally of one routine and between two UTC days."""
    clauses, params = [], []
    if routine is not None:
        clauses.append("routine = ?")
        params.append(routine)
    if since is not None:
        clauses.append("at >= ?")
        params.append(since.isoformat())
    if until is not None:
        clauses.append("substr(at, 1, 10) <= ?")
        params.append(until.isoformat())
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    try:
        rows = conn.execute(
            "SELECT id, at, routine, exercise, change, from_level, to_level, from_seconds, "
            f"to_seconds, reason, session_id FROM level_changes{where} ORDER BY at, id",
            params,
        ).fetchall()
    except sqlite3.Error as exc:
        log.error("history: could not read the level changes: %s", exc)
        return []
    return [
        LevelChange(
            id=int(r[0]),
            at=_parse(r[1]),
            routine=str(r[2]),
            exercise=str(r[3]),
            change=Change(r[4]),
            from_level=int(r[5]),
            to_level=int(r[6]),
            from_seconds=float(r[7]),
            to_seconds=float(r[8]),
            reason=str(r[9]),
            session_id=r[10],
        )
        for r in rows
    ]


def outcomes(
    conn: sqlite3.Connection, routine: str, exercise: str, limit: int = GOOD_SESSIONS
) -> list[Outcome]:
    """How the last ``limit`` sessions of ``routine`` that included ``exercise`` went.

    A session includes it when one of its holds (done or skipped) is of that
    exercise, or "This hurts" was pressed on it (before its first hold, too).
    "This hurts" counts when its event names the exercise: the detail
    ``HurtReport.detail()`` writes, ``"<exercise>: pain …"`` (the whole
    ``": pain "`` is matched, so "Stretch" is not hurt by a "Stretch: left"),
    or the bare name.
    Newest first.
    """
    try:
        # Newest first along the (routine, local_date) index, so the search
        # stops after ``limit`` sessions however long the history is.
        rows = conn.execute(
            "SELECT s.started_at, (SELECT max(h.level) FROM holds h "
            "                      WHERE h.session_id = s.id AND h.exercise = ?) AS level, "
            f"s.status = 'completed' AND {COUNTS_SQL}, s.pain_before, s.pain_after, "
            "EXISTS (SELECT 1 FROM events e WHERE e.session_id = s.id AND e.kind = ? "
            "        AND (e.detail = ? OR substr(e.detail, 1, ?) = ?)) AS hurt, "
            "(SELECT count(*) FROM holds h WHERE h.session_id = s.id AND h.exercise = ? "
            "        AND h.skipped) "
            "FROM sessions s WHERE s.routine = ? AND (level IS NOT NULL OR hurt) "
            "ORDER BY s.local_date DESC, s.started_at DESC, s.id DESC LIMIT ?",
            (
                exercise,
                HURT_EVENT_KIND,
                exercise,
                len(exercise) + len(HURT_DETAIL_GLUE),
                exercise + HURT_DETAIL_GLUE,
                exercise,
                routine,
                int(limit),
            ),
        ).fetchall()
    except sqlite3.Error as exc:
        log.error("history: could not read how the sessions went: %s", exc)
        return []
    return [
        # "This hurts" before its first hold: no level of its own (-1 earns nothing)
        Outcome(_parse(r[0]), _level(r[1]), bool(r[2]), r[3], r[4], bool(r[5]), int(r[6]))
        for r in rows
    ]


def _level(value: object) -> int:
    return int(value) if isinstance(value, int) else -1


def offers(conn: sqlite3.Connection, routine: Routine, levels: Mapping[str, int]) -> list[Offer]:
    """What to offer for each exercise of ``routine``: a level up or down for one
    whose hold or reps are a range, leaving it out for one with nothing to shorten.

    ``levels`` is the level each exercise is at now, by name
    (``HistoryStore.levels_for``); missing ones are at the bottom of the range.
    Once a change was taken for an exercise, nothing more is offered for it
    until a session has included it again (a "This hurts" must not step down
    twice).
    """
    found = []
    answered = {c.exercise: c.at for c in changes(conn, routine.name)}  # the latest of each
    for exercise in routine.exercises:
        level = levels.get(exercise.name, 0)
        past = outcomes(conn, routine.name, exercise.name)
        taken = answered.get(exercise.name)
        if taken is not None and past and taken > max(o.at for o in past):
            continue  # a change was taken since the last session: wait for the next one
        choice = offer(exercise.name, exercise, level, past)
        if choice is not None:
            found.append(choice)
    return found
