"""A private D-Bus session bus for the tests: never the machine's own.

:func:`private_bus` starts a ``dbus-daemon --session`` of its own and gives
its address; :func:`connect` opens a named Qt connection to it (each test its
own: ``QDBusConnection.sessionBus()`` is never used here). :class:`Recorder`
collects the ``PropertiesChanged`` signals a player sends.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import SLOT, QObject, Slot
from PySide6.QtDBus import QDBusConnection

_names = itertools.count()


@pytest.fixture
def private_bus(tmp_path: Path) -> Iterator[str]:
    """The address of a session bus started for this test alone."""
    if shutil.which("dbus-daemon") is None:
        pytest.fail("dbus-daemon is missing: run tools/system-deps.sh test")
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1",
         f"--address=unix:dir={tmp_path}"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    assert address, "dbus-daemon gave no address"
    try:
        yield address
    finally:
        daemon.terminate()
        daemon.wait(5)
        daemon.stdout.close()


def connect(address: str) -> QDBusConnection:
    bus = QDBusConnection.connectToBus(address, f"spasmtimer-test-{next(_names)}")
    assert bus.isConnected(), bus.lastError().message()
    return bus


def bus_env(address: str, home: Path) -> dict[str, str]:
    """The environment of a program run on the private bus (and the test's own folders)."""
    env = dict(os.environ)
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("DBUS_STARTER_ADDRESS", None)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1])
    for key in ("SPASMTIMER_DATA_DIR", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        env.setdefault(key, str(home / key.lower()))
    return env


def run_async(
    qtbot: Any, args: list[str], env: dict[str, str], timeout: int = 15000, cwd: Path | None = None
) -> str:
    """Run ``args`` while the Qt event loop goes on (the program may call back into this one)."""
    pipe = subprocess.PIPE
    proc = subprocess.Popen(args, env=env, stdout=pipe, stderr=pipe, text=True, cwd=cwd)
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=timeout)
    out, err = proc.communicate()
    assert proc.returncode == 0, f"{args} failed ({proc.returncode}): {err}"
    return out


def spasmtimer_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "spasmtimer", *args]


class Recorder(QObject):
    """Every ``org.freedesktop.DBus.Properties.PropertiesChanged`` sent on the bus."""

    def __init__(self, bus: QDBusConnection, path: str) -> None:
        super().__init__()
        self.changes: list[tuple[str, dict[str, Any], list[str]]] = []
        slot = SLOT("_on_changed(QString,QVariantMap,QStringList)")
        iface = "org.freedesktop.DBus.Properties"
        assert bus.connect("", path, iface, "PropertiesChanged", self, slot)  # type: ignore[call-overload]

    @Slot(str, "QVariantMap", "QStringList")
    def _on_changed(self, interface: str, changed: dict[str, Any], gone: list[str]) -> None:
        self.changes.append((interface, changed, gone))

    def of(self, name: str) -> list[Any]:
        return [changed[name] for _i, changed, _g in self.changes if name in changed]


class NotificationServer:
    """tests/notification_server.py on the private bus, and what it recorded."""

    def __init__(self, address: str, log: Path) -> None:
        self.log = log
        script = Path(__file__).with_name("notification_server.py")
        env = bus_env(address, log.parent)
        self.proc = subprocess.Popen(
            [sys.executable, str(script), str(log)], env=env, stdout=subprocess.PIPE, text=True
        )
        assert self.proc.stdout is not None
        assert self.proc.stdout.readline().strip() == "ready", "the notification server failed"

    def calls(self, kind: str | None = None) -> list[dict[str, Any]]:
        if not self.log.exists():
            return []
        lines = self.log.read_text(encoding="utf-8").splitlines()
        calls = [json.loads(line) for line in lines]
        return [c for c in calls if kind is None or c["call"] == kind]

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(5)
        if self.proc.stdout is not None:
            self.proc.stdout.close()


@pytest.fixture
def notification_server(private_bus: str, tmp_path: Path) -> Iterator[NotificationServer]:
    server = NotificationServer(private_bus, tmp_path / "notifications.jsonl")
    try:
        yield server
    finally:
        server.stop()


def click(bus: QDBusConnection, ident: int, action: str) -> None:
    """As if the user chose ``action`` on notification ``ident`` (the server says so)."""
    from PySide6.QtCore import Q_ARG, QMetaObject, Qt
    from PySide6.QtDBus import QDBusInterface

    server = "org.freedesktop.Notifications"
    remote = QDBusInterface(server, "/org/freedesktop/Notifications", server, bus)
    assert remote.isValid(), remote.lastError().message()
    QMetaObject.invokeMethod(
        remote, "Invoke", Qt.ConnectionType.DirectConnection,
        Q_ARG("uint", ident), Q_ARG(str, action),
    )  # fmt: skip
    assert not remote.lastError().isValid(), remote.lastError().message()
