"""Reminders as desktop notifications, against a recording server on a private bus.

The server (tests/notification_server.py) takes only the specification's
argument types, records every call, and sends ``ActionInvoked`` when told
to, as a click on an action does.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from dbus_helpers import NotificationServer, click, connect, notification_server, private_bus
from test_today_app import NOON, _window

from spasmtimer.core.today.reminders import Reminder, ReminderKind
from spasmtimer.services.notifications import DesktopNotifications
from spasmtimer.ui.intents import Screen
from spasmtimer.ui.main_window import MainWindow
from spasmtimer.ui.reminder_notices import ReminderNotices

__all__ = ["notification_server", "private_bus"]  # the fixtures, used by name
pytestmark = pytest.mark.qt_log_ignore("does not support raise")  # the offscreen platform


def test_one_notification_per_key_replaced_then_withdrawn(
    qtbot: Any, private_bus: str, notification_server: NotificationServer
) -> None:
    notes = DesktopNotifications(connect(private_bus))
    assert notes.available
    assert notes.notify("ice", "Time for ice", "15 minutes", [("default", "Open")])
    assert notes.notify("ice", "Time for ice", "again", [("default", "Open")])
    assert notes.notify("walk", "Time for a walk", "10 minutes")
    qtbot.waitUntil(lambda: len(notification_server.calls("Notify")) == 3, timeout=3000)
    first, walk, again = notification_server.calls("Notify")  # "again" waited for the id
    assert first["app"] == "SpasmTimer" and first["icon"] == "spasmtimer"
    assert first["hints"] == {"desktop-entry": "spasmtimer"}
    assert first["actions"] == ["default", "Open"] and first["replaces"] == 0
    assert again["replaces"] == first["id"]  # replaced, not stacked
    assert walk["id"] != first["id"] and walk["actions"] == []
    qtbot.waitUntil(lambda: "ice" not in notes._pending, timeout=3000)
    notes.withdraw("ice")
    qtbot.waitUntil(lambda: len(notification_server.calls("CloseNotification")) == 1)
    assert notification_server.calls("CloseNotification") == [
        {"call": "CloseNotification", "id": first["id"]}
    ]
    assert notes.shown() == ["walk"]
    with qtbot.waitSignal(notes.actionInvoked, timeout=3000) as chosen:
        click(connect(private_bus), walk["id"], "default")
    assert chosen.args == ["walk", "default"]


def test_withdrawn_before_its_id_came_back_it_is_still_closed(
    qtbot: Any, private_bus: str, notification_server: NotificationServer
) -> None:
    notes = DesktopNotifications(connect(private_bus))
    assert notes.notify("ice", "Time for ice", "")
    notes.withdraw("ice")  # at once: the id is not back yet
    qtbot.waitUntil(lambda: len(notification_server.calls("CloseNotification")) == 1)
    (sent,) = notification_server.calls("Notify")
    assert notification_server.calls("CloseNotification")[0]["id"] == sent["id"]
    assert notes.shown() == []


def test_without_a_service_nothing_is_sent(private_bus: str) -> None:
    notes = DesktopNotifications(connect(private_bus))
    assert not notes.available
    assert not notes.notify("ice", "Time for ice", "")


def _reminder(kind: ReminderKind, routine: str | None, minutes_ago: int = 1) -> Reminder:
    at = NOON - timedelta(minutes=minutes_ago)
    return Reminder(kind, f"{kind.name}-series", at, at, f"Time for {kind.name}", "msg", routine)


Noticed = tuple[MainWindow, ReminderNotices, str]


@pytest.fixture
def noticed(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, private_bus: str,
    notification_server: NotificationServer,
) -> Noticed:  # fmt: skip
    window = _window(qtbot, tmp_path, monkeypatch, onset=NOON - timedelta(hours=2))
    tray = window.care.ensure().tray
    assert tray.tray is None  # no system tray here: the desktop's service it is
    notices = ReminderNotices(
        DesktopNotifications(connect(private_bus)), tray, window.intents, window.nav
    )
    return window, notices, private_bus


def _send_due(
    qtbot: Any, notices: ReminderNotices, server: NotificationServer
) -> dict[str, dict[str, Any]]:
    tray = notices.tray
    due = tray.reminders.due(tray.clock())
    for reminder in due:  # as the tray does when they become due
        assert notices.show(reminder)
    qtbot.waitUntil(lambda: len(server.calls("Notify")) == len(due), timeout=3000)
    qtbot.waitUntil(lambda: not notices.notifications._pending, timeout=3000)
    return {c["summary"]: c for c in server.calls("Notify")}


def test_a_spasm_two_hours_ago_sends_the_ice_reminder_and_snooze_works(
    qtbot: Any, noticed: Noticed, notification_server: NotificationServer
) -> None:
    window, notices, address = noticed
    tray = notices.tray
    sent = _send_due(qtbot, notices, notification_server)
    ice = sent["Time for ice"]
    assert ice["actions"][::2] == ["default", "start", "snooze"]
    snooze = tray.reminders.settings.snooze_minutes
    assert ice["actions"][5] == f"Snooze {snooze} minutes"
    click(connect(address), ice["id"], "snooze")
    qtbot.waitUntil(
        lambda: all(r.title != "Time for ice" for r in tray.reminders.due(tray.clock())),
        timeout=3000,
    )  # snoozed: no longer due, and its notification is taken away
    closed = [c["id"] for c in notification_server.calls("CloseNotification")]
    assert ice["id"] in closed
    assert window.controller.session is None


def test_start_now_opens_the_routine_and_starts_it(
    qtbot: Any, noticed: Noticed, notification_server: NotificationServer
) -> None:
    window, notices, address = noticed
    sent = _send_due(qtbot, notices, notification_server)
    session = next(c for s, c in sent.items() if "Short stretch" in s)
    window.showMinimized()
    click(connect(address), session["id"], "start")
    # Start now, as Enter on the routine's overview: the pain question comes first.
    qtbot.waitUntil(lambda: window.nav.current() is Screen.PAIN, timeout=3000)
    routine = window.routines.overview.routine
    assert routine is not None and routine.name == "Short stretch"


def test_a_click_opens_the_routine_ready_to_start(
    qtbot: Any, noticed: Noticed, notification_server: NotificationServer
) -> None:
    window, notices, address = noticed
    sent = _send_due(qtbot, notices, notification_server)
    session = next(c for s, c in sent.items() if "Short stretch" in s)
    click(connect(address), session["id"], "default")
    qtbot.waitUntil(lambda: window.nav.current() is Screen.OVERVIEW, timeout=3000)
    assert window.controller.session is None


def test_done_answers_a_walk_without_opening_anything(
    qtbot: Any, noticed: Noticed, notification_server: NotificationServer
) -> None:
    window, notices, address = noticed
    walk = _reminder(ReminderKind.WALK, None)
    assert notices.show(walk)
    qtbot.waitUntil(lambda: not notices.notifications._pending, timeout=3000)
    (sent,) = [c for c in notification_server.calls("Notify") if c["summary"] == walk.title]
    assert sent["actions"][::2] == ["default", "snooze", "done"]
    screen = window.nav.current()
    dismissed: list[Reminder] = []
    notices.tray.reminders.dismiss = dismissed.append  # type: ignore[method-assign, assignment]
    click(connect(address), sent["id"], "done")
    qtbot.waitUntil(lambda: dismissed == [walk], timeout=3000)
    assert window.nav.current() is screen
