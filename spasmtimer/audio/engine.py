"""One output stream for the app's lifetime, fed by our own mixer, off the GUI thread.

Why a stream of our own instead of one QSoundEffect per clip: QSoundEffect
replays 50 to 80 ms of stale audio before a clip it has played before
(PySide6 6.9), and a second effect wedges the event loop on PulseAudio
(6.10, 6.11). Here a single :class:`QAudioSink` in push mode stays open;
every :data:`TICK_MS` a worker thread asks the :class:`~.mixer.Mixer` for
exactly the frames the sink has room for and writes them, so the sink's
buffer (:data:`BUFFER_SECONDS`) stays full and the GUI thread being busy
cannot starve it. Silence is written between clips.

Output chosen by measurement (see ``bench/audio_content.py``): QAudioSink in
push mode needs no new dependency, and on the private PulseAudio server of
the tests it reports how many frames the device has taken to within one
server block (~6 ms), which is what the placement needs.

Placement: each tick the worker notes how many frames the device has taken
(frames written minus those still queued) against the session clock; a
:class:`~.stream_clock.StreamClock` fits the device's real rate and
position to those notes. A clip due at clock time ``due`` is placed at the
frame the device takes at ``due + LEAD``: a constant delay, longer than
what is written ahead, so a cue that arrives on time always finds its frame
still unwritten, and every clip starts the same time after it is due.

Devices: no output, an output that stops taking frames for
:data:`STALL_SECONDS`, or a sink that fails, makes :attr:`OutputStream.state`
"failed"; the stream then reopens on the default output when the list of
outputs changes and at most every :data:`RETRY_SECONDS`, and says "playing"
once frames flow again. It logs each change once, never per tick.
"""

from __future__ import annotations

import array
import atexit
import json
import logging
import os
import sys
import threading
import wave
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal
from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices

from spasmtimer.audio.mixer import Mixer
from spasmtimer.audio.stream_clock import StreamClock
from spasmtimer.core.clock import Clock, system_clock

log = logging.getLogger(__name__)

RATE = 44_100  # the bundled clips' rate; the server resamples if it must
TICK_MS = 10
BUFFER_SECONDS = 0.040  # written ahead of the device
LEAD = 0.080  # seconds from a clip's due time to the frame it is placed at
STALL_SECONDS = 0.5  # no frame taken for this long while playing: the output failed
RETRY_SECONDS = 1.0
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


