"""The main window's screens, each made when first needed, and which one is showing.

A mix-in of :class:`~spasmtimer.ui.main_window.MainWindow`: Today is made at
once; the picker (the window's), the overview, the pain question, the session
view and the finish screen when first shown, or just after Today is on screen
(:meth:`Screens.warm_up`), while the user reads it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QStackedWidget

if TYPE_CHECKING:
    from spasmtimer.ui.routines.editor import RoutineEditor
    from spasmtimer.ui.routines.overview import OverviewView
    from spasmtimer.ui.routines.picker import PickerView
    from spasmtimer.ui.session.controller import SessionController
    from spasmtimer.ui.session.finish import FinishView
    from spasmtimer.ui.session.pain_before import PainBeforeView
    from spasmtimer.ui.session.view import SessionView
    from spasmtimer.ui.shortcuts import Action, Screen
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

    def trigger(self, action: Action) -> None:
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
        import spasmtimer.core.session.machine  # noqa: F401 - loaded before the first Start

    def screen_now(self) -> Screen:
        # The key table's module is loaded when first needed (a key, after the
        # first paint), or as the screens warm up: its Action and Shortcut
        # classes cost ~1 ms before the first paint.
        from spasmtimer.ui.shortcuts import Screen

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
