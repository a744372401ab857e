"""Checking one YAML value or mapping against what a routine field allows.

:class:`FieldChecker` records every problem instead of stopping at the first,
and knows the kinds of value the format has: whole numbers, durations, holds,
sides, text, names and image file names; and mappings with unknown, repeated
and merged (``<<``) keys. :mod:`spasmtimer.core.routines.schema` builds the routine on
top of it.
"""

from __future__ import annotations

import difflib
import math
from typing import Final

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from spasmtimer.core.routines.durations import DurationError, format_duration, parse_duration
from spasmtimer.core.routines.problems import MAX_PROBLEMS_SHOWN, Problem
from spasmtimer.core.routines.routine import Hold, Sides
from spasmtimer.core.routines.rules import (
    DURATION_EXAMPLE,
    EXERCISE_FIELDS,
    LIMITS,
    MAX_NAME,
    SIDES_WORDS,
    SYNONYMS,
    TOP_FIELDS,
)
from spasmtimer.core.routines.yamldoc import MERGE_TAG, Merger, describe, position, scalar, tag_name


class Bad:
    """Marks a field whose value was wrong (its problem is already recorded)."""


BAD: Final = Bad()


def suggestion(name: str, allowed: tuple[str, ...], level: str) -> str:
    """A hint for an unknown key: where it belongs, or the field it may mean."""
    if level == "top" and name in EXERCISE_FIELDS:
        return f" ('{name}' belongs to an exercise, or under defaults)"
    if level != "top" and name in TOP_FIELDS and name != "name":
        return f" ('{name}' belongs at the top of the file)"
    normal = name.strip().lower().replace("-", "_").replace(" ", "_")
    guess = normal if normal in allowed else SYNONYMS.get(normal)
    if guess not in allowed:
        close = difflib.get_close_matches(normal, allowed, n=1, cutoff=0.6)
        guess = close[0] if close else None
    return f" (did you mean '{guess}'?)" if guess else ""


def is_number(value: object) -> bool:
    """True for an int or float, NaN and true/false excluded."""
    if isinstance(value, float):
        return not math.isnan(value)
    return isinstance(value, int) and not isinstance(value, bool)


