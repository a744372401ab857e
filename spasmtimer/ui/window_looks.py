"""How the main window looks: the theme it paints in, the size and place it opens at."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow

from spasmtimer.services.settings import Settings
from spasmtimer.ui.theme import Theme, palette_for, stylesheet_for

MIN_SIZE = (640, 480)
FIRST_SIZE = (1280, 800)  # at most; 90 % of a smaller screen


class FollowsColourScheme(Protocol):
    def _on_styleHints_colorSchemeChanged(self, *args: object) -> None: ...


def apply_theme(window: QMainWindow, theme: Theme) -> None:
    """The application's palette and the window's style sheet for ``theme``."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.setPalette(palette_for(theme))
    window.setStyleSheet(stylesheet_for(theme))


def follow_colour_scheme(window: FollowsColourScheme) -> None:
    """Tell ``window`` when the desktop switches between light and dark, or high contrast."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        hints = app.styleHints()
        hints.colorSchemeChanged.connect(window._on_styleHints_colorSchemeChanged)
        accessibility = getattr(hints, "accessibility", None)  # Qt 6.10+
        if accessibility is not None:
            accessibility().contrastPreferenceChanged.connect(
                window._on_styleHints_colorSchemeChanged
            )


def restore_geometry(window: QMainWindow, settings: Settings) -> None:
    """Where the window was last time, or a size that suits the screen."""
    data = settings.geometry()
    if data is None or not window.restoreGeometry(data):
        screen = QGuiApplication.primaryScreen()
        avail = screen.availableGeometry() if screen is not None else None
        if avail is not None and avail.width() > 0:
            w = min(FIRST_SIZE[0], round(avail.width() * 0.9))
            h = min(FIRST_SIZE[1], round(avail.height() * 0.9))
            window.resize(max(MIN_SIZE[0], w), max(MIN_SIZE[1], h))
        else:
            window.resize(*FIRST_SIZE)
    window.setMinimumSize(*MIN_SIZE)


def save_geometry(window: QMainWindow, settings: Settings) -> None:
    """Where the window is, for next time: its normal size, not full screen."""
    if window.isFullScreen():
        window.showNormal()
    settings.set_geometry(window.saveGeometry())
