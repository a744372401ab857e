"""The user's sound settings, remembered with QSettings.

``volume`` (0 to 1, as a slider shows it; the player turns it into a
loudness curve), ``muted``, ``voice`` (words, or tones only) and
``count_style`` (how a hold is counted aloud; the session takes it too).
They live in the same INI file as the window's settings
(:mod:`spasmtimer.ui.settings`), under ``audio/``.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QSettings

from spasmtimer.core.cues import CountStyle

log = logging.getLogger(__name__)

DEFAULT_VOLUME = 0.8


@dataclass(frozen=True)
class AudioSettings:
    """What the user chose about sound."""

    volume: float = DEFAULT_VOLUME
    muted: bool = False
    voice: bool = True
    count_style: CountStyle = CountStyle.DOWN

    def with_volume(self, volume: float) -> AudioSettings:
        return replace(self, volume=min(1.0, max(0.0, float(volume))))


def _default_settings() -> QSettings:
    # The same file as spasmtimer.ui.settings.settings_path() (audio must not
    # import ui); worked out on every call so tests get a private file.
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    path = Path(base) / "SpasmTimer" / "SpasmTimer.conf"
    return QSettings(str(path), QSettings.Format.IniFormat)


def _bool(value: object, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"true", "1", "yes", "on"}


def load_audio_settings(settings: QSettings | None = None) -> AudioSettings:
    """The remembered settings; anything missing or unreadable takes its default."""
    qs = settings if settings is not None else _default_settings()
    defaults = AudioSettings()
    try:
        volume = float(qs.value("audio/volume", defaults.volume))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        log.warning("ignoring an unreadable audio/volume setting")
        volume = defaults.volume
    style_name = str(qs.value("audio/count_style", defaults.count_style.name)).upper()
    style = CountStyle.__members__.get(style_name, defaults.count_style)
    return AudioSettings(
        muted=_bool(qs.value("audio/muted"), defaults.muted),
        voice=_bool(qs.value("audio/voice"), defaults.voice),
        count_style=style,
    ).with_volume(volume)


def save_audio_settings(value: AudioSettings, settings: QSettings | None = None) -> None:
    qs = settings if settings is not None else _default_settings()
    qs.setValue("audio/volume", float(value.volume))
    qs.setValue("audio/muted", bool(value.muted))
    qs.setValue("audio/voice", bool(value.voice))
    qs.setValue("audio/count_style", value.count_style.name.lower())
    qs.sync()
