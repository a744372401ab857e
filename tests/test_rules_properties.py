"""The rules over many generated days: sessions finished, stopped, with skipped
holds, "This hurts", pain ratings or none, offers taken or not, onsets (some in
the future), midnights and the spring and autumn clock changes.

Checked on the real history store and the real plan and reminders:

- no level ever goes outside its exercise's ranges (hold, then reps);
- never a longer hold (or more reps) offered after a session with a skipped
  hold of that exercise or "This hurts" on it;
- Today and the tray never disagree: every reminder for today is an item
  Today has left, every session and ice or heat Today has left is
  reminded of (walks and desk breaks when chosen), and the
  words of one day never speak of another;
- a session counts toward "done" only when most of its holds were done;
- nothing raises.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spasmtimer.core.guidance.progression import Change, counts
from spasmtimer.core.guidance.safety import HURT_EVENT_KIND, HurtReport
from spasmtimer.core.history import level_changes
from spasmtimer.core.history.store import HistoryStore, SessionStatus
from spasmtimer.core.routines.plan import make_plan
from spasmtimer.core.routines.routine import Exercise, Hold, Routine
from spasmtimer.core.today import day_records
from spasmtimer.core.today.plan import ItemKind
from spasmtimer.core.today.reminders import Reminders, RoutineDemand

BERLIN = ZoneInfo("Europe/Berlin")
ROUTINE = Routine(
    "Back",
    (
        Exercise("Knee to chest", Hold(8, 10), reps=2, max_reps=3, prepare=0, rest=1),
        Exercise("Pelvic tilt", Hold.fixed(3), reps=2, prepare=0, rest=1),
    ),
    sessions_per_day=2,
)
# Two days before the spring change, and two before the autumn one.
STARTS = (datetime(2026, 3, 27, 7, 0, tzinfo=BERLIN), datetime(2026, 10, 23, 7, 0, tzinfo=BERLIN))


@dataclass(frozen=True)
class Went:
    """One session as the user ran it."""

    gap_minutes: int  # after the one before
    skipped: tuple[int, int]  # holds skipped of each exercise
    hurt: bool  # "This hurts" on the first exercise
    before: int | None
    after: int | None
    stopped: bool
    take_offers: bool


sessions = st.builds(
    Went,
    gap_minutes=st.integers(10, 30 * 60),
    skipped=st.tuples(st.integers(0, 3), st.integers(0, 2)),
    hurt=st.booleans(),
    before=st.none() | st.integers(0, 10),
    after=st.none() | st.integers(0, 10),
    stopped=st.integers(0, 5).map(lambda n: n == 0),
    take_offers=st.booleans(),
)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _run(store: HistoryStore, went: Went) -> None:
    levels = store.levels_for(ROUTINE.name)
    plan = make_plan(ROUTINE, {i: levels.get(ex.name, 0) for i, ex in enumerate(ROUTINE.exercises)})
    sid = store.begin_session(ROUTINE.name, "hash", pain_before=went.before)
    for index, exercise in enumerate(ROUTINE.exercises):
        level = plan.levels[index]
        holds = exercise.reps_at(level)
        for rep in range(holds):
            store.record_hold(
                sid,
                exercise_index=index,
                exercise=exercise.name,
                rep=rep + 1,
                level=level,
                seconds=exercise.seconds_at(level),
                skipped=rep < went.skipped[index],
            )
        if index == 0 and went.hurt:
            report = HurtReport(exercise.name, sharp_or_spreading=False, skip_next_time=False)
            store.record_event(sid, HURT_EVENT_KIND, report.detail())
    status = SessionStatus.STOPPED if went.stopped else SessionStatus.COMPLETED
    store.finish_session(sid, status, pain_after=went.after)


def _check_today_and_tray(store: HistoryStore, now: datetime, onset: datetime | None) -> None:
    local = now.astimezone(BERLIN).replace(tzinfo=None)
    conn = store.connection
    reminders = Reminders(
        routines=[RoutineDemand(ROUTINE.name, ROUTINE.sessions_per_day)],
        onset=onset,
        done=day_records.done_on(conn, local.date(), BERLIN),
        last_session_day=day_records.last_session_day(conn, local.date()),
        offered=(ROUTINE,),
    )
    plan = reminders.plan(local)
    upcoming = reminders.upcoming(local)
    left = {item.key: item for item in plan.left}
    for reminder in upcoming:
        if reminder.planned.date() == local.date():
            assert reminder.key in left, (reminder, sorted(left))
    reminded = {r.series for r in upcoming}
    for item in plan.left:  # walks and desk breaks are reminded of only when chosen
        if item.kind in (ItemKind.SESSION, ItemKind.ICE, ItemKind.HEAT):
            assert item.series in reminded, (item, reminded)
    done, of = plan.counts[ROUTINE.name]
    assert 0 <= done <= of == ROUTINE.sessions_per_day
    sessions_left = [i for i in plan.left if i.kind is ItemKind.SESSION]
    for item in plan.items:
        if item.kind is ItemKind.SESSION and not item.done:
            assert "today" in item.detail and "tomorrow" not in item.detail
            if "left today" in item.detail:
                assert f"{len(sessions_left)} sessions left today" in item.detail
    if plan.day_over:
        assert not plan.left
    if plan.onset_refused:
        assert plan.recovery is None


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    start=st.sampled_from(STARTS),
    days=st.lists(sessions, min_size=1, max_size=12),
    onset_hours=st.none() | st.integers(-30, 24 * 10),
)
def test_the_rules_hold_over_many_days(
    start: datetime, days: list[Went], onset_hours: int | None
) -> None:
    clock = Clock(start)
    # Where the spasm began, as the picker gives it (naive, local); negative: the future.
    onset = None
    if onset_hours is not None:
        onset = (start - timedelta(hours=onset_hours)).replace(tzinfo=None)
    last: dict[str, tuple[bool, bool]] = {}  # exercise: (a hold skipped, "This hurts")
    with tempfile.TemporaryDirectory() as folder:
        store = HistoryStore(Path(folder) / "h.sqlite3", clock, tz=BERLIN)
        try:
            for went in days:
                clock.now = (
                    clock.now.astimezone(UTC) + timedelta(minutes=went.gap_minutes)
                ).astimezone(BERLIN)
                levels = store.levels_for(ROUTINE.name)
                for offer in level_changes.offers(store.connection, ROUTINE, levels):
                    exercise = next(e for e in ROUTINE.exercises if e.name == offer.exercise)
                    assert 0 <= offer.to_level <= exercise.top_level
                    assert abs(offer.to_level - offer.from_level) <= 1
                    if offer.change is Change.UP:
                        skipped, hurt = last[offer.exercise]
                        assert not skipped and not hurt, offer
                    if went.take_offers and offer.change is not Change.SKIP:
                        level_changes.record(store.connection, ROUTINE.name, offer, clock.now)
                for name, level in store.levels_for(ROUTINE.name).items():
                    exercise = next(e for e in ROUTINE.exercises if e.name == name)
                    assert 0 <= level <= exercise.top_level
                day = clock.now.astimezone(BERLIN).date()
                before = store.done_today(ROUTINE.name, day)
                clock.now += timedelta(minutes=2)
                _run(store, went)
                holds = sum(
                    e.reps_at(store.levels_for(ROUTINE.name).get(e.name, 0))
                    for e in ROUTINE.exercises
                )
                skipped = sum(min(s, 3) for s in went.skipped)
                counted = not went.stopped and counts(max(0, holds - skipped), skipped)
                if clock.now.astimezone(BERLIN).date() == day:
                    assert store.done_today(ROUTINE.name, day) <= before + (1 if counted else 0)
                last["Knee to chest"] = (went.skipped[0] > 0, went.hurt)
                last["Pelvic tilt"] = (went.skipped[1] > 0, False)
                _check_today_and_tray(store, clock.now, onset)
        finally:
            store.close()
