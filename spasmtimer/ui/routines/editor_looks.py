"""How the routine editor looks: its stylesheet, with type that scales with the window.

A stylesheet on a widget stops its font from reaching its children, so the
type sizes are part of the stylesheet, made again when the window's scale
changes (never below 13 px; the same scale as the other screens).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from spasmtimer.ui.theme import Theme, desktop_text_px, screen_fonts, stylesheet_for


def font_sizes(scale: float) -> tuple[int, int, int]:
    """(body, title, plan) in pixels at ``scale`` (1.0 at 1280×800), never below the desktop's."""
    least = desktop_text_px()
    return (
        max(13, least, round(15 * scale)),
        max(20, round(least * 1.5), round(24 * scale)),
        max(12, least, round(13 * scale)),
    )


def editor_stylesheet(theme: Theme, scale: float = 1.0) -> str:
    """The app's stylesheet plus the form's inputs, problem lines and type sizes."""
    t = theme
    body, title, plan = font_sizes(scale)
    return (
        stylesheet_for(theme)
        + f"""
RoutineEditor, QScrollArea > QWidget > QWidget {{ background: {t.background}; color: {t.text}; }}
QLabel, QLineEdit, QPlainTextEdit, QComboBox, QPushButton, QListWidget {{ font-size: {body}px; }}
QPushButton[compact="true"] {{ padding: 0.2em 0.45em; }}
QLabel#title {{ font-size: {title}px; font-weight: bold; }}
QPlainTextEdit#plan {{ font-family: monospace; font-size: {plan}px; }}
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


def window_scale(editor: QWidget) -> float:
    """The editor's scale against 1280×800, in steps of 5 % (fewer restyles while resizing)."""
    scale, _, _ = screen_fonts(editor)
    return round(scale * 20) / 20
