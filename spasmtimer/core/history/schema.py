"""The history database's tables, one SQL script per schema version.

``PRAGMA user_version`` holds the version a file is at. :func:`migrate`
brings any older file up to :data:`CURRENT_VERSION` in one immediate
transaction that reads the version inside it, so a crash during an upgrade
leaves the file at the old version rather than half way, and processes
starting at once never run a step twice.

Version 1 is the first schema that shipped; it is kept verbatim (tests build
a real version-1 file from it). Never edit a released step: add a new one.
"""

from __future__ import annotations

import sqlite3

# The first schema: sessions, the holds done in them, remembered hold levels.
V1 = """
CREATE TABLE sessions (
    id           INTEGER PRIMARY KEY,
    routine      TEXT NOT NULL,
    routine_hash TEXT NOT NULL,
    started_at   TEXT NOT NULL,              -- UTC, ISO 8601
    local_date   TEXT NOT NULL,              -- the user's calendar day, YYYY-MM-DD
    ended_at     TEXT,                       -- UTC; NULL until it ends
    status       TEXT NOT NULL DEFAULT 'interrupted'
                 CHECK (status IN ('completed', 'stopped', 'interrupted'))
);
CREATE INDEX sessions_by_day ON sessions (local_date);

CREATE TABLE holds (
    id             INTEGER PRIMARY KEY,
    session_id     INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    step_index     INTEGER,                  -- the hold's step in the plan
    exercise_index INTEGER NOT NULL,
    exercise       TEXT NOT NULL,
    set_no         INTEGER NOT NULL,
    rep            INTEGER NOT NULL,
    side           TEXT,
    level          INTEGER NOT NULL,
    seconds        REAL NOT NULL,
    skipped        INTEGER NOT NULL CHECK (skipped IN (0, 1)),
    ended_at       TEXT NOT NULL
);
-- A hold done again (the user went back) replaces its first outcome.
CREATE UNIQUE INDEX holds_by_session ON holds (session_id, step_index);

CREATE TABLE levels (
    routine    TEXT NOT NULL,
    exercise   TEXT NOT NULL,
    level      INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (routine, exercise)
);
"""

# Version 2: pain ratings and a note per session, events ("this hurts"), the
# active time (pauses left out), and running totals on the session row so the
# list never has to add up every hold (ten years of sessions open in a blink).
V2 = """
ALTER TABLE sessions ADD COLUMN pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10);
ALTER TABLE sessions ADD COLUMN pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10);
ALTER TABLE sessions ADD COLUMN note TEXT;
ALTER TABLE sessions ADD COLUMN holds_done INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN holds_skipped INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN last_at TEXT;  -- UTC of the last thing recorded
ALTER TABLE sessions ADD COLUMN active_seconds REAL;  -- time spent, pauses left out

UPDATE sessions SET
    holds_done = (SELECT count(*) FROM holds h WHERE h.session_id = sessions.id AND NOT h.skipped),
    holds_skipped = (SELECT count(*) FROM holds h WHERE h.session_id = sessions.id AND h.skipped),
    last_at = coalesce(ended_at,
                       (SELECT max(h.ended_at) FROM holds h WHERE h.session_id = sessions.id),
                       started_at);

CREATE INDEX sessions_by_routine_day ON sessions (routine, local_date);

CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER REFERENCES sessions (id) ON DELETE CASCADE,
    at         TEXT NOT NULL,                -- UTC
    kind       TEXT NOT NULL,
    detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_by_session ON events (session_id);
"""

# Version 3: each hold level change, with its reason, for the clinician report
# (:mod:`spasmtimer.core.history.level_changes` reads and writes it). ``change`` is
# "up", "down" or "skip" (left out next time: the level stays).
V3 = """
CREATE TABLE level_changes (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,              -- UTC, ISO 8601
    routine      TEXT NOT NULL,
    exercise     TEXT NOT NULL,
    change       TEXT NOT NULL CHECK (change IN ('up', 'down', 'skip')),
    from_level   INTEGER NOT NULL,
    to_level     INTEGER NOT NULL,
    from_seconds REAL NOT NULL,
    to_seconds   REAL NOT NULL,
    reason       TEXT NOT NULL,
    session_id   INTEGER REFERENCES sessions (id) ON DELETE SET NULL
);
CREATE INDEX level_changes_by_routine ON level_changes (routine, exercise, at);
"""

STEPS: tuple[str, ...] = (V1, V2, V3)
CURRENT_VERSION = len(STEPS)


class NewerSchemaError(Exception):
    """The file was written by a newer SpasmTimer than this one."""

    def __init__(self, found: int) -> None:
        super().__init__(
            f"the history was written by a newer SpasmTimer (schema {found}, "
            f"this version knows up to {CURRENT_VERSION})"
        )
        self.found = found


def version_of(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def _split(script: str) -> list[str]:
    """Split a script into statements (our scripts have no ';' inside strings)."""
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return "\n".join(lines).split(";")


def migrate(conn: sqlite3.Connection, upto: int = CURRENT_VERSION) -> int:
    """Bring the database up to schema ``upto``; returns the version it was at.

    Every step runs in one ``BEGIN IMMEDIATE`` transaction that first reads
    ``user_version``: two processes starting at once on a new or old file
    take turns, and the second finds the work done (no "table already
    exists", no "duplicate column"). A crash part way leaves the old version.
    ``conn`` must be in autocommit mode (``isolation_level=None``).
    """
    if version_of(conn) >= upto:  # the common case: no write lock taken
        found = version_of(conn)
        if found > CURRENT_VERSION:
            raise NewerSchemaError(found)
        return found
    # executescript() commits first and runs outside a transaction, so each
    # statement is run by hand inside the one explicit transaction instead.
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = version_of(conn)
        if found > CURRENT_VERSION:
            raise NewerSchemaError(found)
        for version in range(found + 1, upto + 1):
            for statement in _split(STEPS[version - 1]):
                if statement.strip():
                    conn.execute(statement)
        if found < upto:
            conn.execute(f"PRAGMA user_version = {int(upto)}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return found
