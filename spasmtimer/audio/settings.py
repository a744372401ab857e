"""The user's sound settings, as the player sees them.

The value type lives in :mod:`spasmtimer.core.session.sound_settings`; reading and
writing it is the one settings store's job (:mod:`spasmtimer.settings`).
These two functions keep the player's older call shape, optionally on a
QSettings of the caller's.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from spasmtimer.core.session.sound_settings import DEFAULT_VOLUME, AudioSettings
from spasmtimer.settings import Settings

__all__ = ["DEFAULT_VOLUME", "AudioSettings", "load_audio_settings", "save_audio_settings"]


def load_audio_settings(settings: QSettings | None = None) -> AudioSettings:
    """The remembered settings; anything missing or unreadable takes its default."""
    return Settings(qsettings=settings).audio()


def save_audio_settings(value: AudioSettings, settings: QSettings | None = None) -> None:
    Settings(qsettings=settings).set_audio(value)
