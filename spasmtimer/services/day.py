"""The day's plan, owned in one place: :class:`DayService`.

It holds the one :class:`~spasmtimer.core.today.reminders.Reminders` and re-reads
everything the plan rests on (the reminder settings, the next ice or heat,
the chosen routines' progress, the spasm time, what the history says was
done today) each time it is refreshed (:meth:`DayService.refresh`: at least
once a minute by the tray's timer, after a session ends, after anything done
on Today). Its ``changed`` signal is all the Today screen, the tray and the
ice and heat view listen to: they are views of one plan and never disagree.
The window refreshes it once before its first paint. Light on purpose: it is
on the way to that paint.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal

from spasmtimer.core.today.reminders import Reminders, RoutineDemand

if TYPE_CHECKING:
    from spasmtimer.core.history.store import HistoryStore
    from spasmtimer.core.routines.routine import Routine
    from spasmtimer.core.today.plan import TodayPlan
    from spasmtimer.core.today.reminders import IceHeatDemand, ReminderSettings

log = logging.getLogger(__name__)

# Until the user chooses, sessions of the main routine are reminded of
# (MedicineNet's stretches: 2 sessions a day).
DEFAULT_REMINDED = ("Back spasm relief",)


class ReminderStore(Protocol):
    """What the reminders read of the settings: the reminder settings and the next ice or heat."""

    def reminder_settings(self) -> ReminderSettings: ...

    def next_application(self) -> IceHeatDemand | None: ...


class RoutineSource(Protocol):
    """The routines the user can open."""

    def routines(self) -> list[Routine]: ...


class DayCounts(Protocol):
    """How many sessions of a routine were completed today."""

    def done_today(self, routine: str) -> int: ...


class DayHistory(DayCounts, Protocol):
    """The history, when it could be opened: for what was done today."""

    @property
    def store(self) -> HistoryStore | None: ...


class DayStore(ReminderStore, Protocol):
    """What the plan reads of the settings."""

    def spasm_began(self) -> datetime | None: ...

    def pain_eased(self) -> bool: ...

    def reminded_routines(self) -> list[str] | None: ...


def routine_demands(
    routines: Iterable[tuple[str, int]],
    chosen: Iterable[str] | None,
    done_today: Callable[[str], int],
) -> list[RoutineDemand]:
    """Demands for the chosen routines among ``(name, sessions_per_day)``.

    ``chosen`` None means "never chosen": :data:`DEFAULT_REMINDED`.
    """
    wanted = set(DEFAULT_REMINDED if chosen is None else chosen)
    return [
        RoutineDemand(name, per_day, done_today(name))
        for name, per_day in routines
        if name in wanted
    ]


def demands_of(source: RoutineSource, counts: DayCounts, settings: DayStore) -> list[RoutineDemand]:
    """What the session reminders should ask for now."""
    offered = [(r.name, r.sessions_per_day) for r in source.routines()]
    return routine_demands(offered, settings.reminded_routines(), counts.done_today)


def read_reminders(
    reminders: Reminders, store: ReminderStore, demands: Callable[[], Iterable[RoutineDemand]]
) -> None:
    """Read the settings, the chosen routines' progress and the ice/heat plan into ``reminders``.

    A setting or a history that cannot be read is logged and left out: the
    reminders never stop for it.
    """
    try:
        reminders.settings = store.reminder_settings()
    except ValueError:
        log.exception("reminder settings")
    try:
        reminders.set_routines(demands())
    except Exception:  # the history or a routine file; never stop reminding
        log.exception("could not work out today's sessions")
    reminders.ice_heat = store.next_application()


class DayService(QObject):
    """Owns the day's plan: one :class:`Reminders`, re-read on :meth:`refresh`.

    ``demands`` (default: from ``routines`` and ``history``) says what the
    session reminders ask for; ``routines`` and ``history`` may be None (the
    tray alone, in tests).

    Signals:
        changed(): re-planned; :meth:`plan` and :attr:`reminders` say what now.
    """

    changed = Signal()

    def __init__(
        self,
        store: DayStore,
        demands: Callable[[], Iterable[RoutineDemand]] | None = None,
        clock: Callable[[], datetime] = datetime.now,
        *,
        routines: RoutineSource | None = None,
        history: DayHistory | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self.routines = routines
        self.history = history
        if demands is None:
            demands = (
                partial(demands_of, routines, history, store) if routines and history else tuple
            )
        self.demands = demands
        self.reminders = Reminders(since=clock())

    def reload(self) -> None:
        """Read everything the plan rests on into :attr:`reminders` (no signal)."""
        read_reminders(self.reminders, self.store, self.demands)
        r = self.reminders
        r.onset = self.store.spasm_began()
        r.pain_eased = self.store.pain_eased()
        if self.routines is not None:
            r.offered = tuple(self.routines.routines())
        store = self.history.store if self.history is not None else None
        if store is not None:
            from spasmtimer.core.today import day_records

            today = self.clock().date()
            try:
                r.done = day_records.done_on(store.connection, today)
                r.last_session_day = day_records.last_session_day(store.connection, today)
            except Exception:  # the history; never stop planning
                log.exception("could not read what was done today")

    def refresh(self) -> None:
        """Re-read and re-plan now; everyone showing the plan follows (``changed``)."""
        self.reload()
        self.changed.emit()

    def plan(self, now: datetime | None = None) -> TodayPlan | None:
        """The plan at ``now`` (default: the clock's); None when there is none."""
        try:
            return self.reminders.plan(self.clock() if now is None else now)
        except ValueError:  # settings the plan cannot use (the reminders dialog refuses them)
            log.exception("no plan for today")
            return None
