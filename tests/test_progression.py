"""Progression: 3 good sessions offer the next level; "This hurts" or worse pain, the one below."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spasmtimer.core.guidance.progression import Change, Outcome, offer
from spasmtimer.core.routines.routine import Hold

RANGE = Hold(5, 10)  # 5, 6, ... 10 seconds: levels 0 to 5
T0 = datetime(2024, 5, 1, 9, tzinfo=UTC)


def went(
    n: int,
    level: int = 1,
    before: int | None = 4,
    after: int | None = 3,
    *,
    finished: bool = True,
    hurt: bool = False,
) -> Outcome:
    return Outcome(T0 + timedelta(hours=12 * n), level, finished, before, after, hurt)


GOOD = [went(0), went(1), went(2)]


@pytest.mark.parametrize(
    ("history", "change", "to_level"),
    [
        (GOOD, Change.UP, 2),  # all done, pain no worse
        ([went(0), went(1), went(2, before=3, after=3)], Change.UP, 2),  # equal is fine
        (GOOD[:2], None, None),  # only two sessions so far
        ([went(0), went(1), went(2, finished=False)], None, None),  # missed: stopped early
        ([went(0), went(1), went(2, after=None)], None, None),  # pain not rated: cannot tell
        ([went(0), went(1), went(2, before=3, after=4)], None, None),  # a bit worse: stay
        ([went(0, level=0), went(1), went(2)], None, None),  # not all at this level yet
        ([*GOOD, went(3, hurt=True)], Change.DOWN, 0),  # hurt
        ([*GOOD, went(3, before=3, after=5)], Change.DOWN, 0),  # 2 points worse
        ([went(0, hurt=True), went(1), went(2), went(3)], Change.UP, 2),  # an old hurt is past
        ([], None, None),
    ],
    ids=[
        "all-done",
        "pain-equal",
        "two-only",
        "missed",
        "unrated",
        "worse-by-1",
        "mixed-levels",
        "hurt",
        "worse-by-2",
        "old-hurt",
        "none",
    ],
)
def test_offers_over_histories(
    history: list[Outcome], change: Change | None, to_level: int | None
) -> None:
    got = offer("Prayer stretch", RANGE, 1, history)
    if change is None:
        assert got is None
        return
    assert got is not None
    assert (got.change, got.from_level, got.to_level) == (change, 1, to_level)
    assert got.from_seconds == 6 and got.to_seconds == RANGE.seconds_at(to_level or 0)


def test_up_reads_well_and_names_the_article() -> None:
    got = offer("Prayer stretch", RANGE, 1, GOOD)
    assert got is not None
    assert got.prompt == "Prayer stretch: longer holds, 7 seconds instead of 6 seconds?"
    assert got.reason.startswith("The last 3 sessions went well")
    assert got.rule.key == "gradually"
    assert "Cedars-Sinai" in got.rule.credit


def test_hurt_at_the_bottom_offers_skipping_it() -> None:
    got = offer("Pelvic tilt", Hold(3, 5), 0, [went(0, level=0, hurt=True)])
    assert got is not None
    assert (got.change, got.to_level) == (Change.SKIP, 0)
    assert got.prompt == "Pelvic tilt: skip it next time?"
    assert "This hurts" in got.reason
    assert got.rule.key == "stop-if-worse"


def test_worse_pain_is_said_with_its_numbers() -> None:
    got = offer("Prayer stretch", RANGE, 3, [went(0, level=3, before=2, after=4)])
    assert got is not None and got.change is Change.DOWN
    assert got.reason == "Pain 4 after, 2 before, last time"
    assert got.prompt == "Prayer stretch: shorter holds, 7 seconds instead of 8 seconds?"


def test_at_the_top_nothing_more_and_fixed_holds_never_change() -> None:
    top = RANGE.top_level
    assert offer("X", RANGE, top, [went(i, level=top) for i in range(3)]) is None
    assert offer("X", Hold.fixed(10), 0, [went(i, level=0) for i in range(3)]) is None


outcomes = st.lists(
    st.builds(
        Outcome,
        at=st.integers(0, 1000).map(lambda h: T0 + timedelta(hours=h)),
        level=st.integers(-3, 15),
        finished=st.booleans(),
        pain_before=st.none() | st.integers(0, 10),
        pain_after=st.none() | st.integers(0, 10),
        hurt=st.booleans(),
    ),
    max_size=6,
)


@given(
    low=st.integers(1, 60),
    span=st.integers(0, 60),
    level=st.integers(-5, 20),
    history=outcomes,
)
def test_never_a_level_outside_the_range(
    low: int, span: int, level: int, history: list[Outcome]
) -> None:
    hold = Hold(low, low + span)
    got = offer("X", hold, level, history)
    if got is None:
        return
    assert hold.is_range or got.change is Change.SKIP  # a fixed hold is only ever left out
    assert 0 <= got.to_level <= hold.top_level
    assert hold.min_seconds <= got.to_seconds <= hold.max_seconds
    assert abs(got.to_level - got.from_level) <= 1


def test_a_session_counts_when_most_of_its_holds_were_done() -> None:
    from spasmtimer.core.guidance.progression import counts

    assert counts(0, 0)  # nothing to skip (an ice pack with no holds recorded)
    assert counts(2, 1) and counts(1, 0)
    assert not counts(1, 1) and not counts(0, 110) and not counts(2, 3)


def test_this_hurts_on_a_fixed_hold_offers_leaving_it_out() -> None:
    got = offer("Plank", Hold.fixed(10), 0, [went(0, level=0, hurt=True)])
    assert got is not None and got.change is Change.SKIP
    assert got.reason == "“This hurts” last time; nothing to shorten"


def test_reps_that_build_up_come_after_the_hold() -> None:
    from spasmtimer.core.routines.routine import Exercise

    knee = Exercise("Knee to chest", Hold(8, 10), reps=6, max_reps=7)
    assert knee.top_level == 3
    assert [(knee.seconds_at(lv), knee.reps_at(lv)) for lv in range(5)] == [
        (8, 6), (9, 6), (10, 6), (10, 7), (10, 7),
    ]  # fmt: skip
    good = [went(i, level=2) for i in range(3)]
    got = offer(knee.name, knee, 2, good)
    assert got is not None and (got.change, got.to_level) == (Change.UP, 3)
    assert got.prompt == "Knee to chest: more reps, 7 instead of 6?"
    assert offer(knee.name, knee, 3, [went(i, level=3) for i in range(3)]) is None  # the top
    down = offer(knee.name, knee, 3, [went(0, level=3, hurt=True)])
    assert down is not None and down.prompt == "Knee to chest: fewer reps, 6 instead of 7?"
    fixed_hold = Exercise("Knee", Hold.fixed(10), reps=6, max_reps=7)
    assert fixed_hold.is_range and fixed_hold.top_level == 1


@given(
    low=st.integers(1, 30),
    span=st.integers(0, 30),
    reps=st.integers(1, 100),
    more=st.integers(0, 10),
    level=st.integers(-5, 60),
    history=outcomes,
)
def test_never_reps_or_a_hold_outside_the_ranges(
    low: int, span: int, reps: int, more: int, level: int, history: list[Outcome]
) -> None:
    from spasmtimer.core.routines.routine import Exercise

    ex = Exercise("X", Hold(low, low + span), reps=reps, max_reps=min(100, reps + more))
    assert ex.reps <= ex.reps_at(level) <= (ex.max_reps or ex.reps)
    assert low <= ex.seconds_at(level) <= low + span
    got = offer("X", ex, level, history)
    if got is not None:
        assert 0 <= got.to_level <= ex.top_level and abs(got.to_level - got.from_level) <= 1
        assert got.to_reps is not None and ex.reps <= got.to_reps <= (ex.max_reps or ex.reps)
