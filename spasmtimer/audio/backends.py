"""The sound outputs the stream can write to, and which one to open.

Each is a small adapter with the calls the output stream's writer
(:mod:`.engine`) makes, :class:`OutputDevice`:

- :class:`~.pulse.PulseStream`: PulseAudio's asynchronous API through ctypes,
  on a PulseAudio server or PipeWire's (pipewire-pulse): a deep queue,
  written over in place, timing to the frame. The default.
- :class:`~.qt_sink.QtSink`: QtMultimedia's QAudioSink, portable (macOS,
  Windows, a Linux without libpulse): a short queue, nothing written over.

:func:`open_default_device` opens the one :data:`BACKEND_ENV` asks for
(``pulse`` or ``qt``), or else PulseAudio's, falling back to Qt's when
libpulse is missing or no server answers.

The output was chosen by measurement (the private PulseAudio server of the
tests; CPU of the whole process while silence streams; placement by
``bench/audio_content.py``):

- QAudioSink, push mode, written from its own thread every 10 ms: placed
  to p95 0.97 ms, no drift; but 3.6 % of a core (2.1 % written every
  100 ms: Qt's PulseAudio backend services the stream in two threads).
- miniaudio, 40 ms periods: 0.7 %; but its callbacks come on the system
  clock's beat, not the device's, so where the device is cannot be seen:
  parts drifted -0.23 ms/s, p95 10 ms.
- PulseAudio's simple API through ctypes, 40 ms periods and 80 ms queued:
  about 1.1 % of a core for the two sound threads; it cannot queue deeper
  without the sink itself rendering far ahead (see :mod:`.pulse`).
- PulseAudio's asynchronous API through ctypes (used): 1 s queued,
  written over in place; about 0.2 % of a core during a hold.
"""

from __future__ import annotations

import logging
import os
from typing import Protocol

log = logging.getLogger(__name__)

BACKEND_ENV = "SPASMTIMER_AUDIO"  # "pulse" or "qt": that output only (default: pulse, else qt)


class OutputDevice(Protocol):
    """What the writer asks of an output (all from its own thread)."""

    def writable(self) -> int:
        """Frames the output takes now without waiting."""
        ...

    def write(self, data: bytes) -> None:
        """Queue mono 16-bit ``data`` after what was written last."""
        ...

    def write_at(self, frame: int, data: bytes) -> None:
        """Write ``data`` from stream frame ``frame`` on, over what was written there."""
        ...

    def reading(self) -> tuple[float, float] | None:
        """(clock time, stream frame heard then), or None: no report yet."""
        ...

    def latency(self) -> float:
        """Seconds until the last frame written is heard (interpolated; LookupError: none)."""
        ...

    def close(self) -> None: ...


def backend_choice() -> str:
    """The output asked for by :data:`BACKEND_ENV`: "pulse", "qt", or "auto" (the default)."""
    choice = os.environ.get(BACKEND_ENV, "").strip().lower()
    return choice if choice in ("pulse", "qt") else "auto"


def open_pulse(rate: int, queue: float, request: float, start: float) -> OutputDevice:
    from spasmtimer.audio.pulse import PulseStream

    return PulseStream("SpasmTimer", rate, queue, request, start)


def open_qt(rate: int) -> OutputDevice:
    from spasmtimer.audio.qt_sink import QtSink

    return QtSink(rate)


def open_default_device(rate: int, queue: float, request: float, start: float) -> OutputDevice:
    """The output to write to (see the module); raises when there is none."""
    choice = backend_choice()
    if choice == "qt":
        return open_qt(rate)
    try:
        return open_pulse(rate, queue, request, start)
    except Exception as error:  # PulseError: no libpulse, no server
        if choice == "pulse":
            raise
        try:
            device = open_qt(rate)
        except Exception as qt_error:
            raise OSError(f"{error}; Qt Multimedia: {qt_error}") from qt_error
        log.info("sound through Qt Multimedia (PulseAudio: %s)", error)
        return device
