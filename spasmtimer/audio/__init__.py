"""Sound: turning the session's cues into a calm voice and soft tones.

The one entry point for the app::

    player = create_player(window)          # after the QApplication exists
    connect_driver(driver, player)          # driver: services.session_driver.SessionDriver
    banner.setText(player.problem)          # "" when sound works
    player.problemChanged.connect(banner.setText)   # Qt player only

Modules: :mod:`.clips` (the bundled WAV files), :mod:`.words` (which clips
say a cue), :mod:`.policy` (when a cue plays, is dropped, or cuts another;
pure and documented there), :mod:`.player` (the :class:`CuePlayer`
protocol and the recording fake), :mod:`.qt_player` (the app's player),
:mod:`.engine` (its one output stream, written from a thread of its own),
:mod:`.mixer` (clips placed on their frames), :mod:`.stream_clock` (the
device's real rate and position). The remembered volume, mute and voice
come from the settings store above this package, through the player's
setters. Recording the test sound server lives with the
tests (``tests/sound_monitor.py``).
"""

from __future__ import annotations

import logging
from typing import Any

from spasmtimer.audio.player import CuePlayer, RecordingCuePlayer, SilentCuePlayer, hear
from spasmtimer.core.session.sound_settings import AudioSettings

log = logging.getLogger(__name__)

__all__ = [
    "AudioSettings",
    "CuePlayer",
    "RecordingCuePlayer",
    "SilentCuePlayer",
    "connect_driver",
    "create_player",
    "hear",
]


def create_player(parent: Any = None, settings: AudioSettings | None = None) -> CuePlayer:
    """The app's player: a QtCuePlayer, or a silent one that says why.

    Call it once, after the QApplication exists. ``settings`` defaults to the
    defaults; the app's session service then hands the player every
    remembered sound setting (its ``set_…`` methods). It never raises:
    without Qt Multimedia, or with no sound output, the session goes on
    silently and ``player.problem`` says so.
    """
    try:
        from spasmtimer.audio.qt_player import QtCuePlayer
    except ImportError as error:  # Qt Multimedia or libpulse missing
        log.warning("no sound: %s", error)
        return SilentCuePlayer(
            "Sound is not available (Qt Multimedia could not be loaded: "
            f"{error}). Follow the screen."
        )
    player: CuePlayer = QtCuePlayer(parent, settings=settings)  # type: ignore[assignment]
    return player


PREFETCH_SECONDS = 2.0  # cues are handed to the player this long before they are due


def connect_driver(driver: Any, player: CuePlayer) -> None:
    """Play the cues of a SessionDriver's session through ``player``.

    ``driver.cueDue`` (a CueDue event) plays the cue; ``driver.stepStarted``
    tells the player how long the step is, so long words fit into it;
    ``driver.paused`` silences at once. The player's ``prefetch`` is handed
    what falls due in the next
    :data:`PREFETCH_SECONDS` after every change (``driver.changed``: each
    batch of events, each control): the driver wakes at least once a
    second while the session runs, so each cue is known about a second
    before it is due (more than the stream writes ahead, 1 s: placed ahead, a cue
    needs no writing over); and an empty list when nothing runs.
    """
    for signal in (driver.cueDue, driver.stepStarted, driver.paused):
        signal.connect(lambda event: hear(player, event))

    def _on_driver_changed() -> None:
        session = driver.session
        player.prefetch(session.upcoming(PREFETCH_SECONDS) if session is not None else [])

    driver.changed.connect(_on_driver_changed)
