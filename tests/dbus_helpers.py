"""A private D-Bus session bus for the tests: never the machine's own.

:func:`private_bus` starts a ``dbus-daemon --session`` of its own and gives
its address; :func:`connect` opens a named Qt connection to it (each test its
own: ``QDBusConnection.sessionBus()`` is never used here). :class:`Recorder`
collects the ``PropertiesChanged`` signals a player sends.
"""

from __future__ import annotations

import itertools
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
