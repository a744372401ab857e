"""Everything the app remembers between runs: one table of typed keys, one store.

One INI file (:func:`spasmtimer.resources.settings_path`), written with
QSettings as the app always has, so existing users' settings read as before.
Each remembered value is a :class:`Key` in :data:`KEYS` (or, for the reminder
settings, :func:`reminder_keys`, one key per field of
:class:`~spasmtimer.core.today.reminders.ReminderSettings`): its name in the file,
its parser, its default and what it means. A value that cannot be read takes
its default and never stops the app. :meth:`Settings.get` and
:meth:`Settings.set` read and write any key; every write emits
:attr:`Settings.changed` with the key, so whoever follows a setting (the
player, the running session) hears of it from the store and nobody copies it.

A sound key names the player's setter that takes it (``player``): the
session service hands every such key to the player when it is made and on
every change (:func:`spasmtimer.services.session.bind_player`). Adding a
sound setting is a key here, a control in the Sound dialog and that setter.

The typed methods below (``audio()``, ``reminder_settings()``, ``skipped_exercises()``
…) are views over the keys for the values made of several keys, or keyed by
a routine's name. Booleans are read the way QSettings writes them
(``true``/``false``) and also accept ``1``, ``yes`` and ``on``.
"""

from __future__ import annotations

import builtins
import dataclasses
import functools
import logging
from collections.abc import Callable, Iterable
from datetime import datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal

from spasmtimer import resources
from spasmtimer.core.clock import aware, local_wall
from spasmtimer.core.session.sound_settings import DEFAULT_VOLUME, AudioSettings, CountStyle

if TYPE_CHECKING:  # imported when first read: the first screen shows sooner
    from spasmtimer.core.today.reminders import IceHeatDemand, ReminderSettings

log = logging.getLogger(__name__)

# Raise when the red flags change enough that everyone should read them again.
SAFETY_VERSION = 1

T = TypeVar("T")


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


def parse_volume(value: object, default: float) -> float:
    """0 to 1, as the slider shows it (clamped)."""
    return min(1.0, max(0.0, parse_float(value, default)))


def parse_time(value: object, default: time) -> time:
    try:
        return time.fromisoformat(str(value)) if value else default
    except ValueError:
        return default


def parse_text(value: object, default: str | None) -> str | None:
    return str(value) if value else default


def parse_bytes(value: object, default: QByteArray | None) -> QByteArray | None:
    return value if isinstance(value, QByteArray) and not value.isEmpty() else default


def parse_datetime(value: object) -> datetime | None:
    """A stored moment as local wall-clock time (see :func:`local_wall`).

    Stored with its UTC offset; an old value without one is local time.
    """
    try:
        return local_wall(datetime.fromisoformat(str(value))) if value else None
    except (ValueError, OverflowError):
        log.warning("ignoring an unreadable time in the settings: %r", value)
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


def parse_moment(value: object, default: datetime | None) -> datetime | None:
    return parse_datetime(value) or default


