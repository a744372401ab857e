"""Checking a routine's YAML node tree against the routine format, field by field.

Every field is checked and every problem kept, so the author sees them all at
once. A problem points at the offending value (or key, for unknown and
repeated keys; or the exercise, for a missing field), names the field and, in
an exercise, which exercise: ``exercise 2 ("Pelvic tilt"): reps must be a
whole number from 1 to 100, got "ten"``.
"""

from __future__ import annotations

import difflib
import math
from pathlib import Path
from typing import Any, Final

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from spasmtimer.core.durations import DurationError, format_duration, parse_duration
from spasmtimer.core.problems import Problem, RoutineError, sorted_problems
from spasmtimer.core.routine import FORMAT_VERSION, Exercise, Hold, Routine, Sides
from spasmtimer.core.yamldoc import (
    MERGE_TAG,
    describe,
    is_allowed_tag,
    nodes,
    position,
    scalar,
    tag_name,
)

TOP_FIELDS: Final = (
    "format", "name", "description", "source", "sessions_per_day", "defaults", "exercises",
)  # fmt: skip
EXERCISE_FIELDS: Final = (
    "name", "hold", "reps", "sets", "sides", "prepare", "rest", "set_rest", "instructions",
    "image",
)  # fmt: skip
DEFAULTS_FIELDS: Final = tuple(f for f in EXERCISE_FIELDS if f != "name")

MAX_NAME = 80
MAX_EXERCISES = 100
# (lowest, highest) in seconds, or whole numbers.
LIMITS: Final = {
    "hold": (1.0, 2 * 3600.0),
    "prepare": (0.0, 10 * 60.0),
    "rest": (0.0, 10 * 60.0),
    "set_rest": (0.0, 30 * 60.0),
    "reps": (1, 100),
    "sets": (1, 20),
    "sessions_per_day": (1, 12),
}
# What an exercise gets when neither it nor `defaults` says otherwise.
BUILT_IN_DEFAULTS: Final[dict[str, Any]] = {
    "reps": 1, "sets": 1, "sides": Sides.NONE, "prepare": 5.0, "rest": 3.0, "set_rest": 20.0,
    "instructions": "", "image": None,
}  # fmt: skip
# Words authors reach for, and the field they mean.
_SYNONYMS: Final = {
    "repetitions": "reps", "repeats": "reps", "rep": "reps", "repeat": "reps", "set": "sets",
    "side": "sides", "duration": "hold", "seconds": "hold", "time": "hold", "holds": "hold",
    "hold_time": "hold", "title": "name", "steps": "exercises", "exercise": "exercises",
    "stretches": "exercises", "rest_between_sets": "set_rest", "setrest": "set_rest",
    "set_pause": "set_rest", "pause": "rest", "preparation": "prepare", "prep": "prepare",
    "get_ready": "prepare", "picture": "image", "img": "image", "notes": "instructions",
    "instruction": "instructions", "version": "format", "sessions": "sessions_per_day",
    "per_day": "sessions_per_day", "times_per_day": "sessions_per_day", "credit": "source",
    "default": "defaults", "desc": "description",
}  # fmt: skip
_SIDES_WORDS: Final = {"alternating": "alternate", "both": "each", "each_side": "each"}
_DURATION_EXAMPLE = 'like 10, "10s" or "2 min"'


class _Bad:
    """Marks a field whose value was wrong (its problem is already recorded)."""


BAD: Final = _Bad()


def routine_from_node(root: Node, file: str, path: Path | None) -> Routine:
    """The routine ``root`` describes; raises :class:`RoutineError` with every problem."""
    checker = _Checker(file)
    routine = checker.routine(root, path)
    if checker.problems or routine is None:
        raise RoutineError(sorted_problems(checker.problems))
    return routine


