"""A printable PDF of a routine, like the sheet a physiotherapist hands a patient.

``spasmtimer handout ROUTINE -o FILE.pdf`` (:mod:`spasmtimer.cli.handout`) and
the overview's "Print handout" button both call :func:`write_handout`. The
layout is fixed so the page count is predictable: the first page carries the
title, the routine's details, the red-flag box and :data:`FIRST_PAGE_EXERCISES`
exercises; every further page holds up to :data:`EXERCISES_PER_PAGE`. Each
exercise shows its picture, instructions, hold, reps, sets and sides.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPageSize,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtSvg import QSvgRenderer

from spasmtimer.core.guidance.safety import PRINTED_RED_FLAG_NOTE, printed_red_flags
from spasmtimer.core.routines.durations import format_duration
from spasmtimer.core.routines.loader import resolve_image
from spasmtimer.core.routines.plan import make_plan
from spasmtimer.core.routines.routine import Exercise, Hold, Routine, Sides
from spasmtimer.printing.a4 import HANDOUT_INK, Ink, a4_pdf_writer, whole_pdf

log = logging.getLogger(__name__)

FIRST_PAGE_EXERCISES = 2
EXERCISES_PER_PAGE = 4

RESOLUTION = 300  # dots per inch of the PDF's coordinate system
MARGIN_MM = 16.0
BLOCK_MM = 64.0  # height of one exercise
HEADER_MM = 54.0  # title, description, details
FLAGS_MM = 57.0  # the red-flag box with its gap
FOOTER_MM = 8.0


class HandoutError(Exception):
    """The handout could not be written; the message says why, in plain words."""


def page_count(exercises: int) -> int:
    """Pages a routine with ``exercises`` exercises takes."""
    rest = max(0, exercises - FIRST_PAGE_EXERCISES)
    return 1 + math.ceil(rest / EXERCISES_PER_PAGE)


def hold_text(hold: Hold) -> str:
    if hold.is_range:
        low, high = format_duration(hold.min_seconds), format_duration(hold.max_seconds)
        # "5–10 s" rather than "5 s–10 s" when both are plain seconds
        if low.endswith(" s") and high.endswith(" s") and "min" not in low + high:
            return f"{low[:-2]}–{high}"
        return f"{low} – {high}"
    return format_duration(hold.min_seconds)


def sides_text(sides: Sides) -> str:
    return {
        Sides.NONE: "",
        Sides.ALTERNATE: "alternate: left, right, left…",
        Sides.EACH: "all on the left, then all on the right",
    }[sides]


def details(exercise: Exercise) -> list[tuple[str, str]]:
    """The numbers of one exercise as (label, value) pairs, in print order."""
    reps = f"{exercise.reps}"
    if exercise.reps_range:
        reps += f"–{exercise.max_reps}"
    reps += " each side" if exercise.sides is not Sides.NONE else ""
    rows = [("Hold", hold_text(exercise.hold)), ("Reps", reps), ("Sets", str(exercise.sets))]
    if exercise.sides is not Sides.NONE:
        rows.append(("Sides", sides_text(exercise.sides)))
    if exercise.hold.is_range and exercise.reps_range:
        rows.append(
            (
                "",
                f"start at the shorter hold and {exercise.reps} reps; lengthen the hold, then "
                f"build up to {exercise.max_reps} reps as it gets easier",
            )
        )
    elif exercise.hold.is_range:
        rows.append(("", "start at the shorter hold; lengthen it as it gets easier"))
    elif exercise.reps_range:
        rows.append(
            ("", f"start with {exercise.reps}; build up to {exercise.max_reps} as it gets easier")
        )
    return rows


@dataclass
class _Page:
    """Millimetre drawing helpers on one painter."""

    painter: QPainter
    width_mm: float
    height_mm: float
    ink: Ink = HANDOUT_INK

    @staticmethod
    def px(mm: float) -> float:
        return mm * RESOLUTION / 25.4

    def rect(self, x: float, y: float, w: float, h: float) -> QRectF:
        return QRectF(self.px(x), self.px(y), self.px(w), self.px(h))

    def font(self, size: float, bold: bool = False, italic: bool = False) -> QFont:
        font = QFont("DejaVu Sans")
        font.setStyleHint(QFont.StyleHint.SansSerif)
        font.setPointSizeF(size)
        font.setBold(bold)
        font.setItalic(italic)
        self.painter.setFont(font)
        return font

    def text(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        text: str,
        size: float,
        *,
        bold: bool = False,
        italic: bool = False,
        color: QColor | None = None,
        min_size: float = 7.5,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    ) -> float:
        """Wrapped text in a box, shrunk (down to ``min_size``) to fit; returns its height."""
        box = self.rect(x, y, w, h)
        flags = int(align | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        while True:
            font = self.font(size, bold, italic)
            used = QFontMetricsF(font, self.painter.device()).boundingRect(box, flags, text)
            if used.height() <= box.height() or size <= min_size:
                break
            size -= 0.5
        self.painter.setPen(color if color is not None else QColor(self.ink.text))
        self.painter.save()
        self.painter.setClipRect(box)
        self.painter.drawText(box, flags, text)
        self.painter.restore()
        return min(used.height(), box.height()) * 25.4 / RESOLUTION

    def line(self, x1: float, y1: float, x2: float, y2: float, color: QColor, w: float) -> None:
        self.painter.setPen(QPen(color, self.px(w)))
        self.painter.drawLine(QPointF(self.px(x1), self.px(y1)), QPointF(self.px(x2), self.px(y2)))

    def box(self, x: float, y: float, w: float, h: float, edge: QColor, fill: QColor) -> None:
        path = QPainterPath()
        path.addRoundedRect(self.rect(x, y, w, h), self.px(2.5), self.px(2.5))
        self.painter.setPen(QPen(edge, self.px(0.5)))
        self.painter.setBrush(fill)
        self.painter.drawPath(path)
        self.painter.setBrush(Qt.BrushStyle.NoBrush)


def write_handout(routine: Routine, path: Path, ink: Ink = HANDOUT_INK) -> int:
    """Write ``routine`` as a printable A4 PDF to ``path``; returns the page count.

    Needs a QGuiApplication. Raises :class:`HandoutError` when the file
    cannot be written.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise HandoutError(f"cannot write {path}: the folder {path.parent} does not exist")
    with whole_pdf(path, HandoutError) as temporary:
        pages = _write(routine, temporary, ink)
    log.info("handout of %r written to %s (%d pages)", routine.name, path, pages)
    return pages


