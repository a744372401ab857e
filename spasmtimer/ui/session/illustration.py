"""An exercise's picture, drawn from its SVG, mirrored when the right side works.

QtSvg is imported only when the first picture is drawn, so it costs nothing
at start-up. The rendered pixmap is cached per (file, side, size).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from spasmtimer.core.routines.routine import Exercise, Routine

log = logging.getLogger(__name__)


def image_path(routine: Routine, exercise: Exercise) -> Path | None:
    """Where an exercise's image is: beside the routine file, then among the bundled ones."""
    from spasmtimer.core.routines.loader import resolve_image

    return resolve_image(routine, exercise)


class Illustration(QWidget):
    """Shows one SVG, keeping its aspect ratio; mirrored horizontally on request."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.mirrored = False
        self._cache: tuple[tuple[object, ...], QPixmap] | None = None
        self._background = QColor("#ffffff")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(80, 60)

    def sizeHint(self) -> QSize:
        return QSize(320, 200)

    def show_image(self, path: Path | None, mirrored: bool, *, name: str = "") -> None:
        """Show ``path`` (flipped when ``mirrored``); ``name`` says what it shows."""
        if name:
            self.setAccessibleName(f"Picture: {name}")
        if (path, mirrored) != (self.path, self.mirrored):
            self.path, self.mirrored = path, mirrored
            self._cache = None
            self.setVisible(path is not None)
            self.update()

    def set_background(self, colour: QColor) -> None:
        self._background = QColor(colour)
        self._cache = None
        self.update()

    def _pixmap(self) -> QPixmap | None:
        if self.path is None:
            return None
        dpr = self.devicePixelRatioF()
        key = (self.path, self.mirrored, self.width(), self.height(), dpr)
        if self._cache is not None and self._cache[0] == key:
            return self._cache[1]
        from PySide6.QtSvg import QSvgRenderer

        renderer = QSvgRenderer(str(self.path))
        if not renderer.isValid():
            log.warning("cannot draw the picture %s", self.path)
            return None
        size = renderer.defaultSize()
        box = QSize(self.width(), self.height())
        if size.isEmpty():
            size = box
        size.scale(box, Qt.AspectRatioMode.KeepAspectRatio)
        if size.isEmpty():
            return None
        pixmap = QPixmap(max(1, round(size.width() * dpr)), max(1, round(size.height() * dpr)))
        pixmap.setDevicePixelRatio(dpr)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.mirrored:
            painter.translate(size.width(), 0)
            painter.scale(-1, 1)
        renderer.render(painter, QRectF(0, 0, size.width(), size.height()))
        painter.end()
        self._cache = (key, pixmap)
        return pixmap

    def paintEvent(self, event: QPaintEvent) -> None:
        pixmap = self._pixmap()
        if pixmap is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        w = pixmap.width() / pixmap.devicePixelRatio()
        h = pixmap.height() / pixmap.devicePixelRatio()
        x, y = (self.width() - w) / 2, (self.height() - h) / 2
        # A light card behind the line drawing keeps it visible in the dark theme.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._background)
        painter.drawRoundedRect(QRectF(x, y, w, h), 12, 12)
        painter.drawPixmap(round(x), round(y), pixmap)
        painter.end()
