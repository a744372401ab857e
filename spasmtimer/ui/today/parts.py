"""The Today screen's small parts: a named label and button, a pushed column, the fonts."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from spasmtimer.ui.theme import pixel_font

if TYPE_CHECKING:
    from spasmtimer.ui.today.today_view import TodayView


def label(text: str = "", *, name: str, muted: bool = False, wrap: bool = True) -> QLabel:
    """A label; a screen reader reads its text (Qt's name for a label with none of its own)."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    if muted:
        label.setProperty("muted", True)
    return label


def button(text: str, name: str, tip: str, *, primary: bool = False) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(text.split(" (", maxsplit=1)[0])
    button.setToolTip(tip)
    if primary:
        button.setProperty("primary", True)
    return button


def pushed(widget: QWidget, *, down: bool) -> QVBoxLayout:
    """``widget`` at the bottom (``down``) or top of a column, at its own height."""
    column = QVBoxLayout()
    column.setContentsMargins(0, 0, 0, 0)
    if down:
        column.addStretch(1)
    column.addWidget(widget)
    if not down:
        column.addStretch(1)
    return column


def apply_fonts(view: TodayView, s: float) -> None:
    """``view``'s fonts at the window's scale ``s``."""
    font = partial(pixel_font, view)
    view.title.setFont(font(40 * s, True))
    view.date_label.setFont(font(20 * s))
    view.phase_label.setFont(font(22 * s, True))
    view.note_label.setFont(font(16 * s))
    view.welcome_label.setFont(font(18 * s))
    view.next_caption.setFont(font(18 * s, True))
    view.next_title.setFont(font(44 * s, True))
    view.next_detail.setFont(font(20 * s))
    view.next_why.setFont(font(14 * s))
    view.list.setFont(font(20 * s))
    view.left_label.setFont(font(20 * s, True))
    view.counts_label.setFont(font(18 * s))
    for button in (view.act_button, view.routine_button, view.welcome_button):
        button.setFont(font(22 * s, button is view.act_button))
        button.setMinimumHeight(max(36, round(56 * s)))
    for button in (view.picker_button, view.onset_button, view.eased_button):
        button.setFont(font(18 * s))
