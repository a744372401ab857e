"""The main window: it switches screens, holds the menus and turns keys into intents.

Today → picker → overview → pain question → session → finish, in one
stacked widget. The running session is the :class:`SessionController`'s
(:attr:`MainWindow.controller`); the window forwards the user's intents to it
and shows the session screen when it starts and the finish screen when it
ends. Keys are handled in one place, :meth:`MainWindow.eventFilter`, from the
table in :mod:`spasmtimer.ui.shortcuts`, whatever widget has the focus.

The first paint is Today with its plan (:class:`TodayHosting`); the picker
and the other screens are made when first shown, or just after that paint
(:meth:`Screens.warm_up`), and so are the slow or optional pieces (sound,
the guidance). The guidance (safety screen, "This hurts", ice and heat,
reminders) is a :class:`~spasmtimer.ui.guidance.hub.GuidanceHub` made on
first use (:meth:`MainWindow.ensure_guidance`).

Signals:
    sessionEnded(bool): a session finished (True) or was stopped (False).
    pickerShown(): the first screen (Today) was painted for the first time.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QWidget

from spasmtimer.core.clock import Clock, system_clock
from spasmtimer.core.routines.library import Shelf
from spasmtimer.core.routines.routine import Routine
from spasmtimer.settings import Settings
from spasmtimer.ui import window_looks
from spasmtimer.ui.deferred import call_later
from spasmtimer.ui.guidance.hosting import GuidanceHosting
from spasmtimer.ui.history.access import HistoryAccess, HistoryFactory, open_default_history
from spasmtimer.ui.menus import GUIDANCE_COMMANDS, Command, fill_menu_bar
from spasmtimer.ui.routines.editor_host import EditorHosting
from spasmtimer.ui.routines.progression_host import ProgressionHosting
from spasmtimer.ui.screens import Screens
from spasmtimer.ui.session.controller import (
    DriverFactory,
    PlayerFactory,
    SessionController,
    default_driver,
    default_player,
)
from spasmtimer.ui.theme import Theme, system_theme
from spasmtimer.ui.today.host import TodayHosting

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent

    from spasmtimer.core.routines.library import RoutineEntry
    from spasmtimer.ui.history.window import HistoryWindow
    from spasmtimer.ui.routines.picker import PickerView
    from spasmtimer.ui.shortcuts import Action


class MainWindow(
    QMainWindow, Screens, TodayHosting, ProgressionHosting, GuidanceHosting, EditorHosting
):
    """Picker → overview → session → finish, in one window."""

    sessionEnded = Signal(bool)
    pickerShown = Signal()

    def __init__(
        self,
        *,
        clock: Clock = system_clock,
        settings: Settings | None = None,
        history_factory: HistoryFactory | None = open_default_history,
        driver_factory: DriverFactory = default_driver,
        player_factory: PlayerFactory | None = default_player,
    ) -> None:
        super().__init__()
        self.setWindowTitle("SpasmTimer")
        self.setObjectName("SpasmTimer")
        self.setAcceptDrops(True)
        self.settings = settings or Settings()
        self.history = HistoryAccess(history_factory)
        self.controller = SessionController(
            settings=self.settings,
            history=self.history,
            clock=clock,
            driver_factory=driver_factory,
            player_factory=player_factory,
            parent=self,
        )
        self.controller.started.connect(self._on_controller_started)
        self.controller.ended.connect(self._on_controller_ended)
        self.controller.mutedChanged.connect(self._on_controller_mutedChanged)
        self.controller.audioNoticeChanged.connect(self._on_controller_audioNoticeChanged)
        self.shelf = Shelf()
        self.theme: Theme = system_theme(ask_style_hints=False)
        self._picker_painted = False  # the first screen (Today) was painted
        self._picker: PickerView | None = None
        self._picker_select: str | None = None  # the routine to select when it is made
        self._catching_keys = False
        self.history_window: HistoryWindow | None = None
        self._notices_shown: set[str] = set()
        # A session started from the overview asks about the pain before and after;
        # one started with ``spasmtimer start`` asks nothing.
        self._pending: tuple[Routine, dict[int, int]] | None = None

        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.controller.ended.connect(self._on_controller_ended_try)
        for menu in fill_menu_bar(self.menuBar()):
            menu.triggered.connect(self._on_menu_triggered)

        window_looks.apply_theme(self, self.theme)
        window_looks.follow_colour_scheme(self)
        self.reload_library(self.settings.last_routine())
        self.open_on_today(self._on_picker_painted)
        window_looks.restore_geometry(self, self.settings)

    # -- screens --------------------------------------------------------------

    def _show(self, view: QWidget) -> None:
        self._catch_keys()
        self.stack.setCurrentWidget(view)
        view.setFocus()

    @property
    def picker(self) -> PickerView:
        """The routines (R from Today): made when first needed."""
        if self._picker is None:
            from spasmtimer.ui.routines.picker import PickerView

            picker = PickerView()
            self.stack.addWidget(picker)
            picker.routineChosen.connect(self._on_picker_routineChosen)
            picker.openFileRequested.connect(self.open_routine_file)
            picker.helpRequested.connect(self.show_help)
            picker.historyRequested.connect(self.show_history)
            picker.todayRequested.connect(self.show_today)
            self._picker = picker
            self.connect_editing()
            picker.apply_theme(self.theme)
            picker.set_library(self.shelf.view, self._picker_select)
            if self._picker_painted:
                picker.finish_setup()
                self._refresh_done_today()
                self._show_history_notice()
        return self._picker

    def show_picker(self) -> None:
        self._let_go_of_session()
        self._show(self.picker)
        self._refresh_done_today()
        self._show_history_notice()

    def reload_library(self, select_key: str | None = None) -> None:
        library = self.shelf.reload()
        if self._picker is None:
            self._picker_select = select_key
        else:
            self._picker.set_library(library, select_key)

    def show_overview(self, routine: Routine) -> None:
        from spasmtimer.core.guidance.safety import routine_without

        # Leave out what the user chose to skip after "This hurts".
        routine = routine_without(routine, self.settings.skipped_exercises(routine.name))
        self.overview.set_routine(routine, self.controller.levels_for(routine))
        self._show(self.overview)

    def _refresh_done_today(self) -> None:
        if self._picker is None or self.history.store is None:
            return  # the picker reads them when it is made
        routines = self.shelf.routines()
        self.picker.set_done_today(
            {r.name: self.history.done_today(r.name) for r in routines},
            {r.name: self.history.streak(r) for r in routines},
        )

    def _show_history_notice(self) -> None:
        """Tell the user, once, what went wrong with the history file (on the picker)."""
        notice = self.history.notice()
        if notice and notice not in self._notices_shown and self._picker is not None:
            self._notices_shown.add(notice)
            self.picker.show_banner(notice)

    def show_history(self) -> None:
        """The history window (Y, the History button or the File menu)."""
        from spasmtimer.ui.dialogs import Dialogs

        store = self.history.store
        if store is None:
            Dialogs.inform(
                self, "History unavailable", "Your history cannot be opened on this computer."
            )
            return
        from spasmtimer.ui.history.window import open_history_window

        self.history_window = open_history_window(self, store)

    def _after_first_paint(self) -> None:
        """What can wait until the first screen (Today) is on screen."""
        from spasmtimer.ui.icon import app_icon

        self.setWindowIcon(app_icon())
        if self._picker is not None:
            self._picker.finish_setup()
        self._on_styleHints_colorSchemeChanged()  # now ask the desktop for its scheme
        self._refresh_done_today()
        self._show_history_notice()
        call_later(self, 0, self.warm_up)  # cancelled if the window goes

    # -- the picker and the overview ------------------------------------------

    def _on_picker_routineChosen(self, entry: RoutineEntry) -> None:
        self.settings.set_last_routine(entry.key)
        self.show_overview(entry.routine)

    def open_routine_file(self) -> None:
        from spasmtimer.ui.dialogs import Dialogs

        if (path := Dialogs.choose_routine_file(self, Path.home())) is not None:
            self.import_routine_file(path)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        from spasmtimer.ui.routines.importing import routine_paths

        if routine_paths(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        from spasmtimer.ui.dialogs import Dialogs
        from spasmtimer.ui.routines.importing import routine_paths

        paths = routine_paths(event.mimeData().urls())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        from spasmtimer.ui.shortcuts import Screen

        if self.screen_now() is Screen.SESSION:
            Dialogs.inform(self, "Busy", "Finish or stop the session before adding routines.")
            return
        self.import_paths(paths)

    def print_handout(self) -> None:
        from spasmtimer.ui.routines.handout import print_handout

        if self.overview.routine is not None:
            print_handout(self, self.overview.routine)

    def _on_overview_levelChanged(self, index: int, level: int) -> None:
        if self.overview.routine is not None:
            self.controller.save_level(self.overview.routine, index, level)

    def start_from_overview(self) -> None:
        """Start: first "How bad is the pain right now?" (one tap), then the session."""
        routine = self.overview.routine
        if routine is None:
            return
        levels = dict(self.overview.levels)
        if self.history.store is None:  # nowhere to keep a rating: do not ask for one
            self.start_session(routine, levels)
            return
        self._pending = (routine, levels)
        self.pain_view.set_routine_name(routine.name)
        self._show(self.pain_view)

    def start_pending(self, pain_before: int | None) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            self.start_session(*pending, pain_before=pain_before, ask_pain=True)

    def back_to_overview(self) -> None:
        self._pending = None
        self._show(self.overview)

    # -- the session ----------------------------------------------------------

    def start_session(
        self,
        routine: Routine,
        levels: dict[int, int] | None = None,
        *,
        pain_before: int | None = None,
        ask_pain: bool = False,
    ) -> None:
        """Open the session view and start at once (``ask_pain``: ask after, too)."""
        self.controller.start(routine, levels, pain_before=pain_before, ask_pain=ask_pain)

    def _on_controller_started(self) -> None:
        self.session_view.set_driver(self.controller.driver)
        self._show(self.session_view)

    def _on_controller_ended(self, completed: bool) -> None:
        if self.controller.session is not None:
            self.finish.show_session(self.controller, self.history)
            self._show(self.finish)
            self.sessionEnded.emit(completed)

    def _on_controller_mutedChanged(self, muted: bool) -> None:
        if self._session_view is not None:
            self._session_view.set_muted(muted)

    def _on_controller_audioNoticeChanged(self, notice: str) -> None:
        self.session_view.set_audio_notice(notice or None)

    def show_sound_settings(self) -> None:
        """The Sound dialog: changes apply at once (to a running session too) and are kept."""
        from spasmtimer.ui.session.sound_settings import SoundSettingsDialog

        self.sound_dialog = SoundSettingsDialog.open_for(self, self.controller)

    # -- actions --------------------------------------------------------------

    def trigger(self, action: Action) -> None:
        """Do ``action`` on the current screen (from a key or a button)."""
        from spasmtimer.ui.actions import do_action

        do_action(self, action)

    def quit_app(self) -> None:
        """Ctrl+Q: close, and quit even when the tray would keep the app running."""
        self.close()
        app = QApplication.instance()
        if isinstance(app, QApplication) and not app.quitOnLastWindowClosed():
            app.quit()

    def show_help(self) -> None:
        from spasmtimer.ui.shortcuts_dialog import ShortcutsDialog

        self._help = ShortcutsDialog(self)
        self._help.open()

    def toggle_mute(self) -> None:
        self.controller.toggle_mute()

    def _on_menu_triggered(self, action: QAction) -> None:
        command = Command[str(action.data())]
        if command in GUIDANCE_COMMANDS:
            self.ensure_guidance().run(command)
            return
        {
            Command.TODAY: self.show_today,
            Command.ROUTINES: self.show_picker,
            Command.OPEN_FILE: self.open_routine_file,
            Command.NEW_ROUTINE: self.new_routine,
            Command.HISTORY: self.show_history,
            Command.SOUND: self.show_sound_settings,
            Command.QUIT: self.quit_app,
            Command.SHORTCUTS: self.show_help,
        }[command]()

    # -- keys -----------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        self.plan_first_day()  # before the first paint, once
        super().showEvent(event)

    def _on_picker_painted(self) -> None:
        if self._picker_painted:
            return
        self._picker_painted = True
        self._catch_keys()
        call_later(self, 0, self.pickerShown.emit)
        call_later(self, 50, self._after_first_paint)

    def _catch_keys(self) -> None:
        """Handle keys from now on (not before the first paint: nothing to press yet)."""
        app = QApplication.instance()
        if not self._catching_keys and isinstance(app, QApplication):
            app.installEventFilter(self)
            self._catching_keys = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        if watched.window() is not self or QApplication.activeModalWidget() is not None:
            return False
        assert isinstance(event, QKeyEvent)
        from spasmtimer.ui.actions import press_key

        return press_key(self, event)

    # -- looks and closing ------------------------------------------------------

    def as_widget(self) -> QWidget:
        return self

    def show_window(self) -> None:
        self._catching_keys = False  # closeEvent removed the key filter; put it back
        self._catch_keys()
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        window_looks.apply_theme(self, theme)
        if self._picker is not None:
            self._picker.apply_theme(theme)
        # The other screens are made with the theme of the moment.
        for view in (self._today_view, self._session_view, self.editor):
            if view is not None:
                view.apply_theme(theme)

    def _on_styleHints_colorSchemeChanged(self, *args: object) -> None:
        theme = system_theme()
        if theme != self.theme:
            self.apply_theme(theme)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.editor_may_close():  # unsaved changes kept open
            event.ignore()
            return
        if self.isFullScreen():
            self.showNormal()
        self.settings.set_geometry(self.saveGeometry())
        self.settings.sync()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.removeEventFilter(self)
            self._catching_keys = False
        self.controller.end()
        super().closeEvent(event)
