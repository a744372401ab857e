"""The sound server's timing reports: time-following (PulseAudio) and block-wise (PipeWire)."""

from __future__ import annotations

import itertools
import math

import pytest

from spasmtimer.audio.reports import BLOCK_READS, ReportTracker, report_step
from spasmtimer.audio.stream_clock import StreamClock

RATE = 44_100


def staircase(
    quantum: int, seconds: float, every: float | tuple[float, ...], start: float = 0.0,
    offset: float = 0.0,
) -> list[tuple[float, float]]:  # fmt: skip
    """Readings every ``every`` s (or cycling through those waits, as the stream reads) of a
    stream whose read position moves in ``quantum`` graph frames at 48 kHz (in stream frames
    at 44.1 kHz), as pipewire-pulse reports it."""
    block = quantum * RATE / 48_000
    period = quantum / 48_000
    waits = itertools.cycle(every if isinstance(every, tuple) else (every,))
    out = []
    t = start
    while t < start + seconds:
        blocks = math.floor((t - start + offset) / period)
        out.append((t, blocks * block))
        t += next(waits)
    return out


def smooth(seconds: float, every: float, ppm: float = 0.0):
    return [(i * every, i * every * RATE * (1 + ppm / 1e6)) for i in range(int(seconds / every))]


def test_reports_that_follow_time_have_no_step() -> None:
    assert report_step(smooth(1.0, 0.025, ppm=300), RATE) == 0.0


@pytest.mark.parametrize("quantum", [256, 512, 1024, 4096, 8192])
@pytest.mark.parametrize("every", [0.025, BLOCK_READS])
def test_the_step_of_block_wise_reports_is_measured_not_assumed(
    quantum: int, every: float | tuple[float, ...]
) -> None:
    readings = staircase(quantum, 1.0, every, offset=0.0123)
    step = report_step(readings, RATE)
    assert step == pytest.approx(quantum * RATE / 48_000, rel=0.02)


def test_a_tracker_follows_the_quantum_when_it_grows_mid_session() -> None:
    tracker = ReportTracker(RATE)
    for t, f in staircase(1024, 2.0, 0.025):
        tracker.add(t, f)
    assert tracker.step == pytest.approx(940.8, rel=0.02)
    last = staircase(1024, 2.0, 0.025)[-1][1]
    for t, f in staircase(4096, 2.0, 0.025, start=2.0):
        tracker.add(t, last + f)
    assert tracker.step == pytest.approx(3763.2, rel=0.02)
    # A reading at the bottom of a 4096 block is on the line, not a slip ...
    assert not tracker.off_line(-3700)
    # ... but one further behind (the device ran dry) or ahead (it skipped) is off it.
    assert tracker.off_line(-3763 - 200)
    assert tracker.off_line(200)


def test_a_server_taking_no_samples_is_not_steady_and_one_taking_them_is() -> None:
    tracker = ReportTracker(RATE)
    for i in range(40):  # a fresh null sink: the read position stands still
        tracker.add(i * 0.025, 900.0)
    assert not tracker.steady()
    for t, f in staircase(1024, 0.5, 0.025, start=1.0):
        tracker.add(t, 900.0 + f)
    assert tracker.steady()
    # Frames past the frame heard the server may hold already: two blocks behind, and
    # a block more, or the largest move
    # seen lately (should the quantum have grown), never less than a block.
    assert 3 * 940 <= tracker.margin() <= 4 * 941


def test_time_following_reports_are_steady_after_four_readings_and_have_no_margin() -> None:
    tracker = ReportTracker(RATE)
    for t, f in smooth(0.1, 0.025):
        tracker.add(t, f)
    assert tracker.steady()
    assert tracker.margin() == 0.0
    assert tracker.off_line(-0.003 * RATE) and not tracker.off_line(-0.001 * RATE)


def test_the_stream_clock_fits_the_top_of_a_staircase_to_a_millisecond() -> None:
    clock = StreamClock(RATE)
    clock.granularity = 1024 * RATE / 48_000
    readings = staircase(1024, 6.0, BLOCK_READS, offset=0.0071)
    ready_at = None
    for t, f in readings:
        clock.observe(t, f)
        if ready_at is None and clock.ready:
            ready_at = t
    assert ready_at is not None and ready_at < 1.0
    # The top of the staircase: the position just after each block was taken.
    period = 1024 / 48_000
    for k in (200, 250):
        jump = k * period - 0.0071
        assert clock.frame_at(jump) == pytest.approx(k * 1024 * RATE / 48_000, abs=0.001 * RATE)
    assert clock.rate == pytest.approx(RATE, rel=5e-4)  # 0.5 ms in a second


def test_a_staircase_is_never_ready_for_a_clock_that_expects_time_following_reports() -> None:
    clock = StreamClock(RATE)
    for t, f in staircase(1024, 3.0, 0.025):
        clock.observe(t, f)
    assert not clock.ready
