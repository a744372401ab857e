"""The session screen and every key that controls it, on a fake clock."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from ui_helpers import (
    SIZES,
    advance,
    advance_to_next_step,
    allow_real_dialog,
    make_window,
    test_routine,
)

from spasmtimer.core.history.store import HistoryStore
from spasmtimer.core.routines.plan import StepKind
from spasmtimer.core.session.events import PauseReason
from spasmtimer.core.session.machine import SessionState
from spasmtimer.services.session import SOUND_UNAVAILABLE
from spasmtimer.ui.dialogs import Dialogs
from spasmtimer.ui.guidance.this_hurts import ThisHurtsDialog
from spasmtimer.ui.intents import Intent, Screen
from spasmtimer.ui.main_window import MainWindow
from spasmtimer.ui.session.feature import HURTS_NOTE
from spasmtimer.ui.shortcuts_dialog import ShortcutsDialog

Key = Qt.Key


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    w = make_window(qtbot, tmp_path, monkeypatch)
    w.session.start(test_routine())
    return w


def press(window: MainWindow, key: Key) -> None:
    """A key press as a keyboard or remote sends it (QTest cannot type media keys)."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(window, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier))


def go_to(window: MainWindow, kind: StepKind) -> None:
    session = window.controller.session
    assert session is not None
    for _ in range(40):
        if session.step.kind is kind:
            return
        advance_to_next_step(window)
    raise AssertionError(f"no {kind} step")


def test_starts_at_once_with_get_ready(window: MainWindow) -> None:
    view = window.session.view
    assert window.nav.current() is Screen.SESSION
    assert (
        window.controller.session is not None
        and window.controller.session.state is SessionState.RUNNING
    )
    assert view.badge.word == "GET READY"
    assert view.ring.text == "3"
    assert view.exercise_label.text() == "Knee hug"
    assert view.counter_label.text() == "Exercise 1 of 2"
    assert view.position_label.text() == "Rep 1 of 2  ·  Set 1 of 2  ·  Left side"
    assert view.next_label.text() == "Next: hold 5 s (left side)"
    assert view.instructions.text() == "Hug one knee."


def test_countdown_follows_the_clock(window: MainWindow) -> None:
    view = window.session.view
    advance(window, 1.0)
    assert view.ring.text == "2"
    advance(window, 2.0)
    assert view.badge.word == "HOLD"
    assert view.ring.text == "5"
    assert view.ring.solid and view.badge.filled
    advance(window, 2.5)
    assert view.ring.text == "3"
    view._on_animation_timeout()  # the animation re-reads the session between seconds
    assert 0.45 < view.ring.fraction < 0.55


def test_hold_and_rest_differ_without_colour(window: MainWindow) -> None:
    view = window.session.view
    go_to(window, StepKind.HOLD)
    hold = (view.ring.solid, view.badge.filled, view.badge.word)
    go_to(window, StepKind.REST)
    rest = (view.ring.solid, view.badge.filled, view.badge.word)
    assert hold == (True, True, "HOLD")
    assert rest == (False, False, "REST")
    go_to(window, StepKind.SWITCH)
    assert view.badge.word == "SWITCH SIDES" and not view.ring.solid
    go_to(window, StepKind.SET_REST)
    assert view.badge.word == "SET REST" and not view.ring.solid