def _write(routine: Routine, path: Path, ink: Ink) -> int:
    writer = a4_pdf_writer(
        path, title=f"{routine.name} — SpasmTimer handout", resolution=RESOLUTION, margin_mm=0
    )
    painter = QPainter()
    if not painter.begin(writer):
        raise HandoutError(f"cannot write {path}: the file could not be opened for writing")
    try:
        size = QPageSize(QPageSize.PageSizeId.A4).size(QPageSize.Unit.Millimeter)
        page = _Page(painter, size.width(), size.height(), ink)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        total = page_count(len(routine.exercises))
        exercises = list(enumerate(routine.exercises, start=1))
        chunks = [exercises[:FIRST_PAGE_EXERCISES]]
        rest = exercises[FIRST_PAGE_EXERCISES:]
        chunks += [
            rest[i : i + EXERCISES_PER_PAGE] for i in range(0, len(rest), EXERCISES_PER_PAGE)
        ]
        for number, chunk in enumerate(chunks, start=1):
            if number > 1:
                writer.newPage()
            y = MARGIN_MM
            if number == 1:
                y = _draw_header(page, routine, y)
                y = _draw_red_flags(page, y)
            for index, exercise in chunk:
                _draw_exercise(page, routine, index, exercise, y)
                y += BLOCK_MM
            _draw_footer(page, routine, number, total)
    finally:
        painter.end()
    return len(chunks)


def _content_width(page: _Page) -> float:
    return page.width_mm - 2 * MARGIN_MM


def _draw_header(page: _Page, routine: Routine, y: float) -> float:
    x, w = MARGIN_MM, _content_width(page)
    page.text(x, y, w, 11, routine.name, 20, bold=True, min_size=14)
    total = format_duration(make_plan(routine, None).total_seconds)
    per_day = routine.sessions_per_day
    count = len(routine.exercises)
    facts = (
        f"{count} exercise{'s' if count != 1 else ''}  ·  about {total} per session  ·  "
        f"{per_day} session{'s' if per_day != 1 else ''} a day"
    )
    page.text(x, y + 11.5, w, 6, facts, 11.5, bold=True, color=QColor(page.ink.muted), min_size=9)
    top = y + 19
    description = " ".join(routine.description.split())
    if description:
        page.text(x, top, w, 22, description, 10, min_size=8)
    source = " ".join(routine.source.split())
    if source:
        page.text(
            x,
            top + 23,
            w,
            9,
            f"Source: {source}. Instructions in our own words.",
            8.5,
            italic=True,
            color=QColor(page.ink.muted),
            min_size=7,
        )
    page.line(x, y + HEADER_MM - 3, x + w, y + HEADER_MM - 3, QColor(page.ink.rule), 0.4)
    return y + HEADER_MM


