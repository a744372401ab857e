"""Lost writes: a full disk, a history that cannot be written, a lock held elsewhere.

Every failed write is shown on screen at once, kept in memory in order and
tried again; the finish screen never says "Done" for a session that is not
saved without saying so. The full disk is real where a small tmpfs can be
mounted (as root); the read-only file is SQLite's own ``query_only``.
"""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fault_helpers import fill, small_disk
from ui_helpers import advance, make_window

from spasmtimer.core.history.opening import BUSY_SECONDS
from spasmtimer.core.history.store import HistoryStore, SessionStatus
from spasmtimer.ui.intents import Screen

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
ROUTINE = """format: 1
name: Two holds
exercises:
  - name: Knee hug
    hold: 3
    reps: 2
    prepare: 1
    rest: 1
"""


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    with small_disk(tmp_path) as folder:
        yield folder


def _hold(store: HistoryStore, sid: int, n: int) -> None:
    store.record_hold(
        sid, exercise_index=0, exercise="Knee hug", level=0, seconds=20, skipped=False,
        step_index=n, rep=n + 1,
    )  # fmt: skip


def test_a_full_disk_keeps_every_hold_in_memory_until_it_is_written(disk: Path) -> None:
    path = disk / "history.sqlite3"
    store = HistoryStore(path, lambda: NOW, tz=UTC)
    old = store.begin_session("Back", "abc")
    _hold(store, old, 0)
    store.finish_session(old, SessionStatus.COMPLETED)
    told: list[str | None] = []
    store.subscribe(lambda: told.append(store.write_problem))
    filler = fill(disk)

    sid = store.begin_session("Back", "abc")
    for n in range(10):
        _hold(store, sid, n)
    store.finish_session(sid, SessionStatus.COMPLETED)
    assert store.unsaved > 0
    assert told and told[0] is not None and "the disk is full" in told[0]
    assert "I/O" not in told[0]  # plain words, not "disk I/O error"
    assert [s.id for s in store.sessions()][-1] == old  # the old session is untouched

    filler.unlink()
    assert store.flush()
    assert told[-1] is None and store.unsaved == 0
    again = HistoryStore(path, lambda: NOW, tz=UTC)
    newest = again.sessions()[0]
    assert (newest.status, newest.holds_done) == (SessionStatus.COMPLETED, 10)
    assert len(again.holds(newest.id)) == 10


def test_a_read_only_history_keeps_the_session_until_it_can_be_written(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history.sqlite3", lambda: NOW, tz=UTC)
    store.connection.execute("PRAGMA query_only = ON")
    sid = store.begin_session("Back", "abc")
    assert sid < 0  # a stand-in until its row is written
    _hold(store, sid, 0)
    store.set_pain(sid, after=3)
    store.finish_session(sid, SessionStatus.STOPPED)
    assert store.write_problem is not None and "cannot be written" in store.write_problem
    assert store.unsaved == 4 and store.sessions() == []
    store.connection.execute("PRAGMA query_only = OFF")
    assert store.flush()
    [session] = store.sessions()
    assert (session.status, session.holds_done, session.pain_after) == (
        SessionStatus.STOPPED, 1, 3,
    )  # fmt: skip


def test_a_history_made_immutable_keeps_the_session_until_it_is_writable(tmp_path: Path) -> None:
    """``chattr +i`` (where the file system has it): SQLite says "disk I/O error",
    the user is told the file cannot be written."""
    path = tmp_path / "history.sqlite3"
    store = HistoryStore(path, lambda: NOW, tz=UTC)
    sid = store.begin_session("Back", "abc")
    files = [str(path), f"{path}-wal"]
    if subprocess.run(["chattr", "+i", *files], capture_output=True, check=False).returncode:
        pytest.skip("chattr +i does not work here (needs root and ext4 or the like)")
    try:
        _hold(store, sid, 0)
        store.finish_session(sid, SessionStatus.COMPLETED)
        assert store.unsaved == 2
        assert store.write_problem is not None and "cannot be written" in store.write_problem
    finally:
        subprocess.run(["chattr", "-i", *files], check=True)
    assert store.flush()
    [session] = store.sessions()
    assert (session.status, session.holds_done) == (SessionStatus.COMPLETED, 1)


def test_an_outside_lock_never_blocks_a_write_for_long(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    store = HistoryStore(path, lambda: NOW, tz=UTC)
    sid = store.begin_session("Back", "abc")
    # A write waits a quarter second at most: far below the 5 s gap that means sleep.
    assert store.connection.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_SECONDS * 1000
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    _hold(store, sid, 0)
    assert store.unsaved == 1
    assert store.write_problem is not None and "another program" in store.write_problem
    other.execute("COMMIT")
    other.close()
    assert store.flush() and len(store.holds(sid)) == 1


def test_the_window_shows_a_failed_write_at_once_and_the_finish_says_not_saved(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from spasmtimer.core.routines.loader import load_routine_text

    window = make_window(qtbot, tmp_path, monkeypatch)
    window.session.start(load_routine_text(ROUTINE, "r.yaml"))
    store = window.history.store
    assert store is not None and window.notice_bar.text is None
    store.connection.execute("PRAGMA query_only = ON")  # the file became read-only
    session = window.controller.session
    assert session is not None
    advance(window, 1.5)  # through the first hold
    advance(window, 3)
    text = window.notice_bar.text
    assert text is not None and text.startswith("Not saved yet")
    advance(window, session.plan.total_seconds)
    assert window.nav.current() is Screen.FINISH
    finish = window.session.finish
    assert finish.title.text() == "Well done!"
    assert finish.saved_label.isVisible() and "Not saved yet" in finish.saved_label.text()
    assert finish.today_label.text().startswith("Done today: 1 of 1 (not saved yet)")

    store.connection.execute("PRAGMA query_only = OFF")
    window.saving._on_retry_timeout()  # what the retry timer does every few seconds
    assert window.notice_bar.text is None
    assert not finish.saved_label.isVisible()
    assert finish.today_label.text().startswith("Done today: 1 of 1")
    [saved] = store.sessions()
    assert (saved.status, saved.holds_done) == (SessionStatus.COMPLETED, 2)