@pytest.mark.parametrize("size", SIZES)
def test_digits_are_a_third_of_the_window(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    w = make_window(qtbot, tmp_path, monkeypatch, size=size)
    w.session.start(test_routine())
    qtbot.wait(1)
    digits = w.session.view.ring.digit_height()
    assert digits >= w.height() / 3, (size, digits)


def test_progress_bar_and_time_left(window: MainWindow) -> None:
    view = window.session.view
    assert view.progress.value() == 0
    total = window.controller.session.plan.total_seconds  # type: ignore[union-attr]
    assert view.time_left.text() == f"{int(total)} left" or view.time_left.text().endswith(" left")
    advance(window, 10)
    assert 0 < view.progress.value() < 1000


def test_space_pauses_and_resumes(qtbot: Any, window: MainWindow) -> None:
    session = window.controller.session
    assert session is not None
    qtbot.keyClick(window, Key.Key_Space)
    assert session.state is SessionState.PAUSED
    assert window.session.view.overlay.isVisible()
    assert window.session.view.overlay.reason.text() == "Paused by you"
    left = session.step_remaining()
    advance(window, 3)
    assert session.step_remaining() == left
    qtbot.keyClick(window, Key.Key_Space)
    assert session.state is SessionState.RUNNING
    assert not window.session.view.overlay.isVisible()


@pytest.mark.parametrize(
    "key", [Key.Key_MediaPlay, Key.Key_MediaTogglePlayPause, Key.Key_MediaPause]
)
def test_media_play_pause(window: MainWindow, key: Key) -> None:
    press(window, key)
    assert window.controller.session.state is SessionState.PAUSED  # type: ignore[union-attr]
    press(window, key)
    assert window.controller.session.state is SessionState.RUNNING  # type: ignore[union-attr]


def test_pause_after_sleep_says_why(window: MainWindow) -> None:
    clock = window.fake_clock  # type: ignore[attr-defined]
    clock.advance(30)  # the laptop slept
    window.controller.session.tick()  # type: ignore[union-attr]
    assert window.controller.session.pause_reason is PauseReason.SLEEP  # type: ignore[union-attr]
    assert window.session.view.overlay.reason.text() == "Paused: the computer was asleep"


def test_right_skips_and_left_goes_back(qtbot: Any, window: MainWindow) -> None:
    session = window.controller.session
    assert session is not None
    qtbot.keyClick(window, Key.Key_Right)
    assert session.step_index == 1 and session.step.kind is StepKind.HOLD
    assert window.session.view.badge.word == "HOLD"
    qtbot.keyClick(window, Key.Key_Right)
    assert session.step_index == 2
    qtbot.keyClick(window, Key.Key_Left)
    assert session.step_index == 1


@pytest.mark.parametrize("key", [Key.Key_N, Key.Key_MediaNext])
def test_next_exercise(window: MainWindow, key: Key) -> None:
    press(window, key)
    assert window.controller.session.step.exercise_index == 1  # type: ignore[union-attr]
    assert window.session.view.exercise_label.text() == "Cat-cow"


@pytest.mark.parametrize("key", [Key.Key_P, Key.Key_MediaPrevious])
def test_previous_exercise(window: MainWindow, key: Key) -> None:
    press(window, Key.Key_N)
    press(window, key)
    assert window.controller.session.step.exercise_index == 0  # type: ignore[union-attr]
    assert window.session.view.exercise_label.text() == "Knee hug"


def test_m_mutes_and_remembers(qtbot: Any, window: MainWindow) -> None:
    player = window.fake_player  # type: ignore[attr-defined]
    qtbot.keyClick(window, Key.Key_M)
    assert window.controller.muted and player.muted[-1] is True
    assert window.settings.muted()
    assert window.session.view.buttons[Intent.MUTE].text() == "Sound on"
    qtbot.keyClick(window, Key.Key_M)
    assert not window.controller.muted and player.muted[-1] is False


@pytest.mark.parametrize("key", [Key.Key_F, Key.Key_F11])
def test_full_screen(qtbot: Any, window: MainWindow, key: Key) -> None:
    qtbot.keyClick(window, key)
    assert window.isFullScreen()
    assert window.session.view.buttons[Intent.FULL_SCREEN].text() == "Window"
    qtbot.keyClick(window, key)
    assert not window.isFullScreen()


def test_plus_minus_change_the_hold(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    session = window.controller.session
    assert session is not None
    qtbot.keyClick(window, Key.Key_Plus)
    qtbot.keyClick(window, Key.Key_Plus)
    assert session.levels[0] == 2
    assert "Hold 7 s of 5–10" in window.session.view.level_label.text()
    qtbot.keyClick(window, Key.Key_Minus)
    assert session.levels[0] == 1
    advance(window, 0.5)
    assert window.history.store.levels_for("Test routine") == {"Knee hug": 1}


def test_esc_asks_before_stopping(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def no(cls: object, parent: object, title: str, text: str) -> bool:
        asked.append(title)
        return False

    monkeypatch.setattr(Dialogs, "ask", classmethod(no))
    qtbot.keyClick(window, Key.Key_Escape)
    assert asked == ["Stop the session?"]
    assert window.controller.session.state is SessionState.RUNNING  # type: ignore[union-attr]

    monkeypatch.setattr(Dialogs, "ask", classmethod(lambda cls, p, t, x: True))
    with qtbot.waitSignal(window.sessionEnded, timeout=1000) as blocker:
        qtbot.keyClick(window, Key.Key_Escape)
    assert blocker.args == [False]
    assert window.nav.current() is Screen.FINISH
    assert window.session.finish.title.text() == "Stopped early"


@pytest.mark.qt_log_ignore("propagateSizeHints")
@pytest.mark.parametrize("key", [Key.Key_Question, Key.Key_F1])
def test_help_lists_every_key(qtbot: Any, window: MainWindow, key: Key) -> None:
    qtbot.keyClick(window, key)
    dialog = window._help
    assert isinstance(dialog, ShortcutsDialog) and dialog.isVisible()
    texts = {dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
    assert {"Space, Play/Pause", "→", "←", "N, Next track", "P, Previous track", "M",
            "F or F11", "+", "−", "Esc", "? or F1", "H", "Y", "0–9, T for 10"} <= texts  # fmt: skip
    dialog.close()


def answer_this_hurts(
    monkeypatch: pytest.MonkeyPatch, sharp: bool, skip_next_time: bool = True
) -> list[tuple[str, bool, str]]:
    """The real "This hurts" dialog, answered as a user would; what it showed."""
    allow_real_dialog(monkeypatch, ThisHurtsDialog, "ask")
    seen: list[tuple[str, bool, str]] = []

    def fake_exec(dialog: ThisHurtsDialog) -> int:
        dialog.skip_box.setChecked(skip_next_time)
        (dialog.yes_button if sharp else dialog.no_button).click()
        seen.append((dialog.exercise, dialog.showing_red_flags, dialog.flags_label.text()))
        if dialog.showing_red_flags:
            dialog.ok_button.click()
        return int(dialog.result())

    monkeypatch.setattr(ThisHurtsDialog, "exec", fake_exec)
    return seen


def test_h_stops_asks_and_shows_red_flags_when_sharp(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = answer_this_hurts(monkeypatch, sharp=True)
    advance(window, 1.0)
    qtbot.keyClick(window, Key.Key_H)
    [(exercise, red_flags, flags)] = seen
    assert exercise == "Knee hug" and red_flags
    assert "bladder" in flags and "numb" in flags.lower()
    session = window.controller.session
    assert session is not None and session.state is SessionState.PAUSED
    assert window.session.view.overlay.reason.text() == HURTS_NOTE
    # Recorded with this session, in the history file itself.
    reader = HistoryStore(tmp_path / "history.sqlite3")
    [event] = reader.events()
    [row] = reader.sessions()
    assert event.kind == "hurts" and event.session_id == row.id
    assert "Knee hug" in event.detail and "sharp" in event.detail
    reader.close()
    # Space goes on; the note goes with the pause.
    qtbot.keyClick(window, Key.Key_Space)
    assert session.state is SessionState.RUNNING
    qtbot.keyClick(window, Key.Key_Space)
    assert window.session.view.overlay.reason.text() == "Paused by you"


def test_dull_pain_gives_no_red_flags_and_the_exercise_is_left_out_next_time(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = answer_this_hurts(monkeypatch, sharp=False, skip_next_time=True)
    window.session.view.hurts_button.click()
    assert [(e, flags) for e, flags, _ in seen] == [("Knee hug", False)]
    assert window.controller.session.state is SessionState.PAUSED  # type: ignore[union-attr]
    window.routines.show_picker()
    window.routines.show_overview(test_routine())
    assert [e.name for e in window.routines.overview.routine.exercises] == ["Cat-cow"]  # type: ignore[union-attr]


def test_h_while_paused_works_and_closing_the_dialog_records_nothing(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ThisHurtsDialog, "ask", classmethod(lambda cls, p, e: None))
    qtbot.keyClick(window, Key.Key_Space)
    qtbot.keyClick(window, Key.Key_H)
    assert window.controller.session.state is SessionState.PAUSED  # type: ignore[union-attr]
    assert window.history.store.events() == []
    assert window.session.view.overlay.reason.text() == "Paused by you"


def test_this_hurts_button_is_calm_and_on_screen(window: MainWindow) -> None:
    button = window.session.view.hurts_button
    assert button.isVisible() and button.text() == "This hurts (H)"
    assert button.property("calm") is True


def test_buttons_do_what_keys_do(window: MainWindow) -> None:
    view = window.session.view
    view.buttons[Intent.PAUSE].click()
    assert window.controller.session.state is SessionState.PAUSED  # type: ignore[union-attr]
    view.overlay.resume_button.click()
    assert window.controller.session.state is SessionState.RUNNING  # type: ignore[union-attr]
    view.buttons[Intent.SKIP].click()
    assert window.controller.session.step_index == 1  # type: ignore[union-attr]
    view.buttons[Intent.NEXT_EXERCISE].click()
    assert window.controller.session.step.exercise_index == 1  # type: ignore[union-attr]


def test_runs_to_the_finish_screen(qtbot: Any, window: MainWindow) -> None:
    session = window.controller.session
    assert session is not None
    with qtbot.waitSignal(window.sessionEnded, timeout=1000) as blocker:
        advance(window, session.plan.total_seconds + 1)
    assert blocker.args == [True]
    assert window.nav.current() is Screen.FINISH
    assert window.session.finish.title.text() == "Well done!"
    assert "Holds done: 10" in window.session.finish.summary_label.text()
    assert window.session.finish.today_label.text() == "Done today: 1 of 2"
    qtbot.keyClick(window, Key.Key_Return)
    assert window.nav.current() is Screen.TODAY  # where the session is ticked


def test_skipped_holds_are_counted(qtbot: Any, window: MainWindow) -> None:
    qtbot.keyClick(window, Key.Key_N)
    session = window.controller.session
    assert session is not None
    advance(window, session.plan.total_seconds)
    assert "Holds skipped: 8" in window.session.finish.summary_label.text()


def test_sound_problem_is_shown(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = make_window(qtbot, tmp_path, monkeypatch)

    def broken(parent: object, settings: object) -> object:
        raise OSError("no audio device")

    w.controller._player_factory = broken  # type: ignore[assignment]
    w.session.start(test_routine())
    assert w.session.view.audio_notice.isVisibleTo(w)
    assert w.session.view.audio_notice.text() == SOUND_UNAVAILABLE


def test_no_sound_notice_when_sound_works(window: MainWindow) -> None:
    assert not window.session.view.audio_notice.isVisibleTo(window)
    assert window.fake_player.connected == [window.controller.driver]  # type: ignore[attr-defined]


def test_picture_is_mirrored_for_the_right_side(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "pic.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
        '<rect width="20" height="20" fill="red"/></svg>'
    )
    (folder / "r.yaml").write_text(
        "format: 1\nname: Pictured\nexercises:\n"
        "  - name: Side bend\n    image: pic.svg\n    hold: 2\n    sides: each\n"
        "    prepare: 0\n    rest: 1\n"
    )
    from spasmtimer.core.routines.loader import load_routine

    w = make_window(qtbot, tmp_path, monkeypatch)
    w.session.start(load_routine(folder / "r.yaml"))
    pic = w.session.view.illustration
    assert pic.path == folder / "pic.svg" and not pic.mirrored
    left = pic.grab().toImage()
    go_to(w, StepKind.SWITCH)
    advance_to_next_step(w)
    assert pic.mirrored
    right = pic.grab().toImage()
    assert left != right


def test_a_silent_player_says_why(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import spasmtimer.audio
    from spasmtimer.audio import SilentCuePlayer

    real_connect = spasmtimer.audio.connect_driver
    w = make_window(qtbot, tmp_path, monkeypatch)
    w.controller._player_factory = lambda parent, settings: SilentCuePlayer(
        "No sound output was found."
    )
    monkeypatch.setattr(spasmtimer.audio, "connect_driver", real_connect)
    w.session.start(test_routine())
    assert w.session.view.audio_notice.isVisibleTo(w)
    assert w.session.view.audio_notice.text() == "No sound output was found."
    advance(w, 4)  # cues reach the silent player without trouble
    assert w.session.view.badge.word == "HOLD"


def test_a_session_with_every_hold_skipped_is_not_well_done(window: MainWindow) -> None:
    from spasmtimer.core.session.events import Summary

    window.session.finish.show_summary("Back spasm relief", Summary(0, 110, 60.0, True))
    assert window.session.finish.title.text() == "Most holds skipped: not counted"
    assert "more than half" in window.session.finish.summary_label.text()
    window.session.finish.show_summary("Back spasm relief", Summary(100, 10, 600.0, True))
    assert window.session.finish.title.text() == "Well done!"
