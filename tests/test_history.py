"""The history store: sessions written as they go, levels, adherence, CSV."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from spasmtimer.core.history import adherence
from spasmtimer.core.history.csv_export import CSV_COLUMNS
from spasmtimer.core.history.store import (
    HistoryStore,
    SessionStatus,
    routine_hash,
)


class FakeClock:
    """An aware UTC clock the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2024, 3, 10, 8, 0, tzinfo=UTC))


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> HistoryStore:
    return HistoryStore(tmp_path / "history.sqlite3", clock, tz=UTC)


def _session(store: HistoryStore, clock: FakeClock, status: SessionStatus | None, holds: int = 2):
    sid = store.begin_session("Back", "f" * 64)
    for n in range(holds):
        clock.advance(30)
        store.record_hold(
            sid,
            exercise_index=0,
            exercise="Knee to chest",
            level=1,
            seconds=20,
            skipped=False,
            rep=n + 1,
        )
    if status is not None:
        clock.advance(10)
        store.finish_session(sid, status)
    return sid


def test_a_session_reads_interrupted_until_it_ends(store: HistoryStore, clock: FakeClock) -> None:
    sid = store.begin_session("Back", "abc", pain_before=6)
    clock.advance(40)
    store.record_hold(sid, exercise_index=0, exercise="Cat", level=0, seconds=10, skipped=False)
    clock.advance(40)
    store.record_hold(sid, exercise_index=1, exercise="Cow", level=0, seconds=10, skipped=True)

    [running] = store.sessions()
    assert running.status is SessionStatus.INTERRUPTED
    assert running.ended is None
    assert (running.holds_done, running.holds_skipped) == (1, 1)
    assert running.duration_seconds == 80

    clock.advance(20)
    store.finish_session(sid, SessionStatus.COMPLETED, pain_after=3, note="easier today")
    [done] = store.sessions()
    assert done.status is SessionStatus.COMPLETED
    assert (done.pain_before, done.pain_after, done.note) == (6, 3, "easier today")
    assert done.duration_seconds == 100
    assert done.local_date == date(2024, 3, 10)
    assert [(h.exercise, h.skipped) for h in store.holds(sid)] == [("Cat", False), ("Cow", True)]
    tallies = store.per_exercise(sid)[sid]
    assert [(t.exercise, t.done, t.skipped) for t in tallies] == [("Cat", 1, 0), ("Cow", 0, 1)]


def test_levels_are_remembered_per_routine_and_exercise(store: HistoryStore) -> None:
    sid = store.begin_session("Back", "abc")
    store.record_hold(sid, exercise_index=0, exercise="Cat", level=3, seconds=13, skipped=False)
    store.record_hold(sid, exercise_index=1, exercise="Cow", level=5, seconds=15, skipped=True)
    store.save_level("Neck", "Tilt", 2)
    store.save_level("Back", "Bridge", 1)
    store.save_level("Back", "Bridge", 4)
    assert store.levels_for("Back") == {"Cat": 3, "Bridge": 4}  # a skipped hold sets no level
    assert store.levels_for("Neck") == {"Tilt": 2}
    assert store.levels_for("Nothing") == {}


def test_pain_out_of_range_is_refused(store: HistoryStore) -> None:
    with pytest.raises(ValueError, match="0 to 10"):
        store.begin_session("Back", "abc", pain_before=11)


def test_pain_and_note_can_be_set_later_and_events_kept(store: HistoryStore) -> None:
    sid = store.begin_session("Back", "abc")
    store.set_pain(sid, before=7)
    store.set_pain(sid, after=2)
    store.set_note(sid, "left side tight")
    store.record_event(sid, "hurts", "Knee to chest")
    record = store.session(sid)
    assert record is not None
    assert (record.pain_before, record.pain_after, record.note) == (7, 2, "left side tight")
    [event] = store.events(sid)
    assert (event.kind, event.detail, event.session_id) == ("hurts", "Knee to chest", sid)
    assert store.pain_points() == [(record.started, 7, 2)]


def test_done_today_and_streak_on_given_days(store: HistoryStore, clock: FakeClock) -> None:
    # Two a day asked. Mar 6: 2, Mar 7: 2, Mar 8: 1 (not met), Mar 9: 2, Mar 10: 1 so far.
    per_day = {6: 2, 7: 2, 8: 1, 9: 2, 10: 1}
    for day, count in per_day.items():
        for n in range(count):
            clock.now = datetime(2024, 3, day, 8 + n * 6, tzinfo=UTC)
            _session(store, clock, SessionStatus.COMPLETED)
    clock.now = datetime(2024, 3, 10, 20, tzinfo=UTC)
    _session(store, clock, SessionStatus.STOPPED)  # stopped: does not count
    _session(store, clock, None)  # interrupted: does not count

    assert store.done_today("Back", date(2024, 3, 10)) == 1
    assert store.done_today("Back") == 1  # the store's own clock says Mar 10
    assert store.done_today("Other", date(2024, 3, 10)) == 0
    assert store.streak("Back", 2, date(2024, 3, 10)) == 1  # today not met yet: up to Mar 9
    assert store.streak("Back", 2, date(2024, 3, 9)) == 1
    assert store.streak("Back", 2, date(2024, 3, 7)) == 2
    assert store.streak("Back", 1, date(2024, 3, 10)) == 5
    assert store.streak("Back", 1, date(2024, 3, 12)) == 0  # a missed day breaks it


