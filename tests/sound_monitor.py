"""Listen at the sound server: record a PulseAudio monitor and find sound onsets.

Used by the sound tests and the sound benches (``bench/audio_*.py`` put this
folder on their path) with the private server of
``tools/with-sound-server.sh``; the app itself never records.

An idle null sink's monitor delivers data unreliably, so while recording a
silent stream (``pacat`` from ``/dev/zero``) keeps the sink running. The
recording is mono s16le at :data:`RATE`; each chunk's arrival time is noted
on the session's clock (:data:`spasmtimer.core.clock.system_clock`, the
same system-wide clock the app's session and player use), so sample ``i``
happened at about ``start + i / RATE``, where ``start`` is the earliest
arrival time minus the samples before it. ``arrivals`` keeps every
(samples so far, arrival time) pair, for a bench that fits the server's
real rate instead of assuming :data:`RATE`.
"""

from __future__ import annotations

import array
import itertools
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spasmtimer.core.clock import system_clock

RATE = 48_000
CHUNK_BYTES = 2 * RATE // 200  # 5 ms of mono s16le


def available() -> tuple[bool, str]:
    """Whether a private test server is there to record from, and if not, why."""
    if not os.environ.get("SPASMTIMER_TEST_PULSE"):
        reason = os.environ.get("SPASMTIMER_TEST_PULSE_REASON") or (
            "no private PulseAudio server (run the tests through tools/with-sound-server.sh)"
        )
        return False, reason
    for tool in ("parec", "pacat"):
        if shutil.which(tool) is None:
            return False, f"{tool} is not installed (Debian package pulseaudio-utils)"
    return True, ""


def server() -> str:
    """The kind of test server running: "pulseaudio" or "pipewire" (its PulseAudio server)."""
    return os.environ.get("SPASMTIMER_TEST_SERVER", "pulseaudio")


def sink_name() -> str:
    return os.environ.get("SPASMTIMER_TEST_SINK", "spasm_null")


@dataclass(frozen=True)
class Recording:
    """Mono samples, the clock time of the first one, and the server's measured rate."""

    samples: array.array[int]
    rate: int
    start: float
    arrivals: list[tuple[int, float]] = field(default_factory=list)
    seconds_per_sample: float = 0.0  # fitted to the arrivals; 0: 1 / rate

    def time_of(self, index: int) -> float:
        """The clock time sample ``index`` was recorded at (on the server's measured rate)."""
        return self.start + index * (self.seconds_per_sample or 1 / self.rate)

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.rate


