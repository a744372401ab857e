"""How long loading and validating a routine file takes.

Writes 1,000 varied routine files to a temporary folder (one in ten broken in
some way: a wrong value, an unknown key, bad YAML, a forbidden tag, bad UTF-8,
another format), loads and validates each (and plans the good ones), and
prints the time per file: mean, median, p95 and max, and the total. The last
line is one JSON object with the figures.

    .venv/bin/python bench/load.py [--files N] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from spasmtimer.core.routines.loader import RoutineError, load_routine
from spasmtimer.core.routines.plan import make_plan

DURATIONS = ["5", "10", "2.5", "10s", "30 s", "1 min", "1m30s", "90 sec", "1.5 min", "0:45"]
BREAKAGES = [
    ("bad value", lambda text: text.replace("reps: ", "reps: ten # ", 1)),
    ("unknown key", lambda text: text.replace("    hold:", "    holds:", 1)),
    ("bad yaml", lambda text: text.replace("exercises:", "exercises: [", 1)),
    ("tag", lambda text: text.replace("name: ", "name: !!python/object/apply:os.getcwd ", 1)),
    ("format 2", lambda text: text.replace("format: 1", "format: 2", 1)),
    ("empty", lambda text: ""),
]


def routine_text(rng: random.Random, number: int) -> str:
    lines = [
        "format: 1",
        f"name: Routine {number}",
        "description: >",
        "  " + " ".join(rng.choice(["gentle", "slow", "breathe", "stretch"]) for _ in range(30)),
        f"sessions_per_day: {rng.randint(1, 12)}",
    ]
    if rng.random() < 0.5:
        lines += [
            "defaults:",
            f"  prepare: {rng.choice(DURATIONS)}",
            f"  rest: {rng.randint(0, 5)}",
        ]
    lines.append("exercises:")
    for index in range(rng.randint(1, 20)):
        low = rng.randint(1, 30)
        hold = rng.choice([str(low), f"[{low}, {low + rng.randint(0, 30)}]", rng.choice(DURATIONS)])
        lines += [
            f"  - name: Exercise {index + 1}",
            f"    hold: {hold}",
            f"    reps: {rng.randint(1, 15)}",
            f"    sets: {rng.randint(1, 4)}",
            f"    sides: {rng.choice(['none', 'alternate', 'each'])}",
            f"    set_rest: {rng.choice(DURATIONS)}",
            "    instructions: Keep breathing; stop if the pain gets worse.",
        ]
    return "\n".join(lines) + "\n"


def write_files(folder: Path, count: int, rng: random.Random) -> dict[Path, str]:
    """The files written, each with the way it was broken ("" when it is good)."""
    files: dict[Path, str] = {}
    for number in range(count):
        text = routine_text(rng, number)
        broken = ""
        if number % 10 == 9:
            broken, breakage = BREAKAGES[(number // 10) % len(BREAKAGES)]
            text = breakage(text)
        path = folder / f"routine-{number:04d}.yaml"
        data = text.encode()
        if number % 100 == 48:  # not UTF-8 at all
            broken, data = "not utf-8", data.replace(b"Routine", b"Routin\xe9", 1)
        path.write_bytes(data)
        files[path] = broken
    return files


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="spasmtimer-bench-") as tmp:
        files = write_files(Path(tmp), args.files, random.Random(args.seed))
        size = sum(path.stat().st_size for path in files)
        times: list[float] = []
        wrong: list[str] = []
        started = time.perf_counter()
        for path, broken in files.items():
            begin = time.perf_counter()
            try:
                make_plan(load_routine(path))
                ok = True
            except RoutineError:
                ok = False
            times.append(time.perf_counter() - begin)
            if ok == bool(broken):
                wrong.append(f"{path.name}: expected {'broken' if broken else 'good'}")
        total = time.perf_counter() - started
    broken_count = sum(1 for b in files.values() if b)
    figures = {
        "bench": "load",
        "files": len(files),
        "broken": broken_count,
        "mean_kib": round(size / len(files) / 1024, 1),
        "mean_ms": round(statistics.fmean(times) * 1000, 3),
        "median_ms": round(statistics.median(times) * 1000, 3),
        "p95_ms": round(percentile(times, 0.95) * 1000, 3),
        "max_ms": round(max(times) * 1000, 3),
        "total_s": round(total, 3),
        "misjudged": len(wrong),
    }
    print(f"{len(files)} routine files ({broken_count} broken), {figures['mean_kib']} KiB each")
    print(
        f"per file: mean {figures['mean_ms']} ms, median {figures['median_ms']} ms, "
        f"p95 {figures['p95_ms']} ms, max {figures['max_ms']} ms"
    )
    print(f"total: {figures['total_s']} s")
    for line in wrong[:10]:
        print("MISJUDGED", line, file=sys.stderr)
    print(json.dumps(figures))
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
