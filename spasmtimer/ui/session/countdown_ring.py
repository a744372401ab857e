"""The huge countdown: the seconds left, inside a ring that empties as they go.

The widget keeps no time of its own: the session view tells it what to show
(:meth:`CountdownRing.show_state`) whenever the session's state changes, and
nudges the ring's fraction a few times a second while a step runs. The digits
are drawn as a path into a cached pixmap that is rebuilt only when the number
or the size changes, so a repaint is one blit and one arc: cheap enough to
animate smoothly while staying far below 2 % of a core.

Hold and rest differ without colour: the ring of a hold is a solid band, the
ring of anything else is dashed.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
    QTransform,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

# Digit width is squeezed to this fraction: taller digits in the same circle.
_CONDENSE = 0.8
# Band width as a fraction of the ring's diameter.
_BAND = 0.045
# The arc is repainted once its end has moved this many pixels. A repaint costs
# about 0.4 ms of the GUI thread; the session view nudges the ring 10 times a
# second, so a long hold (a 480 px ring empties by ~13 px a second in 120 s)
# repainted 10 times a second, ~0.5 % of a core. Every 4 px: ~3 a second.
MIN_ARC_STEP_PX = 4.0


def format_seconds(seconds: int) -> str:
    """``45`` → "45", ``90`` → "1:30", ``3725`` → "1:02:05"."""
    seconds = max(0, int(seconds))
    if seconds < 100:
        return str(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class CountdownRing(QWidget):
    """Seconds left in the middle, the share of the step left as an arc."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 160)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)
        self._text = ""
        self._fraction = 1.0
        self._solid = True
        self._colour = QColor("#0b7a4b")
        self._track = QColor("#dde1e7")
        self._text_colour = QColor("#14171c")
        self._digits_cache: tuple[tuple[object, ...], QPixmap] | None = None
        self.setAccessibleName("Seconds left")

    # -- what to show -------------------------------------------------------

    def show_state(self, seconds_left: int, fraction: float, colour: QColor, solid: bool) -> None:
        """Show ``seconds_left`` and a ring ``fraction`` full (1 = the whole step left)."""
        text = format_seconds(seconds_left)
        fraction = min(1.0, max(0.0, fraction))
        changed = (
            text != self._text
            or solid != self._solid
            or colour != self._colour
            or abs(fraction - self._fraction) > 1e-4
        )
        self._text = text
        self._fraction = fraction
        self._solid = solid
        self._colour = QColor(colour)
        self.setAccessibleDescription(f"{seconds_left} seconds left")
        if changed:
            self.update()

    def set_fraction(self, fraction: float) -> None:
        """Move only the arc; repaints only the bit of the ring that changed.

        Nothing is repainted until the end of the arc has moved by
        :data:`MIN_ARC_STEP_PX` pixels (or reached the end), and then only the
        small rectangle around its old and new ends: a frame costs a few
        hundred pixels, not the whole ring.
        """
        fraction = min(1.0, max(0.0, fraction))
        old = self._fraction
        moved = abs(fraction - old) * self._circumference()
        if moved < MIN_ARC_STEP_PX and not (fraction in (0.0, 1.0) and moved > 0):
            return
        self._fraction = fraction
        if abs(fraction - old) > 0.08:
            self.update()
            return
        rect = self.ring_rect()
        centre, radius = rect.center(), rect.width() / 2
        band = min(self.width(), self.height()) * _BAND
        xs, ys = [], []
        for f in (old, (old + fraction) / 2, fraction):
            angle = 2 * math.pi * f  # clockwise from 12 o'clock
            xs.append(centre.x() + radius * math.sin(angle))
            ys.append(centre.y() - radius * math.cos(angle))
        margin = band + 2  # half the band, the round cap, antialiasing
        self.update(
            math.floor(min(xs) - margin),
            math.floor(min(ys) - margin),
            math.ceil(max(xs) - min(xs) + 2 * margin),
            math.ceil(max(ys) - min(ys) + 2 * margin),
        )

    def set_colours(self, track: QColor, text: QColor) -> None:
        self._track = QColor(track)
        self._text_colour = QColor(text)
        self._digits_cache = None
        self.update()

    @property
    def text(self) -> str:
        return self._text

    @property
    def fraction(self) -> float:
        return self._fraction

    @property
    def solid(self) -> bool:
        return self._solid

    # -- geometry -----------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(480, 480)

    def ring_rect(self) -> QRectF:
        side = min(self.width(), self.height())
        band = side * _BAND
        inset = band / 2 + 1
        x = (self.width() - side) / 2
        y = (self.height() - side) / 2
        return QRectF(x + inset, y + inset, side - 2 * inset, side - 2 * inset)

    def _circumference(self) -> float:
        return math.pi * max(1.0, self.ring_rect().width())

    def digit_height(self) -> float:
        """Height of the digits in pixels (what a reader across the room sees)."""
        return self._digits_path().boundingRect().height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._digits_cache = None
        super().resizeEvent(event)

    # -- painting -----------------------------------------------------------

    def _digits_path(self) -> QPainterPath:
        """The digits as a path, as large as fits inside the ring, centred on 0,0."""
        rect = self.ring_rect()
        inner = rect.width() - 2 * (min(self.width(), self.height()) * _BAND)
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(100)
        # Size from at least two digits, so 10 → 9 does not make the digits jump.
        sample = self._text if len(self._text) >= 2 else "00"
        probe = QPainterPath()
        probe.addText(0, 0, font, sample.replace("1", "0"))
        box = probe.boundingRect()
        w, h = box.width() * _CONDENSE, box.height()
        # Largest scale s with (s*w/2)^2 + (s*h/2)^2 <= (0.96*inner/2)^2
        scale = 0.96 * inner / max(1.0, math.hypot(w, h))
        path = QPainterPath()
        path.addText(0, 0, font, self._text)
        real = path.boundingRect()
        transform = QTransform()
        transform.scale(scale * _CONDENSE, scale)
        transform.translate(-real.center().x(), -box.center().y())
        return transform.map(path)

    def _digits_pixmap(self) -> QPixmap:
        dpr = self.devicePixelRatioF()
        key = (self._text, self.width(), self.height(), dpr, self._text_colour.rgba())
        if self._digits_cache is not None and self._digits_cache[0] == key:
            return self._digits_cache[1]
        path = self._digits_path()
        box = path.boundingRect().adjusted(-2, -2, 2, 2)
        pixmap = QPixmap(
            max(1, math.ceil(box.width() * dpr)), max(1, math.ceil(box.height() * dpr))
        )
        pixmap.setDevicePixelRatio(dpr)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(-box.topLeft())
        painter.fillPath(path, self._text_colour)
        painter.end()
        self._digits_cache = (key, pixmap)
        return pixmap

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.ring_rect()
        band = min(self.width(), self.height()) * _BAND

        track = QPen(self._track, band)
        track.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(track)
        painter.drawEllipse(rect)

        if self._fraction > 0:
            pen = QPen(self._colour, band)
            if self._solid:
                pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            else:
                pen.setCapStyle(Qt.PenCapStyle.FlatCap)
                pen.setDashPattern([0.9, 0.55])
            painter.setPen(pen)
            span = round(-self._fraction * 360 * 16)  # clockwise from 12 o'clock
            painter.drawArc(rect, 90 * 16, span)

        if self._text:
            pixmap = self._digits_pixmap()
            size = QSize(
                round(pixmap.width() / pixmap.devicePixelRatio()),
                round(pixmap.height() / pixmap.devicePixelRatio()),
            )
            centre = rect.center()
            painter.drawPixmap(
                QPointF(centre.x() - size.width() / 2, centre.y() - size.height() / 2), pixmap
            )
        painter.end()
