"""The bundled clips as samples: a WAV file read as mono signed 16-bit. Pure: no Qt."""

from __future__ import annotations

import array
import logging
import sys
import wave
from pathlib import Path

log = logging.getLogger(__name__)

CLIP_RATE = 44_100  # the bundled clips' rate


def decode(path: Path, rate: int = CLIP_RATE) -> array.array[int]:
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
