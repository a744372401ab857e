"""The tray icon: the next reminder at a glance, notifications, snooze.

:class:`ReminderTray` is a view of the day's plan
(:class:`spasmtimer.services.day.DayService`, which owns the one
:class:`~spasmtimer.core.today.reminders.Reminders`): it shows it again each time
the day service says it changed. A single-shot QTimer wakes it when the next reminder is due (and at
least once a minute, to pick up sessions done and a new day); due reminders
become notifications (``QSystemTrayIcon.showMessage``). The menu lists what
is due (open it, ready to start, or snooze it), what comes next, and the
window, settings and quit entries. It keeps working while the main window is
closed as long as the application does not quit on the last window closing.

Where there is no system tray (some desktops, the offscreen tests), the menu
and the notifications still exist as data and signals; only the icon is
missing.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from spasmtimer.core.today.reminders import Reminder, Reminders, describe_when
from spasmtimer.services.day import DayService
from spasmtimer.ui.menus import add_menu

log = logging.getLogger(__name__)

MAX_SLEEP_MS = 60_000  # look again at least once a minute
NOTIFY_MS = 15_000


def tray_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()


class ReminderTray(QObject):
    """Reminders in the system tray.

    Signals:
        openRoutine(str): open this routine, ready to start (a notification or
            a menu entry was chosen).
        showWindowRequested(): bring the main window back.
        settingsRequested(): open the reminder settings.
        quitRequested(): quit the app (the tray's "Quit").
        notified(object): a :class:`Reminder` was just notified.
        changed(): the menu and tooltip were rebuilt.
    """

    openRoutine = Signal(str)
    showWindowRequested = Signal()
    settingsRequested = Signal()
    quitRequested = Signal()
    notified = Signal(object)
    changed = Signal()

    def __init__(
        self,
        day: DayService,
        icon: QIcon | None = None,
        parent: QObject | None = None,
        use_system_tray: bool | None = None,
    ) -> None:
        super().__init__(parent)
        self.day = day
        self.clock: Callable[[], datetime] = day.clock
        self._fresh: list[Reminder] = []
        day.changed.connect(self._on_day_changed)
        self.menu = QMenu()  # no parent: a tray menu belongs to no window
        self.menu.setObjectName("trayMenu")
        # Delete it with the tray, from the event loop. Left to Python, it went
        # whenever the garbage collector freed the window's reference cycles,
        # which could be in the middle of painting another window: a crash.
        self.destroyed.connect(self.menu.deleteLater)
        self._last_notified: Reminder | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        if use_system_tray is None:
            use_system_tray = tray_available()
        self.tray: QSystemTrayIcon | None = None
        if use_system_tray:
            if icon is None:
                from spasmtimer.ui.icon import app_icon

                icon = app_icon()
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setContextMenu(self.menu)
            self.tray.messageClicked.connect(self._on_tray_messageClicked)
            self.tray.activated.connect(self._on_tray_activated)
            self.tray.show()
        else:
            log.info("no system tray here: reminders only while the window is open")

    # -- driving ------------------------------------------------------------------

    @property
    def reminders(self) -> Reminders:
        """The day service's (the one the Today screen shows, too)."""
        return self.day.reminders

    def refresh(self) -> list[Reminder]:
        """Re-plan the day now (every view follows); what has just become due."""
        self._fresh = []
        self.day.refresh()
        return self._fresh

    def _on_day_changed(self) -> None:
        """Notify what has become due, rebuild the menu, sleep until the next one."""
        wait = MAX_SLEEP_MS
        try:
            now = self.clock()
            fresh = self.reminders.take_new(now)
            for reminder in fresh:
                self._notify(reminder)
            self._fresh.extend(fresh)
            self._rebuild(now)
            upcoming = [r for r in self.reminders.upcoming(now) if r.due > now]
            if upcoming:
                wait = int((upcoming[0].due - now).total_seconds() * 1000) + 500
        except Exception:  # whatever went wrong, the reminders must keep coming
            log.exception("could not plan the reminders")
        finally:
            self._timer.start(max(1000, min(wait, MAX_SLEEP_MS)))

    def tooltip(self) -> str:
        return self._tooltip

    # -- answers ------------------------------------------------------------------

    def open(self, reminder: Reminder) -> None:
        """The user chose a reminder: it is done; open its routine (or the window)."""
        self.reminders.dismiss(reminder)
        if reminder.routine:
            self.openRoutine.emit(reminder.routine)
        else:
            self.showWindowRequested.emit()
        self.refresh()

    def snooze(self, reminder: Reminder) -> None:
        self.reminders.snooze(reminder, self.clock())
        self.refresh()

    def snooze_all(self) -> None:
        now = self.clock()
        for reminder in self.reminders.due(now):
            self.reminders.snooze(reminder, now)
        self.refresh()

    # -- showing ------------------------------------------------------------------

    def _notify(self, reminder: Reminder) -> None:
        self._last_notified = reminder
        log.info("reminder: %s", reminder.title)
        if self.tray is not None:
            self.tray.showMessage(
                reminder.title,
                f"{reminder.message}\nClick to open it.",
                QSystemTrayIcon.MessageIcon.Information,
                NOTIFY_MS,
            )
        self.notified.emit(reminder)

    def _rebuild(self, now: datetime) -> None:
        menu = self.menu
        menu.clear()
        due = self.reminders.due(now)
        coming = [r for r in self.reminders.upcoming(now) if r.due > now]
        for reminder in due:
            label = f"Open {reminder.routine}" if reminder.routine else "OK"
            sub = add_menu(menu, f"Now: {reminder.title}")
            sub.setToolTip(reminder.message)
            snooze = self.reminders.settings.snooze_minutes
            self._add(sub, label, functools.partial(self.open, reminder))
            self._add(sub, f"Snooze {snooze} minutes", functools.partial(self.snooze, reminder))
        if len(due) > 1:
            self._add(menu, "Snooze all", self.snooze_all)
        if coming:
            nxt = coming[0]
            self._add(menu, f"Next: {nxt.title} {describe_when(nxt.due, now)}", None)
        elif not due:
            self._add(menu, "No reminders planned", None)
        menu.addSeparator()
        self._add(menu, "Open SpasmTimer", self.showWindowRequested.emit)
        self._add(menu, "Reminder settings…", self.settingsRequested.emit)
        menu.addSeparator()
        self._add(menu, "Quit SpasmTimer", self.quitRequested.emit)

        if due:
            self._tooltip = f"SpasmTimer — now: {due[0].title}"
        elif coming:
            self._tooltip = (
                f"SpasmTimer — next: {coming[0].title} {describe_when(coming[0].due, now)}"
            )
        else:
            self._tooltip = "SpasmTimer — no reminders planned"
        if self.tray is not None:
            self.tray.setToolTip(self._tooltip)
        self.changed.emit()

    def _add(self, menu: QMenu, text: str, slot: Callable[[], object] | None) -> QAction:
        action = menu.addAction(text)
        if slot is None:
            action.setEnabled(False)
        else:
            action.triggered.connect(lambda _=False: slot())
        return action

    def menu_texts(self) -> list[str]:
        """The menu as text, submenus indented (tests and screenshots read it)."""
        lines = []
        for action in self.menu.actions():
            if action.isSeparator():
                lines.append("—")
                continue
            lines.append(action.text())
            sub = action.menu()
            if isinstance(sub, QMenu):
                lines.extend(f"  {a.text()}" for a in sub.actions())
        return lines

    # -- slots --------------------------------------------------------------------

    def _on_timer_timeout(self) -> None:
        self.refresh()

    def _on_tray_messageClicked(self) -> None:
        if self._last_notified is not None:
            self.open(self._last_notified)

    def _on_tray_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.showWindowRequested.emit()

    _tooltip = "SpasmTimer"
