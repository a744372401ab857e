"""A minimal Qt driver for a session, used only when ``session_driver`` is absent.

The real adapter is :class:`spasmtimer.ui.session_driver.SessionDriver`; this
stand-in keeps the window usable in a build without it. It wakes up when the
session says the next event is due (at least once a second) and re-emits the
session's events as signals.

Signals:
    stepStarted(object), stepEnded(object), secondElapsed(object), cueDue(object),
    paused(object), resumed(object), finished(object), stopped(object), changed().
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from spasmtimer.core import events as ev
from spasmtimer.core.session import Session, SessionState


class FallbackDriver(QObject):
    stepStarted = Signal(object)
    stepEnded = Signal(object)
    secondElapsed = Signal(object)
    cueDue = Signal(object)
    paused = Signal(object)
    resumed = Signal(object)
    finished = Signal(object)
    stopped = Signal(object)
    changed = Signal()

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._unsubscribe = session.subscribe(self._on_session_event)

    def start(self) -> None:
        self.session.start()
        self._schedule()

    def stop_timer(self) -> None:
        self._timer.stop()

    def _on_timer_timeout(self) -> None:
        self.session.tick()
        self._schedule()

    def _schedule(self) -> None:
        if self.session.state is not SessionState.RUNNING:
            return
        wait = self.session.seconds_until_next_event()
        wait = 1.0 if wait is None else max(0.0, min(1.0, wait))
        self._timer.start(round(wait * 1000))

    def _on_session_event(self, event: ev.Event) -> None:
        signal = {
            ev.StepStarted: self.stepStarted,
            ev.StepEnded: self.stepEnded,
            ev.SecondElapsed: self.secondElapsed,
            ev.CueDue: self.cueDue,
            ev.Paused: self.paused,
            ev.Resumed: self.resumed,
            ev.Finished: self.finished,
            ev.Stopped: self.stopped,
        }.get(type(event))
        if signal is not None:
            signal.emit(event)
        self.changed.emit()
        if isinstance(event, ev.Resumed | ev.StepStarted):
            self._schedule()
