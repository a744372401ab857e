"""CPU, wake-ups and memory of the real app while a long hold runs, per thread.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python bench/hold_cpu.py
    tools/with-sound-server.sh xvfb-run -a -s "-screen 0 1920x1080x24" \\
        .venv/bin/python bench/hold_cpu.py
    .venv/bin/python bench/hold_cpu.py --muted        # sound muted in the settings

Runs ``spasmtimer start`` on a routine of one 120 s hold with a fresh data and
settings folder, waits until it has settled (``--settle``, 4 s), then reads
``/proc/PID/task/*/stat`` and ``status`` over ``--seconds`` (20 s) and prints:

- CPU of the whole process and of each thread (``schedstat``, else utime +
  stime), as % of a core;
- wake-ups per second of each thread (voluntary + involuntary context switches:
  every time the thread went to sleep in the event loop and woke again);
- RSS now and at its peak (VmRSS, VmHWM).

With ``--runs N`` it does that N times and prints the median of each figure.
A second, separate run (``--events``, on by default; ``--no-events`` skips
it) starts the app through a small launcher that counts what the GUI thread
handles in the same window of time: timer events by the timer's owner, paint
events by widget class, layout requests. The counting costs CPU itself, so its
run is not the one the CPU figures come from. The last line is JSON.

Without a display it uses QT_QPA_PLATFORM=offscreen. The figures depend on the
machine and on what else runs: compare before and after on the same machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

from startup import LONG_HOLD  # noqa: E402  (bench/startup.py: one 120 s hold)

# Runs the app as ``python -m spasmtimer start ROUTINE`` does, with an
# application-wide event filter that counts, from SETTLE s to SETTLE+SECONDS s
# after start, what the GUI thread handles; writes the counts to OUT as JSON.
COUNTER = textwrap.dedent(
    """
    import json, sys, time
    from collections import Counter

    from PySide6.QtCore import QEvent, QObject, QTimer
    import spasmtimer.ui.app as ui_app
    from spasmtimer.cli import main

    SETTLE, SECONDS, OUT = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
    WATCHED = {
        QEvent.Type.Timer: "timer",
        QEvent.Type.Paint: "paint",
        QEvent.Type.LayoutRequest: "layout",
        QEvent.Type.UpdateRequest: "update_request",
    }

    def owner(obj):
        parent = obj.parent()
        name = type(obj).__name__
        if parent is not None:
            name = f"{type(parent).__name__}.{name}"
        interval = getattr(obj, "interval", None)
        if callable(interval) and type(obj).__name__ == "QTimer":
            name += f"({obj.interval()} ms)"
        return name

    class Count(QObject):
        def __init__(self):
            super().__init__()
            self.on = False
            self.counts = {kind: Counter() for kind in [*WATCHED.values(), "other"]}

        def eventFilter(self, obj, event):
            if self.on:
                kind = WATCHED.get(event.type())
                if kind is not None:
                    self.counts[kind][owner(obj)] += 1
                else:
                    self.counts["other"][f"{event.type().name} {owner(obj)}"] += 1
            return False

    count = Count()

    def begin():
        count.on = True
        QTimer.singleShot(round(SECONDS * 1000), end)

    def end():
        count.on = False
        with open(OUT, "w") as f:
            json.dump({k: dict(v) for k, v in count.counts.items()}, f)

    made = ui_app.make_application

    def make_application(*args, **kwargs):
        app = made(*args, **kwargs)
        app.installEventFilter(count)
        QTimer.singleShot(round(SETTLE * 1000), begin)
        return app

    ui_app.make_application = make_application
    sys.exit(main(["start", sys.argv[4]]))
    """
)


def task_figures(pid: int) -> dict[int, tuple[str, float, int]]:
    """Per thread: (name, CPU seconds, context switches).

    CPU time comes from ``schedstat`` (nanoseconds) where the kernel has it,
    else from ``stat``'s utime + stime (clock ticks, 10 ms apart).
    """
    ticks_per_s = os.sysconf("SC_CLK_TCK")
    out: dict[int, tuple[str, float, int]] = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            stat = (task / "stat").read_text()
            status = (task / "status").read_text()
            try:
                cpu = int((task / "schedstat").read_text().split()[0]) / 1e9
            except (OSError, ValueError, IndexError):
                fields = stat.rsplit(")", 1)[1].split()
                cpu = (int(fields[11]) + int(fields[12])) / ticks_per_s  # utime + stime
        except OSError:
            continue  # the thread ended meanwhile
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        switches = 0
        for line in status.splitlines():
            if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                switches += int(line.split()[1])
        out[int(task.name)] = (name, cpu, switches)
    return out


def memory_kib(pid: int) -> tuple[int, int]:
    rss = hwm = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1])
        elif line.startswith("VmHWM:"):
            hwm = int(line.split()[1])
    return rss, hwm


def thread_label(pid: int, tid: int, name: str, seen: dict[str, int]) -> str:
    if tid == pid:
        return "GUI (main)"
    seen[name] = seen.get(name, 0) + 1
    return name if seen[name] == 1 else f"{name}#{seen[name]}"


def spawn(argv: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )


def stop(proc: subprocess.Popen[str]) -> None:
    """End the app: politely, then for good if it does not go within 10 s."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def measure(argv: list[str], env: dict[str, str], settle: float, seconds: float) -> dict[str, Any]:
    """One run: per-thread CPU % and wake-ups/s over ``seconds`` after ``settle``."""
    proc = spawn(argv, env)
    try:
        time.sleep(settle)
        if proc.poll() is not None:
            raise SystemExit(f"spasmtimer ended early: {proc.stderr.read() if proc.stderr else ''}")
        a, t0 = task_figures(proc.pid), time.perf_counter()
        time.sleep(seconds)
        b, t1 = task_figures(proc.pid), time.perf_counter()
        rss, hwm = memory_kib(proc.pid)
        span = t1 - t0
        threads: dict[str, dict[str, float]] = {}
        seen: dict[str, int] = {}
        total = 0.0
        for tid in sorted(b):
            name, cpu, switches = b[tid]
            _, cpu0, switches0 = a.get(tid, (name, 0.0, 0))
            used = cpu - cpu0
            total += used
            label = thread_label(proc.pid, tid, name, seen)
            threads[label] = {
                "cpu_percent": 100 * used / span,
                "wakeups_per_s": (switches - switches0) / span,
            }
        return {
            "cpu_percent": 100 * total / span,
            "threads": threads,
            "rss_mb": rss / 1024,
            "hwm_mb": hwm / 1024,
        }
    finally:
        stop(proc)


