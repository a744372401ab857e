"""A strip across the top of the window for what went wrong with the user's files.

It is above every screen (Today, the routines, a running session, its end),
so a problem is seen at once wherever the user is: a history that could not
be saved (shown until it is saved, then gone), or one that was damaged and
salvaged (shown until the user presses OK). Large text, in plain words.
"""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from spasmtimer.ui.theme import pixel_font


class NoticeBar(QWidget):
    """``set_problem`` for what lasts while it is true; ``show_notice`` for news."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.label = QLabel()
        self.label.setObjectName("noticeText")
        self.label.setProperty("notice", True)
        self.label.setWordWrap(True)
        self.ok_button = QPushButton("OK")
        self.ok_button.setToolTip("Hide this message")
        self.ok_button.setAccessibleName("Hide this message")
        self.ok_button.clicked.connect(self._on_ok_button_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.ok_button)
        self._problem = ""
        self._notices: list[str] = []
        self._shown: set[str] = set()
        self._refresh()

    @property
    def text(self) -> str | None:
        """What the bar says, or None when it is hidden."""
        return None if self.isHidden() else self.label.text()

    def set_problem(self, text: str) -> None:
        """A problem that lasts until it is solved ("" when it is)."""
        self._problem = text
        self._refresh()

    def show_notice(self, text: str) -> None:
        """News the user should read once (each text is shown once per run)."""
        if text and text not in self._shown:
            self._shown.add(text)
            self._notices.append(text)
            self._refresh()

    def _on_ok_button_clicked(self) -> None:
        self._notices.clear()
        self._refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        s = max(0.6, min(2.0, self.width() / 1280))  # as the screens scale their text
        self.label.setFont(pixel_font(self, 20 * s, True))
        self.ok_button.setFont(pixel_font(self, 20 * s))

    def _refresh(self) -> None:
        parts = [p for p in (self._problem, *self._notices) if p]
        self.label.setText("\n\n".join(parts))
        self.label.setAccessibleName("Notice: " + " ".join(parts) if parts else "Notice")
        self.ok_button.setVisible(bool(self._notices))
        self.setVisible(bool(parts))


def with_notice_bar(bar: NoticeBar, screens: QWidget) -> QWidget:
    """The window's central widget: the bar above the screens."""
    central = QWidget()
    layout = QVBoxLayout(central)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(bar)
    layout.addWidget(screens, 1)
    return central
