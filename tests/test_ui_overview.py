"""The overview: exercises, holds, total time, hold levels, Start and Back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from ui_helpers import make_window, test_routine

from spasmtimer.core.routines.routine import Hold
from spasmtimer.core.session.machine import SessionState
from spasmtimer.ui.dialogs import Dialogs
from spasmtimer.ui.intents import Screen
from spasmtimer.ui.main_window import MainWindow
from spasmtimer.ui.routines.overview import hold_text

Key = Qt.Key


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    w = make_window(qtbot, tmp_path, monkeypatch)
    w.routines.show_overview(test_routine())
    return w


def cell(window: MainWindow, row: int, col: int) -> str:
    item = window.routines.overview.table.item(row, col)
    assert item is not None
    return item.text()


def test_hold_text() -> None:
    assert hold_text(Hold.fixed(30), 0) == "30 s"
    assert hold_text(Hold(5, 10), 2) == "5–10 s · now 7 s"


def test_lists_the_exercises_and_the_total(window: MainWindow) -> None:
    assert window.nav.current() is Screen.OVERVIEW
    assert window.routines.overview.title.text() == "Test routine"
    assert [cell(window, r, 0) for r in range(2)] == ["Knee hug", "Cat-cow"]
    assert cell(window, 0, 1) == "5–10 s · now 5 s"
    assert cell(window, 0, 2) == "2 per side × 2"
    assert cell(window, 0, 3) == "each side"
    assert cell(window, 1, 1) == "4 s"
    assert cell(window, 1, 2) == "2 × 1"
    assert window.routines.overview.total.text() == "Total: 1 min"


def test_plus_and_minus_change_the_level_and_it_is_remembered(
    qtbot: Any, window: MainWindow
) -> None:
    before = window.routines.overview.total.text()
    qtbot.keyClick(window, Key.Key_Plus)
    qtbot.keyClick(window, Key.Key_Plus)
    assert cell(window, 0, 1) == "5–10 s · now 7 s"
    assert window.history.store.levels_for("Test routine") == {"Knee hug": 2}
    qtbot.keyClick(window, Key.Key_Minus)
    assert cell(window, 0, 1) == "5–10 s · now 6 s"
    assert window.history.store.levels_for("Test routine") == {"Knee hug": 1}
    assert window.routines.overview.total.text() != before or before == "Total: 1 min"
    # Shown again, it comes back at the remembered level.
    window.routines.show_overview(test_routine())
    assert cell(window, 0, 1) == "5–10 s · now 6 s"


def test_plus_and_minus_are_recorded_in_the_level_changes(qtbot: Any, window: MainWindow) -> None:
    from spasmtimer.core.guidance.progression import Change
    from spasmtimer.core.history import level_changes

    qtbot.keyClick(window, Key.Key_Plus)
    qtbot.keyClick(window, Key.Key_Plus)
    qtbot.keyClick(window, Key.Key_Minus)
    store = window.history.store
    assert store is not None
    got = level_changes.changes(store.connection, "Test routine")
    assert [(c.change, c.from_level, c.to_level) for c in got] == [
        (Change.UP, 0, 1),
        (Change.UP, 1, 2),
        (Change.DOWN, 2, 1),
    ]
    assert got[-1].describe() == ("Knee hug: 7 → 6 seconds (shorter). You chose it with + / −.")


def test_fixed_holds_do_not_change(qtbot: Any, window: MainWindow) -> None:
    window.routines.overview.table.setCurrentCell(1, 0)
    assert not window.routines.overview.up_button.isEnabled()
    qtbot.keyClick(window, Key.Key_Plus)
    assert cell(window, 1, 1) == "4 s"


def test_level_buttons(window: MainWindow) -> None:
    assert not window.routines.overview.down_button.isEnabled()
    window.routines.overview.up_button.click()
    assert cell(window, 0, 1) == "5–10 s · now 6 s"
    window.routines.overview.down_button.click()
    assert cell(window, 0, 1) == "5–10 s · now 5 s"


@pytest.mark.parametrize("key", [Key.Key_Return, Key.Key_Enter, Key.Key_Space])
def test_enter_or_space_starts(qtbot: Any, window: MainWindow, key: Key) -> None:
    qtbot.keyClick(window, Key.Key_Plus)
    qtbot.keyClick(window, key)
    assert window.nav.current() is Screen.PAIN  # one question first, skippable
    assert window.controller.session is None
    qtbot.keyClick(window, key)  # the same key again: start without a rating
    assert window.nav.current() is Screen.SESSION
    assert window.controller.session is not None
    assert window.controller.session.state is SessionState.RUNNING
    assert window.controller.session.levels[0] == 1


def test_start_button(window: MainWindow) -> None:
    window.routines.overview.start_button.click()
    assert window.nav.current() is Screen.PAIN
    window.session.pain_view.rating.skip_button.click()
    assert window.nav.current() is Screen.SESSION


def test_without_a_history_start_asks_nothing(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = make_window(qtbot, tmp_path, monkeypatch, history=False)
    w.routines.show_overview(test_routine())
    w.routines.overview.start_button.click()
    assert w.nav.current() is Screen.SESSION


@pytest.mark.parametrize("key", [Key.Key_Escape, Key.Key_Backspace])
def test_esc_goes_back(qtbot: Any, window: MainWindow, key: Key) -> None:
    qtbot.keyClick(window, key)
    assert window.nav.current() is Screen.PICKER


def test_back_button(window: MainWindow) -> None:
    window.routines.overview.back_button.click()
    assert window.nav.current() is Screen.PICKER


def test_print_handout_writes_the_pdf(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.routines.overview.print_button.isVisibleTo(window)
    suggested: list[Path] = []

    def choose(cls: Any, parent: Any, start: Path) -> Path:
        suggested.append(start)
        return tmp_path / "handout"  # no suffix typed: .pdf is added

    told: list[tuple[str, str]] = []
    monkeypatch.setattr(Dialogs, "choose_pdf_path", classmethod(choose))
    monkeypatch.setattr(Dialogs, "inform", classmethod(lambda cls, p, t, x: told.append((t, x))))
    window.routines.overview.print_button.click()
    pdf = tmp_path / "handout.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert suggested[0].suffix == ".pdf"
    assert told == [("Handout written", f"The handout (1 page) is in {pdf}")]


def test_print_handout_cancelled_or_failing(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(Dialogs, "inform", classmethod(lambda cls, p, t, x: told.append((t, x))))
    monkeypatch.setattr(Dialogs, "choose_pdf_path", classmethod(lambda cls, p, s: None))
    qtbot.keyClick(window, Key.Key_Print)
    assert told == []  # cancelled: nothing written, nothing said
    missing = tmp_path / "no such folder" / "h.pdf"
    monkeypatch.setattr(Dialogs, "choose_pdf_path", classmethod(lambda cls, p, s: missing))
    window.routines.overview.print_button.click()
    [(title, text)] = told
    assert title == "Could not write the handout"
    assert "does not exist" in text and "no such folder" in text
    assert not missing.exists()


def test_up_and_down_choose_the_exercise(qtbot: Any, window: MainWindow) -> None:
    qtbot.keyClick(window, Key.Key_Down)
    assert window.routines.overview.selected_exercise() == 1
    qtbot.keyClick(window, Key.Key_Up)
    qtbot.keyClick(window, Key.Key_Plus)
    assert cell(window, 0, 1) == "5–10 s · now 6 s"
