"""Settings and history written by SpasmTimer 0.1.0 read as before.

``tests/data/settings-0.1.0.conf`` and ``tests/data/history-0.1.0.sqlite3``
were written by the 0.1.0 code (``AppSettings``, ``GuidanceStore``,
``save_audio_settings`` and ``HistoryStore``) before the settings moved into
one store; they are copied before each test, so the originals stay as made.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest

from spasmtimer.core.guidance.ice_heat import Therapy
from spasmtimer.core.history.records import SessionStatus
from spasmtimer.core.history.store import HistoryStore
from spasmtimer.core.session.cues import CountStyle
from spasmtimer.core.session.sound_settings import AudioSettings
from spasmtimer.core.today.reminders import IceHeatDemand, ReminderSettings
from spasmtimer.services.settings import Settings

DATA = Path(__file__).parent / "data"


@pytest.fixture
def old_settings(tmp_path: Path, qapp: Any) -> Settings:
    path = tmp_path / "SpasmTimer.conf"
    shutil.copy(DATA / "settings-0.1.0.conf", path)
    return Settings(path)


def test_every_old_setting_reads_as_written(old_settings: Settings) -> None:
    s = old_settings
    geometry = s.geometry()
    assert geometry is not None and geometry.size() > 20
    assert s.last_routine() == "/home/me/.local/share/spasmtimer/routines/mine.yaml"
    assert s.audio() == AudioSettings(
        volume=0.35, muted=True, voice=False, count_style=CountStyle.UP
    )
    assert s.muted()
    assert s.safety_acknowledged()
    assert s.reminder_settings() == ReminderSettings(
        wake=time(6, 30), sleep=time(22, 15), desk_break_minutes=45, walks=False, snooze_minutes=20
    )
    assert s.reminded_routines() == ["Back spasm relief", "Morning mobility"]
    assert s.spasm_began() == datetime(2026, 11, 28, 9, 0)
    assert s.next_application() == IceHeatDemand(datetime(2026, 11, 28, 11, 0), Therapy.ICE)
    assert s.skipped_exercises("Back spasm relief") == {"Cat-cow", "Knee hug"}
    assert s.skipped_exercises("A/B routine") == {"Bridge"}  # a "/" in a routine name


def test_writing_back_keeps_the_old_file_readable_and_its_keys(old_settings: Settings) -> None:
    s = old_settings
    before = s.path.read_text()
    s.set_audio(s.audio())
    s.set_reminder_settings(s.reminder_settings())
    s.set_reminded_routines(s.reminded_routines() or [])
    s.set_skipped("Back spasm relief", "Knee hug")
    s.sync()
    after = s.path.read_text()
    keys = {line.split("=")[0] for line in before.splitlines() if "=" in line}
    assert keys == {line.split("=")[0] for line in after.splitlines() if "=" in line}
    assert sorted(before.splitlines()) == sorted(after.splitlines())


def test_unreadable_values_take_their_defaults(tmp_path: Path, qapp: Any) -> None:
    path = tmp_path / "bad.conf"
    path.write_text(
        "[audio]\nvolume=loud\ncount_style=sideways\nmuted=maybe\n"
        "[reminders]\nwake=dawn\nsnooze_minutes=many\n[ice_heat]\nnext_at=soon\n"
    )
    s = Settings(path)
    assert s.audio() == AudioSettings()
    assert s.reminder_settings() == ReminderSettings()
    assert s.next_application() is None


@pytest.fixture
def old_history(tmp_path: Path) -> Iterator[HistoryStore]:
    path = tmp_path / "history.sqlite3"
    shutil.copy(DATA / "history-0.1.0.sqlite3", path)
    store = HistoryStore(path, clock=lambda: datetime(2026, 11, 29, 9, 0, tzinfo=UTC))
    yield store
    store.close()


def test_old_history_reads_as_written(old_history: HistoryStore) -> None:
    store = old_history
    assert store.available and not store.notice
    sessions = store.sessions(newest_first=False)
    assert [(s.routine, s.status) for s in sessions] == [
        ("Back spasm relief", SessionStatus.COMPLETED),
        ("Morning mobility", SessionStatus.STOPPED),
        ("Back spasm relief", SessionStatus.INTERRUPTED),
    ]
    first, second, third = sessions
    assert (first.pain_before, first.pain_after, first.note) == (6, 3, "felt better")
    assert (first.holds_done, first.holds_skipped, first.duration_seconds) == (2, 1, 290.0)
    assert second.local_date == date(2026, 11, 29)  # written in UTC+1: the next day there
    assert third.ended is None and third.pain_before == 7
    assert [h.skipped for h in store.holds(first.id)] == [False, False, True]
    assert store.levels_for("Back spasm relief") == {"Knee hug": 2, "Cat-cow": -1}
    assert [(e.kind, e.detail) for e in store.events(first.id)] == [("hurts", "sharp; stopped")]


def test_old_history_takes_new_sessions(old_history: HistoryStore) -> None:
    store = old_history
    new = store.begin_session("Back spasm relief", "ef" * 32)
    store.finish_session(new, SessionStatus.COMPLETED)
    assert len(store.sessions()) == 4
