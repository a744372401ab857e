"""Shared test set-up: Qt offscreen, and a private data folder for every test."""

from __future__ import annotations

import gc
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
    yield home


@pytest.fixture(autouse=True)
def qt_garbage_between_tests() -> Iterator[None]:
    """Free each test's Qt objects at its end, never in the middle of the next.

    Windows and the objects they own refer to each other, so Python frees
    them only in a cyclic garbage collection, which can fall while a later
    test's window is painting and crash the process (seen with some random
    orders). Collection is held during a test and done here, after Qt's own
    pending deletions, where nothing paints.
    """
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        if "PySide6.QtWidgets" in sys.modules:
            from PySide6.QtCore import QCoreApplication, QEvent
            from PySide6.QtWidgets import QApplication

            if QApplication.instance() is not None:
                for widget in QApplication.topLevelWidgets():
                    widget.close()
                    widget.deleteLater()
                QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        gc.collect()
