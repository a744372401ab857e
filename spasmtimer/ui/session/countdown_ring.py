"""The huge countdown: the seconds left, inside a ring that empties as they go.

The widget keeps no time of its own: the session view tells it what to show
(:meth:`CountdownRing.show_state`) whenever the session's state changes, and
moves the arc (:meth:`CountdownRing.set_fraction`) when it is due to move a
few pixels. The digits are drawn into a pixmap that is rebuilt only when the
number or the size changes. The widget paints its own background, so a step
of the arc repaints a few hundred pixels of this widget alone (background,
track, arc), not the window under it.

Hold and rest differ without colour: the ring of a hold is a solid band, the
ring of anything else is dashed.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRect, QRectF, QSize, Qt
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
# How far the end of the arc may move in one step, in pixels. The session view
# asks for a new arc only when it has moved this far (at most
# MAX_STEPS_PER_SECOND times a second), evenly spaced within each second, and
# the ring then repaints only the few pixels around the arc's end: a 480 px
# ring empties by ~13 px a second in a 120 s hold, so four 3 px steps a second.
MIN_ARC_STEP_PX = 4.0
MAX_STEPS_PER_SECOND = 10
# A move of the arc's end shorter than this cannot be seen: no repaint.
VISIBLE_PX = 0.5


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
        # Paints its own background (the window's colour): a step of the arc
        # repaints this widget alone, not the window and the views under it.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self._text = ""
        self._fraction = 1.0
        self._solid = True
        self._colour = QColor("#0b7a4b")
        self._track = QColor("#dde1e7")
        self._text_colour = QColor("#14171c")
        self._digits_cache: tuple[tuple[object, ...], QPixmap] | None = None
        self._digits_drawn: QRectF | None = None  # where the digits were last painted
        self._geometry: tuple[QRectF, float, float] | None = None  # ring rect, band, circumference
        self.setAccessibleName("Seconds left")

    # -- what to show -------------------------------------------------------

    def show_state(self, seconds_left: int, fraction: float, colour: QColor, solid: bool) -> None:
        """Show ``seconds_left`` and a ring ``fraction`` full (1 = the whole step left).

        A new number repaints only the digits (the old ones' place and the
        new ones') and the arc's end, not the whole ring: one rectangle
        around both (a painter clipped to a region of several rectangles
        costs more, and hands the work to Qt's thread pool).
        """
        text = format_seconds(seconds_left)
        fraction = min(1.0, max(0.0, fraction))
        old_text = self._text
        restyled = solid != self._solid or colour != self._colour
        self._text = text
        self._solid = solid
        self._colour = QColor(colour)
        # Its name is what it shows: one change a second on the bus, read on demand.
        self.setAccessibleName(f"{seconds_left} second{'' if seconds_left == 1 else 's'} left")
        if restyled or not self.isVisible():
            self._fraction = fraction
            self.update()
            return
        dirty = self._move_arc(fraction)  # a move too small to see waits
        if text != old_text:
            digits = self._digits_rect() if text else QRectF()
            if self._digits_drawn is not None:
                digits = digits.united(self._digits_drawn)
            around = digits.toAlignedRect().adjusted(-1, -1, 1, 1)
            dirty = around if dirty is None else dirty.united(around)
        if dirty is not None:
            self.update(dirty)

    def set_fraction(self, fraction: float) -> None:
        """Move only the arc; repaints only the bit of the ring that changed.

        A move too short to see (:data:`VISIBLE_PX`) is ignored, except to
        the very end. Otherwise only the small rectangle around the arc's old
        and new ends is repainted: a frame costs a few hundred pixels, not
        the whole ring. When to move is the caller's business (see
        :meth:`arc_steps_per_second`).
        """
        dirty = self._move_arc(fraction)
        if dirty is not None:
            self.update(dirty)

    def arc_steps_per_second(self, step_seconds: float) -> int:
        """How many times a second the arc should move while a step of
        ``step_seconds`` empties it: enough that no step is longer than
        :data:`MIN_ARC_STEP_PX`, at most :data:`MAX_STEPS_PER_SECOND`, at
        least once (with the digits)."""
        if step_seconds <= 0:
            return 1
        speed = self._circumference() / step_seconds  # pixels a second
        return max(1, min(MAX_STEPS_PER_SECOND, math.ceil(speed / MIN_ARC_STEP_PX - 1e-9)))

    def _move_arc(self, fraction: float) -> QRect | None:
        """Take ``fraction`` if the arc's end moves visibly; what to repaint then."""
        fraction = min(1.0, max(0.0, fraction))
        old = self._fraction
        moved = abs(fraction - old) * self._circumference()
        if moved < VISIBLE_PX and not (fraction in (0.0, 1.0) and moved > 0):
            return None
        self._fraction = fraction
        return self._arc_rect(old, fraction)

    def _arc_rect(self, old: float, new: float) -> QRect:
        """What the arc's end covered between ``old`` and ``new`` (or the whole ring)."""
        if abs(new - old) > 0.08:
            return self.rect()
        rect, band, _ = self._shape()
        centre, radius = rect.center(), rect.width() / 2
        xs, ys = [], []
        for f in (old, (old + new) / 2, new):
            angle = 2 * math.pi * f  # clockwise from 12 o'clock
            xs.append(centre.x() + radius * math.sin(angle))
            ys.append(centre.y() - radius * math.cos(angle))
        margin = band + 2  # half the band, the round cap, antialiasing
        return QRect(
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

    def _shape(self) -> tuple[QRectF, float, float]:
        """(the ring's rectangle, the band's width, the circumference), kept until a resize."""
        if self._geometry is None:
            side = min(self.width(), self.height())
            band = side * _BAND
            inset = band / 2 + 1
            x = (self.width() - side) / 2
            y = (self.height() - side) / 2
            rect = QRectF(x + inset, y + inset, side - 2 * inset, side - 2 * inset)
            self._geometry = (rect, band, math.pi * max(1.0, rect.width()))
        return self._geometry

    def ring_rect(self) -> QRectF:
        return QRectF(self._shape()[0])

    def _circumference(self) -> float:
        return self._shape()[2]

    def digit_height(self) -> float:
        """Height of the digits in pixels (what a reader across the room sees)."""
        return self._digits_path().boundingRect().height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._digits_cache = None
        self._geometry = None
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

    def _digits_rect(self) -> QRectF:
        """Where the digits' pixmap goes: centred in the ring."""
        pixmap = self._digits_pixmap()
        dpr = pixmap.devicePixelRatio()
        w, h = round(pixmap.width() / dpr), round(pixmap.height() / dpr)
        centre = self.ring_rect().center()
        return QRectF(centre.x() - w / 2, centre.y() - h / 2, w, h)

    def _inside_band(self, area: QRect) -> bool:
        """True when ``area`` lies wholly inside the ring's hole (the arc need not be drawn)."""
        rect, band, _ = self._shape()
        centre = rect.center()
        hole = rect.width() / 2 - band / 2 - 2
        return all(
            math.hypot(x - centre.x(), y - centre.y()) < hole
            for x in (area.left(), area.right() + 1)
            for y in (area.top(), area.bottom() + 1)
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        area = event.rect()
        inside = self._inside_band(area)
        painter.fillRect(area, self.palette().window())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect, band, _ = self._shape()
        if not inside:
            track = QPen(self._track, band)
            track.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(track)
            painter.drawEllipse(rect)

        if self._fraction > 0 and not inside:
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
            digits = self._digits_rect()
            painter.drawPixmap(digits.topLeft(), self._digits_pixmap())
            self._digits_drawn = digits
        else:
            self._digits_drawn = None
        painter.end()
