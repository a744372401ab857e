#!/usr/bin/env python3
"""What the user hears: every part the app scheduled, found whole, once, on its sample.

    .venv/bin/python bench/audio_content.py [ROUTINE] [--keep DIR] [--max-bad N]
        [--server pulseaudio|pipewire] [--backend pulse|qt]
        [--quantum N [--quantum-at S]]
        [--stall-ms MS --stall-every S [--stall-kind gil|grab|history|pdf|resize]]

Runs the real ``spasmtimer start ROUTINE --exit-when-done`` (offscreen) into
the null sink of a private sound server (``--server``: PulseAudio, or
PipeWire with pipewire-pulse; it re-runs itself under
``tools/with-sound-server.sh`` when not inside the one asked for) with the
app's sound output ``--backend`` (``SPASMTIMER_AUDIO``: ``pulse`` writes to
the server through libpulse, ``qt`` through QtMultimedia's QAudioSink) and
records the sink's monitor all along. ``--quantum N`` forces PipeWire's
graph to blocks of N frames (``pw-metadata -n settings 0
clock.force-quantum N``), from the start or ``--quantum-at`` S seconds into
the routine (the quantum changing mid-session). The app writes what its player scheduled to the file
named by ``SPASMTIMER_AUDIO_LOG``: each part's clip, its due time on the
session clock, the stream frame it was placed on and when the device takes
that frame; and cuts, underruns, the device's measured rate. Without
ROUTINE, a built-in routine of about 40 seconds.

The recording's samples are put on the session clock by fitting the
recorder's chunk arrival times (so the server's own rate is measured, not
assumed). Then, for each scheduled part:

- **found**: the clip is looked for by normalised cross-correlation within
  ``SEARCH`` of where it should be (after one constant offset, the output
  latency, found on the first parts). Correlation >= ``WHOLE`` is a clean,
  whole part; below ``FOUND`` it is missing; in between, garbled.
- **stale**: in the ``BEFORE`` seconds before it, nothing may sound beyond
  what was scheduled there (the tail of the previous part, a faded cut):
  the recording's loudness in 5 ms windows is compared with that of the
  scheduled parts laid at the times they were found.
- **on the beat**: a counted number (a hold's count, the last three) found
  clean within :data:`BEAT` of its due time (less the constant latency).
- **start error**: when it was found minus when it was due, less the median
  (the constant latency); p95 and max of the absolute values; drift is the
  slope of the error over the routine, on the system clock (the session's
  clock, through the arrival-time fit) and on the server's (its samples
  counted at the nominal 48 kHz, which includes the sink's own rate offset).

Also counted: sounds nobody scheduled (loud 5 ms windows away from every
part), parts the app placed later than their frame, underruns, and the
app's CPU (share of a core while the routine ran, and per thread: the
sound writer is "spasm-sound", libpulse's "threaded-ml") and peak RSS.

``--stall-ms``: the app's GUI thread holds the GIL for that long every
``--stall-every`` seconds (``bench/stall_app.py``: one C call that never
lets it go; or real cases, ``--stall-kind``: ``grab`` grabs the windows,
``history`` opens the history window over a year of history, ``pdf``
exports its PDF report, ``resize`` resizes the main window);
the stalls, as a probe thread saw them, are reported with the rest. The
last line is JSON. ``SPASMTIMER_BENCH_APP``, a command line, runs another
build of the app (``packaging/test_deb.sh``: the installed package).
Exit status 1 when the app failed, or stale, garbled or
missing parts exceed ``--max-bad`` (0).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shlex
import subprocess
import sys
import tempfile
import time
import wave
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # sound_monitor: shared with the sound tests

from sound_monitor import MonitorRecorder, available, ncc_search, server  # noqa: E402

from spasmtimer.audio.clips import ClipLibrary  # noqa: E402
from spasmtimer.core.routines.loader import load_routine  # noqa: E402
from spasmtimer.core.routines.plan import make_plan  # noqa: E402
from spasmtimer.resources import assets_dir  # noqa: E402

ROUTINE = """\
format: 1
name: Audio content bench
description: About forty seconds of holds, counts, rests and a side switch.
exercises:
  - name: Bridge
    hold: 6
    reps: 2
    prepare: 5
    rest: 3
  - name: Seated figure four
    hold: 4
    reps: 1
    sides: alternate
    prepare: 4
    rest: 2
