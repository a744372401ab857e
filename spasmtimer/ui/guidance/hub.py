"""The guidance features, in one place: safety, "This hurts", ice and heat, Learn, reminders.

The main window stays ignorant of red flags, ice and reminders: it makes a
:class:`GuidanceHub` and registers its methods as the handlers of the Care
and Help menus' intents (:mod:`spasmtimer.ui.intents`), and H ("This hurts").
The hub shows the safety screen on first launch, keeps the tray and its
reminders, and notices when an ice or heat routine ends.

It sees the rest of the app through narrow protocols and services, never
the window: :class:`SessionHost` (the session controller),
:class:`~spasmtimer.services.day.RoutineSource` (the routines on offer) and
the :class:`~spasmtimer.services.day.DayService` (the day's plan, which the
tray and the ice and heat view show). What it
wants of the window it asks by signal. Its only link to the window is Qt's
parent, so nothing here keeps the window alive.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from spasmtimer.core.guidance.safety import HURT_EVENT_KIND, HurtReport, routine_without
from spasmtimer.core.routines.routine import Routine
from spasmtimer.core.today.applications import record_application
from spasmtimer.core.today.plan import APPLICATION_ROUTINES
from spasmtimer.core.today.reminders import RoutineDemand
from spasmtimer.services.day import DEFAULT_REMINDED, DayService, RoutineSource
from spasmtimer.services.settings import Settings
from spasmtimer.ui.dialogs import Dialogs
from spasmtimer.ui.guidance.ice_heat import IceHeatView
from spasmtimer.ui.guidance.learn import LearnPage
from spasmtimer.ui.guidance.reminders import ReminderSettingsDialog
from spasmtimer.ui.guidance.safety import SafetyDialog, show_on_first_launch
from spasmtimer.ui.guidance.this_hurts import ThisHurtsDialog
from spasmtimer.ui.guidance.tray import ReminderTray

log = logging.getLogger(__name__)


class SessionHost(Protocol):
    """What the guidance needs of the running session."""

    ended: SignalInstance

    def is_active(self) -> bool: ...

    def pause(self) -> None: ...

    def current_exercise(self) -> str | None: ...

    def routine_name(self) -> str: ...

    def counted(self) -> bool: ...

    def record_event(self, kind: str, detail: str = "") -> None: ...

    def record_left_out(self, exercise: str, reason: str) -> None: ...


def _page_dialog(
    parent: QWidget | None, title: str, page: QWidget, size: tuple[int, int]
) -> QDialog:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    layout = QVBoxLayout(dialog)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(page)
    dialog.resize(*size)
    return dialog


class GuidanceHub(QObject):
    """Safety screen, "This hurts", ice and heat, Learn and reminders for one window.

    Signals:
        openRoutineRequested(object): show this :class:`Routine`, ready to start.
        showWindowRequested(): bring the window back (the tray asked).
        quitRequested(): quit the app (the tray's "Quit").
    """

    openRoutineRequested = Signal(object)
    showWindowRequested = Signal()
    quitRequested = Signal()

    def __init__(
        self,
        parent: QWidget,
        session: SessionHost,
        routines: RoutineSource,
        day: DayService,
        settings: Settings,
        use_system_tray: bool | None = None,
    ) -> None:
        super().__init__(parent)  # no Python reference back: see _window()
        self.session = session
        self.source = routines
        self.store = settings
        self.day = day
        self.clock: Callable[[], datetime] = day.clock
        self.tray = ReminderTray(day, parent=self, use_system_tray=use_system_tray)
        self.tray.openRoutine.connect(self.open_routine)
        self.tray.showWindowRequested.connect(self.showWindowRequested)
        self.tray.settingsRequested.connect(self.edit_reminders)
        self.tray.quitRequested.connect(self.quitRequested)
        self.ice_view: IceHeatView | None = None
        self._ice_dialog: QDialog | None = None
        self._learn_dialog: QDialog | None = None
        session.ended.connect(self._on_session_ended)

    def _window(self) -> QWidget | None:
        """The window, for dialogs: asked of Qt each time, never kept."""
        parent = self.parent()
        return parent if isinstance(parent, QWidget) else None

    # -- setting up ------------------------------------------------------------

    def start(self) -> None:
        """First-launch safety screen, then the first look at the reminders."""
        show_on_first_launch(self._window(), self.store)
        self.tray.refresh()

    # -- what the menus and keys do -------------------------------------------

    def show_safety(self) -> None:
        SafetyDialog.ask(self._window())

    def show_learn(self) -> None:
        if self._learn_dialog is None:
            self._learn_dialog = _page_dialog(self._window(), "Learn", LearnPage(), (760, 820))
        self._learn_dialog.show()
        self._learn_dialog.raise_()

    def show_ice_heat(self) -> None:
        if self._ice_dialog is None:
            self.ice_view = IceHeatView(self.store, self.clock)
            self.ice_view.startRoutine.connect(self._on_ice_view_startRoutine)
            self.ice_view.nextApplicationChanged.connect(self._on_ice_view_nextApplicationChanged)
            self.day.changed.connect(self.ice_view.refresh)  # a view of the day, too
            self._ice_dialog = _page_dialog(
                self._window(), "Ice and heat", self.ice_view, (900, 640)
            )
        assert self.ice_view is not None
        self.ice_view.refresh()
        self._ice_dialog.show()
        self._ice_dialog.raise_()

    def edit_reminders(self) -> None:
        offered = [(r.name, r.sessions_per_day) for r in self.source.routines()]
        chosen = self.store.reminded_routines()
        choice = ReminderSettingsDialog.ask(
            self._window(),
            self.store.reminder_settings(),
            offered,
            list(DEFAULT_REMINDED) if chosen is None else chosen,
        )
        if choice is not None:
            self.store.set_reminder_settings(choice.settings)
            self.store.set_reminded_routines(choice.routines)
            self.tray.refresh()

    def this_hurts(self) -> HurtReport | None:
        """The H key or the button: pause, ask, advise, record."""
        exercise = self.session.current_exercise()
        if exercise is None:
            return None
        self.session.pause()
        report = ThisHurtsDialog.ask(self._window(), exercise)
        if report is None:
            return None
        self.session.record_event(HURT_EVENT_KIND, report.detail())
        if report.skip_next_time:  # the user's explicit choice, kept with its reason
            self.store.set_skipped(self.session.routine_name(), exercise)
            self.session.record_left_out(exercise, report.left_out_reason)
        return report

    def prepare_routine(self, routine: Routine) -> Routine:
        """The routine without the exercises the user chose to skip."""
        return routine_without(routine, self.store.skipped_exercises(routine.name))

    def open_routine(self, name: str) -> None:
        """Bring the window back with ``name`` open, ready to start."""
        self.showWindowRequested.emit()
        if self.session.is_active():
            return  # never interrupt a session; the window is in front now
        for routine in self.source.routines():
            if routine.name == name:
                self.openRoutineRequested.emit(self.prepare_routine(routine))
                return
        Dialogs.inform(self._window(), "Routine not found", f"There is no routine called “{name}”.")

    def demands(self) -> list[RoutineDemand]:
        return list(self.day.demands())

    # -- slots ----------------------------------------------------------------

    def _on_session_ended(self, completed: bool) -> None:
        # An ice or heat pack whose one hold was skipped was not applied.
        if (
            completed
            and self.session.routine_name() in APPLICATION_ROUTINES
            and self.session.counted()
        ):
            demand = record_application(self.store, self.clock())
            log.info("next ice/heat application: %s", demand)
        self.day.refresh()

    def _on_ice_view_startRoutine(self, name: str) -> None:
        if self._ice_dialog is not None:
            self._ice_dialog.hide()
        self.open_routine(name)

    def _on_ice_view_nextApplicationChanged(self, *_: object) -> None:
        self.day.refresh()
