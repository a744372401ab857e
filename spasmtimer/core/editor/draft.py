"""A routine as the editor's form shows it: every field as the text written.

A draft is read from the file's text with the loader's own YAML parser, so a
field shows exactly what the loader will read (``10s``, ``1m30s``, ``ten``),
valid or not. :class:`FieldRef` names one field of the form; the loader's
problems are mapped to these (:mod:`spasmtimer.core.editor.field_problems`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from spasmtimer.core.routines.rules import DEFAULTS_FIELDS, EXERCISE_FIELDS
from spasmtimer.core.routines.yamldoc import Merger, compose

__all__ = [
    "DURATION_FIELDS",
    "ROUTINE_FIELDS",
    "TEXT_FIELDS",
    "WHOLE_FIELDS",
    "ExerciseDraft",
    "FieldRef",
    "RoutineDraft",
    "read_draft",
]

ROUTINE_FIELDS = ("name", "description", "source", "sessions_per_day")
WHOLE_FIELDS = frozenset({"reps", "sets", "sessions_per_day"})
DURATION_FIELDS = frozenset({"hold", "prepare", "rest", "set_rest"})
TEXT_FIELDS = frozenset({"name", "description", "source", "instructions", "image"})


@dataclass(frozen=True, order=True)
class FieldRef:
    """One field of the form.

    ``exercise`` is the exercise's index (0-based) or None for the routine's
    own fields; ``defaults`` marks a field under ``defaults:``. A problem that
    belongs to no single field (the file as a whole) has ``name`` "".
    """

    name: str
    exercise: int | None = None
    defaults: bool = False

    def __post_init__(self) -> None:
        if self.defaults and self.exercise is not None:
            raise ValueError("a field is in an exercise or under defaults, not both")

    @property
    def label(self) -> str:
        where = (
            "defaults"
            if self.defaults
            else "routine"
            if self.exercise is None
            else f"exercise {self.exercise + 1}"
        )
        return f"{where}: {self.name or 'file'}"


@dataclass(frozen=True)
class ExerciseDraft:
    """One exercise's fields as written; "" where the file does not give one.

    ``hold`` is a fixed hold or a range's lower bound; ``hold_max`` is a
    range's upper bound, "" for a fixed hold. ``reps`` and ``reps_max`` the same.
    """

    name: str = ""
    instructions: str = ""
    image: str = ""
    hold: str = ""
    hold_max: str = ""
    reps: str = ""
    reps_max: str = ""
    sets: str = ""
    sides: str = ""
    prepare: str = ""
    rest: str = ""
    set_rest: str = ""

    def get(self, name: str) -> str:
        return str(getattr(self, name))


@dataclass(frozen=True)
class RoutineDraft:
    """The whole routine as written: the top fields, defaults and exercises."""

    name: str = ""
    description: str = ""
    source: str = ""
    sessions_per_day: str = ""
    defaults: ExerciseDraft = field(default_factory=ExerciseDraft)
    exercises: tuple[ExerciseDraft, ...] = ()

    def get(self, ref: FieldRef) -> str:
        """The text of one field."""
        if ref.defaults:
            return self.defaults.get(ref.name)
        if ref.exercise is not None:
            return self.exercises[ref.exercise].get(ref.name)
        return str(getattr(self, ref.name))


def _text(node: Node) -> str:
    if isinstance(node, ScalarNode):
        return "" if node.tag.endswith(":null") and node.value in ("", "~") else str(node.value)
    return ""


def _pairs(node: MappingNode, merger: Merger) -> dict[str, Node]:
    """A mapping's fields as the loader sees them: merged (``<<``) first, own keys win."""
    return {name: value for name, (_, value) in merger.fields(node).items()}


def _exercise(node: Node, allowed: tuple[str, ...], merger: Merger) -> ExerciseDraft:
    if not isinstance(node, MappingNode):
        return ExerciseDraft()
    values: dict[str, str] = {}
    for name, value in _pairs(node, merger).items():
        if name not in allowed:
            continue
        if name in ("hold", "reps") and isinstance(value, SequenceNode):
            items = [_text(item) for item in value.value]
            values[name] = items[0] if items else ""
            values[f"{name}_max"] = items[1] if len(items) > 1 else ""
        else:
            values[name] = _text(value).strip() if name in TEXT_FIELDS else _text(value)
    return ExerciseDraft(**values)


def read_draft(text: str) -> RoutineDraft:
    """The draft of ``text``; raises :class:`YamlProblem` for text that is not YAML."""
    root = compose(text)
    if not isinstance(root, MappingNode):
        return RoutineDraft()
    merger = Merger()
    fields = _pairs(root, merger)
    top = {name: _text(fields[name]).strip() for name in ROUTINE_FIELDS if name in fields}
    defaults = fields.get("defaults")
    exercises = fields.get("exercises")
    items = exercises.value if isinstance(exercises, SequenceNode) else []
    return RoutineDraft(
        **top,
        defaults=_exercise(defaults, DEFAULTS_FIELDS, merger) if defaults else ExerciseDraft(),
        exercises=tuple(_exercise(item, EXERCISE_FIELDS, merger) for item in items),
    )
