"""The screen-reader check: every screen and dialog of the real app, read over AT-SPI.

    /usr/bin/python3 tests/a11y/check_screen_reader.py [--python .venv/bin/python] [--out DIR]
        [--source CHECKOUT]   # the app of another checkout (to compare with an older one)

Starts a private desktop (Xvfb on a display of its own, a D-Bus session, the
AT-SPI bus), the app on it with Qt's accessibility on and a scratch data
folder, and walks it the way a user does, with keys and menus (the app reads
them from standard input, ``SPASMTIMER_SCRIPTED_INPUT``). On every screen and
dialog it reads the accessible tree with ``pyatspi`` (Debian
``python3-pyatspi``: the system Python, not the project's venv), writes what
a screen reader finds there to ``DIR/<screen>.txt`` (the tree, the Tab walk,
the problems), records the Tab order, and during a session counts the events
a screen reader hears each second. It prints one line per screen (objects,
actionable, unnamed, named by object name, names that are numbers, texts not
exposed, tables without headers, cells that repeat the row, controls sharing
a name, wrong roles, Tab walk, session events; the rules are in
``audit.py``) and exits 1 on any problem. About 90 seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from audit import Node, Report, audit, check_tab_walk, normal, render  # noqa: E402
from desktop import Desktop, scratch_home  # noqa: E402

ROUTINE = """\
format: 1
name: A short check
description: A short routine for the screen-reader check.
exercises:
  - name: Pelvic tilt
    image: pelvic-tilt.svg
    instructions: Lie on your back, knees bent, and flatten your back to the floor.
    hold: 4s
    reps: 2
    sets: 2
    prepare: 4s
    rest: 3s
    set_rest: 3s
  - name: Knee to chest
    image: single-knee-to-chest.svg
    instructions: Lie on your back and draw one knee to your chest.
    hold: 4s
    reps: 1
    sides: each
    prepare: 3s
    rest: 3s
"""
# When each phase of ROUTINE is half way through, in seconds from its start.
PHASES = (
    ("session-get-ready", 2.0, "GET READY"),
    ("session-hold", 6.0, "HOLD"),
    ("session-rest", 9.5, "REST"),
    ("session-set-rest", 16.5, "SET REST"),
    ("session-switch-sides", 37.5, "SWITCH SIDES"),
)
EVENT_KINDS = (
    "object:property-change:accessible-name",
    "object:property-change:accessible-value",
    "object:property-change:accessible-description",
    "object:text-changed",
    "object:value-changed",
    "object:state-changed",
    "object:children-changed",
    "object:announcement",
    "object:visible-data-changed",
)
MAX_EVENTS_PER_SECOND = 25  # more than a reader can speak: it would fall behind


class App:
    """The app under test, fed keys and menu choices on its standard input."""

    def __init__(self, python: str, env: dict[str, str], log: Path, source: Path = ROOT) -> None:
        self._lines: list[str] = []
        self._cond = threading.Condition()
        self._count = 0
        self.proc = subprocess.Popen(
            [python, "-m", "spasmtimer"], cwd=source, env=env, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=log.open("wb"), text=True, bufsize=1,
        )  # fmt: skip
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            with self._cond:
                self._lines.append(line.rstrip("\n"))
                self._cond.notify_all()

    def send(self, command: str, timeout: float = 30.0) -> str:
        """Do ``command``; returns the app's answer once it has been handled."""
        assert self.proc.stdin is not None
        self._count += 1
        number = self._count
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for line in list(self._lines):
                    verb, got, *rest = line.split(" ", 2)
                    if got != str(number):
                        continue
                    self._lines.remove(line)
                    if verb == "error":
                        raise RuntimeError(f"{command!r}: {line}")
                    if verb == "texts":
                        self.texts_answer = json.loads(rest[0])
                        continue  # the "ok" follows
                    return line
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None:
                    raise TimeoutError(f"the app did not answer {command!r}")
                self._cond.wait(left)

    def texts(self) -> list[str]:
        self.texts_answer: list[str] = []
        self.send("texts")
        return self.texts_answer

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


