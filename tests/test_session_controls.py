"""The user's controls: skip, back, next and previous exercise, stop, pause, hold levels."""

from __future__ import annotations

import pytest
from session_helpers import (
    Recorder,
    every_kind_plan,
    every_kind_routine,
    routine,
    run_perfect,
    started,
)

from spasmtimer.core.clock import FakeClock
from spasmtimer.core.routines.plan import StepKind, make_plan
from spasmtimer.core.routines.routine import Exercise, Hold
from spasmtimer.core.session.cues import CueKind
from spasmtimer.core.session.events import (
    CueDue,
    Finished,
    LevelChanged,
    Paused,
    Resumed,
    StepEnded,
    StepStarted,
    Stopped,
)
from spasmtimer.core.session.machine import BACK_GRACE, Session, SessionState

PLAN = every_kind_plan()
ALL_STEPS = range(len(PLAN.steps))


def at_step(index: int, into: float = 0.5, plan=PLAN):  # type: ignore[no-untyped-def]
    """A running session ``into`` seconds into step ``index``, events so far forgotten."""
    session, clock, recorder = started(plan)
    start = 100.0 + sum(s.seconds for s in plan.steps[:index])
    run_perfect(session, clock, until=start + into)
    assert session.step_index == index
    recorder.take()
    return session, clock, recorder


def previous_hold(index: int) -> int | None:
    holds = [i for i in range(index) if PLAN.steps[i].kind is StepKind.HOLD]
    return holds[-1] if holds else None


@pytest.mark.parametrize("index", ALL_STEPS)
@pytest.mark.parametrize("into", [0.0, 0.5, 2.0])
def test_skip_at_every_step_starts_the_next_at_once(index: int, into: float) -> None:
    into = min(into, PLAN.steps[index].seconds - 0.5)
    session, clock, recorder = at_step(index, into)
    session.skip()
    events = recorder.take()
    ended, *rest = events
    assert isinstance(ended, StepEnded) and ended.index == index and ended.skipped
    assert ended.due == clock()
    if index + 1 < len(PLAN.steps):
        started_, cue = rest
        assert isinstance(started_, StepStarted) and started_.index == index + 1
        assert isinstance(cue, CueDue) and cue.due == clock()
        assert session.step_remaining() == PLAN.steps[index + 1].seconds
    else:
        assert [type(e) for e in rest] == [CueDue, Finished]
        assert session.state is SessionState.FINISHED
    run_perfect(session, clock)
    summary = session.summary()
    skipped = 1 if PLAN.steps[index].kind is StepKind.HOLD else 0
    assert (summary.holds_done, summary.holds_skipped) == (PLAN.hold_count - skipped, skipped)
    assert summary.completed


@pytest.mark.parametrize("index", ALL_STEPS)
def test_back_at_every_step(index: int) -> None:
    session, _, recorder = at_step(index, into=min(2.0, PLAN.steps[index].seconds - 0.25))
    step = PLAN.steps[index]
    session.back()
    ended, begun, _cue = recorder.take()
    assert isinstance(ended, StepEnded) and ended.skipped
    assert isinstance(begun, StepStarted)
    if step.kind is StepKind.HOLD:  # 2 s in: past the grace, so it restarts
        assert begun.index == index
    else:
        expected = previous_hold(index)
        assert begun.index == (index if expected is None else expected)
    assert session.step_elapsed() == 0
    assert session.state is SessionState.RUNNING


def test_back_twice_goes_to_the_previous_hold() -> None:
    holds = [i for i, s in enumerate(PLAN.steps) if s.kind is StepKind.HOLD]
    session, clock, _ = at_step(holds[2], into=3.0)
    session.back()
    assert session.step_index == holds[2]
    clock.advance(BACK_GRACE - 0.1)
    session.tick()
    session.back()
    assert session.step_index == holds[1]
    clock.advance(BACK_GRACE + 0.1)
    session.tick()
    session.back()
    assert session.step_index == holds[1]  # late enough: restarts this one


