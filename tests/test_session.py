"""The session's timeline: every plan shape, exact timing, late ticks, pauses and sleep."""

from __future__ import annotations

import random

import pytest
from session_helpers import (
    Recorder,
    every_kind_plan,
    routine,
    run_late,
    run_perfect,
    run_through,
    signature,
    started,
)

from spasmtimer.core.clock import FakeClock
from spasmtimer.core.routines.plan import StepKind, make_plan
from spasmtimer.core.routines.routine import Exercise, Hold, Sides
from spasmtimer.core.session.cues import CountStyle, CueKind, cues_for_step, whole_seconds
from spasmtimer.core.session.events import (
    CueDue,
    Event,
    Finished,
    Paused,
    PauseReason,
    Resumed,
    SecondElapsed,
    StepEnded,
    StepStarted,
)
from spasmtimer.core.session.machine import Session, SessionState

SHAPES = [
    (sides, reps, sets, prepare, rest, set_rest)
    for sides in Sides
    for reps, sets in [(1, 1), (1, 3), (4, 1), (3, 2)]
    for prepare, rest, set_rest in [(5, 3, 20), (0, 0, 0), (0, 2.5, 0), (2, 0, 7)]
]


@pytest.mark.parametrize(("sides", "reps", "sets", "prepare", "rest", "set_rest"), SHAPES)
def test_every_plan_shape_runs_each_step_once_and_ends_on_time(
    sides: Sides, reps: int, sets: int, prepare: float, rest: float, set_rest: float
) -> None:
    ex = Exercise("E", Hold(5, 10), reps, sets, sides, prepare, rest, set_rest)
    plan = make_plan(routine(ex, Exercise("F", Hold.fixed(2.5), prepare=prepare)))
    events = run_through(plan)
    n = len(plan.steps)
    assert [e.index for e in events if isinstance(e, StepStarted)] == list(range(n))
    assert [e.index for e in events if isinstance(e, StepEnded)] == list(range(n))
    assert not any(e.skipped for e in events if isinstance(e, StepEnded))
    seconds = [e for e in events if isinstance(e, SecondElapsed)]
    assert len(seconds) == sum(len(whole_seconds(s.seconds)) for s in plan.steps)
    cues = [e for e in events if isinstance(e, CueDue)]
    assert len(cues) == sum(len(cues_for_step(plan, i)) for i in range(n))
    [finished] = [e for e in events if isinstance(e, Finished)]
    assert events[-1] is finished
    assert finished.due == pytest.approx(100.0 + plan.total_seconds, abs=1e-9)
    assert finished.summary.holds_done == plan.hold_count
    assert finished.summary.holds_skipped == 0
    assert finished.summary.seconds == pytest.approx(plan.total_seconds)
    assert finished.summary.completed
    assert all(e.late == 0 for e in events)
    dues = [e.due for e in events]
    assert dues == sorted(dues)


def test_boundary_order_is_ended_started_then_the_new_steps_cue() -> None:
    plan = every_kind_plan()
    events = run_through(plan)
    for i, event in enumerate(events):
        if isinstance(event, StepEnded) and event.index + 1 < len(plan.steps):
            after = events[i + 1 : i + 3]
            assert isinstance(after[0], StepStarted) and after[0].index == event.index + 1
            assert isinstance(after[1], CueDue) and after[1].due == event.due
    assert [type(e).__name__ for e in events[-3:]] == ["StepEnded", "CueDue", "Finished"]
    assert events[-2].cue.kind is CueKind.ROUTINE_COMPLETE  # type: ignore[attr-defined]


def test_second_elapsed_comes_before_its_cue_with_the_same_due() -> None:
    plan = make_plan(routine(Exercise("E", Hold.fixed(10), prepare=0)))
    events = run_through(plan)
    for i, event in enumerate(events):
        if isinstance(event, CueDue) and event.cue.kind is CueKind.COUNT:
            before = events[i - 1]
            assert isinstance(before, SecondElapsed) and before.due == event.due
            assert event.cue.number == before.remaining


def test_remaining_time_comes_from_the_clock_not_from_ticks() -> None:
    plan = make_plan(routine(Exercise("E", Hold.fixed(10), reps=2, prepare=5, rest=3)))
    session, clock, _ = started(plan, sleep_gap=60.0)
    clock.advance(6.25)  # no tick at all: prepare is over, 1.25 s into the hold
    assert session.step_remaining() == 0.0  # still the prepare, over but not ticked yet
    session.tick()
    assert session.step.kind is StepKind.HOLD
    assert session.step_elapsed() == pytest.approx(1.25)
    assert session.step_remaining() == pytest.approx(8.75)
    assert session.elapsed() == pytest.approx(6.25)
    assert session.remaining() == pytest.approx(plan.total_seconds - 6.25)
    assert session.next_step is not None and session.next_step.kind is StepKind.REST


