"""The next ice or heat application, planned when one ends.

When an application ends (the Ice pack or Heat pack routine finishes, or the
user starts one from the ice and heat window), the next is due an interval
after the start of this one (:func:`spasmtimer.core.guidance.ice_heat.next_application`),
and it is ice or heat as the spasm's age at that time says. Without a known
onset nothing is planned. :func:`plan_after` decides; :func:`record_application`
also keeps the answer in a store that only stores (the settings store, seen
through :class:`ApplicationStore`).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Protocol

from spasmtimer.core.guidance.ice_heat import DEFAULT_INTERVAL, ScheduleError, next_application
from spasmtimer.core.today.reminders import IceHeatDemand

log = logging.getLogger(__name__)


class ApplicationStore(Protocol):
    """Where the spasm's onset and the next application are kept."""

    def spasm_began(self) -> datetime | None: ...

    def set_next_application(self, demand: IceHeatDemand) -> None: ...


def plan_after(
    began: datetime | None, done_at: datetime, interval: timedelta = DEFAULT_INTERVAL
) -> IceHeatDemand | None:
    """The application after one that ended at ``done_at``, for a spasm that began at
    ``began``; None when the onset is unknown or no next one can be planned (an
    ``interval`` between starts outside 1 to 2 hours)."""
    if began is None:
        return None
    try:
        nxt = next_application(began, done_at, interval)
    except ScheduleError as error:
        log.warning("no next ice/heat application: %s", error)
        return None
    return IceHeatDemand(nxt.at, nxt.therapy)


def record_application(store: ApplicationStore, done_at: datetime) -> IceHeatDemand | None:
    """An application ended at ``done_at``: plan the next one and keep it in ``store``.

    When nothing can be planned the store keeps what it had.
    """
    demand = plan_after(store.spasm_began(), done_at)
    if demand is not None:
        store.set_next_application(demand)
    return demand
