"""The Qt binding must play one sound after another without wedging.

PySide6 6.10 and 6.11 (Qt Multimedia's new audio code) hang their event loop
in endless "QSocketNotifier: Invalid socket" warnings when a second
QSoundEffect starts within about 1.5 s of another on a PulseAudio server:
every session does that. pyproject.toml keeps PySide6 below 6.10; this test
fails on such a binding. It runs in a child process, so a wedged event loop
costs a timeout, not the test run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from spasmtimer import resources
from spasmtimer.audio.monitor import available

_ok, _why = available()
pytestmark = [pytest.mark.sound, pytest.mark.skipif(not _ok, reason=_why)]

CHILD = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer, QUrl
    from PySide6.QtMultimedia import QSoundEffect
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    effects = []
    for path in sys.argv[1:3]:
        effect = QSoundEffect()
        effect.setSource(QUrl.fromLocalFile(path))
        effects.append(effect)
    QTimer.singleShot(500, effects[0].play)
    QTimer.singleShot(1250, effects[1].play)  # while the first is still "playing"
    QTimer.singleShot(3000, app.quit)
    app.exec()
    print("finished")
    """
)


def test_two_sounds_in_a_row_do_not_wedge_the_event_loop() -> None:
    first = resources.asset("voice", "exercises", "knee-to-chest.wav")
    second = resources.asset("voice", "phrases", "hold.wav")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(first), str(second)],
            env=env,
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    except subprocess.TimeoutExpired as wedged:
        warnings = (wedged.stderr or b"").count(b"QSocketNotifier")
        pytest.fail(f"the event loop wedged ({warnings} QSocketNotifier warnings): bad binding")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "finished"
    assert "QSocketNotifier" not in done.stderr
