"""Where the device is, from a stream's readings: pure, no server (audio/tracking.py)."""

from __future__ import annotations

import math

import pytest

from spasmtimer.audio.reports import BLOCK_READS
from spasmtimer.audio.stream_clock import StreamClock
from spasmtimer.audio.tracking import DeviceTracking

RATE = 44_100
BLOCK = 1024 * RATE / 48_000  # PipeWire's default quantum, in stream frames


def feed(tracking: DeviceTracking, readings, **kw: object) -> list[dict[str, object]]:
    entries: list[dict[str, object]] = []
    for t, f in readings:
        entries += tracking.note(t, f, **kw)[1]  # type: ignore[arg-type]
    return entries


def staircase(t0: float, seconds: float, start: float, block: float = BLOCK, phase=0.003):
    """pipewire-pulse's reports: the read position moves a block at a time."""
    period = block / RATE
    out, t, waits = [], t0, 0
    while t < t0 + seconds:
        out.append((t, start + math.floor((t - t0 + phase) / period) * block))
        t += BLOCK_READS[waits % len(BLOCK_READS)] * 0.6
        waits += 1
    return out


def test_nothing_counts_until_the_server_takes_samples() -> None:
    tracking = DeviceTracking(RATE, StreamClock(RATE))
    feed(tracking, [(i * 0.025, 500.0) for i in range(40)])  # a fresh null sink
    assert not tracking.taking and tracking.last_heard is None
    entries = feed(tracking, staircase(1.0, 1.5, 500.0))
    assert tracking.taking and any("taking" in e for e in entries)
    assert tracking.clock.ready
    assert tracking.block == pytest.approx(BLOCK, rel=0.02)


def test_block_wise_readings_are_placed_two_blocks_back_with_a_margin_of_three() -> None:
    tracking = DeviceTracking(RATE, StreamClock(RATE))
    readings = staircase(0.0, 3.0, 0.0)
    feed(tracking, readings)
    t = readings[-1][0]
    # The line runs along the tops of the staircase, two blocks back.
    top = (math.floor((t + 0.003) / (BLOCK / RATE)) + 1) * BLOCK
    assert tracking.frame_heard(t) == pytest.approx(top - 2 * BLOCK, abs=0.002 * RATE + BLOCK)
    assert 3 * BLOCK * 0.98 <= tracking.margin <= 4 * BLOCK * 1.02
    assert tracking.underruns == 0


def test_a_device_that_falls_behind_is_an_underrun_and_is_measured_afresh() -> None:
    tracking = DeviceTracking(RATE, StreamClock(RATE))
    feed(tracking, staircase(0.0, 3.0, 0.0), playing=True)
    entries = feed(tracking, staircase(3.0, 1.0, 3.0 * RATE - 0.2 * RATE), playing=True)
    assert tracking.underruns == 1
    assert any(e.get("underrun") for e in entries)


def test_a_quantum_that_grows_mid_session_is_followed_with_no_underrun() -> None:
    tracking = DeviceTracking(RATE, StreamClock(RATE))
    readings = staircase(0.0, 3.0, 0.0)
    feed(tracking, readings, playing=True)
    t, f = readings[-1]
    big = 4096 * RATE / 48_000
    feed(tracking, staircase(t + 0.01, 3.0, f + BLOCK, block=big), playing=True)
    assert tracking.block == pytest.approx(big, rel=0.02)
    # The position is measured afresh once at most (the blocks taken off change
    # with the block), and the clock is ready again on the new blocks.
    assert tracking.underruns <= 2
    assert tracking.clock.ready


def test_a_reading_that_is_no_whole_number_of_blocks_on_is_skipped() -> None:
    tracking = DeviceTracking(RATE, StreamClock(RATE))
    readings = staircase(0.0, 3.0, 0.0)
    feed(tracking, readings)
    t, f = readings[-1]
    used, entries = tracking.note(t + 0.03, f + 1.37 * BLOCK)  # the block is changing
    assert not used and any("unsettled" in e for e in entries)


def test_time_following_reports_have_no_margin_and_are_used_as_they_come() -> None:
    tracking = DeviceTracking(RATE, StreamClock(RATE))
    feed(tracking, [(i * 0.025, i * 0.025 * RATE) for i in range(40)])
    assert tracking.block == 0 and tracking.margin == 0
    assert tracking.frame_heard(1.0) == pytest.approx(RATE, abs=0.001 * RATE)
