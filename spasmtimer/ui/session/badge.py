"""The one big word for what to do now, with a shape that says it without colour.

A hold is a filled badge with a filled disc; everything else (get ready,
rest, switch sides, set rest) is an outlined, dashed badge with a hollow
ring, so the two read apart in greyscale and for colour-blind eyes too.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from spasmtimer.core.routines.plan import StepKind

WORDS = {
    StepKind.PREPARE: "GET READY",
    StepKind.HOLD: "HOLD",
    StepKind.REST: "REST",
    StepKind.SWITCH: "SWITCH SIDES",
    StepKind.SET_REST: "SET REST",
}

# theme attribute per kind
COLOUR_OF = {
    StepKind.PREPARE: "prepare",
    StepKind.HOLD: "hold",
    StepKind.REST: "rest",
    StepKind.SWITCH: "switch",
    StepKind.SET_REST: "rest",
}


class StateBadge(QWidget):
    """Paints WORD in a badge; filled for a hold, outlined and dashed otherwise."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.word = ""
        self.filled = True
        self.colour = QColor("#0b7a4b")
        self.on_filled = QColor("#ffffff")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._pixel = 48
        self.setFixedHeight(self._height())

    def _height(self) -> int:
        return round(self._pixel * 1.6)

    def set_pixel_size(self, pixel: int) -> None:
        if pixel != self._pixel:
            self._pixel = pixel
            self.setFixedHeight(self._height())
            self.update()

    def show_word(self, word: str, colour: QColor, filled: bool, on_filled: QColor) -> None:
        if (word, filled, colour, on_filled) != (
            self.word,
            self.filled,
            self.colour,
            self.on_filled,
        ):
            self.word, self.filled = word, filled
            self.colour, self.on_filled = QColor(colour), QColor(on_filled)
            self.setAccessibleName(word)
            self.update()

    def sizeHint(self) -> QSize:
        return QSize(self._pixel * 8, self._height())

    def _font(self, width: float) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(self._pixel)
        # Shrink a long word ("SWITCH SIDES") until it fits beside the icon.
        room = width - self._pixel * 1.9
        while font.pixelSize() > 10 and QFontMetricsF(font).horizontalAdvance(self.word) > room:
            font.setPixelSize(font.pixelSize() - 2)
        return font

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.word:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        border = max(3.0, self._pixel / 12)
        rect = QRectF(self.rect()).adjusted(border, border, -border, -border)
        radius = rect.height() / 4
        if self.filled:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.colour)
            fg = self.on_filled
        else:
            pen = QPen(self.colour, border)
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            fg = self.colour
        painter.drawRoundedRect(rect, radius, radius)

        font = self._font(rect.width())
        metrics = QFontMetricsF(font)
        icon = self._pixel * 0.62
        text_w = metrics.horizontalAdvance(self.word)
        gap = self._pixel * 0.35
        total = icon + gap + text_w
        x = rect.center().x() - total / 2
        cy = rect.center().y()
        icon_rect = QRectF(x, cy - icon / 2, icon, icon)
        if self.filled:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fg)
        else:
            painter.setPen(QPen(fg, max(2.0, icon / 6)))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            icon_rect.adjust(icon / 12, icon / 12, -icon / 12, -icon / 12)
        painter.drawEllipse(icon_rect)
        painter.setFont(font)
        painter.setPen(fg)
        text_rect = QRectF(x + icon + gap, rect.top(), text_w + 2, rect.height())
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self.word
        )
        painter.end()
