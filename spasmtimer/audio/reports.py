"""What a sound server's timing reports say about the device. Pure: no Qt, no server.

The output stream asks the server, every few tens of milliseconds, which
frame of the stream is being heard; each answer is a *reading* (clock time,
frame heard then). How those readings behave depends on the server:

- PulseAudio's reports follow time: the frame heard moves on with the clock,
  to a millisecond or two (the sink is read a little at a time).
- PipeWire's PulseAudio server (pipewire-pulse) reports the stream's read
  position, which moves in whole processing blocks (the graph's *quantum*:
  1024 frames at 48 kHz by default, 256 while a low-latency client runs,
  up to 8192 on a laptop saving power): a staircase. Read every 25 ms it
  moves 0.85x or 1.7x as fast as real time, and its steps grow or shrink
  whenever the quantum changes, mid-session.

:class:`ReportTracker` keeps the recent readings and tells the stream:

- :attr:`~ReportTracker.step`: the frames the reports move in (0 when they
  follow time), measured from the readings, never assumed. The stream's
  clock fits the top of the staircase (:mod:`.stream_clock`), frames up to
  one step ahead of that line may be taken by the server already, so what is
  written over must start a step further on (:meth:`ReportTracker.margin`).
- :meth:`~ReportTracker.steady`: whether the server is seen taking samples
  at about the nominal rate (a fresh null sink takes none for ~2 s), over
  enough steps for a staircase to say so.
- :meth:`~ReportTracker.off_line`: whether one reading is off a fitted line
  by more than the staircase allows (the device ran dry, or skipped).
"""

from __future__ import annotations

import itertools
from collections import deque

FOLLOW_SECONDS = 0.002  # reports this near the time they were taken follow time
NOISE_SECONDS = 0.0005  # moves this near a whole number of steps fit it (jitter, transport)
STEP_MEMORY = 0.6  # seconds of readings the step is measured over
BLOCKS_BEHIND = 2  # a block-wise report runs this many blocks ahead of the frame heard
MIN_SHARE = 0.1  # a step is at least this share of the median move
CONFIRM_READINGS = 5  # another step is taken once measured this many times in a row
KEEP_STEP_SECONDS = 2.0  # block-wise reports must look smooth this long to count as smooth
MIN_PAIRS = 6  # consecutive readings needed to call reports block-wise
STEADY_SECONDS = 0.075  # readings spanning at least this long (and 3 steps) say "taking"
STEADY_SLOPE = 0.005  # ... moving on at the nominal rate to within this
SLIP_SECONDS = 0.002  # a reading this far beyond what the staircase allows: it slipped
# Once the device's clock is known, block-wise reports are read at these waits in turn:
# uneven, so that the readings fall at every phase of a block (a step's top is found,
# and no read interval that is a whole number of blocks hides the step).
BLOCK_READS = (0.037, 0.053, 0.045)


