"""The recorder writes a session to the history as it goes, and survives kill -9."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

from history_helpers import back_routine, scripted

from spasmtimer.core.history.recorder import SessionRecorder
from spasmtimer.core.history.store import HistoryStore, SessionStatus
from spasmtimer.core.routines.plan import StepKind
from spasmtimer.core.session.events import LevelChanged


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2024, 6, 1, 7, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=5)  # every write is a little later
        return self.now


def _store(tmp_path: Path) -> HistoryStore:
    return HistoryStore(tmp_path / "history.sqlite3", Clock(), tz=UTC)


def test_a_whole_session_is_recorded_as_completed(tmp_path: Path) -> None:
    store = _store(tmp_path)
    session = scripted({0: 3})
    holds = [i for i, s in enumerate(session.plan.steps) if s.kind is StepKind.HOLD]
    recorder = SessionRecorder.attach(store, session, pain_before=6)
    session.run(skip=[holds[1]])
    recorder.set_pain_after(2)

    [record] = store.sessions()
    assert record.id == recorder.session_id
    assert record.routine == "Back test"
    assert record.status is SessionStatus.COMPLETED
    assert (record.holds_done, record.holds_skipped) == (len(holds) - 1, 1)
    assert (record.pain_before, record.pain_after) == (6, 2)
    assert len(record.routine_hash) == 64
    tallies = store.per_exercise(record.id)[record.id]
    assert [(t.exercise, t.done, t.skipped, t.level) for t in tallies] == [
        ("Knee to chest", 3, 1, 3),
        ("Cat-cow", 3, 0, 0),
    ]
    assert store.levels_for("Back test") == {"Knee to chest": 3, "Cat-cow": 0}


def test_every_hold_is_in_the_file_the_moment_it_ends(tmp_path: Path) -> None:
    store = _store(tmp_path)
    session = scripted()
    SessionRecorder.attach(store, session)
    session.start()
    assert store.sessions()[0].status is SessionStatus.INTERRUPTED
    while session.plan.steps[session.index].kind is not StepKind.HOLD:
        session.end_step()
    session.end_step()
    # another connection, as another process would see it
    other = sqlite3.connect(tmp_path / "history.sqlite3")
    assert other.execute("SELECT status, holds_done FROM sessions").fetchall() == [
        ("interrupted", 1)
    ]
    other.close()


def test_a_stopped_session_and_one_never_started(tmp_path: Path) -> None:
    store = _store(tmp_path)
    session = scripted()
    SessionRecorder.attach(store, session)
    session.start()
    for _ in range(3):
        session.end_step()
    session.stop()
    [record] = store.sessions()
    assert record.status is SessionStatus.STOPPED
    assert record.ended is not None

    idle = scripted()
    SessionRecorder.attach(store, idle)
    idle.index = 0
    idle.stop()  # stopped before it started
    assert len(store.sessions()) == 1


def test_a_hold_done_again_counts_once(tmp_path: Path) -> None:
    store = _store(tmp_path)
    session = scripted()
    recorder = SessionRecorder.attach(store, session)
    session.start()
    session.end_step()  # prepare
    first_hold = session.index
    session.end_step(skipped=True)  # "back" ends the hold skipped...
    session.index = first_hold  # ...and it starts again
    session.end_step()  # this time it is done
    assert recorder.session_id is not None
    record = store.session(recorder.session_id)
    assert record is not None
    assert (record.holds_done, record.holds_skipped) == (1, 0)


def test_a_level_change_is_remembered_and_used(tmp_path: Path) -> None:
    store = _store(tmp_path)
    session = scripted()
    SessionRecorder.attach(store, session)
    session.start()
    session.emit(LevelChanged(exercise_index=0, level=5, hold_seconds=15))
    assert store.levels_for("Back test") == {"Knee to chest": 5}
    from spasmtimer.core.history import level_changes

    [change] = level_changes.changes(store.connection, "Back test")  # recorded, with its session
    assert (change.from_level, change.to_level, change.reason) == (0, 5, level_changes.CHOSEN)
    assert change.session_id == store.sessions()[0].id
    session.end_step()
    session.end_step()
    [hold] = store.holds(store.sessions()[0].id)
    assert hold.level == 5


def test_events_and_notes_go_to_the_running_session(tmp_path: Path) -> None:
    store = _store(tmp_path)
    session = scripted()
    recorder = SessionRecorder.attach(store, session)
    recorder.set_pain_before(4)  # before the start: kept for the row
    session.start()
    recorder.record_event("hurts", "Knee to chest")
    recorder.set_note("tight")
    [record] = store.sessions()
    assert (record.pain_before, record.note) == (4, "tight")
    assert [(e.session_id, e.kind) for e in store.events()] == [(record.id, "hurts")]


def test_the_routine_files_hash_is_stored(tmp_path: Path) -> None:
    import hashlib

    routine_file = tmp_path / "back.yaml"
    routine_file.write_text("name: Back test\n")
    store = _store(tmp_path)
    session = scripted()
    SessionRecorder.attach(store, session, routine_path=routine_file)
    session.start()
    expected = hashlib.sha256(routine_file.read_bytes()).hexdigest()
    assert store.sessions()[0].routine_hash == expected


_CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[2])
    from history_helpers import back_routine
    from spasmtimer.core.clock import FakeClock
    from spasmtimer.core.session.events import StepEnded
    from spasmtimer.core.history.store import HistoryStore
    from spasmtimer.core.routines.plan import StepKind, make_plan
    from spasmtimer.core.history.recorder import SessionRecorder
    from spasmtimer.core.session.machine import Session

    store = HistoryStore(Path(sys.argv[1]))
    done = 0

    def count(event):
        global done
        if isinstance(event, StepEnded) and event.step.kind is StepKind.HOLD:
            done += 1

    clock = FakeClock()
    session = Session(make_plan(back_routine()), clock)
    recorder = SessionRecorder.attach(store, session)
    session.subscribe(count)
    session.start()
    while done < 3:  # a session on a fake clock, hold after hold
        clock.advance(0.5)
        session.tick()
    recorder.record_event("busy")
    print("three holds", flush=True)
    while True:  # mid-session, and busy writing to the file when the kill comes
        recorder.record_event("busy")
    """
)


