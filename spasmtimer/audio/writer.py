"""The output stream's writer: the thread that writes to the device, writes over, measures.

:class:`StreamWriter` is the thread's side of :class:`~.engine.OutputStream`
(which it is mixed into): it writes what the device takes, writes over what
the GUI thread changed among the frames written (:meth:`StreamWriter._rewrite`),
and hands each reading of the device to :class:`~.tracking.DeviceTracking`.
The constants of the stream's timing live here.
"""

from __future__ import annotations

import contextlib
import ctypes
import itertools
import math
import threading
from collections.abc import Callable
from typing import Any

from spasmtimer.audio.mixer import Mixer
from spasmtimer.audio.reports import BLOCK_READS, BLOCKS_BEHIND
from spasmtimer.audio.stream_clock import StreamClock
from spasmtimer.audio.tracking import DeviceTracking
from spasmtimer.audio.wav import CLIP_RATE

RATE = CLIP_RATE  # the bundled clips' rate; the server resamples if it must
QUEUE_SECONDS = 1.000  # what the server holds when full: written ahead of the frame heard
REQUEST_SECONDS = 0.480  # it asks for more in pieces this long (~2 writes a second)
RETIME_SECONDS = 0.005  # a placed clip moves at most this much a period as the fit improves
READ_SECONDS = 0.025  # readings this often while the device's clock is measured afresh
LIVE_READINGS = 4  # readings in a row that must follow the device before any counts
MEASURE_SECONDS = 0.0005  # a latency reading that took longer than this is not used
AGREE_SECONDS = 0.0005  # interpolated readings this near the raw reports' line are used
WAIT_SECONDS = 0.500  # and at least this often once it is known


