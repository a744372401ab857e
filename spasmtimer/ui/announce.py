"""What a screen reader needs beyond names: announcements of changes, and headings.

:func:`announce` has a reader say a change the user should hear now (a step,
a notice): a label whose text changes is read again only when the reader
looks at it, an announcement is spoken when it happens (AT-SPI
``object:announcement``, which Orca speaks).

:func:`mark_heading` makes a label a heading (Qt gives every label the role
"label"), so a reader says "heading" and can jump between them. Both cost
nothing unless an assistive technology listens.
"""

from __future__ import annotations

import functools
from typing import Any

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QAccessibleWidget, QLabel, QWidget

HEADING = "accessibleHeading"  # the property :func:`mark_heading` sets


def announce(widget: QWidget, message: str, *, urgent: bool = False) -> None:
    """Have a screen reader say ``message`` (``urgent``: at once, over what it is saying)."""
    if not message or not QAccessible.isActive():
        return
    event = QAccessibleAnnouncementEvent(widget, message)
    if urgent:
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)


class _Heading(QAccessibleWidget):
    """A label as a heading: its text is its name."""

    def __init__(self, label: QLabel) -> None:
        super().__init__(label, QAccessible.Role.Heading)
        self._label = label

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return self._label.accessibleName() or self._label.text()
        return super().text(kind)


# Qt owns and deletes an interface the factory made when its label goes; the
# Python side keeps each alive until then, and is told then not to delete it.
_made: dict[int, _Heading] = {}


def _factory(_class_name: str, obj: QObject) -> Any:
    if not isinstance(obj, QLabel) or not obj.property(HEADING):
        return None
    interface = _Heading(obj)
    key = id(obj)
    _made[key] = interface
    obj.destroyed.connect(lambda *_: _forget(key))
    return interface


def _forget(key: int) -> None:
    interface = _made.pop(key, None)
    if interface is not None:
        shiboken6.invalidate(interface)  # Qt deletes it, not Python


@functools.cache
def _install_factory() -> None:
    QAccessible.installFactory(_factory)


def mark_heading(label: QLabel) -> QLabel:
    """Have screen readers read ``label`` as a heading; returns it."""
    _install_factory()
    label.setProperty(HEADING, True)
    if QAccessible.isActive():
        # Made already (as a plain label, by setting its text)? Made again, as a heading.
        interface = QAccessible.queryAccessibleInterface(label)
        if interface is not None and interface.role() != QAccessible.Role.Heading:
            QAccessible.deleteAccessibleInterface(QAccessible.uniqueId(interface))
    return label
