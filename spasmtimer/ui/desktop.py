"""The app on the desktop's bus: one instance, and the session as a media player.

:func:`connect_desktop` ties the D-Bus services (:mod:`spasmtimer.services.single_instance`,
:mod:`spasmtimer.services.mpris`) to the window: another start raises it or
starts a routine in it, and each MPRIS call becomes the intent of the key
that does the same (``PlayPause`` is Space, ``Next`` the Next-track key …),
so a headset button acts exactly as the keyboard does, focused or not.
"""

from __future__ import annotations

import logging
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtDBus import QDBusConnection
from PySide6.QtWidgets import QApplication

from spasmtimer.services import autostart
from spasmtimer.services.autostart import OFFERED_AUTOSTART, TOLD_KEEPS_RUNNING
from spasmtimer.services.deferred import call_later
from spasmtimer.services.mpris import MprisPlayer
from spasmtimer.services.notifications import DesktopNotifications
from spasmtimer.services.settings import SPASM_BEGAN
from spasmtimer.services.single_instance import AppInstance
from spasmtimer.ui.intents import Intent

if TYPE_CHECKING:
    from spasmtimer.ui.main_window import MainWindow
    from spasmtimer.ui.reminder_notices import ReminderNotices

log = logging.getLogger(__name__)

KEEPS_RUNNING_TITLE = "SpasmTimer is still running"
KEEPS_RUNNING_TEXT = (
    "It stays on with its window closed, so today's reminders still reach you. "
    "To quit it, open SpasmTimer again and press Ctrl+Q (or choose Quit in its menu)."
)
OFFER_TEXT = (
    "Start SpasmTimer when you log in? Then the reminders for ice, stretches and walks "
    "still come after a restart. You can change this in Reminder settings."
)

# MPRIS method -> the intent its media key triggers; None: the window does it.
MPRIS_INTENTS: dict[str, Intent | None] = {
    "PlayPause": Intent.PAUSE,
    "Play": Intent.PAUSE,  # only when paused (see DesktopLink._on_mpris_requested)
    "Pause": Intent.PAUSE,  # only when running
    "Next": Intent.NEXT_EXERCISE,
    "Previous": Intent.PREVIOUS_EXERCISE,
    "Stop": Intent.STOP,
    "Raise": None,
    "Quit": Intent.QUIT,
}


class DesktopLink(QObject):
    """The window's end of the single-instance name and of the MPRIS player."""

    def __init__(
        self, window: MainWindow, bus: QDBusConnection, instance: AppInstance, *, reminders: bool
    ) -> None:
        super().__init__(window)
        # Weakly: the window owns this link; a reference back would make a cycle
        # that only the collector breaks, clearing this object's attributes
        # while the window still sends it events.
        self._window = weakref.ref(window)
        self.instance = instance
        instance.setParent(self)
        instance.activateRequested.connect(self._on_instance_activateRequested)
        instance.startRequested.connect(self._on_instance_startRequested)
        self.mpris = MprisPlayer(bus, window.controller, self._image_for, parent=self)
        self.mpris.requested.connect(self._on_mpris_requested)
        self.mpris.claim()
        self.notifications = DesktopNotifications(bus, self)
        self.notices: ReminderNotices | None = None
        if reminders:  # the app's own reminders (not ``spasmtimer start``'s window)
            window.pickerShown.connect(self.show_reminders)
            window.settings.changed.connect(self._on_settings_changed)

    @property
    def window(self) -> MainWindow:
        window = self._window()
        assert window is not None, "the window owns this link and goes after it"
        return window

    def show_reminders(self) -> None:
        """The day's reminders as desktop notifications, where the desktop has the service."""
        if self.notices is not None or not self.notifications.available:
            return
        from spasmtimer.ui.reminder_notices import ReminderNotices

        w = self.window
        tray = w.care.ensure().tray
        self.notices = ReminderNotices(self.notifications, tray, w.intents, w.nav, self)
        tray.refresh()
        app = QApplication.instance()
        if isinstance(app, QApplication):  # the reminders go on with the window closed
            app.setQuitOnLastWindowClosed(False)
        w.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and watched is self._window():
            call_later(self, 0, self._after_close)  # a close may still be refused
        return False

    def _after_close(self) -> None:
        """Said once, in plain words: the app goes on for the reminders, and how to quit."""
        settings = self.window.settings
        if self.window.isVisible() or settings.get(TOLD_KEEPS_RUNNING):
            return
        if self.notifications.notify("keeps-running", KEEPS_RUNNING_TITLE, KEEPS_RUNNING_TEXT):
            settings.set(TOLD_KEEPS_RUNNING, True)
            settings.sync()

    def _on_settings_changed(self, key: object) -> None:
        """The first spasm time set: offer to start at login, once."""
        settings = self.window.settings
        if key is not SPASM_BEGAN or settings.get(SPASM_BEGAN) is None:
            return
        if settings.get(OFFERED_AUTOSTART) or autostart.is_enabled():
            return
        settings.set(OFFERED_AUTOSTART, True)
        call_later(self, 0, self._offer_autostart)

    def _offer_autostart(self) -> None:
        from spasmtimer.ui.dialogs import Dialogs
        from spasmtimer.ui.guidance.reminders import apply_start_at_login

        if Dialogs.ask(self.window, "Start at login?", OFFER_TEXT):
            apply_start_at_login(self.window, True)

    def _image_for(self, exercise: str) -> Path | None:
        session = self.window.controller.session
        if session is None:
            return None
        from spasmtimer.core.routines.loader import resolve_image

        routine = session.plan.routine
        for item in routine.exercises:
            if item.name == exercise:
                return resolve_image(routine, item)
        return None

    def _on_instance_activateRequested(self) -> None:
        self.window.show_window()

    def _on_instance_startRequested(self, name: str) -> None:
        """``spasmtimer start ROUTINE`` on the running app: start it, unless a session runs."""
        self.window.show_window()
        if self.window.controller.is_active():
            log.info("a session is running; %s not started", name)
            return
        from spasmtimer.core.routines.loader import RoutineError, find_routine

        try:
            routine = find_routine(name)
        except (RoutineError, OSError) as error:
            log.warning("spasmtimer start %s: %s", name, error)
            return
        self.window.session.start(routine)

    def _on_mpris_requested(self, method: str) -> None:
        controller = self.window.controller
        if method == "Play" and controller.is_running():
            return
        if method == "Pause" and not controller.is_running():
            return
        if method == "Raise":
            self.window.show_window()
            return
        intent = MPRIS_INTENTS.get(method)
        if intent is not None:
            self.window.intents.trigger(intent)


def claim_app(routine: str | None = None, bus: QDBusConnection | None = None) -> AppInstance | None:
    """This start's instance; None when an app already runs and took the request (exit then).

    ``routine``: what ``spasmtimer start`` was asked to start (a file path
    is made absolute: the running app has its own working folder).
    """
    from spasmtimer.services.single_instance import ask_running_app

    bus = bus if bus is not None else QDBusConnection.sessionBus()
    if routine is not None and Path(routine).exists():
        routine = str(Path(routine).resolve())
    instance = AppInstance(bus)
    if instance.claim():
        return instance
    if ask_running_app(bus, routine):
        return None
    log.warning("SpasmTimer seems to be running but does not answer; starting another")
    return instance


def connect_desktop(
    window: MainWindow, instance: AppInstance, *, reminders: bool = False
) -> DesktopLink:
    """Answer other starts and the desktop's media controls for ``window``.

    ``reminders``: the day's reminders become desktop notifications, too.
    """
    return DesktopLink(window, instance.bus, instance, reminders=reminders)
