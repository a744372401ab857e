"""The guidance's controller: the hub, made on first use, and the menus that reach it.

The hub (:class:`~spasmtimer.ui.guidance.hub.GuidanceHub`: safety, "This
hurts", ice and heat, Learn, the tray) is made when first needed (a Care or
Help menu entry, H, or the app's start once Today is on screen), so the
~50 ms of its imports never delay the first paint.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

from spasmtimer.services.day import DayHistory, DayService, RoutineSource
from spasmtimer.services.settings import Settings
from spasmtimer.ui.intents import Intent, Intents

if TYPE_CHECKING:
    from spasmtimer.core.guidance.safety import HurtReport
    from spasmtimer.ui.guidance.hub import GuidanceHub, SessionHost


class GuidanceFeature(QObject):
    """Makes and keeps the window's :class:`GuidanceHub`.

    ``use_system_tray``: None puts the reminders in the system tray where
    there is one (the app), False never (tests, ``spasmtimer start``).
    ``keep_running_in_tray``: with a tray icon, closing the window leaves the
    app and its reminders running.

    Signals:
        overviewRequested(object): show this :class:`Routine`, ready to start.
        showWindowRequested(): bring the window back (the tray asked).
        quitRequested(): quit the app (the tray's "Quit").
    """

    overviewRequested = Signal(object)
    showWindowRequested = Signal()
    quitRequested = Signal()

    def __init__(
        self,
        parent: QWidget,
        intents: Intents,
        session: SessionHost,
        routines: RoutineSource,
        history: DayHistory,
        settings: Settings,
        day: DayService,
    ) -> None:
        super().__init__(parent)
        self.session, self.routines, self.history = session, routines, history
        self.settings, self.day = settings, day
        self.hub: GuidanceHub | None = None
        self.use_system_tray: bool | None = False
        self.keep_running_in_tray = False
        intents.on(Intent.SAFETY, self._ask_hub, "show_safety")
        intents.on(Intent.LEARN, self._ask_hub, "show_learn")
        intents.on(Intent.ICE_HEAT, self._ask_hub, "show_ice_heat")
        intents.on(Intent.REMINDERS, self._ask_hub, "edit_reminders")
        intents.on(Intent.ABOUT, self._show_about)

    def _show_about(self) -> None:
        from spasmtimer.ui.guidance.about import show_about

        parent = self.parent()
        show_about(parent if isinstance(parent, QWidget) else None)

    def _ask_hub(self, what: str) -> None:
        getattr(self.ensure(), what)()

    def show_ice_heat(self) -> None:
        self.ensure().show_ice_heat()

    def set_hub(self, hub: GuidanceHub) -> None:
        self.hub = hub

    def ensure(self) -> GuidanceHub:
        """The guidance hub, made now if it is not there yet."""
        if self.hub is None:
            self.hub = self.new_hub(use_system_tray=self.use_system_tray)
            if self.keep_running_in_tray and self.hub.tray.tray is not None:
                app = QApplication.instance()
                if isinstance(app, QApplication):  # reminders go on with the window closed
                    app.setQuitOnLastWindowClosed(False)
        return self.hub

    def new_hub(
        self,
        settings: Settings | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
        use_system_tray: bool | None = False,
    ) -> GuidanceHub:
        """A guidance hub wired to the window: on the window's day, unless ``settings``
        or ``clock`` ask for a day of their own."""
        from spasmtimer.ui.guidance.hub import GuidanceHub

        day = self.day
        if settings is not None or clock is not None:
            day = DayService(
                settings or self.settings, clock=clock or self.day.clock,
                routines=self.routines, history=self.history, parent=self,
            )  # fmt: skip
        parent = self.parent()
        assert isinstance(parent, QWidget)
        hub = GuidanceHub(
            parent, self.session, self.routines, day, settings or self.settings, use_system_tray
        )
        hub.openRoutineRequested.connect(self.overviewRequested)
        hub.showWindowRequested.connect(self.showWindowRequested)
        hub.quitRequested.connect(self.quitRequested)
        return hub

    def first_screen_shown(self) -> None:
        """Today is on screen: the app makes the hub now, and its tray shows the day."""
        if self.keep_running_in_tray:
            self.ensure()
        if self.hub is not None:  # else nothing shows the day but Today, planned already
            self.day.refresh()

    def start(self) -> None:
        """The app's start: the safety screen on first launch, then the reminders."""
        self.ensure().start()

    def this_hurts(self) -> HurtReport | None:
        return self.ensure().this_hurts()
