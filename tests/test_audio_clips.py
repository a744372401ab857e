"""The bundled clips: every bundled exercise name has one, all are well-formed."""

from __future__ import annotations

import array
import sys
import wave
from pathlib import Path

import pytest

from spasmtimer.audio.clips import HIGHEST_NUMBER, PHRASES, TONES, ClipLibrary, slug
from spasmtimer.core.routines.loader import load_routine
from spasmtimer.resources import asset, assets_dir, bundled_routine_files

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def library() -> ClipLibrary:
    return ClipLibrary.scan(assets_dir())


def test_every_bundled_exercise_name_has_a_clip(library: ClipLibrary) -> None:
    names = {ex.name for f in bundled_routine_files() for ex in load_routine(f).exercises}
    assert names, "no bundled routines found"
    missing = sorted(n for n in names if library.exercise(n) is None)
    assert not missing, f"run tools/render_voice.py: no clip for {missing}"


def test_every_number_phrase_and_tone_has_a_clip(library: ClipLibrary) -> None:
    assert all(library.number(n) for n in range(1, HIGHEST_NUMBER + 1))
    assert all(library.phrase(p) for p in PHRASES)
    assert all(library.tone(t) for t in TONES)


def test_the_render_script_reads_the_names_from_the_bundled_routines() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import render_voice
    finally:
        sys.path.remove(str(ROOT / "tools"))
    names = {slug(n) for n in render_voice.bundled_exercise_names()}
    loaded = {slug(ex.name) for f in bundled_routine_files() for ex in load_routine(f).exercises}
    assert names == loaded


def test_numbers_fit_between_two_counts(library: ClipLibrary) -> None:
    longest = max(library.number(n).seconds for n in range(1, HIGHEST_NUMBER + 1))  # type: ignore[union-attr]
    assert longest <= 0.9


def _first_loud_sample(path: Path, threshold: int = 300) -> float:
    with wave.open(str(path), "rb") as clip:
        assert (clip.getnchannels(), clip.getsampwidth(), clip.getframerate()) == (1, 2, 44_100)
        samples = array.array("h", clip.readframes(clip.getnframes()))
    if sys.byteorder != "little":
        samples.byteswap()
    index = next(i for i, v in enumerate(samples) if abs(v) > threshold)
    return index / 44_100


def test_every_clip_is_mono_16_bit_and_sounds_from_its_start(library: ClipLibrary) -> None:
    # The moment a clip is played is the moment it is heard: no leading silence.
    late = {k: _first_loud_sample(c.path) for k, c in library.clips.items()}
    assert max(late.values()) < 0.06, sorted(late.items(), key=lambda kv: -kv[1])[:3]


def test_the_tones_are_soft() -> None:
    for name in TONES:
        with wave.open(str(asset("sounds", f"{name}.wav")), "rb") as clip:
            samples = array.array("h", clip.readframes(clip.getnframes()))
        peak = max(abs(v) for v in samples) / 32767
        assert 0.1 < peak < 0.4, name  # about -10 dBFS, below the voice


def test_the_tones_are_what_the_script_makes() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import make_sounds
    finally:
        sys.path.remove(str(ROOT / "tools"))
    assert make_sounds.main(["--check"]) == 0


def test_the_voice_licence_is_recorded() -> None:
    text = asset("voice", "LICENSE.md").read_text(encoding="utf-8")
    assert "slt" in text and "Carnegie Mellon" in text
