"""What the session screen costs while a step runs, counted on a fake clock.

The GUI thread wakes for the ring only when its arc is due to move a few
pixels, repaints only the ring (not the window under it), and a second going
by repaints the digits and the labels without laying the window out again.
Counts, never timings: how long these take is bench/hold_cpu.py's business.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget
from ui_helpers import make_window

from spasmtimer.core.routines.routine import Exercise, Hold, Routine
from spasmtimer.ui.main_window import MainWindow
from spasmtimer.ui.session.countdown_ring import (
    MAX_STEPS_PER_SECOND,
    MIN_ARC_STEP_PX,
    VISIBLE_PX,
    CountdownRing,
)


class Events(QObject):
    """Counts events of some types that reach the watched widgets."""

    def __init__(self, *kinds: QEvent.Type) -> None:
        super().__init__()
        self.kinds = kinds
        self.counts: dict[str, int] = {}

    def watch(self, name: str, widget: QObject) -> None:
        self.counts[name] = 0
        widget.installEventFilter(self)
        widget.setProperty("counted_as", name)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self.kinds:
            name = watched.property("counted_as")
            self.counts[name] = self.counts.get(name, 0) + 1
        return False

    def reset(self) -> None:
        self.counts = dict.fromkeys(self.counts, 0)


def one_hold(seconds: float) -> Routine:
    return Routine(
        name="One hold",
        exercises=(Exercise("Long hold", Hold.fixed(seconds), prepare=0, rest=0, set_rest=0),),
    )


def hold_window(qtbot: Any, tmp_path: Path, monkeypatch: Any, seconds: float) -> MainWindow:
    # The window finishes its set-up (the colour scheme: a repaint of
    # everything) 50 ms after its first paint, on a real timer: not during a count.
    set_up: list[bool] = []
    finish_set_up = MainWindow._after_first_paint

    def after_first_paint(self: MainWindow) -> None:
        finish_set_up(self)
        set_up.append(True)

    monkeypatch.setattr(MainWindow, "_after_first_paint", after_first_paint)
    window = make_window(qtbot, tmp_path, monkeypatch, size=(1280, 800))
    qtbot.waitUntil(lambda: bool(set_up), timeout=5000)
    window.session.start(one_hold(seconds))
    QApplication.processEvents()
    return window


Wake = tuple[float, str, float, dict[str, int]]


def run_like_the_event_loop(
    window: MainWindow, seconds: float, events: Events | None = None
) -> list[Wake]:
    """Move the fake clock as the real timers would fire: the driver at each
    whole second, the view's animation timer when it asks. Returns, for each
    wake-up, (step time, who woke, the ring's fraction after it, the events
    counted by ``events`` during it)."""
    clock = window.fake_clock  # type: ignore[attr-defined]
    session = window.controller.session
    view = window.session.view
    assert session is not None
    end = session.step_elapsed() + seconds
    wakes: list[Wake] = []
    while session.step_elapsed() < end - 1e-9:
        to_second = session.step_remaining() - math.floor(session.step_remaining() - 1e-9)
        ring_wait = view.next_ring_step_in()
        if ring_wait is not None and ring_wait < to_second - 1e-9:
            clock.advance(ring_wait)
            view._on_animation_timeout()  # what the timer's timeout does
            who = "ring"
        else:
            clock.advance(to_second)
            session.tick()  # what the driver's timer does
            who = "second"
        QApplication.processEvents()
        counted = dict(events.counts) if events is not None else {}
        if events is not None:
            events.reset()
        wakes.append((session.step_elapsed(), who, view.ring.fraction, counted))
    return wakes


def test_a_long_hold_moves_the_arc_in_small_even_steps_and_wakes_for_nothing_else(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = hold_window(qtbot, tmp_path, monkeypatch, 120)
    view, ring = window.session.view, window.session.view.ring
    steps = ring.arc_steps_per_second(120)
    speed = ring._circumference() / 120  # pixels a second
    assert steps == math.ceil(speed / MIN_ARC_STEP_PX)
    assert 2 <= steps < MAX_STEPS_PER_SECOND  # a real ring: a few steps, not ten
    paints = Events(QEvent.Type.Paint)
    paints.watch("ring", ring)
    paints.watch("view", view)

    run_like_the_event_loop(window, 1)  # the first second: the window settles
    paints.reset()
    wakes = run_like_the_event_loop(window, 10, paints)

    assert len(wakes) == 10 * steps  # (steps - 1) for the ring and one second, each second
    assert sum(1 for w in wakes if w[1] == "second") == 10
    times = [w[0] for w in wakes]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert all(abs(g - 1 / steps) < 2e-3 for g in gaps)  # evenly spaced
    fractions = [w[2] for w in wakes]
    moves = [(a - b) * ring._circumference() for a, b in itertools.pairwise(fractions)]
    assert all(VISIBLE_PX <= m <= MIN_ARC_STEP_PX + 1e-6 for m in moves)
    assert all(w[3]["ring"] == 1 for w in wakes)  # one repaint per wake-up
    # A step of the arc repaints the ring alone, not the view (and window) under it.
    assert all(w[3]["view"] == 0 for w in wakes if w[1] == "ring")


def test_the_number_changes_exactly_on_the_second(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = hold_window(qtbot, tmp_path, monkeypatch, 120)
    clock = window.fake_clock  # type: ignore[attr-defined]
    session = window.controller.session
    view = window.session.view
    assert session is not None
    clock.advance(2.999)
    session.tick()
    view._on_animation_timeout()
    assert view.ring.text == "1:58"  # 117.001 s left: still 1:58 on screen
    clock.advance(0.001)
    session.tick()
    assert view.ring.text == "1:57"


def test_a_very_long_hold_moves_the_arc_with_the_seconds_only(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = hold_window(qtbot, tmp_path, monkeypatch, 1800)
    view = window.session.view
    assert view.ring.arc_steps_per_second(1800) == 1
    assert view.next_ring_step_in() is None
    assert not view._animation.isActive()  # no wake-ups between the seconds
    wakes = run_like_the_event_loop(window, 3)
    assert [w[1] for w in wakes] == ["second"] * 3


def test_a_short_step_moves_the_arc_at_most_ten_times_a_second(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = hold_window(qtbot, tmp_path, monkeypatch, 3)
    view = window.session.view
    assert view.ring.arc_steps_per_second(3) == MAX_STEPS_PER_SECOND
    wakes = run_like_the_event_loop(window, 2)
    assert len(wakes) == 2 * MAX_STEPS_PER_SECOND
    wait = view.next_ring_step_in()
    assert wait is not None and abs(wait - 1 / MAX_STEPS_PER_SECOND) < 1e-6
    assert view._animation.isActive()


def test_pausing_stops_the_animation(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = hold_window(qtbot, tmp_path, monkeypatch, 120)
    view = window.session.view
    assert view._animation.isActive()
    window.controller.pause()
    assert view.next_ring_step_in() is None and not view._animation.isActive()


def test_a_second_going_by_lays_nothing_out_again(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = hold_window(qtbot, tmp_path, monkeypatch, 120)
    view = window.session.view
    layouts = Events(QEvent.Type.LayoutRequest)
    layouts.watch("view", view)  # a label that changes size asks the view first
    run_like_the_event_loop(window, 1)  # the first second: the window settles
    layouts.reset()
    run_like_the_event_loop(window, 5)
    assert layouts.counts == {"view": 0}
    # The time left has room for the widest text the routine can show.
    label = view.time_left
    assert label.minimumSize() == label.maximumSize()
    assert label.text() == "1:54 left"
    for text in ("8:88 left", "0:00 left"):
        label.setText(text)
        assert label.sizeHint().width() <= label.width()


def test_the_progress_bar_repaints_with_the_rest_of_the_frame(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = hold_window(qtbot, tmp_path, monkeypatch, 120)
    clock = window.fake_clock  # type: ignore[attr-defined]
    session = window.controller.session
    view = window.session.view
    assert session is not None
    paints = Events(QEvent.Type.Paint)
    paints.watch("progress", view.progress)
    before = view.progress.value()
    clock.advance(1.0)
    session.tick()  # refreshes the view: a new value
    assert view.progress.value() > before
    assert paints.counts["progress"] == 0  # not painted at once, on its own
    QApplication.processEvents()
    assert paints.counts["progress"] >= 1


def test_a_new_number_repaints_the_digits_not_the_whole_ring(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    ring = CountdownRing(parent)
    ring.resize(400, 400)
    parent.show()
    qtbot.waitExposed(parent)
    ring.show_state(12, 0.5, QColor("green"), True)
    QApplication.processEvents()
    regions: list[int] = []

    class Catch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                regions.append(sum(r.width() * r.height() for r in event.region()))  # type: ignore[attr-defined]
            return False

    catch = Catch()
    ring.installEventFilter(catch)
    ring.show_state(11, 0.5 - 1 / 24, QColor("green"), True)
    QApplication.processEvents()
    assert len(regions) == 1 and regions[0] < 0.5 * 400 * 400
    ring.show_state(11, 0.5 - 1 / 24, QColor("blue"), False)  # a new step's look: all of it
    QApplication.processEvents()
    assert regions[-1] == 400 * 400


def test_the_arc_ignores_moves_too_small_to_see_and_always_reaches_the_end(qtbot: Any) -> None:
    ring = CountdownRing()
    qtbot.addWidget(ring)
    ring.resize(400, 400)
    ring.show_state(120, 1.0, QColor("green"), True)
    circumference = ring._circumference()
    tiny = 1.0 - 0.5 * VISIBLE_PX / circumference
    ring.set_fraction(tiny)
    assert ring.fraction == 1.0  # not repainted, not moved
    step = 1.0 - 2 * VISIBLE_PX / circumference
    ring.set_fraction(step)
    assert ring.fraction == step
    ring.set_fraction(0.0001)
    ring.set_fraction(0.0)
    assert ring.fraction == 0.0  # the very end shows even when it is a short move
