"""A cache of loaded routine files, so the picker appears without parsing YAML.

Parsing and checking every routine file (PyYAML and the schema checks) is
the slowest part of start-up. The result for each file is kept, keyed by the
file's path, size and modification time, and by the code that checks it (the
modification times of ``spasmtimer/core``); any change and the file is loaded
again. The cache lives where :func:`spasmtimer.resources.routine_cache_path`
says, written only by this app for this user. A cache that cannot be read
is ignored, never an error.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from spasmtimer import __version__, resources

log = logging.getLogger(__name__)

FORMAT = 2  # 2: each routine with its total time

FileKey = tuple[str, int, int]


def file_key(path: Path) -> FileKey | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (str(path), st.st_size, st.st_mtime_ns)


def code_stamp() -> tuple[Any, ...]:
    """What the checks depend on: the version and the core modules' mtimes."""
    core = resources.package_dir("core")
    stamps: list[tuple[str, int]] = []
    try:
        for entry in os.scandir(core):
            if entry.name.endswith(".py"):
                stamps.append((entry.name, entry.stat().st_mtime_ns))
    except OSError:
        pass
    return (FORMAT, __version__, tuple(sorted(stamps)))


def read(stamp: tuple[Any, ...]) -> dict[FileKey, Any]:
    """The cached results by file key; empty when missing, stale or unreadable."""
    # pickle.load is _pickle.load (the C unpickler); the pickle module around
    # it costs ~1 ms more to import, on the way to the first paint. Writing
    # (after a routine file changed) imports pickle itself.
    try:
        from _pickle import load
    except ImportError:  # a Python without the C unpickler
        from pickle import load

    path = resources.routine_cache_path()
    try:
        with path.open("rb") as f:
            data = load(f)
    except FileNotFoundError:
        return {}
    except Exception as exc:  # a damaged or foreign cache is only a slower start
        log.info("routine cache %s ignored: %s", path, exc)
        return {}
    if not isinstance(data, dict) or data.get("stamp") != stamp:
        return {}
    results = data.get("results")
    return results if isinstance(results, dict) else {}


def write(stamp: tuple[Any, ...], results: dict[FileKey, Any]) -> None:
    import pickle

    path = resources.routine_cache_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as f:
            pickle.dump({"stamp": stamp, "results": results}, f, pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except Exception as exc:
        log.info("routine cache %s not written: %s", path, exc)
