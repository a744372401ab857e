"""What the history keeps, as records: sessions, holds, tallies, events.

The frozen dataclasses :class:`spasmtimer.core.history.store.HistoryStore` reads
back, and the one way times are written in the database (UTC, to the
second, ``2026-01-31T08:15:00Z``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

from spasmtimer.core.history.stamps import EPOCH, format_stamp, parse_stamp

__all__ = [
    "EPOCH",
    "EventRecord",
    "ExerciseTally",
    "HoldRecord",
    "SessionRecord",
    "SessionStatus",
    "format_stamp",
    "parse_stamp",
]


class SessionStatus(enum.Enum):
    """How a session ended. Interrupted: the app never heard the end."""

    COMPLETED = "completed"
    STOPPED = "stopped"
    INTERRUPTED = "interrupted"


@dataclass(frozen=True)
class SessionRecord:
    """One session as stored."""

    id: int
    routine: str
    routine_hash: str
    started: datetime  # UTC
    ended: datetime | None  # UTC; None when interrupted
    local_date: date
    status: SessionStatus
    holds_done: int
    holds_skipped: int
    pain_before: int | None
    pain_after: int | None
    note: str | None
    last: datetime  # UTC of the last thing recorded
    active_seconds: float | None = None  # pauses left out; known once it ended

    @property
    def duration_seconds(self) -> float:
        """Time spent: the active time if known, else start to end (or last hold)."""
        if self.active_seconds is not None:
            return self.active_seconds
        return max(0.0, ((self.ended or self.last) - self.started).total_seconds())


@dataclass(frozen=True)
class HoldRecord:
    """One hold of a session, done or skipped."""

    exercise_index: int
    exercise: str
    set: int
    rep: int
    side: str | None
    level: int
    seconds: float
    skipped: bool
    ended: datetime


@dataclass(frozen=True)
class ExerciseTally:
    """Holds done and skipped for one exercise of a session, and the level used."""

    exercise_index: int
    exercise: str
    done: int
    skipped: int
    level: int


@dataclass(frozen=True)
class EventRecord:
    """Something that happened during a session, e.g. ``kind="hurts"``."""

    session_id: int | None
    at: datetime
    kind: str
    detail: str