def test_back_from_the_first_hold_restarts_it() -> None:
    plan = make_plan(routine(Exercise("E", Hold.fixed(5), reps=2, prepare=0)))
    session, clock, _ = started(plan)
    clock.advance(0.5)
    session.back()
    assert session.step_index == 0 and session.step_remaining() == 5


def test_a_hold_redone_after_back_counts_once_as_done() -> None:
    session, clock, _ = at_step(3, into=4.0)  # the second hold of the first exercise
    session.back()
    run_perfect(session, clock)
    summary = session.summary()
    assert (summary.holds_done, summary.holds_skipped) == (PLAN.hold_count, 0)
    assert summary.seconds == pytest.approx(PLAN.total_seconds + 4.0)


def test_next_exercise_skips_the_rest_of_this_one() -> None:
    session, clock, recorder = at_step(3, into=1.0)  # exercise 0 has 8 holds, this is the 2nd
    session.next_exercise()
    ended, begun, cue = recorder.take()
    assert isinstance(ended, StepEnded) and ended.index == 3 and ended.skipped
    assert isinstance(begun, StepStarted) and begun.step.exercise_index == 1
    assert begun.step.kind is StepKind.PREPARE
    assert isinstance(cue, CueDue) and cue.cue.kind is CueKind.GET_READY and cue.cue.release
    run_perfect(session, clock)
    first = session.summary().per_exercise[0]
    assert (first.holds_done, first.holds_skipped) == (1, 7)


def test_next_exercise_on_the_last_one_finishes() -> None:
    last = len(PLAN.steps) - 2
    session, _, recorder = at_step(last, into=0.5)
    session.next_exercise()
    assert session.state is SessionState.FINISHED
    assert isinstance(recorder.events[-1], Finished)


def test_previous_exercise_goes_to_its_start_or_restarts_the_first() -> None:
    first_of_second = next(i for i, s in enumerate(PLAN.steps) if s.exercise_index == 1)
    session, clock, _ = at_step(first_of_second + 2, into=0.5)
    session.previous_exercise()
    assert session.step_index == 0
    clock.advance(1.0)
    session.tick()
    session.previous_exercise()
    assert session.step_index == 0 and session.step_elapsed() == 0


def test_stop_mid_set_ends_with_a_summary_and_a_release() -> None:
    session, clock, recorder = at_step(5, into=2.5)  # third hold of the first set
    assert PLAN.steps[5].kind is StepKind.HOLD
    session.stop()
    ended, release, stopped = recorder.take()
    assert isinstance(ended, StepEnded) and ended.skipped
    assert isinstance(release, CueDue) and release.cue.kind is CueKind.RELEASE
    assert isinstance(stopped, Stopped)
    summary = stopped.summary
    assert not summary.completed
    assert (summary.holds_done, summary.holds_skipped) == (2, 1)
    assert summary.seconds == pytest.approx(sum(s.seconds for s in PLAN.steps[:5]) + 2.5)
    assert session.state is SessionState.STOPPED
    clock.advance(1.0)
    assert session.tick() == []
    session.resume()
    session.skip()
    assert recorder.events == []


def test_stop_while_paused_says_nothing_and_counts_no_pause_time() -> None:
    session, clock, recorder = at_step(1, into=1.0)
    session.pause()
    clock.advance(50)
    session.stop()
    names = [type(e).__name__ for e in recorder.take()]
    assert names == ["Paused", "StepEnded", "Stopped"]
    assert session.summary().seconds == pytest.approx(PLAN.steps[0].seconds + 1.0)


def test_stop_before_start() -> None:
    session = Session(PLAN, FakeClock())
    recorder = Recorder(session)
    session.stop()
    [stopped] = recorder.events
    assert isinstance(stopped, Stopped) and stopped.summary.holds_done == 0


