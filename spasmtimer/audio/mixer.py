"""The app's mixer: clips placed at the frame where they are due. Pure: no Qt.

The output stream (:mod:`spasmtimer.audio.engine`) asks :meth:`Mixer.render`
for the next frames to write, in order, and the player asks
:meth:`Mixer.add` to place a clip at a frame (always at or after the frames
already rendered). A clip placed is heard once, whole, from its first
sample: the mixer keeps no state between plays, so nothing of an earlier
play can sound again. :meth:`Mixer.cut` ends whatever sounds with a short
linear fade (no click). Samples are mono signed 16-bit; where two clips
overlap (only during a fade) they are summed and clipped.
"""

from __future__ import annotations

import array
import sys
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from spasmtimer.audio.gain import scale

FADE_SECONDS = 0.010  # a clip that is cut fades out over this long
RAMP_SECONDS = 0.005  # a volume change glides over this long (a step would click)
KEEP_SECONDS = 0.5  # rendered clips are kept this long, to render again after a rewind


def to_bytes(samples: array.array[int]) -> bytes:
    """Little-endian 16-bit bytes of ``samples`` (what the stream wants)."""
    if sys.byteorder == "little":
        return samples.tobytes()
    swapped = array.array("h", samples)  # pragma: no cover - big-endian machines
    swapped.byteswap()
    return swapped.tobytes()


@dataclass
class Voice:
    """One clip placed on the timeline: ``samples`` start at frame ``start``."""

    tag: str
    start: int
    samples: array.array[int]
    end: int  # first frame after it (earlier than start + len when cut)
    fade_from: int | None = None  # frames from here to ``end`` fade out linearly
    when: float | None = None  # the clock time it is due to be heard (for :meth:`Mixer.retime`)
    prior: array.array[int] | None = None  # the samples before a volume change not yet anchored
    source: array.array[int] | None = None  # the clip at full loudness, to scale afresh

    def sample(self, frame: int) -> int:
        value = self.samples[frame - self.start]
        if self.fade_from is not None and frame >= self.fade_from:
            span = self.end - self.fade_from
            value = int(value * (self.end - frame) / span)
        return value


