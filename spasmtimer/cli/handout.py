"""``spasmtimer handout ROUTINE -o FILE.pdf``: a routine's printable handout."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from spasmtimer.cli.exit_codes import EXIT_OK, EXIT_PROBLEM


def _error(text: str) -> int:
    sys.stderr.write(f"spasmtimer handout: {text}\n")
    return EXIT_PROBLEM


def _gui_application() -> object:
    """The QGuiApplication the PDF writer and fonts need; made here if there is none."""
    from PySide6.QtGui import QGuiApplication

    existing = QGuiApplication.instance()
    if existing is not None:
        return existing
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication([sys.argv[0] if sys.argv else "spasmtimer"])


def cmd_handout(args: argparse.Namespace) -> int:
    """0 written, 1 a problem (one line on stderr)."""
    from spasmtimer.core.routines.loader import find_routine
    from spasmtimer.core.routines.problems import RoutineError
    from spasmtimer.printing.handout import HandoutError, write_handout

    try:
        routine = find_routine(args.routine)
    except RoutineError as error:
        more = len(error.problems) - 1
        suffix = f" (and {more} more problem{'s' if more != 1 else ''})" if more else ""
        return _error(f"{error.problems[0]}{suffix}")
    output = Path(args.output).expanduser()
    if output.is_dir():
        return _error(f"{output} is a folder; give a file name such as {output / 'handout.pdf'}")
    app = _gui_application()  # kept until the PDF is written
    try:
        pages = write_handout(routine, output)
    except HandoutError as error:
        return _error(str(error))
    finally:
        del app
    sys.stdout.write(
        f"Wrote {output} ({pages} page{'s' if pages != 1 else ''}) for '{routine.name}'.\n"
    )
    return EXIT_OK
