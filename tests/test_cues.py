"""The cue schedule: what is said when, in words and in fields, never two at once."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from session_helpers import every_kind_plan, routine

from spasmtimer.core.routines.plan import Plan, StepKind, make_plan
from spasmtimer.core.routines.routine import Exercise, Hold, Side, Sides
from spasmtimer.core.session.cues import (
    CountStyle,
    Cue,
    CueKind,
    cues_for_step,
    say_seconds,
    speaking_seconds,
)


def hold_plan(seconds: float, prepare: float = 5) -> Plan:
    return make_plan(routine(Exercise("E", Hold.fixed(seconds), reps=2, prepare=prepare, rest=2)))


def spoken(plan: Plan, index: int, style: CountStyle) -> list[tuple[float, CueKind, int | None]]:
    return [(o, c.kind, c.number) for o, c in cues_for_step(plan, index, style)]


def test_get_ready_announces_the_exercise() -> None:
    ex = Exercise("Prayer stretch", Hold(5, 10), reps=5, prepare=5)
    [(offset, cue)] = cues_for_step(make_plan(routine(ex, ex)), 0)
    assert offset == 0
    words = "Next: Prayer stretch, 5 reps, hold 5 seconds"
    assert cue == Cue(
        CueKind.GET_READY, words, exercise="Prayer stretch", seconds=5.0, reps=5, sets=1,
        sides=Sides.NONE,
    )  # fmt: skip


def test_get_ready_names_sides_sets_and_the_level_in_use() -> None:
    ex = Exercise("Knee", Hold(5, 10), reps=1, sets=2, sides=Sides.EACH, prepare=5)
    cue = cues_for_step(make_plan(routine(ex), {0: 3}), 0)[0][1]
    assert cue.text == "Next: Knee, 1 rep, hold 8 seconds, each side, 2 sets"
    alt = Exercise("Twist", Hold.fixed(3), reps=10, sides=Sides.ALTERNATE)
    assert cues_for_step(make_plan(routine(alt)), 0)[0][1].text.endswith("alternating sides")


def test_each_step_kind_opens_with_its_own_cue() -> None:
    plan = every_kind_plan()
    openings = [(s.kind, cues_for_step(plan, i)[0][1]) for i, s in enumerate(plan.steps)]
    texts = {(kind, cue.kind, cue.text) for kind, cue in openings}
    assert (StepKind.HOLD, CueKind.HOLD, "Hold") in texts
    assert (StepKind.REST, CueKind.REST, "Release. Rest 2 seconds") in texts
    assert (StepKind.SWITCH, CueKind.SWITCH_SIDES, "Release. Switch to your right side") in texts
    set_words = "Release. Set 1 of 2 complete. Rest 4 seconds"
    assert (StepKind.SET_REST, CueKind.SET_COMPLETE, set_words) in texts
    next_words = "Release. Next: Cat-cow, 2 reps, hold 4 seconds"
    assert (StepKind.PREPARE, CueKind.GET_READY, next_words) in texts
    switch = next(cue for kind, cue in openings if kind is StepKind.SWITCH)
    assert switch.side is Side.RIGHT and switch.seconds == 2 and switch.release
    set_done = next(cue for kind, cue in openings if kind is StepKind.SET_REST)
    assert (set_done.set, set_done.sets, set_done.seconds) == (1, 2, 4)


def test_count_down_ends_with_the_last_three() -> None:
    assert spoken(hold_plan(10), 1, CountStyle.DOWN) == [
        (0, CueKind.HOLD, None),
        *[(float(s), CueKind.COUNT, 10 - s) for s in range(1, 7)],
        (7, CueKind.LAST_THREE, 3), (8, CueKind.LAST_THREE, 2), (9, CueKind.LAST_THREE, 1),
    ]  # fmt: skip


def test_count_up_counts_every_second_and_nothing_at_zero() -> None:
    assert spoken(hold_plan(5), 1, CountStyle.UP) == [
        (0, CueKind.HOLD, None),
        *[(float(s), CueKind.COUNT, s) for s in range(1, 5)],
    ]


def test_last_three_and_none() -> None:
    assert [n for _, _, n in spoken(hold_plan(10), 1, CountStyle.LAST_THREE)] == [None, 3, 2, 1]
    assert spoken(hold_plan(10), 1, CountStyle.NONE) == [(0, CueKind.HOLD, None)]


@pytest.mark.parametrize(("hold", "at"), [(20, 10), (25, 12), (30, 15), (61, 30)])
@pytest.mark.parametrize("style", list(CountStyle))
def test_halfway_replaces_that_seconds_count(hold: float, at: int, style: CountStyle) -> None:
    cues = dict((o, c) for o, c in cues_for_step(hold_plan(hold), 1, style))
    assert cues[float(at)].kind is CueKind.HALFWAY
    assert sum(c.kind is CueKind.HALFWAY for c in cues.values()) == 1


def test_no_halfway_below_twenty_seconds() -> None:
    assert all(c.kind is not CueKind.HALFWAY for _, c in cues_for_step(hold_plan(19), 1))


def test_fractional_holds_count_whole_seconds() -> None:
    assert spoken(hold_plan(2.5), 1, CountStyle.DOWN) == [
        (0, CueKind.HOLD, None), (1, CueKind.LAST_THREE, 2), (2, CueKind.LAST_THREE, 1)
    ]  # fmt: skip


def test_an_exercise_without_prepare_is_named_at_its_first_hold_and_counts_wait() -> None:
    bridge = Exercise("Bridge", Hold.fixed(8), prepare=0)
    plan = make_plan(routine(bridge, Exercise("Cat-cow", Hold.fixed(8), prepare=0)))
    first = cues_for_step(plan, 0, CountStyle.UP)
    assert first[0][1].kind is CueKind.NEXT_EXERCISE and first[0][1].text == "Bridge. Hold"
    second = cues_for_step(plan, 1, CountStyle.UP)
    assert second[0][1].text == "Release. Cat-cow. Hold" and second[0][1].release
    # "Release. Cat-cow. Hold" takes 1.2 s to say: the count starts at 2.
    assert speaking_seconds(second[0][1].text) > 1
    assert [c.number for _, c in second[1:3]] == [2, 3]


def test_holds_back_to_back_change_sides_in_words() -> None:
    ex = Exercise("Twist", Hold.fixed(3), reps=1, sides=Sides.ALTERNATE, prepare=0, rest=0)
    plan = make_plan(routine(ex))
    cue = cues_for_step(plan, 1)[0][1]
    words = "Release. Switch to your right side. Hold"
    assert (cue.kind, cue.text, cue.side) == (CueKind.HOLD, words, Side.RIGHT)


def test_the_last_step_ends_with_routine_complete() -> None:
    plan = hold_plan(5)
    offset, cue = cues_for_step(plan, len(plan.steps) - 1)[-1]
    assert offset == 5 and cue.kind is CueKind.ROUTINE_COMPLETE
    assert cue.text == "Release. Well done. Routine complete." and cue.release


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(1, "1 second"), (3, "3 seconds"), (2.5, "2.5 seconds"), (60, "1 minute"),
     (90, "1 minute 30 seconds"), (120, "2 minutes")],
)  # fmt: skip
def test_say_seconds(seconds: float, words: str) -> None:
    assert say_seconds(seconds) == words


exercises = st.builds(
    Exercise,
    name=st.sampled_from(["A", "Knee to chest"]),
    hold=st.builds(Hold.fixed, st.sampled_from([1, 2, 2.5, 3, 5, 10, 19, 20, 21, 45])),
    reps=st.integers(1, 4),
    sets=st.integers(1, 3),
    sides=st.sampled_from(list(Sides)),
    prepare=st.sampled_from([0, 1, 5]),
    rest=st.sampled_from([0, 1, 2.5]),
    set_rest=st.sampled_from([0, 20]),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(exercises, min_size=1, max_size=3), st.sampled_from(list(CountStyle)))
def test_never_two_cues_at_once_and_all_inside_their_step(
    ex: list[Exercise], style: CountStyle
) -> None:
    plan = make_plan(routine(*ex))
    last = len(plan.steps) - 1
    for index, step in enumerate(plan.steps):
        cues = cues_for_step(plan, index, style)
        offsets = [o for o, _ in cues]
        assert offsets == sorted(set(offsets)), "two cues at one instant"
        assert offsets[0] == 0
        for offset, cue in cues:
            assert cue.text
            if cue.kind is CueKind.ROUTINE_COMPLETE:
                assert index == last and offset == step.seconds
            else:
                assert 0 <= offset < step.seconds and offset == math.floor(offset)
            if cue.kind in (CueKind.COUNT, CueKind.LAST_THREE, CueKind.HALFWAY):
                assert step.kind is StepKind.HOLD and offset >= 1
    assert sum(c.kind is CueKind.ROUTINE_COMPLETE for _, c in cues_for_step(plan, last, style)) == 1


def test_long_holds_count_only_their_last_ten_seconds() -> None:
    from spasmtimer.core.routines.plan import make_plan
    from spasmtimer.core.routines.routine import Exercise, Hold, Routine
    from spasmtimer.core.session.cues import CountStyle, CueKind, cues_for_step

    ice = Routine("Ice", (Exercise("Ice pack", Hold.fixed(1200), prepare=0),))
    plan = make_plan(ice)
    for style in (CountStyle.UP, CountStyle.DOWN, CountStyle.LAST_THREE):
        cues = cues_for_step(plan, 0, style)
        numbered = [(at, c.number) for at, c in cues if c.number is not None]
        assert numbered == [(1190.0 + i, 10 - i) for i in range(10)], style
        assert [at for at, c in cues if c.kind is CueKind.HALFWAY] == [600.0]
    assert all(c.number is None for _, c in cues_for_step(plan, 0, CountStyle.NONE))
