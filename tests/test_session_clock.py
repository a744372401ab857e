"""The one clock: a fake that moves only when told, and the real one that never goes back."""

from __future__ import annotations

import pytest

from spasmtimer.core.clock import FakeClock, system_clock


def test_fake_clock_moves_only_when_told() -> None:
    clock = FakeClock(start=5.0)
    assert clock() == 5.0 == clock.now
    assert clock.advance(1.5) == 6.5
    assert clock.set(10.0) == 10.0 and clock() == 10.0
    assert FakeClock()() == 0.0


def test_fake_clock_never_goes_back() -> None:
    clock = FakeClock(3.0)
    with pytest.raises(ValueError, match="back in time"):
        clock.advance(-1)
    with pytest.raises(ValueError, match="back in time"):
        clock.set(2.0)


def test_system_clock_is_monotonic() -> None:
    readings = [system_clock() for _ in range(1000)]
    assert readings == sorted(readings)
