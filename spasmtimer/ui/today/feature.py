"""The Today screen's controller: the view of the day's plan, and what it asks for.

Today is the first screen. Its plan is the day service's
(:class:`~spasmtimer.services.day.DayService`, which the tray and the ice and
heat view show too): each time the day is re-planned, the screen shows
``day.plan()``. The window refreshes the day once before its first paint
(:meth:`TodayFeature.plan_first_day`), so the first paint has the plan.

Narrow dependencies in (the navigator, the intents, the day, the routines on
offer, the history, the settings), signals out; a Qt parent is its only tie
to the window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from spasmtimer.services.day import DayHistory, DayService, RoutineSource
from spasmtimer.ui.intents import TABLE, Intent, Intents, Screen
from spasmtimer.ui.navigator import Navigator

if TYPE_CHECKING:
    from spasmtimer.core.guidance.ice_heat import Therapy
    from spasmtimer.core.today.plan import ItemKind
    from spasmtimer.ui.theme import Theme
    from spasmtimer.ui.today.today_view import TodayView

log = logging.getLogger(__name__)


class PainEased(Protocol):
    """Where the settings keep that the pain has eased."""

    def set_pain_eased(self) -> None: ...

    def clear_pain_eased(self) -> None: ...


class TodayFeature(QObject):
    """Makes the :class:`TodayView`, keeps it on the day's plan and answers it.

    Signals:
        overviewRequested(object): show this :class:`Routine`, ready to start.
        iceHeatRequested(): the ice and heat view (it holds the spasm time picker).
    """

    overviewRequested = Signal(object)
    iceHeatRequested = Signal()

    def __init__(
        self,
        parent: QWidget,
        nav: Navigator,
        intents: Intents,
        day: DayService,
        routines: RoutineSource,
        history: DayHistory,
        settings: PainEased,
        theme: Callable[[], Theme],
    ) -> None:
        super().__init__(parent)
        self.nav = nav
        self.intents = intents
        self.day = day
        self.routines = routines
        self.history = history
        self.settings = settings
        self._theme = theme
        self._view: TodayView | None = None
        nav.register(Screen.TODAY, self._make_view)
        day.changed.connect(self._on_day_changed)
        for row in TABLE:
            if row.screens == frozenset({Screen.TODAY}) and row.intent is not Intent.SHOW_ROUTINES:
                intents.on(row.intent, self._handle, row.intent)
        intents.on(Intent.SHOW_TODAY, self.show)

    @property
    def view(self) -> TodayView:
        if self._view is None:
            self.nav.view(Screen.TODAY)  # made by _make_view
        assert self._view is not None
        return self._view

    def _make_view(self) -> QWidget:
        from spasmtimer.ui.today.today_view import TodayView

        view = TodayView(theme=self._theme())  # its style sheet set once
        view.startRoutine.connect(self._on_view_startRoutine)
        view.startApplication.connect(self._on_view_startApplication)
        view.confirmDone.connect(self._on_view_confirmDone)
        view.pickerRequested.connect(partial(self.intents.trigger, Intent.SHOW_ROUTINES))
        view.onsetRequested.connect(self.iceHeatRequested)
        view.painEased.connect(self._on_view_painEased)
        view.painBack.connect(self._on_view_painBack)
        self._view = view
        return view

    def open(self, on_first_paint: Callable[[], None]) -> None:
        """Open on Today: the screen itself, whose first paint (with the plan) ends the start-up."""
        view = self.view
        view.painted.connect(on_first_paint)
        self.nav.stack.setCurrentWidget(view)

    def plan_first_day(self) -> None:
        """The plan for the first paint (the window calls it as it is first shown)."""
        if self.view.plan is None:
            self.day.refresh()

    def show(self) -> None:
        """Back to Today (from the picker, the finish screen, the menu, T or Esc)."""
        self.nav.show(Screen.TODAY)
        self.day.refresh()

    def _handle(self, intent: Intent) -> bool:
        return self.view.handle(intent)

    # -- slots ------------------------------------------------------------------

    def _on_day_changed(self) -> None:
        plan = self.day.plan()
        if plan is not None:
            self.view.set_plan(plan)

    def _on_view_startRoutine(self, name: str) -> None:
        """A session from Today: its overview, ready to start (Enter starts it)."""
        routine = next((r for r in self.routines.routines() if r.name == name), None)
        if routine is None:
            from spasmtimer.ui.dialogs import Dialogs

            parent = self.parent()
            window = parent if isinstance(parent, QWidget) else None
            Dialogs.inform(window, "Routine not found", f"There is no routine called “{name}”.")
            return
        self.overviewRequested.emit(routine)  # without the exercises chosen to skip

    def _on_view_startApplication(self, therapy: Therapy) -> None:
        """Ice or heat now: the Ice pack or Heat pack routine, as the ice and heat view does."""
        self._on_view_startRoutine(therapy.routine_name)

    def _on_view_confirmDone(self, kind: ItemKind) -> None:
        from spasmtimer.core.today.day_records import record_confirmation

        store = self.history.store
        if store is not None:
            record_confirmation(store.connection, kind, self.day.clock().astimezone())
        self.day.refresh()

    def _on_view_painEased(self) -> None:
        self.settings.set_pain_eased()
        self.day.refresh()

    def _on_view_painBack(self) -> None:
        self.settings.clear_pain_eased()
        self.day.refresh()
