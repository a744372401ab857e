"""``spasmtimer start ROUTINE [--exit-when-done]`` in a real process, offscreen.

One real run of a ~3-second routine (the only test here that waits on the
wall clock: it is what desktop shortcuts and automated checks rely on).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

SHORT = """format: 1
name: Three seconds
exercises:
  - name: Quick hold
    hold: 3
    prepare: 0
"""


def run(args: list[str], tmp_path: Path, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["SPASMTIMER_DATA_DIR"] = str(tmp_path / "data")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env.pop("SPASMTIMER_BENCH_READY", None)
    return subprocess.run(
        [sys.executable, "-m", "spasmtimer", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.mark.slow
def test_exit_when_done_exits_0_after_the_routine(tmp_path: Path) -> None:
    routine = tmp_path / "three.yaml"
    routine.write_text(SHORT)
    began = time.monotonic()
    result = run(["start", str(routine), "--exit-when-done"], tmp_path)
    elapsed = time.monotonic() - began
    print(f"spasmtimer start (3 s routine) --exit-when-done: exit {result.returncode} "
          f"after {elapsed:.2f} s")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert 3.0 <= elapsed < 12.0
    # The session was written to the history as completed.
    assert (tmp_path / "data" / "history.sqlite3").exists()


def test_unknown_routine_is_one_line_and_exit_1(tmp_path: Path) -> None:
    result = run(["start", "no such routine at all"], tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("spasmtimer: ")
    assert "Traceback" not in result.stderr


def test_broken_routine_is_exit_1(tmp_path: Path) -> None:
    routine = tmp_path / "broken.yaml"
    routine.write_text("format: 1\nname: B\nexercises:\n  - name: X\n    hold: -3\n")
    result = run(["start", str(routine), "--exit-when-done"], tmp_path)
    assert result.returncode == 1
    assert "broken.yaml:5" in result.stderr
    assert "Traceback" not in result.stderr


def test_bench_markers_print_once_today_and_its_plan_are_painted(tmp_path: Path) -> None:
    env_run = dict(os.environ, SPASMTIMER_BENCH_READY="1", QT_QPA_PLATFORM="offscreen")
    env_run["SPASMTIMER_DATA_DIR"] = str(tmp_path / "data")
    env_run["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    result = subprocess.run(
        [sys.executable, "-m", "spasmtimer"],
        env=env_run, capture_output=True, text=True, timeout=30, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    # The first paint is Today with its plan: both marks come from that paint.
    assert result.stdout.split() == ["spasmtimer-paint", "spasmtimer-plan", "spasmtimer-ready"]
