"""A PDF report of the sessions and the pain, to take to a clinician.

One A4 document (QPdfWriter): the date range, adherence per routine (sessions
done against sessions asked, days that met it), the chart of pain before and
after, and the list of sessions. The caller gives the ink (the app prints in
its light theme) and the function that builds the pain chart, so printing
needs nothing of the screens.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPdfWriter, QPen
from PySide6.QtWidgets import QGraphicsScene, QGraphicsWidget

from spasmtimer import __version__
from spasmtimer.core.history import adherence
from spasmtimer.core.history.level_changes import LevelChange
from spasmtimer.core.history.store import HistoryStore, SessionRecord, SessionStatus
from spasmtimer.printing.a4 import Ink, a4_pdf_writer, whole_pdf

PainPoint = tuple[datetime, int | None, int | None]  # when, pain before, pain after
ChartMaker = Callable[[Sequence[PainPoint]], QGraphicsWidget]

log = logging.getLogger(__name__)

DPI = 300
_COLUMNS = (  # (title, share of the width)
    ("Date", 0.12),
    ("Time", 0.07),
    ("Routine", 0.22),
    ("Status", 0.12),
    ("Done/skipped", 0.15),
    ("Min", 0.06),
    ("Pain", 0.09),
    ("Note", 0.16),
)


class ReportError(Exception):
    """The report could not be written; the message says where and why."""


@dataclass(frozen=True)
class ReportRange:
    first_day: date
    last_day: date
    routine: str | None = None  # None: every routine


def _mm(value: float) -> float:
    return value / 25.4 * DPI


class _Writer:
    """Lays text out top to bottom, starting a new page when one is full."""

    def __init__(self, pdf: QPdfWriter, painter: QPainter, ink: Ink) -> None:
        self.pdf = pdf
        self.painter = painter
        self.ink = ink
        rect = painter.viewport()
        self.width = float(rect.width())
        self.height = float(rect.height())
        self.y = 0.0
        self.pages = 1

    def font(self, points: float, bold: bool = False) -> None:
        font = QFont("Sans Serif")
        font.setPointSizeF(points)
        font.setBold(bold)
        self.painter.setFont(font)

    def line_height(self) -> float:
        return float(self.painter.fontMetrics().height()) * 1.25

    def need(self, height: float) -> None:
        if self.y + height > self.height:
            self.pdf.newPage()
            self.pages += 1
            self.y = 0.0

    def text(self, text: str, points: float = 10, bold: bool = False, colour: str = "") -> None:
        self.font(points, bold)
        self.painter.setPen(QColor(colour or self.ink.text))
        flags = int(Qt.TextFlag.TextWordWrap)
        bounds = self.painter.boundingRect(QRectF(0, 0, self.width, 10_000), flags, text)
        self.need(bounds.height())
        self.painter.drawText(QRectF(0, self.y, self.width, bounds.height()), flags, text)
        self.y += bounds.height() + self.line_height() * 0.3

    def row(self, cells: tuple[str, ...], bold: bool = False) -> None:
        self.font(8.5, bold)
        height = self.line_height()
        self.need(height)
        self.painter.setPen(QColor(self.ink.text))
        x = 0.0
        for (_, share), cell in zip(_COLUMNS, cells, strict=True):
            width = self.width * share
            elided = self.painter.fontMetrics().elidedText(
                cell, Qt.TextElideMode.ElideRight, int(width - _mm(1.5))
            )
            self.painter.drawText(QRectF(x, self.y, width, height), elided)
            x += width
        self.y += height
        if bold:
            self.painter.setPen(QPen(QColor(self.ink.rule), _mm(0.2)))
            self.painter.drawLine(0, int(self.y), int(self.width), int(self.y))
            self.y += _mm(1)


def _cells(s: SessionRecord) -> tuple[str, ...]:
    def pain(v: int | None) -> str:
        return "-" if v is None else str(v)

    pain_text = (
        ""
        if s.pain_before is None and s.pain_after is None
        else f"{pain(s.pain_before)}→{pain(s.pain_after)}"
    )
    return (
        s.local_date.isoformat(),
        s.started.astimezone().strftime("%H:%M"),
        s.routine,
        s.status.value,
        f"{s.holds_done}/{s.holds_skipped}",
        f"{s.duration_seconds / 60:.0f}",
        pain_text,
        s.note or "",
    )


def _render_chart(
    writer: _Writer, store: HistoryStore, selection: ReportRange, chart_maker: ChartMaker
) -> None:
    points = [
        p
        for p in store.pain_points(selection.routine)
        if selection.first_day <= p[0].astimezone().date() <= selection.last_day
    ]
    if not points:
        writer.text("No pain ratings in this period.", colour=writer.ink.muted)
        return
    height = writer.width * 0.45
    writer.need(height)
    chart = chart_maker(points)
    scene = QGraphicsScene()
    scene.addItem(chart)
    # Lay the chart out at screen size, then scale it onto the page.
    size = (900.0, 900.0 * 0.45)
    chart.setGeometry(QRectF(0, 0, *size))
    scene.setSceneRect(QRectF(0, 0, *size))
    scene.render(writer.painter, QRectF(0, writer.y, writer.width, height), QRectF(0, 0, *size))
    scene.removeItem(chart)
    chart.deleteLater()
    writer.y += height + writer.line_height()


def write_report(
    path: Path,
    store: HistoryStore,
    selection: ReportRange,
    sessions_per_day: Mapping[str, int] | None = None,
    *,
    ink: Ink,
    chart: ChartMaker,
    now: datetime | None = None,
    level_changes: Sequence[LevelChange] = (),
) -> int:
    """Write the report to ``path``; returns the number of pages. Raises ReportError.

    ``chart`` builds the pain chart from the period's (time, before, after)
    ratings; ``ink`` gives the colours; ``level_changes`` are the period's
    hold changes, each with its reason (:func:`spasmtimer.core.history.level_changes.changes`).
    """
    per_day = dict(sessions_per_day or {})
    sessions = store.sessions(
        selection.routine, since=selection.first_day, until=selection.last_day, newest_first=False
    )
    # Written beside ``path`` and put in its place only when whole (a4.whole_pdf).
    with whole_pdf(Path(path), ReportError, "cannot write the report to") as temporary:
        pdf = a4_pdf_writer(temporary, title="SpasmTimer report", resolution=DPI, margin_mm=15)
        painter = QPainter()
        if not painter.begin(pdf):
            raise ReportError(
                f"cannot write the report to {path}: the file cannot be created there"
            )
        try:
            pages = _draw(
                pdf, painter, ink, store, selection, sessions, per_day, chart, now, level_changes
            )
        finally:
            painter.end()
        del pdf
    return pages


def _draw(
    pdf: QPdfWriter,
    painter: QPainter,
    ink: Ink,
    store: HistoryStore,
    selection: ReportRange,
    sessions: Sequence[SessionRecord],
    per_day: Mapping[str, int],
    chart: ChartMaker,
    now: datetime | None,
    level_changes: Sequence[LevelChange],
) -> int:
    writer = _Writer(pdf, painter, ink)
    writer.text("Back exercise and pain report", 18, bold=True)
    who = selection.routine or "all routines"
    stamp = (now or datetime.now()).strftime("%-d %B %Y")
    writer.text(
        f"{selection.first_day:%-d %B %Y} to {selection.last_day:%-d %B %Y} · {who} · "
        f"made {stamp} by SpasmTimer {__version__}",
        9,
        colour=writer.ink.muted,
    )

    writer.text("Adherence", 13, bold=True)
    routines = sorted({s.routine for s in sessions}) or (
        [selection.routine] if selection.routine else []
    )
    if not routines:
        writer.text("No sessions in this period.", colour=writer.ink.muted)
    for name in routines:
        counts = store.completed_per_day(name, since=selection.first_day, until=selection.last_day)
        summary = adherence.adherence(
            name, counts, per_day.get(name, 1), selection.first_day, selection.last_day
        )
        stopped = sum(
            1 for s in sessions if s.routine == name and s.status is not SessionStatus.COMPLETED
        )
        more = f" (and {summary.extra} more)" if summary.extra else ""
        writer.text(
            f"{name}: {summary.sessions_done} of {summary.sessions_asked} sessions asked "
            f"({summary.sessions_per_day} a day) completed{more}, {summary.percent:.0f}%; "
            f"the daily aim was met on {summary.days_met} of {summary.days} days. "
            f"{stopped} more were stopped or interrupted.",
            10,
        )

    writer.text("Pain", 13, bold=True)
    _render_chart(writer, store, selection, chart)

    writer.text("Hold changes", 13, bold=True)
    for change in level_changes:
        writer.text(change.line(), 10)
    if not level_changes:
        writer.text("None in this period.", colour=writer.ink.muted)

    writer.text("Sessions", 13, bold=True)
    writer.row(tuple(title for title, _ in _COLUMNS), bold=True)
    for s in sessions:
        writer.row(_cells(s))
    if not sessions:
        writer.text("None.", colour=writer.ink.muted)
    return writer.pages
