"""How exactly the session keeps time: real time under Qt, and 2 h of late ticks.

(a) A 60-second routine runs in real time under the Qt event loop (offscreen),
    driven by :class:`SessionDriver`. For every step boundary and cue, the
    emission error is the clock time at which a connected slot received it
    minus the time it was due. The end error is when ``finished`` arrived
    minus (start + the plan's total seconds). CPU is process time over wall
    time while (a) runs, in percent of one core.
(b) The same for a 600-second routine, to show that the end error does not
    grow with length (``--quick`` shortens it to 120 s while developing).
(c) A 2-hour routine on a fake clock, ticked at least once a second with each
    tick late by a random 0-500 ms (seeded). Every event the plan implies
    (step started/ended, whole seconds, cues, finished) must come exactly once,
    at its due time: anything missing is lost, anything extra duplicated.

Prints a readable table, then, as its last line, one JSON object:
``p95_ms``, ``max_ms``, ``end_error_ms`` (a), ``end_error_600_ms`` (b),
``lost_events``, ``duplicate_events`` (c), ``cpu_percent`` (a).

    QT_QPA_PLATFORM=offscreen python bench/timing.py [--quick] [--seed N]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from spasmtimer.core.clock import FakeClock, system_clock
from spasmtimer.core.routines.plan import Plan, StepKind, make_plan
from spasmtimer.core.routines.routine import Exercise, Hold, Routine, Sides
from spasmtimer.core.session.cues import cues_for_step, whole_seconds
from spasmtimer.core.session.events import (
    CueDue,
    Event,
    Finished,
    SecondElapsed,
    StepEnded,
    StepStarted,
)
from spasmtimer.core.session.machine import Session, SessionState


def routine_60() -> Routine:
    return Routine(
        "Bench 60 s",
        (
            Exercise("Knee to chest", Hold.fixed(4), reps=2, sets=2, prepare=2, rest=1, set_rest=2),
            Exercise("Lower trunk rotation", Hold.fixed(3), reps=2, sides=Sides.ALTERNATE,
                     prepare=1.5, rest=0.5),
            Exercise("Prayer stretch", Hold.fixed(20), prepare=3),
        ),
    )  # fmt: skip


def routine_600() -> Routine:
    return Routine(
        "Bench 600 s",
        (
            Exercise("Knee to chest", Hold.fixed(30), reps=5, sets=2, prepare=5, rest=5,
                     set_rest=20),
            Exercise("Lower trunk rotation", Hold.fixed(10), reps=5, sides=Sides.ALTERNATE,
                     prepare=5, rest=2),
            Exercise("Prayer stretch", Hold.fixed(45), reps=2, prepare=7, rest=5),
            Exercise("Pelvic tilt", Hold.fixed(10), prepare=0),
        ),
    )  # fmt: skip


def routine_120() -> Routine:
    ex = Exercise("Cat-cow", Hold.fixed(10), reps=5, prepare=2, rest=2)
    return Routine("Bench 120 s", (ex, ex))


def routine_2h() -> Routine:
    return Routine(
        "Bench 2 h",
        (
            Exercise("Knee to chest", Hold(30, 120), reps=10, sets=3, sides=Sides.EACH,
                     prepare=5, rest=5, set_rest=30),
            Exercise("Cat-cow", Hold.fixed(3), reps=40, sets=5, rest=1, set_rest=30),
            Exercise("Prayer stretch", Hold(20, 60), reps=10, sets=2, rest=2.5, set_rest=45),
        ),
    )  # fmt: skip


# -- (a) and (b): real time under Qt --------------------------------------------


@dataclass
class RealTimeRun:
    name: str
    planned: float
    errors: dict[str, list[float]] = field(default_factory=dict)
    end_error: float = float("nan")
    wall: float = 0.0
    cpu: float = 0.0
    hold_wall: float = 0.0
    hold_cpu: float = 0.0

    @property
    def all_errors(self) -> list[float]:
        return [e for errors in self.errors.values() for e in errors]

    @property
    def cpu_percent(self) -> float:
        return 100.0 * self.cpu / self.wall if self.wall else float("nan")

    @property
    def hold_cpu_percent(self) -> float:
        return 100.0 * self.hold_cpu / self.hold_wall if self.hold_wall else float("nan")


def run_real_time(plan: Plan, name: str) -> RealTimeRun:
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QApplication

    from spasmtimer.services.session_driver import SessionDriver

    app = QCoreApplication.instance() or QApplication(sys.argv[:1])
    run = RealTimeRun(name, plan.total_seconds)
    session = Session(plan, system_clock)
    driver = SessionDriver(session)
    hold_began: list[tuple[float, float]] = []
    started_at: list[float] = []  # the session's own start time

    def measure(event: Event) -> None:
        now = system_clock()
        run.errors.setdefault(type(event).__name__, []).append(now - event.due)

    def on_step_started(event: StepStarted) -> None:
        measure(event)
        if event.index == 0 and not started_at:
            started_at.append(event.due)
        if event.step.kind is StepKind.HOLD:
            hold_began.append((system_clock(), time.process_time()))

    def on_step_ended(event: StepEnded) -> None:
        measure(event)
        if hold_began and event.step.kind is StepKind.HOLD:
            wall0, cpu0 = hold_began.pop()
            run.hold_wall += system_clock() - wall0
            run.hold_cpu += time.process_time() - cpu0

    def on_finished(event: Finished) -> None:
        run.end_error = system_clock() - (started_at[0] + plan.total_seconds)
        QTimer.singleShot(0, app.quit)

    driver.stepStarted.connect(on_step_started)
    driver.stepEnded.connect(on_step_ended)
    driver.cueDue.connect(measure)
    driver.finished.connect(on_finished)
    cpu0 = time.process_time()
    wall0 = system_clock()
    QTimer.singleShot(0, driver.start)
    app.exec()
    run.wall = system_clock() - wall0
    run.cpu = time.process_time() - cpu0
    assert session.state is SessionState.FINISHED
    driver.deleteLater()
    return run


# -- (c): two hours on a fake clock ------------------------------------------------


def expected_events(plan: Plan, t0: float) -> list[Hashable]:
    """Every event the plan implies, keyed by what it is and when it is due."""
    keys: list[Hashable] = []
    start = t0
    for index, step in enumerate(plan.steps):
        keys.append(("StepStarted", index, round(start, 6)))
        keys.extend(
            ("SecondElapsed", index, s, round(start + s, 6)) for s in whole_seconds(step.seconds)
        )
        keys.extend(
            ("CueDue", cue.kind.name, cue.text, round(start + offset, 6))
            for offset, cue in cues_for_step(plan, index)
        )
        start += step.seconds
        keys.append(("StepEnded", index, round(start, 6)))
    keys.append(("Finished", round(start, 6)))
    return keys


def key_of(event: Event) -> Hashable:
    due = round(event.due, 6)
    if isinstance(event, StepStarted | StepEnded):
        return (type(event).__name__, event.index, due)
    if isinstance(event, SecondElapsed):
        return ("SecondElapsed", event.index, event.second, due)
    if isinstance(event, CueDue):
        return ("CueDue", event.cue.kind.name, event.cue.text, due)
    return (type(event).__name__, due)


@dataclass
class SimulatedRun:
    seconds: float
    ticks: int
    events: int
    lost: int
    duplicates: int
    out_of_order: int
    end_error: float
    max_late: float
    wall: float


def run_simulated(plan: Plan, seed: int) -> SimulatedRun:
    rng = random.Random(seed)
    clock = FakeClock(1000.0)
    session = Session(plan, clock)
    got: list[Event] = []
    session.subscribe(got.append)
    wall0 = time.perf_counter()
    session.start()
    ticks = 0
    while session.state is SessionState.RUNNING:
        wait = session.seconds_until_next_event()
        assert wait is not None
        clock.advance(min(wait, 1.0) + rng.uniform(0.0, 0.5))
        session.tick()
        ticks += 1
    wall = time.perf_counter() - wall0
    expected = Counter(expected_events(plan, 1000.0))
    received = Counter(key_of(e) for e in got)
    lost = sum((expected - received).values())
    duplicates = sum((received - expected).values())
    dues = [e.due for e in got]
    out_of_order = sum(1 for a, b in itertools.pairwise(dues) if b < a)
    finished = [e for e in got if isinstance(e, Finished)]
    end_error = finished[0].due - (1000.0 + plan.total_seconds) if finished else float("nan")
    return SimulatedRun(
        plan.total_seconds, ticks, len(got), lost, duplicates, out_of_order, end_error,
        max(e.late for e in got), wall,
    )  # fmt: skip


# -- report ---------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def ms(seconds: float) -> float:
    return round(seconds * 1000.0, 3)


def print_real_time(run: RealTimeRun) -> None:
    print(f"\n{run.name}: {run.planned:.1f} s planned, {run.wall:.3f} s wall")
    print(f"  {'emitted':<14}{'count':>7}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    rows: list[tuple[str, list[float]]] = [*sorted(run.errors.items()), ("all", run.all_errors)]
    for kind, errors in rows:
        print(
            f"  {kind:<14}{len(errors):>7}{ms(statistics.median(errors)):>10.2f}"
            f"{ms(percentile(errors, 95)):>10.2f}{ms(max(errors)):>10.2f}"
        )
    print(f"  end error: {ms(run.end_error):.2f} ms")
    print(
        f"  CPU: {run.cpu_percent:.3f} % of a core over the run, "
        f"{run.hold_cpu_percent:.3f} % while holds ran"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="shorten (b) to 120 s")
    parser.add_argument(
        "--seed", type=int, default=20240611, help="seed of the tick lateness in (c)"
    )
    args = parser.parse_args(argv)

    plan_a = make_plan(routine_60())
    assert plan_a.total_seconds == 60, plan_a.total_seconds
    plan_b = make_plan(routine_120() if args.quick else routine_600())
    plan_c = make_plan(routine_2h(), {0: 7, 2: 4})
    assert plan_c.total_seconds >= 7200, plan_c.total_seconds

    print("SpasmTimer timing bench")
    clock_name = getattr(system_clock, "__name__", repr(system_clock))
    print(f"clock: {clock_name}; Qt platform: {os.environ['QT_QPA_PLATFORM']}")
    a = run_real_time(plan_a, f"(a) real time, {plan_a.total_seconds:.0f} s routine")
    print_real_time(a)
    b_name = f"(b) real time, {plan_b.total_seconds:.0f} s routine"
    if args.quick:
        b_name += " (--quick: not the 600 s run)"
    b = run_real_time(plan_b, b_name)
    print_real_time(b)
    c = run_simulated(plan_c, args.seed)
    print(f"\n(c) simulated {c.seconds / 3600:.2f} h on a fake clock,", end=" ")
    print(f"ticks late by 0-500 ms (seed {args.seed})")
    print(f"  ticks {c.ticks}, events {c.events}, computed in {c.wall:.2f} s")
    print(f"  lost {c.lost}, duplicated {c.duplicates}, out of order {c.out_of_order}")
    print(f"  end error {ms(c.end_error):.6f} ms, most late {ms(c.max_late):.1f} ms")

    errors = a.all_errors
    result: dict[str, Any] = {
        "p95_ms": round(ms(percentile([abs(e) for e in errors], 95)), 3),
        "max_ms": round(ms(max(abs(e) for e in errors)), 3),
        "end_error_ms": round(ms(abs(a.end_error)), 3),
        "end_error_600_ms": round(ms(abs(b.end_error)), 3),
        "lost_events": c.lost,
        "duplicate_events": c.duplicates,
        "cpu_percent": round(a.cpu_percent, 3),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
