"""Which texts a window cuts off: labels and buttons too small for their words.

Shared by ``tests/test_large_text.py`` and ``tools/large_text_screenshots.py``
(the 200 % screenshots). A text inside a scroll area may run past the window
(it scrolls); its own label must still hold it.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QLabel, QWidget


def _scrolls(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def clipped_texts(window: QWidget, slack: int = 2) -> list[str]:
    """What is cut off in ``window``: one line per widget, saying by how much."""
    found: list[str] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        if isinstance(widget, QLabel):
            text = widget.text()
            if not text or widget.textFormat() == Qt.TextFormat.RichText or widget.pixmap():
                continue
            room = widget.contentsRect()
            if widget.wordWrap():
                need_h = widget.heightForWidth(widget.width())
                if need_h > widget.height() + slack:
                    found.append(f"label {text[:40]!r}: {need_h} px high in {widget.height()}")
                continue
            metrics = widget.fontMetrics()
            need_w = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
            need_h = metrics.height() * (text.count("\n") + 1)
            if need_w > room.width() + slack or need_h > room.height() + slack:
                found.append(
                    f"label {text[:40]!r}: {need_w}×{need_h} px in {room.width()}×{room.height()}"
                )
        elif isinstance(widget, QAbstractButton):
            text = _plain(widget.text())
            if not text:
                continue
            # Its size hint is its text, icon, padding and border: less cuts the text.
            need = widget.sizeHint()
            if need.width() > widget.width() + slack or need.height() > widget.height() + slack:
                found.append(
                    f"button {text!r}: {need.width()}×{need.height()} px "
                    f"in {widget.width()}×{widget.height()}"
                )
        else:
            continue
        if not _scrolls(widget, window):
            corner = widget.mapTo(window, QPoint(0, 0))
            if not window.rect().contains(QRect(corner, widget.size())):
                found.append(f"{type(widget).__name__} {widget.objectName()!r}: past the window")
    return found
