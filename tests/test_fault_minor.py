"""The minor ones: a newer or unreadable history, a settings path that is a
folder, a full disk at start-up: each said once, in plain words."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fault_helpers import fill, small_disk
from ui_helpers import make_window

from spasmtimer.core.history.store import HistoryStore, SessionStatus
from spasmtimer.services.settings import Settings


def test_history_of_a_newer_version_is_not_called_empty(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = HistoryStore(data / "history.sqlite3")
    store.finish_session(store.begin_session("Back", "abc"), SessionStatus.COMPLETED)
    store.connection.execute("PRAGMA user_version = 9")
    store.close()
    env = dict(os.environ, SPASMTIMER_DATA_DIR=str(data))
    result = subprocess.run(
        [sys.executable, "-m", "spasmtimer", "history"],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "No sessions yet" not in result.stdout
    assert result.stderr.count("newer SpasmTimer") == 1  # said once


def test_a_settings_path_that_is_a_folder_is_said_on_screen(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    folder = tmp_path / "SpasmTimer.conf"
    folder.mkdir()
    problem = Settings(folder).problem()
    assert "is a folder" in problem
    window = make_window(qtbot, tmp_path, monkeypatch, settings=folder, today=True)
    window._after_first_paint()
    assert window.notice_bar.text is not None and "is a folder" in window.notice_bar.text


def test_a_full_disk_at_start_keeps_the_sessions_until_the_file_opens(tmp_path: Path) -> None:
    with small_disk(tmp_path, "512k") as disk:
        filler = fill(disk)
        store = HistoryStore(disk / "history.sqlite3")
        assert not store.available
        problem = store.write_problem
        assert problem is not None and "the disk is full" in problem and "I/O" not in problem
        sid = store.begin_session("Back", "abc")
        store.record_hold(
            sid, exercise_index=0, exercise="Knee hug", level=0, seconds=5, skipped=False
        )
        store.finish_session(sid, SessionStatus.COMPLETED)
        assert store.done_today("Back") == 1  # counted on Today meanwhile
        assert not store.flush() and store.unsaved == 3
        filler.unlink()
        assert store.flush()
        assert store.available and store.write_problem is None
        [saved] = HistoryStore(disk / "history.sqlite3").sessions()
        assert (saved.status, saved.holds_done) == (SessionStatus.COMPLETED, 1)


def test_a_history_immutable_at_start_is_shown_and_written_once_it_is_not(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    old = HistoryStore(path)
    old.finish_session(old.begin_session("Back", "abc"), SessionStatus.COMPLETED)
    old.close()
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False).returncode:
        pytest.skip("chattr +i does not work here (needs root and ext4 or the like)")
    try:
        store = HistoryStore(path)  # opens read-only: the old sessions are there to see
        assert [s.status for s in store.sessions()] == [SessionStatus.COMPLETED]
        sid = store.begin_session("Back", "abc")
        store.finish_session(sid, SessionStatus.STOPPED)
        assert store.write_problem is not None and "cannot be written" in store.write_problem
        assert not store.flush()
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)
    assert store.flush()
    assert [s.status for s in store.sessions(newest_first=False)] == [
        SessionStatus.COMPLETED, SessionStatus.STOPPED,
    ]  # fmt: skip