def _suggestion(name: str, allowed: tuple[str, ...], level: str) -> str:
    if level == "top" and name in EXERCISE_FIELDS:
        return f" ('{name}' belongs to an exercise, or under defaults)"
    if level != "top" and name in TOP_FIELDS and name != "name":
        return f" ('{name}' belongs at the top of the file)"
    normal = name.strip().lower().replace("-", "_").replace(" ", "_")
    guess = normal if normal in allowed else _SYNONYMS.get(normal)
    if guess not in allowed:
        close = difflib.get_close_matches(normal, allowed, n=1, cutoff=0.6)
        guess = close[0] if close else None
    return f" (did you mean '{guess}'?)" if guess else ""


def _is_number(value: object) -> bool:
    if isinstance(value, float):
        return not math.isnan(value)
    return isinstance(value, int) and not isinstance(value, bool)


class _Checker:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        # Nodes with a tag that is not allowed, and those already reported
        # (by the field they are the value of).
        self.bad_tags: dict[int, Node] = {}
        self.reported: set[int] = set()

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

    def routine(self, root: Node, path: Path | None) -> Routine | None:
        self.bad_tags = {id(node): node for node in nodes(root) if not is_allowed_tag(node)}
        routine = self.check(root, path)
        for node in self.bad_tags.values():  # where no field claimed them
            self.tagged(node)
        return routine

    def check(self, root: Node, path: Path | None) -> Routine | None:
        if self.tagged(root):
            return None
        if not isinstance(root, MappingNode):
            self.add(
                root,
                "a routine file must be a set of fields (format, name, exercises, ...), "
                f"but this one is {describe(root)}",
            )
            return None
        before = len(self.problems)
        fields = self.fields(root, TOP_FIELDS, "", "top")
        if not self.format_ok(root, fields.get("format")):
            # Another format may have other fields: only say which format this is.
            del self.problems[before:-1]
            return None
        values: dict[str, Any] = {}
        for name, node in fields.items():
            if name in ("format", "defaults", "exercises"):
                continue
            values[name] = self.top_field(name, node)
        if "name" not in fields:
            self.add(root, "name is missing; give the routine a name (it is shown in the picker)")
        defaults, in_defaults = self.defaults(fields.get("defaults"))
        exercises = self.exercises(root, fields.get("exercises"), defaults, in_defaults)
        if self.problems or exercises is BAD or BAD in values.values():
            return None
        assert isinstance(exercises, tuple)
        return Routine(exercises=exercises, path=path, **values)

    def format_ok(self, root: MappingNode, node: Node | None) -> bool:
        """False when the file is of another format: then nothing else is checked."""
        if node is None:
            self.add(
                root, f"format is missing; a routine file starts with 'format: {FORMAT_VERSION}'"
            )
            return True
        if self.tagged(node, "", "format"):
            return True
        value = scalar(node).value if isinstance(node, ScalarNode) else None
        if isinstance(value, int) and not isinstance(value, bool):
            if value == FORMAT_VERSION:
                return True
            shown = str(value) if abs(value) < 10**12 else describe(node)
            self.add(
                node, f"unsupported format {shown}; this SpasmTimer reads format {FORMAT_VERSION}"
            )
            return False
        self.add(node, f"format must be {FORMAT_VERSION}, got {describe(node)}")
        return True

    def top_field(self, name: str, node: Node) -> Any:
        if self.tagged(node, "", name):
            return BAD
        if name == "name":
            return self.name(node, "")
        if name == "sessions_per_day":
            return self.whole(node, name, "")
        return self.text(node, name, "")

    def defaults(self, node: Node | None) -> tuple[dict[str, Any], set[str]]:
        if node is None or self.tagged(node, "", "defaults"):
            return {}, set()
        if isinstance(node, ScalarNode) and scalar(node).value is None:
            return {}, set()  # "defaults:" with every line under it commented out
        if not isinstance(node, MappingNode):
            self.add(
                node,
                f"defaults must be a set of exercise fields (like rest: 3s), got {describe(node)}",
            )
            return {}, set()
        fields = self.fields(node, DEFAULTS_FIELDS, "defaults: ", "defaults")
        values = {
            name: self.exercise_field(name, value, "defaults: ") for name, value in fields.items()
        }
        return {k: v for k, v in values.items() if v is not BAD}, set(fields)

    def exercises(
        self, root: Node, node: Node | None, defaults: dict[str, Any], in_defaults: set[str]
    ) -> tuple[Exercise, ...] | _Bad:
        if node is None:
            self.add(root, "exercises is missing; list at least one exercise")
            return BAD
        if self.tagged(node, "", "exercises"):
            return BAD
        if not isinstance(node, SequenceNode):
            self.add(
                node,
                "exercises must be a list, each exercise starting with '- name: ...', "
                f"got {describe(node)}",
            )
            return BAD
        if not node.value:
            self.add(node, "exercises is empty; list at least one exercise")
            return BAD
        if len(node.value) > MAX_EXERCISES:
            self.add(
                node,
                f"exercises lists {len(node.value)} exercises; at most {MAX_EXERCISES} are allowed",
            )
        built = [
            self.exercise(item, number, defaults, in_defaults)
            for number, item in enumerate(node.value, start=1)
        ]
        exercises = tuple(e for e in built if isinstance(e, Exercise))
        return exercises if len(exercises) == len(built) else BAD

    # -- one exercise -------------------------------------------------------

    def exercise(
        self, node: Node, number: int, defaults: dict[str, Any], in_defaults: set[str]
    ) -> Exercise | _Bad:
        if self.tagged(node, f"exercise {number}: "):
            return BAD
        if not isinstance(node, MappingNode):
            self.add(
                node,
                f"exercise {number} must be a set of fields starting with 'name:', "
                f"got {describe(node)}",
            )
            return BAD
        prefix = f"exercise {number}{self.exercise_label(node)}: "
        fields = self.fields(node, EXERCISE_FIELDS, prefix, "exercise")
        values = {name: self.exercise_field(name, value, prefix) for name, value in fields.items()}
        if "name" not in fields:
            self.add(node, "name is missing", prefix)
        if "hold" not in fields and "hold" not in in_defaults:
            self.add(node, "hold is missing; give it here or under defaults", prefix)
        if BAD in values.values() or "name" not in fields or "hold" not in {*fields, *defaults}:
            return BAD
        return Exercise(**(BUILT_IN_DEFAULTS | defaults | values))

    def exercise_label(self, node: MappingNode) -> str:
        for key, value in node.value:
            if (
                isinstance(key, ScalarNode)
                and key.value == "name"
                and isinstance(value, ScalarNode)
            ):
                text = " ".join(scalar(value).text.split())
                if text and scalar(value).value is not None:
                    short = text if len(text) <= 40 else text[:37] + "..."
                    return f' ("{short}")'
        return ""

    def exercise_field(self, name: str, node: Node, prefix: str) -> Any:
        if self.tagged(node, prefix, name):
            return BAD
        if name == "hold":
            return self.hold(node, prefix)
        if name in ("reps", "sets"):
            return self.whole(node, name, prefix)
        if name in ("prepare", "rest", "set_rest"):
            return self.duration(node, name, prefix)
        if name == "sides":
            return self.sides(node, prefix)
        if name == "image":
            return self.image(node, prefix)
        if name == "name":
            return self.name(node, prefix)
        return self.text(node, name, prefix)

    # -- the kinds of value ---------------------------------------------------

    def whole(self, node: Node, field: str, prefix: str) -> int | _Bad:
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

    def duration(self, node: Node, field: str, prefix: str, hint: str = "") -> float | _Bad:
        if self.tagged(node, prefix, field):
            return BAD
        low, high = LIMITS[field]
        span = f"from {format_duration(low)} to {format_duration(high)}"
        value = scalar(node).value if isinstance(node, ScalarNode) else None
        try:
            seconds = parse_duration(value)
        except DurationError:
            if _is_number(value):  # negative, or a number YAML cannot hold
                self.add(node, f"{field} must be {span}, got {describe(node)}", prefix)
                return BAD
            self.add(
                node,
                f"{field} must be a duration {_DURATION_EXAMPLE} ({span}){hint}, "
                f"got {describe(node)}",
                prefix,
            )
            return BAD
        if not low <= seconds <= high:
            self.add(node, f"{field} must be {span}, got {describe(node)}", prefix)
            return BAD
        return seconds

    def hold(self, node: Node, prefix: str) -> Hold | _Bad:
        if not isinstance(node, SequenceNode):
            seconds = self.duration(node, "hold", prefix, hint=" or a [min, max] range")
            return BAD if isinstance(seconds, _Bad) else Hold.fixed(seconds)
        if len(node.value) != 2:
            self.add(
                node,
                f"hold as a range must be [min, max], two durations, got {describe(node)}",
                prefix,
            )
            return BAD
        low, high = (self.duration(item, "hold", prefix) for item in node.value)
        if isinstance(low, _Bad) or isinstance(high, _Bad):
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

    def sides(self, node: Node, prefix: str) -> Sides | _Bad:
        choices = [s.value for s in Sides]
        if isinstance(node, ScalarNode):
            word = scalar(node).text.strip().lower()
            if word in choices and scalar(node).value is not None:
                return Sides(word)
            guess = _SIDES_WORDS.get(word) or next(
                iter(difflib.get_close_matches(word, choices, n=1, cutoff=0.6)), None
            )
            hint = f" (did you mean '{guess}'?)" if guess else ""
        else:
            hint = ""
        self.add(node, f"sides must be none, alternate or each, got {describe(node)}{hint}", prefix)
        return BAD

    def text(self, node: Node, field: str, prefix: str) -> str | _Bad:
        if not isinstance(node, ScalarNode):
            self.add(node, f"{field} must be text, got {describe(node)}", prefix)
            return BAD
        value = scalar(node)
        return "" if value.value is None else value.text.strip()

    def name(self, node: Node, prefix: str) -> str | _Bad:
        text = self.text(node, "name", prefix)
        if isinstance(text, _Bad):
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

    def image(self, node: Node, prefix: str) -> str | _Bad | None:
        text = self.text(node, "image", prefix)
        if isinstance(text, _Bad) or not text:
            return BAD if isinstance(text, _Bad) else None
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
                    hint = _suggestion(name, allowed, level)
                    self.add(key, f"unknown field '{shown}'{hint}", prefix)
            first_seen.setdefault(name, key)
        result: dict[str, Node] = {}
        for key, value in self.pairs(node, prefix, frozenset()):
            if isinstance(key, ScalarNode) and id(key) not in self.bad_tags:
                name = scalar(key).text
                if name in allowed:
                    result[name] = value
        return result

    def pairs(
        self, node: MappingNode, prefix: str, seen: frozenset[int]
    ) -> list[tuple[Node, Node]]:
        """Key/value pairs as ``safe_load`` sees them: merged ones first, then the node's own."""
        if id(node) in seen:
            return []
        seen = seen | {id(node)}
        merged: list[list[tuple[Node, Node]]] = []
        own: list[tuple[Node, Node]] = []
        for key, value in node.value:
            if key.tag != MERGE_TAG:
                own.append((key, value))
                continue
            sources = value.value if isinstance(value, SequenceNode) else [value]
            for source in sources:
                if isinstance(source, MappingNode):
                    merged.append(self.pairs(source, prefix, seen))
                elif id(source) not in self.bad_tags:
                    self.add(source, "'<<' must merge an anchored set of fields (*name)", prefix)
        # With several sources, the first one listed wins.
        # Later pairs override earlier ones: the node's own keys win over merged
        # ones and, with several sources, the first one listed wins.
        return [pair for group in reversed(merged) for pair in group] + own
