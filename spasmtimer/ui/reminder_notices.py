"""The day's reminders as desktop notifications, with their actions.

:class:`ReminderNotices` puts itself in the reminder tray's place for the
notifications (:attr:`~spasmtimer.ui.guidance.tray.ReminderTray.notifier`):
each reminder becomes one notification of
:class:`~spasmtimer.services.notifications.DesktopNotifications`, keyed by
its series (the next one of a series replaces it), with the actions that
apply: "Start now" (a routine: its overview opens and starts, as Enter does
there), "Snooze N minutes", "Done" (a walk or ice: nothing to time). A click
on the notification opens the reminder as the tray's menu does (the routine
ready to start, or the window). Once a reminder is no longer due (answered
in the window or the tray, snoozed), its notification is withdrawn.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from spasmtimer.services.notifications import DEFAULT_ACTION, DesktopNotifications
from spasmtimer.ui.intents import Intent, Screen

if TYPE_CHECKING:
    from spasmtimer.core.today.reminders import Reminder
    from spasmtimer.ui.guidance.tray import ReminderTray
    from spasmtimer.ui.intents import Intents
    from spasmtimer.ui.navigator import Navigator

log = logging.getLogger(__name__)

START, SNOOZE, DONE = "start", "snooze", "done"


class ReminderNotices(QObject):
    """Shows the tray's reminders through the desktop's notification service."""

    def __init__(
        self,
        notifications: DesktopNotifications,
        tray: ReminderTray,
        intents: Intents,
        nav: Navigator,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.notifications, self.tray, self.intents, self.nav = notifications, tray, intents, nav
        self._reminders: dict[str, Reminder] = {}  # series -> the one notified
        tray.notifier = self.show
        tray.changed.connect(self._on_tray_changed)
        notifications.actionInvoked.connect(self._on_notifications_actionInvoked)

    def actions(self, reminder: Reminder) -> list[tuple[str, str]]:
        snooze = self.tray.reminders.settings.snooze_minutes
        actions = [(DEFAULT_ACTION, "Open")]
        if reminder.routine:
            actions.append((START, "Start now"))
        actions.append((SNOOZE, f"Snooze {snooze} minutes"))
        if not reminder.routine:
            actions.append((DONE, "Done"))
        return actions

    def show(self, reminder: Reminder) -> bool:
        """Notify ``reminder``; False when no notification service took it."""
        shown = self.notifications.notify(
            reminder.series, reminder.title, reminder.message, self.actions(reminder)
        )
        if shown:
            self._reminders[reminder.series] = reminder
        return shown

    def _on_notifications_actionInvoked(self, key: str, action: str) -> None:
        reminder = self._reminders.pop(key, None)
        if reminder is None:
            return
        self.notifications.withdraw(key)
        if action == SNOOZE:
            self.tray.snooze(reminder)
        elif action == DONE:
            self.tray.reminders.dismiss(reminder)
            self.tray.refresh()
        else:  # a click, or "Start now"
            self.tray.open(reminder)
            if action == START and self.nav.current() is Screen.OVERVIEW:
                self.intents.trigger(Intent.START)

    def _on_tray_changed(self) -> None:
        """Withdraw the notifications of reminders no longer due."""
        due = {r.series for r in self.tray.reminders.due(self.tray.clock())}
        for key in self.notifications.shown():
            if key not in due:
                self._reminders.pop(key, None)
                self.notifications.withdraw(key)
