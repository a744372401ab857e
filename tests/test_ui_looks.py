"""Themes, the countdown ring, the shortcut table, and what the window remembers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from ui_helpers import make_window

from spasmtimer.resources import settings_path
from spasmtimer.services.settings import Settings
from spasmtimer.ui import theme as theme_mod
from spasmtimer.ui.intents import TABLE, Intent, Screen, codes, intent_for, pain_for_key
from spasmtimer.ui.session.countdown_ring import CountdownRing, format_seconds


def test_format_seconds() -> None:
    assert format_seconds(9) == "9"
    assert format_seconds(99) == "99"
    assert format_seconds(100) == "1:40"
    assert format_seconds(3725) == "1:02:05"


def test_ring_repaints_only_for_visible_movement(qtbot: Any) -> None:
    ring = CountdownRing()
    qtbot.addWidget(ring)
    ring.resize(400, 400)
    ring.show_state(10, 1.0, QColor("green"), True)
    ring.set_fraction(0.9999)
    assert ring.fraction == 1.0  # too small to see: no repaint asked
    ring.set_fraction(0.9)
    assert ring.fraction == 0.9


def test_ring_digits_are_cached(qtbot: Any) -> None:
    ring = CountdownRing()
    qtbot.addWidget(ring)
    ring.resize(300, 300)
    ring.show()
    qtbot.waitExposed(ring)
    ring.show_state(42, 0.5, QColor("green"), False)
    ring.grab()
    cached = ring._digits_cache
    ring.set_fraction(0.3)
    ring.grab()
    assert ring._digits_cache is cached
    ring.show_state(41, 0.3, QColor("green"), False)
    ring.grab()
    assert ring._digits_cache is not cached


def test_theme_can_be_forced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPASMTIMER_THEME", "dark")
    assert theme_mod.system_theme() is theme_mod.DARK
    monkeypatch.setenv("SPASMTIMER_THEME", "light")
    assert theme_mod.system_theme() is theme_mod.LIGHT


def test_theme_follows_the_system(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(qtbot, tmp_path, monkeypatch)
    monkeypatch.setattr("spasmtimer.ui.main_window.system_theme", lambda: theme_mod.DARK)
    window._on_styleHints_colorSchemeChanged(Qt.ColorScheme.Dark)
    assert window.theme is theme_mod.DARK
    assert window.palette().color(window.backgroundRole()).name() == theme_mod.DARK.background


def test_both_themes_have_readable_text() -> None:
    def luminance(hex_colour: str) -> float:
        c = QColor(hex_colour)
        channels = []
        for v in (c.redF(), c.greenF(), c.blueF()):
            channels.append(v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4)
        r, g, b = channels
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    def contrast(a: str, b: str) -> float:
        la, lb = sorted((luminance(a), luminance(b)), reverse=True)
        return (la + 0.05) / (lb + 0.05)

    for t in (
        theme_mod.LIGHT,
        theme_mod.DARK,
        theme_mod.HIGH_CONTRAST_DARK,
        theme_mod.HIGH_CONTRAST_LIGHT,
    ):
        least = 7.0 if t.high_contrast else 4.5  # WCAG AAA for the high-contrast themes
        for fg in (t.text, t.muted, t.hold, t.rest, t.prepare, t.switch, t.danger):
            assert contrast(fg, t.background) >= least, (t.name, fg)
            assert contrast(fg, t.surface) >= least, (t.name, fg)
        assert contrast(t.accent_text, t.accent) >= least
        assert contrast(t.surface, t.hold) >= least  # the word on a filled HOLD badge
        assert contrast(t.warning_text, t.warning_bg) >= least
        if t.high_contrast:  # outlines as strong as the text
            assert contrast(t.border, t.background) >= least


def test_high_contrast_follows_the_desktop(monkeypatch: pytest.MonkeyPatch, qapp: Any) -> None:
    monkeypatch.delenv("SPASMTIMER_THEME", raising=False)
    usual = theme_mod.system_theme()
    assert not usual.high_contrast
    monkeypatch.setattr(theme_mod, "_wants_high_contrast", lambda app: True)
    chosen = theme_mod.system_theme()
    assert chosen.high_contrast
    assert chosen.is_dark == usual.is_dark  # the same lightness, more contrast
    # Before the first paint the style hints are not asked: no high contrast yet.
    assert not theme_mod.system_theme(ask_style_hints=False).high_contrast
    monkeypatch.setenv("SPASMTIMER_THEME", "high-contrast-light")
    assert theme_mod.system_theme() is theme_mod.HIGH_CONTRAST_LIGHT


def test_no_text_is_smaller_than_the_desktops(qapp: Any) -> None:
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QLabel

    from spasmtimer.ui.theme import desktop_text_px, pixel_font

    label = QLabel("x")
    usual = desktop_text_px()
    assert pixel_font(label, 40).pixelSize() == 40
    old = qapp.font()
    big = QFont(old)
    big.setPixelSize(usual * 2)  # the desktop at 200 %
    qapp.setFont(big)
    try:
        assert desktop_text_px() == usual * 2
        assert pixel_font(label, 14).pixelSize() == usual * 2
        assert pixel_font(label, 80).pixelSize() == 80  # the big ones stay big
    finally:
        qapp.setFont(old)


def test_geometry_and_mute_are_remembered(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = make_window(qtbot, tmp_path, monkeypatch, size=(720, 520))
    first.controller.toggle_mute()
    first.close()
    second = make_window(qtbot, tmp_path, monkeypatch, size=(100, 100))
    assert second.controller.muted
    assert Settings(tmp_path / "settings.conf").geometry() is not None
    second.restoreGeometry(Settings(tmp_path / "settings.conf").geometry())
    assert (second.width(), second.height()) == (720, 520)


def test_settings_go_to_the_xdg_config_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert settings_path() == tmp_path / "SpasmTimer" / "SpasmTimer.conf"
    Settings().set_last_routine("x")
    Settings().sync()
    assert Settings().last_routine() == "x"


def test_every_session_action_has_a_key() -> None:
    session_actions = {r.intent for r in TABLE if Screen.SESSION in r.screens}
    assert {
        Intent.PAUSE, Intent.SKIP, Intent.STEP_BACK, Intent.NEXT_EXERCISE, Intent.PREVIOUS_EXERCISE,
        Intent.MUTE, Intent.FULL_SCREEN, Intent.LEVEL_UP, Intent.LEVEL_DOWN, Intent.STOP,
        Intent.HELP, Intent.HURTS,
    } <= session_actions  # fmt: skip


def test_h_is_this_hurts_during_a_session_only() -> None:
    none = Qt.KeyboardModifier.NoModifier
    assert intent_for(Screen.SESSION, Qt.Key.Key_H, none) is Intent.HURTS
    for screen in set(Screen) - {Screen.SESSION}:
        assert intent_for(screen, Qt.Key.Key_H, none) is None


def test_pain_keys() -> None:
    none = Qt.KeyboardModifier.NoModifier
    for screen in (Screen.PAIN, Screen.FINISH):
        for key in (Qt.Key.Key_0, Qt.Key.Key_7, Qt.Key.Key_9, Qt.Key.Key_T):
            assert intent_for(screen, key, none) is Intent.RATE
        assert intent_for(screen, Qt.Key.Key_S, none) is Intent.SKIP_RATING
    assert [pain_for_key(k) for k in (Qt.Key.Key_0, Qt.Key.Key_9, Qt.Key.Key_T)] == [0, 9, 10]
    assert pain_for_key(Qt.Key.Key_A) is None
    for key in (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Space):
        assert intent_for(Screen.PAIN, key, none) is Intent.SKIP_RATING
    # On the finish screen Enter and Esc still lead back (the rating is optional).
    for key in (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Space):
        assert intent_for(Screen.FINISH, key, none) is Intent.BACK
    # The digits do nothing elsewhere, but take a hold change on offer in the overview.
    for screen in (Screen.TODAY, Screen.PICKER, Screen.SESSION):
        assert intent_for(screen, Qt.Key.Key_5, none) is None
    assert intent_for(Screen.OVERVIEW, Qt.Key.Key_5, none) is Intent.TAKE_OFFER
    assert intent_for(Screen.OVERVIEW, Qt.Key.Key_0, none) is None


def test_no_key_means_two_things_on_one_screen() -> None:
    for screen in Screen:
        seen: dict[int, Intent] = {}
        for row in TABLE:
            if screen in row.screens:
                for key in codes(row):
                    assert seen.setdefault(key, row.intent) is row.intent, (
                        screen,
                        key,
                    )


def test_ctrl_q_quits_but_q_alone_does_nothing() -> None:
    ctrl = Qt.KeyboardModifier.ControlModifier
    none = Qt.KeyboardModifier.NoModifier
    assert intent_for(Screen.SESSION, Qt.Key.Key_Q, ctrl) is Intent.QUIT
    assert intent_for(Screen.SESSION, Qt.Key.Key_Q, none) is None
