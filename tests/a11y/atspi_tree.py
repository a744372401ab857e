"""Reading the app's accessible objects over the AT-SPI bus, as a screen reader does.

Runs under the system Python with ``pyatspi`` (Debian ``python3-pyatspi``);
it turns live ``Accessible`` objects into plain :class:`audit.Node` trees.
"""

from __future__ import annotations

import contextlib
import time
from typing import Any

import pyatspi  # type: ignore[import-not-found]
from audit import Node
from gi.repository import GLib  # type: ignore[import-not-found]

MAX_CHILDREN = 400  # of a list or table: enough to judge it, not thousands of rows


def find_app(name: str, timeout: float = 60.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for index in range(desktop.childCount):
            app = desktop.getChildAtIndex(index)
            if app is not None and app.name == name:
                return app
        time.sleep(0.3)
    raise TimeoutError(f"{name} never appeared on the accessibility bus")


def states_of(acc: Any) -> frozenset[str]:
    return frozenset(pyatspi.stateToString(s) for s in acc.getState().getStates())


def node(acc: Any, depth: int = 0) -> Node:
    """``acc`` and its showing descendants as :class:`Node` s."""
    states = states_of(acc)
    role = acc.getRoleName()
    found = Node(role=role, name=acc.name or "", description=acc.description or "", states=states)
    with contextlib.suppress(AttributeError, GLib.Error):
        found.object_name = (acc.accessibleId or "").rsplit(".", 1)[-1]
    try:
        text = acc.queryText()
        found.text = text.getText(0, -1)
    except NotImplementedError:
        pass
    try:
        value = acc.queryValue()
        found.value = (value.currentValue, value.minimumValue, value.maximumValue)
    except NotImplementedError:
        pass
    try:
        action = acc.queryAction()
        found.actions = tuple(action.getName(i) for i in range(action.nActions))
    except NotImplementedError:
        pass
    if role in {"table", "tree table", "tree"}:
        try:
            table = acc.queryTable()
            found.column_headers = tuple(
                table.getColumnDescription(c) or "" for c in range(table.nColumns)
            )
        except NotImplementedError:
            pass
    if "showing" in states or depth == 0:
        for index in range(min(acc.childCount, MAX_CHILDREN)):
            child = acc.getChildAtIndex(index)
            if child is not None:
                found.children.append(node(child, depth + 1))
    return found


def windows(app: Any) -> list[Any]:
    """The app's windows that are on screen, the main one first."""
    shown = []
    for index in range(app.childCount):
        window = app.getChildAtIndex(index)
        if window is not None and "showing" in states_of(window):
            shown.append(window)
    return shown


def focused(window: Any) -> Any | None:
    """The object with the keyboard focus under ``window``: the deepest one marked focused."""
    best: tuple[int, Any] | None = None
    stack = [(0, window)]
    while stack:
        depth, acc = stack.pop()
        states = states_of(acc)
        if "focused" in states and (best is None or depth > best[0]):
            best = (depth, acc)
        if "showing" in states or acc is window:
            stack.extend(
                (depth + 1, c)
                for c in (acc.getChildAtIndex(i) for i in range(min(acc.childCount, 200)))
                if c is not None
            )
    return best[1] if best is not None else None


def pump(seconds: float) -> None:
    """Deliver bus events to the listeners for ``seconds``."""
    context = GLib.MainContext.default()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not context.iteration(False):
            time.sleep(0.01)
