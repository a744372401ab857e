"""How each kind of setting is read back from the settings file, and written to it.

A value that cannot be read takes its default and never stops the app.
Booleans are read the way QSettings writes them (``true``/``false``) and also
accept ``1``, ``yes`` and ``on``; moments keep their UTC offset.
"""

from __future__ import annotations

import logging
from datetime import datetime, time

from PySide6.QtCore import QByteArray

from spasmtimer.core.clock import aware, local_wall
from spasmtimer.core.session.sound_settings import CountStyle

log = logging.getLogger(__name__)


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


def as_stored(value: object) -> object:
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