class Check:
    """Walks the app and keeps one :class:`Report` per screen."""

    def __init__(self, app: App, out: Path) -> None:
        import atspi_tree

        self.tree = atspi_tree
        self.app = app
        self.out = out
        self.reports: list[Report] = []
        self.accessible = atspi_tree.find_app("SpasmTimer")
        self.focus_names: list[str] = []
        import pyatspi  # type: ignore[import-not-found]

        self.pyatspi = pyatspi
        pyatspi.Registry.registerEventListener(self._on_focus, "object:state-changed:focused")

    # -- reading ---------------------------------------------------------------

    def _on_focus(self, event: object) -> None:
        if getattr(event, "detail1", 0) == 1:
            source = getattr(event, "source", None)
            try:
                role = source.getRoleName() if source is not None else "?"
                name = source.name if source is not None else ""
            except Exception:  # the object went away meanwhile
                return
            self.focus_names.append(f"{role} {name!r}")

    def window(self, dialog: bool, title: str | None = None, timeout: float = 30.0) -> object:
        """The main window, or the newest other window (``title`` in its name) once shown."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.tree.windows(self.accessible)
            for window in reversed(shown):
                is_main = window.name == "SpasmTimer" and window.getRoleName() == "frame"
                if dialog != is_main and (title is None or title in window.name):
                    return window
            self.tree.pump(0.2)
        names = [w.name for w in self.tree.windows(self.accessible)]
        raise TimeoutError(f"no {'dialog' if dialog else 'main window'} {title!r}: {names}")

    def wait_for(self, window: object, name: str, timeout: float = 30.0) -> Node:
        """``window``'s tree once a showing object is named ``name`` (or starts so)."""
        deadline = time.monotonic() + timeout
        while True:
            tree = self.tree.node(window)
            if any(normal(n.name).startswith(normal(name)) for n in tree.walk()):
                return tree
            if time.monotonic() > deadline:
                raise TimeoutError(f"nothing named {name!r} came: " + "\n".join(render(tree)))
            self.tree.pump(0.3)

    def ensure_active(self, window: object, timeout: float = 20.0) -> None:
        """Wait until ``window`` is the active window (as a window manager would make it)."""
        deadline = time.monotonic() + timeout
        while "active" not in self.tree.states_of(window):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{window.name!r} never became the active window")
            self.app.send("activate")
            self.tree.pump(0.2)

    def tab_walk(self, window: object, stops: int = 30) -> tuple[list[str], bool]:
        """Press Tab until the focus comes back round (or ``stops`` times): where it went."""
        self.ensure_active(window)
        walk: list[str] = []
        stayed = 0
        for _ in range(stops):
            self.focus_names.clear()
            self.app.send("key Tab")
            deadline = time.monotonic() + 1.5
            while not self.focus_names and time.monotonic() < deadline:
                self.tree.pump(0.05)
            self.tree.pump(0.05)
            if self.focus_names:
                stop = self.focus_names[-1]
            else:  # no event (a field inside a spin box...): ask the tree what has the focus
                found = self.tree.focused(window)
                stop = f"{found.getRoleName()} {found.name!r}" if found else "(no focus)"
            if walk and stop == walk[-1]:
                stayed += 1  # still there: the next field of a date, a link in a page
                if stayed >= 6:
                    break
                continue
            stayed = 0
            if walk and stop == walk[0]:
                return walk, True
            walk.append(stop)
        return walk, len(walk) == 1  # one control alone: nothing else to reach

    def screen(
        self, name: str, window: object, *, tab: bool = True, wait: str | None = None
    ) -> Report:
        """Audit ``window`` as screen ``name`` (once ``wait`` shows), walk it with Tab, dump it.

        The texts on screen are asked for before and after the tree is read.
        """
        if wait is not None:
            self.wait_for(window, wait, timeout=60)
        texts = self.app.texts()
        tree = self.tree.node(window)
        later = set(self.app.texts())  # a text that changed meanwhile (a count) is not judged
        titled = tree.role == "frame" or name in ("red-flags", "ice-heat")
        report = audit(name, tree, [t for t in texts if t in later], heading=titled)
        walk, cycled = self.tab_walk(window) if tab else ([], True)
        check_tab_walk(report, tree, walk, cycled=cycled)
        lines = [f"# {name}: what a screen reader finds", "", *render(tree), ""]
        if tab:
            lines += ["## Tab order", *(f"{i + 1}. {s}" for i, s in enumerate(walk)), ""]
        lines += ["## Problems", *(report.problems or ["none"]), ""]
        (self.out / f"{name}.txt").write_text("\n".join(lines))
        self.reports.append(report)
        print(f"  {name}: {len(report.problems)} problems", flush=True)
        return report

    # -- the walk ----------------------------------------------------------------

    def run(self) -> None:
        send = self.app.send
        # The first launch opens on the red flags.
        dialog = self.window(dialog=True, title="Seek care")
        self.screen("red-flags", dialog, wait="I understand")
        send("key Return")
        main = self.window(dialog=False)
        self.screen("today", main, wait="All routines")
        self.hear_keys("today-arrows", ["key Down", "key Up"], "Back spasm relief, session 2 of 2")
        send("key R")
        self.screen("routines", main, wait="Routines")
        self.select(main, "A short check")
        send("key Return")
        self.screen("overview", main, wait="Exercises")
        send("key Return")
        self.screen("pain-before", main, wait="Pain 5")
        self.session(main)
        self.screen("finish", main, wait="Back to Today")
        send("key Y")
        history = self.window(dialog=True, title="History")
        self.screen("history", history, wait="Export CSV")
        tabs = [n for n in self.tree.node(history).walk() if n.role == "page tab"]
        for index, tab in enumerate(tabs[1:], start=1):
            self.choose_tab(history, index)
            slug = "history-" + "-".join(normal(tab.name).replace("&", "").split())
            self.wait_for_selected_tab(history, tab.name)
            self.screen(slug, history, tab=False)
        send("close")
        self.wait_closed("History")
        send("key Return")  # back to Today
        self.wait_for(main, "All routines")
        for menu, title, slug, how in (
            ("File/Sound…", "Sound", "sound", "key Escape"),
            ("Care/Ice and heat…", "Ice", "ice-heat", "close"),
            ("Care/Reminders…", "Reminders", "reminders", "key Escape"),
            ("Help/Learn about your back", "Learn", "learn", "close"),
            ("Help/Keyboard shortcuts", "Keyboard", "shortcuts", "key Escape"),
            ("Help/About SpasmTimer", "About", "about", "key Escape"),
        ):
            send(f"menu {menu}")
            window = self.window(dialog=True, title=title)
            self.screen(slug, window)
            send(how)
            self.wait_closed(title)
        send("key R")
        self.wait_for(main, "Routines")
        send("key N")
        self.screen("editor", main, wait="Save")
        send("key Escape")

    def hear_keys(self, name: str, commands: list[str], expected: str) -> None:
        """Press keys that change what is chosen: a reader must hear ``expected``."""
        heard: list[str] = []

        def on_event(event: object) -> None:
            kind = str(getattr(event, "type", ""))
            source = getattr(event, "source", None)
            try:
                said = str(getattr(event, "any_data", "") or "") if "announcement" in kind else ""
                if "focused" in kind and getattr(event, "detail1", 0) == 1 and source:
                    said = source.name
            except Exception:
                return
            if said:
                heard.append(said)

        kinds = ("object:announcement", "object:state-changed:focused")
        self.pyatspi.Registry.registerEventListener(on_event, *kinds)
        for command in commands:
            self.app.send(command)
            self.tree.pump(0.5)
        self.pyatspi.Registry.deregisterEventListener(on_event, *kinds)
        report = Report(name, objects=len(heard))
        if not any(normal(expected) in normal(h) for h in heard):
            report.add("events", Node("filler", name), f"pressing {commands} says {heard}")
        lines = [f"# {name}: what a reader says on {', '.join(commands)}", "", *heard, ""]
        lines += ["## Problems", *(report.problems or ["none"]), ""]
        (self.out / f"{name}.txt").write_text("\n".join(lines))
        self.reports.append(report)

    def wait_for_word(self, window: object, word: str, timeout: float = 20.0) -> None:
        """Wait until the session's big word (an object named just that) is ``word``."""
        deadline = time.monotonic() + timeout
        while True:
            if normal(word) in {normal(n.name) for n in self.tree.node(window).walk()}:
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"the session never showed {word!r}")
            self.tree.pump(0.2)

    def select(self, window: object, name: str) -> None:
        """Move the selection of the routine list down to ``name``."""
        for _ in range(15):
            tree = self.tree.node(window)
            if any(n.role == "list item" and n.name == name and "selected" in n.states
                   for n in tree.walk()):  # fmt: skip
                return
            self.app.send("key Down")
            self.tree.pump(0.1)
        items = [f"{n.name} {sorted(n.states)}" for n in tree.walk() if n.role == "list item"]
        raise LookupError(f"{name!r} is not in the list: {items}")

    def choose_tab(self, window: object, index: int) -> None:
        """Choose a page tab as a screen reader does: the tab list's Selection interface."""
        stack = [window]
        while stack:
            acc = stack.pop()
            if acc.getRoleName() == "page tab list":
                acc.querySelection().selectChild(index)
                return
            stack.extend(acc.getChildAtIndex(i) for i in range(min(acc.childCount, 50)))
        raise LookupError("no page tab list")

    def wait_for_selected_tab(self, window: object, tab: str, timeout: float = 20.0) -> Node:
        deadline = time.monotonic() + timeout
        while True:
            tree = self.tree.node(window)
            if any(n.role == "page tab" and n.name == tab and "selected" in n.states
                   for n in tree.walk()):  # fmt: skip
                return tree
            if time.monotonic() > deadline:
                raise TimeoutError(f"the tab {tab!r} never came")
            self.tree.pump(0.3)

    def wait_closed(self, title: str, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while any(title in w.name for w in self.tree.windows(self.accessible)):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{title} did not close")
            self.tree.pump(0.2)

    def session(self, main: object) -> None:
        """Each phase of ROUTINE, paused, "This hurts", the end; events counted all along."""
        events: list[tuple[float, str, str, str]] = []

        def heard(event: object) -> None:
            source = getattr(event, "source", None)
            try:
                who = f"{source.getRoleName()} {source.name!r}" if source is not None else "?"
            except Exception:
                who = "?"
            detail = str(getattr(event, "any_data", "") or "")
            events.append((time.monotonic(), str(getattr(event, "type", "")), who, detail))

        registry = self.pyatspi.Registry
        registry.registerEventListener(heard, *EVENT_KINDS)
        self.app.send("key 5")  # the pain before: 5 of 10
        start = time.monotonic()
        self.wait_for(main, "This hurts")
        for slug, at, word in PHASES:
            # Half way into the phase, once its word shows (a loaded machine may lag).
            self.tree.pump(max(0.0, start + at - time.monotonic()))
            self.wait_for_word(main, word)
            self.screen(slug, main, tab=False)
        registry.deregisterEventListener(heard, *EVENT_KINDS)
        heard_lines, flooded = self.events_summary(events, start)
        report = Report("session-events", objects=len(events))
        report.problems.extend(flooded)
        report.events = len(flooded)
        lines = [*heard_lines, "", "## Problems", *(flooded or ["none"])]
        (self.out / "session-events.txt").write_text("\n".join(lines) + "\n")
        self.reports.append(report)
        self.app.send("key Space")
        self.screen("session-paused", main, wait="PAUSED", tab=False)
        self.app.send("key H")
        hurts = self.window(dialog=True, title="hurts")
        self.screen("this-hurts", hurts)
        self.app.send("key Escape")
        self.wait_closed("hurts")
        tree = self.tree.node(main)
        if any(n.name.startswith("Resume") for n in tree.walk()):
            self.app.send("key Space")
        self.screen("pain-after", main, wait="How is the pain now", tab=False)
        self.app.send("key 3")

    def events_summary(
        self, events: list[tuple[float, str, str, str]], start: float
    ) -> tuple[list[str], list[str]]:
        """What a screen reader heard during the session, per second; and any flood."""
        if not events:
            return ["no events"], ["session: no events reached the bus"]
        per_second = Counter(int(t - start) for t, *_ in events)
        kinds = Counter(kind for _, kind, *_ in events)
        span = max(1, int(events[-1][0] - start) + 1)
        lines = [
            "# The session, as events on the accessibility bus",
            "",
            f"{len(events)} events in {span} s: {len(events) / span:.1f} a second on average, "
            f"at most {max(per_second.values())} in one second",
            f"{sum(1 for e in events if 'announcement' in e[1])} announcements",
            "",
            "## By kind",
            *(f"{count:5}  {kind}" for kind, count in kinds.most_common()),
            "",
            "## Every change of a name or value, and every announcement (time from the start)",
        ]
        for t, kind, who, detail in events:
            if "name" in kind or "announcement" in kind or "value" in kind:
                lines.append(f"{t - start:6.2f}  {kind}  {who}  {detail}")
        problems = []
        steady = [n for second, n in per_second.items() if second >= 1]
        worst = max(steady or [0])
        lines.insert(3, f"{per_second.get(0, 0)} in the first second, as the screen opens; "
                        f"after that at most {worst} in one second")  # fmt: skip
        if worst > MAX_EVENTS_PER_SECOND:
            problems.append(f"session: {worst} events in one second floods a screen reader")
        # A reader speaks announcements as they come; a name change only when
        # its object has the focus. So the step and the notice must be announced.
        announced = " ".join(
            normal(detail) for _, kind, _who, detail in events if "announcement" in kind
        )
        for _slug, _at, word in PHASES:
            if normal(word) not in announced:
                problems.append(f"session: the step {word!r} was never announced")
        if "sound" not in announced:  # there is no sound server here: the notice says so
            problems.append("session: the no-sound notice was never announced")
        counted = {
            int(t - start)
            for t, kind, *_ in events
            if "value" in kind or "name" in kind or "announcement" in kind
        }
        if len(counted) < span * 0.8:
            problems.append(
                f"session: the count changed on the bus in {len(counted)} of {span} seconds"
            )
        return lines, problems


def table(reports: list[Report]) -> str:
    heads = ["screen"] + [title for _, title in Report.COLUMNS]
    rows = [[r.screen] + [str(getattr(r, key)) for key, _ in Report.COLUMNS] for r in reports]
    widths = [max(len(row[i]) for row in [heads, *rows]) for i in range(len(heads))]
    lines = [" | ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True))]
    lines.append("-|-".join("-" * w for w in widths))
    lines += [" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", default=str(ROOT / ".venv" / "bin" / "python"))
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "accessibility")
    parser.add_argument(
        "--source", type=Path, default=ROOT, help="the checkout whose app to start (to compare)"
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="spasmtimer-a11y-"))
    desktop = Desktop(scratch / "runtime")
    app = None
    try:
        env = {**desktop.env, **scratch_home(scratch)}
        routines = Path(env["SPASMTIMER_DATA_DIR"]) / "routines"
        routines.mkdir(parents=True)
        (routines / "a-short-check.yaml").write_text(ROUTINE)
        env.update(
            QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
            QT_QPA_PLATFORM="xcb",
            QT_ACCESSIBILITY="1",
            SPASMTIMER_SCRIPTED_INPUT="1",
            SPASMTIMER_THEME="light",
            PULSE_SERVER="unix:" + str(scratch / "no-sound-server"),
            LANG="C.UTF-8",
        )
        os.environ.update(desktop.env)  # pyatspi finds the bus from these
        app = App(args.python, env, scratch / "app.log", args.source)
        check = Check(app, args.out)
        began = time.monotonic()
        try:
            check.run()
        finally:
            summary = table(check.reports)
            print(summary)
            (args.out / "summary.txt").write_text(summary + "\n")
        seconds = time.monotonic() - began
        print(f"{len(check.reports)} screens in {seconds:.0f} s; dumps in {args.out}")
        failed = [r for r in check.reports if r.failed]
        for report in failed:
            for problem in report.problems:
                print("  " + problem)
        return 1 if failed else 0
    finally:
        if app is not None:
            app.close()
            log = (scratch / "app.log").read_text(errors="replace")
            if app.proc.returncode not in (0, -15, None) or "Traceback" in log:
                print(log[-4000:], file=sys.stderr)
        desktop.close()


if __name__ == "__main__":
    sys.exit(main())
