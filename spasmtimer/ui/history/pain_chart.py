"""The chart of pain before and after each session, over time (QtCharts).

QtCharts is imported here only, and this module only when a chart is first
needed (the history window's Pain tab, the PDF report), so starting the app
never pays for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QDateTime, QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from spasmtimer.ui.theme import Theme, system_theme

PainPoint = tuple[datetime, int | None, int | None]
Plotted = tuple[datetime, float | None, float | None]
MAX_POINTS = 120  # beyond this, one point per week (the mean) keeps the chart readable


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def condense(points: Sequence[PainPoint], max_points: int = MAX_POINTS) -> list[Plotted]:
    """The points as they are, or weekly means (at each week's Monday) if too many."""
    if len(points) <= max_points:
        return [(t, b, a) for t, b, a in points]
    weeks: dict[date, tuple[list[int], list[int]]] = {}
    for moment, before, after in points:
        day = moment.astimezone().date()
        monday = day - timedelta(days=day.weekday())
        befores, afters = weeks.setdefault(monday, ([], []))
        if before is not None:
            befores.append(before)
        if after is not None:
            afters.append(after)
    return [
        (datetime.combine(monday, time(12)).astimezone(), _mean(b), _mean(a))
        for monday, (b, a) in sorted(weeks.items())
    ]


def _series(name: str, colour: str, points: list[tuple[float, float]], dashed: bool) -> QLineSeries:
    series = QLineSeries()
    series.setName(name)
    pen = QPen(QColor(colour))
    pen.setWidthF(2.0)
    if dashed:  # before and after differ by more than colour
        pen.setStyle(Qt.PenStyle.DashLine)
    series.setPen(pen)
    series.setPointsVisible(True)
    series.setMarkerSize(7.0)
    for x, y in points:
        series.append(x, float(y))
    return series


def build_chart(points: Sequence[PainPoint], theme: Theme | None = None) -> QChart:
    """A chart with one line for the pain before and one for after, 0 to 10."""
    theme = theme or system_theme()
    plotted = condense(points)
    chart = QChart()
    if len(plotted) < len(points):
        chart.setTitle("Pain before and after sessions, weekly average (0 = none, 10 = worst)")
    else:
        chart.setTitle("Pain before and after each session (0 = none, 10 = worst)")
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundBrush(QColor(theme.surface))
    chart.setTitleBrush(QColor(theme.text))
    chart.legend().setLabelColor(QColor(theme.text))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    before = [(_ms(t), b) for t, b, _ in plotted if b is not None]
    after = [(_ms(t), a) for t, _, a in plotted if a is not None]
    lines = [
        _series("Before", theme.danger, before, dashed=True),
        _series("After", theme.accent, after, dashed=False),
    ]
    x_axis = QDateTimeAxis()
    x_axis.setTickCount(6)
    y_axis = QValueAxis()
    y_axis.setRange(0, 10)
    y_axis.setTickCount(6)
    y_axis.setLabelFormat("%d")
    for axis in (x_axis, y_axis):
        axis.setLabelsColor(QColor(theme.muted))
        axis.setGridLineColor(QColor(theme.track))
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    for series in lines:
        chart.addSeries(series)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)
    times = [x for x, _ in before + after]
    if times:
        first, last = min(times), max(times)
        if last - first < 86_400_000:  # one day at least, so one point is not a sliver
            first, last = first - 43_200_000, last + 43_200_000
        x_axis.setRange(
            QDateTime.fromMSecsSinceEpoch(int(first)), QDateTime.fromMSecsSinceEpoch(int(last))
        )
        x_axis.setFormat(axis_format(last - first))
    else:
        x_axis.setFormat(axis_format(0))
    return chart


def axis_format(span_ms: float) -> str:
    """Labels that differ from tick to tick: with the hour when the chart spans a few days
    (a day's chart would otherwise repeat its date at every tick)."""
    return "d MMM HH:mm" if span_ms < 6 * 86_400_000 else "d MMM yyyy"


def _ms(moment: datetime) -> float:
    return moment.timestamp() * 1000.0


def chart_view(
    points: Sequence[PainPoint], theme: Theme | None = None, parent: QWidget | None = None
) -> QChartView:
    view = QChartView(build_chart(points, theme), parent)
    view.setObjectName("painChart")
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(220)
    return view


def series_points(view: QChartView) -> dict[str, int]:
    """Points per line, by name (for tests and the report's caption)."""
    chart = view.chart()
    return {s.name(): s.count() for s in chart.series() if isinstance(s, QLineSeries)}
