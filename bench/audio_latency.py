#!/usr/bin/env python3
"""Audio latency: when the real app's cues reach the sound server, against the plan.

    .venv/bin/python bench/audio_latency.py [--keep DIR] [--routine FILE]

Runs a routine of about 60 seconds (written to a temporary YAML file; names
one bundled exercise and one without a clip) through the real app,
``spasmtimer start FILE --exit-when-done`` with ``QT_QPA_PLATFORM=offscreen``,
into the null sink of a private PulseAudio server (it re-runs itself under
``tools/with-sound-server.sh`` when not already inside one), and records the
sink's monitor all along.

What should be heard comes from the pure code: the session on a fake clock
through the recording fake player, which applies the same timing policy as
the Qt player (numbers that yield to a phrase are expected to be silent).
Each expected cue is matched with the first sound onset near it; the whole
recording is aligned on the median error (the app's start-up time is not
known to the recorder), and the bench prints the onset error (median, p95,
max of the aligned absolute error), the drift (slope of the error over the
routine), the cues heard against the cues due, and whether the sound at
each onset is the clip expected there (normalised correlation with the WAV
file). ``--keep DIR`` saves the recording as WAV and a spectrogram PNG, to
listen to and look at. The last line is JSON.
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
import wave
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # sound_monitor: shared with the sound tests

from sound_monitor import MonitorRecorder, Recording, available, onsets  # noqa: E402

from spasmtimer.audio.clips import ClipLibrary  # noqa: E402
from spasmtimer.audio.player import RecordingCuePlayer, hear  # noqa: E402
from spasmtimer.audio.policy import PART_GAP  # noqa: E402
from spasmtimer.core.clock import FakeClock  # noqa: E402
from spasmtimer.core.routines.loader import load_routine  # noqa: E402
from spasmtimer.core.routines.plan import make_plan  # noqa: E402
from spasmtimer.core.session.cues import CueKind  # noqa: E402
from spasmtimer.core.session.machine import Session  # noqa: E402
from spasmtimer.resources import assets_dir  # noqa: E402

ROUTINE = """\
format: 1
name: Audio latency bench
description: About a minute of holds, rests, a side switch and counts.
exercises:
  - name: Bridge
    hold: 6
    reps: 3
    prepare: 5
    rest: 3
  - name: Seated figure four
    hold: 5
    reps: 2
    sides: alternate
    prepare: 5
    rest: 2
