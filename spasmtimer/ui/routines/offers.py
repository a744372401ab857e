"""The overview's offers: a longer hold earned, a shorter one (or a skip) after it hurt.

One button per :class:`~spasmtimer.core.guidance.progression.Offer`, numbered: the
digit key takes it (1 the first, 2 the second, ...). The panel decides
nothing: the offers come from :func:`spasmtimer.core.history.level_changes.offers`;
taking one is the routines controller's job (:mod:`spasmtimer.ui.routines.feature`).

Signals:
    offerTaken(object): the user took this :class:`Offer`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from spasmtimer.core.guidance.progression import Change, Offer
from spasmtimer.ui.theme import desktop_text_px

MAX_OFFERS = 9  # one digit key each


def button_text(number: int, offer: Offer) -> str:
    """``1  Prayer stretch: longer holds, 8 seconds instead of 7? Yes (1)``."""
    return f"{offer.prompt} Yes ({number})"


class OfferPanel(QWidget):
    """Numbered offers, each with its reason; hidden when there are none."""

    offerTaken = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("offerPanel")
        self.setAccessibleName("Hold changes on offer")
        self.offers: list[Offer] = []
        self.buttons: list[QPushButton] = []
        self.reasons: list[QLabel] = []
        self._rows: list[QHBoxLayout] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._font: QFont | None = None  # the overview's, as it scales
        self.hide()

    def set_offers(self, offers: Sequence[Offer]) -> None:
        for widget in (*self.buttons, *self.reasons):
            widget.setParent(None)
            widget.deleteLater()
        for row in self._rows:
            self._layout.removeItem(row)
        self.buttons, self.reasons, self._rows = [], [], []
        self.offers = list(offers)[:MAX_OFFERS]
        for number, offer in enumerate(self.offers, 1):
            button = QPushButton(button_text(number, offer))
            button.setObjectName(f"offerButton{number}")
            button.setAccessibleName(offer.prompt)
            button.setToolTip(f"{offer.reason}. {offer.rule.text} {offer.rule.credit} ({number})")
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setProperty("primary", offer.change is Change.UP)
            button.clicked.connect(partial(self.take, number))
            why = QLabel(f"{offer.reason}.")
            why.setProperty("muted", True)
            why.setWordWrap(True)
            why.setAccessibleName(f"Why: {offer.reason}")
            row = QHBoxLayout()  # the button as wide as its words, not the window
            row.addWidget(button)
            row.addStretch(1)
            self._layout.addLayout(row)
            self._layout.addWidget(why)
            self._rows.append(row)
            self.buttons.append(button)
            self.reasons.append(why)
        self.setVisible(bool(self.offers))
        if self._font is not None:
            self.set_font(self._font)

    def take(self, number: int, *_: object) -> bool:
        """Take offer ``number`` (1-based); False if there is none."""
        if not 1 <= number <= len(self.offers):
            return False
        self.offerTaken.emit(self.offers[number - 1])
        return True

    def set_font(self, font: QFont) -> None:
        self._font = font
        for button in self.buttons:
            button.setFont(font)
        small = QFont(font)
        if font.pixelSize() > 0:
            small.setPixelSize(max(12, desktop_text_px(), round(font.pixelSize() * 0.8)))
        for label in self.reasons:
            label.setFont(small)
