"""A4 PDF documents: the page set-up and the ink the handout and the report share."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

from spasmtimer import __version__
from spasmtimer.core.atomic import atomic_path


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


@contextmanager
def whole_pdf(path: Path, error: type[Exception], what: str = "cannot write") -> Iterator[Path]:
    """A temporary file beside ``path`` to write a PDF to, put in its place only
    when it was written whole: on a full disk the old file stays as it was.

    Raises ``error`` with the reason ("No space left on device", ...).
    """
    try:
        with atomic_path(path) as temporary:
            yield temporary
            _require_whole(temporary)
    except OSError as exc:
        raise error(f"{what} {path}: {exc.strerror or exc}") from None


def _require_whole(path: Path) -> None:
    """QPdfWriter does not report a failed write: a whole PDF ends with %%EOF."""
    with path.open("rb") as stream:
        size = stream.seek(0, os.SEEK_END)
        stream.seek(max(0, size - 64))
        tail = stream.read()
    if b"%%EOF" not in tail:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC) + " (the PDF was cut short)")