def test_streak_counts_today_once_met() -> None:
    counts = {date(2024, 1, 1): 1, date(2024, 1, 2): 1, date(2024, 1, 3): 1}
    assert adherence.streak(counts, 1, date(2024, 1, 3)) == 3
    assert adherence.streak(counts, 1, date(2024, 1, 4)) == 3
    assert adherence.streak(counts, 1, date(2024, 1, 5)) == 0
    assert adherence.streak(counts, 2, date(2024, 1, 3)) == 0
    assert adherence.streak({}, 1, date(2024, 1, 3)) == 0


def test_adherence_summary() -> None:
    counts = {date(2024, 1, 1): 2, date(2024, 1, 2): 1, date(2023, 12, 31): 5}
    summary = adherence.adherence("Back", counts, 2, date(2024, 1, 1), date(2024, 1, 4))
    assert (summary.days, summary.sessions_asked, summary.sessions_done) == (4, 8, 3)
    assert summary.days_met == 1
    assert summary.percent == pytest.approx(37.5)


def test_local_date_follows_the_users_time_zone(tmp_path: Path) -> None:
    from datetime import timezone

    late_evening_utc = datetime(2024, 3, 10, 23, 30, tzinfo=UTC)
    tokyo = timezone(timedelta(hours=9))
    store = HistoryStore(tmp_path / "h.sqlite3", lambda: late_evening_utc, tz=tokyo)
    store.begin_session("Back", "abc")
    assert store.sessions()[0].local_date == date(2024, 3, 11)
    assert store.today() == date(2024, 3, 11)


def test_csv_has_every_session_with_its_status(store: HistoryStore, clock: FakeClock) -> None:
    _session(store, clock, SessionStatus.COMPLETED, holds=3)
    _session(store, clock, SessionStatus.STOPPED, holds=1)
    sid = _session(store, clock, None, holds=2)
    store.set_pain(sid, before=5)
    out = io.StringIO()
    assert store.export_csv(out) == 3
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == CSV_COLUMNS
    for column in (
        "status",
        "routine",
        "started",
        "ended",
        "holds_done",
        "holds_skipped",
        "pain_before",
        "pain_after",
        "note",
    ):
        assert column in CSV_COLUMNS
    assert [r["status"] for r in rows] == ["completed", "stopped", "interrupted"]
    assert [r["holds_done"] for r in rows] == ["3", "1", "2"]
    assert rows[2]["ended"] == ""
    assert rows[2]["pain_before"] == "5"
    assert rows[0]["routine"] == "Back"
    assert rows[0]["exercises"] == "Knee to chest: 3 done, 0 skipped, level 1"


def test_routine_hash_is_the_files_sha256(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(b"name: R\n")
    import hashlib

    assert routine_hash(path) == hashlib.sha256(b"name: R\n").hexdigest()
    assert routine_hash(tmp_path / "missing.yaml", "x") == hashlib.sha256(b"x").hexdigest()


def test_heat_map_counts_and_routine_names(store: HistoryStore, clock: FakeClock) -> None:
    _session(store, clock, SessionStatus.COMPLETED)
    _session(store, clock, SessionStatus.COMPLETED)
    sid = store.begin_session("Neck", "abc")
    store.finish_session(sid, SessionStatus.COMPLETED)
    assert store.completed_per_day() == {date(2024, 3, 10): 3}
    assert store.completed_per_day("Neck") == {date(2024, 3, 10): 1}
    assert store.routine_names() == ["Back", "Neck"]


def test_more_than_the_days_aim_is_never_more_than_all_of_it() -> None:
    assert adherence.done_of(1, 2) == "1 of 2"
    assert adherence.done_of(2, 2) == "2 of 2"
    assert adherence.done_of(5, 2) == "2 of 2, and 3 more"
    assert (adherence.plural(1, "hold"), adherence.plural(2, "step")) == ("1 hold", "2 steps")
    day = date(2024, 5, 1)
    got = adherence.adherence("R", {day: 5}, 2, day, day)
    assert (got.sessions_done, got.sessions_asked, got.extra, got.percent) == (2, 2, 3, 100.0)


def test_a_pain_chart_of_one_day_does_not_repeat_its_date() -> None:
    from spasmtimer.ui.history.pain_chart import axis_format

    assert "HH:mm" in axis_format(86_400_000)  # one day, padded: the hours tell ticks apart
    assert axis_format(30 * 86_400_000) == "d MMM yyyy"
