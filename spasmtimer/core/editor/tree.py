"""Edits on a routine's round-trip YAML tree, field by field and exercise by exercise.

A new key goes where an author would put it (``hold`` after ``image``, not
at the end); an emptied optional field is removed, so its default applies;
a range is written as ``[min, max]``. Values are written by
:func:`spasmtimer.core.editor.values.yaml_value` as the user typed them.
"""

from __future__ import annotations

import copy
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from spasmtimer.core.editor.draft import FieldRef
from spasmtimer.core.editor.values import yaml_value
from spasmtimer.core.routines.routine import FORMAT_VERSION
from spasmtimer.core.routines.rules import EXERCISE_FIELDS, TOP_FIELDS

__all__ = [
    "add_exercise",
    "duplicate_exercise",
    "move_exercise",
    "new_tree",
    "remove_exercise",
    "set_hold",
    "set_range",
    "set_value",
]

# The order a field is put in when the file does not have it yet.
_FIRST = ("name", "instructions", "image", "hold", "reps", "sets", "sides")
EXERCISE_ORDER: tuple[str, ...] = _FIRST + tuple(f for f in EXERCISE_FIELDS if f not in _FIRST)


def new_tree() -> CommentedMap:
    """A blank routine: format 1, an empty name, no exercises."""
    tree = CommentedMap()
    tree["format"] = FORMAT_VERSION
    tree["name"] = ""
    tree["exercises"] = CommentedSeq()
    return tree


def _insert(mapping: CommentedMap, key: str, value: Any, order: tuple[str, ...]) -> None:
    """Set ``key``; a new key goes after the fields that come before it in ``order``."""
    if key in mapping:
        mapping[key] = value
        return
    rank = order.index(key) if key in order else len(order)
    position = 0
    for index, existing in enumerate(mapping):
        if existing in order and order.index(existing) < rank:
            position = index + 1
    mapping.insert(position, key, value)


def exercises(tree: CommentedMap) -> CommentedSeq:
    found = tree.get("exercises")
    if not isinstance(found, CommentedSeq):
        found = CommentedSeq()
        _insert(tree, "exercises", found, TOP_FIELDS)
    return found


def _mapping(tree: CommentedMap, ref: FieldRef, create: bool) -> CommentedMap | None:
    if ref.exercise is not None:
        return exercises(tree)[ref.exercise]  # type: ignore[no-any-return]
    if not ref.defaults:
        return tree
    defaults = tree.get("defaults")
    if not isinstance(defaults, CommentedMap):
        if not create:
            return None
        defaults = CommentedMap()
        _insert(tree, "defaults", defaults, TOP_FIELDS)
    return defaults


def set_value(tree: CommentedMap, ref: FieldRef, text: str) -> None:
    """Set one field to the text typed; "" removes an optional field."""
    mapping = _mapping(tree, ref, create=bool(text.strip()))
    if mapping is None:
        return
    order = TOP_FIELDS if ref.exercise is None and not ref.defaults else EXERCISE_ORDER
    if not text.strip() and ref.name != "name":
        if ref.name in mapping:
            del mapping[ref.name]
        if ref.defaults and not mapping and "defaults" in tree:
            del tree["defaults"]
        return
    _insert(mapping, ref.name, yaml_value(ref.name, text, mapping.get(ref.name)), order)


def set_hold(tree: CommentedMap, ref: FieldRef, low: str, high: str) -> None:
    """A fixed hold (``high`` empty) or a range ``[low, high]``."""
    set_range(tree, FieldRef("hold", ref.exercise, ref.defaults), low, high)


def set_range(tree: CommentedMap, ref: FieldRef, low: str, high: str) -> None:
    """Field ``ref.name`` (``hold`` or ``reps``): one value (``high`` empty) or ``[low, high]``."""
    if not high.strip():
        set_value(tree, ref, low)
        return
    mapping = _mapping(tree, ref, create=True)
    assert mapping is not None
    pair = CommentedSeq([yaml_value(ref.name, low), yaml_value(ref.name, high)])
    pair.fa.set_flow_style()
    _insert(mapping, ref.name, pair, EXERCISE_ORDER)


def add_exercise(tree: CommentedMap, index: int | None, name: str) -> int:
    items = exercises(tree)
    index = len(items) if index is None else max(0, min(index, len(items)))
    item = CommentedMap()
    item["name"] = yaml_value("name", name)
    items.insert(index, item)
    return index


def duplicate_exercise(tree: CommentedMap, index: int) -> int:
    items = exercises(tree)
    items.insert(index + 1, copy.deepcopy(items[index]))
    return index + 1


def remove_exercise(tree: CommentedMap, index: int) -> None:
    del exercises(tree)[index]


def move_exercise(tree: CommentedMap, index: int, to: int) -> bool:
    """Move exercise ``index`` to position ``to``; False when nothing moved."""
    items = exercises(tree)
    to = max(0, min(to, len(items) - 1))
    if to == index:
        return False
    items.insert(to, items.pop(index))
    return True
