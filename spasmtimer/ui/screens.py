"""The main window's screens, each made when first needed, and which one is showing.

A mix-in of :class:`~spasmtimer.ui.main_window.MainWindow`: Today is made at
once; the picker (the window's), the overview, the pain question, the session
view and the finish screen when first shown, or just after Today is on screen
(:meth:`Screens.warm_up`), while the user reads it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QStackedWidget

from spasmtimer.ui.intents import Intent, Intents, Screen, pain_for_key

if TYPE_CHECKING:
    from spasmtimer.services.session import SessionController
    from spasmtimer.ui.guidance.hub import GuidanceHub
    from spasmtimer.ui.routines.editor import RoutineEditor
    from spasmtimer.ui.routines.overview import OverviewView
    from spasmtimer.ui.routines.picker import PickerView
    from spasmtimer.ui.session.finish import FinishView
    from spasmtimer.ui.session.pain_before import PainBeforeView
    from spasmtimer.ui.session.view import SessionView
    from spasmtimer.ui.theme import Theme
    from spasmtimer.ui.today.today_view import TodayView


class Screens:
    """Lazily made screens; the window supplies the slots they call."""

    stack: QStackedWidget
    theme: Theme
    controller: SessionController
    _overview: OverviewView | None = None
    _pain_view: PainBeforeView | None = None
    _session_view: SessionView | None = None
    _finish: FinishView | None = None
    _pending: object = None  # the window's routine and levels waiting for the pain question
    _today_view: TodayView | None = None
    editor: RoutineEditor | None = None  # open while a routine is edited (editor_host.py)

    # -- what the window does for them ---------------------------------------

    @property
    def picker(self) -> PickerView:
        raise NotImplementedError

    def show_picker(self) -> None:
        raise NotImplementedError

    def show_history(self) -> None:
        raise NotImplementedError

    def print_handout(self) -> None:
        raise NotImplementedError

    def trigger(self, intent: Intent) -> None:
        raise NotImplementedError

    def isFullScreen(self) -> bool:
        raise NotImplementedError

    def start_from_overview(self) -> None:
        raise NotImplementedError

    def _on_overview_levelChanged(self, index: int, level: int) -> None:
        raise NotImplementedError

    def back_to_overview(self) -> None:
        raise NotImplementedError

    if TYPE_CHECKING:  # from the Today and progression mix-ins, later in the bases

        def show_today(self) -> None: ...

        def _on_overview_routineSet(self) -> None: ...

        def _on_overview_offerTaken(self, offer: object) -> None: ...

        def ensure_guidance(self) -> GuidanceHub: ...

    def start_pending(self, pain_before: int | None) -> None:
        raise NotImplementedError

    # -- the screens ----------------------------------------------------------

    @property
    def overview(self) -> OverviewView:
        if self._overview is None:
            from spasmtimer.ui.routines.overview import OverviewView

            view = OverviewView()
            view.startRequested.connect(self.start_from_overview)
            view.backRequested.connect(self.show_picker)
            view.levelChanged.connect(self._on_overview_levelChanged)
            view.printRequested.connect(self.print_handout)
            view.routineSet.connect(self._on_overview_routineSet)
            view.offerTaken.connect(self._on_overview_offerTaken)
            self.stack.addWidget(view)
            self._overview = view
        return self._overview

    @property
    def pain_view(self) -> PainBeforeView:
        if self._pain_view is None:
            from spasmtimer.ui.session.pain_before import PainBeforeView

            view = PainBeforeView()
            view.rated.connect(self.start_pending)
            view.skipped.connect(self._on_pain_view_skipped)
            view.backRequested.connect(self.back_to_overview)
            self.stack.addWidget(view)
            self._pain_view = view
        return self._pain_view

    @property
    def session_view(self) -> SessionView:
        if self._session_view is None:
            from spasmtimer.ui.session.view import SessionView

            view = SessionView()
            view.controlRequested.connect(self.trigger)
            view.apply_theme(self.theme)
            view.set_muted(self.controller.muted)
            view.set_full_screen(self.isFullScreen())
            self.stack.addWidget(view)
            self._session_view = view
        return self._session_view

    @property
    def finish(self) -> FinishView:
        if self._finish is None:
            from spasmtimer.ui.session.finish import FinishView

            view = FinishView()
            view.backRequested.connect(self.show_today)
            view.painRated.connect(self.controller.set_pain_after)
            view.historyRequested.connect(self.show_history)
            self.stack.addWidget(view)
            self._finish = view
        return self._finish

    def _let_go_of_session(self) -> None:
        """Leaving the session's screens: end it, let go of it, forget a pending start."""
        self.controller.end()
        if self._session_view is not None:
            self._session_view.set_driver(None)  # let go of the ended session
        self._pending = None

    def _on_pain_view_skipped(self) -> None:
        self.start_pending(None)

    def warm_up(self) -> None:
        """Build the other screens now, before the first Start."""
        _ = (self.picker, self.overview, self.session_view, self.finish)  # each made now
        import spasmtimer.core.session  # noqa: F401 - loaded before the first Start

    def screen_now(self) -> Screen:
        current = self.stack.currentWidget()
        for view, screen in (
            (self._today_view, Screen.TODAY),
            (self._overview, Screen.OVERVIEW),
            (self._pain_view, Screen.PAIN),
            (self._session_view, Screen.SESSION),
            (self._finish, Screen.FINISH),
            (self.editor, Screen.EDITOR),
        ):
            if view is not None and current is view:
                return screen
        return Screen.PICKER

    # -- what the keys and buttons ask of these screens -------------------------

    def register_screen_intents(self, intents: Intents) -> None:
        overview, session = frozenset({Screen.OVERVIEW}), frozenset({Screen.SESSION})
        pain, finish = frozenset({Screen.PAIN}), frozenset({Screen.FINISH})
        c = self.controller
        for intent, slot in (
            (Intent.START, self.start_from_overview),
            (Intent.PRINT, self.print_handout),
            (Intent.PAUSE, c.toggle_pause),
            (Intent.SKIP, c.skip),
            (Intent.STEP_BACK, c.back),
            (Intent.NEXT_EXERCISE, c.next_exercise),
            (Intent.PREVIOUS_EXERCISE, c.previous_exercise),
            (Intent.STOP, self.confirm_stop),
            (Intent.HURTS, self.this_hurts),
        ):
            intents.on(intent, slot)
        intents.on(Intent.LEVEL_UP, lambda: self.overview.change_level(1), overview)
        intents.on(Intent.LEVEL_DOWN, lambda: self.overview.change_level(-1), overview)
        intents.on(Intent.LEVEL_UP, lambda: c.change_level(1), session)
        intents.on(Intent.LEVEL_DOWN, lambda: c.change_level(-1), session)
        intents.on(Intent.UP, lambda: self.overview.move_selection(-1), overview)
        intents.on(Intent.DOWN, lambda: self.overview.move_selection(1), overview)
        intents.on(Intent.SKIP_RATING, self._on_pain_view_skipped, pain)
        intents.on(Intent.SKIP_RATING, lambda: self.finish.skip_pain(), finish)  # noqa: PLW0108
        intents.on(Intent.BACK, self.back_to_overview, pain)
        intents.on(Intent.BACK, self.show_today, finish)  # the session just done is ticked there
        intents.register(Intent.RATE, self._rate_pain, pain | finish)

    def _rate_pain(self, key: int) -> None:
        """A pain rating typed on the keyboard (the pain question or the finish screen)."""
        value = pain_for_key(key)
        if value is None:
            return
        if self.screen_now() is Screen.PAIN:
            self.start_pending(value)
        elif self.finish.asking_pain:
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
        if Dialogs.ask(self.session_view, "Stop the session?", question):
            controller.stop()
        elif was_running:
            controller.resume()

    def this_hurts(self) -> None:
        """H or the button: the guidance pauses, asks, advises and records."""
        if not self.controller.is_active():
            return
        self.controller.pause()
        report = self.ensure_guidance().this_hurts()
        if report is not None and self.controller.is_active():
            self.session_view.set_pause_note(HURTS_NOTE)


HURTS_NOTE = "Stopped because it hurts. Rest. Space goes on, → skips, Esc ends the session."
