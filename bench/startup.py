"""Start-up time, memory and CPU of the app against a bare PySide6 window.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python bench/startup.py

In one run, alternating so both see the same machine state:
- time from process start to Today with the day's plan on screen (its first
  paint with the plan; the app prints ``spasmtimer-plan`` then, with
  SPASMTIMER_BENCH_READY=1, and quits), with a year of history in the
  database (two sessions a day), and from process start to a bare QLabel
  window first painted (same method). That ratio is the one judged (limit
  1.5); the app's first paint of anything (``spasmtimer-paint``) and the end
  of that frame (``spasmtimer-ready``) are printed beside it;
- peak RSS (VmHWM) of both at that moment;
- CPU used by ``spasmtimer start`` while a long hold runs (process CPU time
  over ~10 s, after it settled), and its peak RSS then.
Prints the figures and the ratios; the last line is JSON. Without a display
it uses QT_QPA_PLATFORM=offscreen.

With ``SPASMTIMER_BENCH_APP`` set to a command (the installed package:
``SPASMTIMER_BENCH_APP=/usr/bin/spasmtimer``), that build is timed too, in
the same alternation, and compared with the checkout's: Today's plan on
screen and the peak RSS during a hold, each as a ratio installed / checkout.
"""

from __future__ import annotations

import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
CPU_SECONDS = float(os.environ.get("BENCH_CPU_SECONDS", "10"))

