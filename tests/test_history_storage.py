"""Bad storage: damaged files moved aside, unwritable folders, old schemas."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from spasmtimer import resources
from spasmtimer.core.history import schema
from spasmtimer.core.history.store import HistoryStore, SessionStatus

NOW = datetime(2024, 5, 1, 9, 30, 15, tzinfo=UTC)


def _store(path: Path) -> HistoryStore:
    return HistoryStore(path, lambda: NOW, tz=UTC)


def _fill(store: HistoryStore, sessions: int = 1, holds: int = 3) -> None:
    for _ in range(sessions):
        sid = store.begin_session("Back", "abc")
        for n in range(holds):
            store.record_hold(
                sid,
                exercise_index=0,
                exercise="Knee to chest " * 20,
                level=1,
                seconds=20,
                skipped=False,
                rep=n + 1,
            )
        store.finish_session(sid, SessionStatus.COMPLETED)


def _works(store: HistoryStore) -> None:
    _fill(store)
    assert [s.status for s in store.sessions()] == [SessionStatus.COMPLETED]


def test_default_store_lives_in_the_data_folder() -> None:
    store = HistoryStore.open_default()
    assert store.path == resources.history_db_path()
    assert store.available and store.notice is None
    _works(store)
    mode = store.connection.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    assert schema.version_of(store.connection) == schema.CURRENT_VERSION


def test_a_garbage_file_is_moved_aside_and_a_fresh_history_starts(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    garbage = b"this is not a database, it is a shopping list\n" * 100
    path.write_bytes(garbage)

    store = _store(path)
    aside = tmp_path / "history.sqlite3.corrupt-20240501-093015"
    assert store.available
    assert store.notice is not None
    assert aside.name in store.notice and "new history" in store.notice
    assert aside.read_bytes() == garbage  # kept, byte for byte
    _works(store)


def test_moving_aside_never_replaces_an_earlier_copy(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    first = tmp_path / "history.sqlite3.corrupt-20240501-093015"
    first.write_bytes(b"the first bad file")
    path.write_bytes(b"the second bad file" * 50)

    store = _store(path)
    second = tmp_path / "history.sqlite3.corrupt-20240501-093015-2"
    assert first.read_bytes() == b"the first bad file"
    assert second.read_bytes() == b"the second bad file" * 50
    assert store.notice is not None and second.name in store.notice


def test_a_truncated_database_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    store = _store(path)
    _fill(store, sessions=40, holds=10)
    store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    size = path.stat().st_size
    assert size > 20 * 4096
    with path.open("r+b") as f:
        f.truncate(size // 2)

    reopened = _store(path)
    assert reopened.notice is not None and "damaged" in reopened.notice
    moved = list(tmp_path.glob("history.sqlite3.corrupt-*"))
    assert [p.stat().st_size for p in moved if p.suffix != ".sqlite3-wal"] == [size // 2]
    assert reopened.sessions() == []
    _works(reopened)


def test_an_empty_file_is_simply_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.touch()
    store = _store(path)
    assert store.available and store.notice is None
    _works(store)


def test_a_folder_that_cannot_be_created_leaves_the_timer_working(tmp_path: Path) -> None:
    # Tests run as root, and chmod 555 does not stop root from writing. A data
    # "folder" below a regular file cannot be created by anyone, root included.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    store = _store(blocker / "data" / "history.sqlite3")

    assert not store.available
    # Told as a problem that lasts until it is solved; the sessions wait in memory.
    problem = store.write_problem
    assert problem is not None
    assert "cannot be saved" in problem and str(blocker / "data") in problem
    assert "SpasmTimer keeps your sessions" in problem
    _works(store)  # in memory, so the session still runs and the levels still apply
    assert store.unsaved > 0 and not store.flush()
    assert blocker.read_text() == "a file where the data folder should be"


def test_a_folder_in_place_of_the_file_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.mkdir()
    (path / "keep.txt").write_text("mine")
    store = _store(path)
    assert not store.available
    assert store.write_problem is not None and "cannot be opened" in store.write_problem
    assert (path / "keep.txt").read_text() == "mine"
    assert not list(tmp_path.glob("*.corrupt-*"))
    _works(store)


def test_a_history_from_a_newer_version_is_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.CURRENT_VERSION + 1}")
    conn.close()
    before = path.read_bytes()

    store = _store(path)
    assert not store.available
    assert store.notice is not None and "newer SpasmTimer" in store.notice
    assert path.read_bytes() == before


def _make_v1(path: Path) -> None:
    """A real version-1 file, written by the version-1 SQL as it shipped."""
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate(conn, upto=1)
    conn.execute(
        "INSERT INTO sessions (id, routine, routine_hash, started_at, local_date, ended_at, "
        "status) VALUES (1, 'Back', 'aa', '2024-04-01T08:00:00Z', '2024-04-01', "
        "'2024-04-01T08:05:00Z', 'completed'), (2, 'Back', 'aa', '2024-04-02T08:00:00Z', "
        "'2024-04-02', NULL, 'interrupted')"
    )
    conn.executemany(
        "INSERT INTO holds (session_id, exercise_index, exercise, set_no, rep, side, level, "
        "seconds, skipped, ended_at) VALUES (?, 0, 'Cat', 1, ?, NULL, 2, 12, ?, ?)",
        [
            (1, 1, 0, "2024-04-01T08:01:00Z"),
            (1, 2, 1, "2024-04-01T08:02:00Z"),
            (1, 3, 0, "2024-04-01T08:03:00Z"),
            (2, 1, 0, "2024-04-02T08:01:30Z"),
        ],
    )
    conn.execute("INSERT INTO levels VALUES ('Back', 'Cat', 2, '2024-04-01T08:03:00Z')")
    conn.close()


def test_a_version_1_history_is_migrated_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    _make_v1(path)
    conn = sqlite3.connect(path)
    assert schema.version_of(conn) == 1
    assert "pain_before" not in {r[1] for r in conn.execute("PRAGMA table_info(sessions)")}
    conn.close()

    store = _store(path)
    assert store.available and store.notice is None
    assert schema.version_of(store.connection) == schema.CURRENT_VERSION
    old, new = store.sessions(newest_first=False)
    assert (old.status, old.holds_done, old.holds_skipped) == (SessionStatus.COMPLETED, 2, 1)
    assert old.duration_seconds == 300
    assert (new.status, new.holds_done, new.holds_skipped) == (SessionStatus.INTERRUPTED, 1, 0)
    assert new.duration_seconds == 90  # up to its last hold
    assert (old.pain_before, old.pain_after, old.note) == (None, None, None)
    assert store.levels_for("Back") == {"Cat": 2}
    assert len(store.holds(1)) == 3
    # and the new parts of the schema work on the migrated file
    store.set_pain(2, before=4)
    store.record_event(2, "hurts", "Cat")
    assert store.session(2) is not None and store.session(2).pain_before == 4  # type: ignore[union-attr]
    assert [e.kind for e in store.events(2)] == ["hurts"]


def test_a_failed_write_is_told_not_raised_and_kept_until_it_can_be_written(
    tmp_path: Path,
) -> None:
    store = _store(tmp_path / "history.sqlite3")
    sid = store.begin_session("Back", "abc")
    store.connection.execute("ALTER TABLE holds RENAME TO gone")  # the disk went away, in effect
    store.record_hold(sid, exercise_index=0, exercise="Cat", level=0, seconds=5, skipped=False)
    assert store.write_problem is not None and "Not saved yet" in store.write_problem
    store.finish_session(sid, SessionStatus.COMPLETED)  # kept behind the hold, in order
    assert store.unsaved == 2
    assert store.sessions()[0].status is SessionStatus.INTERRUPTED
    store.connection.execute("ALTER TABLE gone RENAME TO holds")  # back again
    assert store.flush()
    assert store.unsaved == 0 and store.write_problem is None
    assert store.sessions()[0].status is SessionStatus.COMPLETED
    assert store.sessions()[0].holds_done == 1


@pytest.mark.parametrize("version", [0, 1, 2])
def test_every_step_of_the_schema_leaves_an_intact_file(tmp_path: Path, version: int) -> None:
    path = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate(conn, upto=version)
    conn.close()
    store = _store(path)
    assert store.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert schema.version_of(store.connection) == schema.CURRENT_VERSION
