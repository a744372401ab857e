"""The main window: the composition root of the services and the features.

It makes the services the screens share (:mod:`spasmtimer.services`), the
:class:`~spasmtimer.ui.navigator.Navigator` that owns the stack of screens,
the :class:`~spasmtimer.ui.intents.Intents` every key, menu entry and button
goes through, and one controller per feature (Today, the routines, the
editor, the session, the history, the guidance), then wires what one
feature asks for to the feature that does it. The first paint is Today with
its plan; the rest is made when first needed, or just after that paint.

Signals:
    sessionEnded(bool): a session finished (True) or was stopped (False).
    pickerShown(): the first screen (Today) was painted for the first time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget

from spasmtimer.core.clock import Clock, system_clock
from spasmtimer.core.routines.library import Shelf
from spasmtimer.services.day import DayService
from spasmtimer.services.deferred import call_later
from spasmtimer.services.history import HistoryAccess, HistoryFactory, open_default_history
from spasmtimer.services.session import (
    DriverFactory,
    PlayerFactory,
    SessionController,
    default_driver,
    default_player,
)
from spasmtimer.services.settings import Settings
from spasmtimer.ui import window_looks
from spasmtimer.ui.guidance.hosting import GuidanceFeature
from spasmtimer.ui.history.feature import HistoryFeature
from spasmtimer.ui.history.saving import SaveWatcher
from spasmtimer.ui.intents import Intent, Intents, Screen
from spasmtimer.ui.key_catcher import KeyCatcher
from spasmtimer.ui.menus import fill_menu_bar
from spasmtimer.ui.navigator import Navigator
from spasmtimer.ui.notice_bar import NoticeBar, with_notice_bar
from spasmtimer.ui.routines.editing import EditorFeature
from spasmtimer.ui.routines.feature import RoutinesFeature
from spasmtimer.ui.session.feature import SessionFeature
from spasmtimer.ui.theme import Looks, Theme, Themed, system_theme
from spasmtimer.ui.today.feature import TodayFeature

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QShowEvent

    from spasmtimer.core.history.store import HistoryStore


class MainWindow(QMainWindow):
    """Today → routines → overview → session → finish, in one window."""

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
        wall_clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__()
        self.setWindowTitle("SpasmTimer")
        self.setObjectName("SpasmTimer")
        self.theme: Theme = system_theme(ask_style_hints=False)
        self._first_painted = False
        self.settings = s = settings or Settings()
        self.history = h = HistoryAccess(history_factory)
        self.controller = c = SessionController(
            settings=s, history=h, clock=clock, driver_factory=driver_factory,
            player_factory=player_factory, parent=self,
        )  # fmt: skip
        self.shelf = Shelf()  # the routines on offer
        self.day = DayService(s, clock=wall_clock, routines=self.shelf, history=h, parent=self)
        self.stack = QStackedWidget()
        # Over every screen: what went wrong with the user's files, in plain words.
        self.notice_bar = NoticeBar()
        self.setCentralWidget(with_notice_bar(self.notice_bar, self.stack))
        self.saving = SaveWatcher(h, self)
        h.when_opened(self._on_history_opened)
        self.nav = nav = Navigator(self.stack)
        self.intents = i = Intents(nav.current)
        self.keys = KeyCatcher(self, i)  # from the first paint on
        theme = self.looks = Looks(self.theme)
        self.care = GuidanceFeature(self, i, c, self.shelf, h, s, self.day)
        self.today = TodayFeature(self, nav, i, self.day, self.shelf, h, s, theme)
        self.routines = RoutinesFeature(self, nav, i, self.shelf, h, s, theme)
        self.editing = EditorFeature(self, nav, i, c, self.routines, theme)
        self.session = SessionFeature(self, nav, i, c, h, s, self.care.this_hurts, theme)
        self.history_feature = HistoryFeature(self, i, h)
        self._wire()
        fill_menu_bar(self.menuBar(), i)
        window_looks.apply_theme(self, self.theme)
        window_looks.follow_colour_scheme(self)
        self.routines.reload_library(s.last_routine())
        self.today.open(self._on_first_paint)
        window_looks.restore_geometry(self, s)

    def _wire(self) -> None:
        """What one feature asks for, done by another."""
        for intent, slot in (
            (Intent.HELP, self.show_help),
            (Intent.QUIT, self.quit_app),
            (Intent.FULL_SCREEN, self.toggle_full_screen),
        ):
            self.intents.on(intent, slot)
        self.nav.aboutToShow.connect(self.keys.start)
        self.today.overviewRequested.connect(self.routines.show_overview)
        self.today.iceHeatRequested.connect(self.care.show_ice_heat)
        self.care.overviewRequested.connect(self.routines.show_overview)
        self.care.showWindowRequested.connect(self.show_window)
        self.care.quitRequested.connect(self.quit_app)
        self.routines.startRequested.connect(self.session.start_from_overview)
        self.session.sessionEnded.connect(self.sessionEnded)
        self.pickerShown.connect(self.care.first_screen_shown)
        self.saving.problemChanged.connect(self.notice_bar.set_problem)
        self.saving.problemChanged.connect(self.session.refresh_saved)

    # -- the first paint ------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        self.today.plan_first_day()  # before the first paint, once
        super().showEvent(event)

    def _on_first_paint(self) -> None:
        if self._first_painted:
            return
        self._first_painted = True
        self.keys.start()
        call_later(self, 0, self.pickerShown.emit)
        call_later(self, 50, self._after_first_paint)

    def _after_first_paint(self) -> None:
        """What can wait until the first screen (Today) is on screen."""
        from spasmtimer.ui.icon import app_icon

        self.setWindowIcon(app_icon())
        self.notice_bar.show_notice(self.history.notice())
        self.notice_bar.show_notice(self.settings.problem())
        self.routines.after_first_paint()
        self._on_styleHints_colorSchemeChanged()  # now ask the desktop for its scheme
        call_later(self, 0, self.warm_up)  # cancelled if the window goes

    def warm_up(self) -> None:
        """Build the other screens now, before the first Start."""
        for screen in (Screen.PICKER, Screen.OVERVIEW, Screen.SESSION, Screen.FINISH):
            self.nav.view(screen)
        import spasmtimer.core.session.machine  # noqa: F401 - loaded before the first Start

    # -- what the window itself does --------------------------------------------

    def _on_history_opened(self, store: HistoryStore) -> None:
        self.notice_bar.show_notice(store.notice or "")

    def show_help(self) -> None:
        from spasmtimer.ui.shortcuts_dialog import ShortcutsDialog

        self._help = ShortcutsDialog(self)
        self._help.open()

    def quit_app(self) -> None:
        """Ctrl+Q: close, and quit even when the tray would keep the app running."""
        self.close()
        app = QApplication.instance()
        if isinstance(app, QApplication) and not app.quitOnLastWindowClosed():
            app.quit()

    def toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()
        self.session.set_full_screen(self.isFullScreen())

    def show_window(self) -> None:
        self.keys.start()  # closeEvent removed the key filter; put it back
        self.showNormal()
        self.raise_()
        self.activateWindow()

    # -- looks and closing ------------------------------------------------------

    def apply_theme(self, theme: Theme) -> None:
        self.theme = self.looks.theme = theme
        window_looks.apply_theme(self, theme)
        for view in self.nav.views():  # the others are made with the theme of the moment
            if isinstance(view, Themed):
                view.apply_theme(theme)

    def _on_styleHints_colorSchemeChanged(self, *args: object) -> None:
        if (theme := system_theme()) != self.theme:
            self.apply_theme(theme)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.editing.may_close():  # unsaved changes kept open
            event.ignore()
            return
        if self.isFullScreen():
            self.showNormal()
        self.settings.set_geometry(self.saveGeometry())
        self.settings.sync()
        self.keys.stop()
        self.controller.end()
        super().closeEvent(event)
