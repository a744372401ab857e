"""What a screen reader finds wrong on one screen, from its accessible tree.

Plain Python (no AT-SPI, no Qt): :class:`Node` is one accessible object as
read over the bus, and :func:`audit` counts the problems the screen-reader
check reports. ``tests/test_a11y_audit.py`` tries every rule on small trees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Roles a user acts on; each needs a name that says what it is or does.
ACTIONABLE_ROLES = frozenset(
    {
        "push button",
        "button",
        "toggle button",
        "check box",
        "radio button",
        "spin button",
        "combo box",
        "slider",
        "menu item",
        "check menu item",
        "page tab",
        "list item",
        "table cell",
        "entry",
        "text",
        "password text",
        "link",
        "tree item",
    }
)
CONTAINER_ROLES = frozenset({"filler", "panel", "frame", "dialog", "layered pane", "window"})
TABLE_ROLES = frozenset({"table", "tree table", "tree"})
CELL_ROLES = frozenset({"table cell", "tree item"})
TEXT_ROLES = frozenset({"label", "static", "heading", "paragraph", "caption"})
KEY_HINT = re.compile(r"\s*\((?:[^()]{1,14})\)\s*$")  # "Start (Enter)", "Keys (?)"
SYMBOLS_ONLY = re.compile(r"^[\W_]*$")


@dataclass
class Node:
    """One accessible object: what a screen reader can ask of it."""

    role: str
    name: str = ""
    description: str = ""
    text: str | None = None  # the Text interface, if any
    object_name: str = ""  # the last part of the accessible id (Qt: the object name)
    states: frozenset[str] = frozenset()
    value: tuple[float, float, float] | None = None  # current, minimum, maximum
    actions: tuple[str, ...] = ()
    column_headers: tuple[str, ...] | None = None  # a table's, by the Table interface
    children: list[Node] = field(default_factory=list)

    @property
    def showing(self) -> bool:
        return "showing" in self.states

    @property
    def actionable(self) -> bool:
        """Something to press, tick, type in or choose (enabled or not: both are read)."""
        return self.role in ACTIONABLE_ROLES or (
            "focusable" in self.states and (self.role not in CONTAINER_ROLES)
        )

    def walk(self) -> list[Node]:
        """This node and every showing node under it, in reading order."""
        found = [self]
        for child in self.children:
            if child.showing:
                found.extend(child.walk())
        return found


def normal(text: str) -> str:
    """For comparing: no ``&`` mnemonic marks, no trailing "…", spaces collapsed, any case."""
    text = text.replace("&", "").replace("…", " ").replace("...", " ")
    return " ".join(text.split()).casefold()


def spoken(text: str) -> str:
    """What a name should at least hold of a visible text: no key hint, no ``&``."""
    return normal(KEY_HINT.sub("", text))


def object_name_like(name: str, object_name: str) -> bool:
    """A name that is an internal object name: ``today title`` for ``today_title``."""
    if not name or name != name.lower() or not re.search(r"_|^[a-z]+[A-Z]", object_name):
        return False  # "Export CSV…", "RoutineEditor": words for people, not a hidden label's
    words = re.sub(r"([a-z])([A-Z])", r"\1 \2", object_name).replace("_", " ")
    return normal(name) == normal(words) and normal(name) not in {"today", "next", "routines"}


def is_number(name: str) -> bool:
    return bool(re.fullmatch(r"\s*\d+\s*", name))


@dataclass
class Report:
    """One screen's counts; :attr:`problems` says what and where, one line each."""

    screen: str
    objects: int = 0
    actionable: int = 0
    unnamed: int = 0
    object_named: int = 0
    numbered: int = 0
    hidden_texts: int = 0
    headerless_tables: int = 0
    row_cells: int = 0
    same_names: int = 0
    wrong_roles: int = 0
    keyboard: int = 0
    events: int = 0
    problems: list[str] = field(default_factory=list)

    COLUMNS = (
        ("objects", "objects"),
        ("actionable", "actionable"),
        ("unnamed", "unnamed"),
        ("object_named", "by object name"),
        ("numbered", "a number"),
        ("hidden_texts", "texts not exposed"),
        ("headerless_tables", "tables w/o headers"),
        ("row_cells", "cells = row"),
        ("same_names", "same name"),
        ("wrong_roles", "wrong roles"),
        ("keyboard", "Tab walk"),
        ("events", "events"),
    )
    PROBLEM_COLUMNS = COLUMNS[2:]

    @property
    def failed(self) -> bool:
        return any(getattr(self, key) for key, _ in self.PROBLEM_COLUMNS)

    def add(self, column: str, where: Node, what: str) -> None:
        setattr(self, column, getattr(self, column) + 1)
        self.problems.append(f"{self.screen}: [{where.role}] {where.name!r}: {what}")


def audit(
    screen: str, root: Node, visible_texts: list[str] | None = None, *, heading: bool = False
) -> Report:
    """Count what is wrong on ``root``'s showing objects (``visible_texts``: what is on screen).

    ``heading``: the screen must have a heading (a reader jumps to it, and says it first).
    """
    report = Report(screen)
    nodes = root.walk()
    report.objects = len(nodes)
    if heading and not any(n.role == "heading" and n.name.strip() for n in nodes):
        report.add("wrong_roles", root, "no heading: its title is read as a plain label")
    for node in nodes:
        _check_node(report, node)
    for node in nodes:
        if node.role in TABLE_ROLES:
            _check_table(report, node)
    _check_same_names(report, nodes)
    if visible_texts is not None:
        said = [normal(n.name) for n in nodes] + [normal(n.text or "") for n in nodes]
        said += [normal(f"{n.name} {n.description}") for n in nodes]
        for text in visible_texts:
            wanted = spoken(text)
            if SYMBOLS_ONLY.match(wanted) or is_number(wanted):
                continue  # "✓", "•", "12": said by the object they belong to
            if not any(wanted in s for s in said):
                report.add("hidden_texts", root, f"the visible text {text!r} is not exposed")
    return report


