"""The few calls of PulseAudio's asynchronous API the output stream needs, through ctypes.

``libpulse.so.0`` comes with ``libpulse0``, which PipeWire's PulseAudio
server answers too. It gives what no portable library exposes from Python:

- the stream's latency as the server measures and interpolates it
  (:meth:`PulseStream.latency`), so the frame being heard at any moment is
  known to a tenth of a millisecond;
- writes at an absolute frame of the stream (:meth:`PulseStream.write_at`):
  what is queued but not heard yet can be *overwritten* in place (the server
  has the sink render it again), so the app can keep a deep queue written
  ahead and still change its future on the frame, with no flush and no
  shift of the timeline;
- how much the server will take now (:meth:`PulseStream.writable`), so a
  write never blocks.

No Python callback is registered: libpulse's own thread (a threaded main
loop) never needs the GIL, so a GUI thread holding the GIL for a long call
cannot hold up the server's side of the stream. States and operations are
polled instead, a few milliseconds at a time, and only while connecting or
flushing. Every call here releases the GIL (ctypes does).

The "simple" API was used before: it forces ``PA_STREAM_ADJUST_LATENCY``,
which ties the sink's own latency to the queue asked for (a 500 ms queue
made the null sink render 150 ms ahead, which no flush can take back), and
it cannot say how much it will take without blocking.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import time
from typing import Any

PA_SAMPLE_S16LE = 3
UNSET = 0xFFFFFFFF
PA_CONTEXT_NOAUTOSPAWN = 1
PA_CONTEXT_READY, PA_CONTEXT_FAILED, PA_CONTEXT_TERMINATED = 4, 5, 6
PA_STREAM_READY, PA_STREAM_FAILED, PA_STREAM_TERMINATED = 2, 3, 4
PA_STREAM_INTERPOLATE_TIMING = 0x0002
PA_STREAM_AUTO_TIMING_UPDATE = 0x0008
PA_SEEK_RELATIVE, PA_SEEK_ABSOLUTE = 0, 1
PA_OPERATION_RUNNING = 0
PA_ERR_NODATA = 16
CONNECT_SECONDS = 3.0  # give up connecting (no server answers) after this long
POLL_SECONDS = 0.002
NOWHERE = b"auto_null"  # the sink a server makes when it has none (see plays_nowhere)


class PulseError(Exception):
    """The server could not be reached, or the stream failed."""


class _SampleSpec(ctypes.Structure):
    _fields_ = [("format", ctypes.c_int), ("rate", ctypes.c_uint32), ("channels", ctypes.c_uint8)]


class _BufferAttr(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_uint32) for name in ("maxlength", "tlength", "prebuf", "minreq", "fragsize")
    ]


class _TimingInfo(ctypes.Structure):
    _fields_ = [
        ("tv_sec", ctypes.c_long), ("tv_usec", ctypes.c_long),
        ("synchronized_clocks", ctypes.c_int),
        ("sink_usec", ctypes.c_uint64), ("source_usec", ctypes.c_uint64),
        ("transport_usec", ctypes.c_uint64),
        ("playing", ctypes.c_int), ("write_index_corrupt", ctypes.c_int),
        ("write_index", ctypes.c_int64),
        ("read_index_corrupt", ctypes.c_int), ("read_index", ctypes.c_int64),
        ("configured_sink_usec", ctypes.c_uint64), ("configured_source_usec", ctypes.c_uint64),
        ("since_underrun", ctypes.c_int64),
    ]  # fmt: skip


def _library() -> Any:
    """libpulse, its functions typed (loaded afresh for each stream: cheap, and no state
    kept in the module; the system keeps the library itself loaded once)."""
    try:  # the soname first: find_library runs a program each time
        lib = ctypes.CDLL("libpulse.so.0")
    except OSError as error:
        name = ctypes.util.find_library("pulse")
        if name is None:
            raise PulseError(f"libpulse is not installed ({error})") from error
        lib = ctypes.CDLL(name)
    p, i, u, s = ctypes.c_void_p, ctypes.c_int, ctypes.c_uint64, ctypes.c_size_t
    signatures: dict[str, tuple[Any, list[Any]]] = {
        "pa_threaded_mainloop_new": (p, []),
        "pa_threaded_mainloop_get_api": (p, [p]),
        "pa_threaded_mainloop_start": (i, [p]),
        "pa_threaded_mainloop_stop": (None, [p]),
        "pa_threaded_mainloop_free": (None, [p]),
        "pa_threaded_mainloop_lock": (None, [p]),
        "pa_threaded_mainloop_unlock": (None, [p]),
        "pa_context_new": (p, [p, ctypes.c_char_p]),
        "pa_context_connect": (i, [p, ctypes.c_char_p, i, p]),
        "pa_context_get_state": (i, [p]),
        "pa_context_errno": (i, [p]),
        "pa_context_disconnect": (None, [p]),
        "pa_context_unref": (None, [p]),
        "pa_stream_new": (p, [p, ctypes.c_char_p, ctypes.POINTER(_SampleSpec), p]),
        "pa_stream_connect_playback": (
            i, [p, ctypes.c_char_p, ctypes.POINTER(_BufferAttr), i, p, p]
        ),
        "pa_stream_get_state": (i, [p]),
        "pa_stream_get_device_name": (ctypes.c_char_p, [p]),
        "pa_stream_writable_size": (s, [p]),
        "pa_stream_write": (i, [p, ctypes.c_char_p, s, p, ctypes.c_int64, i]),
        "pa_stream_get_latency": (i, [p, ctypes.POINTER(u), ctypes.POINTER(i)]),
        "pa_stream_flush": (p, [p, p, p]),
        "pa_stream_update_timing_info": (p, [p, p, p]),
        "pa_stream_get_timing_info": (ctypes.POINTER(_TimingInfo), [p]),
        "pa_stream_disconnect": (i, [p]),
        "pa_stream_unref": (None, [p]),
        "pa_operation_get_state": (i, [p]),
        "pa_operation_unref": (None, [p]),
        "pa_strerror": (ctypes.c_char_p, [i]),
    }  # fmt: skip
    for function, (restype, argtypes) in signatures.items():
        call = getattr(lib, function)
        call.restype, call.argtypes = restype, argtypes
    return lib


def _strerror(lib: Any, code: int) -> str:
    text = lib.pa_strerror(code)
    return str(text.decode("utf-8", "replace")) if text else f"error {code}"


class PulseStream:
    """One playback stream of mono signed 16-bit samples on the default output.

    ``queue_seconds`` is what the server holds when full (its target
    length); it asks for more in pieces of ``request_seconds``, and starts
    playing once ``start_seconds`` are queued. The sink's own latency is
    what is left of the queue after two pieces (PulseAudio's rule): keep it
    small, so that what the sink renders ahead can always be taken back.
    """

    def __init__(
        self,
        app: str,
        rate: int,
        queue_seconds: float,
        request_seconds: float,
        start_seconds: float,
    ) -> None:
        lib = _library()
        self._lib = lib
        self.rate = rate
        self._loop: int | None = None
        self._context: int | None = None
        self._stream: int | None = None
        self._loop = lib.pa_threaded_mainloop_new()
        if not self._loop:
            raise PulseError("cannot make a PulseAudio main loop")
        try:
            self._connect(app, queue_seconds, request_seconds, start_seconds)
        except BaseException:
            self.close()
            raise

    def _connect(self, app: str, queue: float, request: float, start: float) -> None:
        lib = self._lib
        api = lib.pa_threaded_mainloop_get_api(self._loop)
        self._context = lib.pa_context_new(api, app.encode())
        if not self._context:
            raise PulseError("cannot make a PulseAudio context")
        if lib.pa_context_connect(self._context, None, PA_CONTEXT_NOAUTOSPAWN, None) < 0:
            raise PulseError(_strerror(lib, lib.pa_context_errno(self._context)))
        if lib.pa_threaded_mainloop_start(self._loop) < 0:
            raise PulseError("cannot start the PulseAudio main loop")
        self._wait_for(lambda: lib.pa_context_get_state(self._context), PA_CONTEXT_READY,
                       (PA_CONTEXT_FAILED, PA_CONTEXT_TERMINATED))  # fmt: skip
        spec = _SampleSpec(PA_SAMPLE_S16LE, self.rate, 1)
        with self._locked():
            self._stream = lib.pa_stream_new(self._context, b"cues", ctypes.byref(spec), None)
            if not self._stream:
                raise PulseError(_strerror(lib, lib.pa_context_errno(self._context)))
            attr = _BufferAttr(
                UNSET, self._bytes(queue), self._bytes(start), self._bytes(request), UNSET
            )
            flags = PA_STREAM_INTERPOLATE_TIMING | PA_STREAM_AUTO_TIMING_UPDATE
            if lib.pa_stream_connect_playback(
                self._stream, None, ctypes.byref(attr), flags, None, None
            ):
                raise PulseError(_strerror(lib, lib.pa_context_errno(self._context)))
        self._wait_for(lambda: lib.pa_stream_get_state(self._stream), PA_STREAM_READY,
                       (PA_STREAM_FAILED, PA_STREAM_TERMINATED))  # fmt: skip
        if self.plays_nowhere():
            raise PulseError("no sound output device")

    def _bytes(self, seconds: float) -> int:
        return 2 * round(seconds * self.rate)

    def _wait_for(self, state: Any, ready: int, failed: tuple[int, ...]) -> None:
        deadline = time.monotonic() + CONNECT_SECONDS
        while True:
            with self._locked():
                now = state()
                if now in failed:
                    raise PulseError(
                        _strerror(self._lib, self._lib.pa_context_errno(self._context))
                    )
            if now == ready:
                return
            if time.monotonic() > deadline:
                raise PulseError("the sound server does not answer")
            time.sleep(POLL_SECONDS)

    class _Lock:
        def __init__(self, owner: PulseStream) -> None:
            self.owner = owner

        def __enter__(self) -> None:
            self.owner._lib.pa_threaded_mainloop_lock(self.owner._loop)

        def __exit__(self, *exc: object) -> None:
            self.owner._lib.pa_threaded_mainloop_unlock(self.owner._loop)

    def _locked(self) -> PulseStream._Lock:
        return PulseStream._Lock(self)

    def _check(self) -> None:
        """Raise when the stream failed or went (call with the lock held)."""
        if self._stream is None:
            raise PulseError("closed")
        if self._lib.pa_stream_get_state(self._stream) != PA_STREAM_READY:
            raise PulseError(
                _strerror(self._lib, self._lib.pa_context_errno(self._context)) or "stream ended"
            )

    def plays_nowhere(self) -> bool:
        """Whether the stream plays into the server's stand-in for no device.

        With no sink left, PipeWire's session manager (and PulseAudio's
        module-always-sink) makes a "Dummy Output" named auto_null and moves
        the stream there: it goes on taking samples, and nobody hears them.
        """
        with self._locked():
            self._check()
            name = self._lib.pa_stream_get_device_name(self._stream)
        return bool(name == NOWHERE)

    def writable(self) -> int:
        """Frames the server takes now without waiting."""
        with self._locked():
            self._check()
            size = self._lib.pa_stream_writable_size(self._stream)
        if size == ctypes.c_size_t(-1).value:
            raise PulseError("the stream failed")
        return int(size) // 2

    def write(self, data: bytes) -> None:
        """Queue ``data`` after what was written last (take :meth:`writable` first)."""
        self._write(data, 0, PA_SEEK_RELATIVE)

    def write_at(self, frame: int, data: bytes) -> None:
        """Write ``data`` from ``frame`` of the stream on, over what was queued there.

        Frames the sink already took are taken back (rewound) where the sink can;
        the write goes on from the end of ``data``.
        """
        self._write(data, 2 * frame, PA_SEEK_ABSOLUTE)

    def _write(self, data: bytes, offset: int, seek: int) -> None:
        with self._locked():
            self._check()
            if self._lib.pa_stream_write(self._stream, data, len(data), None, offset, seek) < 0:
                raise PulseError(_strerror(self._lib, self._lib.pa_context_errno(self._context)))

    def latency(self) -> float:
        """Seconds from now until the last sample written is heard."""
        usec = ctypes.c_uint64(0)
        negative = ctypes.c_int(0)
        with self._locked():
            self._check()
            result = self._lib.pa_stream_get_latency(
                self._stream, ctypes.byref(usec), ctypes.byref(negative)
            )
        if result == -PA_ERR_NODATA:
            raise LookupError("no timing information yet")
        if result < 0:
            raise PulseError(_strerror(self._lib, -result))
        return -float(usec.value) / 1e6 if negative.value else float(usec.value) / 1e6

    def reading(self) -> tuple[float, float] | None:
        """(when, frame heard then) from the server's last timing report; asks for a new one.

        ``when`` is on :func:`time.monotonic`. Not interpolated: libpulse's
        interpolation runs on as if a stream played before the sink takes its
        samples (a fresh null sink takes none for ~2 s), then stands still for
        a second or more while it catches up; the reports are right from the
        first sample taken. A report that came late reads a little early (the
        stream's clock takes the upper envelope). None: no report yet.
        """
        with self._locked():
            self._check()
            info = self._lib.pa_stream_get_timing_info(self._stream)
            result = None
            if info and not info.contents.read_index_corrupt and info.contents.playing:
                c = info.contents
                offset = time.time() - time.monotonic()
                when = c.tv_sec + c.tv_usec / 1e6 - offset
                heard = c.read_index / 2 + (c.transport_usec - c.sink_usec) * self.rate / 1e6
                result = (when, heard)
            operation = self._lib.pa_stream_update_timing_info(self._stream, None, None)
            if operation:
                self._lib.pa_operation_unref(operation)
        return result

    def flush(self) -> None:
        """Drop what was written but not yet heard."""
        with self._locked():
            if self._stream is None:
                return
            operation = self._lib.pa_stream_flush(self._stream, None, None)
        if not operation:
            return
        deadline = time.monotonic() + 1.0
        try:
            while time.monotonic() < deadline:
                with self._locked():
                    if self._lib.pa_operation_get_state(operation) != PA_OPERATION_RUNNING:
                        return
                time.sleep(POLL_SECONDS)
        finally:
            with self._locked():
                self._lib.pa_operation_unref(operation)

    def close(self) -> None:
        lib = self._lib
        loop, self._loop = self._loop, None
        if loop is None:
            return
        with PulseStream._Lock(_Held(lib, loop)):  # type: ignore[arg-type]
            stream, self._stream = self._stream, None
            if stream:
                lib.pa_stream_disconnect(stream)
                lib.pa_stream_unref(stream)
            context, self._context = self._context, None
            if context:
                lib.pa_context_disconnect(context)
                lib.pa_context_unref(context)
        lib.pa_threaded_mainloop_stop(loop)
        lib.pa_threaded_mainloop_free(loop)


class _Held:
    """What :class:`PulseStream._Lock` needs, for a loop already detached from its stream."""

    def __init__(self, lib: Any, loop: int) -> None:
        self._lib = lib
        self._loop = loop
