"""The bundled sound clips: where they are, what they say, how long they last.

Plain Python (no Qt), so the timing policy and the tests can use clip
lengths without a sound device. Clips live under the bundled assets:

- ``sounds/tone-*.wav``: the tones made by ``tools/make_sounds.py``;
- ``voice/numbers/N.wav``: the spoken numbers 1 to 120;
- ``voice/phrases/SLUG.wav``: the fixed phrases in :data:`PHRASES`;
- ``voice/exercises/SLUG.wav``: the names of the bundled exercises.

``SLUG`` is :func:`slug` of the words, so the clip for a phrase or a name is
found from its text alone. ``tools/render_voice.py`` renders the voice clips
from this same list, so the two cannot drift apart.
"""

from __future__ import annotations

import logging
import re
import unicodedata
import wave
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

HIGHEST_NUMBER = 120

# The fixed phrases, as spoken. The key of each clip is slug(text).
PHRASES: tuple[str, ...] = (
    "Get ready.",
    "Hold.",
    "Release.",
    "Relax.",
    "Rest.",
    "Switch sides.",
    "Switch to the left side.",
    "Switch to the right side.",
    "Left side.",
    "Right side.",
    "Set complete.",
    "Next exercise.",
    "Halfway.",
    "Well done.",
    "Routine complete.",
    "Seconds.",
    "Reps.",
    "Rep.",
    "Set.",
    "Last one.",
    "Paused.",
    "Resumed.",
    "Stopped.",
    "Breathe slowly.",
    "Second.",
    "Each side.",
    "Alternating sides.",
    "Sets.",
)

# The tones made by tools/make_sounds.py.
TONES: tuple[str, ...] = (
    "tone-hold",
    "tone-release",
    "tone-tick",
    "tone-set-complete",
    "tone-routine-complete",
    "tone-attention",
)


def slug(text: str) -> str:
    """``"Switch to the left side."`` -> ``"switch-to-the-left-side"``."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def wav_seconds(path: Path) -> float:
    """The length of a WAV file in seconds; 0 for a file that cannot be read."""
    try:
        with wave.open(str(path), "rb") as clip:
            return clip.getnframes() / float(clip.getframerate())
    except (OSError, EOFError, wave.Error) as error:
        log.warning("cannot read sound clip %s: %s", path, error)
        return 0.0


@dataclass(frozen=True)
class Clip:
    """One sound file and how long it plays."""

    key: str  # e.g. "tone-hold", "number-12", "phrase-get-ready", "exercise-prayer-stretch"
    path: Path
    seconds: float
    spoken: bool  # a voice clip (as opposed to a tone)


@dataclass
class ClipLibrary:
    """Every clip found under an assets folder, by key."""

    clips: dict[str, Clip] = field(default_factory=dict)

    @classmethod
    def scan(cls, assets: Path) -> ClipLibrary:
        library = cls()
        for path in sorted((assets / "sounds").glob("tone-*.wav")):
            library.add(Clip(path.stem, path, wav_seconds(path), spoken=False))
        voice = assets / "voice"
        for folder, prefix in (
            ("numbers", "number"),
            ("phrases", "phrase"),
            ("exercises", "exercise"),
        ):
            for path in sorted((voice / folder).glob("*.wav")):
                library.add(Clip(f"{prefix}-{path.stem}", path, wav_seconds(path), spoken=True))
        return library

    def add(self, clip: Clip) -> None:
        self.clips[clip.key] = clip

    def get(self, key: str) -> Clip | None:
        return self.clips.get(key)

    def tone(self, name: str) -> Clip | None:
        return self.clips.get(name if name.startswith("tone-") else f"tone-{name}")

    def number(self, value: int) -> Clip | None:
        return self.clips.get(f"number-{value}")

    def phrase(self, text: str) -> Clip | None:
        return self.clips.get(f"phrase-{slug(text)}")

    def exercise(self, name: str) -> Clip | None:
        return self.clips.get(f"exercise-{slug(name)}")

    def __len__(self) -> int:
        return len(self.clips)


def default_library() -> ClipLibrary:
    """The clips bundled with the app (empty if the assets are missing)."""
    from spasmtimer.resources import assets_dir

    try:
        return ClipLibrary.scan(assets_dir())
    except FileNotFoundError as error:
        log.warning("no bundled sounds: %s", error)
        return ClipLibrary()
