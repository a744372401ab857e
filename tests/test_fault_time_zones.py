"""Stored times keep their zone; a value from another zone never crashes start.

Every moment the settings keep is written with its UTC offset and read back
as the same instant in local time, so a trip west or the autumn clock change
reads the spasm time right; an old value without an offset is local time.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from spasmtimer.core.guidance.ice_heat import Therapy, next_application, propose
from spasmtimer.core.today.applications import record_application
from spasmtimer.services.settings import Settings

SHORT = "format: 1\nname: One second\nexercises:\n  - {name: Quick hold, hold: 1, prepare: 0}\n"
PLUS_FIVE = timezone(timedelta(hours=5))


def test_an_aware_spasm_time_reads_as_the_same_moment_in_local_time(
    tmp_path: Path, qapp: Any
) -> None:
    path = tmp_path / "SpasmTimer.conf"
    path.write_text("[ice_heat]\nbegan=2026-12-07T10:00+05:00\n")
    began = Settings(path).spasm_began()
    assert began is not None and began.tzinfo is None  # local wall-clock time
    assert began.astimezone() == datetime(2026, 12, 7, 5, 0, tzinfo=UTC)
    # Today and the ice timer work with it, seen from a naive local "now".
    assert propose(began, began + timedelta(hours=3)).therapy is Therapy.ICE


def test_a_spasm_time_is_stored_with_its_offset_and_old_naive_ones_read_as_local(
    tmp_path: Path, qapp: Any
) -> None:
    path = tmp_path / "SpasmTimer.conf"
    path.write_text("[ice_heat]\nbegan=2026-11-28T09:00\n")
    settings = Settings(path)
    assert settings.spasm_began() == datetime(2026, 11, 28, 9, 0)
    settings.set_spasm_began(datetime(2026, 12, 7, 10, 0, tzinfo=PLUS_FIVE))
    stored = Settings(path)._qs.value("ice_heat/began")
    assert datetime.fromisoformat(str(stored)).tzinfo is not None
    assert stored == "2026-12-07T10:00+05:00"
    record_application(settings, datetime(2026, 12, 7, 6, 0))
    at = Settings(path)._qs.value("ice_heat/next_at")
    assert datetime.fromisoformat(str(at)).utcoffset() is not None


def test_the_time_since_the_spasm_is_exact_across_the_autumn_clock_change() -> None:
    summer, winter = timezone(timedelta(hours=2)), timezone(timedelta(hours=1))
    began = datetime(2026, 10, 25, 2, 30, tzinfo=summer)  # before the clocks go back
    now = datetime(2026, 10, 25, 2, 10, tzinfo=winter)  # 40 minutes later, after
    proposal = propose(began, now)  # naive wall times would say "in the future"
    assert proposal.since == timedelta(minutes=40)
    assert next_application(began, now).therapy is Therapy.ICE


def test_start_with_an_aware_spasm_time_in_the_settings_runs(tmp_path: Path) -> None:
    config = tmp_path / "config" / "SpasmTimer"
    config.mkdir(parents=True)
    (config / "SpasmTimer.conf").write_text(
        "[safety]\nacknowledged_version=1\n[ice_heat]\nbegan=2026-12-07T10:00+05:00\n"
    )
    routine = tmp_path / "one.yaml"
    routine.write_text(SHORT)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["SPASMTIMER_DATA_DIR"] = str(tmp_path / "data")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    result = subprocess.run(
        [sys.executable, "-m", "spasmtimer", "start", str(routine), "--exit-when-done"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "offset-naive" not in result.stderr