BARE = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel

    class Ready(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                print("spasmtimer-paint", flush=True)
                QTimer.singleShot(0, self.done)
                obj.removeEventFilter(self)
            return False

        def done(self):
            print("spasmtimer-ready", flush=True)
            QApplication.quit()

    app = QApplication(sys.argv[:1])
    label = QLabel("SpasmTimer")
    label.resize(1280, 800)
    ready = Ready()
    label.installEventFilter(ready)
    label.show()
    app.exec()
    """
)

LONG_HOLD = """format: 1
name: Bench hold
exercises:
  - name: One long hold
    hold: 120
    prepare: 0
"""


def vm_hwm_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime


def time_to_ready(argv: list[str], env: dict[str, str]) -> tuple[float, float, float, int]:
    """Seconds from spawn to the first paint, to the end of that frame and (the app
    only, else 0) to Today's plan on screen; VmHWM (KiB) at the end of the frame."""
    began = time.perf_counter()
    proc = subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    paint = elapsed = plan = 0.0
    rss = 0
    for line in proc.stdout:
        if "spasmtimer-paint" in line:
            paint = time.perf_counter() - began
        if "spasmtimer-ready" in line:
            elapsed = time.perf_counter() - began
            rss = vm_hwm_kib(proc.pid)
        if "spasmtimer-plan" in line:  # the app only: Today's plan is painted
            plan = time.perf_counter() - began
    if not elapsed:
        err = proc.stderr.read() if proc.stderr else ""
        raise SystemExit(f"never got ready: {argv}\n{err}")
    proc.wait(timeout=30)
    return paint, elapsed, plan, rss


def hold_cpu(env: dict[str, str], routine: Path, app: list[str] | None = None) -> tuple[float, int]:
    """Share of one core used while a hold runs, and VmHWM (KiB)."""
    proc = subprocess.Popen(
        [*(app or [sys.executable, "-m", "spasmtimer"]), "start", str(routine)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        time.sleep(3.0)  # start-up, first paint, sound set-up
        if proc.poll() is not None:
            raise SystemExit(
                f"spasmtimer start ended early: {proc.stderr.read() if proc.stderr else ''}"
            )
        c0, t0 = cpu_seconds(proc.pid), time.perf_counter()
        time.sleep(CPU_SECONDS)
        c1, t1 = cpu_seconds(proc.pid), time.perf_counter()
        return (c1 - c0) / (t1 - t0), vm_hwm_kib(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


HISTORY_YEARS = 1


def seed_history(data_dir: Path) -> int:
    """A year of history (two sessions a day, eight holds each), as bench/history.py makes it."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from history import seed  # bench/history.py

    return seed(data_dir, years=HISTORY_YEARS)


def main() -> int:
    scratch = Path(tempfile.mkdtemp(prefix="spasmtimer-bench-"))
    env = dict(os.environ)
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env["QT_QPA_PLATFORM"] = "offscreen"
    env["SPASMTIMER_DATA_DIR"] = str(scratch / "data")
    env["XDG_CONFIG_HOME"] = str(scratch / "config")
    seeded = seed_history(scratch / "data")
    bare_script = scratch / "bare.py"
    bare_script.write_text(BARE)
    app_env = dict(env, SPASMTIMER_BENCH_READY="1")
    # An installed wheel has its bytecode compiled; a checkout run with
    # PYTHONDONTWRITEBYTECODE=1 would compile every module on every start.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "spasmtimer")],
                   check=False, stdout=subprocess.DEVNULL)  # fmt: skip

    # Warm the file cache (and the routine cache) once for both, then alternate.
    bare_argv = [sys.executable, str(bare_script)]
    app_argv = [sys.executable, "-m", "spasmtimer"]
    installed = shlex.split(os.environ.get("SPASMTIMER_BENCH_APP", ""))
    time_to_ready(bare_argv, env)
    time_to_ready(app_argv, app_env)
    runs: dict[str, list[tuple[float, float, float, int]]] = {"bare": [], "app": []}
    if installed:
        time_to_ready(installed, app_env)
        runs["installed"] = []
    for _ in range(RUNS):
        runs["bare"].append(time_to_ready(bare_argv, env))
        runs["app"].append(time_to_ready(app_argv, app_env))
        if installed:
            runs["installed"].append(time_to_ready(installed, app_env))

    routine = scratch / "hold.yaml"
    routine.write_text(LONG_HOLD)
    cpu, hold_rss = hold_cpu(env, routine)

    def med(name: str, i: int) -> float:
        return statistics.median(r[i] for r in runs[name])

    if not all(r[2] for r in runs["app"]):
        raise SystemExit("the app quit without painting Today's plan (no spasmtimer-plan)")
    bp, ap = med("bare", 0), med("app", 0)
    bf, af = med("bare", 1), med("app", 1)
    plan = med("app", 2)
    brss = max(r[3] for r in runs["bare"]) / 1024
    arss = max(r[3] for r in runs["app"]) / 1024
    hrss = hold_rss / 1024
    print(f"platform: {env.get('QT_QPA_PLATFORM') or 'display ' + env.get('DISPLAY', '')}, "
          f"median of {RUNS} alternating runs, {seeded} sessions in the history")  # fmt: skip
    print(f"to Today's plan on screen (judged):        bare {bp * 1000:.0f} ms, "
          f"app {plan * 1000:.0f} ms, ratio {plan / bp:.2f} (limit 1.5)")  # fmt: skip
    print(f"to the first paint event (label / app):    bare {bp * 1000:.0f} ms, "
          f"app {ap * 1000:.0f} ms, ratio {ap / bp:.2f}")  # fmt: skip
    print(f"to the end of that first frame:            bare {bf * 1000:.0f} ms, "
          f"app {af * 1000:.0f} ms, ratio {af / bf:.2f}")  # fmt: skip
    print(f"peak RSS at first paint: bare {brss:.1f} MB, app {arss:.1f} MB, "
          f"+{arss - brss:.1f} MB (limit +60)")  # fmt: skip
    print(f"peak RSS during a hold (sound loaded): {hrss:.1f} MB, +{hrss - brss:.1f} MB over bare")
    print(f"CPU while a hold runs ({CPU_SECONDS:.0f} s): {cpu * 100:.2f} % of a core (limit 2 %)")
    compared: dict[str, float] = {}
    if installed:
        iplan = med("installed", 2)
        _, installed_hold_rss = hold_cpu(env, routine, installed)
        irss = installed_hold_rss / 1024
        print(
            f"installed ({' '.join(installed)}) against the checkout: Today's plan on screen "
            f"{iplan * 1000:.0f} ms vs {plan * 1000:.0f} ms, ratio {iplan / plan:.2f}; "
            f"peak RSS during a hold {irss:.1f} MB vs {hrss:.1f} MB, ratio {irss / hrss:.2f}"
        )
        compared = {
            "installed_plan_ms": round(iplan * 1000, 1),
            "installed_plan_ratio": round(iplan / plan, 3),
            "installed_hold_rss_mb": round(irss, 1),
            "installed_hold_rss_ratio": round(irss / hrss, 3),
        }
    print(json.dumps({
        "bare_first_paint_ms": round(bp * 1000, 1), "app_plan_ms": round(plan * 1000, 1),
        "plan_ratio": round(plan / bp, 3), "history_sessions": seeded,
        "app_first_paint_ms": round(ap * 1000, 1), "startup_ratio": round(ap / bp, 3),
        "bare_frame_done_ms": round(bf * 1000, 1), "app_frame_done_ms": round(af * 1000, 1),
        "frame_done_ratio": round(af / bf, 3),
        "bare_rss_mb": round(brss, 1), "app_rss_mb": round(arss, 1),
        "rss_over_bare_mb": round(arss - brss, 1),
        "hold_rss_mb": round(hrss, 1), "hold_rss_over_bare_mb": round(hrss - brss, 1),
        "hold_cpu_percent": round(cpu * 100, 2),
        **compared,
    }))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
