"""The session as an MPRIS player on a private session bus, driven by ``playerctl``.

The desktop's media controls, a headset button and a paired phone all speak
MPRIS; ``playerctl`` (Debian's, as they do) talks to the app over the bus
while the window is not focused, and each call must do what its key does.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from dbus_helpers import Recorder, bus_env, connect, private_bus, run_async
from ui_helpers import advance, advance_to_next_step, make_window, test_routine

from spasmtimer.core.routines.plan import StepKind
from spasmtimer.core.session.machine import SessionState
from spasmtimer.services.mpris import PATH, PLAYER, MprisPlayer
from spasmtimer.services.single_instance import AppInstance
from spasmtimer.ui.desktop import DesktopLink, connect_desktop
from spasmtimer.ui.main_window import MainWindow

__all__ = ["private_bus"]  # the fixture, used by name

pytestmark = pytest.mark.skipif(
    shutil.which("playerctl") is None, reason="needs playerctl (tools/system-deps.sh test)"
)


@pytest.fixture
def linked(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, private_bus: str
) -> tuple[MainWindow, DesktopLink, str]:
    window = make_window(qtbot, tmp_path, monkeypatch)
    bus = connect(private_bus)
    link = connect_desktop(window, AppInstance(bus))
    assert link.mpris.owned
    window.clearFocus()  # MPRIS needs no keyboard focus
    return window, link, private_bus


def playerctl(qtbot: Any, address: str, tmp_path: Path, *args: str) -> str:
    command = ["playerctl", "-p", "spasmtimer", *args]
    return run_async(qtbot, command, bus_env(address, tmp_path)).strip()


def test_play_pause_pauses_and_resumes_the_session(
    qtbot: Any, tmp_path: Path, linked: tuple[MainWindow, DesktopLink, str]
) -> None:
    window, _link, address = linked
    window.session.start(test_routine())
    session = window.controller.session
    assert session is not None and window.controller.is_running()
    assert playerctl(qtbot, address, tmp_path, "status") == "Playing"
    playerctl(qtbot, address, tmp_path, "play-pause")
    assert window.controller.state() is SessionState.PAUSED
    assert playerctl(qtbot, address, tmp_path, "status") == "Paused"
    playerctl(qtbot, address, tmp_path, "pause")  # paused already: stays paused
    assert window.controller.state() is SessionState.PAUSED
    playerctl(qtbot, address, tmp_path, "play")
    assert window.controller.state() is SessionState.RUNNING
    playerctl(qtbot, address, tmp_path, "play")  # playing already: no pause
    assert window.controller.state() is SessionState.RUNNING
    playerctl(qtbot, address, tmp_path, "play-pause")
    assert window.controller.state() is SessionState.PAUSED


def test_next_and_previous_go_by_exercise_as_the_track_keys_do(
    qtbot: Any, tmp_path: Path, linked: tuple[MainWindow, DesktopLink, str]
) -> None:
    window, _link, address = linked
    window.session.start(test_routine())
    session = window.controller.session
    assert session is not None and session.step.exercise_index == 0
    playerctl(qtbot, address, tmp_path, "next")
    assert session.step.exercise_index == 1
    playerctl(qtbot, address, tmp_path, "previous")
    assert session.step.exercise_index == 0


def test_metadata_names_the_routine_exercise_side_and_length(
    qtbot: Any, tmp_path: Path, linked: tuple[MainWindow, DesktopLink, str]
) -> None:
    window, _link, address = linked
    routine = test_routine()
    window.session.start(routine)
    session = window.controller.session
    assert session is not None
    while session.step.kind is not StepKind.HOLD or session.step.side is None:
        advance_to_next_step(window)
    step = session.step
    assert step.side is not None
    fmt = "{{xesam:album}}|{{xesam:title}}|{{mpris:length}}|{{mpris:trackid}}"
    out = playerctl(qtbot, address, tmp_path, "metadata", "--format", fmt)
    album, title, length, track = out.split("|")
    assert album == routine.name
    assert title == f"{step.exercise} ({step.side.value})"
    assert int(length) == round(step.seconds * 1_000_000)
    assert track.strip("'").endswith(f"/{session.step_index}")
    advance(window, 1.5)
    position = float(playerctl(qtbot, address, tmp_path, "position"))
    assert position == pytest.approx(session.step_elapsed(), abs=0.01)


def test_stopped_with_no_session_and_nothing_to_control(
    qtbot: Any, tmp_path: Path, linked: tuple[MainWindow, DesktopLink, str]
) -> None:
    window, link, address = linked
    assert playerctl(qtbot, address, tmp_path, "status") == "Stopped"
    assert link.mpris.player_properties()["CanPause"] is False
    assert link.mpris.player_properties()["CanControl"] is True
    link.mpris.requested.emit("PlayPause")  # as if a desktop sent it anyway: nothing starts
    assert window.controller.session is None


def test_properties_change_at_each_step_not_each_second(
    qtbot: Any, linked: tuple[MainWindow, DesktopLink, str]
) -> None:
    window, link, address = linked
    recorder = Recorder(connect(address), PATH)
    window.session.start(test_routine())
    session = window.controller.session
    assert session is not None
    qtbot.waitUntil(lambda: recorder.of("PlaybackStatus") == ["Playing"], timeout=3000)
    qtbot.waitUntil(lambda: len(recorder.of("Metadata")) == 1, timeout=3000)
    for count in range(2, 5):  # one change per step ...
        advance_to_next_step(window)
        qtbot.waitUntil(lambda n=count: len(recorder.of("Metadata")) == n, timeout=3000)
    seconds = session.step.seconds
    advance(window, seconds * 0.9)  # ... none for the seconds between
    qtbot.wait(100)
    assert len(recorder.of("Metadata")) == 4
    assert all(interface == PLAYER for interface, _c, _g in recorder.changes)
    window.controller.pause()
    qtbot.waitUntil(lambda: recorder.of("PlaybackStatus")[-1] == "Paused", timeout=3000)
    window.controller.end()
    link.mpris.refresh()
    qtbot.waitUntil(lambda: recorder.of("PlaybackStatus")[-1] == "Stopped", timeout=3000)
    assert recorder.of("CanPause")[-1] is False


def test_the_name_is_given_up_when_released(
    qtbot: Any, tmp_path: Path, linked: tuple[MainWindow, DesktopLink, str]
) -> None:
    _window, link, address = linked
    link.mpris.release()
    listed = run_async(qtbot, ["playerctl", "-l"], bus_env(address, tmp_path), timeout=5000)
    assert "spasmtimer" not in listed
    assert isinstance(link.mpris, MprisPlayer)
