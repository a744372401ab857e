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
``skip``, ``back``, ``next_exercise`` and ``previous_exercise`` end the
current step as skipped and go where :mod:`spasmtimer.core.session.schedule`
says. A step entered while paused waits, silent, until ``resume``. ``stop``
ends the session as not completed; a hold cut short by it counts as skipped,
and the session says "Release".

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
from collections.abc import Callable, Mapping

from spasmtimer.core.clock import Clock, system_clock
from spasmtimer.core.routines.plan import Plan, Step, StepKind, make_plan
from spasmtimer.core.session.cues import CountStyle, as_said, release_cue
from spasmtimer.core.session.events import (
    CueDue,
    Event,
    Finished,
    LevelChanged,
    Listener,
    Outbox,
    Paused,
    PauseReason,
    Resumed,
    SecondElapsed,
    StepEnded,
    StepStarted,
    Stopped,
    Summary,
)
from spasmtimer.core.session.schedule import (
    BACK_GRACE,
    EPS,
    Item,
    back_target,
    exercise_start,
    final_cues,
    holds_between,
    look_ahead,
    next_exercise_start,
    step_items,
    summarize,
)

__all__ = ["BACK_GRACE", "CountStyle", "PauseReason", "Session", "SessionState"]

log = logging.getLogger(__name__)


class SessionState(enum.Enum):
    IDLE = enum.auto()
    RUNNING = enum.auto()
    PAUSED = enum.auto()
    FINISHED = enum.auto()
    STOPPED = enum.auto()


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
        self._schedule: list[Item] = []
        self._next = 0  # index into _schedule of the first item not yet emitted
        self._active = 0.0  # active seconds before _run_since
        self._run_since = 0.0
        self._last_reading = 0.0
        self._now = -math.inf  # the last clock reading; none yet
        self._outcomes: dict[int, bool] = {}  # hold step index -> done (False: skipped)
        self._outbox = Outbox()
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
        completed = self._state is SessionState.FINISHED
        return summarize(self._plan, self._outcomes, self.elapsed(), completed)

    # -- listening and driving ---------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` with every event, in order; returns an unsubscribe."""
        return self._outbox.subscribe(listener)

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
        pending = self._schedule[self._next :]
        return look_ahead(
            self._plan, self._count_style, self._index, self._step_start, pending, until
        )

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
            target = back_target(self._plan, self._index, self.step_elapsed())
            self._end_step(self._now, skipped=True)
            self._go_to(target)
        self._flush()

    def next_exercise(self) -> None:
        if self._running_after_catch_up() or self._state is SessionState.PAUSED:
            self._end_step(self._now, skipped=True)
            target = next_exercise_start(self._plan, self._index)
            self._outcomes.update(
                dict.fromkeys(holds_between(self._plan, self._index + 1, target), False)
            )
            self._go_to(target)
        self._flush()

    def previous_exercise(self) -> None:
        if self._running_after_catch_up() or self._state is SessionState.PAUSED:
            target = exercise_start(self._plan, max(0, self.step.exercise_index - 1))
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
        hold = exercises[exercise_index]  # its levels: the hold's, then the reps'
        old = self._plan.levels[exercise_index]
        new = hold.clamp_level(old + delta)
        if new == old or hold.reps_at(new) != hold.reps_at(old):
            return old  # more or fewer reps would change the steps under the session
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
                if due > until + EPS:
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
            if end > until + EPS:
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

    def _finish(self, at: float) -> None:
        if self._state is SessionState.RUNNING:
            self._active += at - self._run_since
        self._held = self.step.seconds
        self._state = SessionState.FINISHED
        summary = self.summary()  # "Well done." only for a session that counts
        for cue in final_cues(self._plan, self._count_style):
            self._emit(CueDue(as_said(cue, summary.holds_done, summary.holds_skipped), due=at))
        self._emit(Finished(summary, due=at))

    def _pause_at(self, at: float, reason: PauseReason) -> None:
        self._held = at - self._step_start
        self._active += at - self._run_since
        self._state = SessionState.PAUSED
        self._pause_reason = reason
        self._emit(Paused(reason, due=at))

    def _build_schedule(self, *, keep_emitted: bool = False) -> None:
        """Lay out the current step's seconds and cues; optionally keep what was emitted."""
        done_upto = (
            self._schedule[self._next - 1].offset if keep_emitted and self._next > 0 else None
        )
        merged = step_items(self._plan, self._index, self._count_style)
        self._schedule = merged
        if done_upto is None:
            self._next = 0
        else:
            self._next = sum(1 for it in merged if it.offset <= done_upto + EPS)

    # -- delivering events --------------------------------------------------

    def _emit(self, event: Event) -> None:
        self._outbox.emit(event, self._now)

    def _flush(self) -> list[Event]:
        return self._outbox.flush()