# A key named in a control's name or tooltip: "(R)", "(Ctrl+S)", "Esc", "Space, Play/Pause".
_KEY = r"(?:[A-Z0-9?+−←→↑↓]|Esc|Space|Enter|Delete|Backspace|F\d+|Ctrl\+\S+|Alt\+\S+)"
KEY_NAMED = re.compile(rf"\((?:{_KEY}(?: or {_KEY})*|[^()]{{1,14}}\)\s*$)\)?|^{_KEY}(?:$|,| or )")
KEYED_ROLES = frozenset({"push button", "toggle button", "check box", "radio button", "combo box",
                         "spin button", "slider", "entry", "text", "page tab list", "list", "table",
                         "tree"})  # fmt: skip


def check_tab_walk(report: Report, root: Node, walk: list[str], *, cycled: bool) -> None:
    """Every Tab stop named; the walk comes back round (no trap); every control reached.

    A control is reached when Tab stops on it or a key of its own is named
    in its name or tooltip (the session's buttons: Space, M, Esc...).
    """
    for stop in walk:
        if stop.endswith("''"):
            report.add("keyboard", root, f"Tab stops on an unnamed {stop}")
    if walk and not cycled:
        report.add("keyboard", root, f"Tab never comes back round ({len(walk)} stops): a trap")
    if not walk:
        return
    stops = set(walk)
    for node in root.walk():
        if node.role not in KEYED_ROLES or "enabled" not in node.states:
            continue
        if f"{node.role} {node.name!r}" in stops:
            continue
        if KEY_NAMED.search(node.name) or KEY_NAMED.search(node.description):
            continue
        report.add("keyboard", node, "neither Tab nor a key of its own reaches it")


def _check_node(report: Report, node: Node) -> None:
    if node.actionable:
        report.actionable += 1
        if not node.name.strip() and node.role not in CELL_ROLES | {"entry", "text"}:
            report.add("unnamed", node, "no name")
        elif not node.name.strip() and node.role in {"entry", "text"}:
            report.add("unnamed", node, "an input with no name (no label for it)")
    if object_name_like(node.name, node.object_name):
        report.add("object_named", node, f"named by its object name {node.object_name!r}")
    if is_number(node.name) and node.role not in CELL_ROLES | {"spin button", "label"}:
        report.add("numbered", node, "its name is a number")
    if node.role == "progress bar":
        if not node.name.strip():
            report.add("unnamed", node, "a progress bar with no name")
        if node.value is None or node.value[2] <= node.value[1]:
            report.add("wrong_roles", node, f"a progress bar without a value range {node.value}")
    if node.role in {"push button", "button"} and "checkable" in node.states:
        report.add("wrong_roles", node, "a button that stays pressed should be a toggle button")
    # A text a reader moves through (a document, focusable) has a title for a name.
    reading = "focusable" in node.states or "multi line" in node.states
    if node.role in TEXT_ROLES and node.text is not None and node.name.strip() and not reading:
        shown = spoken(node.text)
        if shown and normal(node.text) and shown not in normal(node.name):
            report.add(
                "hidden_texts", node, f"its name hides its text {node.text!r}"
            )  # the reader says the name only


def _check_same_names(report: Report, nodes: list[Node]) -> None:
    """Two controls that say the same: the listener cannot tell which is which."""
    seen: dict[str, Node] = {}
    for node in nodes:
        if not node.actionable or node.role in CELL_ROLES | {"list item", "menu item", "page tab"}:
            continue
        key = normal(node.name)
        if not key:
            continue
        if key in seen:
            report.add("same_names", node, f"the same name as another {seen[key].role}")
        else:
            seen[key] = node


def _check_table(report: Report, table: Node) -> None:
    headers = table.column_headers
    cells = [c for c in table.walk() if c.role in CELL_ROLES]
    columns = len(headers) if headers is not None else 0
    if columns > 1 and any(not h.strip() or is_number(h) for h in headers or ()):
        report.add("headerless_tables", table, f"column headers {list(headers or ())}")
    if columns > 1:  # the cells come row by row, after the headers
        names = [normal(c.name) for c in cells]
        for start in range(0, len(names) - columns + 1, columns):
            row = names[start : start + columns]
            if len(set(row)) == 1 and row[0]:
                report.add("row_cells", table, f"every cell of a row says {row[0]!r}")


def render(root: Node, depth: int = 0) -> list[str]:
    """``root`` as a screen reader would list it: role, name, what else it says."""
    parts = [f"{'  ' * depth}{root.role}"]
    if root.name:
        parts.append(f'"{root.name}"')
    if root.text is not None and normal(root.text) != normal(root.name):
        parts.append(f"text {root.text!r}")
    if root.value is not None:
        current, low, high = root.value
        parts.append(f"value {current:g} of {low:g} to {high:g}")
    if root.column_headers:
        parts.append("columns: " + " | ".join(root.column_headers))
    marks = sorted(root.states & {"checked", "pressed", "selected", "focused", "disabled"})
    if marks:
        parts.append("(" + ", ".join(marks) + ")")
    if root.description:
        parts.append(f"— {root.description}")
    lines = [" ".join(parts)]
    for child in root.children:
        if child.showing:
            lines.extend(render(child, depth + 1))
    return lines
