"""Durations as routine authors write them, and as people read them."""

from __future__ import annotations

import math

import pytest

from spasmtimer.core.routines.durations import DurationError, format_clock, format_duration
from spasmtimer.core.routines.loader import parse_duration


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (10, 10.0), (2.5, 2.5), (0, 0.0), ("10", 10.0), ("2.5", 2.5),
        ("10s", 10.0), ("10 s", 10.0), ("10 sec", 10.0), ("90 secs", 90.0), ("1 second", 1.0),
        ("30 seconds", 30.0), ("2 min", 120.0), ("2m", 120.0), ("1.5 min", 90.0),
        ("2 mins", 120.0), ("1 minute", 60.0), ("3 Minutes", 180.0), ("1m30s", 90.0),
        ("1 min 30 s", 90.0), ("1h", 3600.0), ("1 hr", 3600.0), ("2 hours", 7200.0),
        ("1h 5min", 3900.0), ("1 hour 1 minute 1 second", 3661.0), ("  10S  ", 10.0),
        (".5 min", 30.0), ("1:30", 90.0), ("0:05", 5.0), ("1:02:03", 3723.0),
        (10**12, 1e12),
    ],
)  # fmt: skip
def test_durations_parse(value: object, seconds: float) -> None:
    assert parse_duration(value) == seconds


@pytest.mark.parametrize(
    "value",
    [
        True, False, None, [5], {"s": 5}, -1, -0.5, "-5s", math.nan, math.inf, -math.inf,
        "", "   ", "ten", "10 parsecs", "1m30", "s", "10 s s", "1,5 min", "1e3", "nan", "inf",
        "1:75", "10 ms", "5 " * 40, 10**400, "10s!",
    ],
)  # fmt: skip
def test_what_is_not_a_duration(value: object) -> None:
    with pytest.raises(DurationError):
        parse_duration(value)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0 s"), (45, "45 s"), (2.5, "2.5 s"), (60, "1 min"), (750, "12 min 30 s"),
        (3600, "1 h"), (3900, "1 h 5 min"), (3661, "1 h 1 min 1 s"), (59.96, "1 min"),
    ],
)  # fmt: skip
def test_format_duration(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "00:00"), (65, "01:05"), (599.6, "10:00"), (3725, "1:02:05")]
)
def test_format_clock(seconds: float, text: str) -> None:
    assert format_clock(seconds) == text


def test_formatted_durations_read_back() -> None:
    for seconds in (1, 59, 61, 600, 3599, 7200):
        assert parse_duration(format_duration(seconds)) == seconds