def report_step(readings: list[tuple[float, float]], rate: float) -> float | None:
    """The frames the reports move in (0: they follow time), from consecutive readings.

    Reports that follow time move on by the time between them (to
    :data:`FOLLOW_SECONDS`, all but a fifth of them). Reports that do not move in whole steps: the
    smallest positive increment, or difference between increments, above
    :data:`FOLLOW_SECONDS` (read more often than the step, an increment is
    one step; less often, two increments differ by one) that nearly every
    increment is a whole number of (to :data:`NOISE_SECONDS`). None: off
    time, but in no steady steps (moves while the block changes).
    """
    pairs = list(itertools.pairwise(readings))
    if len(pairs) < MIN_PAIRS:  # too few to tell (a time-following server read rarely)
        return 0.0
    moves = [f2 - f1 for (_t1, f1), (_t2, f2) in pairs]
    noise, least = NOISE_SECONDS * rate, FOLLOW_SECONDS * rate
    drifts = [
        abs(m - (t2 - t1) * rate)
        for m, ((t1, _f1), (t2, _f2)) in zip(moves, pairs, strict=True)
        if m > least  # standing still says nothing: a device not started yet does
    ]
    # Reports that follow time may be off now and then (the device starting,
    # a late report); a staircase is off at a good part of them.
    if sum(1 for d in drifts if d > least) <= 0.2 * len(drifts):
        return 0.0
    distinct = sorted(m for m in moves if m > least)
    candidates = sorted(
        {*distinct, *(b - a for a, b in itertools.pairwise(distinct) if b - a > least)}
    )
    # The smallest step that (nearly) every move is a whole number of, but not a
    # small fraction of the typical move (an odd move's difference with another;
    # a fraction of the step fits all moves too).
    typical = distinct[len(distinct) // 2] if distinct else 0.0
    for step in (c for c in candidates if c >= MIN_SHARE * typical):
        slack = max(noise, 0.03 * step)
        fits = sum(1 for m in moves if abs(m - step * round(m / step)) <= slack)
        if fits >= 0.8 * len(moves):
            return step
    return None  # off time, but in no steps: irregular (a block changing)


def _near(a: float, b: float) -> bool:
    """Two steps the same to 10 % (both 0: the same)."""
    return abs(a - b) <= 0.1 * max(a, b)


class ReportTracker:
    """The recent readings of one stream, and what they say (see the module)."""

    def __init__(self, rate: float, blocks_behind: int = BLOCKS_BEHIND) -> None:
        self.rate = float(rate)
        self.blocks_behind = blocks_behind  # see :attr:`behind`
        self._readings: deque[tuple[float, float]] = deque()
        self.step = 0.0
        self._smooth_since: float | None = None  # the readings looked smooth since then
        self._pending: tuple[float, int] | None = None  # another step, measured so often

    def restart(self) -> None:
        """A new stream: forget the readings (the step is measured afresh)."""
        self._readings.clear()
        self.step = 0.0
        self._smooth_since = None
        self._pending = None

    def add(self, t: float, frame: float) -> None:
        """A new reading: at clock time ``t`` the frame ``frame`` was being heard."""
        if self._readings and t <= self._readings[-1][0]:
            return
        self._readings.append((t, frame))
        while len(self._readings) > 2 and self._readings[0][0] < t - STEP_MEMORY:
            self._readings.popleft()
        step = report_step(list(self._readings), self.rate)
        if step is None:  # nothing to say: the step stays
            return
        if _near(step, self.step):  # the same step, measured afresh
            self.step = step
            self._pending, self._smooth_since = None, None
            return
        # Another step: it must be measured CONFIRM_READINGS times in a row
        # (an odd move, a few readings that happen to look smooth, must not
        # move the frames taken off), and none at all for KEEP_STEP_SECONDS.
        count = self._pending[1] + 1 if self._pending and _near(step, self._pending[0]) else 1
        self._pending = (step, count)
        if step == 0:
            self._smooth_since = self._smooth_since if self._smooth_since is not None else t
            if t - self._smooth_since < KEEP_STEP_SECONDS:
                return
        elif count < CONFIRM_READINGS:
            return
        self.step, self._pending, self._smooth_since = step, None, None

    @property
    def readings(self) -> list[tuple[float, float]]:
        return list(self._readings)

    def follows_time(self) -> bool:
        """Whether the reports have followed time for the last :data:`STEP_MEMORY` seconds."""
        readings = self._readings
        return self.step == 0 and len(readings) > 2 and readings[-1][0] - readings[0][0] >= 0.5

    def largest_move(self) -> float:
        """The largest increment among the recent readings (a staircase's current step)."""
        moves = [f2 - f1 for (_a, f1), (_b, f2) in itertools.pairwise(self._readings)]
        return max(moves, default=0.0)

    def steady(self) -> bool:
        """Whether the recent readings move on at about the nominal rate.

        Reports that follow time: the last four, each pair within 2 %, all
        four within :data:`STEADY_SLOPE`. A staircase: readings spanning at
        least three steps and :data:`STEADY_SECONDS`, whose ends lie within
        a step (plus :data:`STEADY_SLOPE`) of the nominal rate, never
        going back.
        """
        readings = list(self._readings)
        if self.step <= 0:
            last = readings[-4:]
            if len(last) < 4:
                return False
            slopes = [
                (f2 - f1) / max(1e-9, t2 - t1) for (t1, f1), (t2, f2) in itertools.pairwise(last)
            ]
            (t0, f0), (tn, fn) = last[0], last[-1]
            overall = (fn - f0) / max(1e-9, tn - t0)
            return abs(overall / self.rate - 1) < STEADY_SLOPE and all(
                abs(v / self.rate - 1) < 0.02 for v in slopes
            )
        need = max(STEADY_SECONDS, 3 * self.step / self.rate)
        tn, fn = readings[-1]
        spanning = [(t, f) for t, f in readings if tn - t >= need]
        if not spanning:
            return False
        t0, f0 = spanning[-1]  # the latest reading that spans enough
        inside = [f for t, f in readings if t >= t0]
        if any(b < a - NOISE_SECONDS * self.rate for a, b in itertools.pairwise(inside)):
            return False
        span = tn - t0
        return abs((fn - f0) - self.rate * span) <= self.step + STEADY_SLOPE * self.rate * span

    def settled(self) -> bool:
        """Whether the last move is a whole number of steps: False while the quantum changes
        (the step measured lags the new one; readings then say nothing reliable)."""
        if self.step <= 0 or len(self._readings) < 2:
            return True
        move = self._readings[-1][1] - self._readings[-2][1]
        slack = max(NOISE_SECONDS * self.rate, 0.03 * self.step)
        return abs(move - self.step * round(move / self.step)) <= slack

    def top(self, t: float) -> float:
        """The frame heard at ``t`` from the recent readings alone, at the nominal rate
        (the top of the staircase, :attr:`behind` taken off): for while no line is fitted."""
        if not self._readings:
            return 0.0
        return max(f + (t - tr) * self.rate for tr, f in self._readings) - self.behind

    @property
    def behind(self) -> float:
        """Frames to take from a report for the frame heard (0 for reports that follow time).

        pipewire-pulse reports the stream's read position, and leaves out how long
        the graph holds what it read: :data:`BLOCKS_BEHIND` blocks (measured at the
        null sink's monitor; with the quantum grown from 512 to 4096 frames, the
        words came 150-160 ms later on the same reports). Taken off, the line
        stays put when the quantum changes.
        """
        return self.blocks_behind * self.step

    def margin(self) -> float:
        """Frames beyond the frame heard the server may already have taken (0: none).

        :attr:`behind`, and a step more (the next block, taken at any moment),
        or the largest move seen lately if larger: while the quantum grows,
        the step measured lags by up to :data:`STEP_MEMORY`; the moves do not.
        """
        if self.step <= 0:
            return 0.0
        return self.behind + max(self.step, self.largest_move())

    def off_line(self, slip: float) -> bool:
        """Whether a reading ``slip`` frames from the fitted line is off it.

        The line runs along the top of a staircase: a reading may lie up to a
        step (the largest recent one, should the quantum have grown) below it.
        """
        allowed = SLIP_SECONDS * self.rate
        below = max(self.step, self.largest_move()) if self.step > 0 else 0.0
        return slip > allowed or slip < -(below + allowed)
