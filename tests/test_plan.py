"""The session plan, step by step and in total, as the routine format defines it."""

from __future__ import annotations

import pytest

from spasmtimer.core.routines.plan import StepKind, make_plan
from spasmtimer.core.routines.routine import Exercise, Hold, Routine, Side, Sides


def routine(*exercises: Exercise) -> Routine:
    return Routine(name="R", exercises=exercises)


def formula(ex: Exercise, hold: float) -> float:
    h = ex.holds_per_set
    return ex.prepare + ex.sets * (h * hold + (h - 1) * ex.rest) + (ex.sets - 1) * ex.set_rest


@pytest.mark.parametrize("sides", list(Sides))
@pytest.mark.parametrize(("reps", "sets"), [(1, 1), (1, 3), (4, 1), (5, 2)])
@pytest.mark.parametrize(("prepare", "rest", "set_rest"), [(5, 3, 20), (0, 0, 0), (0, 2.5, 0)])
def test_total_matches_the_formula(
    sides: Sides, reps: int, sets: int, prepare: float, rest: float, set_rest: float
) -> None:
    ex = Exercise("E", Hold(5, 10), reps, sets, sides, prepare, rest, set_rest)
    plan = make_plan(routine(ex))
    assert plan.total_seconds == pytest.approx(formula(ex, 5))
    holds = [s for s in plan.steps if s.kind is StepKind.HOLD]
    assert len(holds) == sets * ex.holds_per_set
    assert all(s.seconds == 5 for s in holds)
    assert (plan.steps[0].kind is StepKind.PREPARE) == (prepare > 0)
    if rest == 0:
        assert not [s for s in plan.steps if s.kind in (StepKind.REST, StepKind.SWITCH)]


def test_alternate_sides_switch_between_every_hold() -> None:
    ex = Exercise("Twist", Hold.fixed(3), reps=2, sides=Sides.ALTERNATE, prepare=0, rest=1)
    kinds = [(s.kind.value, s.rep, s.side) for s in make_plan(routine(ex)).steps]
    L, R = Side.LEFT, Side.RIGHT
    assert kinds == [
        ("hold", 1, L), ("switch", 1, R), ("hold", 1, R), ("switch", 2, L),
        ("hold", 2, L), ("switch", 2, R), ("hold", 2, R),
    ]  # fmt: skip


def test_each_side_rests_then_switches_once() -> None:
    ex = Exercise("Knee", Hold.fixed(10), reps=2, sets=2, sides=Sides.EACH, prepare=5, rest=3)
    kinds = [(s.kind.value, s.set, s.rep, s.side) for s in make_plan(routine(ex)).steps]
    L, R = Side.LEFT, Side.RIGHT
    one_set = lambda n: [  # noqa: E731
        ("hold", n, 1, L), ("rest", n, 2, L), ("hold", n, 2, L), ("switch", n, 1, R),
        ("hold", n, 1, R), ("rest", n, 2, R), ("hold", n, 2, R),
    ]  # fmt: skip
    assert kinds == [("prepare", 1, 1, L), *one_set(1), ("set_rest", 2, 1, L), *one_set(2)]


def test_levels_raise_a_range_hold_and_are_clamped() -> None:
    ex = Exercise("Prayer", Hold(5, 10), reps=1, prepare=0)
    assert make_plan(routine(ex), {0: 2}).steps[0].seconds == 7
    assert make_plan(routine(ex), {0: 99}).steps[0].seconds == 10
    assert make_plan(routine(ex), {0: -3}).steps[0].seconds == 5
    wide = Hold(30, 125)
    assert wide.step == 10 and wide.seconds_at(wide.top_level) == 125


def test_json_has_exactly_the_contract_keys() -> None:
    ex = Exercise("Prayer stretch", Hold(5, 10), reps=1)
    data = make_plan(Routine("Back spasm relief", (ex,))).to_json()
    assert set(data) == {"routine", "total_seconds", "steps"}
    assert data["steps"][0] == {
        "kind": "prepare", "exercise": "Prayer stretch", "seconds": 5.0,
        "set": 1, "rep": 1, "side": None,
    }  # fmt: skip
    assert data["total_seconds"] == 10.0


def test_reps_that_build_up_plan_at_their_level() -> None:
    from spasmtimer.core.routines.plan import make_plan as plan_of
    from spasmtimer.core.routines.routine import Exercise, Hold, Routine, Sides

    knee = Exercise(
        "Knee to chest", Hold.fixed(10), reps=6, max_reps=7, sides=Sides.ALTERNATE, prepare=0
    )
    routine = Routine("K", (knee,))
    start = plan_of(routine)
    assert start.hold_count == 12 and start.levels == (0,)
    up = plan_of(routine, {0: 1})
    assert up.hold_count == 14 and up.levels == (1,)
    assert plan_of(routine, {0: 9}).levels == (1,)  # never beyond the range
    assert up.total_seconds == 14 * 10 + 13 * 3
