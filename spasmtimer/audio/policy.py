"""When a cue is played, dropped, or cuts another short. Pure: no Qt.

The session emits each :class:`~spasmtimer.core.session.events.CueDue` at its due
time, with ``late`` saying how late the tick that found it was. The player
asks :func:`decide` what to do, given what it is saying right now, and
plays at once: there is one voice, so two cues are never heard on top of
each other. A cue the session announced ahead (``Session.upcoming``) is
decided ahead, as it will be when due, on time (``late`` 0), after the
cues before it; the app's player places it then, and keeps that decision
when the cue comes, even if the tick bringing it is late: its words are
heard on time.

The rules
---------
1. **On time or not at all for numbers.** A spoken number (COUNT,
   LAST_THREE, and HALFWAY, which takes a number's place) more than
   :data:`NUMBER_LATE_LIMIT` (150 ms) late is dropped: a number said late
   is wrong, and the next one comes a second later anyway.
2. **Phrases may be a little late, never stale.** Any other cue more than
   :data:`PHRASE_LATE_LIMIT` (1 s) late is dropped too; this only happens
   after the machine slept or froze, when the session reports everything it
   missed in one go, and replaying it would be a babble.
3. **A phrase never overlaps the next count: the count yields.** When a
   number falls due while a phrase is still being spoken (say "Release.
   Switch to your right side. Hold" runs into the first count), the number
   is dropped; the phrase carries what the user has to do, the number is on
   the screen, and the next number follows a second later.
4. **A step's opening cue cuts whatever is still sounding.** HOLD, REST,
   SWITCH_SIDES, ... start on the second they are due (a hold start is the
   one moment that matters most), so an earlier utterance still running
   (a long "Next: ..." in a short prepare step) is stopped at once.
   :func:`fit` keeps that rare: before an utterance starts, its optional
   parts are left out so it ends :data:`FIT_MARGIN` before the step does.
5. **A newer number cuts an older one.** Number clips are rendered to last
   at most 0.85 s, so this only happens when ticks came late.

Tones follow the same rules (they stand in for words when the voice is off).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

NUMBER_LATE_LIMIT = 0.150
PHRASE_LATE_LIMIT = 1.0
FIT_MARGIN = 0.25  # seconds of quiet left before the next step's cue
PART_GAP = 0.06  # seconds between two clips of one utterance


class Urgency(enum.Enum):
    """How a cue competes for the one voice."""

    NUMBER = enum.auto()  # counts, last three, halfway: on time or not at all
    PHRASE = enum.auto()  # a step's opening words: always start when due


class Verdict(enum.Enum):
    """What the player does with a cue that is due now."""

    PLAY = enum.auto()  # nothing is sounding: just play
    CUT_AND_PLAY = enum.auto()  # stop what is sounding, then play
    DROP_LATE = enum.auto()  # too late to be worth saying
    DROP_BUSY = enum.auto()  # a phrase is still being spoken; the number yields


@dataclass(frozen=True)
class Sounding:
    """What the voice is saying: its urgency and when it will be quiet."""

    urgency: Urgency
    until: float


def decide(urgency: Urgency, late: float, now: float, sounding: Sounding | None) -> Verdict:
    """Apply the rules of this module to one cue due now."""
    limit = NUMBER_LATE_LIMIT if urgency is Urgency.NUMBER else PHRASE_LATE_LIMIT
    if late > limit:
        return Verdict.DROP_LATE
    if sounding is None or now >= sounding.until:
        return Verdict.PLAY
    if urgency is Urgency.NUMBER and sounding.urgency is Urgency.PHRASE:
        return Verdict.DROP_BUSY
    return Verdict.CUT_AND_PLAY


@dataclass(frozen=True)
class Part:
    """One clip of an utterance.

    ``key`` names a clip in the :class:`~spasmtimer.audio.clips.ClipLibrary`;
    ``speak`` is text for run-time speech instead (a name with no clip), whose
    ``seconds`` is then an estimate. ``required`` parts are never left out by
    :func:`fit`; optional parts of one ``group`` ("5" and "reps") go together.
    """

    key: str | None
    seconds: float
    required: bool = True
    speak: str | None = None
    group: int = 0
    short: Part | None = None  # a shorter way to say it, when time is short


@dataclass(frozen=True)
class Utterance:
    """The clips that say one cue, played one after the other."""

    parts: tuple[Part, ...]
    urgency: Urgency

    @property
    def seconds(self) -> float:
        return duration(self.parts)

    def offsets(self) -> list[float]:
        """When each part starts, in seconds from the first one."""
        result, at = [], 0.0
        for part in self.parts:
            result.append(at)
            at += part.seconds + PART_GAP
        return result


def duration(parts: Sequence[Part]) -> float:
    if not parts:
        return 0.0
    return sum(p.seconds for p in parts) + PART_GAP * (len(parts) - 1)


def fit(utterance: Utterance, available: float | None) -> Utterance:
    """Leave out optional parts, last first, until it ends ``FIT_MARGIN`` early.

    ``available`` is the time until the next step's cue (None: unknown, keep
    everything). When leaving out is not enough, parts that have a shorter
    form use it ("Left side." for "Switch to the left side."). Required
    parts always stay, even if they do not fit; rule 4 then cuts them when
    the next cue comes.
    """
    if available is None:
        return utterance
    parts = list(utterance.parts)
    budget = available - FIT_MARGIN
    while duration(parts) > budget:
        optional = [p for p in parts if not p.required]
        if not optional:
            break
        group = optional[-1].group
        parts = [p for p in parts if p.required or p.group != group]
    for index in reversed(range(len(parts))):
        short = parts[index].short
        if duration(parts) > budget and short is not None:
            parts[index] = short
    return Utterance(tuple(parts), utterance.urgency)
