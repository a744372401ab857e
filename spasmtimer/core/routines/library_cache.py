"""A cache of loaded routine files, so the picker appears without parsing YAML.

Parsing and checking every routine file (PyYAML and the schema checks) is
the slowest part of start-up. The result for each file is kept, keyed by the
file's path, size and modification time, and by the code that checks it (the
modification times of ``spasmtimer/core``); any change and the file is loaded
again. The cache lives where :func:`spasmtimer.resources.routine_cache_path`
says (a folder that may be shared or synced with ``SPASMTIMER_DATA_DIR``).

It is JSON, never a pickle: reading it cannot run code, and every value is
checked against the routine format's types and limits as it is read, so a
crafted or damaged cache is only a slower start (the files are loaded again),
never an error. It is written atomically (:mod:`spasmtimer.core.atomic`).
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path
from typing import Any

from spasmtimer import __version__, resources
from spasmtimer.core.routines.routine import Exercise, Hold, Routine, Sides
from spasmtimer.core.routines.rules import LIMITS, MAX_EXERCISES, MAX_NAME

log = logging.getLogger(__name__)

FORMAT = 4  # 2: each routine with its total time; 3: JSON instead of a pickle; 4: reps ranges

FileKey = tuple[str, int, int]
# A routine and its total time, or a broken file's path and messages.
Cached = tuple[Routine, float] | tuple[str, tuple[str, ...]]


class _Bad(Exception):
    """A value in the cache that the routine format does not allow."""


def file_key(path: Path) -> FileKey | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (str(path), st.st_size, st.st_mtime_ns)


def code_stamp() -> list[Any]:
    """What the checks depend on: the version and the mtimes (as JSON) of the modules
    that load and check a routine: ``core/routines/`` and the top of ``core/``."""
    stamps: list[list[Any]] = []
    for folder in ("core", "core.routines"):
        try:
            for entry in os.scandir(resources.package_dir(folder)):
                if entry.name.endswith(".py"):
                    stamps.append([f"{folder}/{entry.name}", entry.stat().st_mtime_ns])
        except OSError:
            pass
    return [FORMAT, __version__, sorted(stamps)]


def read(stamp: list[Any]) -> dict[FileKey, Cached]:
    """The cached results by file key; empty when missing, stale, unreadable or bad."""
    path = resources.routine_cache_path()
    try:
        data = _loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, RecursionError) as exc:
        log.info("routine cache %s ignored: %s", path, exc)
        return {}
    if not isinstance(data, dict) or data.get("stamp") != stamp:
        return {}
    files = data.get("files")
    if not isinstance(files, list):
        return {}
    results: dict[FileKey, Cached] = {}
    try:
        for item in files:
            key, value = _entry(item)
            results[key] = value
    except (_Bad, TypeError, ValueError, KeyError) as exc:
        log.warning("routine cache %s ignored: a value is not what the app writes (%s)", path, exc)
        return {}
    return results


def _loads(text: str) -> Any:
    """``json.loads`` through the C scanner alone when there is one.

    The json package imports its encoder and pure-Python decoder too, ~2 ms on
    the way to the first paint; the scanner is what reads. NaN and Infinity
    are refused (the app never writes them).
    """
    try:
        from _json import make_scanner
    except ImportError:  # a Python without the C scanner
        import json

        return json.loads(text, parse_constant=_no_constant)

    class _Context:
        strict = True
        object_hook = None
        object_pairs_hook = None
        parse_float = float
        parse_int = int
        parse_constant = staticmethod(_no_constant)

    scan = make_scanner(_Context())  # type: ignore[arg-type]  # the attributes it reads
    start = len(text) - len(text.lstrip())
    try:
        value, end = scan(text, start)
    except StopIteration:
        raise ValueError("not JSON") from None
    if text[end:].strip():
        raise ValueError("extra data after the JSON value")
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a value the app writes")


def write(stamp: list[Any], results: dict[FileKey, Cached]) -> None:
    import json

    from spasmtimer.core.atomic import write_text_atomic

    path = resources.routine_cache_path()
    files = [_encode(key, value) for key, value in results.items()]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"stamp": stamp, "files": files}, ensure_ascii=False)
        write_text_atomic(path, text, mode=0o600)
    except (OSError, ValueError) as exc:
        log.info("routine cache %s not written: %s", path, exc)
        return
    old = path.with_name("routines.pickle")  # what earlier versions kept: never read
    if old.exists():
        with contextlib.suppress(OSError):
            old.unlink()


# -- encoding -------------------------------------------------------------


def _encode(key: FileKey, value: Cached) -> dict[str, Any]:
    first: Any
    second: Any
    first, second = value
    if isinstance(first, Routine):
        return {"key": list(key), "routine": _routine_json(first), "total": second}
    return {"key": list(key), "broken": {"path": first, "messages": list(second)}}


def _routine_json(routine: Routine) -> dict[str, Any]:
    return {
        "name": routine.name,
        "description": routine.description,
        "source": routine.source,
        "sessions_per_day": routine.sessions_per_day,
        "path": None if routine.path is None else str(routine.path),
        "exercises": [
            {
                "name": e.name,
                "hold": [e.hold.min_seconds, e.hold.max_seconds],
                "reps": e.reps,
                "max_reps": e.max_reps,
                "sets": e.sets,
                "sides": e.sides.value,
                "prepare": e.prepare,
                "rest": e.rest,
                "set_rest": e.set_rest,
                "instructions": e.instructions,
                "image": e.image,
            }
            for e in routine.exercises
        ],
    }


# -- decoding, checked ------------------------------------------------------


def _entry(item: Any) -> tuple[FileKey, Cached]:
    if not isinstance(item, dict):
        raise _Bad("an entry is not a mapping")
    raw = item["key"]
    if not (isinstance(raw, list) and len(raw) == 3):
        raise _Bad("a file key")
    key: FileKey = (_text(raw[0], 4096), _whole(raw[1]), _whole(raw[2]))
    if "routine" in item:
        total = _number(item["total"], 0.0, 1e7)
        return key, (_routine(item["routine"]), total)
    broken = item["broken"]
    if not isinstance(broken, dict) or not isinstance(broken["messages"], list):
        raise _Bad("a broken file")
    messages = tuple(_text(m, 100_000) for m in broken["messages"])
    return key, (_text(broken["path"], 4096), messages)


def _routine(data: Any) -> Routine:
    if not isinstance(data, dict):
        raise _Bad("a routine")
    exercises = data["exercises"]
    if not isinstance(exercises, list) or not 1 <= len(exercises) <= MAX_EXERCISES:
        raise _Bad("the exercises")
    path = data["path"]
    low, high = LIMITS["sessions_per_day"]
    return Routine(
        name=_name(data["name"]),
        exercises=tuple(_exercise(e) for e in exercises),
        description=_text(data["description"], 1_000_000),
        source=_text(data["source"], 1_000_000),
        sessions_per_day=int(_number(data["sessions_per_day"], low, high, whole=True)),
        path=None if path is None else Path(_text(path, 4096)),
    )


def _exercise(data: Any) -> Exercise:
    if not isinstance(data, dict):
        raise _Bad("an exercise")
    hold = data["hold"]
    if not (isinstance(hold, list) and len(hold) == 2):
        raise _Bad("a hold")
    low, high = (_number(h, *LIMITS["hold"]) for h in hold)
    if low > high:
        raise _Bad("a hold range")
    image = data["image"]
    reps = int(_number(data["reps"], *LIMITS["reps"], whole=True))
    most = data["max_reps"]
    max_reps = None if most is None else int(_number(most, reps, LIMITS["reps"][1], whole=True))
    return Exercise(
        name=_name(data["name"]),
        hold=Hold(low, high),
        reps=reps,
        max_reps=max_reps,
        sets=int(_number(data["sets"], *LIMITS["sets"], whole=True)),
        sides=Sides(_text(data["sides"], 20)),
        prepare=_number(data["prepare"], *LIMITS["prepare"]),
        rest=_number(data["rest"], *LIMITS["rest"]),
        set_rest=_number(data["set_rest"], *LIMITS["set_rest"]),
        instructions=_text(data["instructions"], 1_000_000),
        image=None if image is None else _text(image, 255),
    )


def _text(value: Any, longest: int) -> str:
    if not isinstance(value, str) or len(value) > longest:
        raise _Bad("a text")
    return value


def _name(value: Any) -> str:
    text = _text(value, MAX_NAME)
    if not text.strip():
        raise _Bad("a name")
    return text


def _whole(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise _Bad("a whole number")
    return value


def _number(value: Any, low: float, high: float, *, whole: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Bad("a number")
    if whole and not isinstance(value, int):
        raise _Bad("a whole number")
    if not low <= value <= high:  # NaN fails this too
        raise _Bad("a number out of range")
    return float(value) if not whole else value
