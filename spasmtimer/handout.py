"""A printable PDF of a routine, like the sheet a physiotherapist hands a patient.

``spasmtimer handout ROUTINE -o FILE.pdf`` and the overview's "Print handout"
button both call :func:`write_handout`. The layout is fixed so the page count
is predictable: the first page carries the title, the routine's details, the
red-flag box and :data:`FIRST_PAGE_EXERCISES` exercises; every further page
holds up to :data:`EXERCISES_PER_PAGE`. Each exercise shows its picture,
instructions, hold, reps, sets and sides.
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageSize,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtSvg import QSvgRenderer

from spasmtimer.a4 import a4_pdf_writer
from spasmtimer.core.durations import format_duration
from spasmtimer.core.loader import resolve_image
from spasmtimer.core.plan import make_plan
from spasmtimer.core.routine import Exercise, Hold, Routine, Sides

log = logging.getLogger(__name__)

FIRST_PAGE_EXERCISES = 2
EXERCISES_PER_PAGE = 4

RESOLUTION = 300  # dots per inch of the PDF's coordinate system
MARGIN_MM = 16.0
BLOCK_MM = 64.0  # height of one exercise
HEADER_MM = 54.0  # title, description, details
FLAGS_MM = 57.0  # the red-flag box with its gap
FOOTER_MM = 8.0

INK = QColor("#1d3557")
MUTED = QColor("#52606d")
RULE = QColor("#c9d2dc")
FLAG_EDGE = QColor("#b42318")
FLAG_FILL = QColor("#fdf0ef")

# From the seed articles' "when to get help" sections, in short words.
RED_FLAGS = (
    "you lose control of your bladder or bowels",
    "your legs go numb, tingle or feel weak",
    "you have a fever, or feel generally unwell",
    "the pain started after a fall, a car accident or another injury",
    "you are losing weight without trying",
    "the pain never lets up or wakes you at night",
    "the pain lasts beyond 72 hours despite rest and pain relievers, "
    "or spasms go on for more than 2–3 weeks",
)
RED_FLAG_SOURCES = (
    "From “What to Do for Back Muscle Spasms”, “How Do You Relieve Back Spasms? 10 Tips” "
    "(MedicineNet), “Low Back Cramps or Spasms” and the lower back spasms article. "
    "Bladder or bowel problems, sudden leg weakness, fever or pain after an injury need "
    "care right away. This handout does not replace a doctor."
)


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
    reps = f"{exercise.reps}" + (" each side" if exercise.sides is not Sides.NONE else "")
    rows = [("Hold", hold_text(exercise.hold)), ("Reps", reps), ("Sets", str(exercise.sets))]
    if exercise.sides is not Sides.NONE:
        rows.append(("Sides", sides_text(exercise.sides)))
    if exercise.hold.is_range:
        rows.append(("", "start at the shorter hold; lengthen it as it gets easier"))
    return rows


@dataclass
class _Page:
    """Millimetre drawing helpers on one painter."""

    painter: QPainter
    width_mm: float
    height_mm: float

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
        color: QColor = INK,
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
        self.painter.setPen(color)
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


_KEEP_ALIVE: list[QGuiApplication] = []  # an application made here lives until exit


def _ensure_gui() -> None:
    """QPdfWriter and fonts need a QGuiApplication; make one if there is none."""
    if QGuiApplication.instance() is not None:
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _KEEP_ALIVE.append(QGuiApplication([sys.argv[0] if sys.argv else "spasmtimer"]))


def write_handout(routine: Routine, path: Path) -> int:
    """Write ``routine`` as a printable A4 PDF to ``path``; returns the page count.

    Raises :class:`HandoutError` when the file cannot be written.
    """
    _ensure_gui()
    path = Path(path)
    if not path.parent.is_dir():
        raise HandoutError(f"cannot write {path}: the folder {path.parent} does not exist")
    writer = a4_pdf_writer(
        path, title=f"{routine.name} — SpasmTimer handout", resolution=RESOLUTION, margin_mm=0
    )
    painter = QPainter()
    if not painter.begin(writer):
        raise HandoutError(f"cannot write {path}: the file could not be opened for writing")
    try:
        size = QPageSize(QPageSize.PageSizeId.A4).size(QPageSize.Unit.Millimeter)
        page = _Page(painter, size.width(), size.height())
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
    log.info("handout of %r written to %s (%d pages)", routine.name, path, len(chunks))
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
    page.text(x, y + 11.5, w, 6, facts, 11.5, bold=True, color=MUTED, min_size=9)
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
            color=MUTED,
            min_size=7,
        )
    page.line(x, y + HEADER_MM - 3, x + w, y + HEADER_MM - 3, RULE, 0.4)
    return y + HEADER_MM


def _draw_red_flags(page: _Page, y: float) -> float:
    x, w = MARGIN_MM, _content_width(page)
    h = FLAGS_MM - 6
    page.box(x, y, w, h, FLAG_EDGE, FLAG_FILL)
    page.painter.setPen(QPen(FLAG_EDGE, page.px(1.2)))
    page.painter.drawLine(
        QPointF(page.px(x + 0.6), page.px(y + 2.5)), QPointF(page.px(x + 0.6), page.px(y + h - 2.5))
    )
    page.text(
        x + 5, y + 3, w - 10, 7, "Stop and seek medical care if…", 12.5, bold=True, color=FLAG_EDGE
    )
    column = (w - 14) / 2
    half = math.ceil(len(RED_FLAGS) / 2)
    for col, flags in enumerate((RED_FLAGS[:half], RED_FLAGS[half:])):
        fy = y + 11
        for flag in flags:
            fx = x + 5 + col * (column + 4)
            page.text(fx, fy, 4, 5, "•", 10, bold=True, color=FLAG_EDGE)
            used = page.text(fx + 4, fy, column - 4, 14, flag, 9.5, min_size=8)
            fy += max(5.0, used) + 1.2
    page.text(
        x + 5,
        y + h - 11,
        w - 10,
        10,
        RED_FLAG_SOURCES,
        8,
        italic=True,
        color=MUTED,
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
        page.box(x, y + 2, pic_w, pic_h, RULE, QColor("white"))
        page.text(
            x,
            y + 2 + pic_h / 2 - 3,
            pic_w,
            6,
            "no picture",
            9,
            color=MUTED,
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
            color=MUTED,
            align=Qt.AlignmentFlag.AlignHCenter,
        )

    tx = x + pic_w + 6
    tw = w - pic_w - 6
    page.text(tx, y + 2, tw, 8, f"{index}. {exercise.name}", 14, bold=True, min_size=10)
    row_y = y + 10.5
    label_w = 13.0
    for label, value in details(exercise):
        page.text(tx, row_y, label_w, 5.5, label, 9.5, bold=True, color=MUTED)
        page.text(
            tx + label_w,
            row_y,
            tw - label_w,
            5.5,
            value,
            10,
            bold=bool(label),
            italic=not label,
            color=INK if label else MUTED,
            min_size=8,
        )
        row_y += 5.3
    instructions = " ".join(exercise.instructions.split())
    if instructions:
        page.text(tx, row_y + 1.5, tw, y + BLOCK_MM - 6 - row_y, instructions, 10, min_size=7.5)
    page.line(x, y + BLOCK_MM - 3, x + w, y + BLOCK_MM - 3, RULE, 0.3)


def _draw_footer(page: _Page, routine: Routine, number: int, total: int) -> None:
    y = page.height_mm - MARGIN_MM + 2
    w = _content_width(page)
    page.text(MARGIN_MM, y, w * 0.75, 5, f"SpasmTimer · {routine.name}", 8, color=MUTED)
    page.text(
        MARGIN_MM + w * 0.75,
        y,
        w * 0.25,
        5,
        f"page {number} of {total}",
        8,
        color=MUTED,
        align=Qt.AlignmentFlag.AlignRight,
    )


def _error(text: str) -> int:
    sys.stderr.write(f"spasmtimer handout: {text}\n")
    return 1


def cmd_handout(args: argparse.Namespace) -> int:
    """``spasmtimer handout ROUTINE -o FILE.pdf``: 0 written, 1 a problem (one line on stderr)."""
    from spasmtimer.core.loader import find_routine
    from spasmtimer.core.problems import RoutineError

    try:
        routine = find_routine(args.routine)
    except RoutineError as error:
        more = len(error.problems) - 1
        suffix = f" (and {more} more problem{'s' if more != 1 else ''})" if more else ""
        return _error(f"{error.problems[0]}{suffix}")
    output = Path(args.output).expanduser()
    if output.is_dir():
        return _error(f"{output} is a folder; give a file name such as {output / 'handout.pdf'}")
    try:
        pages = write_handout(routine, output)
    except HandoutError as error:
        return _error(str(error))
    sys.stdout.write(
        f"Wrote {output} ({pages} page{'s' if pages != 1 else ''}) for '{routine.name}'.\n"
    )
    return 0


__all__ = ["HandoutError", "cmd_handout", "page_count", "write_handout"]
