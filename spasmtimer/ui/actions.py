"""What each :class:`~spasmtimer.ui.shortcuts.Action` does, on the screen showing.

Keys (the window's event filter) and on-screen buttons both end here. The
session's controls go to the :class:`~spasmtimer.services.session.SessionController`;
the rest to the window's screens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QKeyEvent

from spasmtimer.ui.dialogs import Dialogs
from spasmtimer.ui.shortcuts import Action, Screen, action_for, pain_for_key

if TYPE_CHECKING:
    from spasmtimer.services.session import SessionController
    from spasmtimer.ui.guidance.hub import GuidanceHub
    from spasmtimer.ui.routines.overview import OverviewView
    from spasmtimer.ui.routines.picker import PickerView
    from spasmtimer.ui.session.finish import FinishView
    from spasmtimer.ui.session.view import SessionView
    from spasmtimer.ui.today.today_view import TodayView


class MainWindow(Protocol):
    """What the actions need of the main window (which is a QWidget, too)."""

    controller: SessionController
    _session_view: SessionView | None

    @property
    def picker(self) -> PickerView: ...

    @property
    def overview(self) -> OverviewView: ...

    @property
    def session_view(self) -> SessionView: ...

    @property
    def finish(self) -> FinishView: ...

    def screen_now(self) -> Screen: ...

    def show_picker(self) -> None: ...

    def show_help(self) -> None: ...

    def show_history(self) -> None: ...

    def quit_app(self) -> None: ...

    def open_routine_file(self) -> None: ...

    def print_handout(self) -> None: ...

    def start_from_overview(self) -> None: ...

    def back_to_overview(self) -> None: ...

    def start_pending(self, pain_before: int | None) -> None: ...

    def ensure_guidance(self) -> GuidanceHub: ...

    @property
    def today_view(self) -> TodayView: ...

    def show_today(self) -> None: ...

    def take_offer(self, number: int) -> bool: ...

    def new_routine(self) -> None: ...

    def edit_current(self) -> None: ...

    def edit_copy_current(self) -> None: ...

    def delete_current(self) -> None: ...

    def undo_delete(self) -> None: ...

    def isFullScreen(self) -> bool: ...

    def showNormal(self) -> None: ...

    def showFullScreen(self) -> None: ...


HURTS_NOTE = "Stopped because it hurts. Rest. Space goes on, → skips, Esc ends the session."


def press_key(window: MainWindow, event: QKeyEvent) -> bool:
    """A key pressed in ``window``: do its action; True when it had one."""
    action = action_for(window.screen_now(), event.key(), event.modifiers())
    if action is None:
        return False
    if event.isAutoRepeat() and action not in (Action.LEVEL_UP, Action.LEVEL_DOWN):
        return True  # a held key must not pause and resume ten times
    if action is Action.TODAY:
        return window.today_view.handle_key(event.key())
    if action is Action.TAKE_OFFER:
        value = pain_for_key(event.key())  # the digit
        return value is not None and window.take_offer(value)
    if action is Action.RATE:
        value = pain_for_key(event.key())
        if value is not None:
            rate_pain(window, value)
        return True
    do_action(window, action)
    return True


def do_action(window: MainWindow, action: Action) -> None:
    """Do ``action`` on ``window``'s current screen."""
    screen = window.screen_now()
    controller = window.controller
    simple = {
        Action.HELP: window.show_help,
        Action.FULL_SCREEN: lambda: toggle_full_screen(window),
        Action.MUTE: controller.toggle_mute,
        Action.QUIT: window.quit_app,
        Action.CHOOSE: window.picker.choose_current,
        Action.OPEN_FILE: window.open_routine_file,
        Action.START: window.start_from_overview,
        Action.PRINT: window.print_handout,
        Action.STOP: lambda: confirm_stop(window),
        Action.HURTS: lambda: this_hurts(window),
        Action.HISTORY: window.show_history,
        Action.SHOW_TODAY: window.show_today,
        Action.PAUSE: controller.toggle_pause,
        Action.SKIP: controller.skip,
        Action.BACK: controller.back,
        Action.NEXT_EXERCISE: controller.next_exercise,
        Action.PREVIOUS_EXERCISE: controller.previous_exercise,
        Action.NEW_ROUTINE: window.new_routine,
        Action.EDIT: window.edit_current,
        Action.EDIT_COPY: window.edit_copy_current,
        Action.DELETE: window.delete_current,
        Action.UNDO_DELETE: window.undo_delete,
    }
    if action in simple:
        simple[action]()
    elif action in (Action.UP, Action.DOWN):
        move_selection(window, screen, -1 if action is Action.UP else 1)
    elif action is Action.BACK_TO_PICKER:
        if screen is Screen.PAIN:
            window.back_to_overview()
        elif screen is Screen.FINISH:
            window.show_today()  # the session just done is ticked there
        else:
            window.show_picker()
    elif action in (Action.LEVEL_UP, Action.LEVEL_DOWN):
        delta = 1 if action is Action.LEVEL_UP else -1
        if screen is Screen.OVERVIEW:
            window.overview.change_level(delta)
        else:
            controller.change_level(delta)
    elif action is Action.SKIP_RATING:
        if screen is Screen.PAIN:
            window.start_pending(None)
        elif screen is Screen.FINISH:
            window.finish.skip_pain()


def move_selection(window: MainWindow, screen: Screen, delta: int) -> None:
    """Up or down a row, whatever has the keyboard focus (the window may have none)."""
    if screen is Screen.PICKER:
        rows, row = window.picker.list.count(), window.picker.list.currentRow()
        if rows:
            window.picker.list.setCurrentRow(max(0, min(rows - 1, row + delta)))
            window.picker.list.setFocus()
    elif screen is Screen.OVERVIEW:
        table = window.overview.table
        rows, row = table.rowCount(), table.currentRow()
        if rows:
            table.setCurrentCell(max(0, min(rows - 1, row + delta)), 0)
            table.setFocus()


def confirm_stop(window: MainWindow) -> None:
    """Esc in a session: pause, ask, then stop or go on as before."""
    controller = window.controller
    if not controller.is_active():
        return
    was_running = controller.is_running()
    controller.pause()
    question = "Stop this session now? It will count as stopped."
    if Dialogs.ask(window.session_view, "Stop the session?", question):
        controller.stop()
    elif was_running:
        controller.resume()


def this_hurts(window: MainWindow) -> None:
    """H or the button: the guidance pauses, asks, advises and records."""
    if not window.controller.is_active():
        return
    window.controller.pause()
    report = window.ensure_guidance().this_hurts()
    if report is not None and window.controller.is_active():
        window.session_view.set_pause_note(HURTS_NOTE)


def rate_pain(window: MainWindow, value: int) -> None:
    """A pain rating typed on the keyboard (the pain question or the finish screen)."""
    screen = window.screen_now()
    if screen is Screen.PAIN:
        window.start_pending(value)
    elif screen is Screen.FINISH and window.finish.asking_pain:
        window.finish.rate_pain(value)


def toggle_full_screen(window: MainWindow) -> None:
    if window.isFullScreen():
        window.showNormal()
    else:
        window.showFullScreen()
    if window._session_view is not None:
        window._session_view.set_full_screen(window.isFullScreen())
