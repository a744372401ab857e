"""The Qt driver: re-emits the session's events as signals, arms its timer for the next one."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from session_helpers import routine

from spasmtimer.core.clock import FakeClock
from spasmtimer.core.routines.plan import make_plan
from spasmtimer.core.routines.routine import Exercise, Hold
from spasmtimer.core.session.cues import CueKind
from spasmtimer.core.session.events import PauseReason
from spasmtimer.core.session.machine import Session, SessionState
from spasmtimer.services.session_driver import SessionDriver

PLAN = make_plan(routine(Exercise("Bridge", Hold(5, 10), reps=2, prepare=2, rest=1)))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(50.0)


@pytest.fixture
def driver(qtbot: QtBot, clock: FakeClock) -> SessionDriver:
    return SessionDriver(Session(PLAN, clock), sleep=clock.advance)


def fire(driver: SessionDriver, clock: FakeClock) -> None:
    """Let the armed timer fire, on the fake clock."""
    interval = driver.timer_interval_ms()
    assert interval is not None
    clock.advance(interval / 1000)
    driver.wake()


def test_start_emits_the_first_step_and_its_cue(qtbot: QtBot, driver: SessionDriver) -> None:
    with (
        qtbot.waitSignal(driver.stepStarted, timeout=0) as started,
        qtbot.waitSignal(driver.cueDue, timeout=0) as cue,
        qtbot.waitSignal(driver.changed, timeout=0),
    ):
        driver.start()
    assert started.args[0].index == 0
    assert cue.args[0].cue.kind is CueKind.GET_READY


def test_the_timer_is_armed_for_the_next_event_and_capped_by_the_heartbeat(
    driver: SessionDriver, clock: FakeClock
) -> None:
    assert driver.timer_interval_ms() is None
    driver.start()
    assert driver.timer_interval_ms() == 997  # a second is due in 1 s; wake 3 ms ahead
    clock.advance(1.7)
    driver.tick_now()
    assert driver.timer_interval_ms() == 297  # the prepare ends at 2 s
    driver.pause()
    assert driver.timer_interval_ms() is None
    driver.resume()
    assert driver.timer_interval_ms() == 297
    clock.advance(0.299)
    driver.tick_now()
    assert driver.timer_interval_ms() == 0  # 1 ms to go: fire at once, then sleep the rest
    with Collected(driver) as seen:
        driver.wake()
    assert clock() == 52.0 and [type(e).__name__ for e in seen] == ["StepEnded", "StepStarted"]


class Collected:
    """Collects what one wake-up emits."""

    def __init__(self, driver: SessionDriver) -> None:
        self.driver = driver
        self.seen: list[Any] = []

    def __enter__(self) -> list[Any]:
        self.driver.stepEnded.connect(self.seen.append)
        self.driver.stepStarted.connect(self.seen.append)
        return self.seen

    def __exit__(self, *exc: object) -> None:
        self.driver.stepEnded.disconnect(self.seen.append)
        self.driver.stepStarted.disconnect(self.seen.append)


def test_every_event_becomes_its_signal(
    qtbot: QtBot, driver: SessionDriver, clock: FakeClock
) -> None:
    seen: dict[str, list[Any]] = {}
    for name in ("stepStarted", "stepEnded", "secondElapsed", "cueDue", "finished"):
        getattr(driver, name).connect(lambda e, n=name: seen.setdefault(n, []).append(e))
    driver.start()
    wakes = 0
    while driver.session is not None and driver.session.state is SessionState.RUNNING:
        fire(driver, clock)
        wakes += 1
    assert wakes == len({e.due for events in seen.values() for e in events}) - 1  # not start
    assert [e.index for e in seen["stepStarted"]] == list(range(len(PLAN.steps)))
    assert len(seen["stepEnded"]) == len(PLAN.steps)
    assert len(seen["secondElapsed"]) == 1 + 4 + 0 + 4
    assert seen["finished"][0].due == pytest.approx(50.0 + PLAN.total_seconds)
    assert seen["cueDue"][-1].cue.kind is CueKind.ROUTINE_COMPLETE
    assert driver.timer_interval_ms() is None


def test_no_cue_while_paused(qtbot: QtBot, driver: SessionDriver, clock: FakeClock) -> None:
    driver.start()
    with qtbot.waitSignal(driver.paused, timeout=0) as paused:
        driver.pause()
    assert paused.args[0].reason is PauseReason.USER
    with qtbot.assertNotEmitted(driver.cueDue), qtbot.assertNotEmitted(driver.secondElapsed):
        clock.advance(30)
        driver.tick_now()
        driver.skip()
    with qtbot.waitSignal(driver.resumed, timeout=0), qtbot.waitSignal(driver.cueDue, timeout=0):
        driver.resume()


def test_sleep_is_reported_as_a_pause(
    qtbot: QtBot, driver: SessionDriver, clock: FakeClock
) -> None:
    driver.start()
    clock.advance(3600)
    with qtbot.waitSignal(driver.paused, timeout=0) as paused:
        driver.tick_now()
    assert paused.args[0].reason is PauseReason.SLEEP


def test_controls_and_levels_are_forwarded(qtbot: QtBot, driver: SessionDriver) -> None:
    driver.start()
    driver.skip()
    with qtbot.waitSignal(driver.levelChanged, timeout=0):
        assert driver.change_level(0, 2) == 2
    driver.back()
    driver.next_exercise()
    assert driver.session is not None and driver.session.state is SessionState.FINISHED
    with qtbot.assertNotEmitted(driver.stopped):
        driver.stop()


def test_stop_and_a_new_session(qtbot: QtBot, driver: SessionDriver, clock: FakeClock) -> None:
    driver.start()
    with qtbot.waitSignal(driver.stopped, timeout=0) as stopped:
        driver.stop()
    assert not stopped.args[0].summary.completed
    old = driver.session
    driver.set_session(Session(PLAN, clock))
    assert driver.session is not old
    with qtbot.assertNotEmitted(driver.stepStarted):
        assert old is not None
        old.skip()
    driver.set_session(None)
    driver.start()
    driver.tick_now()
    assert driver.change_level(0, 1) == 0


def test_the_real_timer_drives_a_short_session(qtbot: QtBot) -> None:
    """Only real waiting in these tests: a 1-second hold on the real clock."""
    plan = make_plan(routine(Exercise("Quick", Hold.fixed(1), prepare=0)))
    driver = SessionDriver(Session(plan))
    with qtbot.waitSignal(driver.finished, timeout=3000) as finished:
        driver.start()
    assert finished.args[0].late < 0.05