def test_seconds_until_next_event_points_at_the_next_due_time() -> None:
    plan = make_plan(routine(Exercise("E", Hold.fixed(10), prepare=2.5)))
    session, clock, _ = started(plan)
    assert session.seconds_until_next_event() == pytest.approx(1.0)
    clock.advance(1.4)
    session.tick()
    assert session.seconds_until_next_event() == pytest.approx(0.6)  # second 2 of the prepare
    clock.advance(0.7)
    session.tick()
    assert session.seconds_until_next_event() == pytest.approx(0.4)  # the prepare ends at 2.5
    session.pause()
    assert session.seconds_until_next_event() is None


def test_pause_and_resume_inside_a_hold_keep_the_remaining_time() -> None:
    plan = make_plan(routine(Exercise("E", Hold.fixed(10), reps=2, prepare=0, rest=2)))
    session, clock, recorder = started(plan)
    clock.advance(3.4)
    session.tick()
    session.pause()
    assert session.state is SessionState.PAUSED and session.pause_reason is PauseReason.USER
    assert session.step_remaining() == pytest.approx(6.6)
    recorder.take()
    clock.advance(120.0)
    assert session.tick() == []
    assert session.step_remaining() == pytest.approx(6.6)
    session.resume()
    assert session.step_remaining() == pytest.approx(6.6)
    [resumed] = recorder.take()
    assert isinstance(resumed, Resumed) and resumed.due == clock()
    clock.advance(0.6)
    [second, cue] = session.tick()
    assert isinstance(second, SecondElapsed) and second.second == 4 and second.due == clock()
    assert isinstance(cue, CueDue) and cue.cue.number == 6
    run_perfect(session, clock)
    [finished] = recorder.of(Finished)
    assert finished.due == pytest.approx(100.0 + plan.total_seconds + 120.0)
    assert finished.summary.seconds == pytest.approx(plan.total_seconds)


def test_late_and_jittery_ticks_give_the_same_events_and_end_time() -> None:
    plan = every_kind_plan()
    perfect = [signature(e) for e in run_through(plan)]
    for seed in range(8):
        session, clock, recorder = started(plan)
        ticks = run_late(session, clock, random.Random(seed))
        assert ticks < len(perfect)  # far fewer ticks than events: they were caught up
        assert [signature(e) for e in recorder.events] == perfect
        lates = [e.late for e in recorder.events]
        assert max(lates) <= 0.5 + 1e-9 and min(lates) >= 0
        assert recorder.of(Finished)[0].due == pytest.approx(100.0 + plan.total_seconds)


@pytest.mark.parametrize("style", list(CountStyle))
def test_count_styles_survive_random_lateness(style: CountStyle) -> None:
    plan = make_plan(routine(Exercise("E", Hold.fixed(25), reps=2, prepare=1, rest=1.5)))
    perfect = [signature(e) for e in run_through(plan, style)]
    session, clock, recorder = started(plan, count_style=style)
    run_late(session, clock, random.Random(7))
    assert [signature(e) for e in recorder.events] == perfect


def test_a_tick_two_and_a_half_seconds_late_reports_what_happened_in_order() -> None:
    plan = make_plan(routine(Exercise("E", Hold.fixed(5), reps=2, prepare=0, rest=1)))
    session, clock, recorder = started(plan)
    recorder.take()
    clock.advance(3.0)
    session.tick()  # 1, 2, 3 s into the hold
    recorder.take()
    clock.advance(3.5)  # due were 4 s, the hold's end at 5 s and the rest's start; now 6.5
    events = session.tick()
    assert events == recorder.take()
    described = [(type(e).__name__, e.due - 100.0, round(e.late, 9)) for e in events]
    assert described == [
        ("SecondElapsed", 4.0, 2.5),
        ("CueDue", 4.0, 2.5),
        ("StepEnded", 5.0, 1.5),
        ("StepStarted", 5.0, 1.5),
        ("CueDue", 5.0, 1.5),
        ("StepEnded", 6.0, 0.5),
        ("StepStarted", 6.0, 0.5),
        ("CueDue", 6.0, 0.5),
    ]
    assert events[1].cue.kind is CueKind.LAST_THREE  # type: ignore[attr-defined]
    assert session.step_index == 2 and session.step_elapsed() == pytest.approx(0.5)


