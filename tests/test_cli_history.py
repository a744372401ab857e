"""``spasmtimer history [--csv]``."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from history_helpers import scripted

from spasmtimer import resources
from spasmtimer.cli import main
from spasmtimer.core.history.recorder import SessionRecorder
from spasmtimer.core.history.store import HistoryStore


def _record_sessions() -> None:
    store = HistoryStore.open_default()
    done = scripted()
    recorder = SessionRecorder.attach(store, done, pain_before=7)
    done.run()
    recorder.set_pain_after(3)
    stopped = scripted()
    SessionRecorder.attach(store, stopped)
    stopped.start()
    stopped.end_step()
    stopped.end_step()
    stopped.stop()
    crashed = scripted()
    SessionRecorder.attach(store, crashed)
    crashed.start()
    for _ in range(4):
        crashed.end_step()
    store.close()  # and never finished: as after kill -9


def test_no_history_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history"]) == 0
    out, err = capsys.readouterr()
    assert "No sessions yet" in out and err == ""
    assert main(["history", "--csv"]) == 0
    out, _ = capsys.readouterr()
    assert out.startswith("id,date,routine,status,")
    assert out.count("\n") == 1


def test_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    _record_sessions()
    assert main(["history"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert lines[0].split() == [
        "Date",
        "Time",
        "Routine",
        "Status",
        "Done/skipped",
        "Duration",
        "Pain",
    ]
    assert "completed" in lines[1] and "7 → 3" in lines[1] and "7/0" in lines[1]
    assert "stopped" in lines[2] and "1/0" in lines[2]
    assert "interrupted" in lines[3] and "2/0" in lines[3]
    assert "3 sessions, 1 completed." in out


def test_the_csv(capsys: pytest.CaptureFixture[str]) -> None:
    _record_sessions()
    assert main(["history", "--csv"]) == 0
    out, _ = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["status"], r["routine"], r["holds_done"], r["holds_skipped"]) for r in rows] == [
        ("completed", "Back test", "7", "0"),
        ("stopped", "Back test", "1", "0"),
        ("interrupted", "Back test", "2", "0"),
    ]
    assert (rows[0]["pain_before"], rows[0]["pain_after"]) == ("7", "3")
    assert rows[2]["ended"] == ""


def test_a_garbage_database_is_reported_and_kept(capsys: pytest.CaptureFixture[str]) -> None:
    path: Path = resources.history_db_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00garbage" * 512)
    assert main(["history", "--csv"]) == 0
    out, err = capsys.readouterr()
    assert "damaged" in err and ".corrupt-" in err
    assert out.count("\n") == 1
    [aside] = path.parent.glob("history.sqlite3.corrupt-*")
    assert aside.read_bytes() == b"\x00garbage" * 512
    assert main(["history"]) == 0  # the fresh one is fine now
    out, err = capsys.readouterr()
    assert err == "" and "No sessions yet" in out


def test_an_unusable_data_folder_is_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # chmod does not stop root (tests run as root); a folder below a file stops anyone.
    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    monkeypatch.setenv("SPASMTIMER_DATA_DIR", str(blocker / "data"))
    assert main(["history"]) == 0
    out, err = capsys.readouterr()
    assert out == "No sessions yet.\n"
    assert "cannot be saved" in err and str(blocker / "data") in err
