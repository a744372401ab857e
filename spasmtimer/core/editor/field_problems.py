"""Which field of the form each of the loader's problems belongs to.

The loader points every problem at a line and column of the text: the
offending value, the key (unknown or repeated fields), or the exercise's
first line (a missing field). The same text is composed again with the
loader's parser, and each position is matched to the field written there;
"X is missing" goes to field X of the mapping it points at. A problem that
no field claims keeps ``FieldRef("")`` and is shown with the routine.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from spasmtimer.core.editor.draft import FieldRef
from spasmtimer.core.routines.problems import Problem
from spasmtimer.core.routines.yamldoc import YamlProblem, compose, nodes, position

__all__ = ["FieldProblem", "field_of", "message_at_field", "problems_by_field"]

_MISSING = re.compile(r"(?:exercise \d+(?: \(\".*\"\))?: )?(\w+) is missing")

FieldProblem = tuple[FieldRef, Problem]


class _Places:
    """Positions in the text, and the field or mapping written at each."""

    def __init__(self, root: Node) -> None:
        self.fields: dict[tuple[int, int], FieldRef] = {}
        self.mappings: dict[tuple[int, int], FieldRef] = {}
        if not isinstance(root, MappingNode):
            return
        self.mappings[position(root)] = FieldRef("")
        for key, value in root.value:
            name = str(key.value) if isinstance(key, ScalarNode) else ""
            if name == "defaults" and isinstance(value, MappingNode):
                self._mapping(value, None, defaults=True)
            elif name == "exercises" and isinstance(value, SequenceNode):
                self._claim(key, FieldRef(name))
                self.fields.setdefault(position(value), FieldRef(name))
                for index, item in enumerate(value.value):
                    if isinstance(item, MappingNode):
                        self._mapping(item, index, defaults=False)
                    else:
                        self._claim(item, FieldRef("", index))
            else:
                self._claim(key, FieldRef(name))
                self._claim(value, FieldRef(name))

    def _mapping(self, node: MappingNode, exercise: int | None, defaults: bool) -> None:
        self.mappings.setdefault(position(node), FieldRef("", exercise, defaults))
        for key, value in node.value:
            name = str(key.value) if isinstance(key, ScalarNode) else ""
            ref = FieldRef(name, exercise, defaults)
            self._claim(key, ref)
            self._claim(value, ref)

    def _claim(self, node: Node, ref: FieldRef) -> None:
        for inner in nodes(node):
            self.fields.setdefault(position(inner), ref)


def _places(text: str) -> _Places | None:
    try:
        root = compose(text)
    except YamlProblem:
        return None
    return None if root is None else _Places(root)


def field_of(problem: Problem, places: _Places | None) -> FieldRef:
    if places is None or problem.line <= 0:
        return FieldRef("")
    where = (problem.line, problem.column)
    missing = _MISSING.fullmatch(problem.message.split(";")[0])
    if missing and where in places.mappings:
        owner = places.mappings[where]
        return FieldRef(missing.group(1), owner.exercise, owner.defaults)
    return places.fields.get(where) or places.mappings.get(where) or FieldRef("")


def problems_by_field(text: str, problems: Iterable[Problem]) -> list[FieldProblem]:
    """Each problem with the field it belongs to, in the loader's order."""
    places = _places(text)
    return [(field_of(problem, places), problem) for problem in problems]


def message_at_field(message: str, ref: FieldRef, exercise_name: str = "") -> str:
    """The loader's words without the "where" that the field's place already says.

    ``exercise 3 ("Plank"): reps must be ...`` shows as ``reps must be ...``
    under the repetitions of exercise 3; ``defaults: rest ...`` as ``rest ...``.
    """
    prefixes = ["defaults: "] if ref.defaults else []
    if ref.exercise is not None:
        text = " ".join(exercise_name.split())
        short = text if len(text) <= 40 else text[:37] + "..."
        number = ref.exercise + 1
        prefixes = [f'exercise {number} ("{short}"): ', f"exercise {number}: "]
    for prefix in prefixes:
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message
