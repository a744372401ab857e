"""Starting the Qt application: the window, the theme, and ``spasmtimer start``.

``SPASMTIMER_BENCH_READY=1`` makes the app print ``spasmtimer-ready`` and quit
as soon as the picker is first painted; ``bench/startup.py`` times that.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from spasmtimer import resources

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

    from spasmtimer.ui.guidance_hub import GuidanceHub
    from spasmtimer.ui.main_window import MainWindow

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_PROBLEM = 1
FINAL_WORDS_WAIT = 2.5  # seconds; "Release. Well done. Routine complete." takes 2.2 s, + latency


def app_icon() -> QIcon:
    """The SVG app icon (QIcon scales it to every size the desktop asks for)."""
    from PySide6.QtGui import QIcon

    try:
        path = resources.asset("icons", "spasmtimer.svg")
    except FileNotFoundError:
        return QIcon.fromTheme("spasmtimer")
    return QIcon(str(path)) if path.is_file() else QIcon.fromTheme("spasmtimer")


def make_application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setApplicationName("SpasmTimer")
    QApplication.setOrganizationName("SpasmTimer")
    QApplication.setDesktopFileName("spasmtimer")
    # Fusion: the same look everywhere (the palette follows the system). Given
    # as an argument, not setStyle(), which would wrap a QStyle and build its
    # many enums in Python before the first paint.
    return QApplication([*sys.argv[:1], "-style", "Fusion"])


def _bench_ready(window: object) -> None:
    """For bench/startup.py: mark the picker's first paint and the end of that frame."""
    if os.environ.get("SPASMTIMER_BENCH_READY") == "1":
        from PySide6.QtCore import QTimer

        marked: list[bool] = []

        def painting() -> None:
            if not marked:
                marked.append(True)
                print("spasmtimer-paint", flush=True)  # noqa: T201 - the bench reads it

        def ready() -> None:
            print("spasmtimer-ready", flush=True)  # noqa: T201 - the bench reads it
            QTimer.singleShot(0, QApplication.quit)

        window.picker.painted.connect(painting)  # type: ignore[attr-defined]
        window.pickerShown.connect(ready)  # type: ignore[attr-defined]


def attach_guidance(window: MainWindow, app: QApplication, *, full: bool) -> None:
    """Safety screen, "This hurts", ice and heat, Learn, reminders and the tray.

    The menu bar is built now; the guidance itself (~50 ms of imports) once
    the picker is on screen, or on first use, whichever comes first.

    ``full`` (the ordinary app): the tray keeps the app and its reminders
    running when the window closes, and the first launch shows the safety
    screen. ``spasmtimer start`` is not full: no questions, no second tray
    next to the app's own; H and "This hurts" still work.
    """
    bench = os.environ.get("SPASMTIMER_BENCH_READY") == "1"
    full = full and not bench

    def make_hub() -> GuidanceHub:
        from spasmtimer.ui.guidance_hub import GuidanceHub

        hub = GuidanceHub(window, use_system_tray=None if full else False)
        if full:
            hub.keep_running_in_tray(app)
        return hub

    window.guidance_factory = make_hub
    window.install_menus()
    if full:

        def on_picker_shown() -> None:
            hub = window.ensure_guidance()
            if hub is not None:
                hub.start()  # the safety screen on first launch, the reminders

        window.pickerShown.connect(on_picker_shown)


def run_gui(args: argparse.Namespace) -> int:
    app = make_application()
    from spasmtimer.ui.main_window import MainWindow

    window = MainWindow()
    attach_guidance(window, app, full=True)
    _bench_ready(window)
    window.show()
    return app.exec()


def run_start(args: argparse.Namespace) -> int:
    """``spasmtimer start ROUTINE [--exit-when-done]``: straight into the session."""
    from spasmtimer.core.loader import RoutineError, find_routine

    try:
        routine = find_routine(args.routine)
    except RoutineError as error:
        first = error.problems[0]
        more = len(error.problems) - 1
        extra = f" (and {more} more problem{'s' if more != 1 else ''})" if more else ""
        print(f"spasmtimer: {first}{extra}", file=sys.stderr)  # noqa: T201 - CLI output
        return EXIT_PROBLEM
    except OSError as exc:
        print(f"spasmtimer: {args.routine}: {exc.strerror or exc}", file=sys.stderr)  # noqa: T201
        return EXIT_PROBLEM

    app = make_application()
    from PySide6.QtCore import QTimer

    from spasmtimer.ui.main_window import MainWindow

    window = MainWindow()
    outcome: dict[str, int] = {}
    if getattr(args, "exit_when_done", False):

        def on_ended(completed: bool) -> None:
            outcome["code"] = EXIT_OK if completed else EXIT_PROBLEM
            # Let the last words ("Well done. Routine complete.") finish, but
            # not the chime after them: automation expects a prompt exit.
            quiet = getattr(window.player, "seconds_until_quiet", None)
            wait = min(FINAL_WORDS_WAIT, max(0.0, float(quiet()))) if callable(quiet) else 0.0
            QTimer.singleShot(round(wait * 1000), lambda: app.exit(outcome["code"]))

        window.sessionEnded.connect(on_ended)
    attach_guidance(window, app, full=False)
    window.show()
    window.start_session(routine)
    code = app.exec()
    if getattr(args, "exit_when_done", False):
        return outcome.get("code", EXIT_PROBLEM)  # closed before the end: not done
    return code