class Mixer:
    """Places clips on a timeline of frames and renders it in order."""

    def __init__(self, rate: int) -> None:
        self.rate = rate
        self.rendered = 0  # frames rendered so far: the next render starts here
        self._voices: list[Voice] = []
        self._silence = b""

    @property
    def fade_frames(self) -> int:
        return max(1, round(FADE_SECONDS * self.rate))

    def add(
        self,
        tag: str,
        samples: array.array[int],
        frame: int,
        when: float | None = None,
        source: array.array[int] | None = None,
    ) -> int:
        """Place ``samples`` to start at ``frame`` (no earlier than what is rendered).

        ``when``, the clock time it is due to be heard, lets :meth:`retime`
        move it once the device's clock is better known. ``source`` is the
        clip at full loudness when ``samples`` is it scaled down, so that a
        later volume change (:meth:`set_gain`) scales from it, even after the
        volume was at 0. Returns the frame.
        """
        frame = max(frame, self.rendered)
        voice = Voice(tag, frame, samples, frame + len(samples), when=when, source=source)
        self._voices.append(voice)
        return frame

    def retime(self, frame_at: Callable[[float], float], ahead: int, limit: int) -> None:
        """Move each clip starting later than ``ahead`` frames from now towards ``frame_at(when)``.

        At most ``limit`` frames a call, and never to ``ahead`` frames from now
        or earlier: a clock that is briefly wrong cannot pile clips up or
        throw them far, and a right one brings them to their frames in a
        few calls.
        """
        first = self.rendered + ahead
        for voice in self._voices:
            if voice.when is None or voice.fade_from is not None or voice.start < first:
                continue
            moved = max(-limit, min(limit, round(frame_at(voice.when)) - voice.start))
            if moved and voice.start + moved >= first:
                voice.start += moved
                voice.end += moved

    def cut(self, frame: int) -> list[tuple[str, int]]:
        """End everything sounding at or after ``frame`` with a fade; drop what starts later.

        Returns the (tag, frame where it goes quiet) of each clip cut short.
        """
        frame = max(frame, self.rendered)
        kept: list[Voice] = []
        cut: list[tuple[str, int]] = []
        for voice in self._voices:
            if voice.start >= frame:
                cut.append((voice.tag, voice.start))  # never heard
                continue
            end = frame + self.fade_frames
            if voice.end > end:
                voice.fade_from, voice.end = frame, end
                cut.append((voice.tag, end))
            kept.append(voice)
        self._voices = kept
        return cut

    def set_gain(self, gain: float, was: float) -> None:
        """What is not yet rendered at loudness ``gain`` instead of ``was`` (a volume change).

        Each clip is scaled from its full-loudness ``source`` (or, placed
        without one, from itself at ``gain / was``). The change glides in over
        :data:`RAMP_SECONDS` from the next frame rendered: the first one after
        a :meth:`rewind`, if one comes first.
        """
        for voice in self._voices:
            if voice.prior is None:
                voice.prior = voice.samples
            if voice.source is None:
                voice.source = voice.samples if was >= 0.999 else None
            if voice.source is not None:
                voice.samples = scale(voice.source, gain)
            else:
                voice.samples = scale(voice.samples, gain / was if was > 0 else 0.0)

    def rewind(self, frame: int) -> None:
        """Render again from ``frame`` (back to :data:`KEEP_SECONDS` at most).

        The output dropped what it held from ``frame`` on (a volume change
        that must act at once): the same clips continue on the same frames.
        """
        self.rendered = max(frame, self.rendered - round(KEEP_SECONDS * self.rate), 0)
        self._anchor(self.rendered)

    def _anchor(self, frame: int) -> None:
        """Volume changes pending take effect at ``frame``, ramped: before it, the old samples."""
        ramp = max(1, round(RAMP_SECONDS * self.rate))
        for voice in self._voices:
            prior, voice.prior = voice.prior, None
            if prior is None or frame >= voice.end:
                continue
            old = np.frombuffer(prior, dtype=np.int16).astype(np.float64)
            new = np.frombuffer(voice.samples, dtype=np.int16).astype(np.float64)
            index = np.arange(len(new)) + (voice.start - frame)  # frames from ``frame``
            weight = np.clip(index / ramp, 0.0, 1.0)
            out = array.array("h")
            out.frombytes((old * (1.0 - weight) + new * weight).astype(np.int16).tobytes())
            voice.samples = out

    def sounding_until(self) -> int:
        """The frame after the last sample placed, rendered or not (0: nothing placed)."""
        return max((v.end for v in self._voices), default=0)

    def busy_until(self) -> int:
        """The frame after the last sample placed (``rendered`` when quiet)."""
        return max(max((v.end for v in self._voices), default=self.rendered), self.rendered)

    def render(self, count: int) -> bytes:
        """The next ``count`` frames, as little-endian 16-bit bytes."""
        first, last = self.rendered, self.rendered + count
        if any(v.prior is not None for v in self._voices):
            self._anchor(first)
        self.rendered = last
        active = [v for v in self._voices if v.start < last and v.end > first]
        keep = last - round(KEEP_SECONDS * self.rate)
        self._voices = [v for v in self._voices if v.end > keep]
        if not active:
            if len(self._silence) != 2 * count:
                self._silence = bytes(2 * count)
            return self._silence
        if len(active) == 1 and active[0].fade_from is None:
            voice = active[0]
            lo, hi = max(first, voice.start), min(last, voice.end)
            out = array.array("h", bytes(2 * (lo - first)))
            out.extend(voice.samples[lo - voice.start : hi - voice.start])
            out.extend(array.array("h", bytes(2 * (last - hi))))
            return to_bytes(out)
        mixed = [0] * count
        for voice in active:
            for frame in range(max(first, voice.start), min(last, voice.end)):
                mixed[frame - first] += voice.sample(frame)
        out = array.array("h", (max(-32768, min(32767, v)) for v in mixed))
        return to_bytes(out)
