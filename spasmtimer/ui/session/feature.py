"""The session's controller: the pain question, the session screen and the finish screen.

It shows the :class:`~spasmtimer.services.session.SessionController`'s
session (the service owns the session, driver, recorder and player) and
forwards the session's intents to it: pause, skip, the level, stop (asking
first), "This hurts", the pain ratings and the Sound dialog.

Narrow dependencies in (the navigator, the intents, the session service, the
history, the settings, "This hurts" as a callable), signals out; a Qt parent
is its only tie to the window.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from spasmtimer.core.routines.routine import Routine
from spasmtimer.services.history import HistoryAccess
from spasmtimer.services.session import SessionController
from spasmtimer.services.settings import Settings
from spasmtimer.ui.intents import Intent, Intents, Screen, pain_for_key
from spasmtimer.ui.navigator import Navigator

if TYPE_CHECKING:
    from spasmtimer.core.guidance.safety import HurtReport
    from spasmtimer.ui.session.finish import FinishView
    from spasmtimer.ui.session.pain_before import PainBeforeView
    from spasmtimer.ui.session.sound_settings import SoundSettingsDialog
    from spasmtimer.ui.session.view import SessionView
    from spasmtimer.ui.theme import Theme

HURTS_NOTE = "Stopped because it hurts. Rest. Space goes on, → skips, Esc ends the session."
PAIN, SESSION, FINISH = (frozenset({s}) for s in (Screen.PAIN, Screen.SESSION, Screen.FINISH))


class SessionFeature(QObject):
    """Shows the running session and answers its screens.

    ``hurts``: "This hurts" (the guidance asks, advises and records; None if
    the user cancelled).

    Signals:
        sessionEnded(bool): a session finished (True) or was stopped (False).
    """

    sessionEnded = Signal(bool)

    def __init__(
        self,
        parent: QWidget,
        nav: Navigator,
        intents: Intents,
        controller: SessionController,
        history: HistoryAccess,
        settings: Settings,
        hurts: Callable[[], HurtReport | None],
        theme: Callable[[], Theme],
    ) -> None:
        super().__init__(parent)
        self.nav, self.intents, self.controller = nav, intents, controller
        self.history, self.settings = history, settings
        self._hurts, self._theme = hurts, theme
        self._pain_view: PainBeforeView | None = None
        self._view: SessionView | None = None
        self._finish: FinishView | None = None
        self.sound_dialog: SoundSettingsDialog | None = None
        # A session started from the overview asks about the pain before and after;
        # one started with ``spasmtimer start`` asks nothing.
        self._pending: tuple[Routine, dict[int, int]] | None = None
        nav.register(Screen.PAIN, self._make_pain_view)
        nav.register(Screen.SESSION, self._make_view)
        nav.register(Screen.FINISH, self._make_finish)
        nav.shown.connect(self._on_nav_shown)
        controller.started.connect(self._on_controller_started)
        controller.ended.connect(self._on_controller_ended)
        controller.mutedChanged.connect(self._on_controller_mutedChanged)
        controller.audioNoticeChanged.connect(self._on_controller_audioNoticeChanged)
        self._register(intents)

    def _register(self, intents: Intents) -> None:
        c = self.controller
        for intent, slot in (
            (Intent.PAUSE, c.toggle_pause),
            (Intent.SKIP, c.skip),
            (Intent.STEP_BACK, c.back),
            (Intent.NEXT_EXERCISE, c.next_exercise),
            (Intent.PREVIOUS_EXERCISE, c.previous_exercise),
            (Intent.MUTE, c.toggle_mute),
            (Intent.STOP, self.confirm_stop),
            (Intent.HURTS, self.this_hurts),
            (Intent.SOUND, self.show_sound_settings),
        ):
            intents.on(intent, slot)
        intents.on(Intent.LEVEL_UP, c.change_level, 1, screens=SESSION)
        intents.on(Intent.LEVEL_DOWN, c.change_level, -1, screens=SESSION)
        intents.on(Intent.SKIP_RATING, self.start_pending, None, screens=PAIN)
        intents.on(Intent.SKIP_RATING, self._skip_pain_after, screens=FINISH)
        intents.on(Intent.BACK, self.back_to_overview, screens=PAIN)
        # From the finish screen, back to Today: the session just done is ticked there.
        intents.on(Intent.BACK, intents.trigger, Intent.SHOW_TODAY, screens=FINISH)
        intents.register(Intent.RATE, self._rate_pain_before, screens=PAIN)
        intents.register(Intent.RATE, self._rate_pain_after, screens=FINISH)

    # -- the screens ------------------------------------------------------------

    @property
    def pain_view(self) -> PainBeforeView:
        self.nav.view(Screen.PAIN)
        assert self._pain_view is not None
        return self._pain_view

    @property
    def view(self) -> SessionView:
        self.nav.view(Screen.SESSION)
        assert self._view is not None
        return self._view

    @property
    def finish(self) -> FinishView:
        self.nav.view(Screen.FINISH)
        assert self._finish is not None
        return self._finish

    def _make_pain_view(self) -> QWidget:
        from spasmtimer.ui.session.pain_before import PainBeforeView

        view = self._pain_view = PainBeforeView()
        view.rated.connect(self.start_pending)
        view.skipped.connect(partial(self.start_pending, None))
        view.backRequested.connect(self.back_to_overview)
        return view

    def _make_view(self) -> QWidget:
        from spasmtimer.ui.session.view import SessionView

        view = self._view = SessionView()
        view.controlRequested.connect(self.intents.trigger)
        view.apply_theme(self._theme())
        view.set_muted(self.controller.muted)
        window = self.parent()
        view.set_full_screen(isinstance(window, QWidget) and window.isFullScreen())
        return view

    def _make_finish(self) -> QWidget:
        from spasmtimer.ui.session.finish import FinishView

        view = self._finish = FinishView()
        view.backRequested.connect(partial(self.intents.trigger, Intent.SHOW_TODAY))
        view.painRated.connect(self.controller.set_pain_after)
        view.historyRequested.connect(partial(self.intents.trigger, Intent.HISTORY))
        return view

    def refresh_saved(self, problem: str = "") -> None:
        """The history's saving state changed: the finish screen says if this
        session is not saved yet (or no longer says it)."""
        if self._finish is not None:
            self._finish.refresh_saved()

    def set_full_screen(self, full: bool) -> None:
        if self._view is not None:
            self._view.set_full_screen(full)

    # -- starting -----------------------------------------------------------------

    def start_from_overview(self, routine: Routine, levels: dict[int, int]) -> None:
        """Start: first "How bad is the pain right now?" (one tap), then the session."""
        if self.history.store is None:  # nowhere to keep a rating: do not ask for one
            self.start(routine, levels)
            return
        self._pending = (routine, dict(levels))
        self.pain_view.set_routine_name(routine.name)
        self.nav.show(Screen.PAIN)

    def start_pending(self, pain_before: int | None) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            self.start(*pending, pain_before=pain_before, ask_pain=True)

    def back_to_overview(self) -> None:
        self._pending = None
        self.nav.show(Screen.OVERVIEW)

    def start(
        self,
        routine: Routine,
        levels: dict[int, int] | None = None,
        *,
        pain_before: int | None = None,
        ask_pain: bool = False,
    ) -> None:
        """Open the session view and start at once (``ask_pain``: ask after, too)."""
        self.controller.start(routine, levels, pain_before=pain_before, ask_pain=ask_pain)

    # -- what the keys and buttons ask ----------------------------------------------

    def _skip_pain_after(self) -> None:
        self.finish.skip_pain()

    def _rate_pain_before(self, key: int) -> None:
        """A digit (or T for 10) on the pain question: start, with that rating."""
        if (value := pain_for_key(key)) is not None:
            self.start_pending(value)

    def _rate_pain_after(self, key: int) -> None:
        """A digit (or T for 10) on the finish screen, while it asks."""
        if (value := pain_for_key(key)) is not None and self.finish.asking_pain:
            self.finish.rate_pain(value)

    def confirm_stop(self) -> None:
        """Esc in a session: pause, ask, then stop or go on as before."""
        from spasmtimer.ui.dialogs import Dialogs

        controller = self.controller
        if not controller.is_active():
            return
        was_running = controller.is_running()
        controller.pause()
        question = "Stop this session now? It will count as stopped."
        if Dialogs.ask(self.view, "Stop the session?", question):
            controller.stop()
        elif was_running:
            controller.resume()

    def this_hurts(self) -> None:
        """H or the button: the guidance pauses, asks, advises and records."""
        if not self.controller.is_active():
            return
        self.controller.pause()
        report = self._hurts()
        if report is not None and self.controller.is_active():
            self.view.set_pause_note(HURTS_NOTE)

    def show_sound_settings(self) -> None:
        """The Sound dialog: changes apply at once (to a running session too) and are kept."""
        from spasmtimer.ui.session.sound_settings import SoundSettingsDialog

        parent = self.parent()
        assert isinstance(parent, QWidget)
        self.sound_dialog = SoundSettingsDialog.open_for(parent, self.settings)

    # -- slots --------------------------------------------------------------------

    def _on_nav_shown(self, screen: Screen) -> None:
        if screen in (Screen.TODAY, Screen.PICKER):
            # Leaving the session's screens: end it, let go of it, forget a pending start.
            self.controller.end()
            if self._view is not None:
                self._view.set_driver(None)  # let go of the ended session
            self._pending = None

    def _on_controller_started(self) -> None:
        self.view.set_driver(self.controller.driver)
        self.nav.show(Screen.SESSION)

    def _on_controller_ended(self, completed: bool) -> None:
        if self.controller.session is not None:
            self.finish.show_session(self.controller, self.history)
            self.nav.show(Screen.FINISH)
            self.sessionEnded.emit(completed)

    def _on_controller_mutedChanged(self, muted: bool) -> None:
        if self._view is not None:
            self._view.set_muted(muted)

    def _on_controller_audioNoticeChanged(self, notice: str) -> None:
        self.view.set_audio_notice(notice or None)
