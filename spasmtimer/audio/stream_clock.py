"""Which frame of the output stream is due at which clock time. Pure: no Qt.

The sound device runs on its own clock, which differs from the system's (a
PulseAudio null sink runs about 0.02 % fast, a sound card by up to 0.1 %):
scheduling by frame count alone would drift by tens of milliseconds over a
routine. So the stream reports, every few milliseconds, how many frames
the device has taken so far (:meth:`StreamClock.observe`), and the clock
fits a line through those observations (exponentially weighted least
squares, about :data:`MEMORY` seconds of memory): its slope is the device's
real rate in frames per second of the session clock, its intercept the
stream's position. A frame for a due time is read off that line, the way a
media player keeps picture and sound together.

The observations are coarse and late by a varying few milliseconds (the
server asks in blocks; the thread that notes the time may wake late, never
early), so the position is read off the *upper envelope* of the last
:data:`ENVELOPE` seconds of observations around the fitted line (the
earliest callbacks are the truest), and until a few seconds have been seen
the slope is held near the nominal rate (a prior worth :data:`PRIOR`
seconds² of observations); after that the data decides. An underrun, or a
new stream, restarts the fit (:meth:`restart`), keeping the rate learnt so
far.

Reports that move in whole blocks (PipeWire's, :mod:`.reports`): the
stream sets :attr:`StreamClock.granularity` to the block, in frames. The
observations then form a staircase; the line is lifted to its top (the
readings just after a block was taken) over a longer :data:`BLOCK_ENVELOPE`,
since the readings that hit a step's top are fewer, and the clock is ready
once the last readings lie within a block (plus :data:`READY_SPREAD`) of the
line and span :data:`READY_STEPS` blocks. Each block-wise observation is
worth less for the rate (its position is known to a block, not a
millisecond): the prior rate weighs more, in proportion to the
observations' variance (:meth:`StreamClock._noise`), so a few seconds of an
85 ms staircase cannot tilt the line by a percent.
"""

from __future__ import annotations

import math
from collections import deque

MEMORY = 30.0  # seconds: how far back observations still count (1/e)
ENVELOPE = 3.0  # seconds of observations whose upper envelope gives the position
READY_OBSERVATIONS = 8  # a third of a second of readings
READY_SPREAD = 0.002  # seconds: how far apart the last readings may lie from the line
PRIOR = 50.0  # weight of the prior rate, in (observations x seconds^2)
BLOCK_ENVELOPE = 10.0  # seconds of the envelope when observations come in blocks
READY_STEPS = 8  # block-wise observations must span this many blocks to be ready


class StreamClock:
    """Maps clock times to stream frames and back, from (time, frames taken) pairs."""

    def __init__(self, rate: float) -> None:
        self.nominal = float(rate)
        self._rate_prior = float(rate)
        self._prior_weight = PRIOR
        self.granularity = 0.0  # frames the observations move in (0: they follow time)
        self.restart()

    def restart(self) -> None:
        """Forget the position (new stream, underrun); keep the rate learnt."""
        if getattr(self, "_n", 0.0) > 0:
            # Keep the rate learnt, as firmly as the data it was learnt from.
            learnt = self.rate
            self._prior_weight = max(self._prior_weight, self._spread() / self._noise())
            self._rate_prior = learnt
        self._t0: float | None = None
        self._f0 = 0.0
        self._n = 0.0
        self._st = self._sf = self._stt = self._stf = 0.0
        self._last_t = 0.0
        self._recent: deque[tuple[float, float]] = deque()
        self.observations = 0

    @property
    def ready(self) -> bool:
        """Enough readings, and the last ones agree with the line (a new stream's
        first readings wander by tens of milliseconds while the server settles)."""
        if self.observations < READY_OBSERVATIONS or self._n <= 0:
            return False
        rate = self.rate
        mt, mf = self._st / self._n, self._sf / self._n
        recent = list(self._recent)
        last = recent[-READY_OBSERVATIONS:]
        if self.granularity > 0:
            span = recent[-1][0] - recent[0][0]
            if span < READY_STEPS * self.granularity / self.nominal:
                return False
        residuals = [y - (mf + rate * (x - mt)) for x, y in last]
        return max(residuals) - min(residuals) <= READY_SPREAD * self.nominal + self.granularity

    def observe(self, t: float, frames: float) -> None:
        """At clock time ``t`` the device had taken ``frames`` frames in all."""
        if self._t0 is None:
            self._t0, self._f0, self._last_t = t, frames, t
        decay = math.exp(-max(0.0, t - self._last_t) / MEMORY)
        self._last_t = t
        x, y = t - self._t0, frames - self._f0
        self._n = self._n * decay + 1.0
        self._st = self._st * decay + x
        self._sf = self._sf * decay + y
        self._stt = self._stt * decay + x * x
        self._stf = self._stf * decay + x * y
        self.observations += 1
        self._recent.append((x, y))
        envelope = BLOCK_ENVELOPE if self.granularity > 0 else ENVELOPE
        while self._recent and self._recent[0][0] < x - envelope:
            self._recent.popleft()

    def _noise(self) -> float:
        """How much less an observation weighs than one known to a millisecond."""
        block_ms = 1000.0 * self.granularity / self.nominal
        return 1.0 + block_ms * block_ms / 12.0  # a uniform error over a block: var = b^2/12

    def _spread(self) -> float:
        """How much the observations so far say about the rate (weighted sum of squares)."""
        if self._n <= 0:
            return 0.0
        mt = self._st / self._n
        return self._stt - self._n * mt * mt

    @property
    def rate(self) -> float:
        """Frames per second of the clock, as measured (the prior until data says)."""
        if self._n <= 0:
            return self._rate_prior
        mt, mf = self._st / self._n, self._sf / self._n
        cov = self._stf - self._n * mt * mf
        prior = self._prior_weight * self._noise()
        return (cov + prior * self._rate_prior) / (self._spread() + prior)

    def _line(self) -> tuple[float, float, float]:
        """(t, frames, rate): a point on the line the device's frames follow, and its slope."""
        assert self._t0 is not None
        rate = self.rate
        mt, mf = self._st / self._n, self._sf / self._n
        # The fitted line goes through the mean; lift it to the upper envelope.
        lift = max(y - (mf + rate * (x - mt)) for x, y in self._recent)
        return self._t0 + mt, self._f0 + mf + lift, rate

    def frame_at(self, t: float) -> float:
        """The frame the device takes at clock time ``t`` (fractional)."""
        if self._t0 is None or self._n <= 0:
            return 0.0
        t1, f1, rate = self._line()
        return f1 + rate * (t - t1)

    def time_of(self, frame: float) -> float:
        """The clock time at which the device takes ``frame``."""
        if self._t0 is None or self._n <= 0:
            return 0.0
        t1, f1, rate = self._line()
        return t1 + (frame - f1) / rate
