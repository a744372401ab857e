"""One output stream for the app's lifetime, fed by our own mixer, off the GUI thread.

Why a stream of our own instead of one QSoundEffect per clip: QSoundEffect
replays 50 to 80 ms of stale audio before a clip it has played before
(PySide6 6.9), and a second effect wedges the event loop on PulseAudio
(6.10, 6.11). Here one PulseAudio playback stream stays open
(:mod:`.pulse`); a thread of its own renders :data:`PERIOD_SECONDS` of the
:class:`~.mixer.Mixer`'s timeline at a time and writes it, the write
blocking until the server has room (about :data:`QUEUE_SECONDS` queued).
Silence is written between clips. The GUI thread being busy cannot starve
it: the thread needs the GIL for well under a millisecond per period, and
Python hands the GIL over every 5 ms.

The output was chosen by measurement (the private PulseAudio server of the
tests; CPU of the whole process while silence streams; placement by
``bench/audio_content.py``):

- QAudioSink, push mode, written from its own thread every 10 ms: placed
  to p95 0.97 ms, no drift; but 3.6 % of a core (2.1 % written every
  100 ms: Qt's PulseAudio backend services the stream in two threads).
- miniaudio, 40 ms periods: 0.7 %; but its callbacks come on the system
  clock's beat, not the device's, so where the device is cannot be seen:
  parts drifted -0.23 ms/s, p95 10 ms.
- PulseAudio's simple API through ctypes: 0.5 % (30 ms periods) to 1.1 %
  (20 ms), and the server's own latency figure places the frame heard now to
  within 0.1 ms. Used with 40 ms periods and 80 ms queued.

Placement: after each write the thread notes, on the session clock, which
frame is being heard (frames written less the server's latency); a
:class:`~.stream_clock.StreamClock` fits the device's real rate and
position to those notes. A clip due at clock time ``due`` is placed on the
frame heard at ``due + LEAD``: a constant delay longer than what is written
ahead, so a cue that arrives on time always finds its frame still
unwritten, and every clip is heard the same time after it is due. Clips not
started yet are re-timed on the latest fit before each period is rendered.
The stream counts as "playing" only once the fit holds and the server's
queue has settled to what was asked (a new stream may start with 250 ms).

Devices: no server, or a stream that fails or stops taking samples for
:data:`STALL_SECONDS`, makes :attr:`OutputStream.state` "none" or "failed";
the stream then tries the default output again every
:data:`RETRY_SECONDS` and says "playing" once samples flow again. A timer on
the GUI thread (:data:`WATCH_MS`) does the watching and emits
:attr:`~OutputStream.stateChanged`; each change is logged once, never per
period.
"""

from __future__ import annotations

import array
import atexit
import contextlib
import json
import logging
import os
import sys
import threading
import time
import wave
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from spasmtimer.audio.gain import scale
from spasmtimer.audio.mixer import Mixer
from spasmtimer.audio.stream_clock import StreamClock
from spasmtimer.core.clock import Clock, system_clock

log = logging.getLogger(__name__)

RATE = 44_100  # the bundled clips' rate; the server resamples if it must
PERIOD_SECONDS = 0.040  # rendered and written at a time: 25 wake-ups a second
QUEUE_SECONDS = 0.080  # what the server is asked to hold (its target length)
LEAD = 0.170  # seconds from a clip's due time to when it is heard: > queue + period
RETIME_SECONDS = 0.005  # a placed clip moves at most this much a period as the fit improves
MEASURE_SECONDS = 0.0005  # a latency reading that took longer than this is not used
SLIP_SECONDS = 0.002  # the device this far from where it should be: it ran dry, or skipped
STALL_SECONDS = 0.6  # no write done for this long while playing: the output failed
START_SECONDS = 4.0  # a new stream may take this long to start taking samples
RETRY_SECONDS = 0.25
WATCH_MS = 100
SETTLED_WATCHES = 2  # the stream counts as playing after this many settled watches
LOG_ENV = "SPASMTIMER_AUDIO_LOG"  # a file to write what was scheduled to (the bench)


