"""Today's plan on a fake clock: onset times, histories, missed and late sessions."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spasmtimer.core.guidance.ice_heat import APPLICATION, ScheduleError, Therapy
from spasmtimer.core.guidance.recovery import RecoveryPhase
from spasmtimer.core.routines.routine import Exercise, Hold, Routine
from spasmtimer.core.today.plan import (
    DayInput,
    DaySettings,
    Done,
    ItemKind,
    TodayItem,
    TodayPlan,
    Wanted,
    done_from_session,
)
from spasmtimer.core.today.planner import plan_today, shortest_routine

DAY = date(2024, 5, 8)
BACK = Wanted("Back spasm relief", 2)


def at(hh: int, mm: int = 0, day: int = 0) -> datetime:
    return datetime.combine(DAY, time(hh, mm)) + timedelta(days=day)


def kinds(plan: TodayPlan, kind: ItemKind, *, done: bool | None = None) -> list[TodayItem]:
    return [i for i in plan.items if i.kind is kind and (done is None or i.done is done)]


def make(now: datetime, **kw: object) -> TodayPlan:
    data = DayInput(DAY, routines=(BACK,), **kw)  # type: ignore[arg-type]
    return plan_today(data, now)


# -- the phase decides the items ------------------------------------------------

NOW = at(14)


@pytest.mark.parametrize(
    ("since", "phase", "applications", "walks", "desk_breaks"),
    [
        (timedelta(0), RecoveryPhase.ACUTE, {ItemKind.ICE}, True, False),
        (timedelta(hours=30), RecoveryPhase.ACUTE, {ItemKind.ICE}, True, False),
        (timedelta(hours=60), RecoveryPhase.HEAT, {ItemKind.HEAT}, True, False),
        (timedelta(hours=80), RecoveryPhase.HEAT, {ItemKind.HEAT}, True, False),
        (timedelta(days=10), RecoveryPhase.PREVENTION, set(), False, True),
        (None, None, set(), False, False),
    ],
    ids=["0h", "30h", "60h", "80h", "10d", "none"],
)
def test_items_over_onset_times(
    since: timedelta | None,
    phase: RecoveryPhase | None,
    applications: set[ItemKind],
    walks: bool,
    desk_breaks: bool,
) -> None:
    plan = make(NOW, onset=None if since is None else NOW - since)
    assert (plan.recovery.phase if plan.recovery else None) is phase
    assert {i.kind for i in plan.items if i.kind.is_application} == applications
    assert bool(kinds(plan, ItemKind.WALK)) is walks
    assert bool(kinds(plan, ItemKind.DESK_BREAK)) is desk_breaks
    # the routines and today's counts are there in every phase, with or without an onset
    assert plan.counts == {"Back spasm relief": (0, 2)}
    assert [i.title for i in kinds(plan, ItemKind.SESSION)] == [
        "Back spasm relief, session 1 of 2",
        "Back spasm relief, session 2 of 2",
    ]
    assert [i.at for i in plan.items] == sorted(i.at for i in plan.items)


def test_spasm_two_hours_ago_ice_now_then_every_two_hours() -> None:
    plan = make(NOW, onset=NOW - timedelta(hours=2))
    nxt = plan.next
    assert nxt is not None and nxt.kind is ItemKind.ICE
    assert nxt.title == "Ice: 20 minutes" and nxt.when(NOW) == "now"
    assert nxt.routine == "Ice pack" and "thin towel" in nxt.detail
    assert nxt.rule is not None and nxt.rule.key == "ice-first"
    assert [i.at for i in kinds(plan, ItemKind.ICE)] == [at(14), at(16), at(18), at(20)]


def test_after_an_application_the_next_is_two_hours_after_its_start() -> None:
    done = (Done(ItemKind.ICE, at(13, 20)),)
    plan = make(NOW, onset=NOW - timedelta(hours=5), done=done)
    ice = kinds(plan, ItemKind.ICE)
    assert [(i.done, i.at) for i in ice][:3] == [
        (True, at(13, 20)),
        (False, at(15)),
        (False, at(17)),
    ]
    assert ice[0].when(NOW) == "done at 13:20"
    assert ice[1].when(NOW) == "at about 15:00"


def test_the_day_turns_from_ice_to_heat_at_48_hours() -> None:
    plan = make(at(9), onset=at(13, day=-2))  # 48 h come at 13:00 today
    therapies = [(i.at.hour, i.kind) for i in plan.items if i.kind.is_application]
    assert therapies[:4] == [
        (8, ItemKind.ICE),
        (10, ItemKind.ICE),
        (12, ItemKind.ICE),
        (14, ItemKind.HEAT),
    ]
    heat = next(i for i in plan.items if i.kind is ItemKind.HEAT)
    assert "Ice is also in line with the articles until 72 hours" in heat.detail


def test_a_stored_next_application_is_kept() -> None:
    plan = make(NOW, onset=NOW - timedelta(hours=3), next_application=(at(15, 10), Therapy.ICE))
    assert [i.at for i in kinds(plan, ItemKind.ICE)][:2] == [at(15, 10), at(17, 10)]
    # without an onset, only the one asked for
    plan = make(NOW, next_application=(at(23), Therapy.HEAT))
    assert [(i.kind, i.at) for i in plan.items if i.kind.is_application] == [
        (ItemKind.HEAT, at(23))
    ]


def test_no_ice_or_heat_without_an_onset_but_routines_and_counts() -> None:
    plan = make(NOW, done=(done_from_session("Back spasm relief", at(9)),))
    assert plan.recovery is None
    assert plan.counts == {"Back spasm relief": (1, 2)}
    assert not [i for i in plan.items if i.kind.is_application]


def test_finished_ice_pack_session_is_an_application() -> None:
    assert done_from_session("Ice pack", at(9)).kind is ItemKind.ICE
    assert done_from_session("Heat pack", at(9)).kind is ItemKind.HEAT
    assert done_from_session("Desk break", at(9)).kind is ItemKind.SESSION


# -- histories: all done, missed, late ---------------------------------------------


def test_all_done_ticks_every_session_and_nothing_is_left() -> None:
    done = (Done(ItemKind.SESSION, at(11), BACK.name), Done(ItemKind.SESSION, at(18), BACK.name))
    plan = make(at(19), done=done)
    sessions = kinds(plan, ItemKind.SESSION)
    assert [(i.done, i.number, i.at) for i in sessions] == [(True, 1, at(11)), (True, 2, at(18))]
    assert plan.left == () and plan.next is None
    assert plan.counts[BACK.name] == (2, 2)


def test_more_done_than_asked_never_makes_more_items() -> None:
    done = tuple(Done(ItemKind.SESSION, at(h), BACK.name) for h in (9, 10, 11))
    assert len(kinds(make(at(12), done=done), ItemKind.SESSION)) == 2


def test_a_missed_session_is_due_now_and_the_next_keeps_its_time() -> None:
    plan = make(at(12))
    first, second = kinds(plan, ItemKind.SESSION)
    assert (first.planned, first.when(at(12))) == (at(11, 30), "now")
    assert second.at == at(18, 30)


def test_missed_sessions_do_not_pile_up() -> None:
    plan = make(at(19))
    (only,) = kinds(plan, ItemKind.SESSION)
    assert only.title == "Back spasm relief, session 1 of 2"
    assert only.planned == at(18, 30) and only.when(at(19)) == "now"
    # One fits before the day ends, and the words say no more than that.
    assert only.detail == "Session 1 of 2 today."


def test_a_late_session_moves_the_next_later_and_it_drops_if_the_day_is_over() -> None:
    late = (Done(ItemKind.SESSION, at(17, 30), BACK.name),)
    plan = make(at(17, 45), done=late)
    assert kinds(plan, ItemKind.SESSION, done=False)[0].at == at(19, 30)
    later = (Done(ItemKind.SESSION, at(20, 30), BACK.name),)
    assert kinds(make(at(20, 45), done=later), ItemKind.SESSION, done=False) == []


def test_a_count_without_times_ticks_the_earliest_slots() -> None:
    plan = plan_today(DayInput(DAY, routines=(Wanted(BACK.name, 2, done_today=1),)), at(12))
    first, second = kinds(plan, ItemKind.SESSION)
    assert first.done and not second.done and second.number == 2


def test_walks_and_desk_breaks_tick_and_collapse() -> None:
    s = DaySettings(walks=True, desk_breaks=True)
    walk = (Done(ItemKind.WALK, at(10, 30)),)
    plan = plan_today(DayInput(DAY, settings=s, done=walk), at(14, 10))
    walks = kinds(plan, ItemKind.WALK)
    assert [(w.done, w.at) for w in walks] == [
        (True, at(10, 30)),
        (False, at(15)),
        (False, at(19, 40)),
    ]
    breaks = kinds(plan, ItemKind.DESK_BREAK)
    assert breaks[0].at == at(14) and breaks[0].when(at(14, 10)) == "now"  # one, not twelve
    assert breaks[1].at == at(14, 30)
    confirmed = (Done(ItemKind.DESK_BREAK, at(14, 5)),)
    plan = plan_today(DayInput(DAY, settings=s, done=confirmed), at(14, 10))
    breaks = kinds(plan, ItemKind.DESK_BREAK)
    assert [(b.done, b.at) for b in breaks][:2] == [(True, at(14, 5)), (False, at(14, 35))]


# -- after a lapse ---------------------------------------------------------------------

SHORT = Routine("Knee to chest", (Exercise("Knee to chest", Hold.fixed(10), reps=6),))
LONG = Routine("Back spasm relief", (Exercise("Prayer stretch", Hold(5, 10), reps=10, sets=2),))
ICE = Routine("Ice pack", (Exercise("Ice", Hold.fixed(60)),))


@pytest.mark.parametrize(
    ("last", "shown"),
    [(DAY - timedelta(days=3), True), (DAY - timedelta(days=2), False), (None, False)],
)
def test_two_whole_days_without_a_session_are_said_plainly(last: date | None, shown: bool) -> None:
    data = DayInput(DAY, routines=(BACK,), last_session_day=last, offered=(LONG, SHORT, ICE))
    welcome = plan_today(data, at(10)).welcome_back
    assert (welcome is not None) is shown
    if welcome is not None:
        assert welcome.routine == "Knee to chest"
        assert welcome.message.startswith("No sessions for 2 days. That happens.")
        assert "about 1 minute:" in welcome.message
        for blame in ("should", "failed", "forgot", "missed", "!"):
            assert blame not in welcome.message


def test_no_lapse_message_once_a_session_is_done_today() -> None:
    data = DayInput(
        DAY,
        last_session_day=DAY - timedelta(days=5),
        done=(Done(ItemKind.SESSION, at(9), "Knee to chest"),),
        offered=(SHORT,),
    )
    assert plan_today(data, at(10)).welcome_back is None


def test_shortest_routine_leaves_out_ice_heat_and_desk_breaks() -> None:
    desk = Routine("Desk break", (Exercise("Stand", Hold.fixed(1)),))
    assert shortest_routine([LONG, ICE, desk, SHORT]) is SHORT
    assert shortest_routine([ICE]) is None


def test_an_onset_in_the_future_is_left_out_not_raised() -> None:
    plan = make(NOW, onset=NOW + timedelta(days=1))
    assert plan.onset_refused and plan.recovery is None
    assert not kinds(plan, ItemKind.ICE) and not kinds(plan, ItemKind.WALK)
    assert kinds(plan, ItemKind.SESSION)  # the routines are still there
    assert not make(NOW, onset=NOW - timedelta(hours=2)).onset_refused


def test_an_interval_outside_the_articles_is_refused() -> None:
    with pytest.raises(ScheduleError, match="1 to 2 hours"):
        plan_today(DayInput(DAY, settings=DaySettings(interval=timedelta(minutes=30))), NOW)


# -- properties ---------------------------------------------------------------------------


@st.composite
def days(draw: st.DrawFn) -> tuple[DayInput, datetime]:
    now = at(0) + timedelta(minutes=draw(st.integers(0, 24 * 60 - 1)))
    onset = draw(st.none() | st.integers(0, 12 * 24 * 60).map(lambda m: now - timedelta(minutes=m)))
    per_day = draw(st.integers(1, 6))
    name = "R"
    done_minutes = draw(st.lists(st.integers(0, 24 * 60 - 1), max_size=8))
    done_kinds = draw(
        st.lists(st.sampled_from(list(ItemKind)), min_size=len(done_minutes), max_size=8)
    )
    done = []
    for m, kind in zip(done_minutes, done_kinds, strict=False):
        moment = at(0) + timedelta(minutes=m)
        if moment <= now:
            done.append(Done(kind, moment, name if kind is ItemKind.SESSION else None))
    # applications done do not overlap each other (one pack at a time)
    apps = sorted((d for d in done if d.kind.is_application), key=lambda d: d.at)
    done = [d for d in done if not d.kind.is_application] + [
        d for i, d in enumerate(apps) if i == 0 or d.at - apps[i - 1].at >= APPLICATION
    ]
    s = DaySettings(
        walks=draw(st.booleans()),
        desk_breaks=draw(st.booleans()),
        interval=timedelta(minutes=draw(st.integers(60, 120))),
    )
    return DayInput(DAY, s, onset, routines=(Wanted(name, per_day),), done=tuple(done)), now


@settings(max_examples=200, deadline=None)
@given(days())
def test_never_ice_and_heat_at_once_nor_more_sessions_than_asked(
    case: tuple[DayInput, datetime],
) -> None:
    data, now = case
    plan = plan_today(data, now)
    spans = sorted(
        (i.at - APPLICATION, i.at) if i.done else (i.at, i.at + APPLICATION)
        for i in plan.items
        if i.kind.is_application
    )
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert start >= end  # no two applications (ice and heat, or two of one) overlap
    sessions = [i for i in plan.items if i.kind is ItemKind.SESSION]
    assert len(sessions) <= data.routines[0].sessions_per_day
    assert len({i.number for i in sessions}) == len(sessions)
    assert sum(1 for i in plan.left if i.kind is ItemKind.SESSION and i.at <= now) <= 1
    assert [i.at for i in plan.items] == sorted(i.at for i in plan.items)


def test_after_the_waking_day_nothing_is_due_now() -> None:
    plan = make(at(23, 58), onset=at(20))  # ice every 2 hours; the day ended at 22:00
    assert plan.day_over and plan.next is None
    assert not plan.left
    evening = make(at(21, 0), onset=at(20))
    assert not evening.day_over and evening.next is not None


def test_tomorrows_sessions_say_tomorrow() -> None:
    tomorrow = plan_today(DayInput(DAY + timedelta(days=1), routines=(BACK,)), at(20))
    first = kinds(tomorrow, ItemKind.SESSION)[0]
    assert first.detail == "Session 1 of 2 tomorrow. 2 sessions left tomorrow."
    assert "today" not in first.detail


def test_once_preventing_core_strengthening_takes_the_relief_stretches_place() -> None:
    core = Routine("Core strengthening", (Exercise("Bridge", Hold.fixed(5)),), sessions_per_day=1)
    relief = Routine(BACK.name, (Exercise("Prayer", Hold.fixed(5)),), sessions_per_day=2)
    later = make(NOW, onset=NOW - timedelta(days=10), offered=(core, relief))
    sessions = kinds(later, ItemKind.SESSION)
    assert {i.routine for i in sessions} == {"Core strengthening"}
    assert sessions[0].rule is not None and sessions[0].rule.key == "core"
    assert later.counts == {"Core strengthening": (0, 1)}
    early = make(NOW, onset=NOW - timedelta(hours=30), offered=(core, relief))
    assert {i.routine for i in kinds(early, ItemKind.SESSION)} == {BACK.name}
