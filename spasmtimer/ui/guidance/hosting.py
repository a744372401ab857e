"""The main window's side of the guidance: making the hub on first use and answering it.

A mix-in of :class:`~spasmtimer.ui.main_window.MainWindow`. The hub is made
when first needed (a Care or Help menu entry, H, or the app's start once the
picker is on screen), so the ~50 ms of its imports never delay the picker.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QWidget

from spasmtimer.settings import Settings

if TYPE_CHECKING:
    from spasmtimer.core.routines.library import Shelf
    from spasmtimer.core.routines.routine import Routine
    from spasmtimer.ui.guidance.hub import GuidanceHub
    from spasmtimer.ui.history.access import HistoryAccess
    from spasmtimer.ui.session.controller import SessionController


class GuidanceHosting:
    """Makes and keeps the window's :class:`GuidanceHub`.

    ``guidance_tray``: None puts the reminders in the system tray where there
    is one (the app), False never (tests, ``spasmtimer start``).
    ``keep_running_in_tray``: with a tray icon, closing the window leaves the
    app and its reminders running.
    """

    settings: Settings
    shelf: Shelf
    history: HistoryAccess
    controller: SessionController
    guidance: GuidanceHub | None = None
    guidance_tray: bool | None = False
    keep_running_in_tray = False

    def as_widget(self) -> QWidget:
        """The window itself, as the hub's Qt parent."""
        raise NotImplementedError

    def show_overview(self, routine: Routine) -> None:
        raise NotImplementedError

    def quit_app(self) -> None:
        raise NotImplementedError

    def show_window(self) -> None:
        raise NotImplementedError

    def set_guidance(self, hub: GuidanceHub) -> None:
        self.guidance = hub

    def ensure_guidance(self) -> GuidanceHub:
        """The guidance hub, made now if it is not there yet."""
        if self.guidance is None:
            self.guidance = self.new_guidance_hub(use_system_tray=self.guidance_tray)
            if self.keep_running_in_tray and self.guidance.tray.tray is not None:
                app = QApplication.instance()
                if isinstance(app, QApplication):  # reminders go on with the window closed
                    app.setQuitOnLastWindowClosed(False)
        return self.guidance

    def new_guidance_hub(
        self,
        settings: Settings | None = None,
        *,
        clock: Callable[[], datetime] = datetime.now,
        use_system_tray: bool | None = False,
    ) -> GuidanceHub:
        """A guidance hub wired to this window (``settings``: the window's by default)."""
        from spasmtimer.ui.guidance.hub import GuidanceHub

        hub = GuidanceHub(
            self.as_widget(), self.controller, self.shelf, self.history,
            settings or self.settings, clock, use_system_tray,
        )  # fmt: skip
        hub.openRoutineRequested.connect(self.show_overview)
        hub.showWindowRequested.connect(self.show_window)
        hub.quitRequested.connect(self.quit_app)
        return hub

    def start_guidance(self) -> None:
        """The app's start: the safety screen on first launch, then the reminders."""
        self.ensure_guidance().start()
