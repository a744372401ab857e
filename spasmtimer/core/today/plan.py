"""Today's plan as values: its items, what it is made from, and the plan itself.

The frozen records :func:`spasmtimer.core.today.planner.plan_today` reads
(:class:`DayInput`: the day, its settings, the onset, the routines wanted and
what is done) and writes (:class:`TodayPlan`: the day's :class:`TodayItem`
in time order). The Today screen, the reminders and the tray read these; the
rules that place the items are in :mod:`spasmtimer.core.today.planner`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from spasmtimer.core.guidance.ice_heat import DEFAULT_INTERVAL, Therapy
from spasmtimer.core.guidance.recovery import Recovery, Rule
from spasmtimer.core.routines.routine import Routine

# The bundled routine a desk break opens (routines/desk-break.yaml).
DESK_BREAK_ROUTINE = "Desk break"
APPLICATION_ROUTINES = {t.routine_name: t for t in Therapy}


class ItemKind(enum.Enum):
    ICE = enum.auto()
    HEAT = enum.auto()
    SESSION = enum.auto()
    WALK = enum.auto()
    DESK_BREAK = enum.auto()

    @property
    def is_application(self) -> bool:
        return self in (ItemKind.ICE, ItemKind.HEAT)


@dataclass(frozen=True)
class Done:
    """Something done today, as the history or a confirmation knows it.

    For sessions ``routine`` names the routine; an "Ice pack" or "Heat pack"
    session is an application (:func:`done_from_session` sorts that out).
    ``at`` is when it was done (for an application: when it ended).
    """

    kind: ItemKind
    at: datetime
    routine: str | None = None


def done_from_session(routine: str, ended: datetime) -> Done:
    """A finished session as a :class:`Done`: ice and heat packs are applications."""
    therapy = APPLICATION_ROUTINES.get(routine)
    if therapy is Therapy.ICE:
        return Done(ItemKind.ICE, ended, routine)
    if therapy is Therapy.HEAT:
        return Done(ItemKind.HEAT, ended, routine)
    return Done(ItemKind.SESSION, ended, routine)


@dataclass(frozen=True)
class Wanted:
    """A routine the user wants to do every day."""

    name: str
    sessions_per_day: int
    done_today: int | None = None  # when only a count is known (else counted from ``done``)


@dataclass(frozen=True)
class DaySettings:
    """The waking day and the optional kinds of item."""

    wake: time = time(8, 0)
    sleep: time = time(22, 0)
    walks: bool = False  # also outside the acute and heat phases
    walks_per_day: int = 3
    desk_breaks: bool = False  # also outside the prevention phase
    desk_break_minutes: int = 30
    interval: timedelta = DEFAULT_INTERVAL  # between the starts of two applications


@dataclass(frozen=True)
class DayInput:
    """Everything the plan is made from, as plain values."""

    day: date
    settings: DaySettings = DaySettings()
    onset: datetime | None = None
    pain_eased: bool = False
    routines: tuple[Wanted, ...] = ()
    done: tuple[Done, ...] = ()
    # The next application as already planned (the ice and heat view stores
    # it); without one it follows from the last application done today.
    next_application: tuple[datetime, Therapy] | None = None
    last_session_day: date | None = None  # last day with a finished session, if any
    offered: tuple[Routine, ...] = ()  # routines to pick the welcome-back one from


@dataclass(frozen=True)
class TodayItem:
    """One thing to do today (or done today)."""

    kind: ItemKind
    planned: datetime  # where the rule placed it; names it for reminders
    at: datetime  # when it is due (moved later if need be), or when it was done
    title: str  # "Ice: 20 minutes", "Back spasm relief, session 2 of 2"
    detail: str
    done: bool = False
    routine: str | None = None  # the routine to open, if any
    number: int = 0  # k of "session k of n" (0 when not a session)
    of: int = 0
    rule: Rule | None = None  # why it is on the plan

    @property
    def series(self) -> str:
        """Items of one series replace each other in the reminders."""
        if self.kind is ItemKind.SESSION:
            return f"session:{self.routine}:{self.planned.date().isoformat()}"
        if self.kind.is_application:
            return "ice-heat"
        return "walk" if self.kind is ItemKind.WALK else "desk-break"

    @property
    def key(self) -> str:
        return f"{self.series}@{self.planned.isoformat(timespec='minutes')}"

    def when(self, now: datetime) -> str:
        """``done at 09:10``, ``now``, ``at about 15:00``."""
        if self.done:
            return f"done at {self.at:%H:%M}"
        if self.at <= now:
            return "now"
        return f"at about {self.at:%H:%M}"


@dataclass(frozen=True)
class WelcomeBack:
    """After a lapse: a plain word and the shortest useful routine."""

    message: str
    routine: str | None


@dataclass(frozen=True)
class TodayPlan:
    """The day's items in time order, and what they are based on."""

    day: date
    now: datetime
    recovery: Recovery | None
    items: tuple[TodayItem, ...]
    welcome_back: WelcomeBack | None = None
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # routine: (done, of)
    # The spasm time saved is in the future, so the plan was made without it.
    onset_refused: bool = False
    # ``now`` is past the end of the waking day: nothing more is planned today.
    day_over: bool = False

    @property
    def left(self) -> tuple[TodayItem, ...]:
        return tuple(i for i in self.items if not i.done)

    @property
    def done(self) -> tuple[TodayItem, ...]:
        return tuple(i for i in self.items if i.done)

    @property
    def next(self) -> TodayItem | None:
        """What to do next: of the items due now the most important (ice or heat,
        then a session, a walk, a desk break), else the earliest to come."""
        due = [i for i in self.left if i.at <= self.now]
        if due:
            return min(due, key=lambda i: (i.kind.value, i.at))
        left = self.left
        return min(left, key=lambda i: i.at) if left else None
