"""A4 PDF documents: the page set-up and the ink the handout and the report share."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

from spasmtimer import __version__


@dataclass(frozen=True)
class Ink:
    """The colours a document is printed in (``#rrggbb``), chosen by the caller."""

    text: str
    muted: str
    rule: str
    flag_edge: str = "#b42318"  # the red-flag box
    flag_fill: str = "#fdf0ef"


HANDOUT_INK = Ink(text="#1d3557", muted="#52606d", rule="#c9d2dc")


def a4_pdf_writer(path: Path, *, title: str, resolution: int, margin_mm: float) -> QPdfWriter:
    """A portrait A4 QPdfWriter at ``resolution`` dpi with even margins."""
    writer = QPdfWriter(str(path))
    writer.setResolution(resolution)
    writer.setTitle(title)
    writer.setCreator(f"SpasmTimer {__version__}")
    margins = QMarginsF(margin_mm, margin_mm, margin_mm, margin_mm)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            margins,
            QPageLayout.Unit.Millimeter,
        )
    )
    return writer
