"""Plugs the guidance features into the main window, in one place.

The main window stays ignorant of red flags, ice and reminders: it creates a
:class:`GuidanceHub`, which adds the menu entries (Help → "Seek care now
if…", "Learn about your back"; Care → "Ice and heat…", "Reminders…"), shows
the safety screen on first launch, answers the H key ("This hurts"), keeps
the tray and its reminders, and notices when an ice or heat routine ends.

It talks to the window only through what the window already offers:
``session``, ``recorder``, ``history``, ``picker.library.entries``,
``session_view.refresh()``, ``show_overview(routine)`` and the
``sessionEnded`` signal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QVBoxLayout, QWidget

from spasmtimer.core.ice_heat import Therapy
from spasmtimer.core.reminders import RoutineDemand
from spasmtimer.core.routine import Routine
from spasmtimer.core.safety import HURT_EVENT_KIND, HurtReport, routine_without
from spasmtimer.core.session import SessionState
from spasmtimer.settings import Settings
from spasmtimer.ui.dialogs import Dialogs
from spasmtimer.ui.guidance.ice_heat import IceHeatView
from spasmtimer.ui.guidance.learn import LearnPage
from spasmtimer.ui.guidance.reminders import ReminderSettingsDialog
from spasmtimer.ui.guidance.safety import SafetyDialog, show_on_first_launch
from spasmtimer.ui.guidance.this_hurts import ThisHurtsDialog
from spasmtimer.ui.guidance.tray import DEFAULT_REMINDED, ReminderTray, routine_demands
from spasmtimer.ui.menus import GUIDANCE_MENUS, add_menu

log = logging.getLogger(__name__)

APPLICATION_ROUTINES = {t.routine_name for t in Therapy}


def _page_dialog(parent: QWidget, title: str, page: QWidget, size: tuple[int, int]) -> QDialog:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    layout = QVBoxLayout(dialog)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(page)
    dialog.resize(*size)
    return dialog


class GuidanceHub(QObject):
    """Safety screen, "This hurts", ice and heat, Learn and reminders for one window."""

    def __init__(
        self,
        window: Any,
        store: Settings | None = None,
        clock: Callable[[], datetime] = datetime.now,
        use_system_tray: bool | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.store = store or Settings()
        self.clock = clock
        self.tray = ReminderTray(
            self.store, self.demands, clock, parent=self, use_system_tray=use_system_tray
        )
        self.tray.openRoutine.connect(self.open_routine)
        self.tray.showWindowRequested.connect(self.show_window)
        self.tray.settingsRequested.connect(self.edit_reminders)
        self.tray.quitRequested.connect(self._on_tray_quitRequested)
        self.ice_view: IceHeatView | None = None
        self._ice_dialog: QDialog | None = None
        self._learn_dialog: QDialog | None = None
        signal = getattr(window, "sessionEnded", None)
        if signal is not None:
            signal.connect(self._on_window_sessionEnded)

    # -- setting up ------------------------------------------------------------

    def install_menus(self) -> None:
        """Add the guidance entries to the window's menu bar (the main window
        builds them itself, from the same :mod:`spasmtimer.ui.menus` table)."""
        if not isinstance(self.window, QMainWindow):
            return
        bar = self.window.menuBar()
        for title, entries in GUIDANCE_MENUS:
            menu = add_menu(bar, title)
            for text, method in entries:
                menu.addAction(text, getattr(self, method))

    def keep_running_in_tray(self, app: QApplication) -> bool:
        """With a tray icon, closing the window leaves the app (and reminders) running."""
        if self.tray.tray is None:
            return False
        app.setQuitOnLastWindowClosed(False)
        return True

    def start(self) -> None:
        """First-launch safety screen, then the first look at the reminders."""
        show_on_first_launch(self.window, self.store)
        self.tray.refresh()

    # -- what the menus and keys do -------------------------------------------

    def show_safety(self) -> None:
        SafetyDialog.ask(self.window)

    def show_learn(self) -> None:
        if self._learn_dialog is None:
            self._learn_dialog = _page_dialog(self.window, "Learn", LearnPage(), (760, 820))
        self._learn_dialog.show()
        self._learn_dialog.raise_()

    def show_ice_heat(self) -> None:
        if self._ice_dialog is None:
            self.ice_view = IceHeatView(self.store, self.clock)
            self.ice_view.startRoutine.connect(self._on_ice_view_startRoutine)
            self.ice_view.nextApplicationChanged.connect(self._on_ice_view_nextApplicationChanged)
            self._ice_dialog = _page_dialog(self.window, "Ice and heat", self.ice_view, (900, 640))
        assert self.ice_view is not None
        self.ice_view.refresh()
        self._ice_dialog.show()
        self._ice_dialog.raise_()

    def edit_reminders(self) -> None:
        offered = [(r.name, r.sessions_per_day) for r in self._routines()]
        chosen = self.store.reminded_routines()
        choice = ReminderSettingsDialog.ask(
            self.window,
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
        session = getattr(self.window, "session", None)
        if session is None or session.state not in (SessionState.RUNNING, SessionState.PAUSED):
            return None
        session.pause()
        self._refresh_session_view()
        exercise = session.step.exercise
        report = ThisHurtsDialog.ask(self.window, exercise)
        if report is None:
            return None
        self._record(report)
        if report.skip_next_time:
            self.store.set_skipped(session.plan.routine.name, exercise)
        self._refresh_session_view()
        return report

    def prepare_routine(self, routine: Routine) -> Routine:
        """The routine without the exercises the user chose to skip."""
        return routine_without(routine, self.store.skipped_exercises(routine.name))

    def open_routine(self, name: str) -> None:
        """Bring the window back with ``name`` open, ready to start."""
        self.show_window()
        session = getattr(self.window, "session", None)
        if session is not None and session.state in (SessionState.RUNNING, SessionState.PAUSED):
            return  # never interrupt a session; the window is in front now
        for routine in self._routines():
            if routine.name == name:
                self.window.show_overview(self.prepare_routine(routine))
                return
        Dialogs.inform(self.window, "Routine not found", f"There is no routine called “{name}”.")

    def show_window(self) -> None:
        window = self.window
        app = QApplication.instance()
        if isinstance(app, QApplication) and isinstance(window, QObject):
            # closeEvent removes the window's key filter; put it back.
            app.installEventFilter(window)
        window.showNormal()
        window.raise_()
        window.activateWindow()

    # -- the reminders' view of the window ------------------------------------

    def demands(self) -> list[RoutineDemand]:
        store = getattr(self.window, "history", None)

        def done_today(name: str) -> int:
            return int(store.done_today(name)) if store is not None else 0

        offered = [(r.name, r.sessions_per_day) for r in self._routines()]
        return routine_demands(offered, self.store.reminded_routines(), done_today)

    def _routines(self) -> list[Routine]:
        try:
            return [entry.routine for entry in self.window.picker.library.entries]
        except AttributeError:
            return []

    def _record(self, report: HurtReport) -> None:
        recorder = getattr(self.window, "recorder", None)
        try:
            if recorder is not None:
                recorder.record_event(HURT_EVENT_KIND, report.detail())
            elif getattr(self.window, "history", None) is not None:
                self.window.history.record_event(None, HURT_EVENT_KIND, report.detail())
        except Exception:
            log.exception("could not record 'this hurts'")

    def _refresh_session_view(self) -> None:
        view = getattr(self.window, "session_view", None)
        if view is not None:
            view.refresh()

    # -- slots ----------------------------------------------------------------

    def _on_window_sessionEnded(self, completed: bool) -> None:
        session = getattr(self.window, "session", None)
        name = session.plan.routine.name if session is not None else ""
        if completed and name in APPLICATION_ROUTINES:
            demand = self.store.record_application(self.clock())
            if self.ice_view is not None:
                self.ice_view.refresh()
            log.info("next ice/heat application: %s", demand)
        self.tray.refresh()

    def _on_ice_view_startRoutine(self, name: str) -> None:
        if self._ice_dialog is not None:
            self._ice_dialog.hide()
        self.open_routine(name)

    def _on_ice_view_nextApplicationChanged(self, *_: object) -> None:
        self.tray.refresh()

    def _on_tray_quitRequested(self) -> None:
        if isinstance(self.window, QWidget):
            self.window.close()
        app = QApplication.instance()
        if app is not None:
            app.quit()
