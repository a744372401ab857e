"""The real app in a process: signals, and a history locked by another program.

SIGINT (Ctrl+C) and SIGTERM (logout, shutdown) end a running session as
"stopped", keep it, and quit cleanly; ``start --exit-when-done`` exits and
keeps the session even while another program holds the history's lock.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

LONG = """format: 1
name: Long hold
exercises:
  - name: Knee hug
    hold: 120
    prepare: 0
"""
SHORT = """format: 1
name: Two holds
exercises:
  - name: Knee hug
    hold: 1
    reps: 2
    rest: 0
    prepare: 0
"""


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["SPASMTIMER_DATA_DIR"] = str(tmp_path / "data")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env.pop("SPASMTIMER_BENCH_READY", None)
    return env


def _sessions(path: Path) -> list[tuple[str, int]]:
    if not path.exists():
        return []
    conn = sqlite3.connect(path, timeout=5)
    try:
        return list(conn.execute("SELECT status, holds_done FROM sessions"))
    except sqlite3.Error:
        return []
    finally:
        conn.close()


@pytest.mark.slow
@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_ends_the_session_as_stopped_and_quits_cleanly(
    tmp_path: Path, number: signal.Signals
) -> None:
    routine = tmp_path / "long.yaml"
    routine.write_text(LONG)
    history = tmp_path / "data" / "history.sqlite3"
    process = subprocess.Popen(
        [sys.executable, "-m", "spasmtimer", "start", str(routine)],
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while not _sessions(history) and time.monotonic() < deadline:
            time.sleep(0.1)  # waiting for the process to reach the session
        assert _sessions(history) == [("interrupted", 0)]
        process.send_signal(number)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 128 + number
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert _sessions(history) == [("stopped", 0)]


@pytest.mark.slow
def test_exit_when_done_exits_and_keeps_the_session_under_an_outside_lock(
    tmp_path: Path,
) -> None:
    routine = tmp_path / "short.yaml"
    routine.write_text(SHORT)
    data = tmp_path / "data"
    data.mkdir()
    history = data / "history.sqlite3"
    from spasmtimer.core.history.store import HistoryStore

    HistoryStore(history).close()  # an existing history
    other = sqlite3.connect(history, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program holds it for the whole run
    process = subprocess.Popen(
        [sys.executable, "-m", "spasmtimer", "start", str(routine), "--exit-when-done"],
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(8)  # the routine (2 s) runs, finishes and waits for the lock
        other.execute("COMMIT")  # the other program lets go
        other.close()
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, stderr
    assert "asleep" not in stderr
    assert _sessions(history) == [("completed", 2)]
