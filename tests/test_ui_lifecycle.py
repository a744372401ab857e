"""Windows live and die as Qt says, with the garbage collector on, as in the app.

The suite once turned the collector off: the main window and its guidance
hub referred to each other, so only a collection freed them, and one that
fell while another window was painting crashed the process. The cycles are
gone; these tests keep them gone.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from ui_helpers import FakePlayer, advance, make_window, refuse_real_dialogs, test_routine

from spasmtimer.core.clock import FakeClock
from spasmtimer.core.guidance.safety import HurtReport
from spasmtimer.core.history.store import HistoryStore
from spasmtimer.core.today.reminders import ReminderSettings
from spasmtimer.services.settings import Settings
from spasmtimer.ui.guidance.reminders import ReminderSettingsDialog
from spasmtimer.ui.guidance.safety import SafetyDialog
from spasmtimer.ui.guidance.this_hurts import ThisHurtsDialog
from spasmtimer.ui.intents import Screen
from spasmtimer.ui.main_window import MainWindow

# The offscreen platform cannot raise windows or pass size hints; that is all.
pytestmark = pytest.mark.qt_log_ignore("does not support raise", "propagateSizeHints")


class CollectWhilePainting(QObject):
    """An application-wide filter that runs a full collection inside every paint."""

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
            gc.collect()
        return False


@pytest.fixture
def collect_in_paint(qapp: QApplication) -> Iterator[CollectWhilePainting]:
    spy = CollectWhilePainting()
    qapp.installEventFilter(spy)
    yield spy
    qapp.removeEventFilter(spy)


def one_event_loop_turn() -> None:
    loop = QEventLoop()
    QTimer.singleShot(0, loop.quit)
    loop.exec()


def paint(widget: QWidget) -> None:
    assert not widget.grab().isNull()


def test_every_screen_and_dialog_opens_and_closes_while_the_collector_runs(
    qtbot: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    collect_in_paint: CollectWhilePainting,
) -> None:
    assert gc.isenabled()
    window = make_window(qtbot, tmp_path, monkeypatch)
    paint(window)  # the picker
    window.routines.picker.list.setCurrentRow(0)
    window.routines.picker.choose_current()
    assert window.nav.current() is Screen.OVERVIEW
    paint(window)
    window.routines.overview.start_button.click()
    assert window.nav.current() is Screen.PAIN
    paint(window)
    window.session.pain_view.rating.skip_button.click()
    assert window.nav.current() is Screen.SESSION
    paint(window)
    window.controller.pause()
    paint(window)  # the pause overlay
    window.controller.stop()
    assert window.nav.current() is Screen.FINISH
    paint(window)

    window.history_feature.show()
    assert window.history_feature.window is not None
    paint(window.history_feature.window)
    window.history_feature.window.tabs.setCurrentIndex(1)  # the pain chart
    paint(window.history_feature.window)
    window.history_feature.window.close()
    window.session.show_sound_settings()
    paint(window.session.sound_dialog)
    window.session.sound_dialog.close()
    window.show_help()
    paint(window._help)
    window._help.close()

    hub = window.care.ensure()
    hub.show_learn()
    assert hub._learn_dialog is not None
    paint(hub._learn_dialog)
    hub._learn_dialog.close()
    hub.show_ice_heat()
    assert hub._ice_dialog is not None
    paint(hub._ice_dialog)
    hub._ice_dialog.close()
    # The modal ones, made as their ask() makes them, painted, and closed.
    for dialog in (
        SafetyDialog(window, first_launch=True),
        ThisHurtsDialog("Knee hug", window),
        ReminderSettingsDialog(ReminderSettings(), [("Back spasm relief", 2)], [], window),
    ):
        dialog.show()
        paint(dialog)
        dialog.close()
        dialog.deleteLater()
    window.routines.show_picker()
    paint(window)
    assert collect_in_paint.paints > 20


def _used_window(qtbot: Any, tmp_path: Path) -> MainWindow:
    """The app's window on fakes, used everywhere, with no test fixture holding on to it."""
    clock = FakeClock(1000.0)
    window = MainWindow(
        clock=clock,
        settings=Settings(tmp_path / "settings.conf"),
        history_factory=lambda: HistoryStore(tmp_path / "history.sqlite3"),
        player_factory=lambda parent, settings: FakePlayer(parent),
    )
    window.fake_clock = clock  # type: ignore[attr-defined]  # for advance()
    window.show()
    qtbot.waitUntil(lambda: window.keys.catching, timeout=5000)
    qtbot.wait(100)  # past the first paint's deferred set-up
    hub = window.care.ensure()
    hub.show_learn()
    window.session.start(test_routine())
    window.session.view.hurts_button.click()  # the hub, the controller, the recorder
    window.controller.resume()
    advance(window, 3)
    window.history_feature.show()
    window.session.show_sound_settings()
    return window


def test_a_closed_window_is_freed_without_the_collector(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refuse_real_dialogs(monkeypatch)

    def hurts(cls: Any, parent: Any, exercise: str) -> HurtReport:
        return HurtReport(exercise, sharp_or_spreading=False, skip_next_time=True)

    monkeypatch.setattr(ThisHurtsDialog, "ask", classmethod(hurts))
    window = _used_window(qtbot, tmp_path)
    assert window.care.hub is not None and window.controller.recorder is not None
    window_ref, hub_ref = weakref.ref(window), weakref.ref(window.care.hub)
    controller_ref = weakref.ref(window.controller)

    # Reference counting alone must free it: no cycle may need the collector.
    gc.collect()
    gc.disable()
    try:
        window.close()
        window.deleteLater()
        del window
        one_event_loop_turn()
        assert window_ref() is None
        assert hub_ref() is None
        assert controller_ref() is None
    finally:
        gc.enable()