"""
SEARCH = 0.040  # seconds either side of where a part should be
FIRST_SEARCH = 1.0  # for the first parts, before the constant latency is known
WHOLE = 0.90  # normalised correlation of a clean, whole part
FOUND = 0.50  # below this the part is missing
BEFORE = 0.100  # seconds before a part that must hold nothing unscheduled
WINDOW = 0.005  # loudness windows
LOUD = 60.0  # RMS (of 32767) above which a window counts as sound
# The command that runs the app, instead of the checkout's (packaging/test_deb.sh:
# the installed .deb inside a clean Debian root); "start ROUTINE --exit-when-done" follow.
APP_ENV = "SPASMTIMER_BENCH_APP"
STALE_RATIO = 2.0  # recorded RMS this many times the scheduled one (+ LOUD) is stale
BEAT = 0.010  # a counted number this near its due time (less the latency) is on the beat


@dataclass
class Part:
    key: str
    due: float
    at: float
    frame: int
    stream: int
    late_frames: int
    cue: str
    cut_frame: int | None = None
    found: float | None = None  # session-clock time it was found at
    found_index: int | None = None
    score: float = 0.0
    gain: float = 0.0
    verdict: str = ""
    problems: list[str] = field(default_factory=list)


def read_log(path: Path) -> tuple[list[Part], dict[str, object]]:
    parts: list[Part] = []
    info: dict[str, object] = {"underruns": 0, "rates": [], "streams": 0}
    by_frame: dict[tuple[int, int], Part] = {}
    if not path.exists():
        return parts, info
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if "part" in entry:
            part = Part(
                entry["part"], entry["due"], entry["at"], entry["frame"], entry["stream"],
                entry.get("late_frames", 0), entry.get("cue", ""),
            )  # fmt: skip
            parts.append(part)
            by_frame[(part.stream, part.frame)] = part
        elif "cut" in entry:
            for _tag, frame in entry["cut"]:
                # A cut names the frame where the part goes quiet; find the part sounding then.
                for part in reversed(parts):
                    if part.stream == entry["stream"] and part.frame <= frame:
                        if part.frame == frame:  # never heard: cut before it began
                            part.cut_frame = part.frame
                        elif part.cut_frame is None:
                            part.cut_frame = frame
                        break
        elif entry.get("underrun"):
            info["underruns"] = int(info["underruns"]) + 1  # type: ignore[call-overload]
        if "rate" in entry:
            info["rates"].append(entry["rate"])  # type: ignore[attr-defined]
        if "opened" in entry:
            info["streams"] = entry["opened"]
    return parts, info


def clip_template(path: Path, rate: int) -> np.ndarray:
    with wave.open(str(path), "rb") as clip:
        source_rate = clip.getframerate()
        data = np.frombuffer(clip.readframes(clip.getnframes()), dtype="<i2").astype(np.float64)
        if clip.getnchannels() > 1:
            data = data.reshape(-1, clip.getnchannels()).mean(axis=1)
    n = round(len(data) * rate / source_rate)
    return np.interp(np.arange(n) * source_rate / rate, np.arange(len(data)), data)


def loudness(signal: np.ndarray, first: int, last: int, step: int) -> np.ndarray:
    first, last = max(0, first), min(len(signal), last)
    if last - first < step:
        return np.zeros(0)
    chunk = signal[first : first + (last - first) // step * step].reshape(-1, step)
    return np.sqrt((chunk * chunk).mean(axis=1))


def fit_line(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    if len(x) < 2:
        return 0.0, float(y.mean()) if len(y) else 0.0
    slope, intercept = np.polyfit(x, y, 1)
    return float(slope), float(intercept)


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q, method="inverted_cdf")) if values else float("nan")


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def vm_kib(pid: int, name: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(name + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def thread_cpu(pid: int) -> dict[str, float]:
    """CPU seconds per thread of ``pid``: "main" (the GUI thread), else by name (#2, #3 ...)."""
    out: dict[str, float] = {}
    tasks = sorted(Path(f"/proc/{pid}/task").glob("*"), key=lambda task: int(task.name))
    for task in tasks:
        try:
            name = (task / "comm").read_text().strip()
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(task.name) == pid:
            name = "main"
        key, n = name, 1
        while key in out:
            n += 1
            key = f"{name}#{n}"
        out[key] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return out


def force_quantum(quantum: int) -> None:
    """PipeWire's graph in blocks of ``quantum`` frames (0: its own choice again)."""
    subprocess.run(
        ["pw-metadata", "-n", "settings", "0", "clock.force-quantum", str(quantum)],
        capture_output=True, timeout=10, check=False,
    )  # fmt: skip


def run_app(
    routine: Path,
    tmpdir: Path,
    log_path: Path,
    total: float,
    stall: dict[str, str] | None = None,
    backend: str = "pulse",
    quantum: tuple[int, float] | None = None,
) -> dict[str, object]:
    env = dict(os.environ)
    env["SPASMTIMER_AUDIO"] = backend
    env.update(
        QT_QPA_PLATFORM="offscreen",
        SPASMTIMER_DATA_DIR=str(tmpdir / "data"),
        XDG_CONFIG_HOME=str(tmpdir / "config"),
        XDG_DATA_HOME=str(tmpdir / "share"),
        SPASMTIMER_AUDIO_LOG=str(log_path),
    )
    app = ROOT / ".venv" / "bin" / "spasmtimer"
    command = [str(app)] if app.exists() else [sys.executable, "-m", "spasmtimer"]
    if os.environ.get(APP_ENV):  # another build of the app: the installed package's
        command = shlex.split(os.environ[APP_ENV])
    if stall:
        env.update(stall)
        command = [sys.executable, str(ROOT / "bench" / "stall_app.py")]
    began = time.monotonic()
    proc = subprocess.Popen(
        [*command, "start", str(routine), "--exit-when-done"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    rss = hwm = 0
    cpu_at_start = cpu_last = float("nan")
    threads_at_start: dict[str, float] = {}
    threads_last: dict[str, float] = {}
    started_at = ended_at = began
    deadline = began + total + 60
    while proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.25)
        # The quantum changes mid-session, so many seconds after the session began.
        if quantum is not None and began < started_at <= time.monotonic() - quantum[1]:
            force_quantum(quantum[0])
            quantum = None
        now_cpu = cpu_seconds(proc.pid)
        if not math.isnan(now_cpu):  # still there
            cpu_last, ended_at = now_cpu, time.monotonic()
            threads_last.update(thread_cpu(proc.pid))  # threads that ended keep their last figure
            rss = max(rss, vm_kib(proc.pid, "VmRSS"))
            hwm = max(hwm, vm_kib(proc.pid, "VmHWM"))
        # The session has begun once the player logged its stream playing.
        if math.isnan(cpu_at_start) and log_path.exists() and '"playing"' in log_path.read_text():
            cpu_at_start, started_at = cpu_last, time.monotonic()
            threads_at_start = dict(threads_last)
    if proc.poll() is None:
        proc.kill()
    stderr = proc.communicate(timeout=30)[1] or ""
    wall = max(1e-9, ended_at - started_at)
    return {
        "exit_code": float(proc.returncode),
        "cpu_percent": (cpu_last - cpu_at_start) / wall * 100,
        "threads": {  # type: ignore[dict-item]
            name: round((seconds - threads_at_start.get(name, 0.0)) / wall * 100, 3)
            for name, seconds in threads_last.items()
        },
        "rss_mb": rss / 1024,
        "hwm_mb": hwm / 1024,
        "wall": time.monotonic() - began,
        "stderr": stderr,  # type: ignore[dict-item]
    }


def analyse(
    parts: list[Part], recording: object, library: ClipLibrary
) -> tuple[np.ndarray, dict[str, float]]:
    samples = np.asarray(recording.samples, dtype=np.float64)  # type: ignore[attr-defined]
    rate = int(recording.rate)  # type: ignore[attr-defined]
    # Sample n was captured at t(n) = t0 + n * spp (sound_monitor fitted spp to
    # the chunks' arrival times; the line lies under every arrival).
    spp = float(recording.seconds_per_sample or 1 / rate)  # type: ignore[attr-defined]
    t0 = float(recording.start)  # type: ignore[attr-defined]
    server_ppm = (1 / (spp * rate) - 1) * 1e6

    def index_of(t: float) -> int:
        return round((t - t0) / spp)

    templates: dict[str, np.ndarray] = {}
    for part in parts:
        if part.key not in templates:
            clip = library.get(part.key)
            templates[part.key] = (
                clip_template(clip.path, rate) if clip is not None else np.zeros(0)
            )
    offset = None  # seconds from a part's "at" to where it is heard
    firsts: list[float] = []
    for part in parts:
        template = templates[part.key]
        if part.cut_frame is not None:
            heard = round((part.cut_frame - part.frame) / 44_100 * rate)
            if heard <= rate * 0.02:
                part.verdict = "cut before heard"
                continue
            template = template[:heard]
        search = FIRST_SEARCH if offset is None else SEARCH
        centre = index_of(part.at + (offset or 0.0))
        index, score = ncc_search(
            samples, template, centre - round(search * rate), centre + round(search * rate)
        )
        part.score = score
        if score < FOUND:
            part.verdict = "missing"
            continue
        part.found_index = index
        part.found = t0 + index * spp
        segment = samples[index : index + len(template)]
        part.gain = float(segment @ template / max(1e-9, float(template @ template)))
        part.verdict = "clean" if score >= WHOLE else "garbled"
        if offset is None:
            firsts.append(part.found - part.at)
            if len(firsts) >= 3:
                offset = float(np.median(firsts))
    # What was scheduled, laid where it was found: the reference for "stale".
    expected = np.zeros_like(samples)
    for part in parts:
        if part.found_index is None:
            continue
        template = templates[part.key]
        if part.cut_frame is not None:
            heard = round((part.cut_frame - part.frame) / 44_100 * rate)
            template = template[:heard].copy()
            fade = min(len(template), round(0.010 * rate))
            template[len(template) - fade :] *= np.linspace(1, 0, fade)
        end = min(len(expected), part.found_index + len(template))
        expected[part.found_index : end] += part.gain * template[: end - part.found_index]
    step = round(WINDOW * rate)
    for part in parts:
        if part.found_index is None:
            continue
        first = part.found_index - round(BEFORE * rate)
        last = part.found_index - step // 2
        got = loudness(samples, first, last, step)
        want = loudness(expected, first, last, step)
        if len(got) and np.any(got > STALE_RATIO * want + LOUD):
            part.problems.append(f"sound before it ({got.max():.0f} RMS)")
            part.verdict = "stale"
    # Sounds nobody scheduled: loud windows where nothing scheduled is.
    got = loudness(samples, 0, len(samples), step)
    want = loudness(expected, 0, len(samples), step)
    busy = np.convolve(want > 1.0, np.ones(9), mode="same") > 0  # 20 ms either side
    stray = (got > LOUD) & ~busy
    starts = np.flatnonzero(stray & ~np.concatenate(([False], stray[:-1])))
    unexpected = 0
    last_start = -1e9
    for s in starts:  # one per 100 ms of stray sound
        if s - last_start > 20:
            unexpected += 1
        last_start = s
    return expected, {"server_ppm": server_ppm, "unexpected": float(unexpected), "t0": t0}


def write_wav(samples: np.ndarray, rate: int, path: Path) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(np.clip(samples, -32768, 32767).astype("<i2").tobytes())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("routine", nargs="?", type=Path, help="a routine file (default: built in)")
    parser.add_argument("--keep", type=Path, help="save recording.wav, expected.wav, log here")
    parser.add_argument("--max-bad", type=int, default=0, help="stale+garbled+missing allowed")
    parser.add_argument("--stall-ms", type=float, default=0.0, help="GUI thread holds the GIL")
    parser.add_argument("--stall-every", type=float, default=2.5, help="seconds between stalls")
    parser.add_argument(
        "--stall-kind", choices=("gil", "grab", "history", "pdf", "resize"), default="gil"
    )
    parser.add_argument("--server", choices=("pulseaudio", "pipewire"), default="pulseaudio")
    parser.add_argument("--backend", choices=("pulse", "qt"), default="pulse")
    parser.add_argument("--quantum", type=int, default=0, help="PipeWire's forced block size")
    parser.add_argument("--quantum-at", type=float, default=0.0, help="seconds in: force it then")
    args = parser.parse_args(argv)

    ok, why = available()
    if ok and server() != args.server:
        ok, why = False, f"inside a {server()} server, not {args.server}"
        os.environ.pop("SPASMTIMER_TEST_PULSE_REASON", None)
    if not ok:
        if os.environ.get("SPASMTIMER_TEST_PULSE_REASON"):
            print(f"audio_content: skipped, {why}")
            print(json.dumps({"bench": "audio_content", "skipped": why}))
            return 0
        script = ROOT / "tools" / "with-sound-server.sh"
        return subprocess.call(
            [str(script), f"--{args.server}", sys.executable, __file__, *(argv or sys.argv[1:])]
        )

    library = ClipLibrary.scan(assets_dir())
    with tempfile.TemporaryDirectory(prefix="spasm-audio-content.") as tmp:
        tmpdir = Path(tmp)
        routine = args.routine or tmpdir / "audio-content.yaml"
        if args.routine is None:
            routine.write_text(ROUTINE, encoding="utf-8")
        total = make_plan(load_routine(routine)).total_seconds
        log_path = tmpdir / "audio-log.jsonl"
        recorder = MonitorRecorder().start()
        if not recorder.wait_until_running():
            recorder.stop()
            print("audio_content: the monitor delivered nothing")
            return 1
        stall_path = tmpdir / "stalls.jsonl"
        stall = None
        if args.stall_ms > 0:
            stall = {
                "SPASMTIMER_STALL_MS": str(args.stall_ms),
                "SPASMTIMER_STALL_EVERY": str(args.stall_every),
                "SPASMTIMER_STALL_KIND": args.stall_kind,
                "SPASMTIMER_STALL_LOG": str(stall_path),
            }
        if args.stall_kind in ("history", "pdf"):
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            from history import seed  # bench/history.py: a year of sessions

            seed(tmpdir / "data", years=1)
        quantum = None
        if args.quantum and args.server == "pipewire":
            if args.quantum_at <= 0:
                force_quantum(args.quantum)
            else:
                quantum = (args.quantum, args.quantum_at)
        app = run_app(routine, tmpdir, log_path, total, stall, args.backend, quantum)
        stalls = (
            [json.loads(line) for line in stall_path.read_text().splitlines()]
            if stall_path.exists()
            else []
        )
        time.sleep(0.5)
        recording = recorder.stop()
        parts, info = read_log(log_path)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            if log_path.exists():
                (args.keep / "audio-log.jsonl").write_text(log_path.read_text())

    expected, found = analyse(parts, recording, library)
    heard = [p for p in parts if p.verdict != "cut before heard"]
    counts = {
        v: sum(1 for p in heard if p.verdict == v) for v in ("clean", "stale", "garbled", "missing")
    }
    timed = [p for p in heard if p.found is not None]
    errors = [p.found - p.due for p in timed]  # type: ignore[operator]
    median = float(np.median(errors)) if errors else float("nan")
    aligned = [abs(e - median) for e in errors]
    dues = np.array([p.due for p in timed])
    drift_system, _ = fit_line(dues, np.array(errors)) if len(timed) >= 2 else (0.0, 0.0)
    rate = recording.rate
    server_times = np.array([p.found_index / rate for p in timed])  # type: ignore[operator]
    drift_server, _ = fit_line(dues, server_times - dues) if len(timed) >= 2 else (0.0, 0.0)
    placed_late = sum(1 for p in parts if p.late_frames > 0)
    numbers = [p for p in heard if p.key.startswith("number-") and p.cue in ("COUNT", "LAST_THREE")]
    on_beat = sum(
        1
        for p in numbers
        if p.verdict == "clean" and p.found is not None and abs(p.found - p.due - median) <= BEAT
    )
    rates = info["rates"]
    device_ppm = (float(rates[-1]) / 44_100 - 1) * 1e6 if rates else float("nan")  # type: ignore[index]

    forced = f", quantum {args.quantum} from {args.quantum_at:.0f} s" if args.quantum else ""
    print(f"routine: {routine.name}, {total:.0f} s planned; app ran {app['wall']:.1f} s, "
          f"exit code {app['exit_code']:.0f}; server {args.server}, backend {args.backend}"
          f"{forced}")  # fmt: skip
    if app["exit_code"] != 0:
        print(str(app["stderr"]).strip()[-1500:])
    print(f"parts scheduled: {len(parts)} ({len(parts) - len(heard)} cut before they sounded)")
    print(f"parts found clean and whole: {counts['clean']}")
    print(f"stale or garbled parts: {counts['stale'] + counts['garbled']} "
          f"(stale {counts['stale']}, garbled {counts['garbled']})")  # fmt: skip
    print(f"missing parts: {counts['missing']}")
    print(f"counted numbers on the beat (within {BEAT * 1000:.0f} ms): {on_beat} of {len(numbers)}")
    print(f"sounds nobody scheduled: {found['unexpected']:.0f}")
    worst = max(aligned, default=float("nan"))
    print(f"start error against due, less the constant latency ({median * 1000:.1f} ms): "
          f"p95 {percentile(aligned, 95) * 1000:.2f} ms, max {worst * 1000:.2f} ms")  # fmt: skip
    print(f"drift: {drift_system * 1000:+.4f} ms/s on the system clock; "
          f"{drift_server * 1000:+.4f} ms/s on the server's sample clock "
          f"(the sink runs {found['server_ppm']:+.0f} ppm against the system clock: "
          f"{found['server_ppm'] / 1000:+.3f} ms/s of that is the sink's own rate)")  # fmt: skip
    print(f"device rate measured by the player: {device_ppm:+.0f} ppm; "
          f"parts placed later than their frame: {placed_late}")  # fmt: skip
    print(f"underruns: {info['underruns']}; output streams opened: {info['streams']}")
    print(f"app: CPU {app['cpu_percent']:.2f} % of a core during the routine, "
          f"RSS peak {app['hwm_mb']:.1f} MB")  # fmt: skip
    threads = dict(app["threads"])  # type: ignore[call-overload]
    print("CPU per thread (% of a core): " + ", ".join(
        f"{name} {share:.3f}" for name, share in sorted(threads.items(), key=lambda x: -x[1])
    ))  # fmt: skip
    if stall:
        held = [s["held"] for s in stalls]
        gaps = [s["probe_gap"] for s in stalls]
        print(f"GUI thread stalls ({args.stall_kind}): {len(stalls)}, held median "
              f"{np.median(held) * 1000 if held else float('nan'):.0f} ms, max "
              f"{max(held, default=float('nan')) * 1000:.0f} ms; a probe thread was kept "
              f"from running up to {max(gaps, default=float('nan')) * 1000:.0f} ms")  # fmt: skip
    for p in heard:
        if p.verdict != "clean":
            where = f"{p.due - parts[0].due:7.2f} s"
            problems = " ".join(p.problems)
            print(f"  {p.verdict}: {p.key} ({p.cue}) at {where}, r {p.score:.2f} {problems}")
    if args.keep:
        write_wav(
            np.asarray(recording.samples, dtype=np.float64), rate, args.keep / "recording.wav"
        )
        write_wav(expected, rate, args.keep / "expected.wav")
        (args.keep / "parts.json").write_text(
            json.dumps(
                [
                    {"key": p.key, "due": p.due, "at": p.at, "found": p.found,
                     "error_ms": None if p.found is None else (p.found - p.due - median) * 1000,
                     "score": p.score, "verdict": p.verdict}
                    for p in parts
                ],
                indent=1,
            )
        )  # fmt: skip
        (args.keep / "arrivals.json").write_text(json.dumps(recording.arrivals))
        print(f"saved recording.wav, expected.wav, audio-log.jsonl, parts.json, arrivals.json "
              f"in {args.keep}")  # fmt: skip
    bad = counts["stale"] + counts["garbled"] + counts["missing"]
    summary = {
        "bench": "audio_content",
        "routine": routine.name,
        "routine_seconds": total,
        "server": args.server,
        "backend": args.backend,
        "quantum": args.quantum,
        "quantum_at": args.quantum_at,
        "exit_code": int(app["exit_code"]),
        "parts_scheduled": len(parts),
        "parts_clean": counts["clean"],
        "parts_stale_or_garbled": counts["stale"] + counts["garbled"],
        "parts_missing": counts["missing"],
        "unexpected_sounds": int(found["unexpected"]),
        "numbers": len(numbers),
        "numbers_on_beat": on_beat,
        "latency_ms": round(median * 1000, 2),
        "start_error_p95_ms": round(percentile(aligned, 95) * 1000, 3),
        "start_error_max_ms": round(max(aligned, default=float("nan")) * 1000, 3),
        "drift_system_ms_per_s": round(drift_system * 1000, 5),
        "drift_server_ms_per_s": round(drift_server * 1000, 5),
        "server_rate_ppm": round(found["server_ppm"], 1),
        "device_rate_ppm": round(device_ppm, 1),
        "placed_late": placed_late,
        "underruns": info["underruns"],
        "cpu_percent": round(app["cpu_percent"], 2),  # type: ignore[call-overload]
        "cpu_threads": app["threads"],
        "stalls": len(stalls),
        "stall_ms_max": round(max((s["held"] for s in stalls), default=0.0) * 1000, 1),
        "rss_peak_mb": round(app["hwm_mb"], 1),
    }
    print(json.dumps(summary))
    return 0 if app["exit_code"] == 0 and bad <= args.max_bad and parts else 1


if __name__ == "__main__":
    sys.exit(main())
