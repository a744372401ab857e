"""From cues to clips: what the voice says for each cue, and the tones without it."""

from __future__ import annotations

import pytest

from spasmtimer.audio.clips import ClipLibrary
from spasmtimer.audio.policy import Urgency
from spasmtimer.audio.words import utterance_for
from spasmtimer.core.routines.loader import load_routine_text
from spasmtimer.core.routines.plan import make_plan
from spasmtimer.core.routines.routine import Side, Sides
from spasmtimer.core.session.cues import CountStyle, Cue, CueKind, cues_for_step
from spasmtimer.resources import assets_dir


@pytest.fixture(scope="module")
def library() -> ClipLibrary:
    return ClipLibrary.scan(assets_dir())


def keys(cue: Cue, library: ClipLibrary, **kw: bool) -> list[str | None]:
    return [p.key for p in utterance_for(cue, library, **kw).parts]


def test_counts_are_numbers_on_time_or_not_at_all(library: ClipLibrary) -> None:
    utterance = utterance_for(Cue(CueKind.COUNT, "7", number=7), library)
    assert [p.key for p in utterance.parts] == ["number-7"]
    assert utterance.urgency is Urgency.NUMBER
    assert keys(Cue(CueKind.HALFWAY, "Halfway"), library) == ["phrase-halfway"]


def test_switch_and_hold_with_release(library: ClipLibrary) -> None:
    cue = Cue(CueKind.HOLD, "Release. Switch to your left side. Hold", side=Side.LEFT, release=True)
    assert keys(cue, library) == [
        "phrase-release",
        "phrase-switch-to-the-left-side",
        "phrase-hold",
    ]
    switch = Cue(CueKind.SWITCH_SIDES, "Switch to your right side", side=Side.RIGHT)
    assert keys(switch, library) == ["phrase-switch-to-the-right-side"]


def test_get_ready_names_the_exercise_with_optional_details(library: ClipLibrary) -> None:
    cue = Cue(
        CueKind.GET_READY, "Next: Bridge, 5 reps, hold 10 seconds, each side, 2 sets",
        exercise="Bridge", seconds=10, reps=5, sets=2, sides=Sides.EACH,
    )  # fmt: skip
    utterance = utterance_for(cue, library)
    assert [p.key for p in utterance.parts] == [
        "phrase-next-exercise", "exercise-bridge", "number-5", "phrase-reps",
        "phrase-hold", "number-10", "phrase-seconds", "phrase-each-side",
        "number-2", "phrase-sets",
    ]  # fmt: skip
    assert [p.key for p in utterance.parts if p.required] == ["exercise-bridge"]


def test_a_name_without_a_clip_is_spoken_or_replaced_by_a_tone(library: ClipLibrary) -> None:
    cue = Cue(CueKind.NEXT_EXERCISE, "Frog stretch. Hold", exercise="Frog stretch", seconds=5)
    assert keys(cue, library) == ["tone-attention", "phrase-hold"]
    spoken = utterance_for(cue, library, can_speak=True).parts
    assert spoken[0].speak == "Frog stretch" and spoken[0].key is None


def test_with_the_voice_off_tones_stand_in(library: ClipLibrary) -> None:
    assert keys(Cue(CueKind.HOLD, "Hold"), library, voice=False) == ["tone-hold"]
    assert keys(Cue(CueKind.COUNT, "4", number=4), library, voice=False) == []
    assert keys(Cue(CueKind.LAST_THREE, "3", number=3), library, voice=False) == ["tone-tick"]
    rest = Cue(CueKind.REST, "Release. Rest 3 seconds", seconds=3, release=True)
    assert keys(rest, library, voice=False) == ["tone-release"]
    done = Cue(CueKind.ROUTINE_COMPLETE, "Well done. Routine complete.")
    assert keys(done, library, voice=False) == ["tone-routine-complete"]


def test_without_any_clips_nothing_breaks() -> None:
    empty = ClipLibrary()
    assert keys(Cue(CueKind.HOLD, "Hold"), empty) == []
    assert keys(Cue(CueKind.COUNT, "4", number=4), empty) == []


ROUTINE = """
format: 1
name: Words
exercises:
  - name: Bridge
    hold: 25
    reps: 2
    sets: 2
    sides: alternate
  - name: Plank
    hold: 4
    prepare: 0
"""


@pytest.mark.parametrize("style", list(CountStyle))
def test_every_cue_of_a_plan_has_something_to_play(library: ClipLibrary, style: CountStyle) -> None:
    plan = make_plan(load_routine_text(ROUTINE))
    for index in range(len(plan.steps)):
        for _, cue in cues_for_step(plan, index, style):
            utterance = utterance_for(cue, library)
            assert utterance.parts, cue
            assert all(p.key in library.clips for p in utterance.parts), cue