def test_skip_while_paused_waits_silently_until_resume() -> None:
    session, clock, recorder = at_step(1, into=1.0)
    session.pause()
    session.skip()
    assert [type(e) for e in recorder.take()] == [Paused, StepEnded, StepStarted]
    clock.advance(30)
    assert session.tick() == []
    session.resume()
    resumed, cue = recorder.take()
    assert isinstance(resumed, Resumed)
    assert isinstance(cue, CueDue) and cue.due == clock() and cue.late == 0
    assert session.step_remaining() == PLAN.steps[2].seconds


def test_controls_out_of_place_do_nothing() -> None:
    session = Session(PLAN, FakeClock())
    recorder = Recorder(session)
    for control in (session.pause, session.resume, session.skip, session.back, session.tick):
        control()
    assert recorder.events == [] and session.state is SessionState.IDLE
    session.start()
    session.start()
    session.resume()
    assert len(recorder.of(StepStarted)) == 1 and not recorder.of(Resumed)


# -- hold levels -------------------------------------------------------------


def test_raising_the_level_mid_hold_keeps_what_was_held() -> None:
    session, clock, recorder = at_step(1, into=3.0)  # a 5 s hold of a [5, 10] range
    assert session.change_level(0, +2) == 2
    [changed] = recorder.take()
    assert changed == LevelChanged(0, 2, 7.0, due=clock(), late=0.0)
    assert session.step.seconds == 7 and session.step_elapsed() == 3.0
    assert session.step_remaining() == 4.0
    assert session.levels == {0: 2, 1: 0}
    run_perfect(session, clock)
    holds = [
        e for e in recorder.events if isinstance(e, StepStarted) and e.step.exercise_index == 0
    ]
    assert {e.step.seconds for e in holds if e.step.kind is StepKind.HOLD} == {7.0}
    assert session.summary().per_exercise[0].level == 2


def test_lowering_below_what_was_held_ends_the_hold_now_as_done() -> None:
    plan = make_plan(every_kind_routine(), {0: 5})
    session, clock, recorder = at_step(1, into=8.0, plan=plan)
    session.change_level(0, -5)
    changed, ended, begun, _cue = recorder.take()
    assert isinstance(changed, LevelChanged) and changed.hold_seconds == 5
    assert isinstance(ended, StepEnded) and not ended.skipped and ended.due == clock()
    assert isinstance(begun, StepStarted) and begun.index == 2


def test_levels_are_clamped_and_fixed_holds_have_none() -> None:
    session = Session(PLAN, FakeClock())
    assert session.change_level(0, 99) == 5
    assert session.change_level(0, 1) == 5
    assert session.change_level(1, 1) == 0
    with pytest.raises(ValueError, match="exercise number 3"):
        session.change_level(2, 1)


def test_levels_given_to_the_session_are_used_and_reported() -> None:
    session = Session(PLAN, FakeClock(), levels={0: 3, 7: 1})
    assert session.levels == {0: 3, 1: 0}
    assert session.plan.steps[1].seconds == 8


def test_changing_a_level_leaves_other_steps_as_they_are() -> None:
    session, _, _ = at_step(0, into=1.0)  # the prepare of exercise 0
    session.change_level(0, 1)
    assert session.step_remaining() == 2.0 and session.plan.steps[1].seconds == 6
    later = next(i for i, s in enumerate(PLAN.steps) if s.exercise_index == 1) + 1
    session, _, _ = at_step(later, into=1.0)  # a hold of the other exercise
    session.change_level(0, 1)
    assert (session.step_index, session.step.seconds, session.step_elapsed()) == (later, 4, 1.0)


def test_level_change_while_paused_applies_on_resume() -> None:
    session, clock, recorder = at_step(1, into=2.0)
    session.pause()
    session.change_level(0, 3)
    assert session.step_remaining() == 6.0
    clock.advance(10)
    session.resume()
    run_perfect(session, clock)
    assert recorder.of(Finished)[0].summary.holds_done == PLAN.hold_count
