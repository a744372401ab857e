"""Durations as routine authors write them, and as people read them.

A duration is a number of seconds (``10``, ``2.5``) or text with units:
``"10s"``, ``"10 s"``, ``"90 sec"``, ``"2 min"``, ``"1.5 min"``, ``"1m30s"``,
``"1 h 5 min"``, ``"1h"``, or a clock-style ``"1:30"`` (minutes:seconds) or
``"1:02:30"`` (hours:minutes:seconds). Units may be spelled s, sec, secs,
second, seconds, m, min, mins, minute, minutes, h, hr, hrs, hour, hours, in
any letter case. Text without a unit (``"10"``) is seconds.
"""

from __future__ import annotations

import math
import re

_UNIT_SECONDS = {
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), 1.0),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), 60.0),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), 3600.0),
}
_NUMBER = r"(?:\d+(?:\.\d*)?|\.\d+)"
_PART = re.compile(rf"\s*(?P<number>{_NUMBER})\s*(?P<unit>[^\W\d_]*)\s*")
_CLOCK = re.compile(r"\s*(\d+):([0-5]?\d)(?::([0-5]?\d))?\s*")
# Text longer than this is not a duration anybody writes.
_MAX_TEXT = 64


class DurationError(ValueError):
    """A value that is not a duration; the message says why, in plain words."""


def parse_duration(value: object) -> float:
    """Seconds in ``value``: a number of seconds, or text such as ``"1m30s"``.

    Raises :class:`DurationError` for anything else, including true/false,
    negative numbers, NaN and infinity.
    """
    if isinstance(value, bool):
        raise DurationError("true/false is not a duration")
    if isinstance(value, int):
        seconds = float(value) if abs(value) < 10**300 else math.inf
    elif isinstance(value, float):
        seconds = value
    elif isinstance(value, str):
        seconds = _parse_text(value)
    else:
        raise DurationError(f"a {type(value).__name__} is not a duration")
    if math.isnan(seconds) or math.isinf(seconds):
        raise DurationError("a duration must be a finite number of seconds")
    if seconds < 0:
        raise DurationError("a duration cannot be negative")
    return seconds


def _parse_text(text: str) -> float:
    if len(text) > _MAX_TEXT:
        raise DurationError("this text is far too long to be a duration")
    clock = _CLOCK.fullmatch(text)
    if clock:
        first, second, third = clock.groups()
        if third is None:  # m:ss
            return int(first) * 60.0 + int(second)
        return int(first) * 3600.0 + int(second) * 60.0 + int(third)
    total = 0.0
    position = 0
    parts = 0
    while position < len(text):
        match = _PART.match(text, position)
        if not match or match.end() == position:
            raise DurationError(f"{text!r} is not a duration")
        unit = match["unit"].lower()
        if unit and unit not in _UNIT_SECONDS:
            raise DurationError(f"unknown unit {match['unit']!r}; use s, min or h")
        if not unit and (parts or match.end() < len(text)):
            raise DurationError(f"a number in {text!r} has no unit; write e.g. 1m30s")
        total += float(match["number"]) * _UNIT_SECONDS.get(unit, 1.0)
        position = match.end()
        parts += 1
    if not parts:
        raise DurationError("empty text is not a duration")
    return total


def format_duration(seconds: float, *, whole_minutes: bool = False) -> str:
    """A duration for people: ``45 s``, ``2.5 s``, ``12 min 30 s``, ``1 h 5 min``.

    ``whole_minutes``: from a minute on, rounded to the minute, as a person
    says how long a routine takes (``12 min``, ``1 h 5 min``); the screens use
    that, the command line and the routine checks the exact form.
    """
    if whole_minutes and round(seconds) >= 60:
        seconds = round(seconds / 60) * 60
    tenths = round(seconds * 10)
    whole, fraction = divmod(tenths, 10)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{hours} h")
    if minutes:
        parts.append(f"{minutes} min")
    if secs or fraction or not parts:
        parts.append(f"{secs}.{fraction} s" if fraction else f"{secs} s")
    return " ".join(parts)


def format_clock(seconds: float) -> str:
    """A time offset as ``mm:ss``, or ``h:mm:ss`` from an hour on."""
    whole = int(seconds + 0.5)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"
