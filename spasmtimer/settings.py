"""Everything the app remembers between runs, in one typed store.

One INI file (:func:`spasmtimer.resources.settings_path`), written with
QSettings as the app always has, so existing users' settings read as before.
Each key has one parser here; a value that cannot be read takes its default
and never stops the app. The keys:

===================================  =========================================
``window/geometry``                  the window's size and place (bytes)
``session/last_routine``             the routine last opened (file or name)
``audio/volume``                     0 to 1, as the slider shows it
``audio/muted``                      true/false
``audio/voice``                      true/false (false: tones only)
``audio/count_style``                down, up, last_three or none
``safety/acknowledged_version``      the red-flag screen version last read
``reminders/wake``, ``/sleep``       waking hours (``HH:MM``)
``reminders/quiet_hours``            true/false, with ``quiet_start``/``_end``
``reminders/sessions``               remind of the day's sessions
``reminders/desk_breaks``            with ``desk_break_minutes``
``reminders/walks``                  with ``walks_per_day``
``reminders/ice_heat``               remind of the next application
``reminders/snooze_minutes``         how long a snooze lasts
``reminders/routines``               the routines reminded of (a list)
``reminders/routines_chosen``        true once the user chose them
``ice_heat/began``                   when the spasm began (ISO date-time)
``ice_heat/next_at``                 the next application (ISO date-time)
``ice_heat/next_therapy``            ICE or HEAT
``skip/<routine>``                   exercises skipped after "This hurts"
===================================  =========================================

Booleans are read the way QSettings writes them (``true``/``false``) and also
accept ``1``, ``yes`` and ``on``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

from spasmtimer import resources
from spasmtimer.core.session.sound_settings import AudioSettings, CountStyle

if TYPE_CHECKING:  # imported when first read: the picker shows sooner
    from spasmtimer.core.today.reminders import IceHeatDemand, ReminderSettings

log = logging.getLogger(__name__)

# Raise when the red flags change enough that everyone should read them again.
SAFETY_VERSION = 1


# -- one parser per kind of value ------------------------------------------------


def parse_bool(value: object, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"true", "1", "yes", "on"}


def parse_int(value: object, default: int) -> int:
    try:
        return int(str(value)) if value is not None else default
    except ValueError:
        return default


def parse_float(value: object, default: float) -> float:
    try:
        return float(str(value)) if value is not None else default
    except ValueError:
        log.warning("ignoring an unreadable number in the settings: %r", value)
        return default


def parse_time(value: object, default: time) -> time:
    try:
        return time.fromisoformat(str(value)) if value else default
    except ValueError:
        return default


def parse_datetime(value: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def parse_count_style(value: object, default: CountStyle) -> CountStyle:
    return CountStyle.__members__.get(str(value).upper(), default) if value else default


def parse_names(value: object) -> list[str]:
    """A list of names as QSettings hands it back: a list, one string, or nothing."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, list) else []


def _key(name: str) -> str:
    # QSettings treats "/" and "\\" in keys as groups; keep a routine name one key.
    return name.replace("/", "%2F").replace("\\", "%5C")


