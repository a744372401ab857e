"""The portable output: QtMultimedia's QAudioSink, behind the same calls as :mod:`.pulse`.

What macOS and Windows get, and Linux without libpulse (or with a PulseAudio
server that cannot be reached): :class:`QtSink` offers what the output
stream's writer (:mod:`.engine`) asks of a device, on any platform Qt
Multimedia runs on, with nothing Linux-only in it:

- :meth:`QtSink.writable` / :meth:`QtSink.write`: push mode, what the sink's
  buffer (:data:`BUFFER_SECONDS`) has room for;
- :meth:`QtSink.reading`: the frame being handed to the device now, from
  the sink's own processed time (``processedUSecs``, which moves in the
  backend's blocks: :mod:`.reports` measures them, the stream's clock fits
  the device's real rate to them);
- no writing over: a reset drops what the sink's backend queued too (on
  PulseAudio, its whole server-side queue), so it would leave a gap, and the
  frame being heard is not known to the frame. Instead the sink holds only
  :data:`BUFFER_SECONDS` written ahead, and whatever changes (a cut, a pause,
  a volume change, a cue taken back) starts on the first frame not written:
  heard within that, plus the backend's own latency. Cues known ahead (the
  player's prefetch, a second or more) are placed on frames not written yet,
  on their sample.

The sink is made on the writer's thread, on its first call, and used only
there. No server, no device, or a sink in error raises :class:`QtSinkError`.
"""

from __future__ import annotations

import time
from typing import Any

BUFFER_SECONDS = 0.150  # what the sink holds written ahead (a pause is heard within it)


class QtSinkError(Exception):
    """No output device, or the sink failed."""


def default_output_exists() -> bool:
    """Whether Qt Multimedia sees an output device (on the caller's thread)."""
    from PySide6.QtMultimedia import QMediaDevices

    return not QMediaDevices.defaultAudioOutput().isNull()


class QtSink:
    """A mono 16-bit QAudioSink on the default output, in push mode."""

    interpolates = False  # no finer reading than :meth:`reading` (see :mod:`.engine`)
    rewrites = False  # what is written is heard: changes start after it
    blocks_behind = 0  # the processed time runs ahead of the frame heard by a constant

    def __init__(self, rate: int, buffer_seconds: float = BUFFER_SECONDS) -> None:
        if not default_output_exists():
            raise QtSinkError("no sound output device")
        self.rate = rate
        self._buffer_bytes = 2 * round(buffer_seconds * rate)
        self._sink: Any = None
        self._io: Any = None
        self._offset = 0  # the stream frame the sink's first frame is
        self._written = 0  # stream frames written

    def _open(self, offset: int) -> None:
        from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices

        device = QMediaDevices.defaultAudioOutput()
        if device.isNull():
            raise QtSinkError("no sound output device")
        fmt = QAudioFormat()
        fmt.setSampleRate(self.rate)
        fmt.setChannelCount(1)
        fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        if self._sink is None:
            self._sink = QAudioSink(device, fmt)
            self._sink.setBufferSize(self._buffer_bytes)
        self._io = self._sink.start()
        if self._io is None or self._sink.error().name != "NoError":
            raise QtSinkError(f"the sound output failed ({self._sink.error().name})")
        self._offset = offset

    def _check(self) -> None:
        if self._sink is None:
            self._open(self._written)
        # By name: the enum is QAudio.Error before Qt 6.7 and QtAudio.Error since.
        error = self._sink.error()
        if error.name not in ("NoError", "UnderrunError"):
            raise QtSinkError(f"the sound output failed ({error.name})")

    def writable(self) -> int:
        """Frames the sink takes now without waiting."""
        self._check()
        return int(self._sink.bytesFree()) // 2

    def write(self, data: bytes) -> None:
        """Queue ``data`` after what was written last."""
        self._check()
        done = 0
        while done < len(data):
            n = int(self._io.write(data[done:]))
            if n <= 0:
                break  # full: the rest is lost (the writer asks for what fits)
            done += n
        self._written += done // 2

    def handed(self) -> int:
        """The stream frame being handed to the device now."""
        return self._offset + round(int(self._sink.processedUSecs()) * self.rate / 1e6)

    def write_at(self, frame: int, data: bytes) -> None:
        """Frames already written stay (:attr:`rewrites` is False): only those after them."""
        skip = self._written - frame
        if skip < 0:
            raise ValueError("write_at past the frames written")
        if 2 * skip < len(data):
            self.write(data[2 * skip :])

    def reading(self) -> tuple[float, float] | None:
        """(when, stream frame handed to the device then), on :func:`time.monotonic`."""
        self._check()
        return time.monotonic(), float(self.handed())

    def latency(self) -> float:
        raise LookupError("no finer timing than the processed time")

    def close(self) -> None:
        sink, self._sink = self._sink, None
        if sink is not None:
            sink.stop()
            sink.deleteLater()
