"""The main window: the screens (picker, overview, pain question, session, finish) and every key.

Keys are handled in one place, :meth:`MainWindow.eventFilter`, from the table
in :mod:`spasmtimer.ui.shortcuts`, whatever widget has the focus: from the
floor, with a keyboard or a media remote, every action is one key.

Slow or optional pieces (history, sound, handout) are loaded after the
picker is on screen, through factories that tests replace. The guidance
features (safety screen, "This hurts", ice and heat, reminders) come in
through :attr:`MainWindow.guidance`, a
:class:`~spasmtimer.ui.guidance_hub.GuidanceHub`: ``spasmtimer.ui.app`` gives
the window a factory (:attr:`MainWindow.guidance_factory`) and makes the hub
once the picker is on screen; until then the menu entries and H make it on
first use (:meth:`MainWindow.ensure_guidance`).

Signals:
    sessionEnded(bool): a session finished (True) or was stopped (False).
    pickerShown(): the picker was painted for the first time.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeyEvent,
)
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QStackedWidget, QWidget

from spasmtimer.core.clock import Clock, system_clock
from spasmtimer.core.routine import Routine
from spasmtimer.ui import library as library_mod
from spasmtimer.ui.picker import PickerView
from spasmtimer.ui.settings import AppSettings
from spasmtimer.ui.shortcuts import Action, Screen, action_for, pain_for_key
from spasmtimer.ui.theme import Theme, palette_for, stylesheet_for, system_theme

if TYPE_CHECKING:  # imported when first needed: the picker shows sooner
    from spasmtimer.core.session import Session
    from spasmtimer.ui.finish_view import FinishView
    from spasmtimer.ui.guidance_hub import GuidanceHub
    from spasmtimer.ui.history_window import HistoryWindow
    from spasmtimer.ui.overview import OverviewView
    from spasmtimer.ui.pain_view import PainBeforeView
    from spasmtimer.ui.session_view import SessionView

ROUTINE_SUFFIXES = (".yaml", ".yml")

log = logging.getLogger(__name__)

SOUND_UNAVAILABLE = "Sound unavailable — following on screen"
HURTS_NOTE = "Stopped because it hurts. Rest. Space goes on, → skips, Esc ends the session."


def default_history() -> Any:
    from spasmtimer.core.history import HistoryStore

    return HistoryStore.open_default()


def default_driver(session: Session, parent: QObject) -> QObject:
    from spasmtimer.ui.session_driver import SessionDriver

    driver: QObject = SessionDriver(session, parent)
    return driver


SOUND_READY_WAIT_MS = 2500


def default_player(parent: QObject) -> Any:
    from spasmtimer.audio import create_player  # type: ignore[attr-defined,unused-ignore]

    return create_player(parent)


def connect_player(driver: QObject, player: Any) -> None:
    from spasmtimer.audio import connect_driver  # type: ignore[attr-defined,unused-ignore]

    connect_driver(driver, player)


def _active(session: Session) -> bool:
    """Running or paused: a session the controls still act on."""
    return session.state.name in ("RUNNING", "PAUSED")


class MainWindow(QMainWindow):
    """Picker → overview → session → finish, in one window."""

    sessionEnded = Signal(bool)
    pickerShown = Signal()

    def __init__(
        self,
        *,
        clock: Clock = system_clock,
        settings: AppSettings | None = None,
        history_factory: Callable[[], Any] | None = default_history,
        driver_factory: Callable[[Session, QObject], QObject] = default_driver,
        player_factory: Callable[[QObject], Any] | None = default_player,
    ) -> None:
        super().__init__()
        self.setWindowTitle("SpasmTimer")
        self.setObjectName("SpasmTimer")
        self.setAcceptDrops(True)
        self.clock = clock
        self.settings = settings or AppSettings()
        self._history_factory = history_factory
        self._history: Any = None
        self._history_tried = False
        self._driver_factory = driver_factory
        self._player_factory = player_factory
        self.player: Any = None
        self._player_tried = False
        self.driver: QObject | None = None
        self.session: Session | None = None
        self.recorder: Any = None
        self.muted = self.settings.muted()
        self._levels_memory: dict[tuple[str, str], int] = {}
        self.theme: Theme = system_theme(ask_style_hints=False)
        self._picker_painted = False
        self._catching_keys = False
        self.guidance: GuidanceHub | None = None
        self.guidance_factory: Callable[[], GuidanceHub] | None = None
        self._menus_installed = False
        self.history_window: HistoryWindow | None = None
        self._notices_shown: set[str] = set()
        # A session started from the overview asks about the pain before and after;
        # one started with ``spasmtimer start`` asks nothing.
        self._pending: tuple[Routine, dict[int, int]] | None = None
        self._ask_pain_after = False
        self._pain_before: int | None = None

        self.stack = QStackedWidget()
        self.picker = PickerView()
        self.stack.addWidget(self.picker)
        self._overview: OverviewView | None = None
        self._pain_view: PainBeforeView | None = None
        self._session_view: SessionView | None = None
        self._finish: FinishView | None = None
        self.setCentralWidget(self.stack)

        self.picker.routineChosen.connect(self._on_picker_routineChosen)
        self.picker.openFileRequested.connect(self.open_routine_file)
        self.picker.helpRequested.connect(self.show_help)
        self.picker.historyRequested.connect(self.show_history)
        self.picker.painted.connect(self._on_picker_painted)

        self.apply_theme(self.theme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.styleHints().colorSchemeChanged.connect(self._on_styleHints_colorSchemeChanged)
        self.reload_library(self.settings.last_routine())
        self._restore_geometry()

    # -- screens (all but the picker made when first needed) -------------------

    @property
    def overview(self) -> OverviewView:
        if self._overview is None:
            from spasmtimer.ui.overview import OverviewView

            view = OverviewView(can_print=self._can_print())
            view.startRequested.connect(self._on_overview_startRequested)
            view.backRequested.connect(self.show_picker)
            view.levelChanged.connect(self._on_overview_levelChanged)
            view.printRequested.connect(self.print_handout)
            self.stack.addWidget(view)
            self._overview = view
        return self._overview

    @property
    def pain_view(self) -> PainBeforeView:
        if self._pain_view is None:
            from spasmtimer.ui.pain_view import PainBeforeView

            view = PainBeforeView()
            view.rated.connect(self._on_pain_view_rated)
            view.skipped.connect(self._on_pain_view_skipped)
            view.backRequested.connect(self._on_pain_view_backRequested)
            self.stack.addWidget(view)
            self._pain_view = view
        return self._pain_view

    @property
    def session_view(self) -> SessionView:
        if self._session_view is None:
            from spasmtimer.ui.session_view import SessionView

            view = SessionView()
            view.controlRequested.connect(self.trigger)
            view.apply_theme(self.theme)
            view.set_muted(self.muted)
            view.set_full_screen(self.isFullScreen())
            self.stack.addWidget(view)
            self._session_view = view
        return self._session_view

    @property
    def finish(self) -> FinishView:
        if self._finish is None:
            from spasmtimer.ui.finish_view import FinishView

            view = FinishView()
            view.backRequested.connect(self.show_picker)
            view.painRated.connect(self._on_finish_painRated)
            view.historyRequested.connect(self.show_history)
            self.stack.addWidget(view)
            self._finish = view
        return self._finish

    def screen_now(self) -> Screen:
        current = self.stack.currentWidget()
        if current is None or current is self.picker:
            return Screen.PICKER
        if current is self._overview:
            return Screen.OVERVIEW
        if current is self._pain_view:
            return Screen.PAIN
        if current is self._session_view:
            return Screen.SESSION
        if current is self._finish:
            return Screen.FINISH
        return Screen.PICKER

    def _show(self, view: QWidget) -> None:
        self._catch_keys()
        self.stack.setCurrentWidget(view)
        view.setFocus()

    def show_picker(self) -> None:
        self._end_session_objects()
        self._pending = None
        self._show(self.picker)
        self._refresh_done_today()
        self._show_history_notice()

    def reload_library(self, select_key: str | None = None) -> None:
        self.picker.set_library(library_mod.load(), select_key)

    def show_overview(self, routine: Routine) -> None:
        hub = self.ensure_guidance(make_default=False)
        if hub is not None:  # leave out what the user chose to skip
            routine = hub.prepare_routine(routine)
        self.overview.set_routine(routine, self.levels_for(routine))
        self._show(self.overview)

    # -- history (loaded lazily) ---------------------------------------------

    @property
    def history(self) -> Any:
        if not self._history_tried:
            self._history_tried = True
            if self._history_factory is not None:
                try:
                    self._history = self._history_factory()
                except Exception:
                    log.exception("history unavailable")
        return self._history

    def levels_for(self, routine: Routine) -> dict[int, int]:
        store = self.history
        if store is not None:
            by_name: dict[str, int] = store.levels_for(routine.name)
        else:
            by_name = {ex: lv for (r, ex), lv in self._levels_memory.items() if r == routine.name}
        return library_mod.levels_by_index(routine, by_name)

    def _on_overview_levelChanged(self, index: int, level: int) -> None:
        routine = self.overview.routine
        if routine is None:
            return
        name = routine.exercises[index].name
        self._levels_memory[(routine.name, name)] = level
        store = self.history
        if store is not None:
            store.save_level(routine.name, name, level)

    def _refresh_done_today(self) -> None:
        store = self.history
        if store is None:
            return
        counts, streaks = {}, {}
        for entry in self.picker.library.entries:
            routine = entry.routine
            try:
                counts[routine.name] = int(store.done_today(routine.name))
                streaks[routine.name] = int(store.streak(routine.name, routine.sessions_per_day))
            except Exception:
                log.exception("history: done_today failed")
                return
        self.picker.set_done_today(counts, streaks)

    def _show_history_notice(self) -> None:
        """Tell the user, once, what went wrong with the history file (on the picker)."""
        store = self._history if self._history_tried else None
        notice = getattr(store, "notice", None)
        if isinstance(notice, str) and notice and notice not in self._notices_shown:
            self._notices_shown.add(notice)
            self.picker.show_banner(notice)

    def show_history(self) -> None:
        """The history window (Y, the History button or the File menu)."""
        from spasmtimer.ui.dialogs import Dialogs

        store = self.history
        if store is None:
            Dialogs.inform(
                self, "History unavailable", "Your history cannot be opened on this computer."
            )
            return
        from spasmtimer.ui.history_window import open_history_window

        self.history_window = open_history_window(self, store)

    def _after_first_paint(self) -> None:
        """What can wait until the picker is on screen."""
        from spasmtimer.ui.app import app_icon

        self.setWindowIcon(app_icon())
        self.picker.finish_setup()
        self._on_styleHints_colorSchemeChanged()  # now ask the desktop for its scheme
        self._refresh_done_today()
        self._show_history_notice()
        # Build the other screens now, while the user reads the list.
        QTimer.singleShot(0, self, self._warm_up)  # cancelled if the window goes

    def _warm_up(self) -> None:
        for name in ("overview", "session_view", "finish"):
            getattr(self, name)
        import spasmtimer.core.session  # noqa: F401 - loaded before the first Start

    # -- picker ---------------------------------------------------------------

    def _on_picker_routineChosen(self, entry: library_mod.RoutineEntry) -> None:
        self.settings.set_last_routine(entry.key)
        self.show_overview(entry.routine)

    def open_routine_file(self) -> None:
        from spasmtimer.ui.dialogs import Dialogs

        start = Path.home()
        path = Dialogs.choose_routine_file(self, start)
        if path is not None:
            self.add_routine_file(path)

    def add_routine_file(self, path: Path) -> bool:
        """Validate and copy ``path`` into the user's routines, then list it."""
        from spasmtimer.ui.dialogs import Dialogs
        from spasmtimer.ui.routine_import import Outcome, import_routine

        result = import_routine(path, lambda name: Dialogs.resolve_conflict(self, name))
        if result.outcome is Outcome.REFUSED:
            Dialogs.inform(
                self,
                "This routine file cannot be used",
                "\n".join(result.messages),
            )
            return False
        if result.outcome is Outcome.CANCELLED or result.path is None:
            return False
        self.reload_library(str(result.path))
        self._show(self.picker)
        self._refresh_done_today()
        return True

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if any(
            u.isLocalFile() and u.toLocalFile().lower().endswith(ROUTINE_SUFFIXES) for u in urls
        ):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        from spasmtimer.ui.dialogs import Dialogs

        paths = [
            Path(u.toLocalFile())
            for u in event.mimeData().urls()
            if u.isLocalFile() and u.toLocalFile().lower().endswith(ROUTINE_SUFFIXES)
        ]
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        if self.screen_now() is Screen.SESSION:
            Dialogs.inform(self, "Busy", "Finish or stop the session before adding routines.")
            return
        for path in paths:
            self.add_routine_file(path)

    # -- overview -------------------------------------------------------------

    def _can_print(self) -> bool:
        try:
            return importlib.util.find_spec("spasmtimer.handout") is not None
        except (ImportError, ValueError):
            return False

    def print_handout(self) -> None:
        """Ask where, write the routine's PDF handout, and say how it went."""
        from spasmtimer.ui.dialogs import Dialogs

        routine = self.overview.routine
        if routine is None or not self._can_print():
            return
        stem = routine.path.stem if routine.path else "routine"
        target = Dialogs.choose_pdf_path(self, Path.home() / f"{stem}.pdf")
        if target is None:
            return
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        from spasmtimer.handout import HandoutError, write_handout

        try:
            pages = write_handout(routine, target)
        except HandoutError as exc:
            Dialogs.inform(self, "Could not write the handout", f"{exc}.")
            return
        except Exception as exc:  # a bug, but the user still deserves a sentence
            log.exception("handout failed")
            Dialogs.inform(self, "Could not write the handout", f"{target}: {exc}")
            return
        pages_text = f"{pages} page{'s' if pages != 1 else ''}"
        Dialogs.inform(self, "Handout written", f"The handout ({pages_text}) is in {target}")

    def _on_overview_startRequested(self) -> None:
        """Start: first "How bad is the pain right now?" (one tap), then the session."""
        routine = self.overview.routine
        if routine is None:
            return
        levels = dict(self.overview.levels)
        if self.history is None:  # nowhere to keep a rating: do not ask for one
            self.start_session(routine, levels)
            return
        self._pending = (routine, levels)
        self.pain_view.set_routine_name(routine.name)
        self._show(self.pain_view)

    def _start_pending(self, pain_before: int | None) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            routine, levels = pending
            self.start_session(routine, levels, pain_before=pain_before, ask_pain=True)

    def _on_pain_view_rated(self, value: int) -> None:
        self._start_pending(value)

    def _on_pain_view_skipped(self) -> None:
        self._start_pending(None)

    def _on_pain_view_backRequested(self) -> None:
        self._pending = None
        self._show(self.overview)

    def rate_pain(self, value: int) -> None:
        """A pain rating typed on the keyboard (the pain question or the finish screen)."""
        screen = self.screen_now()
        if screen is Screen.PAIN:
            self._start_pending(value)
        elif screen is Screen.FINISH and self.finish.asking_pain:
            self.finish.rate_pain(value)

    def _on_finish_painRated(self, value: int) -> None:
        if self.recorder is not None:
            try:
                self.recorder.set_pain_after(value)
            except Exception:
                log.exception("history: cannot save the pain after")

    # -- session --------------------------------------------------------------

    def start_session(
        self,
        routine: Routine,
        levels: dict[int, int] | None = None,
        *,
        pain_before: int | None = None,
        ask_pain: bool = False,
    ) -> None:
        """Open the session view and start at once.

        No questions asked unless ``ask_pain`` (a start from the overview): then
        the finish screen asks how the pain is after.
        """
        from spasmtimer.core.plan import make_plan
        from spasmtimer.core.session import Session

        self._end_session_objects()
        if levels is None:
            levels = self.levels_for(routine)
        session = Session(make_plan(routine, levels), self.clock, count_style=self._count_style())
        self.session = session
        store = self.history
        if store is not None:
            try:
                from spasmtimer.core.recorder import SessionRecorder

                self.recorder = SessionRecorder.attach(store, session)
                if pain_before is not None:
                    self.recorder.set_pain_before(pain_before)
            except Exception:
                log.exception("history: cannot record this session")
        driver = self._driver_factory(session, self)
        self.driver = driver
        for name, slot in (
            ("finished", self._on_driver_finished),
            ("stopped", self._on_driver_stopped),
        ):
            signal = getattr(driver, name, None)
            if signal is not None:
                signal.connect(slot)
        self._ask_pain_after = ask_pain
        self._pain_before = pain_before
        self._attach_player(driver)
        self.session_view.set_driver(driver)
        self._show(self.session_view)
        self._start_when_sound_ready(driver)
        self.session_view.refresh()

    def _start_when_sound_ready(self, driver: QObject) -> None:
        """Start now, or once the sound clips have loaded (at most a second).

        Started while the clips still load, the first words would come 50 to
        100 ms late; a second's wait on the GET READY screen costs nothing.
        """
        is_ready = getattr(self.player, "is_ready", None)
        ready_signal = getattr(self.player, "readyChanged", None)
        if not callable(is_ready) or is_ready() or ready_signal is None:
            self.control("start")
            return
        started = False

        def start(*_args: object) -> None:
            nonlocal started
            if started or self.driver is not driver:
                return
            started = True
            ready_signal.disconnect(start)
            self.control("start")
            self.session_view.refresh()

        ready_signal.connect(start)
        QTimer.singleShot(SOUND_READY_WAIT_MS, start)

    def _count_style(self) -> Any:
        from spasmtimer.audio.settings import load_audio_settings

        return load_audio_settings().count_style

    def show_sound_settings(self) -> None:
        """The Sound dialog: changes apply at once and are remembered."""
        from spasmtimer.audio.settings import load_audio_settings, save_audio_settings
        from spasmtimer.ui.sound_settings import SoundSettingsDialog

        dialog = SoundSettingsDialog(load_audio_settings(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def apply(settings: Any) -> None:
            save_audio_settings(settings)
            if self.player is not None and hasattr(self.player, "apply"):
                self.player.apply(settings)
            if settings.muted != self.muted:
                self.toggle_mute()

        dialog.settingsChanged.connect(apply)
        self.sound_dialog = dialog
        dialog.show()

    def _attach_player(self, driver: QObject) -> None:
        if not self._player_tried:
            self._player_tried = True
            if self._player_factory is not None:
                try:
                    self.player = self._player_factory(self)
                except Exception:
                    log.exception("sound unavailable")
                    self.player = None
                signal = getattr(self.player, "problemChanged", None)
                if signal is not None and hasattr(signal, "connect"):
                    signal.connect(self._on_player_problemChanged)
        notice = None
        if self.player is None:
            notice = SOUND_UNAVAILABLE if self._player_factory is not None else None
        else:
            try:
                connect_player(driver, self.player)
                self.player.set_muted(self.muted)
            except Exception:
                log.exception("sound unavailable")
                notice = SOUND_UNAVAILABLE
            problem = getattr(self.player, "problem", None)
            if isinstance(problem, str) and problem:
                notice = problem
        self.session_view.set_audio_notice(notice)

    def _on_player_problemChanged(self, problem: object = "") -> None:
        """The sound stopped (or came back) during a session."""
        self.session_view.set_audio_notice(str(problem) if problem else None)

    def control(self, name: str, *args: int) -> Any:
        """A session control, through the driver so its timer is re-armed."""
        target = self.driver if hasattr(self.driver, name) else self.session
        if target is None:
            return None
        return getattr(target, name)(*args)

    def _end_session_objects(self) -> None:
        session = self.session
        if session is not None and _active(session):
            self.control("stop")
        if self._session_view is not None:
            self._session_view.set_driver(None)
        driver = self.driver
        self.driver = None
        self.session = None
        self.recorder = None
        if driver is not None:
            for name in ("set_session", "stop_timer"):
                method = getattr(driver, name, None)
                if callable(method):
                    if name == "set_session":
                        method(None)
                    else:
                        method()
            driver.deleteLater()

    def _on_driver_finished(self, *args: object) -> None:
        self._show_finish(completed=True)

    def _on_driver_stopped(self, *args: object) -> None:
        self._show_finish(completed=False)

    def _show_finish(self, completed: bool) -> None:
        session = self.session
        if session is None:
            return
        routine = session.plan.routine
        self.finish.show_summary(routine.name, session.summary())
        done, streak = None, 0
        store = self.history
        if store is not None:
            try:
                done = int(store.done_today(routine.name))
                streak = int(store.streak(routine.name, routine.sessions_per_day))
            except Exception:
                log.exception("history: done_today failed")
        self.finish.set_done_today(done, routine.sessions_per_day, streak)
        self.finish.ask_pain(self._ask_pain_after and self.recorder is not None, self._pain_before)
        self._show(self.finish)
        self.sessionEnded.emit(completed)

    def confirm_stop(self) -> None:
        from spasmtimer.ui.dialogs import Dialogs

        session = self.session
        if session is None or not _active(session):
            return
        was_running = session.state.name == "RUNNING"
        if was_running:
            self.control("pause")
        if Dialogs.ask(
            self, "Stop the session?", "Stop this session now? It will count as stopped."
        ):
            self.control("stop")
        elif was_running and session.state.name == "PAUSED":
            self.control("resume")

    # -- actions --------------------------------------------------------------

    def trigger(self, action: Action) -> None:
        """Do ``action`` on the current screen (from a key or a button)."""
        screen = self.screen_now()
        session = self.session
        if action is Action.HELP:
            self.show_help()
        elif action is Action.FULL_SCREEN:
            self.toggle_full_screen()
        elif action is Action.MUTE:
            self.toggle_mute()
        elif action is Action.QUIT:
            self.quit_app()
        elif action in (Action.UP, Action.DOWN):
            self._move_selection(screen, -1 if action is Action.UP else 1)
        elif action is Action.CHOOSE:
            self.picker.choose_current()
        elif action is Action.OPEN_FILE:
            self.open_routine_file()
        elif action is Action.BACK_TO_PICKER:
            if screen is Screen.PAIN:
                self._on_pain_view_backRequested()
            else:
                self.show_picker()
        elif action is Action.START:
            self._on_overview_startRequested()
        elif action is Action.PRINT:
            self.print_handout()
        elif action in (Action.LEVEL_UP, Action.LEVEL_DOWN):
            delta = 1 if action is Action.LEVEL_UP else -1
            if screen is Screen.OVERVIEW:
                self.overview.change_level(delta)
            elif session is not None and _active(session):
                self.control("change_level", session.step.exercise_index, delta)
                self.session_view.refresh()
        elif action is Action.STOP:
            self.confirm_stop()
        elif action is Action.HURTS:
            self.this_hurts()
        elif action is Action.HISTORY:
            self.show_history()
        elif action is Action.SKIP_RATING:
            if screen is Screen.PAIN:
                self._start_pending(None)
            elif screen is Screen.FINISH:
                self.finish.skip_pain()
        elif session is not None and _active(session):
            self._session_control(session, action)

    def this_hurts(self) -> None:
        """H or the button: pause first, then the guidance asks, advises and records."""
        session = self.session
        if session is None or not _active(session):
            return
        if session.state.name == "RUNNING":
            self.control("pause")
        self.session_view.refresh()
        hub = self.ensure_guidance()
        assert hub is not None
        report = hub.this_hurts()
        if report is not None and self.session is session and session.state.name == "PAUSED":
            self.session_view.set_pause_note(HURTS_NOTE)

    def quit_app(self) -> None:
        """Ctrl+Q: close, and quit even when the tray would keep the app running."""
        self.close()
        app = QApplication.instance()
        if isinstance(app, QApplication) and not app.quitOnLastWindowClosed():
            app.quit()

    def _move_selection(self, screen: Screen, delta: int) -> None:
        """Up or down a row, whatever has the keyboard focus (the window may have none)."""
        if screen is Screen.PICKER:
            rows, row = self.picker.list.count(), self.picker.list.currentRow()
            if rows:
                self.picker.list.setCurrentRow(max(0, min(rows - 1, row + delta)))
                self.picker.list.setFocus()
        elif screen is Screen.OVERVIEW:
            table = self.overview.table
            rows, row = table.rowCount(), table.currentRow()
            if rows:
                table.setCurrentCell(max(0, min(rows - 1, row + delta)), 0)
                table.setFocus()

    def _session_control(self, session: Session, action: Action) -> None:
        if action is Action.PAUSE:
            self.control("resume" if session.state.name == "PAUSED" else "pause")
        elif action is Action.SKIP:
            self.control("skip")
        elif action is Action.BACK:
            self.control("back")
        elif action is Action.NEXT_EXERCISE:
            self.control("next_exercise")
        elif action is Action.PREVIOUS_EXERCISE:
            self.control("previous_exercise")
        self.session_view.refresh()

    def show_help(self) -> None:
        from spasmtimer.ui.shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        self._help = dialog
        dialog.open()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        if self._session_view is not None:
            self._session_view.set_full_screen(self.isFullScreen())

    def toggle_mute(self) -> None:
        self.muted = not self.muted
        self.settings.set_muted(self.muted)
        if self.player is not None:
            try:
                self.player.set_muted(self.muted)
            except Exception:
                log.exception("mute failed")
        if self._session_view is not None:
            self._session_view.set_muted(self.muted)

    # -- keys -----------------------------------------------------------------

    def _on_picker_painted(self) -> None:
        if self._picker_painted:
            return
        self._picker_painted = True
        self._catch_keys()
        QTimer.singleShot(0, self, self.pickerShown.emit)
        QTimer.singleShot(50, self, self._after_first_paint)

    def _catch_keys(self) -> None:
        """Handle keys from now on (not before the first paint: nothing to press yet)."""
        if not self._catching_keys:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                app.installEventFilter(self)
                self._catching_keys = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        if watched.window() is not self or QApplication.activeModalWidget() is not None:
            return False
        assert isinstance(event, QKeyEvent)
        action = action_for(self.screen_now(), event.key(), event.modifiers())
        if action is None:
            return False
        if event.isAutoRepeat() and action not in (Action.LEVEL_UP, Action.LEVEL_DOWN):
            return True  # a held key must not pause and resume ten times
        if action is Action.RATE:
            value = pain_for_key(event.key())
            if value is not None:
                self.rate_pain(value)
            return True
        self.trigger(action)
        return True

    # -- menus and guidance ----------------------------------------------------

    def set_guidance(self, hub: GuidanceHub) -> None:
        """Attach the guidance features (and the menu bar, if not built yet)."""
        self.guidance = hub
        self.install_menus()

    def ensure_guidance(self, make_default: bool = True) -> GuidanceHub | None:
        """The hub, made now from :attr:`guidance_factory` if it is not there yet.

        Without a factory, ``make_default`` makes a plain one (no tray): a
        window made without the app's set-up still answers H.
        """
        if self.guidance is None:
            if self.guidance_factory is not None:
                self.guidance = self.guidance_factory()
            elif make_default:
                from spasmtimer.ui.guidance_hub import GuidanceHub

                self.guidance = GuidanceHub(self, use_system_tray=False)
        return self.guidance

    def install_menus(self) -> None:
        """File, Care and Help; the guidance entries make the hub on first use."""
        if self._menus_installed:
            return
        self._menus_installed = True
        from spasmtimer.ui.menus import GUIDANCE_MENUS, HELP_EXTRAS, WINDOW_MENUS, add_menu

        bar = self.menuBar()
        for title, entries in WINDOW_MENUS:
            self._fill_menu(add_menu(bar, title), entries, self)
        for title, entries in GUIDANCE_MENUS:
            menu = add_menu(bar, title)
            self._fill_menu(menu, entries, None)
            if title == "&Help":
                menu.addSeparator()
                self._fill_menu(menu, HELP_EXTRAS, self)

    def _fill_menu(
        self, menu: QMenu, entries: tuple[tuple[str, str], ...], target: object | None
    ) -> None:
        for text, method in entries:
            if not text:
                menu.addSeparator()
            elif target is not None:
                menu.addAction(text, getattr(target, method))
            else:
                menu.addAction(text).setData(method)
        if target is None:
            # Bound methods only: a lambda or partial here would tie the window in
            # a reference cycle, and the garbage collector would free it (and the
            # hub's parentless tray menu) at a random moment, even mid-paint.
            menu.triggered.connect(self._on_guidance_menu_triggered)

    def _on_guidance_menu_triggered(self, action: QAction) -> None:
        method = action.data()
        hub = self.ensure_guidance()
        if hub is not None and isinstance(method, str) and method:
            getattr(hub, method)()

    # -- looks and geometry ---------------------------------------------------

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setPalette(palette_for(theme))
        self.setStyleSheet(stylesheet_for(theme))
        self.picker.apply_theme(theme)
        if self._session_view is not None:
            self._session_view.apply_theme(theme)

    def _on_styleHints_colorSchemeChanged(self, *args: object) -> None:
        theme = system_theme()
        if theme != self.theme:
            self.apply_theme(theme)

    def _restore_geometry(self) -> None:
        data = self.settings.geometry()
        if data is None or not self.restoreGeometry(data):
            screen = QGuiApplication.primaryScreen()
            avail = screen.availableGeometry() if screen is not None else None
            if avail is not None and avail.width() > 0:
                w = min(1280, round(avail.width() * 0.9))
                h = min(800, round(avail.height() * 0.9))
                self.resize(max(640, w), max(480, h))
            else:
                self.resize(1280, 800)
        self.setMinimumSize(640, 480)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.isFullScreen():
            self.showNormal()
        self.settings.set_geometry(self.saveGeometry())
        self.settings.sync()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.removeEventFilter(self)
            self._catching_keys = False
        self._end_session_objects()
        super().closeEvent(event)
