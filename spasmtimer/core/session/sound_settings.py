"""What the user chose about sound: volume, mute, voice and the counting style.

A plain value; :class:`spasmtimer.services.settings.Settings` reads and writes it, the
player (:mod:`spasmtimer.audio`) plays by it, and the session takes its
``count_style``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace

DEFAULT_VOLUME = 0.8


class CountStyle(enum.Enum):
    """How the seconds of a hold are counted aloud (a user setting).

    Here rather than in :mod:`spasmtimer.core.session.cues` (which re-exports it), so
    the settings read before the first paint need not make the cues.
    """

    UP = enum.auto()
    DOWN = enum.auto()
    LAST_THREE = enum.auto()
    NONE = enum.auto()


@dataclass(frozen=True)
class AudioSettings:
    """What the user chose about sound.

    ``volume`` runs from 0 to 1, as a slider shows it (the player turns it
    into a loudness curve); ``voice`` False means tones only.
    """

    volume: float = DEFAULT_VOLUME
    muted: bool = False
    voice: bool = True
    count_style: CountStyle = CountStyle.DOWN

    def with_volume(self, volume: float) -> AudioSettings:
        return replace(self, volume=min(1.0, max(0.0, float(volume))))
