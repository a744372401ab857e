"""A session: a deadline-driven walk through a plan, with the user's controls.

Timekeeping
-----------
The session reads one injected clock and keeps the clock time at which the
current step started. Every boundary, whole second and cue of the step falls
due at ``start + offset``; the step ends at ``start + step.seconds`` and the
next one starts at exactly that time, not at the time a tick noticed. Ticks
are never counted: :meth:`Session.tick` emits everything due up to now, in
order, each event stamped with ``due`` and ``late``. A late tick therefore
delays events but never shifts the timeline. :meth:`seconds_until_next_event`
tells a driver when to wake up so events come out on time without polling.

Pausing keeps the elapsed time of the step; resuming sets a new start so the
remaining time is exactly what it was.

Sleep and clock jumps
---------------------
A driver ticks at least once a second while the session runs (the Qt driver
does). If the gap between two readings of the clock while running exceeds
``sleep_gap`` (5 s by default, five times the longest tick interval), the
machine was suspended or the process was frozen: the user did not go on
stretching meanwhile. The session then emits only what was due up to the last
reading, and pauses at that moment with ``PauseReason.SLEEP``; resuming goes
on from there. The check runs on every tick and on every control.

Controls
--------
``skip`` ends the current step as skipped and starts the next. ``back``
restarts the current hold; pressed within :data:`BACK_GRACE` seconds of a
hold's start it goes to the previous hold instead; in any other step it goes
to the hold before it (or restarts the step when there is none).
``next_exercise`` skips the rest of the exercise (its remaining holds count
as skipped); ``previous_exercise`` goes to the start of the previous exercise
(from the first exercise, restarts it). A step entered while paused waits,
silent, until ``resume``. ``stop`` ends the session as not completed; a hold
cut short by it counts as skipped, and the session says "Release".

``change_level`` rebuilds the plan with :func:`make_plan` at the new level and
keeps the position (plans differ only in hold lengths, so step indices stay).
If the current step is a hold of that exercise, the seconds already held are
kept and only its length changes; if it is now shorter than what was held,
it ends at once, as done.
"""

from __future__ import annotations

import enum
import logging
import math
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from spasmtimer.core.clock import Clock, system_clock
from spasmtimer.core.routines.plan import Plan, Step, StepKind, make_plan
from spasmtimer.core.session.cues import CountStyle, Cue, cues_for_step, release_cue, whole_seconds
from spasmtimer.core.session.events import (
    CueDue,
    Event,
    ExerciseSummary,
    Finished,
    LevelChanged,
    Paused,
    PauseReason,
    Resumed,
    SecondElapsed,
    StepEnded,
    StepStarted,
    Stopped,
    Summary,
)

__all__ = ["BACK_GRACE", "CountStyle", "PauseReason", "Session", "SessionState"]

log = logging.getLogger(__name__)

BACK_GRACE = 1.5  # seconds after a hold starts during which back goes further back
_EPS = 1e-9  # float slack when comparing due times with the clock

Listener = Callable[[Event], None]


class SessionState(enum.Enum):
    IDLE = enum.auto()
    RUNNING = enum.auto()
    PAUSED = enum.auto()
    FINISHED = enum.auto()
    STOPPED = enum.auto()


@dataclass(frozen=True)
class _Item:
    """Something due inside a step: a whole second, or a cue."""

    offset: float
    second: int | None = None
    cue: Cue | None = None


