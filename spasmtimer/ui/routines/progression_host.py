"""The main window's side of progression: the overview's offers, and taking one.

A mix-in of :class:`~spasmtimer.ui.main_window.MainWindow`. When the overview
shows a routine, the history says what to offer for each exercise whose hold
is a range (:func:`spasmtimer.core.history.level_changes.offers`: a longer hold after
3 good sessions, a shorter one or a skip after "This hurts" or pain 2 points
worse). Taking one records the change with its reason and sets the level the
next session uses, in one transaction; a skip also leaves the exercise out
next time, as the "This hurts" dialog's choice does. Unrated sessions never
earn the next level (see :class:`spasmtimer.core.guidance.progression.Outcome`).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from spasmtimer.settings import Settings

if TYPE_CHECKING:
    from spasmtimer.core.guidance.progression import Offer
    from spasmtimer.core.routines.routine import Routine
    from spasmtimer.ui.history.access import HistoryAccess
    from spasmtimer.ui.routines.overview import OverviewView

log = logging.getLogger(__name__)


class ProgressionHosting(QWidget if TYPE_CHECKING else object):  # type: ignore[misc]
    """Fills the overview's offers from the history and takes the one chosen."""

    settings: Settings
    history: HistoryAccess

    if TYPE_CHECKING:  # the window's

        @property
        def overview(self) -> OverviewView: ...

        def show_overview(self, routine: Routine) -> None: ...

    def _on_overview_routineSet(self) -> None:
        from spasmtimer.core.history import level_changes

        view = self.overview
        routine, store = view.routine, self.history.store
        if routine is None or store is None:
            return
        levels = {ex.name: view.levels.get(i, 0) for i, ex in enumerate(routine.exercises)}
        view.offers.set_offers(level_changes.offers(store.connection, routine, levels))

    def _on_overview_offerTaken(self, offer: Offer) -> None:
        from spasmtimer.core.guidance.progression import Change
        from spasmtimer.core.history import level_changes

        view = self.overview
        routine, store = view.routine, self.history.store
        if routine is None or store is None:
            return
        at = store.now()  # the clock the sessions it follows were stamped by
        if not level_changes.record(store.connection, routine.name, offer, at):
            return  # logged; the level stays as it was
        if offer.change is Change.SKIP:
            self.settings.set_skipped(routine.name, offer.exercise)
            self.show_overview(routine)  # shown again without it
            return
        index = next(i for i, ex in enumerate(routine.exercises) if ex.name == offer.exercise)
        view.set_level(index, offer.to_level)
        self._on_overview_routineSet()

    def take_offer(self, number: int) -> bool:
        """A digit key on the overview: take offer ``number``."""
        return self.overview.offers.take(number)
