"""Colours and type for the light, dark and high-contrast themes, following the system.

The theme is chosen from ``QStyleHints.colorScheme()`` (Qt 6.5+), falling
back to the lightness of the application palette; when the desktop asks for
high contrast (``QStyleHints.accessibility().contrastPreference()``, Qt
6.10+), a high-contrast theme of the same lightness. It can be forced with
``SPASMTIMER_THEME=light|dark|high-contrast|high-contrast-light``
(screenshots, people who want it). Every colour pair is picked for contrast
of at least 4.5:1 against its background, 7:1 in the high-contrast themes.
Text follows the desktop's text size: no text is drawn smaller than the
desktop's own (:func:`desktop_text_px`), so at 200 % every line is at least
twice the usual size, and the big ones stay big.
Hold and rest never differ by colour alone: the ring is solid for a hold and
dashed otherwise, the badge is filled for a hold and outlined otherwise, and
the word says it.
"""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from PySide6.QtGui import QColor, QFont, QFontInfo, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget


class ThemeName(enum.Enum):
    LIGHT = enum.auto()
    DARK = enum.auto()
    HIGH_CONTRAST_DARK = enum.auto()
    HIGH_CONTRAST_LIGHT = enum.auto()


@dataclass(frozen=True)
class Theme:
    """The colours every view paints with (``#rrggbb`` strings)."""

    name: ThemeName
    background: str
    surface: str
    border: str
    text: str
    muted: str
    accent: str
    accent_text: str
    hold: str
    rest: str
    prepare: str
    switch: str
    track: str
    danger: str
    warning_bg: str
    warning_text: str

    @property
    def is_dark(self) -> bool:
        return self.name in (ThemeName.DARK, ThemeName.HIGH_CONTRAST_DARK)

    @property
    def high_contrast(self) -> bool:
        return self.name in (ThemeName.HIGH_CONTRAST_DARK, ThemeName.HIGH_CONTRAST_LIGHT)

    def color(self, attr: str) -> QColor:
        return QColor(getattr(self, attr))


LIGHT = Theme(
    name=ThemeName.LIGHT,
    background="#f5f6f8",
    surface="#ffffff",
    border="#c9ced6",
    text="#14171c",
    muted="#4a5260",
    accent="#1f5fbf",
    accent_text="#ffffff",
    hold="#0b7a4b",
    rest="#1f5fbf",
    prepare="#a35200",
    switch="#7a3db8",
    track="#dde1e7",
    danger="#b3261e",
    warning_bg="#fff1c2",
    warning_text="#4d3800",
)

DARK = Theme(
    name=ThemeName.DARK,
    background="#14161a",
    surface="#1e2127",
    border="#3a3f48",
    text="#eef0f4",
    muted="#b4bac4",
    accent="#7fb0ff",
    accent_text="#0b1220",
    hold="#42d98f",
    rest="#7fb0ff",
    prepare="#ffb454",
    switch="#cfa3ff",
    track="#2c3038",
    danger="#ff8a80",
    warning_bg="#4a3b00",
    warning_text="#ffe8a3",
)


# White on black with a yellow accent: the desktops' own high-contrast look.
HIGH_CONTRAST_DARK = Theme(
    name=ThemeName.HIGH_CONTRAST_DARK,
    background="#000000",
    surface="#000000",
    border="#ffffff",
    text="#ffffff",
    muted="#e0e0e0",
    accent="#ffd500",
    accent_text="#000000",
    hold="#3ee07f",
    rest="#7cc4ff",
    prepare="#ffb43a",
    switch="#e2b0ff",
    track="#5c5c5c",
    danger="#ff7a7a",
    warning_bg="#000000",
    warning_text="#ffd500",
)

HIGH_CONTRAST_LIGHT = Theme(
    name=ThemeName.HIGH_CONTRAST_LIGHT,
    background="#ffffff",
    surface="#ffffff",
    border="#000000",
    text="#000000",
    muted="#1f1f1f",
    accent="#0000a8",
    accent_text="#ffffff",
    hold="#005a2b",
    rest="#0000a8",
    prepare="#6b3500",
    switch="#4f1a8a",
    track="#a6a6a6",
    danger="#9c0000",
    warning_bg="#fff3a0",
    warning_text="#000000",
)

_FORCED = {
    "light": LIGHT,
    "dark": DARK,
    "high-contrast": HIGH_CONTRAST_DARK,
    "high-contrast-dark": HIGH_CONTRAST_DARK,
    "high-contrast-light": HIGH_CONTRAST_LIGHT,
}


def _wants_high_contrast(app: QGuiApplication) -> bool:
    """The desktop asks for high contrast (Qt 6.10+; older Qt cannot tell)."""
    hints = app.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    if accessibility is None:
        return False
    from PySide6.QtCore import Qt

    return bool(accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast)


