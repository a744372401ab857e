"""How the routine editor looks: its part of the stylesheet, and type that scales."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QWidget

from spasmtimer.ui.theme import Theme, pixel_font, screen_fonts, stylesheet_for


def editor_stylesheet(theme: Theme) -> str:
    """The app's stylesheet plus the form's inputs and problem lines."""
    t = theme
    return (
        stylesheet_for(theme)
        + f"""
RoutineEditor, QScrollArea > QWidget > QWidget {{ background: {t.background}; color: {t.text}; }}
QLineEdit, QPlainTextEdit, QComboBox {{
    background: {t.surface}; color: {t.text};
    border: 1px solid {t.border}; border-radius: 6px; padding: 3px 6px;
}}
QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus {{ border: 2px solid {t.accent}; }}
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"],
QListWidget[invalid="true"] {{
    border: 2px solid {t.danger};
}}
QLabel[problem="true"] {{ color: {t.danger}; }}
QComboBox QAbstractItemView {{ background: {t.surface}; color: {t.text}; }}
QSplitter::handle {{ background: {t.track}; width: 4px; }}
QLineEdit:disabled, QPlainTextEdit:disabled, QComboBox:disabled {{ color: {t.muted}; }}
"""
    )


def scale_fonts(editor: QWidget, title: QWidget, plan: QWidget) -> None:
    """Type that grows with the window, like the other screens (never below 13 px)."""
    scale, _, _ = screen_fonts(editor)
    editor.setFont(pixel_font(editor, 15 * scale))
    title.setFont(pixel_font(editor, 24 * scale, bold=True))
    mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    mono.setPixelSize(max(12, round(13 * scale)))
    plan.setFont(mono)
