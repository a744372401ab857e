"""Progression: longer holds as the back improves, shorter when something hurts.

Cedars-Sinai (001): do the exercises "gradually as you improve, and stop if
they aggravate your back". For an exercise whose hold is a range, that becomes:

- **up**: the last 3 sessions that included it, all at the level it is at
  now, were finished with pain after no higher than before and no "This
  hurts" on it: offer the next level;
- **down**: "This hurts" on it in its last session, or pain after 2 or more
  points above before: offer the level below, or, at the bottom of the range,
  skipping it next time.

A session *counts* (toward "done today", the streak and progression) only
when it was finished with most of its holds done: more than half of them not
skipped (:func:`counts`; the history asks the same in SQL,
:data:`COUNTS_SQL`). A session that counts still earns nothing for an
exercise with any hold of it skipped.

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
from spasmtimer.core.routines.routine import Exercise, Hold

GOOD_SESSIONS = 3  # sessions in a row that earn the next level
WORSE_BY = 2  # pain after this much above before is a step back


def counts(holds_done: int, holds_skipped: int) -> bool:
    """Whether a finished session with these holds counts: most of them done.

    More than half of its holds done (not skipped); a session with no holds
    at all (an ice or heat pack timed as one long step still has one) counts.
    """
    total = holds_done + holds_skipped
    return total == 0 or 2 * holds_done > total


# :func:`counts` for a row of the history's ``sessions`` table (status aside).
COUNTS_SQL = "(holds_done + holds_skipped = 0 OR 2 * holds_done > holds_done + holds_skipped)"


class Change(enum.Enum):
    UP = "up"
    DOWN = "down"
    SKIP = "skip"  # at the bottom of the range already: leave it out next time


@dataclass(frozen=True)
class Outcome:
    """How one past session went for one exercise (history, as plain values)."""

    at: datetime
    level: int
    finished: bool  # the session was completed and counts (:func:`counts`)
    pain_before: int | None
    pain_after: int | None
    hurt: bool  # "This hurts" was pressed on this exercise
    skipped: int = 0  # holds of this exercise skipped in that session

    @property
    def good(self) -> bool:
        """Earns a step up: finished (and counted), every hold of it done, no
        "This hurts", and pain after no higher than before."""
        return (
            self.finished
            and not self.hurt
            and self.skipped == 0
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
    from_reps: int | None = None  # for an exercise whose reps build up too
    to_reps: int | None = None

    @property
    def prompt(self) -> str:
        """One line for the overview."""
        if self.change is Change.SKIP:
            return f"{self.exercise}: skip it next time?"
        if self.to_seconds == self.from_seconds and self.to_reps != self.from_reps:
            word = "more" if self.change is Change.UP else "fewer"
            return f"{self.exercise}: {word} reps, {self.to_reps} instead of {self.from_reps}?"
        word = "longer" if self.change is Change.UP else "shorter"
        return (
            f"{self.exercise}: {word} holds, {_secs(self.to_seconds)} instead of "
            f"{_secs(self.from_seconds)}?"
        )


def _secs(seconds: float) -> str:
    return f"{seconds:g} seconds"


def offer(
    exercise: str, hold: Hold | Exercise, level: int, outcomes: Sequence[Outcome]
) -> Offer | None:
    """What to offer for ``exercise`` at ``level``, given its past sessions.

    ``hold`` is the exercise's hold, or the whole :class:`Exercise` when its
    reps may build up too (its levels step through the hold, then the reps).
    ``outcomes`` are the sessions that included it, in any order. ``None``
    when nothing has earned a change. After "This hurts" or worse pain, one
    with nothing to shorten (a fixed hold, or the shortest level) is offered
    as leaving it out next time.
    """
    level = hold.clamp_level(level)
    latest = sorted(outcomes, key=lambda o: o.at)
    if not latest:
        return None
    last = latest[-1]
    if last.hurt or last.worse:
        why = "“This hurts” last time" if last.hurt else _pain_words(last)
        if level == 0:
            shortest = "the shortest hold" if hold.is_range else "nothing to shorten"
            return _offer(exercise, hold, Change.SKIP, level, level, f"{why}; {shortest}")
        return _offer(exercise, hold, Change.DOWN, level, level - 1, why)
    if not hold.is_range:
        return None
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


def chosen(exercise: str, hold: Hold | Exercise, old: int, new: int, reason: str) -> Offer:
    """A change the user made (+ / −), as an offer taken, to record with ``reason``."""
    old, new = hold.clamp_level(old), hold.clamp_level(new)
    return _offer(exercise, hold, Change.UP if new > old else Change.DOWN, old, new, reason)


def left_out(exercise: str, hold: Hold | Exercise, level: int, reason: str) -> Offer:
    """The user chose to leave ``exercise`` out next time (after "This hurts")."""
    level = hold.clamp_level(level)
    return _offer(exercise, hold, Change.SKIP, level, level, reason)


def _offer(
    exercise: str, hold: Hold | Exercise, change: Change, old: int, new: int, reason: str
) -> Offer:
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
        from_reps=hold.reps_at(old) if isinstance(hold, Exercise) else None,
        to_reps=hold.reps_at(new) if isinstance(hold, Exercise) else None,
    )