def count_events(
    routine: Path, env: dict[str, str], scratch: Path, settle: float, seconds: float
) -> dict[str, dict[str, float]]:
    """Events per second the GUI thread handled, by kind and receiver."""
    script = scratch / "count_events.py"
    script.write_text(COUNTER)
    out = scratch / "events.json"
    argv = [sys.executable, str(script), str(settle), str(seconds), str(out), str(routine)]
    proc = spawn(argv, env)
    try:
        deadline = time.monotonic() + settle + seconds + 20
        while not out.exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
        time.sleep(0.2)  # let the file be written whole
        if not out.exists():
            err = proc.stderr.read() if proc.poll() is not None and proc.stderr else ""
            raise SystemExit(f"the event count never came: {err}")
        counts = json.loads(out.read_text())
    finally:
        stop(proc)
    return {
        kind: {k: v / seconds for k, v in sorted(per.items(), key=lambda kv: -kv[1])}
        for kind, per in counts.items()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="measured span (s)")
    parser.add_argument("--settle", type=float, default=4.0, help="wait after start (s)")
    parser.add_argument("--runs", type=int, default=3, help="runs; medians are printed")
    parser.add_argument("--muted", action="store_true", help="start with sound muted")
    parser.add_argument("--no-events", dest="events", action="store_false")
    args = parser.parse_args()
    if args.settle + args.seconds > 110:
        parser.error("settle + seconds must stay inside the 120 s hold")

    scratch = Path(tempfile.mkdtemp(prefix="spasmtimer-holdcpu-"))
    env = dict(os.environ)
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env["QT_QPA_PLATFORM"] = "offscreen"
    env["SPASMTIMER_DATA_DIR"] = str(scratch / "data")
    env["XDG_CONFIG_HOME"] = str(scratch / "config")
    env.pop("SPASMTIMER_BENCH_READY", None)
    if args.muted:
        conf = scratch / "config" / "SpasmTimer" / "SpasmTimer.conf"
        conf.parent.mkdir(parents=True)
        conf.write_text("[audio]\nmuted=true\n")
    routine = scratch / "hold.yaml"
    routine.write_text(LONG_HOLD)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "spasmtimer")],
                   check=False, stdout=subprocess.DEVNULL)  # fmt: skip

    argv = [sys.executable, "-m", "spasmtimer", "start", str(routine)]
    runs = [measure(argv, env, args.settle, args.seconds) for _ in range(args.runs)]

    def med(values: list[float]) -> float:
        return statistics.median(values) if values else 0.0

    names = sorted({n for r in runs for n in r["threads"]}, key=lambda n: (n != "GUI (main)", n))
    threads = {
        n: {
            key: round(med([r["threads"].get(n, {}).get(key, 0.0) for r in runs]), 2)
            for key in ("cpu_percent", "wakeups_per_s")
        }
        for n in names
    }
    cpu = med([r["cpu_percent"] for r in runs])
    rss = med([r["rss_mb"] for r in runs])
    hwm = max(r["hwm_mb"] for r in runs)
    sound = (
        "muted"
        if args.muted
        else ("private server" if env.get("SPASMTIMER_TEST_PULSE") else "default output")
    )
    platform = env.get("QT_QPA_PLATFORM") or "display " + env.get("DISPLAY", "")
    print(f"platform: {platform}; sound: {sound}; median of {args.runs} runs of "
          f"{args.seconds:.0f} s, {args.settle:.0f} s after start, in a 120 s hold")  # fmt: skip
    print(f"whole process: {cpu:.2f} % of a core (goal 1 %)")
    print(f"{'thread':<28} {'CPU %':>7} {'wake-ups/s':>11}")
    for n, figures in threads.items():
        if figures["cpu_percent"] or figures["wakeups_per_s"] >= 0.5:
            print(f"{n:<28} {figures['cpu_percent']:>7.2f} {figures['wakeups_per_s']:>11.1f}")
    print(f"RSS: {rss:.1f} MB now, {hwm:.1f} MB at its peak")
    events: dict[str, dict[str, float]] = {}
    if args.events:
        events = count_events(routine, env, scratch, args.settle, args.seconds)
        print("GUI thread, events per second (one counted run):")
        for kind, per in events.items():
            total = sum(per.values())
            detail = ", ".join(f"{k} {v:.1f}" for k, v in list(per.items())[:8])
            print(f"  {kind:<15} {total:6.1f}  {detail}")
    gui = threads.get("GUI (main)", {"cpu_percent": 0.0, "wakeups_per_s": 0.0})
    print(json.dumps({
        "sound": sound, "runs": args.runs, "seconds": args.seconds,
        "cpu_percent": round(cpu, 2),
        "gui_cpu_percent": gui["cpu_percent"], "gui_wakeups_per_s": gui["wakeups_per_s"],
        "threads": threads, "rss_mb": round(rss, 1), "hwm_mb": round(hwm, 1),
        "gui_events_per_s": {k: round(sum(v.values()), 1) for k, v in events.items()},
    }))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
