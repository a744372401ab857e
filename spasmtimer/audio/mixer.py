"""The app's mixer: clips placed at the frame where they are due. Pure: no Qt.

The output stream (:mod:`spasmtimer.audio.engine`) asks :meth:`Mixer.render`
for the next frames to write, in order, and the player asks
:meth:`Mixer.add` to place a clip at a frame. A clip placed is heard once,
whole, from its first sample: the mixer keeps no state between plays, so
nothing of an earlier play can sound again. :meth:`Mixer.cut` ends whatever
sounds with a short linear fade (no click). Samples are mono signed 16-bit;
where two clips overlap (only during a fade) they are summed and clipped.

The stream keeps a deep queue written ahead, so a clip may be placed, cut
or taken back (:meth:`Mixer.cancel`) on frames already rendered: the
stream then renders again from there (:meth:`Mixer.rewind`) and writes it
over what the server holds. Clips placed ahead belong to a ``group``; a cut
made on behalf of a group can be undone with it.
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
KEEP_SECONDS = 1.5  # rendered clips are kept this long, to render again after a rewind


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
    group: int | None = None  # placed ahead for this group (:meth:`Mixer.cancel` takes it back)
    uncut: tuple[int, int, int | None] | None = None  # (group that cut it, end, fade) before
    fresh: bool = True  # placed since the frames under it were last rendered

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
        floor: int | None = None,
        group: int | None = None,
    ) -> int:
        """Place ``samples`` to start at ``frame``, no earlier than ``floor``.

        ``floor`` defaults to the first frame not rendered yet; the stream
        passes the first frame it can still write over.

        ``when``, the clock time it is due to be heard, lets :meth:`retime`
        move it once the device's clock is better known. ``source`` is the
        clip at full loudness when ``samples`` is it scaled down, so that a
        later volume change (:meth:`set_gain`) scales from it, even after the
        volume was at 0. Returns the frame.
        """
        frame = max(frame, self.rendered if floor is None else floor)
        voice = Voice(
            tag, frame, samples, frame + len(samples), when=when, source=source, group=group
        )
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

    def cut(self, frame: int, by: int | None = None) -> list[tuple[str, int]]:
        """End everything sounding at or after ``frame`` with a fade; drop what starts later.

        ``by``: the group of the clip the cut makes way for; undone if that
        group is cancelled (what starts later is then kept silent, not dropped).
        Returns the (tag, frame where it goes quiet) of each clip cut short.
        """
        kept: list[Voice] = []
        cut: list[tuple[str, int]] = []
        for voice in self._voices:
            end = frame + self.fade_frames
            if voice.start >= frame:
                if voice.end > voice.start:
                    cut.append((voice.tag, voice.start))  # never heard
                if by is None:
                    continue
                end = voice.start
            if voice.end > end:
                if by is not None and voice.uncut is None:
                    voice.uncut = (by, voice.end, voice.fade_from)
                voice.fade_from, voice.end = (frame, end) if end > voice.start else (None, end)
                if end > voice.start:
                    cut.append((voice.tag, end))
            kept.append(voice)
        self._voices = kept
        return cut

    def cancel(self, groups: set[int], frame: int) -> tuple[list[tuple[str, int]], int | None]:
        """Take back what ``groups`` placed from ``frame`` on, and undo the cuts they made.

        Clips of those groups that start before ``frame`` are being heard and
        stay. Returns the (tag, start) of each clip taken back, and the first
        frame that changed (None: nothing did).
        """
        dropped: list[tuple[str, int]] = []
        changed: int | None = None
        kept: list[Voice] = []
        for voice in self._voices:
            if voice.group in groups and voice.start >= frame:
                if voice.end > voice.start:
                    dropped.append((voice.tag, voice.start))
                changed = voice.start if changed is None else min(changed, voice.start)
                continue
            if voice.uncut is not None and voice.uncut[0] in groups:
                _by, end, fade = voice.uncut
                at = voice.fade_from if voice.fade_from is not None else voice.end
                if at >= frame:  # the cut is not heard yet: the clip goes on
                    voice.end, voice.fade_from, voice.uncut = end, fade, None
                    changed = at if changed is None else min(changed, at)
            kept.append(voice)
        self._voices = kept
        return dropped, changed

    def confirm(self, group: int) -> None:
        """What ``group`` placed and cut is for good now (its cue came)."""
        for voice in self._voices:
            if voice.group == group:
                voice.group = None
            if voice.uncut is not None and voice.uncut[0] == group:
                voice.uncut = None

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

    def hold_back(self, frame: int) -> list[tuple[str, int]]:
        """Clips placed on frames before ``frame`` that were never rendered start at ``frame``.

        The output could not write over those frames in time (they are being
        heard): the clip comes late, but whole. Returns (tag, frames late).
        """
        moved: list[tuple[str, int]] = []
        for voice in self._voices:
            if voice.fresh and voice.start < frame:
                late = frame - voice.start
                voice.start, voice.end = frame, voice.end + late
                moved.append((voice.tag, late))
        return moved

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
        active = [v for v in self._voices if v.start < last and v.end > first and v.end > v.start]
        for voice in self._voices:
            if voice.start < last:
                voice.fresh = False
        keep = last - round(KEEP_SECONDS * self.rate)
        self._voices = [v for v in self._voices if v.end > keep]
        if not active:
            if len(self._silence) != 2 * count:
                self._silence = bytes(2 * count)
            return self._silence
        mixed = np.zeros(count, dtype=np.float64)
        for voice in active:
            lo, hi = max(first, voice.start), min(last, voice.end)
            part = np.frombuffer(voice.samples, dtype=np.int16)[lo - voice.start : hi - voice.start]
            part = part.astype(np.float64)
            if voice.fade_from is not None and hi > voice.fade_from:
                span = voice.end - voice.fade_from
                frames = np.arange(lo, hi)
                weight = np.where(frames >= voice.fade_from, (voice.end - frames) / span, 1.0)
                part = np.trunc(part * weight)
            mixed[lo - first : hi - first] += part
        out = np.clip(mixed, -32768, 32767).astype("<i2")
        return out.tobytes()
