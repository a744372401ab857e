"""The desktop's text at 200 %: Today, a session and the editor cut no text off.

The desktop's text size reaches Qt as the application font (its size and
DPI); here the font is doubled, as a desktop set to 200 % text does.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from clipping import clipped_texts
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from ui_helpers import advance, make_window, test_routine

from spasmtimer.ui.theme import desktop_text_px

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


@pytest.fixture
def large_text(qapp: QApplication) -> Iterator[int]:
    usual = qapp.font()
    big = QFont(usual)
    big.setPixelSize(2 * QFont(usual).pixelSize() if usual.pixelSize() > 0 else 26)
    if usual.pixelSize() <= 0:
        big.setPointSizeF(usual.pointSizeF() * 2)
    qapp.setFont(big)
    try:
        yield desktop_text_px()
    finally:
        qapp.setFont(usual)


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_today_session_and_editor_at_200_percent(
    qtbot: QtBot, tmp_path: Path, monkeypatch: Any, large_text: int, size: tuple[int, int]
) -> None:
    assert large_text >= 24  # the desktop's text, doubled
    window = make_window(qtbot, tmp_path, monkeypatch, today=True, size=size)
    qtbot.wait(1)  # fonts follow the size on the next turn of the loop
    assert clipped_texts(window) == []
    assert window.today.view.left_label.font().pixelSize() >= large_text

    window.session.start(test_routine())
    advance(window, 1.0)
    qtbot.wait(1)
    assert clipped_texts(window) == []

    window.session.controller.stop()
    window.routines.show_picker()
    window.editing.new_routine()
    qtbot.wait(1)
    assert window.editing.editor is not None
    assert clipped_texts(window) == []


def test_the_check_sees_a_cut_off_label_and_button(qtbot: QtBot) -> None:
    window = QWidget()
    row = QHBoxLayout(window)
    label = QLabel("Back spasm relief, session 2 of 2, at about 15:00")
    button = QPushButton("Start the session (Enter)")
    row.addWidget(label)
    row.addWidget(button)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert clipped_texts(window) == []
    label.setFixedWidth(60)
    button.setFixedWidth(50)
    found = clipped_texts(window)
    assert len(found) == 2 and found[0].startswith("label 'Back spasm")
    assert found[1].startswith("button 'Start the session (Enter)'")
