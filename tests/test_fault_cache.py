"""A crafted routine cache never runs code and never stops the app.

The cache is JSON read with every value checked; what earlier versions kept
(a pickle) is never read. A cache with anything the app would not write is
ignored and the routine files are loaded again.
"""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import pytest

from spasmtimer import resources
from spasmtimer.core.routines import library, library_cache

ROUTINE = "format: 1\nname: Mine\nexercises:\n  - {name: Knee hug, hold: 20}\n"


class _Payload:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (os.mkdir, (str(self.marker),))  # what a crafted pickle would do


def _mine() -> Path:
    folder = resources.user_routines_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "mine.yaml"
    path.write_text(ROUTINE)
    return path


def test_a_crafted_pickle_in_the_cache_folder_is_never_loaded(tmp_path: Path) -> None:
    _mine()
    cache = resources.user_cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    marker = tmp_path / "ran"
    payload = pickle.dumps({"stamp": None, "results": _Payload(marker)})
    (cache / "routines.pickle").write_bytes(payload)
    resources.routine_cache_path().write_bytes(payload)  # in place of the JSON too
    view = library.load()
    assert not marker.exists()
    assert "Mine" in [e.routine.name for e in view.entries]


def _cached() -> dict[str, object]:
    data: dict[str, object] = json.loads(resources.routine_cache_path().read_text())
    return data


@pytest.mark.parametrize(
    "change",
    [
        ("hold", [1e300, 1e300]),  # far outside the format's limits
        ("hold", ["20", "20"]),
        ("reps", 10**9),
        ("reps", True),
        ("sides", "sideways"),
        ("name", ""),
        ("name", "x" * 10_000),
        ("image", ["not", "text"]),
        ("prepare", float("nan")),
    ],
    ids=lambda c: f"{c[0]}={str(c[1])[:12]}",
)
def test_a_cache_value_the_app_would_not_write_is_ignored(change: tuple[str, object]) -> None:
    _mine()
    library.load()  # writes the cache
    data = _cached()
    files = data["files"]
    assert isinstance(files, list)
    [entry] = [f for f in files if f["key"][0].endswith("mine.yaml")]
    field, value = change
    entry["routine"]["exercises"][0][field] = value
    resources.routine_cache_path().write_text(json.dumps(data))
    assert library_cache.read(library_cache.code_stamp()) == {}
    view = library.load()  # the files are loaded again
    mine = [e.routine for e in view.entries if e.routine.name == "Mine"]
    assert mine and mine[0].exercises[0].hold.min_seconds == 20


@pytest.mark.parametrize("text", ["", "{", "[]", '{"stamp": 1}', "[" * 100_000, "\x00\xff"])
def test_a_damaged_cache_is_only_a_slower_start(text: str) -> None:
    _mine()
    path = resources.routine_cache_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", errors="surrogateescape")
    assert "Mine" in [e.routine.name for e in library.load().entries]
    assert library_cache.read(library_cache.code_stamp())  # and written again, whole


def test_the_cache_is_json_the_user_alone_can_read() -> None:
    _mine()
    library.load()
    path = resources.routine_cache_path()
    assert path.suffix == ".json"
    assert path.stat().st_mode & 0o777 == 0o600
    json.loads(path.read_text())
