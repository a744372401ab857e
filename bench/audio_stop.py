#!/usr/bin/env python3
"""How soon a pause, stop or skip is heard: the words end, and the next ones start.

    .venv/bin/python bench/audio_stop.py [--server pulseaudio|pipewire]
        [--backend pulse|qt] [--quantum N] [--runs N]

The real player (``QtCuePlayer``) under a private sound server (it re-runs
itself under ``tools/with-sound-server.sh`` when not inside the one asked
for), its sink's monitor recorded. Each run: a long phrase plays; 0.5 s into
it the player stops (pause, stop and mute all come to ``stop_all``), and
the time from that call to the last sound recorded is the **stop** time;
then a skip: a new step's words, unannounced, are played, and the time from
that call to their first sound, less the constant lead, is how late the
**skip** is heard. The last line is JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from sound_monitor import MonitorRecorder, available, onsets, server  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", choices=("pulseaudio", "pipewire"), default="pulseaudio")
    parser.add_argument("--backend", choices=("pulse", "qt"), default="pulse")
    parser.add_argument("--quantum", type=int, default=0)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    ok, _why = available()
    if not ok or server() != args.server:
        script = ROOT / "tools" / "with-sound-server.sh"
        return subprocess.call(
            [str(script), f"--{args.server}", sys.executable, __file__, *(argv or sys.argv[1:])]
        )
    os.environ["SPASMTIMER_AUDIO"] = args.backend
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.quantum:
        subprocess.run(["pw-metadata", "-n", "settings", "0", "clock.force-quantum",
                        str(args.quantum)], capture_output=True, check=False)  # fmt: skip
    from PySide6.QtCore import QCoreApplication, QEventLoop
    from PySide6.QtWidgets import QApplication

    from spasmtimer.audio.engine import LEAD
    from spasmtimer.audio.qt_player import QtCuePlayer
    from spasmtimer.core.clock import system_clock
    from spasmtimer.core.session.cues import Cue, CueKind

    app = QApplication([])  # noqa: F841

    def wait(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            time.sleep(0.002)

    player = QtCuePlayer()
    end = time.monotonic() + 10
    while not player.is_ready() and time.monotonic() < end:
        wait(0.05)
    phrase = Cue(CueKind.SWITCH_SIDES, "Switch to your left side", side=None)
    hold = Cue(CueKind.HOLD, "Hold")
    recorder = MonitorRecorder().start()
    recorder.wait_until_running()
    wait(1.5)
    marks = []
    for _ in range(args.runs):
        due = system_clock()
        player.play(phrase, due=due)
        wait(LEAD + 0.5)
        stopped = system_clock()
        player.stop_all()
        wait(0.8)
        skipped = system_clock()
        player.play(hold, 0.0, due=skipped)
        wait(1.2)
        marks.append((stopped, skipped))
    recording = recorder.stop()
    player.close()
    samples = recording.samples
    stops, skips = [], []
    for stopped, skipped in marks:
        first = int((stopped - recording.start) / recording.seconds_per_sample)
        last = int((skipped - recording.start) / recording.seconds_per_sample)
        loud = [i for i in range(max(0, first), min(len(samples), last)) if abs(samples[i]) > 20]
        stops.append((recording.time_of(loud[-1]) - stopped) if loud else 0.0)
        heard = [recording.time_of(i) - skipped for i in onsets(recording, threshold=20)]
        after = [h for h in heard if 0 <= h <= 1.0]
        skips.append(after[0] - LEAD if after else float("nan"))
    summary = {
        "bench": "audio_stop", "server": args.server, "backend": args.backend,
        "quantum": args.quantum, "runs": args.runs,
        "stop_heard_ms_max": round(max(stops) * 1000, 1),
        "stop_heard_ms": [round(s * 1000, 1) for s in stops],
        "skip_late_ms_max": round(max(skips) * 1000, 1),
        "skip_late_ms": [round(s * 1000, 1) for s in skips],
    }  # fmt: skip
    print(f"{args.server}/{args.backend}: stop heard within {summary['stop_heard_ms_max']} ms; "
          f"an unannounced skip's words up to {summary['skip_late_ms_max']} ms "
          "after the lead")  # fmt: skip
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
