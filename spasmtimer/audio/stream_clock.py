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

The observations are coarse (the server takes frames in blocks of a few
milliseconds), so until a few seconds have been seen the slope is held near
the nominal rate (a prior worth :data:`PRIOR` seconds² of observations);
after that the data decides. An underrun, or a new stream, restarts the
fit (:meth:`restart`), keeping the rate learnt so far.
"""

from __future__ import annotations

import math

MEMORY = 30.0  # seconds: how far back observations still count (1/e)
PRIOR = 20.0  # weight of the prior rate, in (observations x seconds^2)


class StreamClock:
    """Maps clock times to stream frames and back, from (time, frames taken) pairs."""

    def __init__(self, rate: float) -> None:
        self.nominal = float(rate)
        self._rate_prior = float(rate)
        self.restart()

    def restart(self) -> None:
        """Forget the position (new stream, underrun); keep the rate learnt."""
        if getattr(self, "_n", 0.0) > 0:
            self._rate_prior = self.rate
        self._t0: float | None = None
        self._f0 = 0.0
        self._n = 0.0
        self._st = self._sf = self._stt = self._stf = 0.0
        self._last_t = 0.0
        self.observations = 0

    @property
    def ready(self) -> bool:
        return self.observations >= 10

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

    @property
    def rate(self) -> float:
        """Frames per second of the clock, as measured (the prior until data says)."""
        if self._n <= 0:
            return self._rate_prior
        mt, mf = self._st / self._n, self._sf / self._n
        var = self._stt - self._n * mt * mt
        cov = self._stf - self._n * mt * mf
        return (cov + PRIOR * self._rate_prior) / (var + PRIOR)

    def frame_at(self, t: float) -> float:
        """The frame the device takes at clock time ``t`` (fractional)."""
        if self._t0 is None or self._n <= 0:
            return 0.0
        mt, mf = self._st / self._n, self._sf / self._n
        return self._f0 + mf + self.rate * (t - self._t0 - mt)

    def time_of(self, frame: float) -> float:
        """The clock time at which the device takes ``frame``."""
        if self._t0 is None or self._n <= 0:
            return 0.0
        mt, mf = self._st / self._n, self._sf / self._n
        return self._t0 + mt + (frame - self._f0 - mf) / self.rate
