"""The ice and heat schedule, at every point of the articles' timeline."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spasmtimer.core.guidance.ice_heat import (
    ARTICLE_NOTES,
    Phase,
    ScheduleError,
    Therapy,
    describe_duration,
    next_application,
    propose,
)

BEGAN = datetime(2024, 5, 6, 9, 0)


def at(hours: float) -> datetime:
    return BEGAN + timedelta(hours=hours)


def test_two_hours_in_it_is_ice_with_the_towel_advice() -> None:
    p = propose(BEGAN, at(2))
    assert p.therapy is Therapy.ICE
    assert p.phase is Phase.ICE
    assert p.minutes == 20
    assert p.headline == "Ice now: 20 minutes"
    assert "2 hours ago" in p.reason
    assert "48 hours" in p.reason
    assert any("thin towel" in line for line in p.advice)
    assert p.changes_at == at(48)
    assert p.alternative is None


def test_between_48_and_72_hours_heat_is_proposed_and_the_difference_said() -> None:
    p = propose(BEGAN, at(50))
    assert p.therapy is Therapy.HEAT
    assert p.alternative is Therapy.ICE
    assert p.phase is Phase.EITHER
    assert "72 hours" in p.reason and "48 hours" in p.reason
    assert p.changes_at == at(72)


def test_after_72_hours_heat_and_a_word_about_seeing_a_doctor() -> None:
    p = propose(BEGAN, at(80))
    assert p.therapy is Therapy.HEAT
    assert p.alternative is None
    assert p.changes_at is None
    assert "doctor" in p.reason
    assert not any("towel" in line for line in p.advice)


@pytest.mark.parametrize(
    ("hours", "therapy"),
    [(0, Therapy.ICE), (47.99, Therapy.ICE), (48, Therapy.HEAT), (72, Therapy.HEAT)],
)
def test_boundaries(hours: float, therapy: Therapy) -> None:
    assert propose(BEGAN, at(hours)).therapy is therapy


def test_just_now_and_slightly_in_the_future_are_fine() -> None:
    assert "just now" in propose(BEGAN, BEGAN).reason
    assert propose(at(0.05), BEGAN).therapy is Therapy.ICE


def test_a_start_in_the_future_is_a_clear_error() -> None:
    with pytest.raises(ScheduleError, match="future"):
        propose(at(1), BEGAN)


def test_next_application_is_every_two_hours_start_to_start() -> None:
    done = at(2)  # a 20-minute application that started at 1:40 ended now
    nxt = next_application(BEGAN, done)
    assert nxt.at == done + timedelta(hours=1, minutes=40)
    assert nxt.therapy is Therapy.ICE


def test_next_application_can_be_every_hour() -> None:
    nxt = next_application(BEGAN, at(2), interval=timedelta(hours=1))
    assert nxt.at == at(2) + timedelta(minutes=40)


def test_next_application_switches_to_heat_when_its_time_is_past_48_hours() -> None:
    assert next_application(BEGAN, at(47)).therapy is Therapy.HEAT


@pytest.mark.parametrize("minutes", [30, 59, 121, 240])
def test_intervals_outside_the_articles_are_refused(minutes: int) -> None:
    with pytest.raises(ScheduleError, match="1 to 2 hours"):
        next_application(BEGAN, at(2), interval=timedelta(minutes=minutes))


@given(st.floats(min_value=0, max_value=24 * 30))
def test_always_a_proposal_with_advice(hours: float) -> None:
    p = propose(BEGAN, at(hours))
    assert p.advice and p.reason.endswith(".")
    assert (p.therapy is Therapy.ICE) == (hours < 48)


def test_every_article_is_quoted_on_ice_and_heat() -> None:
    assert [n.source.key for n in ARTICLE_NOTES] == ["000", "001", "002", "003", "004"]
    says = " ".join(n.says for n in ARTICLE_NOTES)
    for figure in ("48 hours", "24 to 72 hours", "10 to 20 minutes", "every 2 hours", "thin towel"):
        assert figure in says


@pytest.mark.parametrize(
    ("span", "words"),
    [
        (timedelta(seconds=20), "less than a minute"),
        (timedelta(minutes=1), "1 minute"),
        (timedelta(minutes=45), "45 minutes"),
        (timedelta(hours=2), "2 hours"),
        (timedelta(hours=1, minutes=5), "1 hour and 5 minutes"),
        (timedelta(days=1), "1 day"),
        (timedelta(days=3, hours=4, minutes=10), "3 days and 4 hours"),
    ],
)
def test_describe_duration(span: timedelta, words: str) -> None:
    assert describe_duration(span) == words


def test_routines_for_each_therapy() -> None:
    assert Therapy.ICE.routine_name == "Ice pack"
    assert Therapy.HEAT.routine_file == "heat-pack"


@pytest.mark.parametrize("therapy", list(Therapy))
def test_the_bundled_routine_times_one_20_minute_application(therapy: Therapy) -> None:
    from spasmtimer.core.routines.loader import load_routine
    from spasmtimer.core.routines.plan import StepKind, make_plan
    from spasmtimer.resources import bundled_routines_dir

    routine = load_routine(bundled_routines_dir() / f"{therapy.routine_file}.yaml")
    assert routine.name == therapy.routine_name
    assert routine.source
    holds = [s for s in make_plan(routine).steps if s.kind is StepKind.HOLD]
    assert [s.seconds for s in holds] == [20 * 60]
    towel = "thin towel" in routine.exercises[0].instructions
    assert towel == (therapy is Therapy.ICE)


# -- clock changes ---------------------------------------------------------------


def test_across_the_spring_clock_change_the_real_time_is_counted() -> None:
    from zoneinfo import ZoneInfo

    from spasmtimer.core.guidance.ice_heat import after, elapsed, propose

    berlin = ZoneInfo("Europe/Berlin")
    began, now = datetime(2026, 3, 29, 1, 30), datetime(2026, 3, 29, 10, 0)  # naive, local
    assert elapsed(began, now, berlin) == timedelta(hours=7, minutes=30)
    got = propose(began, now, berlin)
    assert got.reason.startswith("Your spasm began 7 hours and 30 minutes ago.")
    # 48 hours of real time later is 02:30 on the wall clock, not 01:30.
    assert got.changes_at == datetime(2026, 3, 31, 2, 30)
    assert after(began, timedelta(hours=1), berlin) == datetime(2026, 3, 29, 3, 30)
    # Aware times are counted as they are.
    aware = propose(began.replace(tzinfo=berlin), now.replace(tzinfo=berlin))
    assert aware.since == timedelta(hours=7, minutes=30)


def test_across_the_autumn_clock_change_too(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from spasmtimer.core.guidance.ice_heat import propose

    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    try:  # the system's zone, as the app runs: 01:00 to 10:00 on 25 October is 10 hours
        got = propose(datetime(2026, 10, 25, 1, 0), datetime(2026, 10, 25, 10, 0))
        assert got.since == timedelta(hours=10)
    finally:
        monkeypatch.undo()  # the zone the other tests run in
        time.tzset()
