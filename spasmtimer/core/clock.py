"""The clocks: the one a session reads, the wall clock, and a fake for tests.

A :data:`Clock` is any callable returning seconds as a float that never runs
backwards. The session calls it, nothing else does its timekeeping; the
sound player is given the same one.

A :data:`WallClock` says what time of day it is (an aware ``datetime``): the
history stamps sessions with it and works out "today" from it. It may jump
(the user changes the time zone); nothing is timed with it.

:func:`system_clock` is the default. On Linux it reads ``CLOCK_BOOTTIME``,
which keeps running while the machine is suspended, so a session can see
that the laptop slept and pause (``time.monotonic`` stops during suspend
there, and the session would never learn about it). Elsewhere it is
``time.monotonic``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], float]
WallClock = Callable[[], datetime]


def utc_now() -> datetime:
    """The wall clock: now, in UTC."""
    return datetime.now(UTC)


def aware(moment: datetime) -> datetime:
    """``moment`` with its zone; a naive value is taken as local time."""
    return moment if moment.tzinfo is not None else moment.astimezone()


def local_wall(moment: datetime) -> datetime:
    """``moment`` as a naive local wall-clock time, the frame Today plans in.

    Stored times carry their zone (:func:`aware`), so a trip west or the
    autumn clock change reads them as the same instant; old values written
    without a zone are local already and come back unchanged.
    """
    if moment.tzinfo is None:
        return moment
    return moment.astimezone().replace(tzinfo=None)


def _boottime() -> float:
    return time.clock_gettime(time.CLOCK_BOOTTIME)


def _pick_system_clock() -> Clock:
    if hasattr(time, "CLOCK_BOOTTIME"):
        try:
            _boottime()
        except OSError:  # pragma: no cover - a kernel without it
            return time.monotonic
        return _boottime
    return time.monotonic  # pragma: no cover - not Linux


system_clock: Clock = _pick_system_clock()


class FakeClock:
    """A clock that only moves when told to; call it to read the time.

    >>> clock = FakeClock(start=10.0)
    >>> clock.advance(2.5)
    12.5
    >>> clock()
    12.5
    """

    def __init__(self, start: float = 0.0) -> None:
        self._now = float(start)

    def __call__(self) -> float:
        return self._now

    @property
    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> float:
        """Move forward by ``seconds`` (never backwards) and return the new time."""
        if seconds < 0:
            raise ValueError(f"a clock cannot go back in time (advance by {seconds})")
        self._now += seconds
        return self._now

    def set(self, t: float) -> float:
        """Jump to time ``t``, which must not be earlier than now."""
        if t < self._now:
            raise ValueError(f"a clock cannot go back in time (from {self._now} to {t})")
        self._now = float(t)
        return self._now
