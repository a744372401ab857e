"""The few calls of PulseAudio's "simple" API the output stream needs, through ctypes.

``libpulse-simple.so.0`` comes with ``libpulse0``, which Qt Multimedia needed
before and which PipeWire's PulseAudio server answers too. It gives what no
portable library exposes from Python: the stream's latency as the server
measures and interpolates it (:meth:`PulseStream.latency`), so the frame
being heard at any moment is known to a tenth of a millisecond. Every call
here releases the GIL while it waits (ctypes does), so a write that blocks
until the server has room costs the GUI thread nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from typing import Any

PA_STREAM_PLAYBACK = 1
PA_SAMPLE_S16LE = 3
UNSET = 0xFFFFFFFF


class PulseError(Exception):
    """The server could not be reached, or the stream failed."""


class _SampleSpec(ctypes.Structure):
    _fields_ = [("format", ctypes.c_int), ("rate", ctypes.c_uint32), ("channels", ctypes.c_uint8)]


class _BufferAttr(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_uint32) for name in ("maxlength", "tlength", "prebuf", "minreq", "fragsize")
    ]


_loaded: dict[str, Any] = {}


def _library() -> Any:
    if "lib" not in _loaded:
        name = ctypes.util.find_library("pulse-simple") or "libpulse-simple.so.0"
        try:
            lib = ctypes.CDLL(name)
        except OSError as error:
            raise PulseError(f"libpulse-simple is not installed ({error})") from error
        err = ctypes.POINTER(ctypes.c_int)
        lib.pa_simple_new.restype = ctypes.c_void_p
        lib.pa_simple_new.argtypes = [
            ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_char_p,
            ctypes.POINTER(_SampleSpec), ctypes.c_void_p, ctypes.POINTER(_BufferAttr), err,
        ]  # fmt: skip
        lib.pa_simple_write.restype = ctypes.c_int
        lib.pa_simple_write.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, err]
        lib.pa_simple_get_latency.restype = ctypes.c_uint64
        lib.pa_simple_get_latency.argtypes = [ctypes.c_void_p, err]
        lib.pa_simple_flush.restype = ctypes.c_int
        lib.pa_simple_flush.argtypes = [ctypes.c_void_p, err]
        lib.pa_simple_free.restype = None
        lib.pa_simple_free.argtypes = [ctypes.c_void_p]
        _loaded["lib"] = lib
    return _loaded["lib"]


def _strerror(code: int) -> str:
    try:
        lib = ctypes.CDLL(ctypes.util.find_library("pulse") or "libpulse.so.0")
        lib.pa_strerror.restype = ctypes.c_char_p
        lib.pa_strerror.argtypes = [ctypes.c_int]
        return str(lib.pa_strerror(code).decode("utf-8", "replace"))
    except OSError:
        return f"error {code}"


class PulseStream:
    """One playback stream of mono signed 16-bit samples on the default output."""

    def __init__(self, app: str, rate: int, target_seconds: float) -> None:
        lib = _library()
        self._lib = lib
        self.rate = rate
        spec = _SampleSpec(PA_SAMPLE_S16LE, rate, 1)
        attr = _BufferAttr(UNSET, 2 * round(target_seconds * rate), UNSET, UNSET, UNSET)
        error = ctypes.c_int(0)
        handle = lib.pa_simple_new(
            None, app.encode(), PA_STREAM_PLAYBACK, None, b"cues",
            ctypes.byref(spec), None, ctypes.byref(attr), ctypes.byref(error),
        )  # fmt: skip
        if not handle:
            raise PulseError(_strerror(error.value))
        self._handle: int | None = handle

    def write(self, data: bytes) -> None:
        """Queue ``data``; blocks until the server has room for it."""
        error = ctypes.c_int(0)
        if self._handle is None or self._lib.pa_simple_write(
            self._handle, data, len(data), ctypes.byref(error)
        ):
            raise PulseError(_strerror(error.value) if self._handle else "closed")

    def latency(self) -> float:
        """Seconds from now until the last sample written is heard."""
        error = ctypes.c_int(0)
        if self._handle is None:
            raise PulseError("closed")
        usec = self._lib.pa_simple_get_latency(self._handle, ctypes.byref(error))
        if usec == 2**64 - 1 or error.value:
            raise PulseError(_strerror(error.value))
        return float(usec) / 1e6

    def flush(self) -> None:
        """Drop what was written but not yet heard."""
        error = ctypes.c_int(0)
        if self._handle is not None:
            self._lib.pa_simple_flush(self._handle, ctypes.byref(error))

    def close(self) -> None:
        handle, self._handle = self._handle, None
        if handle:
            self._lib.pa_simple_free(handle)