def parse_list(value: object, default: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(parse_names(value)) if value is not None else default


def _as_stored(value: object) -> object:
    """How a value is written: enums by lower-case name, times as ``HH:MM``, moments
    to the minute (ISO), lists as lists."""
    if isinstance(value, CountStyle):
        return value.name.lower()
    if isinstance(value, datetime):  # with its UTC offset: the same moment after a trip
        return aware(value).isoformat(timespec="minutes")
    if isinstance(value, time):
        return value.isoformat("minutes")
    if isinstance(value, tuple):
        return list(value)
    return value


# -- the table ---------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Key(Generic[T]):
    """One remembered value: ``name`` in the file, its parser, default and meaning.

    ``player``: the player's setter that takes this value (sound keys only).
    """

    name: str
    parse: Callable[[object, T], T]
    default: T
    doc: str
    player: str = ""


GEOMETRY: Key[QByteArray | None] = Key(
    "window/geometry", parse_bytes, None, "the window's size and place (bytes)"
)
LAST_ROUTINE: Key[str | None] = Key(
    "session/last_routine", parse_text, None, "the routine last opened (file or name)"
)
VOLUME = Key(
    "audio/volume", parse_volume, DEFAULT_VOLUME, "0 to 1, as the slider shows it", "set_volume"
)
MUTED = Key("audio/muted", parse_bool, False, "no sound at all", "set_muted")
VOICE = Key("audio/voice", parse_bool, True, "spoken words (false: tones only)", "set_voice")
COUNT_STYLE = Key(
    "audio/count_style", parse_count_style, CountStyle.DOWN, "down, up, last_three or none"
)
SAFETY_READ = Key(
    "safety/acknowledged_version", parse_int, 0, "the red-flag screen version last read"
)

REMINDED: Key[tuple[str, ...]] = Key(
    "reminders/routines", parse_list, (), "the routines reminded of (a list)"
)
ROUTINES_CHOSEN = Key(
    "reminders/routines_chosen", parse_bool, False, "true once the user chose them"
)
SPASM_BEGAN: Key[datetime | None] = Key(
    "ice_heat/began", parse_moment, None, "when the spasm began (ISO, with its UTC offset)"
)
EASED_FOR: Key[str | None] = Key(
    "ice_heat/eased_for", parse_text, None, "the spasm time the pain eased for"
)
NEXT_AT: Key[datetime | None] = Key(
    "ice_heat/next_at",
    parse_moment,
    None,
    "the next application (ISO, with its UTC offset)",
)
NEXT_THERAPY: Key[str | None] = Key("ice_heat/next_therapy", parse_text, None, "ICE or HEAT")

# Every key but the reminder settings' (reminder_keys) and the per-routine
# skips (``skip/<routine>``: exercises skipped after "This hurts").
KEYS: tuple[Key[Any], ...] = (
    GEOMETRY,
    LAST_ROUTINE,
    VOLUME,
    MUTED,
    VOICE,
    COUNT_STYLE,
    SAFETY_READ,
    REMINDED,
    ROUTINES_CHOSEN,
    SPASM_BEGAN,
    EASED_FOR,
    NEXT_AT,
    NEXT_THERAPY,
)

# The sound keys, in the order the player takes them.
SOUND_KEYS: tuple[Key[Any], ...] = tuple(k for k in KEYS if k.name.startswith("audio/"))

_REMINDER_DOCS = {
    "wake": "waking hours begin (HH:MM)",
    "sleep": "waking hours end (HH:MM)",
    "quiet_hours": "no notifications in quiet hours",
    "quiet_start": "quiet hours begin (HH:MM)",
    "quiet_end": "quiet hours end (HH:MM)",
    "sessions": "remind of the day's sessions",
    "desk_breaks": "remind of desk breaks",
    "desk_break_minutes": "minutes between desk breaks",
    "walks": "remind of walks",
    "walks_per_day": "walks a day",
    "ice_heat": "remind of the next ice or heat application",
    "snooze_minutes": "how long a snooze lasts",
}
_PARSERS: dict[type, Callable[[object, Any], Any]] = {
    bool: parse_bool,
    int: parse_int,
    time: parse_time,
}


@functools.cache
def reminder_keys() -> tuple[Key[Any], ...]:
    """``reminders/<field>`` for every field of ReminderSettings, its default the field's."""
    from spasmtimer.core.today.reminders import ReminderSettings

    d = ReminderSettings()
    fields = ((f.name, getattr(d, f.name)) for f in dataclasses.fields(d))
    return tuple(
        Key(f"reminders/{name}", _PARSERS[type(default)], default, _REMINDER_DOCS[name])
        for name, default in fields
    )


def _key(name: str) -> str:
    # QSettings treats "/" and "\\" in keys as groups; keep a routine name one key.
    return name.replace("/", "%2F").replace("\\", "%5C")


class Settings(QObject):
    """Typed access to every remembered setting.

    ``path`` picks the file (tests give their own); ``qsettings`` wraps a
    QSettings the caller already has. Each write goes to the file at once;
    :meth:`sync` flushes it to disk.

    Signals:
        changed(object): the :class:`Key` just written (its value: :meth:`get`).
    """

    changed = Signal(object)

    def __init__(self, path: Path | None = None, *, qsettings: QSettings | None = None) -> None:
        super().__init__()
        if qsettings is not None:
            self._qs = qsettings
            self.path = Path(qsettings.fileName())
        else:
            self.path = path or resources.settings_path()
            self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)
        # Written through QSaveFile (a temporary file renamed over the old
        # one), never in place: a full disk leaves the old settings whole.
        self._qs.setAtomicSyncRequired(True)

    def sync(self) -> None:
        self._qs.sync()
        problem = self.problem()
        if problem:
            log.error("settings: %s", problem)

    def problem(self) -> str:
        """What is wrong with the settings file, in the user's words ("" if nothing)."""
        if self.path.is_dir():
            return (
                f"Your settings cannot be read or kept: {self.path} is a folder, not a "
                "file. SpasmTimer uses its defaults; rename or remove that folder."
            )
        status = self._qs.status()
        if status == QSettings.Status.FormatError:
            return (
                f"Your settings file {self.path} could not be read, so SpasmTimer uses "
                "its defaults for what it could not read."
            )
        if status == QSettings.Status.AccessError:
            return (
                f"Your settings could not be saved to {self.path} (the disk may be full "
                "or the file read-only); changes last until SpasmTimer closes."
            )
        return ""

    # -- any key ------------------------------------------------------------------

    def get(self, key: Key[T]) -> T:
        return key.parse(self._qs.value(key.name), key.default)

    def get_text(self, key: Key[Any]) -> str:
        """``key`` as the file has it ("" when it is not there)."""
        value = self._qs.value(key.name)
        return str(value) if value else ""

    def remove(self, *keys: Key[Any]) -> None:
        """Forget ``keys`` (each reads its default again)."""
        for key in keys:
            if self._qs.contains(key.name):
                self._qs.remove(key.name)
                self.changed.emit(key)

    def set(self, key: Key[T], value: T) -> None:
        """Write ``value`` (no signal when it is what the file already says)."""
        if self._qs.contains(key.name) and self.get(key) == value:
            return
        self._qs.setValue(key.name, _as_stored(value))
        self.changed.emit(key)

    # -- the window -------------------------------------------------------------

    def geometry(self) -> QByteArray | None:
        return self.get(GEOMETRY)

    def set_geometry(self, data: QByteArray) -> None:
        self.set(GEOMETRY, data)

    def last_routine(self) -> str | None:
        return self.get(LAST_ROUTINE)

    def set_last_routine(self, key: str) -> None:
        self.set(LAST_ROUTINE, key)

    # -- sound --------------------------------------------------------------------

    def audio(self) -> AudioSettings:
        return AudioSettings(
            volume=self.get(VOLUME),
            muted=self.get(MUTED),
            voice=self.get(VOICE),
            count_style=self.get(COUNT_STYLE),
        )

    def set_audio(self, value: AudioSettings) -> None:
        self.set(VOLUME, value.volume)
        self.set(MUTED, value.muted)
        self.set(VOICE, value.voice)
        self.set(COUNT_STYLE, value.count_style)
        self._qs.sync()

    def muted(self) -> bool:
        return self.get(MUTED)

    def set_muted(self, muted: bool) -> None:
        self.set(MUTED, bool(muted))

    # -- the safety screen -------------------------------------------------------

    def safety_acknowledged(self) -> bool:
        return self.get(SAFETY_READ) >= SAFETY_VERSION

    def acknowledge_safety(self) -> None:
        self.set(SAFETY_READ, SAFETY_VERSION)
        self._qs.sync()

    # -- reminders ---------------------------------------------------------------

    def reminder_settings(self) -> ReminderSettings:
        """The saved settings; anything unreadable falls back to the defaults."""
        from spasmtimer.core.today.reminders import ReminderSettings

        s = ReminderSettings(**{k.name.split("/")[1]: self.get(k) for k in reminder_keys()})
        if s.problems():
            log.warning("reminder settings ignored: %s", " ".join(s.problems()))
            return ReminderSettings()
        return s

    def set_reminder_settings(self, s: ReminderSettings) -> None:
        for key in reminder_keys():
            self.set(key, getattr(s, key.name.split("/")[1]))
        self._qs.sync()

    def reminded_routines(self) -> list[str] | None:
        """The routines chosen for session reminders; None if never chosen."""
        if not self.get(ROUTINES_CHOSEN):
            return None
        names: tuple[str, ...] = self.get(REMINDED)
        return list(names)

    def set_reminded_routines(self, names: Iterable[str]) -> None:
        self.set(ROUTINES_CHOSEN, True)
        self.set(REMINDED, tuple(names))
        self._qs.sync()

    # -- ice and heat ------------------------------------------------------------

    def spasm_began(self) -> datetime | None:
        return self.get(SPASM_BEGAN)

    def set_spasm_began(self, began: datetime | None) -> None:
        if began is None:  # no spasm timed: nothing planned either
            self.remove(SPASM_BEGAN, NEXT_AT, NEXT_THERAPY)
        else:
            self.set(SPASM_BEGAN, began)
        self._qs.sync()

    def pain_eased(self) -> bool:
        """The user said the pain has eased, since the spasm now timed began."""
        began = self.get_text(SPASM_BEGAN)
        return bool(began) and self.get(EASED_FOR) == began

    def clear_pain_eased(self) -> None:
        """Take back "the pain has eased": the spasm's phase follows its time again."""
        self.remove(EASED_FOR)
        self._qs.sync()

    def set_pain_eased(self) -> None:
        """Keep that the pain has eased; a new spasm time clears it (it names the onset)."""
        if began := self.get_text(SPASM_BEGAN):
            self.set(EASED_FOR, began)
            self._qs.sync()

    def next_application(self) -> IceHeatDemand | None:
        from spasmtimer.core.guidance.ice_heat import Therapy
        from spasmtimer.core.today.reminders import IceHeatDemand

        at, name = self.get(NEXT_AT), self.get(NEXT_THERAPY) or ""
        if at is None or name not in Therapy.__members__:
            return None
        return IceHeatDemand(at, Therapy[name])

    def set_next_application(self, demand: IceHeatDemand) -> None:
        """Keep the next ice or heat application (planned by core.today.applications)."""
        self.set(NEXT_AT, demand.at)
        self.set(NEXT_THERAPY, demand.therapy.name)
        self._qs.sync()

    # -- "This hurts" ------------------------------------------------------------

    def skipped_exercises(self, routine: str) -> builtins.set[str]:
        return set(parse_names(self._qs.value(f"skip/{_key(routine)}")))

    def set_skipped(self, routine: str, exercise: str, skip: bool = True) -> None:
        names = self.skipped_exercises(routine)
        if skip:
            names.add(exercise)
        else:
            names.discard(exercise)
        self._qs.setValue(f"skip/{_key(routine)}", sorted(names))
        self._qs.sync()
