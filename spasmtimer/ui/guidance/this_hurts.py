"""The "This hurts" dialog: one question, then the red-flag advice if needed.

The caller (the session screen, on the button or the H key) has already
paused the session. The dialog asks whether the pain is sharp or spreads down
a leg; a "yes" shows what the articles say about that and the red flags that
need care now. Next time the overview offers the exercise a level shorter
(or, with nothing to shorten, leaving it out); leaving it out at once is an
explicit choice, unticked until the user ticks it. It returns a
:class:`~spasmtimer.core.guidance.safety.HurtReport` that the caller records with the
session (``HistoryStore.record_event(sid, HURT_EVENT_KIND, report.detail())``).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from spasmtimer.core.guidance.safety import (
    HURT_SOURCES,
    NOT_A_DOCTOR,
    REST_ADVICE,
    SHARP_PAIN_ADVICE,
    STOP_ADVICE,
    HurtReport,
    Urgency,
    red_flags,
)
from spasmtimer.ui.theme import system_theme

QUESTION = "Is the pain sharp, or does it spread down a leg?"


def _label(text: str, scale: float = 1.0, rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    if scale != 1.0:
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * scale)
        label.setFont(font)
    return label


class ThisHurtsDialog(QDialog):
    """Ask about the pain; show the advice.

    After ``exec()``, :attr:`report` holds the answer (None if the user
    closed the dialog before answering).
    """

    def __init__(self, exercise: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.exercise = exercise
        self.report: HurtReport | None = None
        self.setWindowTitle("This hurts")
        self.setObjectName("thisHurtsDialog")
        theme = system_theme()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)

        self.pages = QStackedWidget()
        layout.addWidget(self.pages, 1)

        # Page 1: the question.
        ask = QWidget()
        ask_layout = QVBoxLayout(ask)
        ask_layout.addWidget(_label(f"“{exercise}” is stopped.", 1.3))
        ask_layout.addWidget(_label(f"{STOP_ADVICE} {REST_ADVICE}"))
        ask_layout.addSpacing(12)
        self.question = _label(QUESTION, 1.5)
        ask_layout.addWidget(self.question)
        row = QHBoxLayout()
        self.yes_button = QPushButton("Yes")
        self.no_button = QPushButton("No")
        for button in (self.yes_button, self.no_button):
            button.setMinimumHeight(48)
            font = button.font()
            font.setPointSizeF(font.pointSizeF() * 1.3)
            button.setFont(font)
            row.addWidget(button)
        ask_layout.addLayout(row)
        ask_layout.addStretch(1)
        self.pages.addWidget(ask)

        # Page 2: the red-flag advice.
        advice = QWidget()
        advice_layout = QVBoxLayout(advice)
        heading = _label("Please take this seriously", 1.5)
        heading.setStyleSheet(f"color: {theme.danger}; font-weight: bold")
        advice_layout.addWidget(heading)
        advice_layout.addWidget(_label(SHARP_PAIN_ADVICE, 1.15))
        flags = "".join(
            f"<h4 style='margin-bottom:2px'>{html.escape(u.heading)}</h4><ul style='margin-top:0'>"
            + "".join(f"<li>{html.escape(f.text)}</li>" for f in red_flags(u))
            + "</ul>"
            for u in (Urgency.EMERGENCY, Urgency.PROMPT)
        )
        self.flags_label = _label(flags, 1.1, rich=True)
        advice_layout.addWidget(self.flags_label)
        advice_layout.addWidget(
            _label(
                "The articles say to stop any stretch that makes the pain worse, and to "
                f"build up gradually as you improve. {NOT_A_DOCTOR}"
            )
        )
        credits = "; ".join(s.credit for s in HURT_SOURCES)
        sources = _label(f"From {credits}.")
        sources.setProperty("muted", True)
        advice_layout.addWidget(sources)
        self.ok_button = QPushButton("I understand")
        self.ok_button.setProperty("primary", True)
        advice_layout.addWidget(self.ok_button, 0, Qt.AlignmentFlag.AlignRight)
        self.pages.addWidget(advice)

        self.next_time_label = _label(
            "Next time, before you start, SpasmTimer offers it a level shorter "
            "(or leaving it out, if it cannot be shorter)."
        )
        self.next_time_label.setProperty("muted", True)
        layout.addWidget(self.next_time_label)
        self.skip_box = QCheckBox(
            f"Leave “{exercise}” out from now on (you can put it back before you start)"
        )
        # No shorter name of its own: a reader says all of it, as it is shown.
        self.skip_box.setChecked(False)  # an explicit choice, never the default
        layout.addWidget(self.skip_box)

        self.yes_button.clicked.connect(self._on_yes_button_clicked)
        self.no_button.clicked.connect(self._on_no_button_clicked)
        self.ok_button.clicked.connect(self.accept)
        self.resize(620, 460)

    @property
    def showing_red_flags(self) -> bool:
        return self.pages.currentIndex() == 1

    def answer(self, sharp_or_spreading: bool) -> None:
        """What the Yes and No buttons do (tests call it directly)."""
        self.report = HurtReport(self.exercise, sharp_or_spreading, self.skip_box.isChecked())
        if sharp_or_spreading:
            self.pages.setCurrentIndex(1)
            self.ok_button.setFocus()
        else:
            self.accept()

    def accept(self) -> None:
        if self.report is not None:  # the box may have changed on the advice page
            self.report = HurtReport(
                self.exercise, self.report.sharp_or_spreading, self.skip_box.isChecked()
            )
        super().accept()

    def _on_yes_button_clicked(self) -> None:
        self.answer(True)

    def _on_no_button_clicked(self) -> None:
        self.answer(False)

    @classmethod
    def ask(cls, parent: QWidget | None, exercise: str) -> HurtReport | None:
        """Show it modally; the answer, or None if closed without one."""
        dialog = cls(exercise, parent)
        dialog.exec()
        return dialog.report
