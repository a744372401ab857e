"""Which clips say a cue: from a :class:`~spasmtimer.core.session.cues.Cue` to an utterance. Pure.

The session's cue carries its full words (``cue.text``) and the facts they
are made of; this module assembles the same message from the pre-rendered
clips of :mod:`spasmtimer.audio.clips`:

==================  ==========================================================
cue                 voice on
==================  ==========================================================
GET_READY           [Release.] [Next exercise.]* NAME [N reps.]* [Hold N
                    seconds.]* [Each side. / Alternating sides.]* [N sets.]*
NEXT_EXERCISE       [Release.] NAME Hold.
HOLD                [Release.] [Switch to the left/right side.] Hold.
COUNT, LAST_THREE   the number
HALFWAY             Halfway.
RELEASE             Release.
REST                [Release.] Rest. [N seconds.]*
SWITCH_SIDES        [Release.] Switch to the left/right side.
SET_COMPLETE        [Release.] Set complete. [Rest. N seconds.]*
ROUTINE_COMPLETE    [Release.] Well done. Routine complete. [chime]*
==================  ==========================================================

Parts marked * are optional: :func:`~spasmtimer.audio.policy.fit` leaves
them out, last first, when the step is too short to say them all. A name
without a clip (a user's own exercise) is spoken by the run-time speech
engine when there is one, otherwise the attention tone plays (the name is on
the screen). With the voice off, tones stand in: hold start, release, a
tick for each of the last three seconds, set complete, routine complete.
"""

from __future__ import annotations

from dataclasses import replace

from spasmtimer.audio.clips import ClipLibrary, slug
from spasmtimer.audio.policy import Part, Urgency, Utterance
from spasmtimer.core.routines.routine import Side, Sides
from spasmtimer.core.session.cues import Cue, CueKind, speaking_seconds

NUMBER_KINDS = frozenset({CueKind.COUNT, CueKind.LAST_THREE, CueKind.HALFWAY})


class _Builder:
    """Collects parts, skipping clips the library does not have."""

    def __init__(self, library: ClipLibrary, can_speak: bool):
        self.library = library
        self.can_speak = can_speak
        self.parts: list[Part] = []
        self.missing: list[str] = []

    def key(self, key: str, required: bool = True, group: int = 0) -> bool:
        clip = self.library.get(key)
        if clip is None:
            self.missing.append(key)
            return False
        self.parts.append(Part(key, clip.seconds, required, group=group))
        return True

    def phrase(self, text: str, required: bool = True, group: int = 0) -> bool:
        return self.key(f"phrase-{slug(text)}", required, group)

    def number(self, value: float | int | None, required: bool = True, group: int = 0) -> bool:
        if value is None or float(value) != int(value):
            return False
        return self.key(f"number-{int(value)}", required, group)

    def name(self, name: str | None) -> None:
        if not name:
            return
        clip = self.library.exercise(name)
        if clip is not None:
            self.parts.append(Part(clip.key, clip.seconds))
        elif self.can_speak:
            self.parts.append(Part(None, speaking_seconds(name) + 0.3, speak=name))
        else:
            self.key("tone-attention")

    def seconds(self, seconds: float | None, group: int, lead: str | None = None) -> None:
        """Optional "[lead] N seconds." as one group; left out when N has no clip."""
        if (
            seconds is None
            or float(seconds) != int(seconds)
            or self.library.number(int(seconds)) is None
        ):
            return
        if lead is not None:
            self.phrase(lead, required=False, group=group)
        self.number(seconds, required=False, group=group)
        self.phrase("Second." if int(seconds) == 1 else "Seconds.", required=False, group=group)


def _switch(b: _Builder, side: Side | None) -> None:
    """ "Switch to the left side.", or "Left side." when the step is short."""
    long_text, short_text = (
        ("Switch to the left side.", "Left side.")
        if side is Side.LEFT
        else ("Switch to the right side.", "Right side.")
    )
    if not b.phrase(long_text):
        return
    short = b.library.phrase(short_text)
    if short is not None:
        b.parts[-1] = replace(b.parts[-1], short=Part(short.key, short.seconds))


def _voice(cue: Cue, b: _Builder) -> None:
    kind = cue.kind
    if kind in (CueKind.COUNT, CueKind.LAST_THREE):
        b.number(cue.number)
        return
    if kind is CueKind.HALFWAY:
        b.phrase("Halfway.")
        return
    if cue.release or kind is CueKind.RELEASE:
        b.phrase("Release.")
    if kind is CueKind.GET_READY:
        b.phrase("Next exercise.", required=False, group=1)
        b.name(cue.exercise)
        if cue.reps is not None:
            b.number(cue.reps, required=False, group=2)
            b.phrase("Rep." if cue.reps == 1 else "Reps.", required=False, group=2)
        b.seconds(cue.seconds, group=3, lead="Hold.")
        if cue.sides is Sides.EACH:
            b.phrase("Each side.", required=False, group=4)
        elif cue.sides is Sides.ALTERNATE:
            b.phrase("Alternating sides.", required=False, group=4)
        if cue.sets is not None and cue.sets > 1:
            b.number(cue.sets, required=False, group=5)
            b.phrase("Sets.", required=False, group=5)
    elif kind is CueKind.NEXT_EXERCISE:
        b.name(cue.exercise)
        b.phrase("Hold.")
    elif kind is CueKind.HOLD:
        if "switch" in cue.text.lower():
            _switch(b, cue.side)
        b.phrase("Hold.")
    elif kind is CueKind.REST:
        b.phrase("Rest.")
        b.seconds(cue.seconds, group=1)
    elif kind is CueKind.SWITCH_SIDES:
        _switch(b, cue.side)
    elif kind is CueKind.SET_COMPLETE:
        b.phrase("Set complete.")
        b.seconds(cue.seconds, group=1, lead="Rest.")
    elif kind is CueKind.ROUTINE_COMPLETE:
        b.phrase("Well done.")
        b.phrase("Routine complete.")
        b.key("tone-routine-complete", required=False, group=1)


_TONES: dict[CueKind, str | None] = {
    CueKind.GET_READY: "tone-attention",
    CueKind.NEXT_EXERCISE: "tone-hold",
    CueKind.HOLD: "tone-hold",
    CueKind.COUNT: None,
    CueKind.LAST_THREE: "tone-tick",
    CueKind.HALFWAY: None,
    CueKind.RELEASE: "tone-release",
    CueKind.REST: "tone-release",
    CueKind.SWITCH_SIDES: "tone-release",
    CueKind.SET_COMPLETE: "tone-set-complete",
    CueKind.ROUTINE_COMPLETE: "tone-routine-complete",
}


def _tones(cue: Cue, b: _Builder) -> None:
    tone = _TONES.get(cue.kind)
    if cue.kind is CueKind.GET_READY and cue.release:
        tone = "tone-release"
    if tone is not None:
        b.key(tone)


def utterance_for(
    cue: Cue, library: ClipLibrary, *, voice: bool = True, can_speak: bool = False
) -> Utterance:
    """The clips that say ``cue``; empty when there is nothing to play."""
    urgency = Urgency.NUMBER if cue.kind in NUMBER_KINDS else Urgency.PHRASE
    builder = _Builder(library, can_speak)
    if voice:
        _voice(cue, builder)
        if not any(p.required for p in builder.parts) and cue.kind not in NUMBER_KINDS:
            builder.parts.clear()  # no words at all: fall back to the tone
    if not builder.parts and (not voice or cue.kind not in NUMBER_KINDS):
        _tones(cue, builder)
    return Utterance(tuple(builder.parts), urgency)
