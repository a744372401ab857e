#!/usr/bin/env python3
"""Render the voice clips under ``assets/voice/`` (numbers, phrases, exercise names).

    .venv/bin/python tools/render_voice.py            # render what is missing or stale
    .venv/bin/python tools/render_voice.py --all      # render everything again
    .venv/bin/python tools/render_voice.py --check    # exit 1 if a clip is missing

The words come from :data:`spasmtimer.audio.clips.PHRASES`, the numbers 1 to
120, and the ``name`` of every exercise in the bundled ``routines/*.yaml``,
so a new bundled exercise only needs this script run again (and
``tests/test_audio_clips.py`` fails until it is).

Engine: Festival with the CMU ARCTIC "slt" HTS voice (Debian packages
``festival`` and ``festvox-us-slt-hts``; permissive licences, see
``assets/voice/LICENSE.md`` for why this voice and not a neural one). Only
this script needs them; the app plays the committed WAV files.

Post-processing with sox, to sound calm and to start exactly at the file's
first sample (so "play" is the moment the word is heard):
mono 44.1 kHz; a gentle high-pass and treble cut (less buzz, softer);
phrases slowed to 90 % tempo (pitch kept); numbers kept short enough to fit
between two counts one second apart; silence trimmed at both ends with a
3 ms fade-in (a tiny attack, no click) and a 40 ms fade-out; peak normalised
to -3 dBFS.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import yaml

from spasmtimer.audio.clips import HIGHEST_NUMBER, PHRASES, slug, wav_seconds

ROOT = Path(__file__).resolve().parent.parent
VOICE_DIR = ROOT / "assets" / "voice"
ROUTINES_DIR = ROOT / "routines"
FESTIVAL_VOICE = "voice_cmu_us_slt_arctic_hts"
RATE = 44_100
# A spoken count must end before the next one, a second later, leaving a
# short gap; longer numbers ("one hundred and seventeen") are sped up to fit.
NUMBER_MAX_SECONDS = 0.85
PHRASE_TEMPO = 0.9
# Bump when the rendering changes, so --check and the stamp see it.
RECIPE = "festival-slt-hts/v1"


@dataclass(frozen=True)
class Job:
    folder: str  # numbers | phrases | exercises
    key: str  # file stem
    text: str  # what is said
    tempo: float | None  # None: numbers, fitted to NUMBER_MAX_SECONDS


def bundled_exercise_names(routines_dir: Path = ROUTINES_DIR) -> list[str]:
    """Every exercise name in the bundled routines, once, in file order."""
    names: dict[str, str] = {}
    for path in sorted(routines_dir.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as error:
            print(f"{path}: skipped, {error}", file=sys.stderr)
            continue
        for exercise in (data or {}).get("exercises") or []:
            name = exercise.get("name") if isinstance(exercise, dict) else None
            if isinstance(name, str) and name.strip():
                names.setdefault(slug(name), name.strip())
    return list(names.values())


def jobs(routines_dir: Path = ROUTINES_DIR) -> list[Job]:
    result = [Job("numbers", str(n), str(n), None) for n in range(1, HIGHEST_NUMBER + 1)]
    result += [Job("phrases", slug(text), text, PHRASE_TEMPO) for text in PHRASES]
    result += [
        Job("exercises", slug(name), name + ".", PHRASE_TEMPO)
        for name in bundled_exercise_names(routines_dir)
    ]
    return result


def _sox(*args: str) -> None:
    subprocess.run(["sox", *args], check=True, capture_output=True)


def render(job: Job, out: Path) -> float:
    """Render one clip to ``out``; returns its length in seconds."""
    with tempfile.TemporaryDirectory() as tmp:
        text_file = Path(tmp) / "say.txt"
        raw = Path(tmp) / "raw.wav"
        clean = Path(tmp) / "clean.wav"
        text_file.write_text(job.text + "\n", encoding="utf-8")
        subprocess.run(
            ["text2wave", "-eval", f"({FESTIVAL_VOICE})", str(text_file), "-o", str(raw)],
            check=True,
            capture_output=True,
        )
        # Trim the silence first, so the tempo is fitted to the words alone.
        _sox(
            str(raw),
            "-b", "16", str(clean),
            "remix", "1", "highpass", "90", "treble", "-4", "4500",
            "silence", "1", "0.004", "0.6%", "reverse", "silence", "1", "0.004", "0.6%", "reverse",
        )  # fmt: skip
        tempo = job.tempo
        if tempo is None:
            tempo = max(1.0, (wav_seconds(clean) + 0.04) / NUMBER_MAX_SECONDS)
        effects = [] if abs(tempo - 1.0) < 1e-3 else ["tempo", "-s", f"{tempo:.3f}"]
        _sox(
            str(clean),
            "-r", str(RATE), "-b", "16", "-c", "1", str(out),
            *effects,
            "fade", "t", "0.003", "-0", "0.04", "norm", "-3", "rate", "-v", str(RATE),
        )  # fmt: skip
    return wav_seconds(out)


def _stamp(job: Job) -> str:
    return hashlib.sha256(f"{RECIPE}|{job.text}|{job.tempo}".encode()).hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="render every clip again")
    parser.add_argument("--check", action="store_true", help="only report missing clips")
    parser.add_argument(
        "--prune", action="store_true", help="delete exercise clips no routine uses"
    )
    args = parser.parse_args(argv)

    todo = jobs()
    stamps_path = VOICE_DIR / "stamps.json"
    stamps: dict[str, str] = {}
    if stamps_path.is_file():
        stamps = json.loads(stamps_path.read_text(encoding="utf-8"))

    def path_of(job: Job) -> Path:
        return VOICE_DIR / job.folder / f"{job.key}.wav"

    stale = [
        j
        for j in todo
        if args.all or not path_of(j).is_file() or stamps.get(f"{j.folder}/{j.key}") != _stamp(j)
    ]
    if args.check:
        for job in stale:
            print(f"missing or stale: {job.folder}/{job.key}.wav ({job.text!r})")
        return 1 if stale else 0
    for tool in ("text2wave", "sox"):
        if shutil.which(tool) is None:
            print(
                f"{tool} is missing: apt-get install festival festvox-us-slt-hts sox",
                file=sys.stderr,
            )
            return 2
    for folder in ("numbers", "phrases", "exercises"):
        (VOICE_DIR / folder).mkdir(parents=True, exist_ok=True)

    def work(job: Job) -> tuple[Job, float]:
        return job, render(job, path_of(job))

    with ThreadPoolExecutor(max_workers=4) as pool:
        for job, seconds in pool.map(work, stale):
            stamps[f"{job.folder}/{job.key}"] = _stamp(job)
            print(f"{job.folder}/{job.key}.wav  {seconds:5.2f} s  {job.text}")

    if args.prune:
        wanted = {path_of(j) for j in todo}
        for path in sorted((VOICE_DIR / "exercises").glob("*.wav")):
            if path not in wanted:
                path.unlink()
                stamps.pop(f"exercises/{path.stem}", None)
                print(f"removed {path.relative_to(ROOT)}")
    stamps_path.write_text(json.dumps(dict(sorted(stamps.items())), indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
