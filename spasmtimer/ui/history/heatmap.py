"""A calendar heat map of sessions per day, the way GitHub shows contributions.

One column per week (Monday on top), the last :data:`WEEKS` weeks ending with
the current one, month names above and a "Less ... More" legend below. The
shade says how many sessions were completed that day; the tooltip says it in
words, so colour is never the only carrier.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from spasmtimer.ui.theme import Theme, system_theme

WEEKS = 26
CELL = 13
GAP = 3
LEFT = 30  # room for the weekday names
TOP = 16  # room for the month names
LEGEND = 22  # room for the legend below
_DAYS = ("Mon", "", "Wed", "", "Fri", "", "")


def first_day_for(today: date) -> date:
    """The Monday that starts the first column when ``today`` is in the last."""
    this_monday = today - timedelta(days=today.weekday())
    return this_monday - timedelta(weeks=WEEKS - 1)


def shade_level(count: int, per_day: int) -> int:
    """0 for none, 1-4 for more; level 3 is exactly "as many as asked"."""
    if count <= 0:
        return 0
    per_day = max(1, per_day)
    if count >= per_day + 1:
        return 4
    if count >= per_day:
        return 3
    return 1 if count * 2 < per_day else 2


class HeatMap(QWidget):
    """Completed sessions per day over the last :data:`WEEKS` weeks.

    No signals: it only shows what :meth:`set_counts` gives it. ``today`` is
    the calendar's clock (the history's, which tests fake); until the first
    :meth:`set_counts` the last column is the week of ``today()``.
    """

    def __init__(
        self,
        today: Callable[[], date],
        theme: Theme | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("heatMap")
        self.setAccessibleName("Calendar of sessions")
        self._theme = theme or system_theme()
        self._counts: dict[date, int] = {}
        self._today = today()
        self._per_day = 1
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)

    def set_counts(self, counts: Mapping[date, int], today: date, per_day: int = 1) -> None:
        self._counts = dict(counts)
        self._today = today
        self._per_day = max(1, per_day)
        self.setAccessibleDescription(self.summary())
        self.update()

    @property
    def first_day(self) -> date:
        """The Monday that starts the first column."""
        return first_day_for(self._today)

    def summary(self) -> str:
        days = [d for d, n in self._counts.items() if n > 0 and self.first_day <= d <= self._today]
        return f"Sessions on {len(days)} of the last {WEEKS} weeks' days"

    def sizeHint(self) -> QSize:
        return QSize(LEFT + WEEKS * (CELL + GAP), TOP + 7 * (CELL + GAP) + LEGEND)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def cell_rect(self, day: date) -> QRect:
        offset = (day - self.first_day).days
        week, weekday = divmod(offset, 7)
        return QRect(LEFT + week * (CELL + GAP), TOP + weekday * (CELL + GAP), CELL, CELL)

    def day_at(self, point: QPoint) -> date | None:
        week = (point.x() - LEFT) // (CELL + GAP)
        weekday = (point.y() - TOP) // (CELL + GAP)
        if not (0 <= week < WEEKS and 0 <= weekday < 7) or point.x() < LEFT or point.y() < TOP:
            return None
        day = self.first_day + timedelta(days=week * 7 + weekday)
        return day if day <= self._today else None

    def _shades(self) -> list[QColor]:
        empty = QColor(self._theme.track)
        full = QColor(self._theme.hold)
        shades = [empty]
        for level in range(1, 5):
            mix = 0.3 + 0.7 * level / 4
            shades.append(
                QColor(
                    round(empty.red() + (full.red() - empty.red()) * mix),
                    round(empty.green() + (full.green() - empty.green()) * mix),
                    round(empty.blue() + (full.blue() - empty.blue()) * mix),
                )
            )
        return shades

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        shades = self._shades()
        text = QColor(self._theme.muted)
        small = painter.font()
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.75))
        painter.setFont(small)
        painter.setPen(text)
        for row, name in enumerate(_DAYS):
            if name:
                y = TOP + row * (CELL + GAP)
                painter.drawText(
                    QRect(0, y - 2, LEFT - 4, CELL + 4), Qt.AlignmentFlag.AlignRight, name
                )
        first = self.first_day
        last_month = first.month if first.day > 7 else None
        last_label = -3
        painter.setPen(Qt.PenStyle.NoPen)
        for offset in range((self._today - first).days + 1):
            day = first + timedelta(days=offset)
            # A month's name over its first week, unless it would run into the last one.
            week = offset // 7
            if day.weekday() == 0 and day.month != last_month and week - last_label >= 3:
                last_month, last_label = day.month, week
                painter.setPen(text)
                x = self.cell_rect(day).x()
                painter.drawText(
                    QRect(x, 0, 40, TOP), Qt.AlignmentFlag.AlignLeft, day.strftime("%b")
                )
                painter.setPen(Qt.PenStyle.NoPen)
            level = shade_level(self._counts.get(day, 0), self._per_day)
            painter.setBrush(shades[level])
            painter.drawRoundedRect(self.cell_rect(day), 2, 2)
            if day == self._today:
                painter.setPen(QColor(self._theme.text))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(self.cell_rect(day).adjusted(0, 0, -1, -1), 2, 2)
                painter.setPen(Qt.PenStyle.NoPen)
        self._paint_legend(painter, shades, text)
        painter.end()

    def _paint_legend(self, painter: QPainter, shades: list[QColor], text: QColor) -> None:
        y = TOP + 7 * (CELL + GAP) + 4
        right = LEFT + WEEKS * (CELL + GAP)
        x = right - 5 * (CELL + GAP) - 36
        painter.setPen(text)
        painter.drawText(QRect(x - 34, y - 1, 32, CELL + 2), Qt.AlignmentFlag.AlignRight, "Less")
        painter.setPen(Qt.PenStyle.NoPen)
        for level, colour in enumerate(shades):
            painter.setBrush(colour)
            painter.drawRoundedRect(QRect(x + level * (CELL + GAP), y, CELL, CELL), 2, 2)
        painter.setPen(text)
        after = x + 5 * (CELL + GAP)
        painter.drawText(QRect(after, y - 1, 36, CELL + 2), Qt.AlignmentFlag.AlignLeft, "More")

    def tooltip_for(self, day: date) -> str:
        count = self._counts.get(day, 0)
        sessions = "no sessions" if count == 0 else f"{count} session{'s' if count > 1 else ''}"
        return f"{day.strftime('%a %-d %b %Y')}: {sessions} completed"

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            day = self.day_at(event.pos())
            if day is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_for(day), self)
            return True
        return super().event(event)
