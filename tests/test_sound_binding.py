"""The Qt binding must run the app's output stream without wedging.

The app plays everything through one PulseAudio stream of its own, written
from a thread of its own (spasmtimer/audio/engine.py). This test runs that stream
in a child process under the private PulseAudio server: it must start
taking samples, play two clips placed a moment apart, open again on the
output (what a device change does), play once more, and stop, with no
warnings. (Earlier, PySide6 6.10 and 6.11 wedged their event loop in
endless "QSocketNotifier: Invalid socket" warnings when a second QSoundEffect
played within 1.5 s of another; the app no longer uses QSoundEffect, and this
test would catch the like for the stream it uses.) A child process, so a
wedged event loop costs a timeout, not the test run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from sound_monitor import available

from spasmtimer import resources

_ok, _why = available()
pytestmark = [pytest.mark.sound, pytest.mark.skipif(not _ok, reason=_why)]

CHILD = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QCoreApplication, QEventLoop
    from PySide6.QtWidgets import QApplication
    from spasmtimer.audio.engine import OutputStream
    from spasmtimer.audio.wav import decode
    from spasmtimer.core.clock import system_clock

    def wait_until(predicate, seconds):
        deadline = time.monotonic() + seconds
        while not predicate() and time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
            time.sleep(0.005)
        return predicate()

    app = QApplication([])
    stream = OutputStream()
    clips = [decode(path) for path in sys.argv[1:3]]
    for attempt in (1, 2):
        print("playing", wait_until(lambda: stream.state == "playing", 8), flush=True)
        now = system_clock()
        print("placed", stream.place("first", clips[0], now) is not None, flush=True)
        stream.place("second", clips[1], now + 0.75)
        wait_until(lambda: False, 1.5)
        if attempt == 1:
            stream.reopen()
            wait_until(lambda: stream.state != "playing", 1)
    stream.close()
    print("underruns", stream.underruns)
    print("finished")
    """
)


def test_the_output_stream_plays_reopens_and_stops_without_wedging() -> None:
    first = resources.asset("voice", "exercises", "knee-to-chest.wav")
    second = resources.asset("voice", "phrases", "hold.wav")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(first), str(second)],
            env=env,
            capture_output=True,
            text=True,
            timeout=40,
            check=False,
        )
    except subprocess.TimeoutExpired as wedged:
        warnings = (wedged.stderr or b"").count(b"QSocketNotifier")
        pytest.fail(f"the event loop wedged ({warnings} QSocketNotifier warnings): bad binding")
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert lines.count("playing True") == 2, done.stdout
    assert lines.count("placed True") == 2, done.stdout
    assert lines[-1] == "finished"
    assert "QSocketNotifier" not in done.stderr
    assert "Warning" not in done.stderr and "warning" not in done.stderr, done.stderr[-2000:]