def fit_seconds_per_sample(arrivals: list[tuple[int, float]], rate: int) -> float:
    """1 / the server's real rate, fitted to the chunks' arrival times.

    A null sink runs ~0.02 % fast: at the nominal rate, a recording's clock
    would drift ~0.2 ms a second against the system's. Chunks arrive late by
    a varying amount (a block of the server's, more while it is loaded, and
    all of a sudden more when PipeWire's quantum grows): the slope is the
    median of the slopes between the earliest arrivals of each second (the
    first second, which may come in a burst, left out), so one step in the
    delivery delay cannot tilt it.
    """
    if len(arrivals) < 50 or arrivals[-1][1] - arrivals[0][1] < 3.0:
        return 1 / rate
    first = arrivals[0][1] + 1.0
    lows: dict[int, tuple[float, int]] = {}  # second -> (earliest t - n / rate, n)
    for n, t in arrivals:
        if t < first:
            continue
        key = int(t - first)
        lag = t - n / rate
        if key not in lows or lag < lows[key][0]:
            lows[key] = (lag, n)
    points = [lows[k] for k in sorted(lows)]
    slopes = sorted(
        (b[0] - a[0]) / (b[1] - a[1]) for a, b in itertools.pairwise(points) if b[1] > a[1]
    )
    if not slopes:
        return 1 / rate
    return 1 / rate + slopes[len(slopes) // 2]


class MonitorRecorder:
    """Records the monitor of a sink until :meth:`stop`; a context manager."""

    def __init__(self, sink: str | None = None, clock: Callable[[], float] = system_clock):
        self.sink = sink or sink_name()
        self._clock = clock
        self._data = bytearray()
        self._arrivals: list[tuple[int, float]] = []
        self._keepalive: subprocess.Popen[bytes] | None = None
        self._recorder: subprocess.Popen[bytes] | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> MonitorRecorder:
        raw = ["--raw", "--format=s16le", f"--rate={RATE}"]
        # On PipeWire the graph runs in blocks of the smallest latency any
        # client asks for: asking for 5 ms would shrink the app's blocks too.
        # 21 ms keeps PipeWire's default quantum (1024 frames at 48 kHz).
        latency = "--latency-msec=21" if server() == "pipewire" else "--latency-msec=5"
        self._keepalive = subprocess.Popen(
            ["pacat", "--playback", f"--device={self.sink}", *raw, "--channels=2", "/dev/zero"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._recorder = subprocess.Popen(
            ["parec", f"--device={self.sink}.monitor", *raw, "--channels=1", latency],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._thread = threading.Thread(target=self._read, name="monitor-recorder", daemon=True)
        self._thread.start()
        return self

    def _read(self) -> None:
        assert self._recorder is not None and self._recorder.stdout is not None
        stream = self._recorder.stdout
        while True:
            chunk = stream.read1(CHUNK_BYTES)  # type: ignore[attr-defined]
            now = self._clock()
            if not chunk:
                return
            self._data += chunk
            self._arrivals.append((len(self._data) // 2, now))

    def wait_until_running(self, timeout: float = 5.0) -> bool:
        """Wait until samples flow (the server has set both streams up)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self._data) >= 2 * RATE // 20:  # 50 ms recorded
                return True
            time.sleep(0.01)
        return False

    def stop(self) -> Recording:
        for process in (self._recorder, self._keepalive):
            if process is not None and process.poll() is None:
                process.terminate()
        for process in (self._recorder, self._keepalive):
            if process is not None:
                try:
                    process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        if self._thread is not None:
            self._thread.join(timeout=5)
        if self._recorder is not None and self._recorder.stdout is not None:
            self._recorder.stdout.close()
        data = bytes(self._data[: len(self._data) // 2 * 2])
        samples = array.array("h")
        samples.frombytes(data)
        if sys.byteorder != "little":
            samples.byteswap()
        spp = fit_seconds_per_sample(self._arrivals, RATE)
        # Each chunk arrived after its last sample was recorded: the line of
        # sample times lies under every arrival.
        start = min((t - n * spp for n, t in self._arrivals), default=self._clock())
        return Recording(samples, RATE, start, self._arrivals, spp)

    def __enter__(self) -> MonitorRecorder:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        if self._recorder is not None and self._recorder.poll() is None:
            self.stop()


def onsets(recording: Recording, threshold: int = 100, min_silence: float = 0.1) -> list[int]:
    """Sample indexes where sound starts after at least ``min_silence`` of quiet.

    The null sink is digitally silent, so a low threshold (100 of 32767,
    about -50 dBFS) catches even a soft consonant at a word's start.
    """
    quiet_needed = int(min_silence * recording.rate)
    result: list[int] = []
    quiet = quiet_needed  # the recording starts in silence
    for index, value in enumerate(recording.samples):
        if value > threshold or value < -threshold:
            if quiet >= quiet_needed:
                result.append(index)
            quiet = 0
        else:
            quiet += 1
    return result


def sound_between(recording: Recording, start: float, end: float, threshold: int = 100) -> bool:
    """Whether anything above the threshold was recorded between two clock times."""
    first = max(0, int((start - recording.start) * recording.rate))
    last = min(len(recording.samples), int((end - recording.start) * recording.rate))
    return any(abs(v) > threshold for v in recording.samples[first:last])


def ncc_search(signal: Any, template: Any, lo: int, hi: int) -> tuple[int, float]:
    """The lag in [lo, hi] where ``template`` best matches ``signal`` (numpy arrays of
    floats), and the normalised correlation there (1: the same sound, at any gain).
    ``bench/audio_content.py`` finds each scheduled part with it too."""
    import numpy as np

    lo = max(0, lo)
    hi = min(len(signal) - len(template), hi)
    if hi < lo or len(template) == 0:
        return lo, 0.0
    segment = signal[lo : hi + len(template)]
    size = 1 << int(np.ceil(np.log2(len(segment) + len(template))))
    corr = np.fft.irfft(np.fft.rfft(segment, size) * np.conj(np.fft.rfft(template, size)), size)
    corr = corr[: hi - lo + 1]
    energy = np.concatenate(([0.0], np.cumsum(segment * segment)))
    window = energy[len(template) :][: hi - lo + 1] - energy[: hi - lo + 1]
    norm = np.sqrt(np.maximum(window, 1e-9) * float(template @ template))
    score = corr / norm
    best = int(np.argmax(score))
    return lo + best, float(score[best])
