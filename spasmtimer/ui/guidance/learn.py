"""The Learn page: posture, lifting, water, walking, desk breaks, prevention.

The content is :mod:`spasmtimer.core.guidance.learn`, in our words, each point
followed by the articles it comes from; this module only lays it out in a
read-only browser that scrolls and finds text.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from spasmtimer.core.guidance.learn import TOPICS, Topic, credits, disclaimer
from spasmtimer.ui.theme import Theme, system_theme


def topic_html(topic: Topic, theme: Theme) -> str:
    items = []
    for point in topic.points:
        named = ", ".join(html.escape(s.title) for s in point.sources)
        items.append(
            f"<li style='margin-bottom:8px'>{html.escape(point.text)}<br>"
            f"<span style='color:{theme.muted}; font-size:small'>From: {named}</span></li>"
        )
    anchor = f"<a name='{topic.key}'></a>"
    return f"<h2>{anchor}{html.escape(topic.title)}</h2><ul>{''.join(items)}</ul>"


def learn_html(theme: Theme) -> str:
    """The whole page as rich text."""
    sources = "".join(f"<li>{html.escape(s.credit)}</li>" for s in credits())
    return (
        "<h1>Learn: helping your back</h1>"
        f"<p style='background:{theme.warning_bg}; color:{theme.warning_text}; padding:6px'>"
        f"{html.escape(disclaimer())}</p>"
        + "".join(topic_html(t, theme) for t in TOPICS)
        + f"<h2>Sources</h2><ul>{sources}</ul>"
    )


class LearnPage(QWidget):
    """A scrolling page of advice; :meth:`show_topic` jumps to a heading."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("learnPage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName("Learn: helping your back")
        # Qt reports the focus on the page's viewport: name it too, or Tab lands on "nothing".
        self.browser.viewport().setAccessibleName("Learn: helping your back")
        font = self.browser.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.browser.setFont(font)
        self.browser.setHtml(learn_html(system_theme()))
        layout.addWidget(self.browser)

    def show_topic(self, key: str) -> None:
        self.browser.scrollToAnchor(key)

    def text(self) -> str:
        return self.browser.toPlainText()
