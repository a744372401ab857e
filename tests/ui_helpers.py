"""Shared by the desktop app tests: a window on a fake clock, with fakes for its seams.

Nothing sleeps: the session is moved forward by advancing a FakeClock and
ticking it, in steps shorter than the session's sleep gap.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject

import spasmtimer.audio
from spasmtimer.core.clock import FakeClock
from spasmtimer.core.history.store import HistoryStore
from spasmtimer.core.routines.routine import Exercise, Hold, Routine, Sides
from spasmtimer.services.settings import Settings
from spasmtimer.ui.dialogs import Dialogs
from spasmtimer.ui.guidance.safety import SafetyDialog
from spasmtimer.ui.guidance.this_hurts import ThisHurtsDialog
from spasmtimer.ui.main_window import MainWindow
from spasmtimer.ui.routines.editor import RoutineEditor

SIZES = ((800, 600), (1280, 800), (1920, 1080))


class FakePlayer(QObject):
    """Records what the window asks of the sound (a CuePlayer that plays nothing)."""

    available = True
    problem = ""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.muted: list[bool] = []
        self.volumes: list[float] = []
        self.voices: list[bool] = []
        self.connected: list[object] = []

    def set_muted(self, muted: bool) -> None:
        self.muted.append(muted)

    def set_volume(self, volume: float) -> None:
        self.volumes.append(volume)

    def set_voice(self, voice: bool) -> None:
        self.voices.append(voice)

    def play(self, cue: object, late: float = 0.0, due: float | None = None) -> None:
        pass

    def step_started(self, seconds: float, late: float = 0.0, due: float | None = None) -> None:
        pass

    def prefetch(self, events: list[object]) -> None:
        pass

    def is_ready(self) -> bool:
        return True

    def stop_all(self) -> None:
        pass

    def seconds_until_quiet(self) -> float:
        return 0.0


def test_routine(path: Path | None = None) -> Routine:
    """Every kind of step: prepare, hold, rest, switch, set rest; a range hold; two exercises."""
    return Routine(
        name="Test routine",
        description="A short routine for tests.",
        sessions_per_day=2,
        exercises=(
            Exercise("Knee hug", Hold(5, 10), reps=2, sets=2, sides=Sides.EACH,
                     prepare=3, rest=2, set_rest=4, instructions="Hug one knee."),
            Exercise("Cat-cow", Hold.fixed(4), reps=2, prepare=2, rest=1),
        ),
        path=path,
    )  # fmt: skip


test_routine.__test__ = False  # type: ignore[attr-defined]  # not a test itself


# A real modal dialog would wait for a click that never comes: the test would
# hang. Unless a test patched one itself, each fails the test instead.
_MODAL = (
    (Dialogs, "ask"),
    (Dialogs, "inform"),
    (Dialogs, "choose_routine_file"),
    (Dialogs, "choose_pdf_path"),
    (Dialogs, "resolve_conflict"),
    (Dialogs, "choose_export_path"),
    (Dialogs, "recover_draft"),
    (RoutineEditor, "ask_unsaved"),
    (SafetyDialog, "ask"),
    (ThisHurtsDialog, "ask"),
)
_ORIGINAL = {(owner, name): owner.__dict__[name] for owner, name in _MODAL}


def refuse_real_dialogs(monkeypatch: Any) -> None:
    for owner, name in _MODAL:
        if owner.__dict__[name] is _ORIGINAL[(owner, name)]:

            def refuse(cls: Any, *args: Any, _name: str = f"{owner.__name__}.{name}") -> Any:
                raise AssertionError(f"a real modal dialog was opened: {_name}{args[1:]}")

            monkeypatch.setattr(owner, name, classmethod(refuse))


def allow_real_dialog(monkeypatch: Any, owner: type, name: str) -> None:
    """Put back a dialog's own ``ask`` (the test patches its ``exec`` instead)."""
    monkeypatch.setattr(owner, name, _ORIGINAL[(owner, name)])


def make_window(
    qtbot: Any,
    tmp_path: Path,
    monkeypatch: Any,
    *,
    clock: FakeClock | None = None,
    history: bool = True,
    player: bool | FakePlayer = True,
    size: tuple[int, int] = (1280, 800),
    guidance: bool = True,
    settings: Path | None = None,
    today: bool = False,
    wall_clock: Callable[[], datetime] = datetime.now,
) -> MainWindow:
    """The app's window as ``spasmtimer`` builds it, on fakes (``guidance``: with its hub).

    The app opens on Today; ``today=False`` goes on to the picker, where most
    tests begin.
    """
    refuse_real_dialogs(monkeypatch)
    clock = clock or FakeClock(1000.0)

    def stamps() -> datetime:  # the history stamps by the window's wall clock
        return wall_clock().astimezone(UTC)

    fake = player if isinstance(player, FakePlayer) else FakePlayer()

    def connect(driver: QObject, p: Any) -> None:
        p.connected.append(driver)

    monkeypatch.setattr(spasmtimer.audio, "connect_driver", connect)
    window = MainWindow(
        clock=clock,
        settings=Settings(settings or tmp_path / "settings.conf"),
        history_factory=(
            (lambda: HistoryStore(tmp_path / "history.sqlite3", clock=stamps)) if history else None
        ),
        player_factory=(lambda parent, settings: fake) if player else None,
        wall_clock=wall_clock,
    )
    if guidance:
        window.care.set_hub(window.care.new_hub())
    window.fake_clock = clock  # type: ignore[attr-defined]
    window.fake_player = fake  # type: ignore[attr-defined]
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    # Keys are caught from the picker's first paint on: wait for it, or a key
    # pressed at once would sometimes go nowhere.
    qtbot.waitUntil(lambda: window.keys.catching, timeout=5000)
    if not today:
        window.routines.show_picker()
    return window


def advance(window: MainWindow, seconds: float, step: float = 0.25) -> None:
    """Move the fake clock ``seconds`` forward, ticking the session on the way."""
    clock = window.fake_clock  # type: ignore[attr-defined]
    session = window.controller.session
    assert session is not None
    left = seconds
    while left > 1e-9:
        d = min(step, left)
        clock.advance(d)
        session.tick()
        left -= d


def advance_to_next_step(window: MainWindow) -> None:
    session = window.controller.session
    assert session is not None
    index = session.step_index
    guard = 0
    while session.step_index == index and guard < 10_000:
        advance(window, 0.25)
        guard += 1
