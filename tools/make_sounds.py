#!/usr/bin/env python3
"""Make the soft tones under ``assets/sounds/`` (16-bit mono WAV, 44.1 kHz).

Pure Python (``math``, ``array``, ``wave``), so anyone can re-create the
committed files byte for byte:

    .venv/bin/python tools/make_sounds.py            # writes assets/sounds/*.wav
    .venv/bin/python tools/make_sounds.py --check    # exit 1 if a file differs

The tones are meant for someone lying on the floor with a sore back: low
(roughly 200 to 600 Hz), round (sine with a little second and third
harmonic), quiet (peaks at about -10 dBFS, below the voice), with a short
attack so they never click, and a slow decay so they never stop abruptly.
Every tone's first audible sample is within 8 ms of the file's start, so the
moment a tone is played is the moment it is heard.
"""

from __future__ import annotations

import argparse
import array
import io
import math
import sys
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

RATE = 44_100
PEAK = 10 ** (-10 / 20)  # -10 dBFS
ATTACK = 0.008  # seconds: fast enough to mark the moment, slow enough not to click

SOUNDS_DIR = Path(__file__).resolve().parent.parent / "assets" / "sounds"


@dataclass(frozen=True)
class Note:
    """One soft bell-like note: a frequency, when it starts, how long it rings."""

    hz: float
    start: float
    decay: float  # seconds for the note to fall by about 40 dB
    gain: float = 1.0


def _note_sample(note: Note, t: float) -> float:
    local = t - note.start
    if local < 0:
        return 0.0
    # A raised-cosine attack, then an exponential decay reaching -40 dB at `decay`.
    attack = 0.5 - 0.5 * math.cos(math.pi * local / ATTACK) if local < ATTACK else 1.0
    envelope = attack * math.exp(-4.6 * local / note.decay)
    phase = 2 * math.pi * note.hz * local
    # Mostly the fundamental; a touch of harmonics makes it warm, not a test beep.
    wave_ = math.sin(phase) + 0.18 * math.sin(2 * phase) + 0.05 * math.sin(3 * phase)
    return note.gain * envelope * wave_ / 1.23


def render(notes: Sequence[Note], seconds: float) -> bytes:
    """The notes mixed, scaled to PEAK, with a 20 ms fade at the very end."""
    count = int(seconds * RATE)
    raw = [sum(_note_sample(n, i / RATE) for n in notes) for i in range(count)]
    top = max(abs(v) for v in raw) or 1.0
    fade = int(0.02 * RATE)
    samples = array.array("h")
    for i, value in enumerate(raw):
        tail = min(1.0, (count - 1 - i) / fade) if fade else 1.0
        samples.append(round(value / top * PEAK * tail * 32767))
    if sys.byteorder != "little":
        samples.byteswap()
    return samples.tobytes()


def wav_bytes(frames: bytes) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)
    return buffer.getvalue()


# name -> (notes, length in seconds). The names are the clip keys the player uses.
TONES: dict[str, tuple[tuple[Note, ...], float]] = {
    # A single warm note: "hold now".
    "tone-hold": ((Note(392.0, 0.0, 0.9), Note(196.0, 0.0, 0.7, 0.35)), 0.9),
    # Falling pair: "let go".
    "tone-release": ((Note(440.0, 0.0, 0.45), Note(330.0, 0.16, 0.7)), 0.9),
    # A short, quiet wooden tick for the last three seconds.
    "tone-tick": ((Note(523.25, 0.0, 0.12, 0.7), Note(261.63, 0.0, 0.10, 0.3)), 0.15),
    # Rising pair: a set is done.
    "tone-set-complete": ((Note(330.0, 0.0, 0.6), Note(440.0, 0.18, 0.9)), 1.1),
    # A slow, rising arpeggio: the routine is done.
    "tone-routine-complete": (
        (
            Note(293.66, 0.0, 1.2),
            Note(369.99, 0.22, 1.2),
            Note(440.0, 0.44, 1.6),
            Note(587.33, 0.66, 1.8, 0.6),
        ),
        2.4,
    ),
    # A neutral chime that stands in for words when there is no clip for them
    # (an exercise name in a user's routine) and no speech engine.
    "tone-attention": ((Note(349.23, 0.0, 0.5), Note(349.23, 0.2, 0.6, 0.6)), 0.8),
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SOUNDS_DIR)
    parser.add_argument("--check", action="store_true", help="only compare with the files")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    differ = []
    files = {name: wav_bytes(render(notes, seconds)) for name, (notes, seconds) in TONES.items()}
    for name, data in files.items():
        seconds = (len(data) - 44) / 2 / RATE
        path = args.out / f"{name}.wav"
        if args.check:
            if not path.is_file() or path.read_bytes() != data:
                differ.append(path.name)
            continue
        path.write_bytes(data)
        print(f"wrote {path} ({seconds:.2f} s)")
    if differ:
        print("out of date: " + ", ".join(differ) + " (run tools/make_sounds.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
