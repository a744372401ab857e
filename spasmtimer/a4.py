"""A4 PDF documents: the patient handout and the clinician report share this page set-up."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

from spasmtimer import __version__


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
