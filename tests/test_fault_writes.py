"""Every file the app writes is written whole or not at all, and imports stay home.

A full disk (a real small tmpfs where one can be mounted, else an injected
``OSError(ENOSPC)``) never leaves a cut or emptied file: the routine being
replaced on import, an existing handout PDF, a CSV export. Imports never
follow links out of the routine's folder.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fault_helpers import fill, small_disk

from spasmtimer.core import atomic
from spasmtimer.core.editor.files import SaveError, write_atomic
from spasmtimer.core.routines.loader import load_routine
from spasmtimer.ui.dialogs import Conflict
from spasmtimer.ui.routines.importing import Outcome, import_routine

OLD = "format: 1\nname: Mine\nexercises:\n  - {name: Old stretch, hold: 5}\n"
NEW = "format: 1\nname: Mine\nexercises:\n" + "".join(
    f"  - {{name: New stretch {n}, hold: 5, instructions: '{'x' * 300}'}}\n" for n in range(60)
)


def _no_space(*args: Any) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_replacing_a_routine_on_a_full_disk_leaves_it_whole(tmp_path: Path) -> None:
    source = tmp_path / "mine.yaml"
    source.write_text(NEW)
    with small_disk(tmp_path) as disk:
        target = disk / "mine.yaml"
        target.write_text(OLD)
        fill(disk)
        result = import_routine(source, lambda name: Conflict.REPLACE, folder=disk)
        assert result.outcome is Outcome.REFUSED
        assert "No space left on device" in result.messages[0]
        assert target.read_text() == OLD  # not truncated
        assert sorted(p.name for p in disk.iterdir()) == ["filler", "mine.yaml"]


def test_an_injected_full_disk_leaves_every_writer_s_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text(OLD)
    monkeypatch.setattr(atomic.os, "fsync", _no_space)
    with pytest.raises(SaveError, match="No space left"):
        write_atomic(target, NEW)
    with pytest.raises(OSError), atomic.open_atomic(tmp_path / "mine.yaml") as out:
        out.write(NEW)
    assert target.read_text() == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["mine.yaml"]  # no temporary left


def test_handout_over_an_existing_pdf_on_a_full_disk_keeps_the_old_one(tmp_path: Path) -> None:
    routine = tmp_path / "mine.yaml"
    routine.write_text(NEW)
    with small_disk(tmp_path, "256k") as disk:
        old = disk / "handout.pdf"
        old.write_bytes(b"%PDF-1.4 the old handout\n%%EOF\n")
        fill(disk)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        result = subprocess.run(
            [sys.executable, "-m", "spasmtimer", "handout", str(routine), "-o", str(old)],
            capture_output=True, text=True, env=env, timeout=60, check=False,
        )  # fmt: skip
        assert result.returncode != 0, result.stdout
        assert "Wrote" not in result.stdout
        assert "No space left on device" in result.stderr
        assert old.read_bytes() == b"%PDF-1.4 the old handout\n%%EOF\n"
        assert sorted(p.name for p in disk.iterdir()) == ["filler", "handout.pdf"]


def test_csv_export_on_a_full_disk_keeps_the_old_file(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from spasmtimer.core.history.store import HistoryStore, SessionStatus

    store = HistoryStore(tmp_path / "h.sqlite3", lambda: datetime(2026, 1, 1, tzinfo=UTC))
    for _ in range(200):
        store.finish_session(store.begin_session("Back " * 40, "abc"), SessionStatus.COMPLETED)
    with small_disk(tmp_path, "64k") as disk:
        old = disk / "history.csv"
        old.write_text("the old export\n")
        fill(disk)
        with pytest.raises(OSError), atomic.open_atomic(old, "w", encoding="utf-8") as out:
            store.export_csv(out)  # what the History window's CSV button does
        assert old.read_text() == "the old export\n"


def test_import_never_follows_links_out_of_the_routine_s_folder(tmp_path: Path) -> None:
    secret = tmp_path / "elsewhere" / "shadow"
    secret.parent.mkdir()
    secret.write_text("root:secret")
    secret.chmod(0o600)
    shared = tmp_path / "download"
    (shared / "pics").mkdir(parents=True)
    (shared / "pics" / "cat.svg").write_text("<svg/>")
    (shared / "pics" / "leak.svg").symlink_to(secret)
    (shared / "outside").symlink_to(secret.parent)
    routine = shared / "mine.yaml"
    routine.write_text(
        "format: 1\nname: Mine\nexercises:\n"
        "  - {name: A, hold: 5, image: pics/cat.svg}\n"
        "  - {name: B, hold: 5, image: pics/leak.svg}\n"
        "  - {name: C, hold: 5, image: outside/shadow}\n"
    )
    folder = tmp_path / "routines"
    result = import_routine(routine, lambda name: Conflict.CANCEL, folder=folder)
    assert result.outcome is Outcome.ADDED
    copied = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert copied == ["mine.yaml", "pics/cat.svg"]
    # Nor does the app show a picture through such a link.
    from spasmtimer.core.routines.loader import resolve_image

    loaded = load_routine(routine)
    assert [resolve_image(loaded, e) is not None for e in loaded.exercises] == [True, False, False]
