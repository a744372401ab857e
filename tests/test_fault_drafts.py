"""One broken draft never hides the good ones beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from spasmtimer.core.editor.files import read_recoveries, recovery_dir, write_recovery

GOOD = "format: 1\nname: Mine\nexercises:\n  - {name: Knee hug, hold: 20}\n"


@pytest.mark.parametrize(
    "bad",
    [
        '{"key": ' + "[" * 100_000 + "]" * 100_000 + ', "text": "x"}',  # RecursionError
        "[" * 100_000,
        '{"key": "k", "text": ' + "[" * 50_000 + "]" * 50_000 + "}",
        '{"key": "k", "text": "t", "saved_at": "yesterday"}',
        '{"key": "k", "text": "t", "path": 5}',
        '["a list"]',
        "\udcff not even utf-8",
        "",
    ],
)
def test_a_broken_draft_is_skipped_and_the_good_one_offered(bad: str) -> None:
    write_recovery("mine", Path("/home/me/mine.yaml"), GOOD)
    folder = recovery_dir()
    (folder / "0000broken.json").write_text(bad, encoding="utf-8", errors="surrogateescape")
    [recovery] = read_recoveries()
    assert (recovery.key, recovery.text) == ("mine", GOOD)


def test_a_huge_draft_is_skipped_without_reading_it() -> None:
    write_recovery("mine", None, GOOD)
    huge = recovery_dir() / "huge.json"
    with huge.open("wb") as out:
        out.truncate(64 * 1024 * 1024)  # sparse: 64 MiB of nothing
    assert [r.key for r in read_recoveries()] == ["mine"]
