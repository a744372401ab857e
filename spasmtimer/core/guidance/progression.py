"""Progression: longer holds as the back improves, shorter when something hurts.

Cedars-Sinai (001): do the exercises "gradually as you improve, and stop if
they aggravate your back". For an exercise whose hold is a range, that becomes:

- **up**: the last 3 sessions that included it, all at the level it is at
  now, were finished with pain after no higher than before and no "This
  hurts" on it: offer the next level;
- **down**: "This hurts" on it in its last session, or pain after 2 or more
  points above before: offer the level below, or, at the bottom of the range,
  skipping it next time.

Never outside the routine's range, never a change to the file: this only
*offers*; the caller saves the level (per exercise, as today) and records
the change with its reason (:mod:`spasmtimer.core.history.level_changes`).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from spasmtimer.core.guidance.recovery import Rule, rule
from spasmtimer.core.routines.routine import Hold

GOOD_SESSIONS = 3  # sessions in a row that earn the next level
WORSE_BY = 2  # pain after this much above before is a step back


class Change(enum.Enum):
    UP = "up"
    DOWN = "down"
    SKIP = "skip"  # at the bottom of the range already: leave it out next time


@dataclass(frozen=True)
class Outcome:
    """How one past session went for one exercise (history, as plain values)."""

    at: datetime
    level: int
    finished: bool  # the session was completed
    pain_before: int | None
    pain_after: int | None
    hurt: bool  # "This hurts" was pressed on this exercise

    @property
    def good(self) -> bool:
        return (
            self.finished
            and not self.hurt
            and self.pain_before is not None
            and self.pain_after is not None
            and self.pain_after <= self.pain_before
        )

    @property
    def worse(self) -> bool:
        return (
            self.pain_before is not None
            and self.pain_after is not None
            and self.pain_after >= self.pain_before + WORSE_BY
        )


@dataclass(frozen=True)
class Offer:
    """A level change to offer for one exercise, and why."""

    exercise: str
    change: Change
    from_level: int
    to_level: int
    from_seconds: float
    to_seconds: float
    reason: str  # for the screen and the history
    rule: Rule

    @property
    def prompt(self) -> str:
        """One line for the overview."""
        if self.change is Change.SKIP:
            return f"{self.exercise}: skip it next time?"
        word = "longer" if self.change is Change.UP else "shorter"
        return (
            f"{self.exercise}: {word} holds, {_secs(self.to_seconds)} instead of "
            f"{_secs(self.from_seconds)}?"
        )


def _secs(seconds: float) -> str:
    return f"{seconds:g} seconds"


def offer(exercise: str, hold: Hold, level: int, outcomes: Sequence[Outcome]) -> Offer | None:
    """What to offer for ``exercise`` at ``level``, given its past sessions.

    ``outcomes`` are the sessions that included it, in any order. ``None``
    when the hold is fixed, or nothing has earned a change.
    """
    if not hold.is_range:
        return None
    level = hold.clamp_level(level)
    latest = sorted(outcomes, key=lambda o: o.at)
    if not latest:
        return None
    last = latest[-1]
    if last.hurt or last.worse:
        why = "“This hurts” last time" if last.hurt else _pain_words(last)
        if level == 0:
            return _offer(exercise, hold, Change.SKIP, level, level, f"{why}; the shortest hold")
        return _offer(exercise, hold, Change.DOWN, level, level - 1, why)
    recent = latest[-GOOD_SESSIONS:]
    if (
        level < hold.top_level
        and len(recent) == GOOD_SESSIONS
        and all(o.good and o.level == level for o in recent)
    ):
        return _offer(
            exercise,
            hold,
            Change.UP,
            level,
            level + 1,
            f"the last {GOOD_SESSIONS} sessions went well: finished, pain no worse after",
        )
    return None


def _pain_words(o: Outcome) -> str:
    return f"pain {o.pain_after} after, {o.pain_before} before, last time"


def _offer(exercise: str, hold: Hold, change: Change, old: int, new: int, reason: str) -> Offer:
    new = hold.clamp_level(new)
    why = rule("gradually") if change is Change.UP else rule("stop-if-worse")
    return Offer(
        exercise,
        change,
        old,
        new,
        hold.seconds_at(old),
        hold.seconds_at(new),
        reason[0].upper() + reason[1:] if reason else reason,
        why,
    )
