"""What the guidance features remember: one typed face over QSettings.

The safety screen's acknowledgement, the reminder settings and the chosen
routines, when the spasm began and when the next ice or heat application is
due, and the exercises the user chose to skip after "This hurts". It uses the
same settings file as :mod:`spasmtimer.ui.settings` (worked out on every call,
so each test gets its own), under its own groups.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, time
from pathlib import Path

from PySide6.QtCore import QSettings

from spasmtimer.core.ice_heat import ScheduleError, Therapy, next_application
from spasmtimer.core.reminders import IceHeatDemand, ReminderSettings
from spasmtimer.ui.settings import settings_path

log = logging.getLogger(__name__)

# Raise when the red flags change enough that everyone should read them again.
SAFETY_VERSION = 1


def _bool(value: object, default: bool) -> bool:
    if value is None:
        return default
    return value in (True, "true", "1", 1)


def _time(value: object, default: time) -> time:
    try:
        return time.fromisoformat(str(value)) if value else default
    except ValueError:
        return default


def _int(value: object, default: int) -> int:
    try:
        return int(str(value)) if value is not None else default
    except ValueError:
        return default


def _datetime(value: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


class GuidanceStore:
    """Typed access to the guidance settings; pass a path in tests."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_path()
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)

    def sync(self) -> None:
        self._qs.sync()

    # -- the safety screen -----------------------------------------------------

    def safety_acknowledged(self) -> bool:
        return _int(self._qs.value("safety/acknowledged_version"), 0) >= SAFETY_VERSION

    def acknowledge_safety(self) -> None:
        self._qs.setValue("safety/acknowledged_version", SAFETY_VERSION)
        self._qs.sync()

    # -- reminders -------------------------------------------------------------

    def reminder_settings(self) -> ReminderSettings:
        """The saved settings; anything unreadable falls back to the defaults."""
        d = ReminderSettings()
        q = self._qs.value
        s = ReminderSettings(
            wake=_time(q("reminders/wake"), d.wake),
            sleep=_time(q("reminders/sleep"), d.sleep),
            quiet_hours=_bool(q("reminders/quiet_hours"), d.quiet_hours),
            quiet_start=_time(q("reminders/quiet_start"), d.quiet_start),
            quiet_end=_time(q("reminders/quiet_end"), d.quiet_end),
            sessions=_bool(q("reminders/sessions"), d.sessions),
            desk_breaks=_bool(q("reminders/desk_breaks"), d.desk_breaks),
            desk_break_minutes=_int(q("reminders/desk_break_minutes"), d.desk_break_minutes),
            walks=_bool(q("reminders/walks"), d.walks),
            walks_per_day=_int(q("reminders/walks_per_day"), d.walks_per_day),
            ice_heat=_bool(q("reminders/ice_heat"), d.ice_heat),
            snooze_minutes=_int(q("reminders/snooze_minutes"), d.snooze_minutes),
        )
        if s.problems():
            log.warning("reminder settings ignored: %s", " ".join(s.problems()))
            return d
        return s

    def set_reminder_settings(self, s: ReminderSettings) -> None:
        for key, value in (
            ("wake", s.wake.isoformat("minutes")),
            ("sleep", s.sleep.isoformat("minutes")),
            ("quiet_hours", s.quiet_hours),
            ("quiet_start", s.quiet_start.isoformat("minutes")),
            ("quiet_end", s.quiet_end.isoformat("minutes")),
            ("sessions", s.sessions),
            ("desk_breaks", s.desk_breaks),
            ("desk_break_minutes", s.desk_break_minutes),
            ("walks", s.walks),
            ("walks_per_day", s.walks_per_day),
            ("ice_heat", s.ice_heat),
            ("snooze_minutes", s.snooze_minutes),
        ):
            self._qs.setValue(f"reminders/{key}", value)
        self._qs.sync()

    def reminded_routines(self) -> list[str] | None:
        """The routines chosen for session reminders; None if never chosen."""
        if not self._qs.contains("reminders/routines_chosen"):
            return None
        value = self._qs.value("reminders/routines")
        if value is None or value == "":
            return []
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    def set_reminded_routines(self, names: Iterable[str]) -> None:
        self._qs.setValue("reminders/routines_chosen", True)
        self._qs.setValue("reminders/routines", list(names))
        self._qs.sync()

    # -- ice and heat ----------------------------------------------------------

    def spasm_began(self) -> datetime | None:
        return _datetime(self._qs.value("ice_heat/began"))

    def set_spasm_began(self, began: datetime | None) -> None:
        if began is None:
            self._qs.remove("ice_heat/began")
            self._qs.remove("ice_heat/next_at")
            self._qs.remove("ice_heat/next_therapy")
        else:
            self._qs.setValue("ice_heat/began", began.isoformat(timespec="minutes"))
        self._qs.sync()

    def next_application(self) -> IceHeatDemand | None:
        at = _datetime(self._qs.value("ice_heat/next_at"))
        name = str(self._qs.value("ice_heat/next_therapy") or "")
        if at is None or name not in Therapy.__members__:
            return None
        return IceHeatDemand(at, Therapy[name])

    def record_application(self, done_at: datetime) -> IceHeatDemand | None:
        """An ice or heat application just ended: plan and store the next one."""
        began = self.spasm_began()
        if began is None:
            return None
        try:
            nxt = next_application(began, done_at)
        except ScheduleError as error:
            log.warning("no next ice/heat application: %s", error)
            return None
        self._qs.setValue("ice_heat/next_at", nxt.at.isoformat(timespec="minutes"))
        self._qs.setValue("ice_heat/next_therapy", nxt.therapy.name)
        self._qs.sync()
        return IceHeatDemand(nxt.at, nxt.therapy)

    # -- "This hurts" ----------------------------------------------------------

    def skipped_exercises(self, routine: str) -> set[str]:
        value = self._qs.value(f"skip/{_key(routine)}")
        if not value:
            return set()
        return {value} if isinstance(value, str) else {str(v) for v in value}

    def set_skipped(self, routine: str, exercise: str, skip: bool = True) -> None:
        names = self.skipped_exercises(routine)
        if skip:
            names.add(exercise)
        else:
            names.discard(exercise)
        self._qs.setValue(f"skip/{_key(routine)}", sorted(names))
        self._qs.sync()


def _key(name: str) -> str:
    # QSettings treats "/" and "\\" in keys as groups; keep a routine name one key.
    return name.replace("/", "%2F").replace("\\", "%5C")
