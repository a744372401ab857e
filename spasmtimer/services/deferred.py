"""Calling a slot a little later, for as long as its owner lives.

``QTimer.singleShot(ms, context, slot)`` in PySide6 keeps ``slot`` (and so
its object) alive when ``context`` is deleted before the timer fires: a
window closed within that time was never freed. A child QTimer goes with
its parent, and its connection with it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


def call_later(parent: QObject, ms: int, slot: Callable[[], object]) -> QTimer:
    """Call ``slot`` once after ``ms`` milliseconds, unless ``parent`` is deleted first."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.timeout.connect(slot)
    timer.timeout.connect(timer.deleteLater)
    timer.start(ms)
    return timer
