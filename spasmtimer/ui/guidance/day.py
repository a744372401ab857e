"""What the reminders (and so Today's plan) are read from, in one place.

The tray re-reads them before each re-plan (:meth:`ReminderTray.reload`), and
the window reads them once before its first paint, to show Today with its
plan before the tray exists (:meth:`TodayHosting.first_plan`). Both call
:func:`read_reminders`, so the first screen and the reminders never disagree.
Light on purpose: it is on the way to the first paint.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Protocol

from spasmtimer.core.today.reminders import Reminders, RoutineDemand

if TYPE_CHECKING:
    from spasmtimer.core.routines.routine import Routine
    from spasmtimer.core.today.reminders import IceHeatDemand, ReminderSettings
    from spasmtimer.settings import Settings

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


def demands_of(source: RoutineSource, counts: DayCounts, settings: Settings) -> list[RoutineDemand]:
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
