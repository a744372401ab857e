"""``spasmtimer`` (the app) and ``spasmtimer start ROUTINE``: the window, from the command line.

``SPASMTIMER_BENCH_READY=1`` makes the app print ``spasmtimer-paint``,
``spasmtimer-plan`` and ``spasmtimer-ready`` and quit as soon as the first
screen (Today, with its plan) is painted; ``bench/startup.py`` times that.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import TYPE_CHECKING

from spasmtimer.cli.exit_codes import EXIT_OK, EXIT_PROBLEM

if TYPE_CHECKING:
    import argparse

    from spasmtimer.ui.main_window import MainWindow

FINAL_WORDS_WAIT = 2.5  # seconds; "Release. Well done. Routine complete." takes 2.2 s, + latency
QUIT_SAVE_WAIT = 10.0  # seconds to keep trying to write what waits (a lock held elsewhere)


def _bench_ready(window: MainWindow) -> None:
    """For bench/startup.py: mark the first paint, Today's plan on screen, the end of that frame.

    ``spasmtimer-paint``: the first paint event of the first screen;
    ``spasmtimer-plan``: the first paint of Today with its plan (the same
    paint, when all goes to plan); ``spasmtimer-ready``: the event loop came
    back after that frame. Then the app quits.
    """
    if os.environ.get("SPASMTIMER_BENCH_READY") != "1":
        return
    from PySide6.QtCore import QCoreApplication, QTimer

    marked: set[str] = set()

    def mark(word: str) -> None:
        if word not in marked:
            marked.add(word)
            print(f"spasmtimer-{word}", flush=True)  # the bench reads it

    def painted() -> None:
        mark("paint")
        if window.today.view.plan is not None:
            mark("plan")
            QTimer.singleShot(0, ready)

    def ready() -> None:
        mark("ready")
        QTimer.singleShot(0, QCoreApplication.quit)

    window.today.view.painted.connect(painted)


def _import_plain_modules_first() -> None:
    """Import the plain-Python modules Today's first paint needs, before Qt.

    Once PySide6 is imported, its import hook reads the source of every module
    imported after it (looking for "PySide6"); these ~40 modules skip that.
    """
    import spasmtimer.core.history.store
    import spasmtimer.core.routines.library
    import spasmtimer.core.session.sound_settings  # the settings' and the session controller's
    import spasmtimer.core.today.day_records
    import spasmtimer.core.today.reminders
    import spasmtimer.ui.today.rows  # noqa: F401


def _spare_pyside_the_source_scan() -> None:
    """Tell PySide's import hook what it would find in the modules already loaded.

    Once PySide6 is imported, the first ``import X`` of each module after that
    (even of one long loaded, such as ``typing``) makes its hook read X's whole
    source, looking for "PySide6" (``__feature__`` support, which this app does
    not use); ~4 ms for the standard library modules our Qt modules import.
    The modules loaded before PySide6 (the standard library's, and our core,
    which the layer contracts keep free of Qt) do not use it: they are entered
    as the hook would enter them, -1 ("ignore"); the rest of ours are left to
    the hook. Should PySide keep its table elsewhere one day, this does nothing.
    """
    import PySide6  # noqa: F401  (installs the hook and its table)

    feature = sys.modules.get("shibokensupport.feature")
    table = getattr(feature, "pyside_feature_dict", None)
    if not isinstance(table, dict):
        return
    for name in list(sys.modules):
        core = name == "spasmtimer.core" or name.startswith("spasmtimer.core.")
        if core or not name.startswith(("spasmtimer", "PySide6", "shiboken")):
            table.setdefault(name, -1)


def run_gui(args: argparse.Namespace) -> int:
    # No cyclic garbage collection until Today is on screen: start-up makes
    # many objects and few cycles, and the collector's ~50 passes over them
    # cost ~8 ms. Switched back on just after the first paint (or in 5 s).
    gc.disable()
    _import_plain_modules_first()
    _spare_pyside_the_source_scan()
    from spasmtimer.ui.app import attach_guidance, make_application, quit_on_signals

    app = make_application()
    bench = os.environ.get("SPASMTIMER_BENCH_READY") == "1"
    instance = None
    if not bench:  # one app per desktop session: a second start raises the first
        from spasmtimer.ui.desktop import claim_app, connect_desktop

        if (instance := claim_app()) is None:
            return EXIT_OK
    from spasmtimer.ui.main_window import MainWindow

    window = MainWindow()
    if instance is not None:
        connect_desktop(window, instance, reminders=True)
    quit_on_signals(app, window)
    attach_guidance(window, app, full=not bench)
    if not bench:  # drafts left unsaved when the app last closed
        window.pickerShown.connect(window.editing.offer_recoveries)
    _bench_ready(window)
    from spasmtimer.ui import scripted_input

    scripted_input.attach(window)  # owned by the window
    window.pickerShown.connect(gc.enable)
    from PySide6.QtCore import QTimer

    QTimer.singleShot(5000, gc.enable)  # should the window never be painted
    window.show()
    code = app.exec()
    _save_what_waits(window)
    return code


def _save_what_waits(window: MainWindow) -> None:
    """History writes that failed and wait: a last try before the process ends."""
    lost = window.files.saving.flush_before_quit(QUIT_SAVE_WAIT)
    if lost:
        problem = window.files.saving.problem or "the history file could not be written"
        print(
            f"spasmtimer: {lost} change{'s' if lost != 1 else ''} to your history could not "
            f"be saved. {problem}",
            file=sys.stderr,
        )


def run_start(args: argparse.Namespace) -> int:
    """``spasmtimer start ROUTINE [--exit-when-done]``: straight into the session."""
    from spasmtimer.core.routines.loader import RoutineError, find_routine

    try:
        routine = find_routine(args.routine)
    except RoutineError as error:
        first = error.problems[0]
        more = len(error.problems) - 1
        extra = f" (and {more} more problem{'s' if more != 1 else ''})" if more else ""
        print(f"spasmtimer: {first}{extra}", file=sys.stderr)
        return EXIT_PROBLEM
    except OSError as exc:
        print(f"spasmtimer: {args.routine}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_PROBLEM

    from spasmtimer.ui.app import attach_guidance, make_application, quit_on_signals

    app = make_application()
    from PySide6.QtCore import QTimer

    from spasmtimer.ui.desktop import claim_app, connect_desktop

    instance = None
    # The app already runs (and nobody waits for the end here): it starts the routine.
    if not args.exit_when_done and (instance := claim_app(args.routine)) is None:
        return EXIT_OK
    from spasmtimer.ui.main_window import MainWindow

    window = MainWindow()
    if instance is not None:
        connect_desktop(window, instance)
    quit_on_signals(app, window)
    outcome: dict[str, int] = {}
    exit_when_done = bool(args.exit_when_done)
    if exit_when_done:

        def on_ended(completed: bool) -> None:
            outcome["code"] = EXIT_OK if completed else EXIT_PROBLEM
            # Let the last words ("Well done. Routine complete.") finish, but
            # not the chime after them: automation expects a prompt exit.
            wait = min(FINAL_WORDS_WAIT, max(0.0, window.controller.seconds_until_quiet()))
            QTimer.singleShot(round(wait * 1000), lambda: app.exit(outcome["code"]))

        window.sessionEnded.connect(on_ended)
    attach_guidance(window, app, full=False)
    window.show()
    window.session.start(routine)
    code = app.exec()
    _save_what_waits(window)
    if exit_when_done:
        return outcome.get("code", EXIT_PROBLEM)  # closed before the end: not done
    return code
