"""``spasmtimer edit FILE``: the app's routine editor on one file.

``FILE`` is a routine file, a name from ``spasmtimer list`` (a bundled
routine opens as your copy), or a new ``.yaml`` path (a blank routine saved
there). A file that does not load opens read-only with its problems listed
and the lines they point at; the same problems go to stderr, in the loader's
words, and the exit code is then 1. Closing the editor quits.

Exit codes (:mod:`.exit_codes`): 0 when the editor closed, 1 when the file
had problems or could not be found, 2 with no display.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from spasmtimer.cli.exit_codes import EXIT_PROBLEM

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from spasmtimer.core.editor.document import RoutineDocument
    from spasmtimer.ui.main_window import MainWindow

ROUTINE_SUFFIXES = (".yaml", ".yml")


def run_event_loop(app: QApplication, window: MainWindow) -> int:
    """Run the app until it quits (tests replace this)."""
    del window
    return app.exec()


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


def find_document(argument: str) -> RoutineDocument | None:
    """The document ``argument`` names; None (with a message on stderr) if none."""
    from spasmtimer.core.editor.document import RoutineDocument
    from spasmtimer.core.routines.loader import RoutineError, find_routine

    path = Path(argument).expanduser()
    if path.is_dir():
        _err(f"spasmtimer: {argument}: is a folder; give a routine file (*.yaml)")
        return None
    if path.is_file():
        return RoutineDocument.open(path)
    if path.suffix.lower() in ROUTINE_SUFFIXES:
        if not path.parent.is_dir():
            _err(f"spasmtimer: {argument}: there is no folder {path.parent}")
            return None
        document = RoutineDocument.blank()  # a new routine, saved at ``path``
        document.path = path.absolute()
        return document
    try:
        routine = find_routine(argument)
    except RoutineError as error:
        for problem in error.problems:
            _err(("spasmtimer: " if problem.line <= 0 else "") + str(problem))
        return None
    assert routine.path is not None  # found by name: it came from a file
    return RoutineDocument.open(routine.path)


def cmd_edit(args: argparse.Namespace) -> int:
    document = find_document(args.file)
    if document is None:
        return EXIT_PROBLEM
    for problem in document.load_problems:  # once, here; the editor shows them at their fields
        _err(("spasmtimer: " if problem.line <= 0 else "") + str(problem))
    if document.is_bundled and not document.read_only and document.path is not None:
        from spasmtimer.core.editor.document import RoutineDocument

        document = RoutineDocument.copy_of(document.path)

    from spasmtimer.ui.app import attach_guidance, make_application

    app = make_application()
    from spasmtimer.ui.main_window import MainWindow

    window = MainWindow()
    attach_guidance(window, app, full=False)
    window.show()
    editor = window.editing.open_editor(document)
    if editor is not None:
        editor.finished.connect(app.quit)
    code = run_event_loop(app, window)
    if document.read_only or (document.load_problems and not _loads(document.path)):
        return EXIT_PROBLEM  # the file still does not load (it was not fixed and saved)
    return code


def _loads(path: Path | None) -> bool:
    from spasmtimer.core.routines.loader import load_routine
    from spasmtimer.core.routines.problems import RoutineError

    try:
        return path is not None and load_routine(path) is not None
    except (RoutineError, OSError):
        return False