class Session:
    """One run through a plan; see the module docstring for the rules."""

    def __init__(
        self,
        plan: Plan,
        clock: Clock = system_clock,
        *,
        count_style: CountStyle = CountStyle.DOWN,
        sleep_gap: float = 5.0,
        levels: Mapping[int, int] | None = None,
    ) -> None:
        if levels:
            merged = dict(enumerate(plan.levels))
            merged.update({i: lv for i, lv in levels.items() if 0 <= i < len(plan.levels)})
            plan = make_plan(plan.routine, merged)
        self._plan = plan
        self._clock = clock
        self._count_style = count_style
        self._sleep_gap = sleep_gap
        self._state = SessionState.IDLE
        self._pause_reason: PauseReason | None = None
        self._index = 0
        self._step_start = 0.0  # clock time the current step started, while running
        self._held = 0.0  # seconds of the step done, while not running
        self._schedule: list[_Item] = []
        self._next = 0  # index into _schedule of the first item not yet emitted
        self._active = 0.0  # active seconds before _run_since
        self._run_since = 0.0
        self._last_reading = 0.0
        self._now = -math.inf  # the last clock reading; none yet
        self._outcomes: dict[int, bool] = {}  # hold step index -> done (False: skipped)
        self._listeners: list[Listener] = []
        self._pending: list[Event] = []
        self._queue: deque[Event] = deque()
        self._delivering = False
        self._build_schedule()

    # -- state ------------------------------------------------------------

    @property
    def plan(self) -> Plan:
        return self._plan

    @property
    def state(self) -> SessionState:
        return self._state

    @property
    def pause_reason(self) -> PauseReason | None:
        return self._pause_reason

    @property
    def count_style(self) -> CountStyle:
        return self._count_style

    @property
    def step_index(self) -> int:
        return self._index

    @property
    def step(self) -> Step:
        return self._plan.steps[self._index]

    @property
    def next_step(self) -> Step | None:
        steps = self._plan.steps
        return steps[self._index + 1] if self._index + 1 < len(steps) else None

    @property
    def levels(self) -> dict[int, int]:
        """The hold level per exercise index (what the history store keeps)."""
        return dict(enumerate(self._plan.levels))

    def step_elapsed(self) -> float:
        if self._state is SessionState.RUNNING:
            held = self._clock() - self._step_start
        else:
            held = self._held
        return max(0.0, min(held, self.step.seconds))

    def step_remaining(self) -> float:
        return self.step.seconds - self.step_elapsed()

    def elapsed(self) -> float:
        """Active seconds so far, pauses excluded."""
        if self._state is SessionState.RUNNING:
            return self._active + max(0.0, self._clock() - self._run_since)
        return self._active

    def remaining(self) -> float:
        """Seconds of the plan still ahead, from now to the end."""
        if self._state in (SessionState.FINISHED, SessionState.STOPPED):
            return 0.0
        later = sum(s.seconds for s in self._plan.steps[self._index + 1 :])
        return self.step_remaining() + later

    def summary(self) -> Summary:
        per_exercise = []
        for index, exercise in enumerate(self._plan.routine.exercises):
            outcomes = [
                done
                for i, done in self._outcomes.items()
                if self._plan.steps[i].exercise_index == index
            ]
            level = self._plan.levels[index]
            per_exercise.append(
                ExerciseSummary(
                    index,
                    exercise.name,
                    outcomes.count(True),
                    outcomes.count(False),
                    level,
                    exercise.hold.seconds_at(level),
                )
            )
        return Summary(
            holds_done=sum(e.holds_done for e in per_exercise),
            holds_skipped=sum(e.holds_skipped for e in per_exercise),
            seconds=self.elapsed(),
            completed=self._state is SessionState.FINISHED,
            per_exercise=tuple(per_exercise),
        )

    # -- listening and driving ---------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` with every event, in order; returns an unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def tick(self) -> list[Event]:
        """Emit everything due up to now, in order; also returns those events."""
        self._read_clock()
        if self._state is SessionState.RUNNING:
            self._catch_up()
        return self._flush()

    def upcoming(self, seconds: float) -> list[CueDue | StepStarted]:
        """What falls due in the next ``seconds``, were nothing to change it; emits nothing.

        The cues and step starts, in order, each with the ``due`` time it will
        be emitted with, past step ends and up to the routine's last words:
        a player can prepare them ahead of time. Empty unless running. A
        control, a level change or a count-style change may change the
        future: ask again after each (the Qt driver's ``changed`` signal).
        """
        if self._state is not SessionState.RUNNING:
            return []
        until = max(self._now, self._clock()) + seconds
        steps = self._plan.steps
        index, start = self._index, self._step_start
        items = self._schedule[self._next :]
        out: list[CueDue | StepStarted] = []
        while True:
            for item in items:
                due = start + item.offset
                if due > until + _EPS:
                    return out
                if item.cue is not None:
                    out.append(CueDue(item.cue, due=due))
            end = start + steps[index].seconds
            if end > until + _EPS:
                return out
            index, start = index + 1, end
            if index >= len(steps):
                out.extend(CueDue(cue, due=end) for cue in self._final_cues())
                return out
            out.append(StepStarted(index, steps[index], due=start))
            items = self._items_for(index)

    def seconds_until_next_event(self) -> float | None:
        """Seconds until something falls due; None when not running."""
        if self._state is not SessionState.RUNNING:
            return None
        due = self._step_start + self.step.seconds
        if self._next < len(self._schedule):
            due = min(due, self._step_start + self._schedule[self._next].offset)
        return max(0.0, due - self._clock())

    # -- controls ---------------------------------------------------------

    def start(self) -> None:
        now = self._read_clock()
        if self._state is SessionState.IDLE:
            self._state = SessionState.RUNNING
            self._run_since = self._last_reading = now
            self._enter(0, now)
            self._advance(now)
        self._flush()

    def pause(self) -> None:
        now = self._read_clock()
        if self._running_after_catch_up():
            self._pause_at(now, PauseReason.USER)
        self._flush()

    def resume(self) -> None:
        now = self._read_clock()
        if self._state is SessionState.PAUSED:
            self._state = SessionState.RUNNING
            self._pause_reason = None
            self._step_start = now - self._held
            self._run_since = self._last_reading = now
            self._emit(Resumed(due=now))
            self._advance(now)
        self._flush()

    def skip(self) -> None:
        if self._running_after_catch_up() or self._state is SessionState.PAUSED:
            self._end_step(self._now, skipped=True)
            self._go_to(self._index + 1)
        self._flush()

    def back(self) -> None:
        if self._running_after_catch_up() or self._state is SessionState.PAUSED:
            previous = self._previous_hold()
            target = self._index
            if previous is not None and (
                self.step.kind is not StepKind.HOLD or self.step_elapsed() < BACK_GRACE
            ):
                target = previous
            self._end_step(self._now, skipped=True)
            self._go_to(target)
        self._flush()

    def next_exercise(self) -> None:
        if self._running_after_catch_up() or self._state is SessionState.PAUSED:
            current = self.step.exercise_index
            self._end_step(self._now, skipped=True)
            target = self._index + 1
            steps = self._plan.steps
            while target < len(steps) and steps[target].exercise_index == current:
                if steps[target].kind is StepKind.HOLD:
                    self._outcomes[target] = False
                target += 1
            self._go_to(target)
        self._flush()

    def previous_exercise(self) -> None:
        if self._running_after_catch_up() or self._state is SessionState.PAUSED:
            wanted = max(0, self.step.exercise_index - 1)
            target = next(i for i, s in enumerate(self._plan.steps) if s.exercise_index == wanted)
            self._end_step(self._now, skipped=True)
            self._go_to(target)
        self._flush()

    def stop(self) -> None:
        running = self._running_after_catch_up()
        if running or self._state in (SessionState.PAUSED, SessionState.IDLE):
            if self._state is not SessionState.IDLE:
                was_holding = running and self.step.kind is StepKind.HOLD
                self._held = self.step_elapsed()
                if running:
                    self._active += self._now - self._run_since
                self._end_step(self._now, skipped=True)
                if was_holding:
                    self._emit(CueDue(release_cue(), due=self._now))
            self._state = SessionState.STOPPED
            self._emit(Stopped(self.summary(), due=self._now))
        self._flush()

    def change_level(self, exercise_index: int, delta: int) -> int:
        """Raise (``delta`` > 0) or lower the hold level of an exercise; returns the level."""
        exercises = self._plan.routine.exercises
        if not 0 <= exercise_index < len(exercises):
            raise ValueError(f"there is no exercise number {exercise_index + 1} in this routine")
        hold = exercises[exercise_index].hold
        old = self._plan.levels[exercise_index]
        new = hold.clamp_level(old + delta)
        if new == old:
            return old
        running = self._running_after_catch_up()
        held = self.step_elapsed()
        levels = self.levels
        levels[exercise_index] = new
        self._plan = make_plan(self._plan.routine, levels)
        held = min(held, self.step.seconds)
        if running:
            self._step_start = self._now - held
        else:
            self._held = held
        self._build_schedule(keep_emitted=True)
        self._emit(LevelChanged(exercise_index, new, hold.seconds_at(new), due=self._now))
        if running:
            self._advance(self._now)
        self._flush()
        return new

    def set_count_style(self, style: CountStyle) -> None:
        """Count differently from the next second on."""
        self._count_style = style
        self._build_schedule(keep_emitted=True)

    # -- the timeline -----------------------------------------------------

    def _read_clock(self) -> float:
        # A clock that runs backwards is a bug elsewhere; never let it rewind the session.
        self._now = max(self._now, self._clock())
        return self._now

    def _running_after_catch_up(self) -> bool:
        """Read the clock and, if running, emit what is due; still running?"""
        self._read_clock()
        if self._state is SessionState.RUNNING:
            self._catch_up()
        return self._state is SessionState.RUNNING

    def _catch_up(self) -> None:
        gap = self._now - self._last_reading
        if gap > self._sleep_gap:
            log.info("no tick for %.1f s: the machine slept; pausing", gap)
            self._advance(self._last_reading)
            if self._state is SessionState.RUNNING:
                self._pause_at(self._last_reading, PauseReason.SLEEP)
        else:
            self._advance(self._now)
        self._last_reading = self._now

    def _advance(self, until: float) -> None:
        """Emit, in order, everything due up to clock time ``until``."""
        while self._state is SessionState.RUNNING:
            start = self._step_start
            while self._next < len(self._schedule):
                item = self._schedule[self._next]
                due = start + item.offset
                if due > until + _EPS:
                    break
                self._next += 1
                if item.second is not None:
                    remaining = self.step.seconds - item.second
                    self._emit(
                        SecondElapsed(self._index, self.step, item.second, remaining, due=due)
                    )
                if item.cue is not None:
                    self._emit(CueDue(item.cue, due=due))
            end = start + self.step.seconds
            if end > until + _EPS:
                return
            self._end_step(end, skipped=False)
            self._go_to(self._index + 1, at=end)

    def _go_to(self, index: int, at: float | None = None) -> None:
        """Start step ``index`` at ``at`` (default: now), or finish past the end.

        Called by a control (``at`` is now), it also emits the new step's
        opening cue; called from :meth:`_advance`, the loop there does.
        """
        if index >= len(self._plan.steps):
            self._finish(self._now if at is None else at)
        elif at is not None:
            self._enter(index, at)
        else:
            self._enter(index, self._now)
            self._advance(self._now)

    def _enter(self, index: int, at: float) -> None:
        self._index = index
        self._step_start = at
        self._held = 0.0
        self._build_schedule()
        self._emit(StepStarted(index, self.step, due=at))

    def _end_step(self, at: float, *, skipped: bool) -> None:
        if self.step.kind is StepKind.HOLD:
            self._outcomes[self._index] = not skipped
        self._emit(StepEnded(self._index, self.step, skipped, due=at))

    def _final_cues(self) -> list[Cue]:
        """The routine's last words, said as it finishes."""
        last = len(self._plan.steps) - 1
        return [
            cue
            for offset, cue in cues_for_step(self._plan, last, self._count_style)
            if offset >= self._plan.steps[last].seconds - _EPS
        ]

    def _finish(self, at: float) -> None:
        final = self._final_cues()
        if self._state is SessionState.RUNNING:
            self._active += at - self._run_since
        self._held = self.step.seconds
        self._state = SessionState.FINISHED
        for cue in final:
            self._emit(CueDue(cue, due=at))
        self._emit(Finished(self.summary(), due=at))

    def _pause_at(self, at: float, reason: PauseReason) -> None:
        self._held = at - self._step_start
        self._active += at - self._run_since
        self._state = SessionState.PAUSED
        self._pause_reason = reason
        self._emit(Paused(reason, due=at))

    def _previous_hold(self) -> int | None:
        for i in range(self._index - 1, -1, -1):
            if self._plan.steps[i].kind is StepKind.HOLD:
                return i
        return None

    def _build_schedule(self, *, keep_emitted: bool = False) -> None:
        """Lay out the current step's seconds and cues; optionally keep what was emitted."""
        done_upto = (
            self._schedule[self._next - 1].offset if keep_emitted and self._next > 0 else None
        )
        merged = self._items_for(self._index)
        self._schedule = merged
        if done_upto is None:
            self._next = 0
        else:
            self._next = sum(1 for it in merged if it.offset <= done_upto + _EPS)

    def _items_for(self, index: int) -> list[_Item]:
        """Step ``index``'s whole seconds and cues, in order."""
        step = self._plan.steps[index]
        items = [_Item(float(s), second=s) for s in whole_seconds(step.seconds)]
        for offset, cue in cues_for_step(self._plan, index, self._count_style):
            if offset < step.seconds - _EPS:  # the routine's last cue comes with Finished
                items.append(_Item(offset, cue=cue))
        # A second before its cue; offsets are whole seconds or 0, so sorting is exact.
        items.sort(key=lambda it: (it.offset, it.cue is not None))
        merged: list[_Item] = []
        for item in items:
            if merged and merged[-1].offset == item.offset and merged[-1].cue is None:
                merged[-1] = _Item(item.offset, merged[-1].second, item.cue)
            else:
                merged.append(item)
        return merged

    # -- delivering events --------------------------------------------------

    def _emit(self, event: Event) -> None:
        late = max(0.0, self._now - event.due)
        self._pending.append(replace(event, late=late))

    def _flush(self) -> list[Event]:
        """Hand this operation's events to the listeners, in order, even when re-entered."""
        events, self._pending = self._pending, []
        self._queue.extend(events)
        if not self._delivering:
            self._delivering = True
            try:
                while self._queue:
                    event = self._queue.popleft()
                    for listener in list(self._listeners):
                        listener(event)
            finally:
                self._delivering = False
        return events
