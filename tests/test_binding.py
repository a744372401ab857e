"""The Qt binding must not corrupt None's reference count (PySide6 6.12.0 on 3.11 does)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot


def test_qt_calls_returning_nothing_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    app = QApplication.instance()
    assert app is not None
    before = sys.getrefcount(None)
    for i in range(1000):
        label.setText(str(i))
        app.processEvents()
    drift = sys.getrefcount(None) - before
    # A sound binding moves it by a handful at most; the broken one by -2 per loop.
    assert drift > -100, f"None lost {-drift} references over 1,000 Qt calls: broken binding"
