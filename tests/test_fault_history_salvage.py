"""A damaged history: opened read-only, salvaged row by row, told in plain words."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from spasmtimer.core.history.store import HistoryStore, SessionStatus

NOW = datetime(2026, 12, 7, 9, 30, 15, tzinfo=UTC)
SESSIONS, HOLDS_EACH = 1500, 6


def _seed(path: Path) -> None:
    """1,500 completed sessions of 6 holds each, as the store writes them."""
    store = HistoryStore(path, lambda: NOW, tz=UTC, synchronous="OFF")
    conn = store.connection
    conn.execute("BEGIN")
    for n in range(SESSIONS):
        started = NOW - timedelta(hours=12 * (SESSIONS - n))
        stamp = started.strftime("%Y-%m-%dT%H:%M:%SZ")
        sid = conn.execute(
            "INSERT INTO sessions (routine, routine_hash, started_at, local_date, status, "
            "ended_at, last_at, holds_done) VALUES ('Back', 'abc', ?, ?, 'completed', ?, ?, ?)",
            (stamp, started.date().isoformat(), stamp, stamp, HOLDS_EACH),
        ).lastrowid
        conn.executemany(
            "INSERT INTO holds (session_id, step_index, exercise_index, exercise, set_no, rep, "
            "side, level, seconds, skipped, ended_at) VALUES (?, ?, 0, 'Knee hug', 1, ?, NULL, "
            "0, 20, 0, ?)",
            [(sid, i, i + 1, stamp) for i in range(HOLDS_EACH)],
        )
    conn.execute("COMMIT")
    store.close()


def _damage(path: Path, where: float = 0.5, size: int = 4096) -> None:
    data = bytearray(path.read_bytes())
    start = int(len(data) * where)
    data[start : start + size] = random.Random(23).randbytes(size)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("where", [0.2, 0.5, 0.8])
def test_a_damaged_page_is_salvaged_and_the_count_told_in_plain_words(
    tmp_path: Path, where: float
) -> None:
    path = tmp_path / "history.sqlite3"
    _seed(path)
    assert not (tmp_path / "history.sqlite3-wal").exists()  # all in the main file
    _damage(path, where)

    store = HistoryStore(path, lambda: NOW, tz=UTC)
    assert store.available
    sessions = store.sessions()
    holds = store.connection.execute("SELECT count(*) FROM holds").fetchone()[0]
    print(f"salvaged {len(sessions)} of {SESSIONS} sessions, {holds} of {SESSIONS * HOLDS_EACH}")
    assert len(sessions) >= 0.95 * SESSIONS
    assert holds >= 0.95 * SESSIONS * HOLDS_EACH
    notice = store.notice or ""
    assert f"{len(sessions):,} sessions and {holds:,} holds were kept" in notice
    assert "history.sqlite3.corrupt-" in notice
    for words in ("tree page", "malformed", "Rowid", "cell"):  # SQLite's words stay in the log
        assert words not in notice
    # The fresh file is whole and the app goes on writing to it.
    assert store.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    sid = store.begin_session("Back", "abc")
    store.finish_session(sid, SessionStatus.COMPLETED)
    assert len(store.sessions()) == len(sessions) + 1


def test_the_damaged_copy_is_read_without_being_changed(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    _seed(path)
    _damage(path)
    damaged = path.read_bytes()
    HistoryStore(path, lambda: NOW, tz=UTC).close()
    [aside] = tmp_path.glob("history.sqlite3.corrupt-*")
    assert aside.read_bytes() == damaged
    assert not list(tmp_path.glob("*.corrupt-*-wal")) + list(tmp_path.glob("*.corrupt-*-shm"))


def test_rows_that_read_as_nonsense_are_left_behind(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    _seed(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("UPDATE sessions SET local_date = 'garbage' WHERE id = 7")
    conn.commit()
    conn.close()
    _damage(path)
    store = HistoryStore(path, lambda: NOW, tz=UTC)
    assert 7 not in {s.id for s in store.sessions()}  # and reading the list never fails
