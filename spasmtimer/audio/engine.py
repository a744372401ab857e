"""One output stream for the app's lifetime, fed by our own mixer, off the GUI thread.

Why a stream of our own instead of one QSoundEffect per clip: QSoundEffect
replays 50 to 80 ms of stale audio before a clip it has played before
(PySide6 6.9), and a second effect wedges the event loop on PulseAudio
(6.10, 6.11). Here one playback stream stays open, written by a thread of
its own from the :class:`~.mixer.Mixer`'s timeline; silence is written
between clips. The stream goes to a device adapter (:mod:`.backends`: a
PulseAudio stream, :mod:`.pulse`, on PulseAudio or PipeWire; QtMultimedia's
sink, :mod:`.qt_sink`, elsewhere), and what its timing reports say is read
by :mod:`.reports` (pure) and fitted by :mod:`.stream_clock` (pure).

A deep queue, so a busy GUI thread starves nothing: the server holds up to
:data:`QUEUE_SECONDS` (1 s) written ahead and asks for more in pieces of
:data:`REQUEST_SECONDS`, so what is queued never falls below ~520 ms (the
sink's own part, what PulseAudio leaves of the queue after two pieces, is
40 ms: small, so that what the sink renders ahead can be taken back).
A GUI-thread call that holds the GIL (a 144 ms ``QWidget.grab()``, opening
the history window, a PDF export) keeps the writer from running, but the
device plays on from the queue, and libpulse's own thread needs no GIL.
Measured (``bench/audio_content.py --stall-ms 300 --stall-every 2.5``):
with 40 ms written at a time and 80 ms queued, 14 underruns and 12 parts
missing or garbled in 34 s; now none (with 700 ms queued, stalls of
400-490 ms still ran it dry: 9 underruns in 163 s). Wake-ups: about two a
second.

The future still changes on the frame: cues known ahead are placed ahead
(the player's ``prefetch``), and whatever changes frames already written
(a cue nobody announced, a cut, a part taken back, a volume change) is
rendered again and *written over* them in place (:meth:`OutputStream._rewrite`,
PulseAudio's absolute seek), from :data:`SAFE_SECONDS` after the frame
heard now: the sink renders them again, nothing moves on the timeline.

Placement: the thread notes, on the session clock, which frame is being
heard (from the server's timing reports until libpulse's interpolation
agrees with them, then from that: to 0.1 ms); a
:class:`~.stream_clock.StreamClock` fits the device's real rate and
position to those notes. A clip due at clock time ``due`` is placed on the
frame heard at ``due + LEAD``: every clip is heard the same time after it
is due. LEAD only has to cover a cue nobody announced (the first words
after a start, a skip, a resume): the GUI thread placing it, the writer
waking and writing it over the queue (a few ms), and the sink taking it
back (:data:`SAFE_SECONDS`). A clip whose frame could not be written over
in time comes late but whole. Clips not written yet are re-timed on the
latest fit before they are rendered. The stream counts as "playing" once
the server is seen taking samples and the fit holds.

Devices: no server, or a stream that fails or stops answering for
:data:`STALL_SECONDS`, makes :attr:`OutputStream.state` "none" or "failed";
the stream then tries the default output again every
:data:`RETRY_SECONDS` (backing off to :data:`IDLE_RETRY_SECONDS` while no
server was ever found) and says "playing" once samples flow again. A timer
on the GUI thread does the watching and emits
:attr:`~OutputStream.stateChanged`: every :data:`WATCH_MS` while a stream
starts or after one failed, so sound comes back quickly, and every
:data:`CALM_WATCH_MS` while it plays or no server is there, so a long hold
wakes the GUI thread twice a second for it, not ten times. Each change is
logged once, never per period.
"""

from __future__ import annotations

import array
import atexit
import contextlib
import json
import logging
import math
import os
import threading
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from spasmtimer.audio.backends import open_default_device
from spasmtimer.audio.gain import scale
from spasmtimer.audio.mixer import Mixer
from spasmtimer.audio.stream_clock import StreamClock
from spasmtimer.audio.writer import QUEUE_SECONDS, RATE, REQUEST_SECONDS, Connection, StreamWriter
from spasmtimer.core.clock import Clock, system_clock

log = logging.getLogger(__name__)

__all__ = ["CALM_WATCH_MS", "LEAD", "RATE", "SAFE_SECONDS", "OutputStream"]

