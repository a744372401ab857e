#!/usr/bin/env python3
"""The real app, with its GUI thread made busy at intervals: ``bench/audio_content.py --stall-ms``.

    SPASMTIMER_STALL_MS=300 SPASMTIMER_STALL_EVERY=2.5 python bench/stall_app.py start ROUTINE

Runs ``spasmtimer`` (the same ``cli.main``) after wrapping the app's
``make_application`` so that a timer on the GUI thread, every
``SPASMTIMER_STALL_EVERY`` seconds, holds the GIL for about
``SPASMTIMER_STALL_MS``: ``sum(range(n))`` is one C call that never lets the
GIL go (calibrated at start), the way a long ``QWidget.grab()``, opening
the history window or exporting a PDF holds it. Real cases instead, with
``SPASMTIMER_STALL_KIND``: ``grab`` grabs every top-level window, as often as
it takes to fill the time; ``history`` opens the history window over the
app's history (``bench/audio_content.py`` seeds a year of it), paints it and
closes it; ``pdf`` writes the clinician's PDF report of it from that window,
as its button does; ``resize`` resizes the main window between 800x600 and
1920x1080 and repaints it, as often as it takes to fill the time. The last
three take as long as they take. A probe thread that wakes every millisecond measures how long
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


def _main_window() -> object | None:
    from PySide6.QtWidgets import QApplication

    from spasmtimer.ui.main_window import MainWindow

    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    return windows[0] if windows else None


def history_window(pdf: Path | None) -> int:
    """Open the history window, paint it, write the PDF report if asked, close it."""
    from spasmtimer.ui.history.window import HistoryWindow

    window = _main_window()
    shown = window.history_feature.show() if window is not None else None
    if shown is None:
        return 0
    shown.repaint()
    if pdf is not None:
        shown.choose_save_path = lambda *args: pdf  # type: ignore[method-assign]
        HistoryWindow.tell = classmethod(lambda cls, *args: None)  # type: ignore[method-assign, assignment]
        shown._on_pdf_button_clicked()
    shown.close()
    shown.deleteLater()
    return 1


def resize_window(seconds: float) -> int:
    """Resize the main window back and forth, repainting it each time, for ``seconds``."""
    window = _main_window()
    if window is None:
        return 0
    sizes = ((800, 600), (1920, 1080))
    began, count = time.monotonic(), 0
    while time.monotonic() - began < seconds:
        window.resize(*sizes[count % 2])  # type: ignore[attr-defined]
        window.repaint()  # type: ignore[attr-defined]
        count += 1
    return count


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
        if kind == "history":
            grabs = history_window(None)
        elif kind == "pdf":
            grabs = history_window(Path(log_path or "stall").with_suffix(".pdf"))
        elif kind == "resize":
            grabs = resize_window(stall)
        elif kind == "grab":
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
            if kind != "gil":
                entry["actions"] = grabs
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
