"""The "Seek care now if…" screen: the red flags, big and plain, with sources.

Shown once on first launch (the user acknowledges it; the acknowledgement is
kept in the settings) and at any time from the Help menu. The content is
:mod:`spasmtimer.core.guidance.safety`; this module only lays it out.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from spasmtimer.core.guidance.safety import (
    NOT_A_DOCTOR,
    RED_FLAGS,
    RedFlag,
    Urgency,
    by_urgency,
    sources_of,
)
from spasmtimer.services.settings import Settings
from spasmtimer.ui.announce import mark_heading
from spasmtimer.ui.theme import Theme, system_theme

TITLE = "Seek care now if…"


def red_flags_html(
    theme: Theme, flags_by_urgency: list[tuple[Urgency, tuple[RedFlag, ...]]]
) -> str:
    """The red flags as rich text: a heading per urgency, one line per flag."""
    parts = []
    for urgency, flags in flags_by_urgency:
        colour = theme.danger if urgency is Urgency.EMERGENCY else theme.text
        parts.append(
            f'<h3 style="color:{colour}; margin-top:14px; margin-bottom:4px">'
            f"{html.escape(urgency.heading)}</h3><ul style='margin-top:0'>"
        )
        for flag in flags:
            parts.append(f"<li style='margin-bottom:4px'>{html.escape(flag.text)}</li>")
        parts.append("</ul>")
    return "".join(parts)


def sources_html(theme: Theme) -> str:
    credits = "; ".join(html.escape(s.credit) for s in sources_of(RED_FLAGS))
    return (
        f"<p style='color:{theme.muted}'>From the articles {credits}. "
        "They differ on how long pain may last before you see a doctor: 72 hours despite "
        "rest and pain relievers, a few days to a week, or 2 to 3 weeks.</p>"
    )


class SafetyDialog(QDialog):
    """The red flags; "I understand" accepts.

    ``first_launch`` words the button as an acknowledgement; from the Help
    menu it is just "Close".
    """

    def __init__(self, parent: QWidget | None = None, *, first_launch: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setObjectName("safetyDialog")
        theme = system_theme()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)

        heading = mark_heading(QLabel(TITLE))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)

        intro = QLabel(
            "Most back spasms get better with home care. These signs mean home care is "
            f"not enough. {NOT_A_DOCTOR}"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.flags_label = QLabel(red_flags_html(theme, by_urgency()))
        self.flags_label.setTextFormat(Qt.TextFormat.RichText)
        self.flags_label.setWordWrap(True)
        self.flags_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sources_label = QLabel(sources_html(theme))
        self.sources_label.setTextFormat(Qt.TextFormat.RichText)
        self.sources_label.setWordWrap(True)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 8, 0)
        body_layout.addWidget(self.flags_label)
        body_layout.addWidget(self.sources_label)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setAccessibleName("The signs, and where they come from")  # it takes the focus
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)

        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(
            "I understand" if first_launch else "Close", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setProperty("primary", True)
        self.ok_button.setDefault(True)
        self.ok_button.setMinimumSize(180, 48)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

        # Big, readable text: a reader in pain should not have to squint.
        base = self.font()
        base.setPointSizeF(max(base.pointSizeF(), 10.0) * 1.25)
        for widget in (intro, self.flags_label, self.ok_button):
            widget.setFont(base)
        self.resize(760, 820)

    @classmethod
    def ask(cls, parent: QWidget | None, first_launch: bool = False) -> bool:
        """Show it modally; True once the user has read and accepted it."""
        dialog = cls(parent, first_launch=first_launch)
        return dialog.exec() == QDialog.DialogCode.Accepted


def show_on_first_launch(parent: QWidget | None, store: Settings | None = None) -> bool:
    """Show the safety screen unless the user has acknowledged it already.

    Returns True when it was shown. Closing it without "I understand" shows it
    again next time.
    """
    store = store or Settings()
    if store.safety_acknowledged():
        return False
    if SafetyDialog.ask(parent, first_launch=True):
        store.acknowledge_safety()
    return True
