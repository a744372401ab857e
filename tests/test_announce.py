"""Headings for screen readers (ui/announce.py): the role, the name, and no leak or crash."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from spasmtimer.ui import announce
from spasmtimer.ui.announce import mark_heading


def test_a_marked_label_is_a_heading_named_by_its_text(qtbot: QtBot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    title = mark_heading(QLabel("Today", page))
    body = QLabel("Still to do today: 2 sessions.", page)
    interface = QAccessible.queryAccessibleInterface(title)
    assert interface.role() == QAccessible.Role.Heading
    assert interface.text(QAccessible.Text.Name) == "Today"
    title.setText("Choose a routine")
    assert interface.text(QAccessible.Text.Name) == "Choose a routine"
    assert QAccessible.queryAccessibleInterface(body).role() == QAccessible.Role.StaticText


def test_headings_go_with_their_labels(qtbot: QtBot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    before = len(announce._made)
    for n in range(50):
        label = mark_heading(QLabel(f"Heading {n}", page))
        assert QAccessible.queryAccessibleInterface(label).role() == QAccessible.Role.Heading
        label.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    assert len(announce._made) == before
    survivor = mark_heading(QLabel("Still here", page))
    interface = QAccessible.queryAccessibleInterface(survivor)
    assert interface.text(QAccessible.Text.Name) == "Still here"


def test_a_label_read_before_it_was_marked_becomes_a_heading(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    title = QLabel("Seek care now if…", page)
    assert QAccessible.queryAccessibleInterface(title).role() == QAccessible.Role.StaticText
    monkeypatch.setattr(QAccessible, "isActive", staticmethod(lambda: True))
    mark_heading(title)
    assert QAccessible.queryAccessibleInterface(title).role() == QAccessible.Role.Heading
