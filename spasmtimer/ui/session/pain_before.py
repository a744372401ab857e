"""The one question between Start and the session: how bad is the pain right now?

One tap on a number starts the session with that rating; Skip (or S, Esc,
Enter, Space) starts it without one. Only a session started from the
overview asks: ``spasmtimer start`` never does ("no questions asked").

Signals:
    rated(int): the pain before, 0-10; start now.
    skipped(): start without a rating.
    backRequested(): back to the routines, not started.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from spasmtimer.ui.announce import mark_heading
from spasmtimer.ui.session.pain_rating import PainRating
from spasmtimer.ui.theme import screen_fonts

QUESTION_BEFORE = "How bad is the pain right now?"


class PainBeforeView(QWidget):
    """The routine's name, the 0-10 row and "Skip and start"."""

    rated = Signal(int)
    skipped = Signal()
    backRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = mark_heading(QLabel())
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.rating = PainRating(QUESTION_BEFORE)
        self.rating.skip_button.setText("Skip and start (S)")
        self.rating.rated.connect(self.rated)
        self.rating.skipped.connect(self.skipped)
        self.hint = QLabel("Tap a number, or press 0–9 (T for 10). One tap starts the routine.")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setProperty("muted", True)
        self.back_button = QPushButton("◀ Back (Backspace)")
        self.back_button.clicked.connect(self.backRequested)
        for button in (self.back_button, self.rating.skip_button, *self.rating.buttons):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        back_row = QHBoxLayout()
        back_row.addWidget(self.back_button)
        back_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(back_row)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addSpacing(16)
        layout.addWidget(self.rating)
        layout.addWidget(self.hint)
        layout.addStretch(2)
        self._layout = layout
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def set_routine_name(self, name: str) -> None:
        self.title.setText(f"Before you start “{name}”")
        self.setAccessibleName(self.title.text())  # what the reader says as the screen opens

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        s, title, body = screen_fonts(self)
        self.title.setFont(title)
        self.hint.setFont(body)
        self.back_button.setFont(body)
        self.rating.set_scale(s)
        m = max(8, round(20 * s))
        self._layout.setContentsMargins(m, m, m, m)
