"""The desktop app writes its sessions to the history (main window, fake clock)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from ui_helpers import advance, make_window, test_routine

from spasmtimer.core.guidance.safety import HurtReport
from spasmtimer.core.history.store import HistoryStore, SessionStatus
from spasmtimer.core.routines.library import Origin, RoutineEntry
from spasmtimer.core.routines.plan import StepKind, make_plan
from spasmtimer.core.routines.routine import Routine
from spasmtimer.ui.dialogs import Dialogs
from spasmtimer.ui.guidance.this_hurts import ThisHurtsDialog
from spasmtimer.ui.history.window import HistoryWindow
from spasmtimer.ui.intents import Screen
from spasmtimer.ui.routines.picker import STREAK_ROLE, TODAY_ROLE, meta_line

Key = Qt.Key


def library_entry(routine: Routine) -> RoutineEntry:
    return RoutineEntry(routine, Origin.BUNDLED, make_plan(routine).total_seconds)


def test_a_session_in_the_app_is_recorded_as_it_goes(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    window = make_window(qtbot, tmp_path, monkeypatch)
    routine = test_routine()
    holds = sum(1 for s in make_plan(routine).steps if s.kind is StepKind.HOLD)
    window.session.start(routine)
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
    window.session.start(test_routine())
    advance(window, 5)
    store = window.history.store
    assert store is not None and store.available
    assert store.notice is not None and "kept as history.sqlite3.corrupt-" in store.notice
    [aside] = tmp_path.glob("history.sqlite3.corrupt-*")
    assert aside.read_bytes() == b"not a database" * 300
    assert len(store.sessions()) == 1


def test_today_tells_about_a_garbage_history_once(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    (tmp_path / "history.sqlite3").write_bytes(b"garbage" * 500)
    window = make_window(qtbot, tmp_path, monkeypatch, today=True)
    window._after_first_paint()  # what runs once Today is on screen
    text = window.notice_bar.text
    assert text is not None and "history.sqlite3.corrupt-" in text
    assert window.nav.current() is Screen.TODAY  # seen on Today
    assert window.notice_bar.isVisible()  # over every screen, asking nothing
    [aside] = tmp_path.glob("history.sqlite3.corrupt-*")
    assert aside.read_bytes() == b"garbage" * 500
    window.notice_bar.ok_button.click()
    assert window.notice_bar.text is None
    window.routines.show_overview(test_routine())
    window.routines.show_picker()
    assert window.notice_bar.text is None  # told once
    assert window.routines.picker.banner_text is None  # and not a second time there
    # The app works: a session is recorded in the fresh history.
    window.session.start(test_routine())
    advance(window, 5)
    assert len(window.history.store.sessions()) == 1


def test_a_healthy_history_shows_no_banner(qtbot: Any, tmp_path: Path, monkeypatch: Any) -> None:
    window = make_window(qtbot, tmp_path, monkeypatch)
    window._after_first_paint()
    assert window.notice_bar.text is None


def finish(window: Any) -> None:
    session = window.controller.session
    assert session is not None
    advance(window, session.plan.total_seconds + 1)
    assert window.nav.current() is Screen.FINISH


def test_pain_before_and_after_are_asked_and_saved(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    window = make_window(qtbot, tmp_path, monkeypatch)
    window.routines.show_overview(test_routine())
    qtbot.keyClick(window, Key.Key_Return)
    assert window.nav.current() is Screen.PAIN
    assert window.session.pain_view.rating.question() == "How bad is the pain right now?"
    qtbot.keyClick(window, Key.Key_6)  # one key: rated and started
    assert window.nav.current() is Screen.SESSION
    reader = HistoryStore(tmp_path / "history.sqlite3")
    [running] = reader.sessions()
    assert running.pain_before == 6
    finish(window)
    assert window.session.finish.asking_pain
    qtbot.keyClick(window, Key.Key_T)  # T for ten
    assert not window.session.finish.asking_pain
    assert window.session.finish.pain_label.text().startswith("Pain: 6 before, 10 now")
    [done] = reader.sessions()
    assert (done.pain_before, done.pain_after, done.status) == (6, 10, SessionStatus.COMPLETED)
    qtbot.keyClick(window, Key.Key_Return)  # Enter still leads back
    assert window.nav.current() is Screen.TODAY
    reader.close()


def test_pain_by_tapping_and_skipping(qtbot: Any, tmp_path: Path, monkeypatch: Any) -> None:
    window = make_window(qtbot, tmp_path, monkeypatch)
    window.routines.show_overview(test_routine())
    window.routines.overview.start_button.click()
    window.session.pain_view.rating.buttons[3].click()
    assert window.history.store.sessions()[0].pain_before == 3
    finish(window)
    qtbot.keyClick(window, Key.Key_S)  # skip the question after
    assert (
        not window.session.finish.asking_pain and not window.session.finish.pain_label.isVisible()
    )
    qtbot.keyClick(window, Key.Key_5)  # nothing asked any more: nothing saved
    assert window.history.store.sessions()[0].pain_after is None


@pytest.mark.parametrize("key", [Key.Key_Escape, Key.Key_S, Key.Key_Space])
def test_skipping_the_pain_before_starts_without_a_rating(
    qtbot: Any, tmp_path: Path, monkeypatch: Any, key: Key
) -> None:
    window = make_window(qtbot, tmp_path, monkeypatch)
    window.routines.show_overview(test_routine())
    window.routines.overview.start_button.click()
    qtbot.keyClick(window, key)
    assert window.nav.current() is Screen.SESSION
    advance(window, 1)
    assert window.history.store.sessions()[0].pain_before is None


def test_backspace_on_the_pain_question_goes_back_not_started(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    window = make_window(qtbot, tmp_path, monkeypatch)
    window.routines.show_overview(test_routine())
    window.routines.overview.start_button.click()
    qtbot.keyClick(window, Key.Key_Backspace)
    assert window.nav.current() is Screen.OVERVIEW and window.controller.session is None
    window.routines.overview.start_button.click()
    window.session.pain_view.back_button.click()
    assert window.nav.current() is Screen.OVERVIEW and window.controller.session is None


def test_start_asks_nothing_before_or_after(qtbot: Any, tmp_path: Path, monkeypatch: Any) -> None:
    """``spasmtimer start``: straight into the session, and no question at the end."""
    window = make_window(qtbot, tmp_path, monkeypatch)
    window.session.start(test_routine())
    assert window.nav.current() is Screen.SESSION
    finish(window)
    assert not window.session.finish.asking_pain
    qtbot.keyClick(window, Key.Key_7)
    [done] = window.history.store.sessions()
    assert (done.pain_before, done.pain_after) == (None, None)


def test_done_today_and_streak_on_the_picker_and_the_finish_screen(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    window = make_window(qtbot, tmp_path, monkeypatch)
    routine = test_routine()  # twice a day
    for _ in range(2):
        window.session.start(routine)
        finish(window)
    assert window.session.finish.today_label.text() == "Done today: 2 of 2  ·  1-day streak"
    entry = library_entry(routine)
    assert meta_line(entry, 2, 1).endswith("done today: 2 of 2  ·  1-day streak")
    window.routines.show_picker()
    back = next(
        window.routines.picker.list.item(r)
        for r in range(window.routines.picker.list.count())
        if window.routines.picker.list.item(r).text() == "Back spasm relief"
    )
    assert back.data(TODAY_ROLE) == 0 and back.data(STREAK_ROLE) == 0


@pytest.mark.qt_log_ignore("does not support raise")
def test_y_and_the_buttons_open_the_history_window(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    window = make_window(qtbot, tmp_path, monkeypatch)
    window.session.start(test_routine())
    finish(window)
    qtbot.keyClick(window, Key.Key_Y)
    history = window.history_feature.window
    assert isinstance(history, HistoryWindow) and history.isVisible()
    assert history.store is window.history.store
    history.close()
    window.session.finish.history_button.click()
    assert window.history_feature.window is not None and window.history_feature.window.isVisible()
    window.history_feature.window.close()
    window.routines.show_picker()
    qtbot.keyClick(window, Key.Key_Y)
    assert window.history_feature.window.isVisible()
    window.history_feature.window.close()
    window.routines.picker.history_button.click()
    assert window.history_feature.window.isVisible()


def test_history_unavailable_is_said(qtbot: Any, tmp_path: Path, monkeypatch: Any) -> None:
    window = make_window(qtbot, tmp_path, monkeypatch, history=False)
    told: list[str] = []
    monkeypatch.setattr(Dialogs, "inform", classmethod(lambda cls, p, t, x: told.append(t)))
    qtbot.keyClick(window, Key.Key_Y)
    assert told == ["History unavailable"]


@pytest.mark.qt_log_ignore("does not support raise")
def test_this_hurts_shows_in_the_history_window(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    window = make_window(qtbot, tmp_path, monkeypatch)
    monkeypatch.setattr(
        ThisHurtsDialog, "ask", classmethod(lambda cls, p, e: HurtReport(e, True, False))
    )
    window.session.start(test_routine())
    qtbot.keyClick(window, Key.Key_H)
    window.controller.stop()
    qtbot.keyClick(window, Key.Key_Y)
    history = window.history_feature.window
    assert history is not None
    note = history.model.index(0, history.model.columnCount() - 1).data()
    assert note == "This hurts: Knee hug: pain sharp or spreading down a leg"
