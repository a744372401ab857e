"""The ``spasmtimer`` command: the app, and a few commands for routine files.

Each sub-command's handler lives in a module of this package
(:mod:`.app`, :mod:`.routines`, :mod:`.history`, :mod:`.handout`,
:mod:`.edit`), imported
in :func:`handler_for` only when that command runs, so ``spasmtimer
validate`` never loads Qt. Exit codes: :mod:`.exit_codes`.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, cast

from spasmtimer import __version__
from spasmtimer.cli.exit_codes import EXIT_CANNOT_RUN, EXIT_INTERRUPTED, EXIT_OK

if TYPE_CHECKING:
    import argparse

Handler = Callable[["argparse.Namespace"], int]

_NEEDS_DISPLAY = {None, "start", "edit"}


def handler_for(command: str | None) -> Handler:
    """The function that runs ``command`` (None: the app); it returns the exit code."""
    if command is None:
        from spasmtimer.cli.app import run_gui

        return run_gui
    if command == "start":
        from spasmtimer.cli.app import run_start

        return run_start
    if command in ("list", "validate", "plan"):
        from spasmtimer.cli import routines

        return {"list": routines.cmd_list, "validate": routines.cmd_validate,
                "plan": routines.cmd_plan}[command]  # fmt: skip
    if command == "history":
        from spasmtimer.cli.history import cmd_history

        return cmd_history
    if command == "handout":
        from spasmtimer.cli.handout import cmd_handout

        return cmd_handout
    if command == "edit":
        from spasmtimer.cli.edit import cmd_edit

        return cmd_edit
    raise ValueError(f"no such command: {command}")


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="spasmtimer",
        description="A hands-free coach for the stretches that relieve and prevent "
        "lower-back spasms. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    start = sub.add_parser("start", help="open a routine and start it at once")
    start.add_argument("routine", help="a routine name from 'spasmtimer list', or a file path")
    start.add_argument(
        "--exit-when-done",
        action="store_true",
        help="quit with exit code 0 when the routine ends",
    )

    sub.add_parser("list", help="list the bundled and your own routines")

    validate = sub.add_parser("validate", help="check routine files; exit 1 if any has a problem")
    validate.add_argument("files", nargs="+", metavar="FILE")

    plan = sub.add_parser("plan", help="print the session plan of a routine")
    plan.add_argument("file", metavar="FILE", help="a routine file, or a name from 'list'")
    plan.add_argument("--json", action="store_true", help="print the plan as JSON")

    edit = sub.add_parser("edit", help="change a routine file in the app's editor")
    edit.add_argument(
        "file", metavar="FILE", help="a routine file, a name from 'list', or a new .yaml file"
    )

    history = sub.add_parser("history", help="print the sessions you have done")
    history.add_argument("--csv", action="store_true", help="print every session as CSV")

    handout = sub.add_parser("handout", help="write a printable PDF handout of a routine")
    handout.add_argument("routine", help="a routine name from 'spasmtimer list', or a file path")
    handout.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    return parser


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in {"offscreen", "minimal", "vnc"}:
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line (``sys.argv[1:]`` by default) as the handlers take it.

    With no arguments (the app) the parser is not built: what it would give,
    ``command=None``, directly. Building it costs ~6 ms (argparse looks up a
    translation of each of its messages), on the way to the app's first paint.
    """
    if argv is None:
        argv = sys.argv[1:]
    if argv:
        return build_parser().parse_args(argv)
    from types import SimpleNamespace

    return cast("argparse.Namespace", SimpleNamespace(command=None))


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    command = args.command
    if command is not None:  # ``python -m spasmtimer`` loads with it off; the app turns it on
        gc.enable()
    if command in _NEEDS_DISPLAY and not has_display():
        print(
            "spasmtimer: no display to show the window on (DISPLAY and WAYLAND_DISPLAY "
            "are unset); run it from a desktop session, or under xvfb-run.",
            file=sys.stderr,
        )
        return EXIT_CANNOT_RUN
    handler = handler_for(command)
    try:
        return handler(args)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `spasmtimer plan x | head`: the reader left; not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