def decode(path: Path, rate: int = RATE) -> array.array[int]:
    """A WAV file as mono signed 16-bit samples at ``rate`` (empty when unreadable)."""
    try:
        with wave.open(str(path), "rb") as clip:
            width, channels, source_rate = (
                clip.getsampwidth(),
                clip.getnchannels(),
                clip.getframerate(),
            )
            data = clip.readframes(clip.getnframes())
    except (OSError, EOFError, wave.Error) as error:
        log.warning("cannot read sound clip %s: %s", path, error)
        return array.array("h")
    if width != 2:
        log.warning("sound clip %s is not 16-bit; skipped", path)
        return array.array("h")
    samples = array.array("h")
    samples.frombytes(data)
    if sys.byteorder != "little":  # pragma: no cover
        samples.byteswap()
    if channels > 1:
        samples = array.array(
            "h",
            (sum(samples[i : i + channels]) // channels for i in range(0, len(samples), channels)),
        )
    if source_rate != rate and samples:
        step = source_rate / rate
        count = int(len(samples) / step)
        samples = array.array(
            "h", (samples[min(len(samples) - 1, int(i * step))] for i in range(count))
        )
    return samples


class _Connection:
    """One stream to the server and the thread that writes to it."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.device: Any = None
        self.thread: threading.Thread | None = None
        self.last_write = 0.0
        self.abandoned = False  # the stream gave up on it (stalled, reopened, closed)
        self.flush = False  # drop what is queued at the server (stop)
        self.rewind = False  # drop what is queued and render it again (a volume change)
        self.failed = ""  # why it ended, once it has


class OutputStream(QObject):
    """The app's one output stream: place clips at due times, cut, set the gain.

    Thread-safe: :meth:`place`, :meth:`cut` and :meth:`set_gain` are called
    from the GUI thread while the stream's thread renders and writes.

    Signals (on the GUI thread):
        stateChanged(str): "starting", "playing", "none" (no output), "failed".
    """

    stateChanged = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        clock: Clock = system_clock,
        device: Callable[[], Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.clock: Callable[[], float] = clock
        self.lock = threading.Lock()
        self.mixer = Mixer(RATE)
        self.stream_clock = StreamClock(RATE)
        self.gain = 1.0
        self.state = "starting"
        self.underruns = 0
        self.streams = 0
        self._announced = ""
        self._open_device = device or _pulse_device
        self._connection: _Connection | None = None
        self._retry_at = 0.0
        self._closed = False
        self._why = ""
        self._last_heard: tuple[float, float] | None = None  # (time, frame heard then)
        self._settled = 0  # watches in a row that found the stream settled
        self._scaled: dict[str, array.array[int]] = {}  # clips at the current gain, by tag
        self._log = _open_log()
        self._watch = QTimer(self)
        self._watch.setInterval(WATCH_MS)
        self._watch.timeout.connect(self._on_watch_timeout)
        _open_streams.add(self)
        self.open()
        self._watch.start()

    # -- the device ---------------------------------------------------------

    def open(self) -> None:
        """Open the default output (again), afresh: a new timeline, a new fit."""
        self._abandon()
        now = self.clock()
        self._retry_at = now + RETRY_SECONDS
        try:
            device = self._open_device()
        except Exception as error:  # PulseError: no server, no library, no sink
            why = str(error) or type(error).__name__
            if why != self._why:
                log.info("no sound output: %s", why)
                self._why = why
            if self.state != "failed":
                self.state = "none"
            return
        self._why = ""
        self.streams += 1
        connection = _Connection(self.streams)
        connection.device = device
        connection.last_write = now
        with self.lock:
            self.mixer = Mixer(RATE)
            self.stream_clock.restart()
            self._last_heard = None
        self._connection = connection
        self.state = "starting"
        self._write_log(opened=self.streams, t=now)
        connection.thread = threading.Thread(
            target=self._write_loop, args=(connection,), name="spasmtimer-sound", daemon=True
        )
        connection.thread.start()

    def _abandon(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.abandoned = True

    def _write_loop(self, connection: _Connection) -> None:
        """The stream's thread: render a period, write it (blocks until there is room), measure."""
        device = connection.device
        period = round(PERIOD_SECONDS * RATE)
        retime_limit = round(RETIME_SECONDS * RATE)
        written = 0
        slips = False  # the last reading was off the line already
        try:
            while not connection.abandoned:
                if connection.flush or connection.rewind:
                    rewind, connection.flush, connection.rewind = connection.rewind, False, False
                    self._drop_queued(device, written, rewind)
                with self.lock:
                    if self.stream_clock.ready:  # the clock is better known now than then
                        self.mixer.retime(self.stream_clock.frame_at, period, retime_limit)
                    data = self.mixer.render(period)
                device.write(data)
                written += period
                # The clock is read just before asking: the call itself starts at
                # once, but the GIL may be slow to come back after it.
                now = self.clock()
                latency = device.latency()
                if self.clock() - now > MEASURE_SECONDS:
                    continue  # held up around the call: this reading is not exact
                with self.lock:
                    if connection.abandoned:
                        break
                    # The frame heard now: all written, less what is still queued.
                    heard = written - latency * RATE
                    slip = heard - self.stream_clock.frame_at(now)
                    slipped = self.stream_clock.ready and abs(slip) > SLIP_SECONDS * RATE
                    if slipped and slips:
                        # Twice in a row, the device is not where it was: its queue
                        # ran dry (it waited: an underrun) or it skipped. Measure its
                        # position afresh; clips not started yet are re-timed on the
                        # new fit before they are rendered.
                        underrun = self.state == "playing" and slip < 0
                        self.underruns += underrun
                        self.stream_clock.restart()
                        self._write_log(
                            slip=slip / RATE, underrun=underrun, stream=connection.number, t=now
                        )
                    elif now - connection.last_write > 4 * PERIOD_SECONDS:
                        # A write held up: the stream just started (the server
                        # waits ~1 s before it takes a new stream's samples), or
                        # this thread was starved (a call on another thread held
                        # the GIL) and the queue ran dry: an underrun.
                        if self.state == "playing":
                            self.underruns += 1
                            gap = now - connection.last_write
                            self._write_log(gap=gap, underrun=True, stream=connection.number, t=now)
                        self.stream_clock.restart()
                    slips = slipped and not slips
                    connection.last_write = now
                    self._last_heard = (now, heard)
                    if not slips:
                        self.stream_clock.observe(now, heard)
                if latency > QUEUE_SECONDS:
                    # The server took more than we asked for (it may, when its
                    # sink runs with a longer latency): keep no more than
                    # QUEUE_SECONDS queued, or a clip due now could not get
                    # ahead of what is written.
                    time.sleep(latency - QUEUE_SECONDS)
        except Exception as error:  # PulseError: the server or the sink went away
            connection.failed = str(error) or type(error).__name__
        finally:
            device.close()

    def _drop_queued(self, device: Any, written: int, rewind: bool) -> None:
        """Flush the server's queue; with ``rewind``, render again what it dropped.

        What the sink itself took already is still heard: the first frame
        dropped is the one heard now plus the latency left after the flush.
        That much is rendered again at once and written in one piece, before
        the sink runs out of what it holds (the stream would wait to fill its
        queue again: a gap). The frames written stay as they were and the
        clock's fit holds: the same frames follow on the same beat.
        """
        device.flush()
        now = self.clock()
        latency = device.latency()
        exact = self.clock() - now <= MEASURE_SECONDS
        with self.lock:
            first = round(self.stream_clock.frame_at(now) + latency * RATE)
            if not (rewind and exact and self.stream_clock.ready and written > first):
                self.stream_clock.restart()
                return
            self.mixer.rewind(first)
            first = self.mixer.rendered
            data = self.mixer.render(written - first)
        device.write(data)
        self._write_log(rewind=(written - first) / RATE, t=now)

    def _on_watch_timeout(self) -> None:
        now = self.clock()
        connection = self._connection
        if connection is None:
            if now >= self._retry_at and not self._closed:
                self.open()
        else:
            with self.lock:
                quiet = now - connection.last_write
                # Ready once the fit holds and the server keeps no more than we
                # asked (a new stream may start with a queue of 250 ms, which a
                # clip due now could not get ahead of).
                settled = self.stream_clock.ready and (
                    self.mixer.rendered - self.stream_clock.frame_at(now)
                    < (LEAD - PERIOD_SECONDS) * RATE
                )
                rate = self.stream_clock.rate
            self._settled = self._settled + 1 if settled else 0
            ready = self._settled >= SETTLED_WATCHES
            limit = STALL_SECONDS if self.state == "playing" else START_SECONDS
            if connection.failed or quiet > limit:
                log.info("the sound output stopped: %s", connection.failed or "it takes no samples")
                self._abandon()
                self.state = "failed"
                self._retry_at = now + RETRY_SECONDS
            elif ready and self.state != "playing":
                self.state = "playing"
                self._write_log(playing=connection.number, rate=rate, t=now)
            elif ready and int(now * 10) % 300 == 0:
                self._write_log(rate=rate, t=now)
        if self.state != self._announced:
            self._announced = self.state
            self.stateChanged.emit(self.state)

    # -- from the GUI thread ------------------------------------------------

    def place(
        self, tag: str, samples: array.array[int], due: float, **info: object
    ) -> float | None:
        """Place a clip to be heard at ``due`` + :data:`LEAD`; returns when, or None.

        None: there is no output to play it.
        """
        if self._connection is None:
            return None
        source = samples
        if self.gain < 0.999:
            scaled = self._scaled.get(tag)
            if scaled is None or len(scaled) != len(samples):
                scaled = scale(samples, self.gain)
                self._scaled[tag] = scaled
            samples = scaled
        with self.lock:
            if self.stream_clock.ready:
                wanted = round(self.stream_clock.frame_at(due + LEAD))
            elif self._last_heard is not None:  # being measured afresh: the last reading
                t, heard = self._last_heard
                wanted = round(heard + (due + LEAD - t) * RATE)
            else:  # nothing measured yet: from the first frame not written, roughly
                ahead = LEAD - 2 * PERIOD_SECONDS + due - self.clock()
                wanted = self.mixer.rendered + round(ahead * RATE)
            frame = self.mixer.add(tag, samples, wanted, when=due + LEAD, source=source)
            at = self.stream_clock.time_of(frame) if self.stream_clock.ready else due + LEAD
            self._write_log(
                part=tag,
                due=due,
                frame=frame,
                late_frames=frame - wanted,
                at=at,
                stream=self.streams,
                seconds=len(samples) / RATE,
                **info,
            )
        return at

    def time_for(self, due: float) -> float:
        """When something due at ``due`` is heard (the lead added)."""
        with self.lock:
            if not self.stream_clock.ready:
                return due + LEAD
            frame = max(self.stream_clock.frame_at(due + LEAD), self.mixer.rendered)
            return self.stream_clock.time_of(frame)

    def cut(self, at_once: bool = False) -> None:
        """End what sounds from the first frame not yet written, with a fade.

        ``at_once`` (pause, stop, mute) also drops what the server still holds.
        """
        with self.lock:
            cut = self.mixer.cut(self.mixer.rendered)
            if cut:
                self._write_log(cut=[[tag, frame] for tag, frame in cut], stream=self.streams)
        connection = self._connection
        if at_once and cut and connection is not None:
            connection.flush = True

    def set_gain(self, gain: float) -> None:
        """Loudness from 0 to 1: for what is placed from now on, and what is not heard yet
        (within a period and a server round trip: what the server holds is rendered again)."""
        gain = max(0.0, min(1.0, float(gain)))
        if abs(gain - self.gain) < 1e-4:
            return
        was, self.gain = self.gain, gain
        self._scaled = {}
        with self.lock:
            self.mixer.set_gain(gain, was)
            sounding = self.mixer.sounding_until() > self.stream_clock.frame_at(self.clock())
        connection = self._connection
        if sounding and connection is not None:
            # What the server holds is at the old loudness: drop it and render
            # it again at the new one, from the first frame not heard yet.
            connection.rewind = True

    def reopen(self) -> None:
        """Open again on the default output (the outputs changed)."""
        self.open()

    def close(self) -> None:
        """Stop the stream for good (idempotent)."""
        self._closed = True
        connection = self._connection
        self._abandon()
        if connection is not None and connection.thread is not None:
            connection.thread.join(timeout=1.0)
        with contextlib.suppress(RuntimeError):  # Qt already deleted it: the app is going away
            self._watch.stop()
        if self._log is not None:
            self._log.close()
            self._log = None

    def _write_log(self, **entry: object) -> None:
        if self._log is not None:
            self._log.write(json.dumps(entry) + "\n")
            self._log.flush()


def _pulse_device() -> Any:
    from spasmtimer.audio.pulse import PulseStream

    return PulseStream("SpasmTimer", RATE, QUEUE_SECONDS)


_open_streams: weakref.WeakSet[OutputStream] = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    """A running QThread must not be destroyed: stop any stream still open at exit."""
    for stream in list(_open_streams):
        stream.close()


def _open_log() -> Any:
    path = os.environ.get(LOG_ENV)
    if not path:
        return None
    try:
        return open(path, "a", encoding="utf-8")
    except OSError as error:
        log.warning("cannot write the sound log %s: %s", path, error)
        return None
