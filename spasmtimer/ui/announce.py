"""Telling a screen reader about a change the user should hear now (a step, a notice).

A label whose text changes is read again only when the reader looks at it;
an announcement is spoken when it happens (AT-SPI ``object:announcement``,
which Orca speaks). Only when an assistive technology listens: otherwise
nothing is built or sent.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget


def announce(widget: QWidget, message: str, *, urgent: bool = False) -> None:
    """Have a screen reader say ``message`` (``urgent``: at once, over what it is saying)."""
    if not message or not QAccessible.isActive():
        return
    event = QAccessibleAnnouncementEvent(widget, message)
    if urgent:
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)
