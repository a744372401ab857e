"""One tap to rate the pain, 0 to 10, before and after a session.

The host (the start and finish screens) embeds :class:`PainRating`, sets its
question, and hands the answer to the recorder. It is skippable with one tap
too, and the host never shows it when the app runs with ``--exit-when-done``.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from spasmtimer.ui.theme import pixel_font

# What the numbers mean, under the row (the usual 0-10 numeric rating scale).
_ANCHORS = {0: "no pain", 5: "moderate", 10: "worst imaginable"}


class PainRating(QWidget):
    """Eleven big buttons, 0 to 10, and Skip.

    Signals:
        rated(int): the user tapped a number (or typed a digit, or T for 10).
        skipped(): the user tapped Skip or pressed Escape or S.
    """

    rated = Signal(int)
    skipped = Signal()

    def __init__(
        self, question: str = "How bad is the pain right now?", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("painRating")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._question = QLabel(question)
        self.setAccessibleName(question)  # the group of buttons is named by its question
        self._question.setObjectName("painQuestion")
        self._question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._question.setWordWrap(True)
        font = self._question.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        self._question.setFont(font)

        grid = QGridLayout()
        grid.setSpacing(6)
        self._grid = grid
        self.buttons: list[QPushButton] = []
        self.anchors: list[QLabel] = []
        for value in range(11):
            button = QPushButton(str(value))
            button.setObjectName(f"pain{value}")
            button.setMinimumSize(56, 56)
            button.setAccessibleName(f"Pain {value} of 10")
            big = button.font()
            big.setPointSizeF(big.pointSizeF() * 1.6)
            big.setBold(True)
            button.setFont(big)
            button.clicked.connect(lambda _checked=False, v=value: self._on_number_clicked(v))
            grid.addWidget(button, 0, value)
            self.buttons.append(button)
        # Each word spans a few columns so a long one does not widen its button.
        align = Qt.AlignmentFlag
        for value, first, span, where in (
            (0, 0, 3, align.AlignLeft),
            (5, 4, 3, align.AlignHCenter),
            (10, 8, 3, align.AlignRight),
        ):
            anchor = QLabel(_ANCHORS[value])
            anchor.setAlignment(where | align.AlignTop)
            anchor.setProperty("muted", True)
            grid.addWidget(anchor, 1, first, 1, span)
            self.anchors.append(anchor)

        self.skip_button = QPushButton("Skip")
        self.skip_button.setObjectName("painSkip")
        self.skip_button.setMinimumHeight(44)
        self.skip_button.clicked.connect(self._on_skip_button_clicked)

        layout = QVBoxLayout(self)
        layout.addWidget(self._question)
        layout.addLayout(grid)
        layout.addSpacing(8)
        layout.addWidget(self.skip_button, 0, Qt.AlignmentFlag.AlignHCenter)

    def set_scale(self, s: float) -> None:
        """Fonts and button sizes for a window ``s`` times 1280×800 (the hosts call it)."""

        font = partial(pixel_font, self)

        self._question.setFont(font(30 * s, True))
        side = max(44, round(72 * s))
        for button in self.buttons:
            button.setFont(font(30 * s, True))
            button.setMinimumSize(side, side)
        for anchor in self.anchors:
            anchor.setFont(font(16 * s))
        self.skip_button.setFont(font(20 * s))
        self.skip_button.setMinimumHeight(max(36, round(52 * s)))
        self._grid.setSpacing(max(4, round(8 * s)))

    def set_question(self, question: str) -> None:
        self._question.setText(question)
        self.setAccessibleName(question)

    def question(self) -> str:
        return self._question.text()

    def _on_number_clicked(self, value: int) -> None:
        self.rated.emit(value)

    def _on_skip_button_clicked(self) -> None:
        self.skipped.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text.isdigit() and len(text) == 1:
            self.rated.emit(int(text))
        elif event.key() == Qt.Key.Key_T:  # "ten": no single digit for it
            self.rated.emit(10)
        elif event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_S):
            self.skipped.emit()
        else:
            super().keyPressEvent(event)
