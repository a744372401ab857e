"""Shared test set-up: Qt offscreen, and a private data folder for every test."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before anything imports Qt: no window ever reaches a real screen in tests.
os.environ["QT_QPA_PLATFORM"] = "offscreen"


@pytest.fixture(autouse=True)
def private_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Keep every test away from the real user's routines, history and settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SPASMTIMER_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    # No session bus unless a test starts its own (tests/dbus_helpers.py): an app
    # started by a test must never hand over to, or take names on, the user's bus.
    # (tools/with-sound-server.sh --pipewire starts a private bus for PipeWire: kept.)
    if not os.environ.get("PIPEWIRE_RUNTIME_DIR"):
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={home / 'no-bus'}")
    yield home


@pytest.fixture(autouse=True)
def close_leftover_windows() -> Iterator[None]:
    """Close and delete the top-level windows a test left open, before the next test.

    The garbage collector stays on, as in the app: the windows hold no
    reference cycles (tests/test_ui_lifecycle.py checks that), so this is
    only tidiness, not a guard against a collection mid-paint.
    """
    yield
    if "PySide6.QtWidgets" in sys.modules:
        from PySide6.QtCore import QCoreApplication, QEvent
        from PySide6.QtWidgets import QApplication

        if QApplication.instance() is not None:
            for widget in QApplication.topLevelWidgets():
                widget.close()
                widget.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