class Connection:
    """One stream to the server and the thread that writes to it."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.device: Any = None
        self.thread: threading.Thread | None = None
        self.last_call = 0.0  # when the thread last heard from the server
        self.abandoned = False  # the stream gave up on it (stalled, reopened, closed)
        self.wake = threading.Event()  # something to write over: do it now
        self.failed = ""  # why it ended, once it has


class StreamWriter:
    """The writer thread's methods of the output stream (see the module)."""

    # What the stream it is mixed into holds (guarded by ``lock``).
    lock: threading.Lock
    mixer: Mixer
    stream_clock: StreamClock
    clock: Callable[[], float]
    state: str
    underruns: int
    rewrites: int
    _rewrite_from: int | None
    _floor: int
    _margin: float
    _last_heard: tuple[float, float] | None

    def _soon(self, now: float) -> float:
        raise NotImplementedError

    def _write_log(self, **entry: object) -> None:
        raise NotImplementedError

    def _write_loop(self, connection: Connection) -> None:
        """The stream's thread: write what the server asks for, write over what changed, measure.

        It wakes when the server should be asking for more (about every
        :data:`REQUEST_SECONDS`), when the GUI thread changed frames already
        written, and, while the device's clock is measured afresh, every
        :data:`READ_SECONDS`. A write never waits: it is what the server said
        it takes. A GUI thread holding the GIL for a long call cannot starve
        the device: what is queued lasts at least ``QUEUE_SECONDS -
        REQUEST_SECONDS`` (520 ms), and libpulse's own thread needs no GIL.
        """
        _name_thread(b"spasm-sound")
        device = connection.device
        retime_limit = round(RETIME_SECONDS * RATE)
        retime_ahead = round(0.05 * RATE)
        written = 0
        queued_until = math.inf  # when what was written last runs out
        # Where the device is (Qt's processed time runs ahead of the frame heard
        # by a constant, its backend's queue: no blocks to take off).
        tracking = DeviceTracking(
            RATE, self.stream_clock, getattr(device, "blocks_behind", BLOCKS_BEHIND)
        )
        block_reads = itertools.cycle(BLOCK_READS)
        rewrites = getattr(device, "rewrites", True)  # frames written can be written over
        last_reading = -math.inf
        last_frame = -math.inf  # the frame heard at the last reading
        nowhere = getattr(device, "plays_nowhere", lambda: False)  # moved to a dummy output
        interpolated = False  # readings from libpulse's interpolation (once they hold)
        agreed = 0  # interpolated readings in a row that agree with the raw ones
        try:
            while not connection.abandoned:
                connection.wake.clear()
                if self._rewrite_from is not None:
                    self._rewrite(device, written)
                count = device.writable()
                if count > 0:
                    with self.lock:
                        if self.stream_clock.ready:  # the clock is better known now than then
                            frame_at = self.stream_clock.frame_at
                            self.mixer.retime(frame_at, retime_ahead, retime_limit)
                        data = self.mixer.render(count)
                    device.write(data)
                    written += count
                    if not rewrites:  # what is written stays: changes start after it
                        with self.lock:
                            self._floor = written
                got = self._reading(device, written, interpolated)
                if got is None or got[0] <= last_reading:  # no new report yet
                    connection.wake.wait(READ_SECONDS)
                    continue
                now, heard = got
                last_reading = now
                if nowhere():
                    raise OSError("the sound output went (only a dummy output is left)")
                if (
                    not interpolated
                    and self.stream_clock.ready
                    and tracking.reports.follows_time()
                    and getattr(device, "interpolates", True)
                ):
                    # libpulse's interpolated readings are finer (to 0.1 ms) than
                    # the raw reports once they have caught up with them.
                    check = self._reading(device, written, True)
                    near = (
                        check is not None
                        and abs(check[1] - self.stream_clock.frame_at(check[0]))
                        < AGREE_SECONDS * RATE
                    )
                    agreed = agreed + 1 if near else 0
                    interpolated = agreed >= LIVE_READINGS
                latency = (written - heard) / RATE  # what is queued, the sink's part included
                with self.lock:
                    if connection.abandoned:
                        break
                    if heard > last_frame:  # the device moves on (PipeWire keeps a
                        # stream whose sink went, its reports standing still)
                        connection.last_call = self.clock()
                    last_frame = heard
                    starved = now > queued_until and self.state == "playing"
                    underruns = tracking.underruns
                    used, entries = tracking.note(
                        now, heard, starved=starved, playing=self.state == "playing",
                        raw=not interpolated,
                    )  # fmt: skip
                    for entry in entries:
                        if "taking" in entry:
                            entry["taking"] = connection.number
                        if "slip" in entry:
                            entry["stream"] = connection.number
                        self._write_log(**entry)
                    self.underruns += tracking.underruns - underruns
                    self._margin = tracking.margin
                    self._last_heard = tracking.last_heard
                    queued_until = now + latency
                    # A reading taken while the block changes: read again soon.
                    ready = self.stream_clock.ready and used
                if not ready:
                    wait = READ_SECONDS
                else:  # until the server asks for its next piece
                    wait = latency - (QUEUE_SECONDS - REQUEST_SECONDS) + 0.010
                    wait = max(READ_SECONDS, min(WAIT_SECONDS, wait))
                    if tracking.block > 0:  # the staircase's top is found by reading often
                        wait = min(wait, next(block_reads))
                connection.wake.wait(wait)
        except Exception as error:  # PulseError: the server or the sink went away
            connection.failed = str(error) or type(error).__name__
        finally:
            device.close()

    def _reading(self, device: Any, written: int, interpolated: bool) -> tuple[float, float] | None:
        """(clock time, frame heard then): libpulse's interpolation, or the server's last report."""
        if not interpolated:
            return device.reading()  # type: ignore[no-any-return]
        # The clock is read just before asking: the call itself starts at once,
        # but the GIL may be slow to come back after it.
        now = self.clock()
        latency = device.latency()
        if self.clock() - now > MEASURE_SECONDS:
            return None  # held up around the call: this reading is not exact
        return now, written - latency * RATE

    def _rewrite(self, device: Any, written: int) -> None:
        """Render again what changed among the frames written, and write it over them.

        The server takes it in place: frames the sink already rendered ahead
        are rendered again (the sink rewinds), nothing moves on the
        timeline, and the stream's clock holds.
        """
        now = self.clock()
        with self.lock:
            first, self._rewrite_from = self._rewrite_from, None
            if first is None:
                return
            wanted, first = first, max(first, round(self._soon(now)))
            if first > wanted:  # held up (the GIL): clips placed before ``first`` come late
                late = self.mixer.hold_back(first)
                if late:
                    self._write_log(held_back=[[tag, n / RATE] for tag, n in late], t=now)
            if first >= written:
                return
            self.mixer.rewind(first)
            first = self.mixer.rendered
            data = self.mixer.render(written - first)
        device.write_at(first, data)
        self.rewrites += 1
        self._write_log(rewrite=(written - first) / RATE, frame=first, t=now)


def _name_thread(name: bytes) -> None:
    """Name this thread in the system (``/proc/PID/task/*/comm``), for per-thread CPU figures."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None)
        libc.prctl(15, ctypes.c_char_p(name), 0, 0, 0)  # PR_SET_NAME