def system_theme(*, ask_style_hints: bool = True) -> Theme:
    """The theme the desktop asks for right now.

    ``ask_style_hints=False`` judges by the palette alone: the first window
    paints sooner (``colorScheme()`` returns a ``Qt`` enum, and the first
    one costs ~20 ms), and the window asks again once it is on screen.
    """
    forced = os.environ.get("SPASMTIMER_THEME", "").strip().lower()
    if forced in _FORCED:
        return _FORCED[forced]
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return LIGHT
    dark = app.palette().color(QPalette.ColorRole.Window).lightness() < 110
    if ask_style_hints:
        from PySide6.QtCore import Qt

        scheme = app.styleHints().colorScheme()
        if scheme != Qt.ColorScheme.Unknown:
            dark = scheme == Qt.ColorScheme.Dark
        if _wants_high_contrast(app):
            return HIGH_CONTRAST_DARK if dark else HIGH_CONTRAST_LIGHT
    return DARK if dark else LIGHT


def palette_for(theme: Theme) -> QPalette:
    """A full palette, so native parts (dialogs, scroll bars) match the views."""
    pal = QPalette()
    role = QPalette.ColorRole
    pairs = {
        role.Window: theme.background,
        role.WindowText: theme.text,
        role.Base: theme.surface,
        role.AlternateBase: theme.background,
        role.Text: theme.text,
        role.Button: theme.surface,
        role.ButtonText: theme.text,
        role.Highlight: theme.accent,
        role.HighlightedText: theme.accent_text,
        role.ToolTipBase: theme.surface,
        role.ToolTipText: theme.text,
        role.PlaceholderText: theme.muted,
        role.Link: theme.accent,
        role.BrightText: theme.danger,
    }
    for r, colour in pairs.items():
        pal.setColor(r, QColor(colour))
    for r in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, r, QColor(theme.muted))
    return pal


def stylesheet_for(theme: Theme) -> str:
    """Big, clearly bordered buttons with a focus ring you can see from afar."""
    t = theme
    return f"""
QPushButton {{
    background: {t.surface}; color: {t.text};
    border: 2px solid {t.border}; border-radius: 10px;
    padding: 0.35em 0.9em;
}}
QPushButton:hover {{ border-color: {t.accent}; }}
QPushButton:focus {{ border: 3px solid {t.accent}; }}
QPushButton:pressed {{ background: {t.track}; }}
QPushButton:disabled {{ color: {t.muted}; border-style: dashed; }}
QPushButton[primary="true"] {{
    background: {t.accent}; color: {t.accent_text}; border-color: {t.accent};
}}
QPushButton[primary="true"]:focus {{ border: 3px solid {t.text}; }}
QPushButton[calm="true"] {{
    background: {t.warning_bg}; color: {t.warning_text}; border-color: {t.prepare};
}}
QListWidget {{
    background: {t.surface}; color: {t.text};
    border: 2px solid {t.border}; border-radius: 10px; outline: none;
}}
QListWidget::item {{ border-bottom: 1px solid {t.track}; }}
QListWidget::item:selected {{
    background: {t.accent}; color: {t.accent_text};
}}
QLabel[muted="true"] {{ color: {t.muted}; }}
QLabel[notice="true"] {{
    background: {t.warning_bg}; color: {t.warning_text};
    border-radius: 8px; padding: 0.3em 0.6em;
}}
QProgressBar {{
    background: {t.track}; border: none; border-radius: 6px;
    color: {t.text}; text-align: center;
}}
QProgressBar::chunk {{ background: {t.accent}; border-radius: 6px; }}
QScrollArea {{ border: none; background: transparent; }}
"""


def screen_fonts(widget: QWidget) -> tuple[float, QFont, QFont]:
    """A full-window screen's scale against 1280×800, its title font and body font.

    Text scales with the window (never below 60 %), so it stays readable from
    the floor on a big screen and still fits at 800×600.
    """
    scale = max(0.6, min(widget.width() / 1280, widget.height() / 800))
    least = desktop_text_px()
    title = QFont(widget.font())
    title.setPixelSize(max(20, round(least * 1.5), round(40 * scale)))
    title.setBold(True)
    body = QFont(widget.font())
    body.setPixelSize(max(13, least, round(18 * scale)))
    return scale, title, body


def desktop_text_px() -> int:
    """The desktop's text size in pixels: ~13 at 100 %, ~26 at 200 % (its font and DPI)."""
    return max(1, QFontInfo(QGuiApplication.font()).pixelSize())


def pixel_font(widget: QWidget, px: float, bold: bool = False) -> QFont:
    """``widget``'s font at ``px`` pixels, bold if asked.

    Never smaller than the desktop's own text (nor 12 pixels): a user who
    asks for large text gets at least that everywhere.
    """
    font = QFont(widget.font())
    font.setPixelSize(max(12, desktop_text_px(), round(px)))
    font.setBold(bold)
    return font


@runtime_checkable
class Themed(Protocol):
    """A screen that follows the theme once it is made."""

    def apply_theme(self, theme: Theme) -> None: ...


class Looks:
    """The theme of the moment, for the features as they make their screens."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme

    def __call__(self) -> Theme:
        return self.theme