class _Worker(QObject):
    """Lives on the stream's thread: owns the sink, writes to it every tick."""

    stateChanged = Signal(str)

    def __init__(self, stream: OutputStream) -> None:
        super().__init__()
        self._stream = stream
        self._sink: QAudioSink | None = None
        self._io: Any = None
        self._timer: QTimer | None = None
        self._retry_at = 0.0

    # All on the worker thread.
    def begin(self) -> None:
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.tick)
        self._timer.start(TICK_MS)
        self.open()

    def finish(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._close_sink()
        thread = QThread.currentThread()
        thread.quit()

    def _close_sink(self) -> None:
        if self._sink is not None:
            self._sink.stop()
            self._sink.deleteLater()
        self._sink, self._io = None, None

    def open(self) -> None:
        stream = self._stream
        self._close_sink()
        self._retry_at = stream.clock() + RETRY_SECONDS
        device = QMediaDevices.defaultAudioOutput()
        if device.isNull() or not QMediaDevices.audioOutputs():
            stream._set_state("none")
            return
        fmt = QAudioFormat()
        fmt.setSampleRate(RATE)
        fmt.setChannelCount(1)
        fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        sink = QAudioSink(device, fmt)
        sink.setBufferSize(2 * round(BUFFER_SECONDS * RATE))
        sink.setVolume(stream.gain)
        io = sink.start()
        if io is None or _error(sink) != "NoError":
            log.info("cannot open the sound output: %s", _error(sink))
            sink.deleteLater()
            stream._set_state("failed")
            return
        self._sink, self._io = sink, io
        stream._opened(device.description(), sink.bufferSize() // 2)
        self.tick()

    def tick(self) -> None:
        stream = self._stream
        now = stream.clock()
        sink = self._sink
        if sink is None:
            if now >= self._retry_at:
                self.open()
            return
        if _error(sink) not in ("NoError", "UnderrunError"):
            log.info("sound output error: %s", _error(sink))
            self._close_sink()
            stream._set_state("failed")
            return
        free = sink.bytesFree() // 2
        if stream._tick(now, free, sink.volume()):
            self._close_sink()
            self._retry_at = now + RETRY_SECONDS
            return
        with stream.lock:
            data = stream.mixer.render(free) if free else b""
        if data:
            written = self._io.write(data)
            if written != len(data):
                stream._short_write(len(data) - max(0, written))
        if abs(sink.volume() - stream.gain) > 1e-4:
            sink.setVolume(stream.gain)


class OutputStream(QObject):
    """The app's one output stream: place clips at due times, cut, set the gain.

    Thread-safe: :meth:`place`, :meth:`cut` and :meth:`set_gain` may be called
    from the GUI thread; the writing happens on a thread of its own.

    Signals (emitted on the GUI thread):
        stateChanged(str): "starting", "playing", "none" (no output), "failed".
    """

    stateChanged = Signal(str)
    _state_from_worker = Signal(str)

    def __init__(self, parent: QObject | None = None, clock: Clock = system_clock) -> None:
        super().__init__(parent)
        self.clock: Callable[[], float] = clock
        self.lock = threading.Lock()
        self.mixer = Mixer(RATE)
        self.stream_clock = StreamClock(RATE)
        self.gain = 1.0
        self.state = "starting"
        self.underruns = 0
        self.streams = 0
        self._taken_last = 0
        self._taken_at = 0.0
        self._buffer_frames = 0
        self._queued_last = 0
        self._device = ""
        self._log = _open_log()
        self._state_from_worker.connect(
            self._on_state_from_worker, Qt.ConnectionType.QueuedConnection
        )
        self._thread = QThread()
        self._thread.setObjectName("spasmtimer-sound")
        self._worker = _Worker(self)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.begin)
        self._reopen_requested.connect(self._worker.open)
        self._finish_requested.connect(self._worker.finish)
        self._thread.start(QThread.Priority.TimeCriticalPriority)
        _open_streams.add(self)

    _reopen_requested = Signal()
    _finish_requested = Signal()

    # -- from the GUI thread --------------------------------------------------

    def place(
        self, tag: str, samples: array.array[int], due: float, **info: object
    ) -> float | None:
        """Place a clip to sound at ``due`` (+ the constant lead); returns its start time.

        The time returned is when the device takes its first frame, on the
        clock; None when there is no output to play it.
        """
        with self.lock:
            if self.state not in ("playing", "starting") or self._buffer_frames == 0:
                return None
            if self.stream_clock.ready:
                wanted = round(self.stream_clock.frame_at(due + LEAD))
            else:  # not measured yet: as soon as the lead allows
                wanted = self.mixer.rendered + round((LEAD - BUFFER_SECONDS) * RATE)
            frame = self.mixer.add(tag, samples, wanted)
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
        """When something due at ``due`` is taken by the device (the lead added)."""
        with self.lock:
            if self.state != "playing" or not self.stream_clock.ready:
                return due + LEAD
            frame = max(self.stream_clock.frame_at(due + LEAD), self.mixer.rendered)
            return self.stream_clock.time_of(frame)

    def cut(self) -> None:
        """End what sounds as soon as possible (the frames not yet written), with a fade."""
        with self.lock:
            cut = self.mixer.cut(self.mixer.rendered)
            if cut:
                self._write_log(cut=[[tag, frame] for tag, frame in cut], stream=self.streams)

    def set_gain(self, gain: float) -> None:
        self.gain = max(0.0, min(1.0, float(gain)))

    def reopen(self) -> None:
        """Open again on the default output (it changed)."""
        self._reopen_requested.emit()

    def close(self) -> None:
        """Stop the stream and its thread (idempotent)."""
        try:
            running = self._thread.isRunning()
        except RuntimeError:  # Qt already deleted it (the app is going away)
            running = False
        if running:
            self._finish_requested.emit()
            if not self._thread.wait(2000):
                log.warning("the sound thread did not stop")
        if self._log is not None:
            self._log.close()
            self._log = None

    @property
    def latency(self) -> float:
        """Seconds from a due time to the device taking the clip's first frame."""
        return LEAD

    # -- from the worker thread --------------------------------------------

    def _opened(self, device: str, buffer_frames: int) -> None:
        with self.lock:
            self.streams += 1
            self.mixer = Mixer(RATE)
            self.stream_clock.restart()
            self._buffer_frames = buffer_frames
            self._taken_last = 0
            self._taken_at = self.clock()
            self._write_log(opened=device, stream=self.streams, buffer_frames=buffer_frames)
        if device != self._device:
            log.info("sound output: %s", device)
            self._device = device
        self._set_state("starting")

    def _tick(self, now: float, free: int, volume: float) -> bool:
        """Note the device's progress; True when the output has stalled."""
        with self.lock:
            queued = self._buffer_frames - free
            taken = self.mixer.rendered - queued
            if taken > self._taken_last:
                if self.state == "playing" and queued <= 0 and self._queued_last > 0:
                    self.underruns += 1
                    self._write_log(underrun=self.mixer.rendered, stream=self.streams)
                    self.stream_clock.restart()
                self._taken_last, self._taken_at = taken, now
                self.stream_clock.observe(now, taken)
                self._queued_last = queued
                if self.state != "playing" and self.stream_clock.ready:
                    self._write_log(
                        playing=self.streams, rate=self.stream_clock.rate, t=now, frames=taken
                    )
                    self._set_state("playing")
                elif self.stream_clock.observations % 1000 == 0:
                    self._write_log(rate=self.stream_clock.rate, t=now, frames=taken)
                return False
            limit = STALL_SECONDS if self.state == "playing" else 3 * STALL_SECONDS + 1
            stalled = now - self._taken_at > limit
        if stalled:
            log.info("the sound output stopped taking samples")
            self._set_state("failed")
        return stalled

    def _short_write(self, frames_lost: int) -> None:
        log.debug("sound output took %d bytes fewer than offered", frames_lost)

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self._state_from_worker.emit(state)

    def _on_state_from_worker(self, state: str) -> None:
        self.stateChanged.emit(state)

    def _write_log(self, **entry: object) -> None:
        if self._log is not None:
            self._log.write(json.dumps(entry) + "\n")
            self._log.flush()


_open_streams: weakref.WeakSet[OutputStream] = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    """A running QThread must not be destroyed: stop any stream still open at exit."""
    for stream in list(_open_streams):
        stream.close()


def _error(sink: QAudioSink) -> str:
    """The sink's error by name (the enum is QAudio.Error before Qt 6.7, QtAudio.Error after)."""
    return str(getattr(sink.error(), "name", sink.error()))


def _open_log() -> Any:
    path = os.environ.get(LOG_ENV)
    if not path:
        return None
    try:
        return open(path, "a", encoding="utf-8")
    except OSError as error:
        log.warning("cannot write the sound log %s: %s", path, error)
        return None
