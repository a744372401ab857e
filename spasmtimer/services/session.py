"""The running session and everything that runs with it, without a widget.

:class:`SessionController` owns the plan and :class:`~spasmtimer.core.session.machine.Session`,
the :class:`~spasmtimer.services.session_driver.SessionDriver` that wakes it, the
:class:`~spasmtimer.core.history.recorder.SessionRecorder` that writes it to the
history, the cue player that speaks it, the counting style and the hold
levels. Screens forward the user's intents to its typed methods (pause,
skip, change the level, mute …) and show its state; the main window only
switches screens when :attr:`SessionController.started` and
:attr:`SessionController.ended` say so.

Sound goes through the :mod:`spasmtimer.audio` entry points
(``create_player``, ``connect_driver``); the player comes once, on the first
session, and stays for the app's lifetime. The sound settings are the
store's (:mod:`spasmtimer.services.settings`): :func:`bind_player` hands the
player each sound key through the setter the key names, when it is made and
whenever the store says the key changed; the counting style reaches the
running session the same way. Nobody keeps a copy.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import QObject, Signal, SignalInstance

from spasmtimer.core.clock import Clock, system_clock
from spasmtimer.core.routines.routine import Routine
from spasmtimer.core.session.sound_settings import AudioSettings
from spasmtimer.services.deferred import call_later
from spasmtimer.services.history import HistoryAccess
from spasmtimer.services.settings import COUNT_STYLE, MUTED, SOUND_KEYS, Key, Settings

if TYPE_CHECKING:
    from spasmtimer.audio.player import CuePlayer
    from spasmtimer.core.history.recorder import SessionRecorder
    from spasmtimer.core.session.machine import Session, SessionState
    from spasmtimer.services.session_driver import SessionDriver

log = logging.getLogger(__name__)

SOUND_UNAVAILABLE = "Sound unavailable — following on screen"
SOUND_READY_WAIT_MS = 2500

DriverFactory = Callable[["Session", QObject], "SessionDriver"]
PlayerFactory = Callable[[QObject, AudioSettings], "CuePlayer"]
PlayerConnector = Callable[["SessionDriver", "CuePlayer"], None]


@runtime_checkable
class LoadsClips(Protocol):
    """A player that loads its clips first and says when it is ready."""

    readyChanged: SignalInstance

    def is_ready(self) -> bool: ...


@runtime_checkable
class ReportsProblems(Protocol):
    """A player that says when the sound stops or comes back."""

    problemChanged: SignalInstance


def default_driver(session: Session, parent: QObject) -> SessionDriver:
    from spasmtimer.services.session_driver import SessionDriver

    return SessionDriver(session, parent)


def default_player(parent: QObject, settings: AudioSettings) -> CuePlayer:
    from spasmtimer.audio import create_player

    return create_player(parent, settings)


def default_connector(driver: SessionDriver, player: CuePlayer) -> None:
    from spasmtimer.audio import connect_driver

    connect_driver(driver, player)


class SessionController(QObject):
    """Owns a running session: plan, session, driver, recorder, player, count style, levels.

    Signals:
        started(): a session was made and is about to start; show it.
        ended(bool): the session finished (True) or was stopped (False).
        mutedChanged(bool): the sound was muted or unmuted.
        audioNoticeChanged(str): what is wrong with the sound ("" when fine).
    """

    started = Signal()
    ended = Signal(bool)
    mutedChanged = Signal(bool)
    audioNoticeChanged = Signal(str)

    def __init__(
        self,
        *,
        settings: Settings,
        history: HistoryAccess,
        clock: Clock = system_clock,
        driver_factory: DriverFactory = default_driver,
        player_factory: PlayerFactory | None = default_player,
        connect_player: PlayerConnector = default_connector,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.history = history
        self.clock = clock
        self._driver_factory = driver_factory
        self._player_factory = player_factory
        self._connect_player = connect_player
        self.session: Session | None = None
        self.driver: SessionDriver | None = None
        self.recorder: SessionRecorder | None = None
        self.player: CuePlayer | None = None
        self._player_made = False
        self._waiting: SessionDriver | None = None  # started once the sound is ready
        self.ask_pain_after = False
        self.pain_before: int | None = None
        self.audio_notice = ""
        settings.changed.connect(self._on_settings_changed)

    # -- state ------------------------------------------------------------------

    @property
    def muted(self) -> bool:
        return self.settings.get(MUTED)

    def state(self) -> SessionState | None:
        return self.session.state if self.session is not None else None

    # core.session is imported when first needed: the picker shows sooner.

    def is_active(self) -> bool:
        """Running or paused: a session the controls still act on."""
        if self.session is None:
            return False
        from spasmtimer.core.session.machine import SessionState

        return self.session.state in (SessionState.RUNNING, SessionState.PAUSED)

    def is_running(self) -> bool:
        if self.session is None:
            return False
        from spasmtimer.core.session.machine import SessionState

        return self.session.state is SessionState.RUNNING

    def current_exercise(self) -> str | None:
        return self.session.step.exercise if self.is_active() and self.session else None

    def routine_name(self) -> str:
        return self.session.plan.routine.name if self.session is not None else ""

    def counted(self) -> bool:
        """Whether the last session counts: most of its holds done (:mod:`core.tally`)."""
        if self.session is None:
            return False
        return self.session.summary().counts

    def levels_for(self, routine: Routine) -> dict[int, int]:
        return self.history.levels_for(routine)

    def save_level(self, routine: Routine, index: int, level: int) -> None:
        self.history.save_level(routine, index, level)

    # -- starting and ending -------------------------------------------------

    def start(
        self,
        routine: Routine,
        levels: dict[int, int] | None = None,
        *,
        pain_before: int | None = None,
        ask_pain: bool = False,
        record: bool = True,
    ) -> None:
        """Make the session and start it (once the sound is ready, at most a second on).

        ``ask_pain`` (a start from the overview): the finish screen asks about
        the pain after. ``record=False`` (the editor's *Try it*): no history.
        """
        from spasmtimer.core.history.recorder import SessionRecorder
        from spasmtimer.core.routines.plan import make_plan
        from spasmtimer.core.session.machine import Session

        self.end()
        if levels is None:
            levels = self.levels_for(routine)
        plan = make_plan(routine, levels)
        session = Session(plan, self.clock, count_style=self.settings.get(COUNT_STYLE))
        self.session = session
        store = self.history.store
        if store is not None and record:
            self.recorder = SessionRecorder.attach(store, session)
            self.recorder.set_pain_before(pain_before)
        driver = self._driver_factory(session, self)
        driver.finished.connect(self._on_driver_finished)
        driver.stopped.connect(self._on_driver_stopped)
        self.driver = driver
        self.ask_pain_after = ask_pain
        self.pain_before = pain_before
        self._attach_player(driver)
        self.started.emit()
        self._start_when_sound_ready(driver)

    def end(self) -> None:
        """Stop a session still going and let go of it (the player stays)."""
        if self.is_active() and self.driver is not None:
            self.driver.stop()
        driver, self.driver = self.driver, None
        self.session = None
        self.recorder = None
        self._waiting = None
        if driver is not None:
            driver.set_session(None)  # the session no longer holds the driver
            driver.deleteLater()

    def _start_when_sound_ready(self, driver: SessionDriver) -> None:
        # Started while the clips still load, the first words would come 50 to
        # 100 ms late; a second's wait on the GET READY screen costs nothing.
        player = self.player
        if isinstance(player, LoadsClips) and not player.is_ready():
            self._waiting = driver
            call_later(self, SOUND_READY_WAIT_MS, self._start_waiting)
        else:
            driver.start()

    def _start_waiting(self) -> None:
        driver, self._waiting = self._waiting, None
        if driver is not None and driver is self.driver:
            driver.start()

    def _on_player_readyChanged(self, ready: bool = True) -> None:
        if ready:
            self._start_waiting()

    def _on_driver_finished(self, _event: object) -> None:
        self.ended.emit(True)

    def _on_driver_stopped(self, _event: object) -> None:
        self.ended.emit(False)

    # -- controls -------------------------------------------------------------

    def pause(self) -> None:
        if self.driver is not None and self.is_running():
            self.driver.pause()

    def resume(self) -> None:
        if self.driver is not None and self.is_active() and not self.is_running():
            self.driver.resume()

    def toggle_pause(self) -> None:
        if self.is_running():
            self.pause()
        else:
            self.resume()

    def skip(self) -> None:
        if self.driver is not None and self.is_active():
            self.driver.skip()

    def back(self) -> None:
        if self.driver is not None and self.is_active():
            self.driver.back()

    def next_exercise(self) -> None:
        if self.driver is not None and self.is_active():
            self.driver.next_exercise()

    def previous_exercise(self) -> None:
        if self.driver is not None and self.is_active():
            self.driver.previous_exercise()

    def stop(self) -> None:
        if self.driver is not None and self.is_active():
            self.driver.stop()

    def change_level(self, delta: int) -> None:
        """Make the current exercise's hold longer (+1) or shorter (-1) from now on."""
        session = self.session
        if self.driver is not None and session is not None and self.is_active():
            self.driver.change_level(session.step.exercise_index, delta)

    def set_pain_after(self, value: int) -> None:
        if self.recorder is not None:
            self.recorder.set_pain_after(value)

    def record_event(self, kind: str, detail: str = "") -> None:
        """Something that happened (e.g. "this hurts"), in this session if there is one."""
        if self.recorder is not None:
            self.recorder.record_event(kind, detail)
        elif (store := self.history.store) is not None:
            store.record_event(None, kind, detail)

    def record_left_out(self, exercise: str, reason: str) -> None:
        """The user chose to leave ``exercise`` out next time: a level change, with ``reason``."""
        store, session = self.history.store, self.session
        if store is None or session is None:
            return
        from spasmtimer.core.guidance.progression import left_out
        from spasmtimer.core.history import level_changes

        routine = session.plan.routine
        for index, ex in enumerate(routine.exercises):
            if ex.name == exercise:
                offer = left_out(ex.name, ex, session.plan.levels[index], reason)
                sid = self.recorder.session_id if self.recorder is not None else None
                level_changes.record(store.connection, routine.name, offer, store.now(), sid)
                return

    # -- sound ----------------------------------------------------------------

    def toggle_mute(self) -> None:
        self.set_muted(not self.muted)

    def set_muted(self, muted: bool) -> None:
        self.settings.set(MUTED, muted)

    def _on_settings_changed(self, key: Key[object]) -> None:
        """A setting was written: the player and the running session follow it now."""
        if key.player and self.player is not None:
            bind_player(self.settings, self.player, (key,))
        if key is COUNT_STYLE and self.session is not None:
            style = self.settings.get(COUNT_STYLE)
            if style != self.session.count_style:
                self.session.set_count_style(style)
                if self.driver is not None:
                    self.driver.changed.emit()  # the future changed: what was placed ahead too
        if key is MUTED:
            self.mutedChanged.emit(self.muted)

    def seconds_until_quiet(self) -> float:
        return self.player.seconds_until_quiet() if self.player is not None else 0.0

    def _attach_player(self, driver: SessionDriver) -> None:
        if not self._player_made:
            self._player_made = True
            if self._player_factory is not None:
                try:
                    self.player = self._player_factory(self, self.settings.audio())
                except (OSError, RuntimeError):  # no sound back end: follow the screen
                    log.exception("sound unavailable")
            if self.player is not None:
                bind_player(self.settings, self.player)
                if isinstance(self.player, LoadsClips):
                    self.player.readyChanged.connect(self._on_player_readyChanged)
                if isinstance(self.player, ReportsProblems):
                    self.player.problemChanged.connect(self._on_player_problemChanged)
        if self.player is None:
            notice = SOUND_UNAVAILABLE if self._player_factory is not None else ""
        else:
            self._connect_player(driver, self.player)
            notice = self.player.problem
        self._set_audio_notice(notice)

    def _on_player_problemChanged(self, problem: str = "") -> None:
        self._set_audio_notice(problem)

    def _set_audio_notice(self, notice: str) -> None:
        self.audio_notice = notice
        self.audioNoticeChanged.emit(notice)


def bind_player(
    store: Settings, player: object, keys: tuple[Key[object], ...] = SOUND_KEYS
) -> None:
    """Hand ``player`` the value of every sound key (or of ``keys``) through the
    setter the key names: a new sound setting needs no line here."""
    for key in keys:
        setter = getattr(player, key.player, None) if key.player else None
        if setter is not None:
            setter(store.get(key))
