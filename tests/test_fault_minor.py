"""The minor ones: a newer or unreadable history, a settings path that is a
folder, a full disk at start-up: each said once, in plain words."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from fault_helpers import fill, small_disk
from ui_helpers import make_window

from spasmtimer.core.history.store import HistoryStore, SessionStatus
from spasmtimer.settings import Settings


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


def test_a_full_disk_at_start_is_called_a_full_disk(tmp_path: Path) -> None:
    with small_disk(tmp_path, "64k") as disk:
        fill(disk)
        store = HistoryStore(disk / "history.sqlite3")
        assert not store.available
        assert store.notice is not None and "the disk is full" in store.notice
        assert "I/O" not in store.notice