"""
MATCH_WINDOW = 0.15  # seconds either side of an expected onset
ONSET_THRESHOLD = 20  # of 32767: the null sink is digitally silent


@dataclass(frozen=True)
class Expected:
    at: float  # seconds from the session's start
    kind: str
    key: str  # the first clip heard
    seconds: float  # how long the whole utterance lasts


def expected_cues(routine_path: Path, library: ClipLibrary) -> list[Expected]:
    """What the pure session + policy say should be heard, and when."""
    clock = FakeClock(0.0)
    player = RecordingCuePlayer(library=library, clock=clock)
    session = Session(make_plan(load_routine(routine_path)), clock)

    session.subscribe(functools.partial(hear, player))
    session.start()
    while True:
        session.tick()
        wait = session.seconds_until_next_event()
        if wait is None:
            break
        clock.advance(max(wait, 0.001))

    def length(keys: tuple[str, ...]) -> float:
        clips = [library.get(k) for k in keys]
        return sum(c.seconds for c in clips if c is not None) + PART_GAP * (len(keys) - 1)

    return [
        Expected(p.at, p.cue.kind.name, p.keys[0], length(p.keys)) for p in player.played if p.keys
    ]


def sounding_seconds(recording: Recording, index: int, quiet: float = 0.1) -> float:
    """How long the sound starting at ``index`` lasts, up to ``quiet`` seconds of silence."""
    need = int(quiet * recording.rate)
    silent = 0
    last = index
    for i in range(index, len(recording.samples)):
        if abs(recording.samples[i]) > ONSET_THRESHOLD:
            last, silent = i, 0
        else:
            silent += 1
            if silent >= need:
                break
    return (last - index) / recording.rate


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(0, math.ceil(q / 100 * len(ordered)) - 1)
    return ordered[rank]


def align(expected: list[Expected], heard: list[float]) -> float:
    """The offset (recording time of session start) matching the most onsets."""
    best, best_count = 0.0, -1
    for e in expected[:3]:
        for h in heard[:12]:
            offset = h - e.at
            count = sum(1 for x in expected if any(abs(y - (x.at + offset)) <= 0.06 for y in heard))
            if count > best_count:
                best, best_count = offset, count
    return best


def write_wav(recording: Recording, path: Path) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(recording.rate)
        out.writeframes(recording.samples.tobytes())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="save recording.wav and spectrogram.png here")
    parser.add_argument("--routine", type=Path, help="a routine file instead of the built-in one")
    args = parser.parse_args(argv)

    ok, why = available()
    if not ok:
        if os.environ.get("SPASMTIMER_TEST_PULSE_REASON"):
            print(f"audio_latency: skipped, {why}")
            print(json.dumps({"bench": "audio_latency", "skipped": why}))
            return 0
        script = ROOT / "tools" / "with-sound-server.sh"
        return subprocess.call([str(script), sys.executable, __file__, *(argv or sys.argv[1:])])

    library = ClipLibrary.scan(assets_dir())
    with tempfile.TemporaryDirectory(prefix="spasm-audio-bench.") as tmp:
        tmpdir = Path(tmp)
        routine = args.routine or tmpdir / "audio-bench.yaml"
        if args.routine is None:
            routine.write_text(ROUTINE, encoding="utf-8")
        expected = expected_cues(routine, library)
        total = make_plan(load_routine(routine)).total_seconds

        env = dict(os.environ)
        env.update(
            QT_QPA_PLATFORM="offscreen",
            SPASMTIMER_DATA_DIR=str(tmpdir / "data"),
            XDG_CONFIG_HOME=str(tmpdir / "config"),
            XDG_DATA_HOME=str(tmpdir / "share"),
        )
        app = ROOT / ".venv" / "bin" / "spasmtimer"
        command = [str(app)] if app.exists() else [sys.executable, "-m", "spasmtimer"]
        recorder = MonitorRecorder().start()
        if not recorder.wait_until_running():
            recorder.stop()
            print("audio_latency: the monitor delivered nothing")
            return 1
        started = time.monotonic()
        result = subprocess.run(
            [*command, "start", str(routine), "--exit-when-done"],
            env=env,
            capture_output=True,
            text=True,
            timeout=total + 60,
            check=False,
        )
        time.sleep(0.5)  # the last words
        recording = recorder.stop()
    wall = time.monotonic() - started

    heard_idx = onsets(recording, threshold=ONSET_THRESHOLD, min_silence=0.1)
    heard = [recording.time_of(i) for i in heard_idx]
    offset = align(expected, heard)
    errors: list[float] = []
    times: list[float] = []
    matched: dict[int, int] = {}
    missing: list[Expected] = []
    for e in expected:
        target = e.at + offset
        near = [
            (abs(h - target), j) for j, h in enumerate(heard) if abs(h - target) <= MATCH_WINDOW
        ]
        if not near:
            missing.append(e)
            continue
        _, j = min(near)
        matched[j] = id(e)
        errors.append(heard[j] - target)
        times.append(e.at)
    median = statistics.median(errors) if errors else float("nan")
    aligned = [abs(x - median) for x in errors]
    drift = 0.0
    if len(times) >= 2:
        mean_t, mean_e = statistics.fmean(times), statistics.fmean(errors)
        var = sum((t - mean_t) ** 2 for t in times)
        drift = sum((t - mean_t) * (x - mean_e) for t, x in zip(times, errors, strict=True)) / var
    # Is the sound at each matched onset what was due? Its length must be
    # that of the clips due (within 60 ms): a wrong or missing clip, or two
    # utterances run together, would not match.
    clips_ok = 0
    for e in expected:
        target = e.at + offset
        j = min(range(len(heard)), key=lambda j: abs(heard[j] - target), default=None)
        if j is None or abs(heard[j] - target) > MATCH_WINDOW:
            continue
        if abs(sounding_seconds(recording, heard_idx[j]) - e.seconds) <= 0.06:
            clips_ok += 1
    holds = [e for e in expected if e.kind in (CueKind.HOLD.name, CueKind.NEXT_EXERCISE.name)]
    holds_heard = len([e for e in holds if e not in missing])
    extra = len(heard) - len(matched)

    print(f"routine: {total:.0f} s planned, app ran {wall:.1f} s, exit code {result.returncode}")
    if result.returncode != 0:
        print(result.stderr.strip()[-1500:])
    print(f"cues due (to be heard by the policy): {len(expected)}; heard: {len(errors)}")
    print(f"hold starts heard: {holds_heard} of {len(holds)}")
    print(f"sound lengths matching the clips due (within 60 ms): {clips_ok} of {len(errors)}")
    print(f"other onsets (inside utterances): {extra}")
    print(
        "onset error aligned on the median: "
        f"median {0.0:.1f} ms, p95 {percentile(aligned, 95) * 1000:.1f} ms, "
        f"max {max(aligned, default=float('nan')) * 1000:.1f} ms "
        f"(raw median {median * 1000:+.1f} ms after the app's own start-up offset)"
    )
    print(f"drift: {drift * 60_000:+.2f} ms per minute")
    for e in missing:
        print(f"  not heard: {e.kind} {e.key} at {e.at:.2f} s")
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        wav = args.keep / "recording.wav"
        write_wav(recording, wav)
        subprocess.run(
            ["sox", str(wav), "-n", "spectrogram", "-x", "3000", "-y", "257",
             "-t", "audio_latency", "-o", str(args.keep / "spectrogram.png")],
            check=False, capture_output=True,
        )  # fmt: skip
        (args.keep / "expected.json").write_text(
            json.dumps([e.__dict__ for e in expected], indent=1), encoding="utf-8"
        )
        print(f"saved {wav} and spectrogram.png")
    summary = {
        "bench": "audio_latency",
        "routine_seconds": total,
        "exit_code": result.returncode,
        "cues_due": len(expected),
        "cues_heard": len(errors),
        "hold_starts_due": len(holds),
        "hold_starts_heard": holds_heard,
        "lengths_matching": clips_ok,
        "p95_ms": round(percentile(aligned, 95) * 1000, 2),
        "max_ms": round(max(aligned, default=float("nan")) * 1000, 2),
        "drift_ms_per_min": round(drift * 60_000, 3),
        "raw_median_ms": round(median * 1000, 2),
    }
    print(json.dumps(summary))
    return 0 if result.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
