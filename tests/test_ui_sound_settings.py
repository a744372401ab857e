"""The Sound settings dialog edits every audio setting and reports each change."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot
from ui_helpers import FakePlayer, make_window, test_routine

from spasmtimer.core.session.cues import CountStyle
from spasmtimer.core.session.machine import SessionState
from spasmtimer.core.session.sound_settings import AudioSettings
from spasmtimer.services.settings import COUNT_STYLE, MUTED, VOICE, VOLUME, Key, Settings
from spasmtimer.ui.main_window import MainWindow
from spasmtimer.ui.session.sound_settings import SoundSettingsDialog


def test_every_control_writes_its_key(qtbot: QtBot, tmp_path: Path) -> None:
    store = Settings(tmp_path / "s.conf")
    store.set(VOLUME, 0.5)
    dialog = SoundSettingsDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.volume.value() == 50 and dialog.volume_label.text() == "50 %"
    seen: list[Key[object]] = []
    store.changed.connect(seen.append)

    dialog.volume.setValue(30)
    dialog.muted.setChecked(True)
    dialog.voice.setChecked(False)
    dialog.count_style.setCurrentIndex(dialog.count_style.findData(CountStyle.LAST_THREE))

    assert seen == [VOLUME, MUTED, VOICE, COUNT_STYLE]
    assert Settings(store.path).audio() == AudioSettings(
        volume=0.3, muted=True, voice=False, count_style=CountStyle.LAST_THREE
    )
    assert dialog.volume_label.text() == "30 %"


def test_the_dialog_starts_from_the_remembered_settings(qtbot: QtBot) -> None:
    Settings().set_audio(AudioSettings(volume=0.2, muted=True, count_style=CountStyle.UP))
    dialog = SoundSettingsDialog(Settings())
    qtbot.addWidget(dialog)
    assert dialog.volume.value() == 20
    assert dialog.muted.isChecked()
    assert dialog.voice.isChecked()
    assert dialog.count_style.currentData() is CountStyle.UP


def test_the_player_is_handed_every_sound_key_and_each_change(tmp_path: Path) -> None:
    from spasmtimer.services.session import bind_player

    store = Settings(tmp_path / "s.conf")
    store.set(VOICE, False)
    player = FakePlayer()
    bind_player(store, player)
    assert player.volumes == [0.8] and player.muted == [False] and player.voices == [False]


class LoadingPlayer(FakePlayer):
    """A player whose clips are still loading until ``finish_loading()``."""

    readyChanged = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        self.ready = False

    def is_ready(self) -> bool:
        return self.ready

    def finish_loading(self) -> None:
        self.ready = True
        self.readyChanged.emit(True)


def loading_window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    return make_window(qtbot, tmp_path, monkeypatch, player=LoadingPlayer())


def test_a_session_waits_for_the_sound_to_load(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = loading_window(qtbot, tmp_path, monkeypatch)
    window.session.start(test_routine())
    assert window.controller.session is not None
    assert window.controller.session.state is SessionState.IDLE
    window.controller.player.finish_loading()
    assert window.controller.session.state is SessionState.RUNNING


def test_a_session_starts_anyway_when_the_sound_never_loads(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = loading_window(qtbot, tmp_path, monkeypatch)
    window.session.start(test_routine())
    assert window.controller.session is not None
    qtbot.waitUntil(lambda: window.controller.session.state is SessionState.RUNNING, timeout=3000)


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen has no window manager
def test_the_sound_menu_entry_opens_the_dialog_and_applies_changes(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = loading_window(qtbot, tmp_path, monkeypatch)
    (entry,) = [a for m in window.menuBar().findChildren(QMenu) for a in m.actions()
                if a.text().startswith("&Sound")]  # fmt: skip
    entry.trigger()
    dialog = window.session.sound_dialog
    assert dialog.isVisible()
    dialog.count_style.setCurrentIndex(dialog.count_style.findData(CountStyle.UP))
    assert window.settings.audio().count_style is CountStyle.UP
    window.session.start(test_routine())
    assert window.controller.session.count_style is CountStyle.UP
    dialog.volume.setValue(30)
    assert window.controller.player.volumes[-1] == pytest.approx(0.3)
    dialog.muted.setChecked(True)
    assert window.controller.muted and window.controller.player.muted[-1] is True


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen has no window manager
def test_a_new_counting_style_reaches_the_running_session(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bug: Session.set_count_style was never called; a session counted on as before."""
    from ui_helpers import advance

    from spasmtimer.core.routines.plan import StepKind
    from spasmtimer.core.session.cues import CueKind
    from spasmtimer.core.session.events import CueDue

    window = make_window(qtbot, tmp_path, monkeypatch)
    window.session.start(test_routine())
    session = window.controller.session
    assert session is not None and session.count_style is CountStyle.DOWN
    heard: list[CueDue] = []
    session.subscribe(lambda e: heard.append(e) if isinstance(e, CueDue) else None)
    while session.step.kind is not StepKind.HOLD:
        advance(window, 0.25)
    advance(window, 2)
    assert [e for e in heard if e.cue.kind is CueKind.COUNT]  # counting down, as chosen
    window.session.show_sound_settings()
    dialog = window.session.sound_dialog
    dialog.count_style.setCurrentIndex(dialog.count_style.findData(CountStyle.NONE))
    assert session.count_style is CountStyle.NONE
    heard.clear()
    advance(window, 2)
    assert session.step.kind is StepKind.HOLD  # still the same hold
    assert not [e for e in heard if e.cue.kind is CueKind.COUNT]
