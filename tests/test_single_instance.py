"""One app per desktop session: a second start raises the first, on a private bus."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from dbus_helpers import bus_env, connect, private_bus, run_async, spasmtimer_command
from ui_helpers import make_window

from spasmtimer.services.single_instance import SERVICE, AppInstance, ask_running_app
from spasmtimer.ui.desktop import claim_app, connect_desktop

ROOT = Path(__file__).resolve().parents[1]
__all__ = ["private_bus"]  # the fixture, used by name


def test_a_second_start_asks_the_first_to_show_itself_and_exits(
    qtbot: Any, tmp_path: Path, private_bus: str
) -> None:
    first = AppInstance(connect(private_bus))
    assert first.claim() and first.owned
    with qtbot.waitSignal(first.activateRequested, timeout=15000):
        run_async(qtbot, spasmtimer_command(), bus_env(private_bus, tmp_path))


def test_start_routine_on_a_running_app_hands_it_the_routine(
    qtbot: Any, tmp_path: Path, private_bus: str
) -> None:
    first = AppInstance(connect(private_bus))
    assert first.claim()
    env = bus_env(private_bus, tmp_path)
    with qtbot.waitSignal(first.startRequested, timeout=15000) as named:
        run_async(qtbot, spasmtimer_command("start", "desk break"), env)
    assert named.args == ["desk break"]
    routine = tmp_path / "mine.yaml"
    routine.write_bytes((ROOT / "routines" / "desk-break.yaml").read_bytes())
    with qtbot.waitSignal(first.startRequested, timeout=15000) as by_path:
        # a relative path is made absolute: the first app has its own working folder
        run_async(qtbot, spasmtimer_command("start", "mine.yaml"), env, cwd=tmp_path)
    assert Path(by_path.args[0]) == routine
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: [\n", encoding="utf-8")
    second = subprocess.run(
        spasmtimer_command("start", str(bad)), env=env, capture_output=True, check=False
    )
    assert second.returncode != 0 and b"bad.yaml" in second.stderr  # said here, not sent on
    assert named.args == ["desk break"] and by_path.args == [str(routine)]


def test_two_real_starts_give_one_process(qtbot: Any, tmp_path: Path, private_bus: str) -> None:
    env = bus_env(private_bus, tmp_path)
    first = subprocess.Popen(spasmtimer_command(), env=env, stderr=subprocess.PIPE, text=True)
    try:
        names = connect(private_bus).interface()
        assert names is not None
        qtbot.waitUntil(lambda: names.isServiceRegistered(SERVICE).value(), timeout=20000)
        second = subprocess.run(
            spasmtimer_command(), env=env, timeout=20, capture_output=True, check=False
        )
        assert second.returncode == 0
        assert first.poll() is None  # the first goes on
    finally:
        first.terminate()
        first.communicate(timeout=10)


@pytest.mark.qt_log_ignore("does not support raise")  # the offscreen platform
def test_the_window_answers_activate_and_start(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, private_bus: str
) -> None:
    window = make_window(qtbot, tmp_path, monkeypatch)
    instance = claim_app(bus=connect(private_bus))
    assert instance is not None and instance.owned
    connect_desktop(window, instance)
    window.showMinimized()
    # What the bus hands over (the calls themselves: the tests above, from another process)
    instance.activateRequested.emit()
    qtbot.waitUntil(lambda: not window.isMinimized(), timeout=3000)
    instance.startRequested.emit("Desk break")
    qtbot.waitUntil(lambda: window.controller.session is not None, timeout=3000)
    assert window.controller.routine_name() == "Desk break"
    session = window.controller.session
    instance.startRequested.emit("Gentle stretches")  # a session runs: it is kept
    assert window.controller.session is session
    instance.startRequested.emit("no such routine")  # logged, nothing else
    assert window.controller.session is session


def test_with_the_name_free_a_start_owns_it(qtbot: Any, private_bus: str) -> None:
    bus = connect(private_bus)
    assert not ask_running_app(bus)
    instance = claim_app(bus=bus)
    assert instance is not None and instance.owned
    instance.release()
    assert not ask_running_app(connect(private_bus))
