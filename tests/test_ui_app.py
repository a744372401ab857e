"""How ``spasmtimer`` and ``spasmtimer start`` set up the guidance around the window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from ui_helpers import make_window, test_routine

from spasmtimer.ui import app as app_mod
from spasmtimer.ui.guidance.hub import GuidanceHub
from spasmtimer.ui.guidance.safety import SafetyDialog
from spasmtimer.ui.intents import Screen


@pytest.fixture
def safety_shown(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    shown: list[bool] = []

    def fake_ask(cls: Any, parent: Any, first_launch: bool = False) -> bool:
        shown.append(first_launch)
        return True

    monkeypatch.setattr(SafetyDialog, "ask", classmethod(fake_ask))
    return shown


def test_the_app_shows_the_safety_screen_on_first_launch(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, safety_shown: list[bool]
) -> None:
    monkeypatch.delenv("SPASMTIMER_BENCH_READY", raising=False)
    window = make_window(qtbot, tmp_path, monkeypatch, guidance=False)
    safety_shown.clear()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app_mod.attach_guidance(window, app, full=True)
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "&Care", "&Help"]
    assert window.care.hub is None  # made once the picker is on screen
    window.pickerShown.emit()
    assert isinstance(window.care.hub, GuidanceHub)
    assert safety_shown == [True]
    # Acknowledged: the next launch does not show it.
    second = make_window(
        qtbot, tmp_path / "2", monkeypatch, guidance=False, settings=window.settings.path
    )
    app_mod.attach_guidance(second, app, full=True)
    second.pickerShown.emit()
    assert second.care.hub is not None
    assert safety_shown == [True]
    app.setQuitOnLastWindowClosed(True)


def test_start_asks_nothing_but_this_hurts_works(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, safety_shown: list[bool]
) -> None:
    window = make_window(qtbot, tmp_path, monkeypatch, guidance=False)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app_mod.attach_guidance(window, app, full=False)
    window.session.start(test_routine())
    window.pickerShown.emit()
    assert safety_shown == []  # "no questions asked"
    assert app.quitOnLastWindowClosed()  # --exit-when-done must be able to end
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "&Care", "&Help"]
    hub = window.care.ensure()
    assert hub is not None and hub.tray.tray is None  # the app's own tray is elsewhere
    asked: list[str] = []
    monkeypatch.setattr(hub, "this_hurts", lambda: asked.append("hurts"))
    window.session.view.hurts_button.click()
    assert asked == ["hurts"]
    assert window.nav.current() is Screen.SESSION


def test_a_window_without_a_hub_makes_one_for_this_hurts(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from spasmtimer.core.guidance.safety import HurtReport
    from spasmtimer.ui.guidance.this_hurts import ThisHurtsDialog

    window = make_window(qtbot, tmp_path, monkeypatch, guidance=False)
    monkeypatch.setattr(
        ThisHurtsDialog, "ask", classmethod(lambda cls, p, e: HurtReport(e, False, False))
    )
    window.session.start(test_routine())
    window.intents.trigger(app_mod_action("HURTS"))
    assert window.care.hub is not None
    assert [e.kind for e in window.history.store.events()] == ["hurts"]


def app_mod_action(name: str) -> Any:
    from spasmtimer.ui.intents import Intent

    return Intent[name]


def test_the_guidance_menus_make_the_hub_on_first_use(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, safety_shown: list[bool]
) -> None:
    window = make_window(qtbot, tmp_path, monkeypatch, guidance=False)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app_mod.attach_guidance(window, app, full=False)
    assert window.care.hub is None
    care_help = {x.text(): x for a in window.menuBar().actions() for x in a.menu().actions()}
    care_help["&Seek care now if…"].trigger()
    assert safety_shown == [False]  # from the Help menu, not a first launch
    assert window.care.hub is not None
