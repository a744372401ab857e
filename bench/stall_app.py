#!/usr/bin/env python3
"""The real app, with its GUI thread made busy at intervals: ``bench/audio_content.py --stall-ms``.

    SPASMTIMER_STALL_MS=300 SPASMTIMER_STALL_EVERY=2.5 python bench/stall_app.py start ROUTINE

Runs ``spasmtimer`` (the same ``cli.main``) after wrapping the app's
``make_application`` so that a timer on the GUI thread, every
``SPASMTIMER_STALL_EVERY`` seconds, holds the GIL for about
``SPASMTIMER_STALL_MS``: ``sum(range(n))`` is one C call that never lets the
GIL go (calibrated at start), the way a long ``QWidget.grab()``, opening
the history window or exporting a PDF holds it. ``SPASMTIMER_STALL_KIND=grab``
grabs every top-level window instead, as often as it takes to fill the time
(a real case). A probe thread that wakes every millisecond measures how long
it really was kept from running; each stall is written, as a JSON line, to
``SPASMTIMER_STALL_LOG``.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


class Probe:
    """A thread that notes the longest time it was kept from running (the GIL held)."""

    def __init__(self) -> None:
        self.longest = 0.0
        thread = threading.Thread(target=self._run, name="stall-probe", daemon=True)
        thread.start()

    def _run(self) -> None:
        last = time.monotonic()
        while True:
            time.sleep(0.001)
            now = time.monotonic()
            self.longest = max(self.longest, now - last)
            last = now

    def take(self) -> float:
        longest, self.longest = self.longest, 0.0
        return longest


def calibrate(seconds: float) -> int:
    """How many terms ``sum(range(n))`` needs to take ``seconds``."""
    n = 100_000
    while True:
        began = time.perf_counter()
        sum(range(n))
        took = time.perf_counter() - began
        if took > 0.02:
            return max(1, round(n * seconds / took))
        n *= 4


def install(app: object) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    stall = float(os.environ.get("SPASMTIMER_STALL_MS", "300")) / 1000
    every = float(os.environ.get("SPASMTIMER_STALL_EVERY", "2.5"))
    kind = os.environ.get("SPASMTIMER_STALL_KIND", "gil")
    log_path = os.environ.get("SPASMTIMER_STALL_LOG")
    log = open(log_path, "a", encoding="utf-8") if log_path else None  # noqa: SIM115
    terms = calibrate(stall)
    probe = Probe()

    def busy() -> None:
        probe.take()
        began = time.monotonic()
        grabs = 0
        if kind == "grab":
            while time.monotonic() - began < stall:
                for widget in QApplication.topLevelWidgets():
                    if widget.isVisible():
                        widget.grab()
                        grabs += 1
                if not grabs:
                    break
        else:
            sum(range(terms))
        took = time.monotonic() - began
        time.sleep(0.005)  # let the probe run and see the gap
        if log is not None:
            entry = {"t": began, "held": round(took, 4), "probe_gap": round(probe.take(), 4)}
            if kind == "grab":
                entry["grabs"] = grabs
            log.write(json.dumps(entry) + "\n")
            log.flush()

    timer = QTimer(app)  # type: ignore[call-overload]
    timer.setInterval(round(every * 1000))
    timer.timeout.connect(busy)
    timer.start()
    app._spasmtimer_stall_timer = timer  # type: ignore[attr-defined]


def main() -> int:
    import spasmtimer.ui.app as ui_app

    make = ui_app.make_application

    def make_application() -> object:
        app = make()
        install(app)
        return app

    ui_app.make_application = make_application  # type: ignore[assignment]
    from spasmtimer.cli import main as cli_main

    return int(cli_main() or 0)


if __name__ == "__main__":
    sys.exit(main())
