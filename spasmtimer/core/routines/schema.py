"""Checking a routine's YAML node tree against the routine format, field by field.

Every field is checked and every problem kept, so the author sees them all at
once. A problem points at the offending value (or key, for unknown and
repeated keys; or the exercise, for a missing field), names the field and, in
an exercise, which exercise: ``exercise 2 ("Pelvic tilt"): reps must be a
whole number from 1 to 100, got "ten"``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from spasmtimer.core.routines.field_checks import BAD, Bad, FieldChecker
from spasmtimer.core.routines.problems import RoutineError, sorted_problems
from spasmtimer.core.routines.routine import FORMAT_VERSION, Exercise, Routine
from spasmtimer.core.routines.rules import (
    BUILT_IN_DEFAULTS,
    DEFAULTS_FIELDS,
    EXERCISE_FIELDS,
    MAX_EXERCISES,
    TOP_FIELDS,
)
from spasmtimer.core.routines.yamldoc import describe, is_allowed_tag, nodes, scalar


def routine_from_node(root: Node, file: str, path: Path | None) -> Routine:
    """The routine ``root`` describes; raises :class:`RoutineError` with every problem."""
    checker = _Checker(file)
    routine = checker.routine(root, path)
    if checker.problems or routine is None:
        raise RoutineError(sorted_problems(checker.problems))
    return routine


class _Checker(FieldChecker):
    """Builds a routine from the node tree, field by field."""

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
    ) -> tuple[Exercise, ...] | Bad:
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
    ) -> Exercise | Bad:
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
        merged = BUILT_IN_DEFAULTS | defaults | values
        if isinstance(merged["reps"], tuple):  # [min, max]: start at min, build up to max
            merged["reps"], merged["max_reps"] = merged["reps"]
        return Exercise(**merged)

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
        if name == "reps":
            return self.reps(node, prefix)
        if name == "sets":
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
