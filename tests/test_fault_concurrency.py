"""Several copies of the app at once on a new or old history never lose sessions.

Each process opens the store (creating or upgrading the file), then records a
session, all released at the same moment by a barrier.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from spasmtimer.core.history import schema as history_schema

PROCESSES = 6


def _one(path: str, barrier: Any, results: Any) -> None:
    from spasmtimer.core.history.store import HistoryStore, SessionStatus

    barrier.wait()
    store = HistoryStore(Path(path))
    sid = store.begin_session("Back", "abc")
    store.record_hold(sid, exercise_index=0, exercise="Knee hug", level=0, seconds=5, skipped=False)
    store.finish_session(sid, SessionStatus.COMPLETED)
    results.put((store.notice, store.unsaved))
    store.close()


def _run_at_once(path: Path, processes: int = PROCESSES) -> list[tuple[str | None, int]]:
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(processes)
    results = context.Queue()
    workers = [
        context.Process(target=_one, args=(str(path), barrier, results)) for _ in range(processes)
    ]
    for worker in workers:
        worker.start()
    found = [results.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    return found


def _counts(path: Path) -> tuple[int, int, int]:
    conn = sqlite3.connect(path)
    try:
        sessions = conn.execute("SELECT count(*) FROM sessions WHERE status = 'completed'")
        holds = conn.execute("SELECT count(*) FROM holds")
        return sessions.fetchone()[0], holds.fetchone()[0], history_schema.version_of(conn)
    finally:
        conn.close()


@pytest.mark.parametrize("start_at", [None, 1, 2])
def test_copies_started_at_once_keep_every_session(tmp_path: Path, start_at: int | None) -> None:
    path = tmp_path / "history.sqlite3"
    if start_at is not None:  # a file from an older version, upgraded by all at once
        conn = sqlite3.connect(path, isolation_level=None)
        history_schema.migrate(conn, upto=start_at)
        conn.close()
    found = _run_at_once(path)
    assert found == [(None, 0)] * PROCESSES
    assert _counts(path) == (PROCESSES, PROCESSES, history_schema.CURRENT_VERSION)