class Settings:
    """Typed access to every remembered setting.

    ``path`` picks the file (tests give their own); ``qsettings`` wraps a
    QSettings the caller already has. Each setter writes at once; :meth:`sync`
    flushes to disk.
    """

    def __init__(self, path: Path | None = None, *, qsettings: QSettings | None = None) -> None:
        if qsettings is not None:
            self._qs = qsettings
            self.path = Path(qsettings.fileName())
        else:
            self.path = path or resources.settings_path()
            self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)

    def sync(self) -> None:
        self._qs.sync()

    # -- the window -------------------------------------------------------------

    def geometry(self) -> QByteArray | None:
        value = self._qs.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, data: QByteArray) -> None:
        self._qs.setValue("window/geometry", data)

    def last_routine(self) -> str | None:
        value = self._qs.value("session/last_routine")
        return str(value) if value else None

    def set_last_routine(self, key: str) -> None:
        self._qs.setValue("session/last_routine", key)

    # -- sound --------------------------------------------------------------------

    def audio(self) -> AudioSettings:
        d = AudioSettings()
        q = self._qs.value
        return AudioSettings(
            muted=parse_bool(q("audio/muted"), d.muted),
            voice=parse_bool(q("audio/voice"), d.voice),
            count_style=parse_count_style(q("audio/count_style"), d.count_style),
        ).with_volume(parse_float(q("audio/volume"), d.volume))

    def set_audio(self, value: AudioSettings) -> None:
        self._qs.setValue("audio/volume", float(value.volume))
        self._qs.setValue("audio/muted", bool(value.muted))
        self._qs.setValue("audio/voice", bool(value.voice))
        self._qs.setValue("audio/count_style", value.count_style.name.lower())
        self._qs.sync()

    def muted(self) -> bool:
        return self.audio().muted

    def set_muted(self, muted: bool) -> None:
        self._qs.setValue("audio/muted", bool(muted))

    # -- the safety screen -------------------------------------------------------

    def safety_acknowledged(self) -> bool:
        return parse_int(self._qs.value("safety/acknowledged_version"), 0) >= SAFETY_VERSION

    def acknowledge_safety(self) -> None:
        self._qs.setValue("safety/acknowledged_version", SAFETY_VERSION)
        self._qs.sync()

    # -- reminders ---------------------------------------------------------------

    def reminder_settings(self) -> ReminderSettings:
        """The saved settings; anything unreadable falls back to the defaults."""
        from spasmtimer.core.today.reminders import ReminderSettings

        d = ReminderSettings()
        q = self._qs.value
        s = ReminderSettings(
            wake=parse_time(q("reminders/wake"), d.wake),
            sleep=parse_time(q("reminders/sleep"), d.sleep),
            quiet_hours=parse_bool(q("reminders/quiet_hours"), d.quiet_hours),
            quiet_start=parse_time(q("reminders/quiet_start"), d.quiet_start),
            quiet_end=parse_time(q("reminders/quiet_end"), d.quiet_end),
            sessions=parse_bool(q("reminders/sessions"), d.sessions),
            desk_breaks=parse_bool(q("reminders/desk_breaks"), d.desk_breaks),
            desk_break_minutes=parse_int(q("reminders/desk_break_minutes"), d.desk_break_minutes),
            walks=parse_bool(q("reminders/walks"), d.walks),
            walks_per_day=parse_int(q("reminders/walks_per_day"), d.walks_per_day),
            ice_heat=parse_bool(q("reminders/ice_heat"), d.ice_heat),
            snooze_minutes=parse_int(q("reminders/snooze_minutes"), d.snooze_minutes),
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
        return parse_names(self._qs.value("reminders/routines"))

    def set_reminded_routines(self, names: Iterable[str]) -> None:
        self._qs.setValue("reminders/routines_chosen", True)
        self._qs.setValue("reminders/routines", list(names))
        self._qs.sync()

    # -- ice and heat ------------------------------------------------------------

    def spasm_began(self) -> datetime | None:
        return parse_datetime(self._qs.value("ice_heat/began"))

    def set_spasm_began(self, began: datetime | None) -> None:
        if began is None:
            self._qs.remove("ice_heat/began")
            self._qs.remove("ice_heat/next_at")
            self._qs.remove("ice_heat/next_therapy")
        else:
            self._qs.setValue("ice_heat/began", began.isoformat(timespec="minutes"))
        self._qs.sync()

    def pain_eased(self) -> bool:
        """The user said the pain has eased, since the spasm now timed began."""
        began = self._qs.value("ice_heat/began")
        return bool(began) and self._qs.value("ice_heat/eased_for") == began

    def set_pain_eased(self) -> None:
        """Keep that the pain has eased; a new spasm time clears it (it names the onset)."""
        began = self._qs.value("ice_heat/began")
        if began:
            self._qs.setValue("ice_heat/eased_for", began)
            self._qs.sync()

    def next_application(self) -> IceHeatDemand | None:
        from spasmtimer.core.guidance.ice_heat import Therapy
        from spasmtimer.core.today.reminders import IceHeatDemand

        at = parse_datetime(self._qs.value("ice_heat/next_at"))
        name = str(self._qs.value("ice_heat/next_therapy") or "")
        if at is None or name not in Therapy.__members__:
            return None
        return IceHeatDemand(at, Therapy[name])

    def set_next_application(self, demand: IceHeatDemand) -> None:
        """Keep the next ice or heat application (planned by core.today.applications)."""
        self._qs.setValue("ice_heat/next_at", demand.at.isoformat(timespec="minutes"))
        self._qs.setValue("ice_heat/next_therapy", demand.therapy.name)
        self._qs.sync()

    # -- "This hurts" ------------------------------------------------------------

    def skipped_exercises(self, routine: str) -> set[str]:
        return set(parse_names(self._qs.value(f"skip/{_key(routine)}")))

    def set_skipped(self, routine: str, exercise: str, skip: bool = True) -> None:
        names = self.skipped_exercises(routine)
        if skip:
            names.add(exercise)
        else:
            names.discard(exercise)
        self._qs.setValue(f"skip/{_key(routine)}", sorted(names))
        self._qs.sync()
