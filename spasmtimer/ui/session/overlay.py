"""The PAUSED sheet laid over the session, saying why and how to go on.

Signals:
    resumeRequested(): the Resume button was pressed.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from spasmtimer.ui.theme import LIGHT, Theme, pixel_font


class PauseOverlay(QWidget):
    """A translucent cover with PAUSED, the reason, and a Resume button."""

    resumeRequested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._theme: Theme = LIGHT
        self.title = QLabel("PAUSED")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reason = QLabel()
        self.reason.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reason.setWordWrap(True)
        self.hint = QLabel("Press Space to go on")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.resume_button = QPushButton("Resume (Space)")
        self.resume_button.setProperty("primary", True)
        self.resume_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.resume_button.clicked.connect(self.resumeRequested)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.reason)
        layout.addWidget(self.hint)
        layout.addWidget(self.resume_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.set_scale(1.0)

    def show_pause(self, reason: str) -> None:
        self.reason.setText(reason)
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()

    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.title.setStyleSheet(f"color: {theme.text};")
        self.reason.setStyleSheet(f"color: {theme.text};")
        self.hint.setStyleSheet(f"color: {theme.muted};")
        self.update()

    def set_scale(self, s: float) -> None:
        font = partial(pixel_font, self)

        self.title.setFont(font(110 * s, True))
        self.reason.setFont(font(34 * s, True))
        self.hint.setFont(font(24 * s))
        self.resume_button.setFont(font(24 * s))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        veil = QColor(self._theme.background)
        veil.setAlpha(225)
        painter.fillRect(self.rect(), veil)
        painter.end()
