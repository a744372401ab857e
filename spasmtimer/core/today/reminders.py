"""Reminder rules: what to nudge the user about, and when.

The reminders come from today's plan (:func:`spasmtimer.core.today.planner.plan_today`),
the same plan the Today screen shows, so the two never disagree. Each item
of the plan not yet done is an *occurrence* of a series:

- the day's remaining sessions of each chosen routine (its
  ``sessions_per_day`` spread over the waking hours; sessions done use up the
  earliest; missed ones move later rather than piling up);
- desk breaks every 30 minutes of the waking day (optional; articles 000 and
  003 suggest standing or walking every 30 minutes);
- short walks of 5 to 10 minutes a few times a day (optional; 000, 001);
- the next ice or heat application (see :mod:`spasmtimer.core.guidance.ice_heat`).

The plan may hold walks and desk breaks the user did not ask to be reminded
of (the recovery phase puts them on the Today screen); only the kinds turned
on in :class:`ReminderSettings` become reminders. An occurrence that falls in
the quiet hours waits until they end. Of the occurrences of one series that
are due, only the latest is shown (six missed desk breaks make one reminder,
not six). A reminder can be snoozed (it comes back after the snooze time) or
dismissed (it and the earlier ones of its series are gone). Nothing reads a
clock: every question takes ``now``, a naive local :class:`datetime`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from spasmtimer.core.guidance.ice_heat import Therapy
from spasmtimer.core.routines.routine import Routine
from spasmtimer.core.today.plan import (
    DESK_BREAK_ROUTINE,
    DayInput,
    DaySettings,
    Done,
    ItemKind,
    TodayItem,
    TodayPlan,
    Wanted,
)
from spasmtimer.core.today.planner import plan_today, spread

__all__ = [
    "DESK_BREAK_ROUTINE",
    "IceHeatDemand",
    "QuietHours",
    "Reminder",
    "ReminderKind",
    "ReminderSettings",
    "Reminders",
    "RoutineDemand",
    "SettingsError",
    "describe_when",
    "spread",
]


class ReminderKind(enum.Enum):
    SESSION = enum.auto()
    DESK_BREAK = enum.auto()
    WALK = enum.auto()
    ICE_HEAT = enum.auto()


@dataclass(frozen=True)
class ReminderSettings:
    """What the user chose in the reminder settings."""

    wake: time = time(8, 0)
    sleep: time = time(22, 0)
    quiet_hours: bool = True
    quiet_start: time = time(22, 0)
    quiet_end: time = time(8, 0)
    sessions: bool = True
    desk_breaks: bool = False
    desk_break_minutes: int = 30
    walks: bool = False
    walks_per_day: int = 3
    ice_heat: bool = True
    snooze_minutes: int = 10

    def problems(self) -> list[str]:
        """What is wrong with these settings, in the user's words (empty if nothing)."""
        found = []
        if self.wake >= self.sleep:
            found.append("Waking hours must start before they end, on the same day.")
        if not 10 <= self.desk_break_minutes <= 120:
            found.append("Desk breaks must come every 10 to 120 minutes.")
        if not 1 <= self.walks_per_day <= 8:
            found.append("Walks per day must be from 1 to 8.")
        if not 1 <= self.snooze_minutes <= 120:
            found.append("Snooze must last from 1 to 120 minutes.")
        return found


