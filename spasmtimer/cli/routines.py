"""``spasmtimer list``, ``validate`` and ``plan``: routine files on the command line.

Plain Python, no Qt: these run on a machine without a display and answer in
a fraction of a second. Problems go to stderr, one per line, as
``FILE:LINE:COLUMN: message``; a file that cannot be opened at all gets
``spasmtimer: FILE: message``. Exit code 0 when all is well, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from spasmtimer import resources
from spasmtimer.cli.exit_codes import EXIT_OK, EXIT_PROBLEM
from spasmtimer.core.routines.durations import format_duration
from spasmtimer.core.routines.loader import (
    ROUTINE_SUFFIXES,
    RoutineError,
    default_library,
    find_routine,
    is_bundled,
    load_routine,
    missing_picture,
)
from spasmtimer.core.routines.plan import make_plan
from spasmtimer.core.routines.plan_text import plan_table, summary, table
from spasmtimer.core.routines.problems import Problem
from spasmtimer.core.routines.routine import Routine


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


def _never_fail_on_encoding() -> None:
    # A routine name in Greek on a terminal that only speaks ASCII: show '?'
    # rather than a traceback.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def report(problems: Iterable[Problem]) -> None:
    """Each problem on its own line of stderr."""
    for problem in problems:
        _err(("spasmtimer: " if problem.line <= 0 else "") + str(problem))


# -- list -------------------------------------------------------------------


def cmd_list(args: argparse.Namespace) -> int:
    """Print the bundled and the user's routines; broken files go to stderr."""
    del args
    _never_fail_on_encoding()
    library = default_library()
    rows = [("NAME", "FROM", "EXERCISES", "DURATION", "PER DAY", "FILE")]
    for routine in sorted(library.routines, key=lambda r: (not is_bundled(r), r.name.casefold())):
        rows.append(
            (
                routine.name,
                "bundled" if is_bundled(routine) else "yours",
                str(len(routine.exercises)),
                format_duration(make_plan(routine).total_seconds),
                str(routine.sessions_per_day),
                routine.path.name if routine.path else "",
            )
        )
    if len(rows) == 1:
        _out("No routines found.")
    else:
        _out(table(rows, right={2, 4}))
    _out()
    _out(f"Your routines folder: {resources.user_routines_dir()}")
    _out("Use a NAME or FILE with 'spasmtimer plan' or 'spasmtimer start'.")
    if library.broken:
        count = len(library.broken)
        _err(f"spasmtimer: {count} routine file{'s' if count > 1 else ''} could not be loaded:")
        for error in library.broken:
            report(error.problems)
    return EXIT_OK


# -- validate ---------------------------------------------------------------


def _files(arguments: Sequence[str]) -> Iterable[tuple[str, Path | None]]:
    """Each argument as a file; a folder as the routine files in it."""
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.suffix.lower() in ROUTINE_SUFFIXES)
            if not inside:
                yield argument, None
            for file in inside:
                yield str(file), file
        else:
            yield argument, path


def cmd_validate(args: argparse.Namespace) -> int:
    """Check each file; "ok" lines on stdout, problems on stderr; exit 1 if any."""
    _never_fail_on_encoding()
    failed = 0
    checked = 0
    for name, path in _files(args.files):
        checked += 1
        if path is None:
            report([Problem(name, 0, 0, "is a folder with no routine files (*.yaml) in it")])
            failed += 1
            continue
        try:
            routine = load_routine(path)
        except RoutineError as error:
            report(error.problems)
            failed += 1
            continue
        _out(f"{name}: ok ({routine.name}: {summary(routine)})")
        for number, exercise in enumerate(routine.exercises, start=1):
            if note := missing_picture(routine, exercise):
                _out(f"  note: exercise {number} ({exercise.name!r}): {note}")
    if failed and checked > 1:
        _err(f"spasmtimer: {failed} of {checked} files have problems")
    return EXIT_PROBLEM if failed else EXIT_OK


# -- plan -------------------------------------------------------------------


def _say_which(asked: str, routine: Routine) -> None:
    """A note on stderr when other routines have the name asked for: which one this is."""
    if Path(asked).expanduser().exists():
        return
    same = [
        r.path
        for r in default_library().routines
        if r.name.casefold() == routine.name.casefold() and r.path != routine.path
    ]
    if same and routine.path is not None:
        others = ", ".join(str(p) for p in same if p is not None)
        _err(
            f"spasmtimer: note: {len(same) + 1} routines are called {routine.name!r}; "
            f"this is {routine.path} (also: {others}). Give a file path to choose."
        )


def cmd_plan(args: argparse.Namespace) -> int:
    """Print the session plan of a routine (a file, or a name from ``list``)."""
    _never_fail_on_encoding()
    try:
        routine = find_routine(args.file)
    except RoutineError as error:
        report(error.problems)
        return EXIT_PROBLEM
    _say_which(args.file, routine)
    plan = make_plan(routine)
    if args.json:
        _out(json.dumps(plan.to_json()))
    else:
        _out(plan_table(plan))
    return EXIT_OK
