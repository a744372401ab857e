"""Every reminder rule, on a fake clock: the tests move ``now`` and never sleep."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spasmtimer.core.guidance.ice_heat import Therapy
from spasmtimer.core.today.reminders import (
    IceHeatDemand,
    QuietHours,
    ReminderKind,
    Reminders,
    ReminderSettings,
    RoutineDemand,
    SettingsError,
    spread,
)

DAY = datetime(2024, 5, 6)


def clock(hh: int, mm: int = 0, day: int = 0) -> datetime:
    return DAY + timedelta(days=day, hours=hh, minutes=mm)


QUIET_OFF = ReminderSettings(quiet_hours=False)
BACK = RoutineDemand("Back spasm relief", sessions_per_day=2)


def test_sessions_spread_over_waking_hours() -> None:
    assert spread(2, clock(8), clock(22)) == [clock(11, 30), clock(18, 30)]
    assert spread(1, clock(8), clock(22)) == [clock(15)]
    assert spread(3, clock(7), clock(21)) == [clock(9, 20), clock(14), clock(18, 40)]


def test_session_reminder_comes_at_its_slot_and_opens_the_routine() -> None:
    r = Reminders(QUIET_OFF, [BACK])
    assert r.due(clock(11, 29)) == []
    nxt = r.next_due(clock(9))
    assert nxt is not None and nxt.due == clock(11, 30)
    (due,) = r.due(clock(11, 30))
    assert due.kind is ReminderKind.SESSION
    assert due.routine == "Back spasm relief"
    assert due.title == "Time for Back spasm relief"
    assert due.message == "Session 1 of 2 today. 2 sessions left today."


def test_sessions_done_today_use_up_the_earliest_slots() -> None:
    r = Reminders(QUIET_OFF, [RoutineDemand("Back spasm relief", 2, done_today=1)])
    assert r.due(clock(12)) == []
    (due,) = r.due(clock(18, 30))
    assert due.message == "Session 2 of 2 today."
    r.set_routines([RoutineDemand("Back spasm relief", 2, done_today=2)])
    assert r.due(clock(21)) == []
    # Nothing left today: the next one is tomorrow's first.
    nxt = r.next_due(clock(21))
    assert nxt is not None and nxt.due == clock(11, 30, day=1)
    assert nxt.message.startswith("Session 1 of 2")


def test_missed_sessions_make_one_reminder_not_several() -> None:
    r = Reminders(QUIET_OFF, [BACK])
    (due,) = r.due(clock(19))
    assert due.planned == clock(18, 30)
    assert due.message.startswith("Session 1 of 2")


def test_each_chosen_routine_has_its_own_reminders() -> None:
    r = Reminders(QUIET_OFF, [BACK, RoutineDemand("Desk stretches", 1)])
    assert {d.routine for d in r.due(clock(16))} == {"Back spasm relief", "Desk stretches"}


def test_nothing_outside_waking_hours() -> None:
    s = ReminderSettings(
        wake=time(9), sleep=time(17), quiet_hours=False, desk_breaks=True, walks=True
    )
    r = Reminders(s, [RoutineDemand("R", 12)])
    everything = [x for h in range(24) for x in r.due(clock(h, 59))]
    assert everything
    assert all(time(9) <= x.planned.time() < time(17) for x in everything)


def test_quiet_hours_hold_a_reminder_until_they_end() -> None:
    s = ReminderSettings(quiet_start=time(11), quiet_end=time(12, 15))
    r = Reminders(s, [BACK])
    assert r.due(clock(11, 45)) == []
    (due,) = r.due(clock(12, 15))
    assert due.planned == clock(11, 30) and due.due == clock(12, 15)


def test_quiet_hours_over_midnight() -> None:
    quiet = QuietHours(time(22), time(7))
    assert quiet.contains(clock(23)) and quiet.contains(clock(3)) and not quiet.contains(clock(7))
    assert quiet.release(clock(23, 30)) == clock(7, day=1)
    assert quiet.release(clock(2)) == clock(7)
    assert quiet.release(clock(12)) == clock(12)
    assert not QuietHours(time(22), time(7), enabled=False).contains(clock(23))
    assert not QuietHours(time(8), time(8)).contains(clock(8))


def test_ice_reminder_in_the_night_waits_for_the_morning() -> None:
    r = Reminders(ReminderSettings(), ice_heat=IceHeatDemand(clock(23), Therapy.ICE))
    assert r.due(clock(23, 30)) == []
    (due,) = r.due(clock(8, day=1))
    assert due.kind is ReminderKind.ICE_HEAT and due.due == clock(8, day=1)


def test_desk_breaks_every_30_minutes_from_when_reminding_began() -> None:
    s = ReminderSettings(quiet_hours=False, desk_breaks=True)
    r = Reminders(s, since=clock(14, 10))
    assert r.due(clock(14, 10)) == []  # the 14:00 break before the app started is not brought up
    (due,) = r.due(clock(14, 30))
    assert due.kind is ReminderKind.DESK_BREAK and due.routine == "Desk break"
    assert "stand" in due.message
    r.dismiss(due)
    assert r.due(clock(14, 59)) == []
    (due,) = r.due(clock(15))
    assert due.planned == clock(15)


def test_desk_break_interval_is_the_users() -> None:
    s = ReminderSettings(quiet_hours=False, desk_breaks=True, desk_break_minutes=45)
    nxt = Reminders(s, since=clock(8)).next_due(clock(8))
    assert nxt is not None and nxt.due == clock(8, 45)


def test_missed_desk_breaks_collapse_to_the_latest() -> None:
    s = ReminderSettings(quiet_hours=False, desk_breaks=True)
    (due,) = Reminders(s, since=clock(8)).due(clock(12, 10))
    assert due.planned == clock(12)


def test_desk_breaks_and_walks_are_off_unless_chosen() -> None:
    r = Reminders(QUIET_OFF, since=clock(8))
    assert r.due(clock(20)) == [] and r.next_due(clock(20)) is None


def test_walks_a_few_times_a_day() -> None:
    s = ReminderSettings(quiet_hours=False, walks=True, walks_per_day=3)
    r = Reminders(s, since=clock(8))
    times = []
    now = clock(8)
    while now < clock(22):
        for due in r.due(now):
            times.append(due.planned)
            assert "5 to 10 minutes" in due.message
            r.dismiss(due)
        now += timedelta(minutes=5)
    assert times == [clock(10, 20), clock(15), clock(19, 40)]


def test_ice_heat_reminder_opens_the_right_routine() -> None:
    r = Reminders(QUIET_OFF, ice_heat=IceHeatDemand(clock(13, 40), Therapy.ICE))
    assert r.due(clock(13, 39)) == []
    (due,) = r.due(clock(13, 40))
    assert due.routine == "Ice pack" and due.title == "Time for ice"
    assert "thin towel" in due.message
    r.ice_heat = IceHeatDemand(clock(15), Therapy.HEAT)
    (due,) = r.due(clock(15))
    assert due.routine == "Heat pack" and "towel" not in due.message
    off = Reminders(ReminderSettings(quiet_hours=False, ice_heat=False), ice_heat=r.ice_heat)
    assert off.due(clock(16)) == []


def test_snooze_brings_it_back_later() -> None:
    r = Reminders(ReminderSettings(quiet_hours=False, snooze_minutes=15), [BACK])
    (due,) = r.due(clock(11, 30))
    back = r.snooze(due, clock(11, 31))
    assert back.due == clock(11, 46)
    assert r.due(clock(11, 45)) == []
    assert r.due(clock(11, 46))[0].key == due.key
    assert r.snooze(due, clock(11, 50), minutes=60).due == clock(12, 50)


def test_snooze_into_quiet_hours_waits_for_their_end() -> None:
    r = Reminders(ReminderSettings(), ice_heat=IceHeatDemand(clock(21, 55), Therapy.HEAT))
    (due,) = r.due(clock(21, 55))
    assert r.snooze(due, clock(21, 56)).due == clock(8, day=1)
    assert r.due(clock(23)) == []


def test_dismissed_reminders_stay_gone() -> None:
    r = Reminders(QUIET_OFF, [BACK])
    (due,) = r.due(clock(12))
    r.dismiss(due)
    assert r.due(clock(18)) == []
    (later,) = r.due(clock(18, 30))
    assert later.planned == clock(18, 30)


def test_each_reminder_is_notified_once_and_again_after_a_snooze() -> None:
    r = Reminders(QUIET_OFF, [BACK])
    assert r.take_new(clock(11)) == []
    (first,) = r.take_new(clock(11, 30))
    assert r.take_new(clock(11, 40)) == []
    r.snooze(first, clock(11, 40))
    assert r.take_new(clock(11, 45)) == []
    (again,) = r.take_new(clock(11, 50))
    assert again.key == first.key and again.due == clock(11, 50)


def test_a_new_day_brings_new_sessions() -> None:
    r = Reminders(QUIET_OFF, [BACK])
    for due in r.due(clock(21)):
        r.dismiss(due)
    assert r.due(clock(21, 30)) == []
    (due,) = r.due(clock(11, 30, day=1))
    assert due.planned == clock(11, 30, day=1)


def test_next_due_prefers_what_is_due_now() -> None:
    r = Reminders(QUIET_OFF, [BACK], ice_heat=IceHeatDemand(clock(12), Therapy.ICE))
    nxt = r.next_due(clock(11, 45))
    assert nxt is not None and nxt.kind is ReminderKind.SESSION
    assert [x.kind for x in r.upcoming(clock(11, 45))][:2] == [
        ReminderKind.SESSION,
        ReminderKind.ICE_HEAT,
    ]


def test_sessions_can_be_turned_off() -> None:
    r = Reminders(ReminderSettings(quiet_hours=False, sessions=False), [BACK])
    assert r.due(clock(20)) == []


@pytest.mark.parametrize(
    ("settings", "words"),
    [
        (ReminderSettings(wake=time(22), sleep=time(8)), "Waking hours"),
        (ReminderSettings(desk_break_minutes=5), "Desk breaks"),
        (ReminderSettings(walks_per_day=0), "Walks per day"),
        (ReminderSettings(snooze_minutes=0), "Snooze"),
    ],
)
def test_settings_that_cannot_work_are_refused_in_words(
    settings: ReminderSettings, words: str
) -> None:
    assert any(words in p for p in settings.problems())
    with pytest.raises(SettingsError, match=words):
        Reminders(settings)


def test_default_settings_are_fine() -> None:
    assert ReminderSettings().problems() == []


@pytest.mark.parametrize(
    ("at", "words"),
    [
        (clock(9), "now"),
        (clock(10), "now"),
        (clock(15, 5), "at 15:05"),
        (clock(8, day=1), "tomorrow at 08:00"),
        (clock(9, 30, day=2), "on Wed 8 May at 09:30"),
    ],
)
def test_describe_when(at: datetime, words: str) -> None:
    from spasmtimer.core.today.reminders import describe_when

    assert describe_when(at, clock(10)) == words


# -- the reminders come from today's plan ---------------------------------------------


def test_reminders_and_the_today_plan_never_disagree() -> None:
    from spasmtimer.core.today.plan import ItemKind

    r = Reminders(
        ReminderSettings(quiet_hours=False, walks=True, desk_breaks=True),
        [BACK],
        onset=clock(9),
    )
    now = clock(13, 5)
    plan = r.plan(now)
    left = {(i.series, i.planned) for i in plan.left}
    for reminder in r.upcoming(now):
        if reminder.planned.date() == now.date():
            assert (reminder.series, reminder.planned) in left
    assert {i.kind for i in plan.left} >= {ItemKind.ICE, ItemKind.SESSION, ItemKind.WALK}


def test_a_late_session_moves_the_next_reminder_later() -> None:
    from spasmtimer.core.today.plan import Done, ItemKind

    late = Done(ItemKind.SESSION, clock(17, 45), "Back spasm relief")
    r = Reminders(QUIET_OFF, [RoutineDemand("Back spasm relief", 2, done_today=1)], done=[late])
    assert r.due(clock(18, 30)) == []  # its slot, but only 45 minutes after the last one
    (due,) = r.due(clock(19, 45))
    assert due.planned == clock(18, 30) and due.message == "Session 2 of 2 today."


def test_an_onset_brings_ice_reminders_every_two_hours_from_the_plan() -> None:
    r = Reminders(QUIET_OFF, onset=clock(10, 30))
    (due,) = r.due(clock(10, 30))
    assert due.kind is ReminderKind.ICE_HEAT and due.routine == "Ice pack"
    r.dismiss(due)
    nxt = r.next_due(clock(10, 31))
    assert nxt is not None and nxt.due == clock(12, 30)


def test_walks_on_the_plan_are_not_reminded_unless_chosen() -> None:
    from spasmtimer.core.today.plan import ItemKind

    r = Reminders(QUIET_OFF, onset=clock(9), since=clock(8))
    assert any(i.kind is ItemKind.WALK for i in r.plan(clock(12)).items)
    assert all(x.kind is not ReminderKind.WALK for x in r.upcoming(clock(12)))


@settings(max_examples=100, deadline=None)
@given(
    minute=st.integers(0, 24 * 60 - 1),
    onset_hours=st.none() | st.integers(0, 240),
    per_day=st.integers(1, 6),
    done_today=st.integers(0, 6),
    walks=st.booleans(),
    desk_breaks=st.booleans(),
)
def test_every_reminder_today_is_an_item_left_on_the_plan(
    minute: int,
    onset_hours: int | None,
    per_day: int,
    done_today: int,
    walks: bool,
    desk_breaks: bool,
) -> None:
    now = DAY + timedelta(minutes=minute)
    r = Reminders(
        ReminderSettings(quiet_hours=False, walks=walks, desk_breaks=desk_breaks),
        [RoutineDemand("R", per_day, done_today=done_today)],
        onset=None if onset_hours is None else now - timedelta(hours=onset_hours),
    )
    left = {(i.series, i.planned, i.at) for i in r.plan(now).left}
    for reminder in r.upcoming(now):
        if reminder.planned.date() == now.date():
            assert (reminder.series, reminder.planned, reminder.due) in left


def test_the_plan_says_the_word_after_a_lapse() -> None:
    from datetime import date

    from spasmtimer.core.routines.routine import Exercise, Hold, Routine

    short = Routine("Knee to chest", (Exercise("Knee to chest", Hold.fixed(10), reps=6),))
    r = Reminders(QUIET_OFF, [BACK], offered=[short], last_session_day=date(2024, 5, 1))
    welcome = r.plan(clock(10)).welcome_back
    assert welcome is not None and welcome.routine == "Knee to chest"
    assert welcome.message.startswith("No sessions for 4 days.")
