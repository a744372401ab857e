"""Today's plan from a real history file: sessions finished, walks and desk breaks confirmed."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from spasmtimer.core.history.store import HistoryStore, SessionStatus
from spasmtimer.core.today.day_records import done_on, last_session_day, record_confirmation
from spasmtimer.core.today.plan import DayInput, ItemKind, Wanted
from spasmtimer.core.today.planner import plan_today

ZONE = timezone(timedelta(hours=2))  # the user's zone: local days are not UTC days
DAY = date(2024, 5, 6)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2024, 5, 6, 9, 0, tzinfo=ZONE)

    def __call__(self) -> datetime:
        return self.now


def _finish(store: HistoryStore, clock: Clock, routine: str, at: datetime) -> None:
    clock.now = at - timedelta(minutes=10)
    sid = store.begin_session(routine, "x")
    clock.now = at
    store.finish_session(sid, SessionStatus.COMPLETED)


def test_finished_sessions_and_confirmations_tick_the_plan(tmp_path: Path) -> None:
    clock = Clock()
    store = HistoryStore(tmp_path / "h.sqlite3", clock, tz=ZONE)
    _finish(store, clock, "Back spasm relief", datetime(2024, 5, 6, 1, 30, tzinfo=ZONE))
    _finish(store, clock, "Ice pack", datetime(2024, 5, 6, 12, 20, tzinfo=ZONE))
    _finish(store, clock, "Back spasm relief", datetime(2024, 5, 5, 23, 50, tzinfo=ZONE))
    stopped = store.begin_session("Back spasm relief", "x")
    store.finish_session(stopped, SessionStatus.STOPPED)
    assert record_confirmation(
        store.connection, ItemKind.WALK, datetime(2024, 5, 6, 10, tzinfo=ZONE)
    )
    record_confirmation(
        store.connection, ItemKind.DESK_BREAK, datetime(2024, 5, 6, 0, 10, tzinfo=ZONE)
    )
    record_confirmation(store.connection, ItemKind.WALK, datetime(2024, 5, 5, 23, 0, tzinfo=ZONE))

    done = done_on(store.connection, DAY, ZONE)
    assert [(d.kind, d.at.strftime("%H:%M")) for d in done] == [
        (ItemKind.DESK_BREAK, "00:10"),
        (ItemKind.SESSION, "01:30"),
        (ItemKind.WALK, "10:00"),
        (ItemKind.ICE, "12:20"),
    ]
    assert all(d.at.tzinfo is None for d in done)
    plan = plan_today(
        DayInput(DAY, routines=(Wanted("Back spasm relief", 2),), done=done),
        datetime(2024, 5, 6, 13, 0),
    )
    assert plan.counts == {"Back spasm relief": (1, 2)}


def test_only_walks_and_desk_breaks_are_confirmed(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3", Clock(), tz=ZONE)
    with pytest.raises(ValueError, match="walks and desk breaks"):
        record_confirmation(store.connection, ItemKind.SESSION, datetime.now(UTC))


def test_last_session_day_leaves_out_ice_and_heat(tmp_path: Path) -> None:
    clock = Clock()
    store = HistoryStore(tmp_path / "h.sqlite3", clock, tz=ZONE)
    assert last_session_day(store.connection, DAY) is None
    _finish(store, clock, "Knee to chest", datetime(2024, 5, 2, 9, tzinfo=ZONE))
    _finish(store, clock, "Heat pack", datetime(2024, 5, 4, 9, tzinfo=ZONE))
    _finish(store, clock, "Knee to chest", datetime(2024, 5, 6, 9, tzinfo=ZONE))  # today
    assert last_session_day(store.connection, DAY) == date(2024, 5, 2)


def test_a_broken_history_reads_as_nothing(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3", Clock(), tz=ZONE)
    store.connection.execute("DROP TABLE events")
    assert done_on(store.connection, DAY, ZONE) == ()
    assert not record_confirmation(store.connection, ItemKind.WALK, datetime.now(UTC))
    store.connection.execute("DROP TABLE sessions")
    assert last_session_day(store.connection, DAY) is None
