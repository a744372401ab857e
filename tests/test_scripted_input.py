"""Scripted input (``SPASMTIMER_SCRIPTED_INPUT``): the keys, menus and texts of the a11y check."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QMainWindow, QMenu, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from spasmtimer.ui import scripted_input
from spasmtimer.ui.scripted_input import ScriptedInput

# The offscreen platform warns about a main window's size hints and raising it.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


class KeyLog(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.keys: list[tuple[int, Qt.KeyboardModifier, str]] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            self.keys.append((event.key(), event.modifiers(), event.text()))
        return False


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[tuple[QMainWindow, QLineEdit, int]]:
    main = QMainWindow()
    body = QWidget()
    layout = QVBoxLayout(body)
    layout.addWidget(QLabel("How bad is the pain right now?"))
    field = QLineEdit()
    layout.addWidget(field)
    main.setCentralWidget(body)
    menu = QMenu("&File", main)
    main.menuBar().addMenu(menu)
    menu.addAction("&Sound…").setObjectName("sound")
    menu.addAction("&History…\tY").setObjectName("history")
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    read, write = os.pipe()
    ScriptedInput(main, fd=read)
    yield main, field, write
    os.close(write)
    os.close(read)


def say(qtbot: QtBot, capsys: pytest.CaptureFixture[str], write: int, line: str) -> list[str]:
    """Send ``line``; the app's answers once it said ``ok`` or ``error``."""
    os.write(write, (line + "\n").encode())
    answers: list[str] = []

    def answered() -> bool:
        answers.extend(capsys.readouterr().out.splitlines())
        return any(a.startswith(("ok ", "error ")) for a in answers)

    qtbot.waitUntil(answered, timeout=5000)
    return answers


def test_typed_text_and_keys_reach_the_focused_widget(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], window: tuple[QMainWindow, QLineEdit, int]
) -> None:
    _main, field, write = window
    assert say(qtbot, capsys, write, "type Hi there") == ["ok 1"]
    assert field.text() == "Hi there"
    log = KeyLog()
    field.installEventFilter(log)
    assert say(qtbot, capsys, write, "key Ctrl+Y") == ["ok 2"]
    assert say(qtbot, capsys, write, "key R") == ["ok 3"]
    assert log.keys == [
        (Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier, ""),
        (Qt.Key.Key_R, Qt.KeyboardModifier.NoModifier, "r"),
    ]


def test_a_menu_entry_is_chosen_by_its_visible_text(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], window: tuple[QMainWindow, QLineEdit, int]
) -> None:
    main, _field, write = window
    chosen: list[str] = []
    for action in main.findChildren(QMenu)[0].actions():
        action.triggered.connect(lambda *_, a=action: chosen.append(a.objectName()))
    assert say(qtbot, capsys, write, "menu File/History…") == ["ok 1"]
    qtbot.waitUntil(lambda: chosen == ["history"])
    answer = say(qtbot, capsys, write, "menu File/Print")
    assert answer[0].startswith("error 2 ") and "'Print'" in answer[0]


def test_texts_lists_what_the_window_shows(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], window: tuple[QMainWindow, QLineEdit, int]
) -> None:
    _main, _field, write = window
    answers = say(qtbot, capsys, write, "texts")
    assert answers[-1] == "ok 1"
    verb, number, texts = answers[0].split(" ", 2)
    assert (verb, number) == ("texts", "1")
    assert json.loads(texts) == ["How bad is the pain right now?"]
    assert say(qtbot, capsys, write, "jump")[0].startswith("error 2 unknown command")


def test_it_is_off_unless_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(scripted_input.ENV, raising=False)
    assert not scripted_input.wanted()
    monkeypatch.setenv(scripted_input.ENV, "1")
    assert scripted_input.wanted()