PREBUF_SECONDS = 0.050  # a new stream starts playing once this much is queued
SAFE_SECONDS = 0.020  # what is queued is overwritten from this far after the frame heard now
LEAD = 0.100  # seconds from a clip's due time to when it is heard
STALL_SECONDS = 1.0  # no call to the server done for this long while playing: it failed
START_SECONDS = 4.0  # a new stream may take this long to start taking samples
RETRY_SECONDS = 0.25
IDLE_RETRY_SECONDS = 2.0  # no server found since start: tries back off up to this
WATCH_MS = 100  # while a stream starts, or after one failed: sound returns quickly
CALM_WATCH_MS = 500  # while it plays, or no server was ever found: fewer wake-ups
RATE_LOG_SECONDS = 30.0  # the device's measured rate logged this often (the bench)
SETTLED_WATCHES = 1  # the stream counts as playing after this many settled watches
LOG_ENV = "SPASMTIMER_AUDIO_LOG"  # a file to write what was scheduled to (the bench)


class OutputStream(StreamWriter, QObject):
    """The app's one output stream: place clips at due times, cut, take back, set the gain.

    Thread-safe: :meth:`place`, :meth:`cut`, :meth:`cancel` and
    :meth:`set_gain` are called from the GUI thread while the stream's
    thread renders and writes.

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
        self.rewrites = 0
        self._announced = ""
        self._open_device = device or (
            lambda: open_default_device(RATE, QUEUE_SECONDS, REQUEST_SECONDS, PREBUF_SECONDS)
        )
        self._connection: Connection | None = None
        self._retry_at = 0.0
        self._retry_wait = RETRY_SECONDS
        self._rate_logged = 0.0
        self._closed = False
        self._why = ""
        self._last_heard: tuple[float, float] | None = None  # (time, frame heard then)
        self._margin = 0.0  # frames past the heard one the server may have taken (a block)
        self._floor = 0  # written frames, where the device cannot write over them (Qt's sink)
        self._rewrite_from: int | None = None  # the first frame to render and write again
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
        try:
            device = self._open_device()
        except Exception as error:  # PulseError: no server, no library, no sink
            why = str(error) or type(error).__name__
            if why != self._why:
                log.info("no sound output: %s", why)
                self._why = why
            if self.state != "failed":
                # Never had an output: try less and less often (up to every
                # IDLE_RETRY_SECONDS). After a failure it stays quick.
                self.state = "none"
                self._retry_wait = min(2 * self._retry_wait, IDLE_RETRY_SECONDS)
            self._retry_at = now + self._retry_wait
            return
        self._why = ""
        self._retry_wait = RETRY_SECONDS
        self.streams += 1
        connection = Connection(self.streams)
        connection.device = device
        connection.last_call = now
        with self.lock:
            self.mixer = Mixer(RATE)
            self.stream_clock.restart()
            self._last_heard = None
            self._rewrite_from = None
            self._margin = 0.0
            self._floor = 0
            self.stream_clock.granularity = 0.0
        self._connection = connection
        self.state = "starting"
        self._settled = 0
        self._write_log(opened=self.streams, t=now)
        connection.thread = threading.Thread(
            target=self._write_loop, args=(connection,), name="spasmtimer-sound", daemon=True
        )
        connection.thread.start()

    def _abandon(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.abandoned = True
            connection.wake.set()

    def _soon(self, now: float) -> float:
        """The first frame that can still be written over (call with the lock held)."""
        if self.stream_clock.ready:
            heard = self.stream_clock.frame_at(now)
        elif self._last_heard is not None:
            t, frame = self._last_heard
            heard = frame + (now - t) * RATE
        else:
            return float(self.mixer.rendered)
        return max(heard + self._margin + SAFE_SECONDS * RATE, self._floor)

    def _changed(self, frame: int | None) -> None:
        """Frames from ``frame`` on changed (call with the lock held): write them again."""
        if frame is None or frame >= self.mixer.rendered:
            return
        if self._rewrite_from is None or frame < self._rewrite_from:
            self._rewrite_from = frame
        connection = self._connection
        if connection is not None:
            connection.wake.set()

    def _on_watch_timeout(self) -> None:
        now = self.clock()
        connection = self._connection
        if connection is None:
            if now >= self._retry_at and not self._closed:
                self.open()
        else:
            with self.lock:
                quiet = now - connection.last_call
                settled = self.stream_clock.ready  # the device's clock is known
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
            elif ready and now - self._rate_logged >= RATE_LOG_SECONDS:
                self._rate_logged = now
                self._write_log(rate=rate, t=now)
        calm = self.state in ("playing", "none")
        interval = CALM_WATCH_MS if calm else WATCH_MS
        if self._watch.interval() != interval:
            self._watch.setInterval(interval)
        if self.state != self._announced:
            self._announced = self.state
            self.stateChanged.emit(self.state)

    # -- from the GUI thread ------------------------------------------------

    def place(
        self,
        tag: str,
        samples: array.array[int],
        due: float,
        group: int | None = None,
        **info: object,
    ) -> float | None:
        """Place a clip to be heard at ``due`` + :data:`LEAD`; returns when, or None.

        None: there is no output to play it. ``group``: placed ahead of its
        cue, :meth:`cancel` takes it back. A clip placed on frames already
        written is written over them; one whose frame is heard already starts
        at the first frame that can still be written.
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
            now = self.clock()
            if self.stream_clock.ready:
                wanted = round(self.stream_clock.frame_at(due + LEAD))
            elif self._last_heard is not None:  # being measured afresh: the last reading
                t, heard = self._last_heard
                wanted = round(heard + (due + LEAD - t) * RATE)
            else:  # nothing measured yet: from the first frame not written, roughly
                wanted = self.mixer.rendered + round((due + LEAD - now) * RATE)
            soon = math.ceil(self._soon(now))
            frame = self.mixer.add(
                tag, samples, wanted, when=due + LEAD, source=source, floor=soon, group=group
            )
            self._changed(frame)
            at = self.stream_clock.time_of(frame) if self.stream_clock.ready else due + LEAD
            self._write_log(
                part=tag,
                due=due,
                frame=frame,
                late_frames=frame - wanted,
                at=at,
                stream=self.streams,
                seconds=len(samples) / RATE,
                group=group,
                **info,
            )
        return at

    def time_for(self, due: float) -> float:
        """When something due at ``due`` is heard (the lead added)."""
        with self.lock:
            if not self.stream_clock.ready:
                return due + LEAD
            frame = max(self.stream_clock.frame_at(due + LEAD), self._soon(self.clock()))
            return self.stream_clock.time_of(frame)

    def cut(self, due: float | None = None, by: int | None = None) -> None:
        """End what sounds, with a fade: from now (``due`` None), or as ``due`` is heard.

        Now (pause, stop, mute): from the first frame that can still be
        written over, dropping everything placed after it. At ``due`` (a
        step's opening words make way): the fade ends on the frame where a
        clip due then starts; ``by`` is the group of that clip, whose
        cancelling undoes the cut.
        """
        with self.lock:
            soon = math.ceil(self._soon(self.clock()))
            frame = soon
            if due is not None and self.stream_clock.ready:
                wanted = round(self.stream_clock.frame_at(due + LEAD)) - self.mixer.fade_frames
                frame = max(soon, wanted)
            cut = self.mixer.cut(frame, by=by)
            if cut:
                self._write_log(
                    cut=[[tag, at] for tag, at in cut], stream=self.streams, group=by, frame=frame
                )
                self._changed(frame)

    def cancel(self, groups: set[int]) -> None:
        """Take back what ``groups`` placed and is not heard yet; undo the cuts they made."""
        if not groups:
            return
        with self.lock:
            soon = math.ceil(self._soon(self.clock()))
            dropped, changed = self.mixer.cancel(groups, soon)
            if dropped or changed is not None:
                self._write_log(
                    cut=[[tag, at] for tag, at in dropped],
                    cancelled=sorted(groups),
                    stream=self.streams,
                )
            self._changed(None if changed is None else max(changed, soon))

    def confirm(self, group: int) -> None:
        """What ``group`` placed ahead stays: its cue came."""
        with self.lock:
            self.mixer.confirm(group)

    def set_gain(self, gain: float) -> None:
        """Loudness from 0 to 1: for what is placed from now on, and what is not heard yet
        (within a server round trip: what the server holds is written over)."""
        gain = max(0.0, min(1.0, float(gain)))
        if abs(gain - self.gain) < 1e-4:
            return
        was, self.gain = self.gain, gain
        self._scaled = {}
        with self.lock:
            self.mixer.set_gain(gain, was)
            soon = math.ceil(self._soon(self.clock()))
            if self.mixer.sounding_until() > soon:
                # What the server holds is at the old loudness: write it again
                # at the new one, from the first frame not heard yet.
                self._changed(soon)

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