def _draw_red_flags(page: _Page, y: float) -> float:
    x, w = MARGIN_MM, _content_width(page)
    h = FLAGS_MM - 6
    page.box(x, y, w, h, QColor(page.ink.flag_edge), QColor(page.ink.flag_fill))
    page.painter.setPen(QPen(QColor(page.ink.flag_edge), page.px(1.2)))
    page.painter.drawLine(
        QPointF(page.px(x + 0.6), page.px(y + 2.5)), QPointF(page.px(x + 0.6), page.px(y + h - 2.5))
    )
    page.text(
        x + 5,
        y + 3,
        w - 10,
        7,
        "Stop and seek medical care if…",
        12.5,
        bold=True,
        color=QColor(page.ink.flag_edge),
    )
    column = (w - 14) / 2
    flags_printed = printed_red_flags()
    half = math.ceil(len(flags_printed) / 2)
    for col, flags in enumerate((flags_printed[:half], flags_printed[half:])):
        fy = y + 11
        for flag in flags:
            fx = x + 5 + col * (column + 4)
            page.text(fx, fy, 4, 5, "•", 10, bold=True, color=QColor(page.ink.flag_edge))
            used = page.text(fx + 4, fy, column - 4, 14, flag, 9.5, min_size=8)
            fy += max(5.0, used) + 1.2
    page.text(
        x + 5,
        y + h - 11,
        w - 10,
        10,
        PRINTED_RED_FLAG_NOTE,
        8,
        italic=True,
        color=QColor(page.ink.muted),
        min_size=6.5,
    )
    return y + FLAGS_MM


def _draw_exercise(page: _Page, routine: Routine, index: int, exercise: Exercise, y: float) -> None:
    x, w = MARGIN_MM, _content_width(page)
    pic_w, pic_h = 72.0, 54.0
    image = resolve_image(routine, exercise)
    frame = page.rect(x, y + 2, pic_w, pic_h)
    renderer = QSvgRenderer(str(image)) if image is not None else None
    if renderer is not None and renderer.isValid():
        renderer.render(page.painter, frame)
    else:
        page.box(x, y + 2, pic_w, pic_h, QColor(page.ink.rule), QColor("white"))
        page.text(
            x,
            y + 2 + pic_h / 2 - 3,
            pic_w,
            6,
            "no picture",
            9,
            color=QColor(page.ink.muted),
            align=Qt.AlignmentFlag.AlignHCenter,
        )
    if exercise.sides is not Sides.NONE:
        page.text(
            x,
            y + 2 + pic_h + 0.8,
            pic_w,
            5,
            "Left side shown; mirror it for the right.",
            7.5,
            italic=True,
            color=QColor(page.ink.muted),
            align=Qt.AlignmentFlag.AlignHCenter,
        )

    tx = x + pic_w + 6
    tw = w - pic_w - 6
    page.text(tx, y + 2, tw, 8, f"{index}. {exercise.name}", 14, bold=True, min_size=10)
    row_y = y + 10.5
    label_w = 13.0
    for label, value in details(exercise):
        page.text(tx, row_y, label_w, 5.5, label, 9.5, bold=True, color=QColor(page.ink.muted))
        page.text(
            tx + label_w,
            row_y,
            tw - label_w,
            5.5,
            value,
            10,
            bold=bool(label),
            italic=not label,
            color=QColor(page.ink.text if label else page.ink.muted),
            min_size=8,
        )
        row_y += 5.3
    instructions = " ".join(exercise.instructions.split())
    if instructions:
        page.text(tx, row_y + 1.5, tw, y + BLOCK_MM - 6 - row_y, instructions, 10, min_size=7.5)
    page.line(x, y + BLOCK_MM - 3, x + w, y + BLOCK_MM - 3, QColor(page.ink.rule), 0.3)


def _draw_footer(page: _Page, routine: Routine, number: int, total: int) -> None:
    y = page.height_mm - MARGIN_MM + 2
    w = _content_width(page)
    page.text(
        MARGIN_MM, y, w * 0.75, 5, f"SpasmTimer · {routine.name}", 8, color=QColor(page.ink.muted)
    )
    page.text(
        MARGIN_MM + w * 0.75,
        y,
        w * 0.25,
        5,
        f"page {number} of {total}",
        8,
        color=QColor(page.ink.muted),
        align=Qt.AlignmentFlag.AlignRight,
    )


__all__ = ["HandoutError", "page_count", "write_handout"]