class SettingsError(ValueError):
    """Reminder settings that cannot be used; ``problems`` says why."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class RoutineDemand:
    """A routine the user wants reminders for, and how far along today is."""

    name: str
    sessions_per_day: int
    done_today: int = 0


@dataclass(frozen=True)
class IceHeatDemand:
    """The next ice or heat application the user asked to be reminded of."""

    at: datetime
    therapy: Therapy


@dataclass(frozen=True)
class Reminder:
    """One nudge: what, when, and which routine to open (if any)."""

    kind: ReminderKind
    series: str  # occurrences of one series replace each other
    planned: datetime  # when the rule places it
    due: datetime  # when it is shown: after quiet hours and snoozing
    title: str
    message: str
    routine: str | None = None  # the routine to open, ready to start

    @property
    def key(self) -> str:
        """Names this occurrence (series and planned time)."""
        return f"{self.series}@{self.planned.isoformat(timespec='minutes')}"


class QuietHours:
    """A daily stretch of time without reminders; may run past midnight."""

    def __init__(self, start: time, end: time, enabled: bool = True) -> None:
        self.start, self.end = start, end
        self.enabled = enabled and start != end

    def contains(self, moment: datetime) -> bool:
        if not self.enabled:
            return False
        t = moment.time()
        if self.start < self.end:
            return self.start <= t < self.end
        return t >= self.start or t < self.end

    def release(self, moment: datetime) -> datetime:
        """``moment`` itself, or the end of the quiet hours it falls in."""
        if not self.contains(moment):
            return moment
        day = moment.date()
        if self.start > self.end and moment.time() >= self.start:
            day += timedelta(days=1)
        return datetime.combine(day, self.end)


class Reminders:
    """The reminder rules over today's plan: the user's settings, routines,
    spasm onset, what is done, and the next ice or heat application.

    ``since`` is when reminding began (the app's start): desk breaks and walks
    planned before it are not brought up, while today's missed sessions and a
    missed ice or heat application are. ``onset``, ``done`` and
    ``pain_eased`` (and ``offered``, ``last_session_day`` for the word after
    a lapse) are the rest of the plan's inputs (see
    :class:`spasmtimer.core.today.plan.DayInput`); :meth:`plan` is the plan the
    Today screen shows.
    """

    def __init__(
        self,
        settings: ReminderSettings | None = None,
        routines: Iterable[RoutineDemand] = (),
        ice_heat: IceHeatDemand | None = None,
        since: datetime | None = None,
        *,
        onset: datetime | None = None,
        done: Iterable[Done] = (),
        pain_eased: bool = False,
        offered: Iterable[Routine] = (),
        last_session_day: date | None = None,
    ) -> None:
        self._settings = ReminderSettings()
        self.settings = settings or ReminderSettings()
        self.routines: tuple[RoutineDemand, ...] = tuple(routines)
        self.ice_heat = ice_heat
        self.since = since
        self.onset = onset
        self.done: tuple[Done, ...] = tuple(done)
        self.pain_eased = pain_eased
        self.offered: tuple[Routine, ...] = tuple(offered)  # for the word after a lapse
        self.last_session_day = last_session_day
        self._snoozed: dict[str, datetime] = {}
        self._dismissed_upto: dict[str, datetime] = {}
        self._notified: set[tuple[str, datetime]] = set()

    @property
    def settings(self) -> ReminderSettings:
        return self._settings

    @settings.setter
    def settings(self, value: ReminderSettings) -> None:
        problems = value.problems()
        if problems:
            raise SettingsError(problems)
        self._settings = value

    def set_routines(self, routines: Iterable[RoutineDemand]) -> None:
        self.routines = tuple(routines)

    # -- questions -----------------------------------------------------------

    def due(self, now: datetime) -> list[Reminder]:
        """The reminders to show at ``now``, earliest first."""
        return [r for r in self._current(now) if r.due <= now]

    def next_due(self, now: datetime) -> Reminder | None:
        """What comes next: a reminder due now, or else the earliest coming one."""
        current = self._current(now)
        return current[0] if current else None

    def upcoming(self, now: datetime) -> list[Reminder]:
        """One reminder per series (due, or the next one coming), soonest first."""
        return self._current(now)

    def take_new(self, now: datetime) -> list[Reminder]:
        """The due reminders not yet notified; they count as notified afterwards.

        A snoozed reminder that comes back is new again.
        """
        fresh = [r for r in self.due(now) if (r.key, r.due) not in self._notified]
        self._notified.update((r.key, r.due) for r in fresh)
        return fresh

    # -- answers -------------------------------------------------------------

    def snooze(self, reminder: Reminder, now: datetime, minutes: int | None = None) -> Reminder:
        """Put a reminder off; returns it as it will come back."""
        until = now + timedelta(minutes=minutes or self._settings.snooze_minutes)
        self._snoozed[reminder.key] = until
        return replace(reminder, due=self._quiet().release(until))

    def dismiss(self, reminder: Reminder) -> None:
        """Done with it: it and the earlier occurrences of its series go away."""
        before = self._dismissed_upto.get(reminder.series)
        if before is None or reminder.planned > before:
            self._dismissed_upto[reminder.series] = reminder.planned

    # -- the rules -----------------------------------------------------------

    def _quiet(self) -> QuietHours:
        s = self._settings
        return QuietHours(s.quiet_start, s.quiet_end, s.quiet_hours)

    def _current(self, now: datetime) -> list[Reminder]:
        series: dict[str, list[Reminder]] = {}
        for r in self._occurrences(now):
            upto = self._dismissed_upto.get(r.series)
            if upto is not None and r.planned <= upto:
                continue
            series.setdefault(r.series, []).append(self._effective(r))
        shown = []
        for items in series.values():
            passed = [r for r in items if r.due <= now]
            coming = [r for r in items if r.due > now]
            if passed:
                shown.append(max(passed, key=lambda r: r.planned))
            elif coming:
                shown.append(min(coming, key=lambda r: r.due))
        return sorted(shown, key=lambda r: (r.due, r.title))

    def _effective(self, r: Reminder) -> Reminder:
        due = r.due  # the plan's time: a session may have moved after a late one
        snoozed = self._snoozed.get(r.key)
        if snoozed is not None:
            due = max(due, snoozed)
        return replace(r, due=self._quiet().release(due))

    def day_input(self, day: date, *, today: bool = True) -> DayInput:
        """The plan's inputs for ``day`` (``today=False``: nothing done yet)."""
        s = self._settings
        settings = DaySettings(
            wake=s.wake,
            sleep=s.sleep,
            walks=s.walks,
            walks_per_day=s.walks_per_day,
            desk_breaks=s.desk_breaks,
            desk_break_minutes=s.desk_break_minutes,
        )
        wanted = tuple(
            Wanted(r.name, r.sessions_per_day, r.done_today if today else 0) for r in self.routines
        )
        nxt = self.ice_heat
        return DayInput(
            day,
            settings,
            self.onset,
            self.pain_eased,
            wanted,
            self.done if today else (),
            (nxt.at, nxt.therapy) if nxt is not None and today else None,
            self.last_session_day if today else None,
            self.offered,
        )

    def plan(self, now: datetime) -> TodayPlan:
        """Today's plan: what the Today screen shows and the reminders come from."""
        return plan_today(self.day_input(now.date()), now)

    def _occurrences(self, now: datetime) -> list[Reminder]:
        s = self._settings
        wanted = {
            ItemKind.SESSION: s.sessions,
            ItemKind.DESK_BREAK: s.desk_breaks,
            ItemKind.WALK: s.walks,
            ItemKind.ICE: s.ice_heat,
            ItemKind.HEAT: s.ice_heat,
        }
        tomorrow = now.date() + timedelta(days=1)
        items = [
            *self.plan(now).left,
            *plan_today(self.day_input(tomorrow, today=False), now).left,
        ]
        found = [_reminder(item, s) for item in items if wanted[item.kind]]
        fresh = [r for r in found if r.kind in (ReminderKind.DESK_BREAK, ReminderKind.WALK)]
        return [r for r in found if r not in fresh] + self._fresh(fresh)

    def _fresh(self, items: Sequence[Reminder]) -> list[Reminder]:
        if self.since is None:
            return list(items)
        return [r for r in items if r.planned >= self.since]