class FieldChecker:
    """Checks values and mappings, keeping every problem found."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        # Nodes with a tag that is not allowed, and those already reported
        # (by the field they are the value of).
        self.bad_tags: dict[int, Node] = {}
        self.reported: set[int] = set()
        # ``<<`` merges, each mapping resolved once (see Merger).
        self.merger: Merger | None = None

    def add(self, node: Node, message: str, prefix: str = "") -> None:
        line, column = position(node)
        self.problems.append(Problem(self.file, line, column, prefix + message))

    # -- the whole file ---------------------------------------------------

    def tagged(self, node: Node, prefix: str = "", field: str = "") -> bool:
        """True when ``node`` carries a tag that is not allowed; reported once."""
        if id(node) not in self.bad_tags:
            return False
        if id(node) not in self.reported:
            self.reported.add(id(node))
            what = f"{field} uses" if field else "this uses"
            self.add(
                node,
                f"{what} the YAML tag {tag_name(node.tag)}, which is not allowed in a routine file",
                prefix,
            )
        return True

    def whole(self, node: Node, field: str, prefix: str) -> int | Bad:
        low, high = LIMITS[field]
        if isinstance(node, ScalarNode):
            value = scalar(node).value
            if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
                return value
        self.add(
            node,
            f"{field} must be a whole number from {low} to {high}, got {describe(node)}",
            prefix,
        )
        return BAD

    def duration(self, node: Node, field: str, prefix: str, hint: str = "") -> float | Bad:
        if self.tagged(node, prefix, field):
            return BAD
        low, high = LIMITS[field]
        span = f"from {format_duration(low)} to {format_duration(high)}"
        value = scalar(node).value if isinstance(node, ScalarNode) else None
        try:
            seconds = parse_duration(value)
        except DurationError:
            if is_number(value):  # negative, or a number YAML cannot hold
                self.add(node, f"{field} must be {span}, got {describe(node)}", prefix)
                return BAD
            self.add(
                node,
                f"{field} must be a duration {DURATION_EXAMPLE} ({span}){hint}, "
                f"got {describe(node)}",
                prefix,
            )
            return BAD
        if not low <= seconds <= high:
            self.add(node, f"{field} must be {span}, got {describe(node)}", prefix)
            return BAD
        return seconds

    def hold(self, node: Node, prefix: str) -> Hold | Bad:
        if not isinstance(node, SequenceNode):
            seconds = self.duration(node, "hold", prefix, hint=" or a [min, max] range")
            return BAD if isinstance(seconds, Bad) else Hold.fixed(seconds)
        if len(node.value) != 2:
            self.add(
                node,
                f"hold as a range must be [min, max], two durations, got {describe(node)}",
                prefix,
            )
            return BAD
        low, high = (self.duration(item, "hold", prefix) for item in node.value)
        if isinstance(low, Bad) or isinstance(high, Bad):
            return BAD
        if low > high:
            self.add(
                node,
                f"hold range goes from {format_duration(low)} down to {format_duration(high)}; "
                "write the shorter time first, as [min, max]",
                prefix,
            )
            return BAD
        return Hold(low, high)

    def reps(self, node: Node, prefix: str) -> int | tuple[int, int] | Bad:
        """``reps: 6``, or ``reps: [6, 7]``: start at 6, may build up to 7."""
        if not isinstance(node, SequenceNode):
            return self.whole(node, "reps", prefix)
        if len(node.value) != 2:
            self.add(
                node,
                "reps must be a whole number from 1 to 100 or a [min, max] range of two, "
                f"got {describe(node)}",
                prefix,
            )
            return BAD
        low, high = (self.whole(item, "reps", prefix) for item in node.value)
        if isinstance(low, Bad) or isinstance(high, Bad):
            return BAD
        if low > high:
            self.add(
                node,
                f"reps range goes from {low} down to {high}; write the smaller number first, "
                "as [min, max]",
                prefix,
            )
            return BAD
        return low if low == high else (low, high)

    def sides(self, node: Node, prefix: str) -> Sides | Bad:
        choices = [s.value for s in Sides]
        if isinstance(node, ScalarNode):
            word = scalar(node).text.strip().lower()
            if word in choices and scalar(node).value is not None:
                return Sides(word)
            guess = SIDES_WORDS.get(word) or next(
                iter(difflib.get_close_matches(word, choices, n=1, cutoff=0.6)), None
            )
            hint = f" (did you mean '{guess}'?)" if guess else ""
        else:
            hint = ""
        self.add(node, f"sides must be none, alternate or each, got {describe(node)}{hint}", prefix)
        return BAD

    def text(self, node: Node, field: str, prefix: str) -> str | Bad:
        if not isinstance(node, ScalarNode):
            self.add(node, f"{field} must be text, got {describe(node)}", prefix)
            return BAD
        value = scalar(node)
        return "" if value.value is None else value.text.strip()

    def name(self, node: Node, prefix: str) -> str | Bad:
        text = self.text(node, "name", prefix)
        if isinstance(text, Bad):
            return BAD
        if not text:
            self.add(node, "name is empty", prefix)
            return BAD
        if len(text) > MAX_NAME:
            self.add(
                node,
                f"name is {len(text)} characters long; at most {MAX_NAME} are allowed",
                prefix,
            )
            return BAD
        return text

    def image(self, node: Node, prefix: str) -> str | Bad | None:
        text = self.text(node, "image", prefix)
        if isinstance(text, Bad) or not text:
            return BAD if isinstance(text, Bad) else None
        parts = [p for p in text.split("/") if p not in ("", ".")]
        problem = ""
        if text.startswith(("/", "~")) or (len(text) > 1 and text[1] == ":"):
            problem = "must be a file name beside the routine file, not a full path"
        elif "\\" in text or any(ord(c) < 32 for c in text) or len(text) > 255 or not parts:
            problem = 'must be a file name like "stretch.svg" (with / for a subfolder)'
        elif ".." in parts:
            problem = "must not lead outside the routine's folder (no '..')"
        if problem:
            self.add(node, f"image {problem}, got {describe(node)}", prefix)
            return BAD
        return "/".join(parts)

    # -- mappings ---------------------------------------------------------

    def fields(
        self, node: MappingNode, allowed: tuple[str, ...], prefix: str, level: str
    ) -> dict[str, Node]:
        """The known fields of a mapping, with ``<<`` merges applied.

        Unknown, repeated and non-text keys are reported and left out.
        """
        first_seen: dict[str, Node] = {}
        for key, _ in node.value:
            if key.tag == MERGE_TAG or id(key) in self.bad_tags:
                continue
            if not isinstance(key, ScalarNode):
                self.add(key, f"field names must be words like 'hold', got {describe(key)}", prefix)
                continue
            name = scalar(key).text
            shown = name if len(name) <= 40 else name[:37] + "..."
            if name in first_seen:
                line = position(first_seen[name])[0]
                self.add(key, f"'{shown}' is given twice (first on line {line})", prefix)
            elif name not in allowed:
                if level == "defaults" and name == "name":
                    self.add(key, "name cannot be a default; every exercise has its own", prefix)
                else:
                    # Past the problems shown (problems.sorted_problems) no hint is
                    # read: 10,000 unknown fields would cost a second of difflib.
                    many = len(self.problems) >= MAX_PROBLEMS_SHOWN
                    hint = "" if many else suggestion(name, allowed, level)
                    self.add(key, f"unknown field '{shown}'{hint}", prefix)
            first_seen.setdefault(name, key)
        if self.merger is None:
            self.merger = Merger(skip=lambda n: id(n) in self.bad_tags)
        reported = len(self.merger.problems)
        result = {
            name: value for name, (_, value) in self.merger.fields(node).items() if name in allowed
        }
        for problem_node, message in self.merger.problems[reported:]:
            self.add(problem_node, message, prefix)
        return result