def test_kill_9_mid_session_leaves_it_interrupted_with_its_holds(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(db), str(Path(__file__).parent)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == "three holds\n"
        # it keeps committing holds; kill it wherever it happens to be
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=10) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        if child.stdout is not None:
            child.stdout.close()

    store = HistoryStore(db)
    assert store.available and store.notice is None
    assert store.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    sessions = store.sessions(newest_first=False)
    assert sessions and all(s.status is SessionStatus.INTERRUPTED for s in sessions)
    assert sum(s.holds_done for s in sessions) >= 3
    for s in sessions:  # the running totals agree with the holds on file
        assert s.holds_done == len(store.holds(s.id))
    assert store.events()  # it was writing when it died
    [record] = sessions
    holds_per_session = len([x for x in scripted().plan.steps if x.kind is StepKind.HOLD])
    assert 3 <= record.holds_done < holds_per_session
    assert record.routine == back_routine().name
    assert record.ended is None


def _real_session(levels: dict[int, int] | None = None):
    from spasmtimer.core.clock import FakeClock
    from spasmtimer.core.routines.plan import make_plan
    from spasmtimer.core.session.machine import Session

    clock = FakeClock()
    return Session(make_plan(back_routine(), levels), clock), clock


def test_with_the_real_session_the_counts_match_its_summary(tmp_path: Path) -> None:
    from spasmtimer.core.session.events import Stopped

    store = _store(tmp_path)
    session, clock = _real_session({0: 2})
    recorder = SessionRecorder.attach(store, session)
    summaries = []
    session.subscribe(lambda e: summaries.append(e.summary) if isinstance(e, Stopped) else None)
    session.start()
    clock.advance(3 + 12)  # prepare, then the first hold at level 2
    session.tick()
    session.skip()  # the rest
    session.skip()  # the second hold: skipped
    session.back()  # straight back to it (within the grace time)
    clock.advance(12.5)
    session.tick()  # done this time
    session.change_level(0, 1)
    session.next_exercise()  # the other two Knee to chest holds: skipped
    clock.advance(5.5)
    session.tick()  # the first Cat-cow hold
    session.stop()

    [summary] = summaries
    assert recorder.session_id is not None
    record = store.session(recorder.session_id)
    assert record is not None
    assert record.status is SessionStatus.STOPPED
    assert (record.holds_done, record.holds_skipped) == (summary.holds_done, summary.holds_skipped)
    assert record.duration_seconds == summary.seconds
    tallies = store.per_exercise(record.id)[record.id]
    assert [(t.done, t.skipped) for t in tallies] == [
        (e.holds_done, e.holds_skipped)
        for e in summary.per_exercise
        if e.holds_done + e.holds_skipped
    ]
    assert store.levels_for("Back test")["Knee to chest"] == 3


def test_with_the_real_session_a_whole_routine_completes(tmp_path: Path) -> None:
    store = _store(tmp_path)
    session, clock = _real_session()
    SessionRecorder.attach(store, session)
    session.start()
    for _ in range(400):
        clock.advance(0.5)
        session.tick()
    [record] = store.sessions()
    assert record.status is SessionStatus.COMPLETED
    assert (record.holds_done, record.holds_skipped) == (7, 0)
