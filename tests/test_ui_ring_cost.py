"""The countdown ring repaints only when its arc has moved far enough to be worth it."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor

from spasmtimer.ui.session.countdown_ring import MIN_ARC_STEP_PX, CountdownRing


def test_the_arc_moves_in_steps_of_a_few_pixels_and_always_reaches_the_end(qtbot: Any) -> None:
    ring = CountdownRing()
    qtbot.addWidget(ring)
    ring.resize(400, 400)
    ring.show_state(120, 1.0, QColor("green"), True)
    circumference = ring._circumference()
    small = 1.0 - 0.5 * MIN_ARC_STEP_PX / circumference
    ring.set_fraction(small)
    assert ring.fraction == 1.0  # half a step: not repainted, not moved
    step = 1.0 - 1.5 * MIN_ARC_STEP_PX / circumference
    ring.set_fraction(step)
    assert ring.fraction == step
    ring.set_fraction(0.001)
    ring.set_fraction(0.0)
    assert ring.fraction == 0.0  # the very end shows even when it is a short move
