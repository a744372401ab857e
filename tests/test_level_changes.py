"""Level changes in the history: recorded with their reason, read for the report,
and the sessions they rest on read back as outcomes; the schema step that adds them."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from spasmtimer.core.guidance.progression import Change, Outcome, offer
from spasmtimer.core.guidance.safety import HURT_EVENT_KIND, HurtReport
from spasmtimer.core.history import level_changes, schema
from spasmtimer.core.history.store import HistoryStore, SessionStatus
from spasmtimer.core.routines.routine import Hold

T0 = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
HOLD = Hold(5, 10)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def _session(
    store: HistoryStore,
    clock: Clock,
    *,
    level: int = 1,
    before: int | None = 4,
    after: int | None = 3,
    status: SessionStatus = SessionStatus.COMPLETED,
    hurt: str | None = None,
    exercise: str = "Prayer stretch",
    skipped: int = 0,
    holds: int = 1,
) -> int:
    clock.now += timedelta(hours=12)
    sid = store.begin_session("Back", "abc", pain_before=before)
    for n in range(holds):
        store.record_hold(
            sid,
            exercise_index=0,
            exercise=exercise,
            rep=n + 1,
            level=level,
            seconds=6,
            skipped=n < skipped,
        )
    store.record_hold(
        sid, exercise_index=1, exercise="Pelvic tilt", level=0, seconds=3, skipped=False
    )
    if hurt is not None:
        report = HurtReport(hurt, sharp_or_spreading=False, skip_next_time=False)
        store.record_event(sid, HURT_EVENT_KIND, report.detail())
    store.finish_session(sid, status, pain_after=after)
    return sid


def test_three_good_sessions_read_back_as_outcomes_that_offer_the_next_level(
    tmp_path: Path,
) -> None:
    clock = Clock()
    store = HistoryStore(tmp_path / "h.sqlite3", clock, tz=UTC)
    _session(store, clock, level=0)  # older, at another level, out of the last 3
    for _ in range(3):
        _session(store, clock)
    _session(store, clock, exercise="Something else")
    got = level_changes.outcomes(store.connection, "Back", "Prayer stretch")
    assert len(got) == 3 and all(o.good and o.level == 1 for o in got)
    assert got[0].at > got[-1].at  # newest first
    choice = offer("Prayer stretch", HOLD, 1, got)
    assert choice is not None and choice.change is Change.UP


def test_this_hurts_on_the_exercise_and_not_on_another(tmp_path: Path) -> None:
    clock = Clock()
    store = HistoryStore(tmp_path / "h.sqlite3", clock, tz=UTC)
    _session(store, clock, hurt="Pelvic tilt", status=SessionStatus.STOPPED)
    (mine,) = level_changes.outcomes(store.connection, "Back", "Prayer stretch", limit=1)
    assert not mine.hurt and not mine.finished
    (theirs,) = level_changes.outcomes(store.connection, "Back", "Pelvic tilt", limit=1)
    assert theirs.hurt
    choice = offer("Pelvic tilt", Hold(3, 5), 0, [theirs])
    assert choice is not None and choice.change is Change.SKIP


def test_this_hurts_on_a_longer_name_that_begins_with_this_one_is_not_this_ones(
    tmp_path: Path,
) -> None:
    clock = Clock()
    store = HistoryStore(tmp_path / "h.sqlite3", clock, tz=UTC)
    _session(store, clock, hurt="Prayer stretch: left", exercise="Prayer stretch")
    (mine,) = level_changes.outcomes(store.connection, "Back", "Prayer stretch", limit=1)
    assert not mine.hurt
    _session(store, clock, hurt="Prayer stretch", exercise="Prayer stretch")
    (mine,) = level_changes.outcomes(store.connection, "Back", "Prayer stretch", limit=1)
    assert mine.hurt


def test_each_change_is_recorded_with_its_reason_and_listed_oldest_first(tmp_path: Path) -> None:
    clock = Clock()
    store = HistoryStore(tmp_path / "h.sqlite3", clock, tz=UTC)
    sid = _session(store, clock, before=2, after=5, level=3)
    outcomes = level_changes.outcomes(store.connection, "Back", "Prayer stretch")
    down = offer("Prayer stretch", HOLD, 3, outcomes)
    assert down is not None
    first = level_changes.record(store.connection, "Back", down, T0 + timedelta(days=1), sid)
    level_changes.record(store.connection, "Knees", down, T0)  # another routine, earlier
    assert first > 0
    rows = level_changes.changes(store.connection)
    assert [r.routine for r in rows] == ["Knees", "Back"]
    back = level_changes.changes(store.connection, "Back")[0]
    assert (back.change, back.from_level, back.to_level) == (Change.DOWN, 3, 2)
    assert (back.from_seconds, back.to_seconds, back.session_id) == (8, 7, sid)
    assert back.describe() == (
        "Prayer stretch: 8 → 7 seconds (shorter). Pain 5 after, 2 before, last time."
    )
    assert level_changes.changes(store.connection, since=date(2024, 5, 2)) == [back]
    assert level_changes.changes(store.connection, until=date(2024, 5, 1))[0].routine == "Knees"


def test_a_broken_table_is_logged_not_raised(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3", Clock(), tz=UTC)
    store.connection.execute("DROP TABLE level_changes")
    store.connection.execute("DROP TABLE events")
    down = offer("X", HOLD, 1, [_hurt_outcome()])
    assert down is not None
    assert level_changes.record(store.connection, "Back", down, T0) == 0
    assert level_changes.changes(store.connection) == []
    assert level_changes.outcomes(store.connection, "Back", "X") == []


def _hurt_outcome() -> Outcome:
    return Outcome(T0, 1, False, None, None, True)


def _make_v2(path: Path) -> None:
    """A real version-2 file, as the version before this one writes it."""
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate(conn, upto=2)
    conn.execute(
        "INSERT INTO sessions (id, routine, routine_hash, started_at, local_date, ended_at, "
        "status, pain_before, pain_after, holds_done, last_at) VALUES "
        "(1, 'Back', 'aa', '2024-04-01T08:00:00Z', '2024-04-01', '2024-04-01T08:05:00Z', "
        "'completed', 4, 3, 1, '2024-04-01T08:05:00Z')"
    )
    conn.execute(
        "INSERT INTO holds (session_id, step_index, exercise_index, exercise, set_no, rep, "
        "side, level, seconds, skipped, ended_at) VALUES "
        "(1, 1, 0, 'Prayer stretch', 1, 1, NULL, 2, 7, 0, '2024-04-01T08:01:00Z')"
    )
    conn.execute(
        "INSERT INTO events (session_id, at, kind, detail) VALUES (1, ?, 'hurts', ?)",
        ("2024-04-01T08:02:00Z", "Prayer stretch: pain not sharp"),
    )
    conn.execute("INSERT INTO levels VALUES ('Back', 'Prayer stretch', 2, '2024-04-01T08:03:00Z')")
    conn.close()


def test_a_version_2_history_gains_level_changes_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    _make_v2(path)
    conn = sqlite3.connect(path)
    assert schema.version_of(conn) == 2
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "level_changes" not in tables
    conn.close()

    store = HistoryStore(path, Clock(), tz=UTC)
    assert store.available and store.notice is None
    assert schema.version_of(store.connection) == schema.CURRENT_VERSION == 3
    (old,) = store.sessions()
    assert (old.pain_before, old.pain_after, old.holds_done) == (4, 3, 1)
    assert store.levels_for("Back") == {"Prayer stretch": 2}
    (outcome,) = level_changes.outcomes(store.connection, "Back", "Prayer stretch")
    assert outcome.hurt and outcome.level == 2 and outcome.finished
    down = offer("Prayer stretch", HOLD, 2, [outcome])
    assert down is not None
    assert level_changes.record(store.connection, "Back", down, T0, 1) > 0
    assert [c.to_level for c in level_changes.changes(store.connection)] == [1]
    # deleting the session keeps the change, without its session
    store.connection.execute("DELETE FROM sessions WHERE id = 1")
    assert level_changes.changes(store.connection)[0].session_id is None


def test_taking_a_change_sets_the_next_sessions_level_with_it(tmp_path: Path) -> None:
    clock = Clock()
    store = HistoryStore(tmp_path / "h.sqlite3", clock, tz=UTC)
    for _ in range(3):
        _session(store, clock)
    assert store.levels_for("Back")["Prayer stretch"] == 1
    up = offer(
        "Prayer stretch",
        HOLD,
        1,
        level_changes.outcomes(store.connection, "Back", "Prayer stretch"),
    )
    assert up is not None and up.change is Change.UP
    level_changes.record(store.connection, "Back", up, clock.now)
    assert store.levels_for("Back")["Prayer stretch"] == 2  # what the next session uses

    skip = offer("Pelvic tilt", Hold(3, 5), 0, [_hurt_outcome()])
    assert skip is not None and skip.change is Change.SKIP
    level_changes.record(store.connection, "Back", skip, clock.now)
    assert store.levels_for("Back")["Pelvic tilt"] == 0
    assert [c.change for c in level_changes.changes(store.connection)] == [Change.UP, Change.SKIP]


def test_a_change_that_cannot_be_recorded_leaves_the_level_alone(tmp_path: Path) -> None:
    clock = Clock()
    store = HistoryStore(tmp_path / "h.sqlite3", clock, tz=UTC)
    _session(store, clock, level=3, before=1, after=4)
    down = offer(
        "Prayer stretch",
        HOLD,
        3,
        level_changes.outcomes(store.connection, "Back", "Prayer stretch"),
    )
    assert down is not None
    store.connection.execute("DROP TABLE level_changes")
    assert level_changes.record(store.connection, "Back", down, clock.now) == 0
    assert store.levels_for("Back")["Prayer stretch"] == 3
    assert not store.connection.in_transaction


def test_offers_for_a_whole_routine(tmp_path: Path) -> None:
    from spasmtimer.core.routines.routine import Exercise, Routine

    clock = Clock()
    store = HistoryStore(tmp_path / "h.sqlite3", clock, tz=UTC)
    for _ in range(3):
        _session(store, clock)
    routine = Routine(
        "Back",
        (
            Exercise("Prayer stretch", HOLD),
            Exercise("Pelvic tilt", Hold.fixed(3)),  # fixed: never offered
            Exercise("Never done", Hold(5, 10)),
        ),
    )
    (only,) = level_changes.offers(store.connection, routine, store.levels_for("Back"))
    assert (only.exercise, only.change, only.to_level) == ("Prayer stretch", Change.UP, 2)
    assert level_changes.offers(store.connection, routine, {"Prayer stretch": 0}) == []


def test_a_change_taken_is_not_offered_again_until_the_next_session(tmp_path: Path) -> None:
    from spasmtimer.core.routines.routine import Exercise, Routine

    clock = Clock()
    store = HistoryStore(tmp_path / "h.sqlite3", clock, tz=UTC)
    routine = Routine("Back", (Exercise("Prayer stretch", HOLD),))
    _session(store, clock, level=1, hurt="Prayer stretch")
    (down,) = level_changes.offers(store.connection, routine, {"Prayer stretch": 1})
    assert (down.change, down.to_level) == (Change.DOWN, 0)
    assert level_changes.record(store.connection, "Back", down, clock.now + timedelta(minutes=1))
    # Still the same "This hurts" behind it: no second step down.
    assert level_changes.offers(store.connection, routine, store.levels_for("Back")) == []
    _session(store, clock, level=0, hurt="Prayer stretch")
    (skip,) = level_changes.offers(store.connection, routine, store.levels_for("Back"))
    assert skip.change is Change.SKIP


def test_skipped_holds_never_earn_a_longer_hold(tmp_path: Path) -> None:
    clock = Clock()
    store = HistoryStore(tmp_path / "h.sqlite3", clock, tz=UTC)
    for _ in range(3):  # finished, pain 3 → 3, but every hold of it skipped
        _session(store, clock, before=3, after=3, holds=3, skipped=3)
    got = level_changes.outcomes(store.connection, "Back", "Prayer stretch")
    assert len(got) == 3 and not any(o.good for o in got)
    assert offer("Prayer stretch", HOLD, 1, got) is None
    # One skipped hold of three: the session counts, but earns nothing for it.
    for _ in range(3):
        _session(store, clock, before=3, after=3, holds=3, skipped=1)
    got = level_changes.outcomes(store.connection, "Back", "Prayer stretch")
    assert all(o.finished and o.skipped == 1 and not o.good for o in got)
    assert offer("Prayer stretch", HOLD, 1, got) is None


def test_a_session_with_most_holds_skipped_is_not_done(tmp_path: Path) -> None:
    from spasmtimer.core.today.day_records import done_on, last_session_day

    clock = Clock()
    store = HistoryStore(tmp_path / "h.sqlite3", clock, tz=UTC)
    _session(store, clock, holds=3, skipped=3)  # + one done Pelvic tilt: 1 of 4 done
    day = clock.now.date()
    assert store.done_today("Back", day) == 0
    assert store.completed_per_day("Back") == {}
    assert done_on(store.connection, day, UTC) == ()
    assert last_session_day(store.connection, day + timedelta(days=1)) is None
    _session(store, clock, holds=3, skipped=1)  # 3 of 4 done: counts
    day = clock.now.date()
    assert store.done_today("Back", day) == 1
    assert len(done_on(store.connection, day, UTC)) == 1
