"""The end of a session: how it went, and the way back to the routines.

When the session was started from the overview, the screen also asks how
the pain is now (one tap, skippable); ``spasmtimer start`` never asks.

Signals:
    backRequested(): back to the Today screen.
    painRated(int): the pain after the session, 0-10.
    historyRequested(): open the history window.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from spasmtimer.core.history.adherence import done_of
from spasmtimer.core.routines.durations import format_duration
from spasmtimer.core.session.events import Summary
from spasmtimer.ui.announce import mark_heading
from spasmtimer.ui.session.pain_rating import PainRating
from spasmtimer.ui.theme import pixel_font

if TYPE_CHECKING:
    from spasmtimer.services.history import HistoryAccess
    from spasmtimer.services.session import SessionController

QUESTION_AFTER = "How is the pain now?"


def summary_lines(summary: Summary) -> list[str]:
    done, skipped = summary.holds_done, summary.holds_skipped
    lines = [
        f"Time: {format_duration(summary.seconds, whole_minutes=True)}",
        f"Holds done: {done}",
    ]
    lines.append(f"Holds skipped: {skipped}" if skipped else "No holds skipped")
    if summary.completed and not summary.counts:
        lines.append("A session counts when more than half of its holds are done.")
    return lines


class FinishView(QWidget):
    """ "Well done" (or "Stopped"), the summary, and Back to routines."""

    backRequested = Signal()
    painRated = Signal(int)
    historyRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Session ended")
        self.title = mark_heading(QLabel())
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
        # Said whenever this session is not (yet) in the history file.
        self.saved_label = QLabel()
        self.saved_label.setObjectName("finishNotSaved")
        self.saved_label.setProperty("notice", True)
        self.saved_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.saved_label.setWordWrap(True)
        self.saved_label.hide()
        self._history: HistoryAccess | None = None
        self._done: tuple[int | None, int, int] = (None, 1, 0)
        self.pain = PainRating(QUESTION_AFTER)
        self.pain.skip_button.setText("Skip (S)")
        self.pain.rated.connect(self._on_pain_rated)
        self.pain.skipped.connect(self.skip_pain)
        for button in (self.pain.skip_button, *self.pain.buttons):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.pain.hide()
        self.pain_label = QLabel()
        self.pain_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pain_label.setWordWrap(True)
        self.pain_label.hide()
        self._pain_before: int | None = None
        self.history_button = QPushButton("History (Y)")
        self.history_button.clicked.connect(self.historyRequested)
        self.history_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.back_button = QPushButton("Back to Today (Enter)")
        self.back_button.setProperty("primary", True)
        self.back_button.clicked.connect(self.backRequested)
        self.back_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.routine_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.today_label)
        layout.addWidget(self.saved_label)
        layout.addSpacing(12)
        layout.addWidget(self.pain)
        layout.addWidget(self.pain_label)
        layout.addSpacing(12)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.history_button)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self._layout = layout

    _completed = False

    def show_summary(self, routine_name: str, summary: Summary) -> None:
        if not summary.completed:
            title = "Stopped early"
        elif summary.counts:
            title = "Well done!"
        else:  # the rule the history counts by: not a session done
            title = "Most holds skipped: not counted"
        self.title.setText(title)
        self.setAccessibleName(title)
        self.routine_label.setText(routine_name)
        self.summary_label.setText("\n".join(summary_lines(summary)))

    def show_session(self, controller: SessionController, history: HistoryAccess) -> None:
        """The controller's session as it ended, with today's count from ``history``."""
        session = controller.session
        if session is None:
            return
        routine = session.plan.routine
        self.show_summary(routine.name, session.summary())
        done = history.done_today(routine.name) if history.store is not None else None
        self._history = history
        summary = session.summary()  # it counts as done by the history's rule, or not
        self._completed = summary.completed and summary.counts
        self.set_done_today(done, routine.sessions_per_day, history.streak(routine))
        asking = controller.ask_pain_after and controller.recorder is not None
        self.ask_pain(asking, controller.pain_before)

    def set_done_today(self, done: int | None, per_day: int, streak: int = 0) -> None:
        self._done = (done, per_day, streak)
        store = self._history.store if self._history is not None else None
        waiting = store is not None and store.unsaved > 0
        lost = store is not None and not store.available
        if waiting:
            self.saved_label.setText(
                "Not saved yet: this session is kept and saved as soon as your history "
                "can be written. Keep SpasmTimer open until the message at the top goes away."
            )
        elif lost:
            self.saved_label.setText(
                "Not saved: your history cannot be written on this computer, so this "
                "session is kept only until SpasmTimer closes."
            )
        self.saved_label.setVisible(waiting or lost)
        if done is None:
            self.today_label.hide()
            return
        if waiting and self._completed:
            done += 1  # this one, not in the file yet
        text = f"Done today: {done_of(done, per_day)}"
        if waiting:
            text += " (not saved yet)"
        elif streak > 0:
            text += f"  ·  {streak}-day streak"
        self.today_label.setText(text)
        self.today_label.show()

    def refresh_saved(self) -> None:
        """The history's saving state changed (e.g. the waiting writes went in)."""
        if self._history is None:
            return
        done, per_day, streak = self._done
        store = self._history.store
        if store is not None and done is not None and not store.unsaved:
            done = self._history.done_today(self.routine_label.text())  # now in the file
        self.set_done_today(done, per_day, streak)

    def ask_pain(self, ask: bool, before: int | None = None) -> None:
        """Show the "How is the pain now?" row (``before``: the rating at the start)."""
        self._pain_before = before
        self.pain.setVisible(ask)
        self.pain_label.hide()

    @property
    def asking_pain(self) -> bool:
        return not self.pain.isHidden()

    def rate_pain(self, value: int) -> None:
        """A number tapped or typed: tell the host, show it back."""
        self.pain.hide()
        before = self._pain_before
        text = f"Pain now: {value} of 10"
        if before is not None:
            text = f"Pain: {before} before, {value} now"
        self.pain_label.setText(f"{text} — saved in your history")
        self.pain_label.show()
        self.painRated.emit(value)

    def skip_pain(self) -> None:
        self.pain.hide()

    def _on_pain_rated(self, value: int) -> None:
        self.rate_pain(value)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        s = max(0.6, min(self.width() / 1280, self.height() / 800))

        font = partial(pixel_font, self)

        self.title.setFont(font(72 * s, True))
        self.routine_label.setFont(font(30 * s))
        self.summary_label.setFont(font(34 * s, True))
        self.today_label.setFont(font(26 * s))
        self.saved_label.setFont(font(22 * s, True))
        self.pain.set_scale(s * 0.85)
        self.pain_label.setFont(font(26 * s, True))
        self.back_button.setFont(font(24 * s))
        self.history_button.setFont(font(24 * s))
