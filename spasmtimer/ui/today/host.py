"""The main window's side of the Today screen: making it, feeding it one plan, answering it.

A mix-in of :class:`~spasmtimer.ui.main_window.MainWindow`. Today is the
first screen. Its plan is the reminders' plan: the guidance hub's tray holds
the one :class:`~spasmtimer.core.today.reminders.Reminders`; before each of its
reloads (at least once a minute, after a session ends, after anything done
here) :meth:`TodayHosting._fill_day` gives it the spasm time, what the
history says was done today and the routines on offer, and each time the
tray has re-planned, the screen shows ``reminders.plan(now)``. So the screen
and the reminders never disagree.

The window's first paint is this screen with its plan: before the tray (and
the guidance hub that holds it) exists, :meth:`TodayHosting.first_plan` reads
the same inputs the tray reads (:func:`spasmtimer.ui.guidance.day.read_reminders`
and :meth:`TodayHosting._fill_day`) into a :class:`Reminders` of its own; once
the hub is made, just after that paint, the tray's plan takes over.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QStackedWidget, QWidget

from spasmtimer.settings import Settings

if TYPE_CHECKING:
    from spasmtimer.core.guidance.ice_heat import Therapy
    from spasmtimer.core.routines.library import Shelf
    from spasmtimer.core.routines.routine import Routine
    from spasmtimer.core.today.plan import ItemKind, TodayPlan
    from spasmtimer.core.today.reminders import Reminders
    from spasmtimer.ui.guidance.hub import GuidanceHub
    from spasmtimer.ui.history.access import HistoryAccess
    from spasmtimer.ui.theme import Theme
    from spasmtimer.ui.today.today_view import TodayView

log = logging.getLogger(__name__)


class TodayHosting(QWidget if TYPE_CHECKING else object):  # type: ignore[misc]
    """Makes the window's :class:`TodayView` and keeps it on the reminders' plan."""

    settings: Settings
    shelf: Shelf
    history: HistoryAccess
    stack: QStackedWidget
    theme: Theme
    _today_view: TodayView | None = None
    guidance: GuidanceHub | None = None
    keep_running_in_tray = False  # the app itself (see GuidanceHosting)
    pickerShown: SignalInstance

    if TYPE_CHECKING:  # the window's, or the other mix-ins'

        def _show(self, view: QWidget) -> None: ...

        def show_picker(self) -> None: ...

        def show_overview(self, routine: Routine) -> None: ...

        def ensure_guidance(self) -> GuidanceHub: ...

    # -- the screen -----------------------------------------------------------

    @property
    def today_view(self) -> TodayView:
        if self._today_view is None:
            from spasmtimer.ui.today.today_view import TodayView

            view = TodayView(theme=self.theme)  # its style sheet set once
            view.startRoutine.connect(self._on_today_startRoutine)
            view.startApplication.connect(self._on_today_startApplication)
            view.confirmDone.connect(self._on_today_confirmDone)
            view.pickerRequested.connect(self.show_picker)
            view.onsetRequested.connect(self._on_today_onsetRequested)
            view.painEased.connect(self._on_today_painEased)
            self.stack.addWidget(view)
            self._today_view = view
        return self._today_view

    def open_on_today(self, on_first_paint: Callable[[], None]) -> None:
        """Open on Today: the screen itself, its plan set before the first paint
        (:meth:`plan_first_day`), whose paint ends the start-up."""
        view = self.today_view
        view.painted.connect(on_first_paint)
        self.stack.setCurrentWidget(view)
        self.pickerShown.connect(self._on_first_screen_shown)

    def plan_first_day(self) -> None:
        """The plan for the first paint (the window calls it as it is first shown).

        With the guidance already made (tests), the tray's plan; else
        :meth:`first_plan`, from the same inputs.
        """
        view = self._today_view
        if view is None or view.plan is not None:
            return
        if self.guidance is not None:
            self.refresh_today()
            return
        try:
            plan = self.first_plan(datetime.now())
        except ValueError:  # an onset in the future: the ice view says so
            log.exception("no plan for today")
            return
        view.set_plan(plan)

    def first_plan(self, now: datetime) -> TodayPlan:
        """Today's plan as the tray would make it at ``now``, without the tray."""
        from spasmtimer.core.today.reminders import Reminders
        from spasmtimer.ui.guidance.day import demands_of, read_reminders

        reminders = Reminders(since=now)
        read_reminders(
            reminders, self.settings, partial(demands_of, self.shelf, self.history, self.settings)
        )
        self._fill_day(reminders, now)
        return reminders.plan(now)

    def _on_first_screen_shown(self) -> None:
        if self.keep_running_in_tray:  # the app: the hub now, and its tray's plan
            self.ensure_guidance()
        self.refresh_today()

    def show_today(self) -> None:
        """Back to Today (from the picker, the finish screen, R, T or Esc)."""
        self._let_go_of_session()
        self._show(self.today_view)
        self.ensure_guidance()  # first use, if the app has not made it yet
        self.refresh_today()

    def refresh_today(self) -> None:
        """Re-plan now: the reminders re-read everything and the screen follows.

        Nothing until the guidance is made (on screen, the app makes it at
        once; its tray holds the reminders the plan is made from).
        """
        if self.guidance is not None:
            self.guidance.tray.refresh()

    # -- one plan for the screen and the reminders ------------------------------

    def new_guidance_hub(self, *args: Any, **kwargs: Any) -> GuidanceHub:
        """The guidance hub, its tray feeding this screen (see the module's docstring)."""
        hub: GuidanceHub = super().new_guidance_hub(*args, **kwargs)
        hub.tray.reloading.connect(self._fill_day)
        hub.tray.changed.connect(self._on_tray_changed)
        return hub

    def _fill_day(self, reminders: Reminders, now: datetime) -> None:
        """What the plan rests on besides the reminder settings (which the tray reads)."""
        from spasmtimer.core.today import day_records

        reminders.onset = self.settings.spasm_began()
        reminders.pain_eased = self.settings.pain_eased()
        reminders.offered = tuple(self.shelf.routines())
        store = self.history.store
        if store is not None:
            conn = store.connection
            reminders.done = day_records.done_on(conn, now.date())
            reminders.last_session_day = day_records.last_session_day(conn, now.date())

    def _on_tray_changed(self) -> None:
        hub = self.ensure_guidance()
        now = hub.clock()
        try:
            plan = hub.tray.reminders.plan(now)
        except ValueError:  # an onset in the future: the ice view says so
            log.exception("no plan for today")
            return
        self.today_view.set_plan(plan)

    # -- what the screen asks for -----------------------------------------------

    def _routine_named(self, name: str) -> Routine | None:
        return next((r for r in self.shelf.routines() if r.name == name), None)

    def _on_today_startRoutine(self, name: str) -> None:
        """A session from Today: its overview, ready to start (Enter starts it)."""
        routine = self._routine_named(name)
        if routine is None:
            from spasmtimer.ui.dialogs import Dialogs

            Dialogs.inform(self, "Routine not found", f"There is no routine called “{name}”.")
            return
        self.show_overview(routine)  # without the exercises chosen to skip

    def _on_today_startApplication(self, therapy: Therapy) -> None:
        """Ice or heat now: the Ice pack or Heat pack routine, as the ice and heat view does."""
        self._on_today_startRoutine(therapy.routine_name)

    def _on_today_confirmDone(self, kind: ItemKind) -> None:
        from spasmtimer.core.today.day_records import record_confirmation

        store = self.history.store
        if store is not None:
            at = self.ensure_guidance().clock().astimezone()
            record_confirmation(store.connection, kind, at)
        self.refresh_today()

    def _on_today_onsetRequested(self) -> None:
        """The ice and heat view holds the spasm time picker."""
        hub = self.ensure_guidance()
        hub.show_ice_heat()

    def _on_today_painEased(self) -> None:
        self.settings.set_pain_eased()
        self.refresh_today()