def _reminder(item: TodayItem, s: ReminderSettings) -> Reminder:
    """A plan item as a reminder: planned where the plan placed it, due when it is due."""
    if item.kind is ItemKind.SESSION:
        kind, title = ReminderKind.SESSION, f"Time for {item.routine}"
        message = item.detail
    elif item.kind is ItemKind.DESK_BREAK:
        kind, title = ReminderKind.DESK_BREAK, "Time to stand up"
        message = (
            f"You have been sitting for up to {s.desk_break_minutes} minutes: stand, stretch "
            "or walk for a moment."
        )
    elif item.kind is ItemKind.WALK:
        kind, title = ReminderKind.WALK, "Time for a short walk"
        message = "Walk for 5 to 10 minutes at an easy pace; stop if it makes the pain worse."
    else:
        therapy = Therapy.ICE if item.kind is ItemKind.ICE else Therapy.HEAT
        how = "wrapped in a thin towel, " if therapy is Therapy.ICE else ""
        kind, title = ReminderKind.ICE_HEAT, f"Time for {therapy.word}"
        message = f"Apply {therapy.word} {how}for 20 minutes."
    return Reminder(kind, item.series, item.planned, item.at, title, message, item.routine)


def describe_when(at: datetime, now: datetime) -> str:
    """``now``, ``at 15:00``, ``tomorrow at 08:00``, ``on Wed 8 May at 09:30``."""
    if at <= now:
        return "now"
    clock = at.strftime("%H:%M")
    days = (at.date() - now.date()).days
    if days == 0:
        return f"at {clock}"
    if days == 1:
        return f"tomorrow at {clock}"
    return f"on {at.strftime('%a')} {at.day} {at.strftime('%b')} at {clock}"