def test_a_long_gap_means_the_machine_slept_and_pauses_where_it_began() -> None:
    plan = make_plan(routine(Exercise("E", Hold.fixed(30), reps=2, prepare=0, rest=5)))
    session, clock, recorder = started(plan)
    clock.advance(4.2)
    session.tick()
    recorder.take()
    clock.advance(3600.0)  # suspended for an hour
    [paused] = session.tick()
    assert isinstance(paused, Paused) and paused.reason is PauseReason.SLEEP
    assert paused.due == pytest.approx(104.2) and paused.late == pytest.approx(3600.0)
    assert session.state is SessionState.PAUSED and session.pause_reason is PauseReason.SLEEP
    assert session.step_index == 0 and session.step_remaining() == pytest.approx(25.8)
    assert session.elapsed() == pytest.approx(4.2)
    session.resume()
    assert session.pause_reason is None
    run_perfect(session, clock)
    assert recorder.of(Finished)[0].summary.seconds == pytest.approx(plan.total_seconds)


def test_a_gap_just_under_the_limit_is_only_a_late_tick() -> None:
    plan = make_plan(routine(Exercise("E", Hold.fixed(30), prepare=0)))
    session, clock, recorder = started(plan, sleep_gap=5.0)
    clock.advance(4.9)
    session.tick()
    assert session.state is SessionState.RUNNING
    assert len(recorder.of(SecondElapsed)) == 4


def test_a_control_after_a_sleep_sees_the_sleep_first() -> None:
    plan = make_plan(routine(Exercise("E", Hold.fixed(30), reps=3, prepare=0, rest=5)))
    session, clock, recorder = started(plan)
    clock.advance(600.0)
    session.skip()  # pressed right after waking, before any tick
    paused = recorder.of(Paused)
    assert [p.reason for p in paused] == [PauseReason.SLEEP]
    assert not recorder.of(SecondElapsed)
    assert session.state is SessionState.PAUSED
    assert session.step_index == 1  # the skip moved on, and the session waits for resume


def test_listeners_that_call_controls_still_see_events_in_order() -> None:
    plan = make_plan(routine(Exercise("E", Hold.fixed(5), reps=2, prepare=0, rest=1)))
    clock = FakeClock()
    session = Session(plan, clock)
    seen: list[Event] = []

    def pause_on_rest(event: Event) -> None:
        seen.append(event)
        if isinstance(event, StepStarted) and event.step.kind is StepKind.REST:
            session.pause()

    session.subscribe(pause_on_rest)
    session.start()
    clock.advance(4.0)
    session.tick()
    clock.advance(1.5)
    session.tick()
    names = [type(e).__name__ for e in seen]
    assert names[-4:] == ["StepEnded", "StepStarted", "CueDue", "Paused"]
    assert session.step.kind is StepKind.REST and session.state is SessionState.PAUSED


def test_two_hours_of_late_ticks_lose_and_repeat_nothing() -> None:
    plan = make_plan(
        routine(
            Exercise("Long", Hold(30, 120), reps=10, sets=3, sides=Sides.ALTERNATE, rest=5),
            Exercise("Short", Hold.fixed(3), reps=40, sets=5, rest=1, set_rest=30),
        ),
        {0: 2},
    )
    assert plan.total_seconds > 3600
    perfect = [signature(e) for e in run_through(plan)]
    session, clock, recorder = started(plan)
    run_late(session, clock, random.Random(2024))
    assert [signature(e) for e in recorder.events] == perfect


def test_unsubscribe_stops_the_events() -> None:
    plan = make_plan(routine(Exercise("E", Hold.fixed(5), prepare=0)))
    clock = FakeClock()
    session = Session(plan, clock)
    recorder = Recorder(session)
    seen: list[Event] = []
    unsubscribe = session.subscribe(seen.append)
    session.start()
    unsubscribe()
    clock.advance(10)
    session.tick()
    assert len(seen) == 2 and len(recorder.events) > len(seen)


def test_any_clock_origin_works() -> None:
    plan = make_plan(routine(Exercise("E", Hold.fixed(3), prepare=1)))
    session, clock, recorder = started(plan, FakeClock(-50.0))
    run_perfect(session, clock)
    assert recorder.of(Finished)[0].due == pytest.approx(-46.0)
