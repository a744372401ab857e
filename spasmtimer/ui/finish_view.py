"""The end of a session: how it went, and the way back to the routines.

Signals:
    backRequested(): back to the picker.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from spasmtimer.core.events import Summary
from spasmtimer.ui.library import format_duration


def summary_lines(summary: Summary) -> list[str]:
    done, skipped = summary.holds_done, summary.holds_skipped
    lines = [
        f"Time: {format_duration(summary.seconds)}",
        f"Holds done: {done}",
    ]
    lines.append(f"Holds skipped: {skipped}" if skipped else "No holds skipped")
    return lines


class FinishView(QWidget):
    """ "Well done" (or "Stopped"), the summary, and Back to routines."""

    backRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.routine_label = QLabel()
        self.routine_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.routine_label.setWordWrap(True)
        self.summary_label = QLabel()
        self.summary_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.today_label = QLabel()
        self.today_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.today_label.setProperty("muted", True)
        self.today_label.hide()
        self.back_button = QPushButton("Back to routines (Enter)")
        self.back_button.setProperty("primary", True)
        self.back_button.clicked.connect(self.backRequested)
        self.back_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.routine_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.today_label)
        layout.addSpacing(24)
        layout.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self._layout = layout

    def show_summary(self, routine_name: str, summary: Summary) -> None:
        self.title.setText("Well done!" if summary.completed else "Stopped early")
        self.routine_label.setText(routine_name)
        self.summary_label.setText("\n".join(summary_lines(summary)))

    def set_done_today(self, done: int | None, per_day: int) -> None:
        if done is None:
            self.today_label.hide()
            return
        self.today_label.setText(f"Done today: {done} of {per_day}")
        self.today_label.show()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        s = max(0.6, min(self.width() / 1280, self.height() / 800))

        def font(px: float, bold: bool = False) -> QFont:
            f = QFont(self.font())
            f.setPixelSize(max(12, round(px)))
            f.setBold(bold)
            return f

        self.title.setFont(font(72 * s, True))
        self.routine_label.setFont(font(30 * s))
        self.summary_label.setFont(font(34 * s, True))
        self.today_label.setFont(font(26 * s))
        self.back_button.setFont(font(24 * s))
