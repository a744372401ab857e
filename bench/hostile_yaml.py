"""How long and how much memory ``spasmtimer validate`` takes on hostile YAML.

Writes routine files built to blow up when aliases (``*name``) and merge keys
(``<<``) are expanded naively, each under 1 MiB, runs ``spasmtimer validate``
on each in a child process with a time limit, and prints for each file its
size, the wall time, the child's peak memory (max RSS) and the exit code. The
last line is one JSON object with the figures. The goal: every file under
1 MiB validates in under 1 s and 100 MB.

    .venv/bin/python bench/hostile_yaml.py [--timeout SECONDS]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def nested_merges(levels: int, width: int = 9) -> str:
    """Each exercise merges the one before it ``width`` times (the 490-byte file)."""
    lines = ["format: 1", "name: Merges", "exercises:", "  - &e0 {name: A, hold: 5}"]
    for level in range(1, levels + 1):
        sources = ", ".join([f"*e{level - 1}"] * width)
        lines.append(f"  - &e{level} {{<<: [{sources}]}}")
    return "\n".join(lines) + "\n"


def alias_laughs(levels: int = 9, width: int = 9) -> str:
    """The classic "billion laughs": lists of lists of aliases, under an unknown key."""
    lines = ["format: 1", "name: Laughs", "exercises: [{name: A, hold: 5}]", "a0: &a0 [lol]"]
    for level in range(1, levels + 1):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def wide_merges(fields: int = 60, copies: int = 1500) -> str:
    """One mapping of many fields merged by very many others."""
    body = ", ".join(f"f{i}: {i}" for i in range(fields))
    lines = ["format: 1", "name: Wide", f"base: &b {{{body}}}", "exercises:"]
    lines += [f"  - {{<<: *b, name: E{i}, hold: 5}}" for i in range(copies)]
    return "\n".join(lines) + "\n"


def deep_merges(depth: int = 3000) -> str:
    """A chain of mappings, each merging the one before."""
    lines = ["format: 1", "name: Deep", "m0: &m0 {hold: 5}"]
    lines += [f"m{i}: &m{i} {{<<: *m{i - 1}}}" for i in range(1, depth)]
    lines += [f"exercises: [{{<<: *m{depth - 1}, name: A}}]"]
    return "\n".join(lines) + "\n"


def unknown_keys(count: int = 9_900) -> str:
    """Just under the limit of YAML events, every one a field the format does not
    know (each a problem with a hint)."""
    lines = ["format: 1", "name: Keys", "exercises: [{name: A, hold: 5}]"]
    lines += [f"unknownfieldnumber{i}: 1" for i in range(count)]
    return "\n".join(lines) + "\n"


CASES = {
    "nested merges, 7 levels": nested_merges(7),
    "nested merges, 8 levels": nested_merges(8),
    "nested merges, 12 levels": nested_merges(12),
    "alias laughs, 9 levels": alias_laughs(),
    "wide merges": wide_merges(),
    "deep merges": deep_merges(),
    "unknown keys": unknown_keys(),
    "unknown keys, past the limit": unknown_keys(30_000),
}


def run(path: Path, timeout: float) -> dict[str, float | int | str]:
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "spasmtimer", "validate", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = started + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            process.kill()
            pid, status, usage = os.wait4(process.pid, 0)
            break
        time.sleep(0.01)
    seconds = time.perf_counter() - started
    output = process.stdout.read().decode(errors="replace") if process.stdout else ""
    code = os.waitstatus_to_exitcode(status)
    return {
        "seconds": round(seconds, 3),
        "max_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "exit": code,
        "first_line": output.splitlines()[0] if output else "",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args()
    figures: dict[str, dict[str, float | int | str]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, text in CASES.items():
            path = Path(folder) / (name.replace(" ", "-").replace(",", "") + ".yaml")
            path.write_text(text, encoding="utf-8")
            result = run(path, args.timeout)
            result["bytes"] = len(text.encode())
            figures[name] = result
            print(
                f"{name:28} {result['bytes']:>8} B  {result['seconds']:>7.3f} s  "
                f"{result['max_rss_mb']:>7.1f} MB  exit {result['exit']}  {result['first_line']}"
            )
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
