"""Adherence: did the user do the routine as often as it asks, day by day.

Pure functions over "completed sessions per calendar day", so they are tested
on plain dictionaries and reused by the store, the picker and the PDF report.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta


def done_of(done: int, per_day: int) -> str:
    """``1 of 2``; past the day's aim ``2 of 2, and 3 more`` (never ``5 of 2``)."""
    aim = max(1, per_day)
    if done <= aim:
        return f"{done} of {aim}"
    return f"{aim} of {aim}, and {done - aim} more"


def plural(n: int, noun: str) -> str:
    """``1 hold``, ``2 holds``."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def streak(counts: Mapping[date, int], sessions_per_day: int, today: date) -> int:
    """Consecutive days, ending today, on which the routine was done enough.

    Today counts once it is met; until then the streak runs up to yesterday,
    so a morning with nothing done yet does not read as a broken streak.
    """
    needed = max(1, sessions_per_day)
    day = today if counts.get(today, 0) >= needed else today - timedelta(days=1)
    days = 0
    while counts.get(day, 0) >= needed:
        days += 1
        day -= timedelta(days=1)
    return days


@dataclass(frozen=True)
class Adherence:
    """How one routine went over a range of days."""

    routine: str
    first_day: date
    last_day: date
    sessions_per_day: int
    sessions_done: int  # toward the aim: no more than the sessions a day, each day
    days_met: int
    extra: int = 0  # done beyond a day's aim

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    @property
    def sessions_asked(self) -> int:
        return self.days * max(1, self.sessions_per_day)

    @property
    def percent(self) -> float:
        """Sessions done against sessions asked, capped at 100."""
        asked = self.sessions_asked
        return 100.0 * min(self.sessions_done, asked) / asked if asked else 0.0


def adherence(
    routine: str,
    counts: Mapping[date, int],
    sessions_per_day: int,
    first_day: date,
    last_day: date,
) -> Adherence:
    """Summarise ``counts`` (completed sessions per day) from first to last day."""
    needed = max(1, sessions_per_day)
    inside = {d: n for d, n in counts.items() if first_day <= d <= last_day}
    return Adherence(
        routine=routine,
        first_day=first_day,
        last_day=last_day,
        sessions_per_day=needed,
        sessions_done=sum(min(n, needed) for n in inside.values()),
        days_met=sum(1 for n in inside.values() if n >= needed),
        extra=sum(max(0, n - needed) for n in inside.values()),
    )
