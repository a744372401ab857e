"""Start at login (an XDG autostart entry) and keeping on for the reminders.

The entry is written in the test's own ``XDG_CONFIG_HOME`` (tests/conftest.py);
the "keeps running" words go through a recording notification server on a
private bus.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from dbus_helpers import NotificationServer, connect, notification_server, private_bus
from PySide6.QtWidgets import QApplication
from test_today_app import NOON, _window

from spasmtimer.services import autostart
from spasmtimer.services.settings import SPASM_BEGAN
from spasmtimer.services.single_instance import AppInstance
from spasmtimer.ui.desktop import KEEPS_RUNNING_TITLE, connect_desktop
from spasmtimer.ui.dialogs import Dialogs
from spasmtimer.ui.guidance.reminders import ReminderSettingsDialog, apply_start_at_login

__all__ = ["notification_server", "private_bus"]  # the fixtures, used by name


def test_on_and_off_leave_exactly_the_expected_file(private_user_dirs: Path) -> None:
    folder = Path(os.environ["XDG_CONFIG_HOME"]) / "autostart"
    assert autostart.autostart_path() == folder / "spasmtimer.desktop"
    assert not autostart.is_enabled()
    autostart.set_enabled(True, ["/usr/bin/spasmtimer"])
    assert sorted(p.name for p in folder.iterdir()) == ["spasmtimer.desktop"]  # no temp files
    text = (folder / "spasmtimer.desktop").read_text(encoding="utf-8")
    assert text.startswith("[Desktop Entry]\nType=Application\n")
    assert "\nExec=/usr/bin/spasmtimer\n" in text and "\nIcon=spasmtimer\n" in text
    assert autostart.is_enabled()
    autostart.set_enabled(True, ["/opt/my apps/python3", "-m", "spasmtimer"])
    text = (folder / "spasmtimer.desktop").read_text(encoding="utf-8")
    assert "\nExec='/opt/my apps/python3' -m spasmtimer\n" in text  # quoted, replaced whole
    autostart.set_enabled(False)
    assert list(folder.iterdir()) == []
    autostart.set_enabled(False)  # off twice: nothing to remove, no error


def test_the_default_command_starts_this_app() -> None:
    command = autostart.launch_command()
    assert command[-2:] == ["-m", "spasmtimer"] or Path(command[0]).name == "spasmtimer"


def test_the_reminder_settings_offer_it(qtbot: Any) -> None:
    from spasmtimer.core.today.reminders import ReminderSettings

    dialog = ReminderSettingsDialog(ReminderSettings(), [("Back spasm relief", 2)], [])
    qtbot.addWidget(dialog)
    assert not dialog.login_box.isChecked() and dialog.login_box.text().startswith("Start")
    assert apply_start_at_login(dialog, True) and autostart.is_enabled()
    again = ReminderSettingsDialog(ReminderSettings(), [("Back spasm relief", 2)], [])
    qtbot.addWidget(again)
    assert again.login_box.isChecked()
    assert apply_start_at_login(again, False) and not autostart.is_enabled()


def test_a_failed_write_is_told_on_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    config = Path(os.environ["XDG_CONFIG_HOME"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "autostart").write_text("a file where the folder should be")
    told: list[str] = []
    monkeypatch.setattr(Dialogs, "inform", classmethod(lambda cls, p, t, text: told.append(text)))
    assert not apply_start_at_login(None, True)
    assert len(told) == 1 and "autostart" in told[0] and "Could not change" in told[0]


@pytest.mark.qt_log_ignore("does not support raise")
def test_closing_keeps_the_reminders_and_says_so_once(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, private_bus: str,
    notification_server: NotificationServer,
) -> None:  # fmt: skip
    window = _window(qtbot, tmp_path, monkeypatch)
    link = connect_desktop(window, AppInstance(connect(private_bus)), reminders=True)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        link.show_reminders()
        assert link.notices is not None and not app.quitOnLastWindowClosed()
        for _ in range(2):
            window.close()
            qtbot.waitUntil(lambda: window.settings.get(autostart.TOLD_KEEPS_RUNNING), timeout=3000)
            window.show_window()
        told = [
            c for c in notification_server.calls("Notify") if c["summary"] == KEEPS_RUNNING_TITLE
        ]
        assert len(told) == 1 and "Ctrl+Q" in told[0]["body"]
    finally:
        app.setQuitOnLastWindowClosed(True)


def test_the_first_spasm_time_offers_start_at_login_once(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, private_bus: str
) -> None:
    window = _window(qtbot, tmp_path, monkeypatch)
    connect_desktop(window, AppInstance(connect(private_bus)), reminders=True)
    asked: list[str] = []

    def ask(cls: Any, parent: Any, title: str, text: str) -> bool:
        asked.append(title)
        return True

    monkeypatch.setattr(Dialogs, "ask", classmethod(ask))
    window.settings.set(SPASM_BEGAN, NOON.astimezone() - timedelta(hours=1))
    qtbot.waitUntil(autostart.is_enabled, timeout=3000)
    assert asked == ["Start at login?"]
    autostart.set_enabled(False)
    window.settings.set(SPASM_BEGAN, datetime.now().astimezone())
    qtbot.wait(50)
    assert asked == ["Start at login?"] and not autostart.is_enabled()
