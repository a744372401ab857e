"""Deleting a routine file of the user's and taking it back: same bytes, never a bundled one."""

from __future__ import annotations

from pathlib import Path

import pytest

from spasmtimer import resources
from spasmtimer.core.editor.deletion import delete_routine_file, restore_routine_file
from spasmtimer.core.editor.files import SaveError

TEXT = "\ufeff# mine\nformat: 1\nname: Mine\nexercises:\n  - {name: Tilt, hold: 5}\n"


def test_a_deleted_file_comes_back_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_bytes(TEXT.encode("utf-8"))
    deleted = delete_routine_file(path, "Mine")
    assert not path.exists() and deleted.name == "Mine"
    assert restore_routine_file(deleted) == path
    assert path.read_bytes() == TEXT.encode("utf-8")


def test_back_under_a_free_name_when_another_took_its_place(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(TEXT)
    deleted = delete_routine_file(path, "Mine")
    path.write_text("another file")
    restored = restore_routine_file(deleted)
    assert restored == tmp_path / "mine-2.yaml" and path.read_text() == "another file"
    assert restored.read_text(encoding="utf-8") == TEXT


def test_a_bundled_routine_is_never_deleted() -> None:
    bundled = resources.bundled_routine_files()[0]
    before = bundled.read_bytes()
    with pytest.raises(SaveError, match="comes with SpasmTimer"):
        delete_routine_file(bundled, "bundled")
    assert bundled.read_bytes() == before


def test_a_file_that_is_gone_says_so(tmp_path: Path) -> None:
    with pytest.raises(SaveError, match="Cannot delete"):
        delete_routine_file(tmp_path / "gone.yaml", "Gone")
