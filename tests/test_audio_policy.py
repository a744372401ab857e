"""The timing policy: late numbers dropped, phrases never overlapped by counts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from spasmtimer.audio.policy import (
    FIT_MARGIN,
    NUMBER_LATE_LIMIT,
    PART_GAP,
    Part,
    Sounding,
    Urgency,
    Utterance,
    Verdict,
    decide,
    fit,
)


def test_a_number_more_than_150_ms_late_is_dropped() -> None:
    assert decide(Urgency.NUMBER, 0.149, 10.0, None) is Verdict.PLAY
    assert decide(Urgency.NUMBER, 0.151, 10.0, None) is Verdict.DROP_LATE


def test_a_phrase_may_be_a_little_late_but_not_stale() -> None:
    assert decide(Urgency.PHRASE, 0.4, 10.0, None) is Verdict.PLAY
    assert decide(Urgency.PHRASE, 1.5, 10.0, None) is Verdict.DROP_LATE


def test_a_count_yields_to_a_phrase_still_being_spoken() -> None:
    phrase = Sounding(Urgency.PHRASE, until=11.0)
    assert decide(Urgency.NUMBER, 0.0, 10.5, phrase) is Verdict.DROP_BUSY
    assert decide(Urgency.NUMBER, 0.0, 11.0, phrase) is Verdict.PLAY


def test_a_step_cue_cuts_whatever_still_sounds() -> None:
    assert decide(Urgency.PHRASE, 0.0, 10.5, Sounding(Urgency.PHRASE, 11.0)) is Verdict.CUT_AND_PLAY
    assert decide(Urgency.PHRASE, 0.0, 10.5, Sounding(Urgency.NUMBER, 11.0)) is Verdict.CUT_AND_PLAY


def test_a_newer_number_cuts_an_older_one() -> None:
    assert decide(Urgency.NUMBER, 0.0, 10.5, Sounding(Urgency.NUMBER, 11.0)) is Verdict.CUT_AND_PLAY


def _utterance() -> Utterance:
    return Utterance(
        (
            Part("phrase-next-exercise", 1.3, required=False, group=1),
            Part("exercise-bridge", 0.4),
            Part("number-5", 0.4, required=False, group=2),
            Part("phrase-reps", 0.4, required=False, group=2),
            Part("number-2", 0.4, required=False, group=3),
            Part("phrase-sets", 0.4, required=False, group=3),
        ),
        Urgency.PHRASE,
    )


def test_fit_leaves_out_optional_groups_last_first() -> None:
    full = _utterance()
    assert fit(full, None) == full
    assert fit(full, 100.0) == full
    keys = [p.key for p in fit(full, 3.2).parts]
    assert keys == ["phrase-next-exercise", "exercise-bridge", "number-5", "phrase-reps"]
    keys = [p.key for p in fit(full, 0.1).parts]
    assert keys == ["exercise-bridge"]  # required parts stay even if they do not fit


def test_offsets_follow_each_other_with_a_short_gap() -> None:
    full = _utterance()
    offsets = full.offsets()
    assert offsets[0] == 0.0
    assert offsets[1] == 1.3 + PART_GAP
    assert abs(full.seconds - (offsets[-1] + 0.4)) < 1e-9


@given(st.floats(min_value=0.0, max_value=10.0))
def test_a_fitted_utterance_ends_before_the_step_unless_only_required_parts_are_left(
    available: float,
) -> None:
    fitted = fit(_utterance(), available)
    only_required = all(p.required for p in fitted.parts)
    assert fitted.seconds <= available - FIT_MARGIN + 1e-9 or only_required


@given(st.floats(min_value=0.0, max_value=0.15))
def test_a_number_on_time_in_silence_always_plays(late: float) -> None:
    assert late <= NUMBER_LATE_LIMIT
    assert decide(Urgency.NUMBER, late, 5.0, Sounding(Urgency.PHRASE, 4.0)) is Verdict.PLAY


def test_a_long_required_part_gives_way_to_its_short_form() -> None:
    short = Part("phrase-left-side", 0.74)
    utterance = Utterance(
        (Part("phrase-release", 0.48), Part("phrase-switch-to-the-left-side", 1.38, short=short)),
        Urgency.PHRASE,
    )
    assert fit(utterance, 3.0) == utterance
    fitted = fit(utterance, 2.0)
    assert [p.key for p in fitted.parts] == ["phrase-release", "phrase-left-side"]
    assert fitted.seconds <= 2.0 - FIT_MARGIN
