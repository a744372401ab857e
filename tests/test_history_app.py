"""The desktop app writes its sessions to the history (main window, fake clock)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ui_helpers import advance, make_window, test_routine

from spasmtimer.core.history import HistoryStore, SessionStatus
from spasmtimer.core.plan import StepKind, make_plan


def test_a_session_in_the_app_is_recorded_as_it_goes(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    window = make_window(qtbot, tmp_path, monkeypatch)
    routine = test_routine()
    holds = sum(1 for s in make_plan(routine).steps if s.kind is StepKind.HOLD)
    window.start_session(routine)
    advance(window, 20)
    reader = HistoryStore(tmp_path / "history.sqlite3")
    [running] = reader.sessions()
    assert running.status is SessionStatus.INTERRUPTED  # what a crash now would leave
    assert 0 < running.holds_done < holds
    advance(window, make_plan(routine).total_seconds)
    [done] = reader.sessions()
    assert done.status is SessionStatus.COMPLETED
    assert (done.routine, done.holds_done, done.holds_skipped) == (routine.name, holds, 0)
    assert reader.done_today(routine.name) == 1
    reader.close()


def test_a_garbage_history_file_does_not_stop_the_app(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    (tmp_path / "history.sqlite3").write_bytes(b"not a database" * 300)
    window = make_window(qtbot, tmp_path, monkeypatch)
    window.start_session(test_routine())
    advance(window, 5)
    store = window.history
    assert store is not None and store.available
    assert store.notice is not None and "kept as history.sqlite3.corrupt-" in store.notice
    [aside] = tmp_path.glob("history.sqlite3.corrupt-*")
    assert aside.read_bytes() == b"not a database" * 300
    assert len(store.sessions()) == 1
