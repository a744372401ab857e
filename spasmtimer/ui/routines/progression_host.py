"""The main window's side of progression: the overview's offers, and taking one.

A mix-in of :class:`~spasmtimer.ui.main_window.MainWindow`. When the overview
shows a routine, the history says what to offer for each exercise whose hold
is a range (:func:`spasmtimer.core.level_changes.offers`: a longer hold after
3 good sessions, a shorter one or a skip after "This hurts" or pain 2 points
worse). Taking one records the change with its reason and sets the level the
next session uses, in one transaction; a skip also leaves the exercise out
next time, as the "This hurts" dialog's choice does. Unrated sessions never
earn the next level (see :class:`spasmtimer.core.progression.Outcome`).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from spasmtimer.services.settings import Settings
from spasmtimer.ui.intents import Intent, Intents, pain_for_key

if TYPE_CHECKING:
    from spasmtimer.core.progression import Offer
    from spasmtimer.core.routine import Routine
    from spasmtimer.services.history import HistoryAccess
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
        from spasmtimer.core import level_changes

        view = self.overview
        routine, store = view.routine, self.history.store
        if routine is None or store is None:
            return
        levels = {ex.name: view.levels.get(i, 0) for i, ex in enumerate(routine.exercises)}
        view.offers.set_offers(level_changes.offers(store.connection, routine, levels))

    def _on_overview_offerTaken(self, offer: Offer) -> None:
        from spasmtimer.core import level_changes
        from spasmtimer.core.progression import Change

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

    def register_progression_intents(self, intents: Intents) -> None:
        intents.register(Intent.TAKE_OFFER, self._on_offer_key)

    def _on_offer_key(self, key: int) -> bool:
        """A digit key on the overview: take the offer of that number."""
        number = pain_for_key(key)  # the digit
        return number is not None and self.overview.offers.take(number)
