"""Property: random starts, holds, skips, pauses, failed writes, crashes and
restarts never lose a finished hold.

A hold that ended while nothing was waiting to be written is in the file,
whatever comes after (a crash, a restart, a history made read-only for a
while); a session that ends normally has every hold it finished in the file
once the history can be written again.
"""

from __future__ import annotations

import sqlite3
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spasmtimer.core.clock import FakeClock
from spasmtimer.core.history.recorder import SessionRecorder
from spasmtimer.core.history.store import HistoryStore
from spasmtimer.core.routines.loader import load_routine_text
from spasmtimer.core.routines.plan import StepKind, make_plan
from spasmtimer.core.session.events import Event, StepEnded
from spasmtimer.core.session.machine import Session, SessionState

ROUTINE = load_routine_text(
    "format: 1\nname: Short\nexercises:\n"
    "  - {name: Knee hug, hold: 2, reps: 3, rest: 1, prepare: 1}\n"
    "  - {name: Cat-cow, hold: 1, reps: 2, sides: each, rest: 0, prepare: 0}\n",
    "short.yaml",
)

ACTIONS = st.sampled_from(
    ["start", "tick", "tick", "tick", "long", "skip", "pause", "resume", "stop", "crash",
     "lock", "unlock"]
)  # fmt: skip


class WallClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@dataclass
class Run:
    """One session as the user lived it: what it finished, what is surely kept."""

    recorder: SessionRecorder
    done: set[int] = field(default_factory=set)
    kept: set[int] = field(default_factory=set)  # finished while nothing waited


class World:
    def __init__(self, folder: Path) -> None:
        self.path = folder / "history.sqlite3"
        self.wall = WallClock()
        self.clock = FakeClock(100.0)
        self.store = HistoryStore(self.path, self.wall, tz=UTC)
        self.session: Session | None = None
        self.run: Run | None = None
        self.runs: list[Run] = []
        self.locked = False

    def start(self) -> None:
        self.stop()
        self.session = Session(make_plan(ROUTINE), self.clock)
        run = Run(SessionRecorder.attach(self.store, self.session))
        self.session.subscribe(lambda event: self._ended(run, event))
        self.run = run
        self.runs.append(run)
        self.session.start()
        self.session.tick()

    def _ended(self, run: Run, event: Event) -> None:
        if isinstance(event, StepEnded) and event.step.kind is StepKind.HOLD:
            if event.skipped:
                run.done.discard(event.index)
            else:
                run.done.add(event.index)

    def act(self, action: str) -> None:
        session = self.session
        running = session is not None and session.state in (
            SessionState.RUNNING, SessionState.PAUSED,
        )  # fmt: skip
        if action == "start":
            self.start()
        elif action in ("tick", "long") and running and session is not None:
            self.clock.advance(0.7 if action == "tick" else 3.1)
            session.tick()
        elif action == "skip" and running and session is not None:
            session.skip()
        elif action == "pause" and running and session is not None:
            session.pause()
        elif action == "resume" and running and session is not None:
            session.resume()
        elif action == "stop":
            self.stop()
        elif action == "crash":  # the process dies: what waits in memory is gone
            self.session = None
            self.run = None
            self.store.close()
            self.store = HistoryStore(self.path, self.wall, tz=UTC)
            self._lock(self.locked)
        elif action in ("lock", "unlock"):
            self._lock(action == "lock")
            self.store.flush()
        if self.run is not None and self.store.unsaved == 0:
            self.run.kept = set(self.run.done)

    def stop(self) -> None:
        if self.session is not None and self.session.state in (
            SessionState.RUNNING, SessionState.PAUSED,
        ):  # fmt: skip
            self.session.stop()
            self.session.tick()
        if self.run is not None and self.store.unsaved == 0:
            self.run.kept = set(self.run.done)

    def _lock(self, on: bool) -> None:
        self.locked = on
        self.store.connection.execute(f"PRAGMA query_only = {'ON' if on else 'OFF'}")

    def in_file(self, run: Run, store: HistoryStore) -> set[int]:
        sid = run.recorder.session_id
        if sid is None:
            return set()
        sid = store._id(sid) if store is self.store else sid
        if sid <= 0:
            return set()
        conn = sqlite3.connect(self.path)
        try:
            rows = conn.execute(
                "SELECT step_index FROM holds WHERE session_id = ? AND NOT skipped", (sid,)
            )
            return {int(r[0]) for r in rows}
        finally:
            conn.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ACTIONS, min_size=1, max_size=40))
def test_no_finished_hold_is_ever_lost(actions: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        world = World(Path(folder))
        for action in actions:
            world.act(action)
        # The history becomes writable again and the app ends normally.
        world._lock(False)
        world.stop()
        assert world.store.flush()
        last = world.runs[-1] if world.runs else None
        for run in world.runs:
            stored = world.in_file(run, world.store)
            assert run.kept <= stored, (actions, run.kept, stored)
            if run is last and run is world.run:  # never crashed: every hold is there
                assert stored == run.done, (actions, run.done, stored)
        world.store.close()
