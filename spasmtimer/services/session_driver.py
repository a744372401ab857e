"""The Qt adapter of a session: wakes it up on time and re-emits its events as signals.

No timing logic lives here. The driver asks the session when the next event
falls due (:meth:`Session.seconds_until_next_event`) and arms one single-shot
``Qt.PreciseTimer`` for then, but never further away than the heartbeat
(1 s). The heartbeat keeps the session's sleep detection honest: the session
assumes a tick at least once a second while it runs. Between events the
process sleeps in the event loop; there is no polling.

Qt timers (and the GLib poll under them) count whole milliseconds and round
up, so a timer armed for the due time fires 1-2 ms after it. The driver
therefore arms the timer :data:`EARLY` seconds ahead and, when it fires with
the event still a few milliseconds off, sleeps that remainder (a plain
``sleep``, not a busy loop; the event loop is held for at most a few ms)
and then ticks. Events come out within a fraction of a millisecond.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal, SignalInstance

from spasmtimer.core.session.events import (
    CueDue,
    Event,
    Finished,
    LevelChanged,
    Paused,
    Resumed,
    SecondElapsed,
    StepEnded,
    StepStarted,
    Stopped,
)
from spasmtimer.core.session.machine import Session

log = logging.getLogger(__name__)

HEARTBEAT_MS = 1000
EARLY = 0.003  # seconds: wake this much ahead of an event, then sleep the rest


class SessionDriver(QObject):
    """Drives a :class:`Session` from a QTimer and re-emits its events.

    Signals (each carries the core event object, with ``due`` and ``late``):

    - ``stepStarted(StepStarted)``
    - ``stepEnded(StepEnded)``
    - ``secondElapsed(SecondElapsed)``: every whole second of every step
    - ``cueDue(CueDue)``: something to say; see :mod:`spasmtimer.core.session.cues`
    - ``paused(Paused)``: ``reason`` is USER or SLEEP
    - ``resumed(Resumed)``
    - ``levelChanged(LevelChanged)``
    - ``finished(Finished)`` and ``stopped(Stopped)``: with the summary
    - ``changed()``: after every batch of events and every control; repaint

    Controls (``start``, ``pause``, ``resume``, ``skip``, ``back``,
    ``next_exercise``, ``previous_exercise``, ``stop``, ``change_level``) are
    forwarded to the session; the timer is re-armed after each.
    ``tick_now()`` ticks at once; ``wake()`` is what the timer does when it
    fires. ``sleep`` is the short wait before an event (tests give one that
    moves their fake clock).
    """

    stepStarted = Signal(object)
    stepEnded = Signal(object)
    secondElapsed = Signal(object)
    cueDue = Signal(object)
    paused = Signal(object)
    resumed = Signal(object)
    levelChanged = Signal(object)
    finished = Signal(object)
    stopped = Signal(object)
    changed = Signal()

    def __init__(
        self,
        session: Session | None = None,
        parent: QObject | None = None,
        *,
        heartbeat_ms: int = HEARTBEAT_MS,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__(parent)
        self._heartbeat_ms = heartbeat_ms
        self._sleep = sleep
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._session: Session | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._signals: dict[type[Event], SignalInstance] = {
            StepStarted: self.stepStarted,
            StepEnded: self.stepEnded,
            SecondElapsed: self.secondElapsed,
            CueDue: self.cueDue,
            Paused: self.paused,
            Resumed: self.resumed,
            LevelChanged: self.levelChanged,
            Finished: self.finished,
            Stopped: self.stopped,
        }
        if session is not None:
            self.set_session(session)

    @property
    def session(self) -> Session | None:
        return self._session

    def set_session(self, session: Session | None) -> None:
        """Drive ``session`` from now on (None: drive nothing)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._session = session
        if session is not None:
            self._unsubscribe = session.subscribe(self._on_session_event)
        self._reschedule()
        self.changed.emit()

    def timer_interval_ms(self) -> int | None:
        """When the timer fires next (ms), None when idle; for tests and the bench."""
        return self._timer.interval() if self._timer.isActive() else None

    # -- controls ---------------------------------------------------------

    def start(self) -> None:
        self._control(lambda s: s.start())

    def pause(self) -> None:
        self._control(lambda s: s.pause())

    def resume(self) -> None:
        self._control(lambda s: s.resume())

    def skip(self) -> None:
        self._control(lambda s: s.skip())

    def back(self) -> None:
        self._control(lambda s: s.back())

    def next_exercise(self) -> None:
        self._control(lambda s: s.next_exercise())

    def previous_exercise(self) -> None:
        self._control(lambda s: s.previous_exercise())

    def stop(self) -> None:
        self._control(lambda s: s.stop())

    def change_level(self, exercise_index: int, delta: int) -> int:
        session = self._session
        if session is None:
            return 0
        try:
            return session.change_level(exercise_index, delta)
        finally:
            self._reschedule()
            self.changed.emit()

    def tick_now(self) -> None:
        if self._session is not None:
            try:
                events = self._session.tick()
            finally:
                self._reschedule()
            if events:
                self.changed.emit()

    # -- inside -------------------------------------------------------------

    def _control(self, action: Callable[[Session], None]) -> None:
        if self._session is None:
            return
        try:
            action(self._session)
        finally:
            self._reschedule()
            self.changed.emit()

    def _reschedule(self) -> None:
        wait = None if self._session is None else self._session.seconds_until_next_event()
        if wait is None:
            self._timer.stop()
            return
        early_ms = math.floor((wait - EARLY) * 1000 + 1e-6)
        self._timer.start(max(0, min(early_ms, self._heartbeat_ms)))

    def wake(self) -> None:
        """What the timer does when it fires: wait out the last few ms, then tick."""
        wait = None if self._session is None else self._session.seconds_until_next_event()
        if wait is not None and 0 < wait <= 2 * EARLY:
            self._sleep(wait)
        self.tick_now()

    def _on_timer_timeout(self) -> None:
        self.wake()

    def _on_session_event(self, event: Event) -> None:
        signal = self._signals.get(type(event))
        if signal is None:
            log.debug("no signal for %r", event)
            return
        signal.emit(event)
