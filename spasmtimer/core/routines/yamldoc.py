"""Reading YAML text into a node tree that remembers where everything is.

The routine loader needs the line and column of every key and value, so it
works on PyYAML's *composed* node tree instead of ``safe_load``'s plain
objects. Composing never constructs objects, so no tag can run code; on top
of that, every tag other than the plain safe ones is reported as a problem.
Scalars are turned into Python values here with ``safe_load``'s rules
(``yes`` is true, ``1:30`` is 90, ``0x10`` is 16), and ``<<`` merge keys work
as they do with ``safe_load``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

# libyaml is much faster on big files; plain PyYAML reads the same language.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Constructor = yaml.constructor.SafeConstructor

_STANDARD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(
    _STANDARD + name for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)
MERGE_TAG = _STANDARD + "merge"

# A real routine (100 exercises of a dozen fields) is about 3,000 YAML
# events; far more means the file is something else, and composing a huge
# tree only to reject it would be slow (1 MiB of tiny fields is ~50,000).
MAX_EVENTS = 20_000
# Aliases (*name) and merges (<<) let a small file describe a huge tree
# ("billion laughs"). A routine uses a few dozen; each is counted, and a
# mapping's merged fields are worked out once however often it is shared.
MAX_ALIASES = 2_000
MAX_MERGE_WORK = 20_000  # fields copied by every << of the file together
MAX_MERGE_DEPTH = 50  # << of a mapping that itself merges, and so on


class YamlProblem(Exception):
    """The text cannot be read as one YAML document; where and why."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


def position(node: Node) -> tuple[int, int]:
    """1-based line and column where ``node`` starts."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def tag_name(tag: str) -> str:
    """A tag as it is written in YAML: ``!!python/object``, ``!foo``."""
    return "!!" + tag[len(_STANDARD) :] if tag.startswith(_STANDARD) else tag


def compose(text: str) -> Node | None:
    """The node tree of ``text``; None when it holds no document at all.

    Raises :class:`YamlProblem` for text that is not one YAML document.
    """
    _count_events(text)
    try:
        node: Node | None = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        raise _marked_problem(error) from None
    except yaml.YAMLError as error:
        raise YamlProblem(1, 1, f"this is not valid YAML: {error}") from None
    except RecursionError:
        raise YamlProblem(1, 1, "this YAML is nested far too deeply to be a routine") from None
    return node


def _count_events(text: str) -> None:
    loader = None
    count = 0
    aliases = 0
    try:
        loader = _Loader(text)  # plain PyYAML checks the characters right here
        while loader.check_event():
            event = loader.get_event()
            count += 1
            if count > MAX_EVENTS:
                raise YamlProblem(
                    1, 1, "this file holds far too many values to be a routine (it is not one)"
                )
            if isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > MAX_ALIASES:
                    mark = event.start_mark
                    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
                    raise YamlProblem(
                        line,
                        column,
                        f"this file uses more than {MAX_ALIASES} aliases (*name); "
                        "a routine needs far fewer",
                    )
    except yaml.MarkedYAMLError as error:
        raise _marked_problem(error) from None
    except yaml.reader.ReaderError as error:
        line, column = _line_column(text, error.position)
        character = f"#x{error.character:04x}" if isinstance(error.character, int) else "?"
        raise YamlProblem(
            line, column, f"this character ({character}) is not allowed in a YAML file"
        ) from None
    except yaml.YAMLError as error:
        raise YamlProblem(1, 1, f"this is not valid YAML: {error}") from None
    finally:
        if loader is not None:
            loader.dispose()


def _line_column(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _marked_problem(error: yaml.MarkedYAMLError) -> YamlProblem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if isinstance(error, yaml.composer.ComposerError) and "another document" in str(error):
        return YamlProblem(
            line, column, "a routine file holds one YAML document; remove this '---' and all after"
        )
    if isinstance(error, yaml.composer.ComposerError) and "undefined alias" in str(error):
        return YamlProblem(line, column, "this alias (*name) refers to no anchor (&name)")
    what = error.problem or "something here"
    context = f" ({error.context})" if error.context else ""
    return YamlProblem(line, column, f"this is not valid YAML: {what}{context}")


def nodes(root: Node) -> Iterator[Node]:
    """Every node of the tree once, even with aliases and cycles."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        if isinstance(node, SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, MappingNode):
            for key, value in reversed(node.value):
                stack.extend((value, key))


def is_allowed_tag(node: Node) -> bool:
    return node.tag in _ALLOWED_TAGS or (node.tag == MERGE_TAG and isinstance(node, ScalarNode))


@dataclass(frozen=True)
class Scalar:
    """A scalar node's value as ``safe_load`` gives it, and its text."""

    value: object  # str, int, float, bool or None
    text: str  # as written (without quotes)
    quoted: bool  # the author wrote a string (quoted, or text YAML reads as text)


def scalar(node: ScalarNode) -> Scalar:
    """What a scalar node means; numbers too big to read are text."""
    text = str(node.value)
    try:
        if node.tag == _STANDARD + "int":
            return Scalar(_Constructor().construct_yaml_int(node), text, False)
        if node.tag == _STANDARD + "float":
            return Scalar(_Constructor().construct_yaml_float(node), text, False)
        if node.tag == _STANDARD + "bool":
            return Scalar(_Constructor().construct_yaml_bool(node), text, False)
        if node.tag == _STANDARD + "null":
            return Scalar(None, text, False)
    except (ValueError, OverflowError, yaml.YAMLError):
        pass  # e.g. an int of 5,000 digits: Python refuses to read it
    return Scalar(text, text, True)


def describe(node: Node) -> str:
    """A node's value for "got ..." in a message: ``"ten"``, ``5.5``, ``a list``."""
    if isinstance(node, SequenceNode):
        count = len(node.value)
        return "an empty list" if not count else f"a list of {count}"
    if isinstance(node, MappingNode):
        return "a set of fields"
    assert isinstance(node, ScalarNode)
    value = scalar(node)
    if value.value is None:
        return "nothing"
    text = value.text if len(value.text) <= 40 else value.text[:37] + "..."
    if value.quoted:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    return text


@dataclass
class Merger:
    """The fields of mappings with ``<<`` merges applied, as ``safe_load`` does.

    Each mapping is resolved once, however many times it is merged or aliased,
    and the work is counted: a file whose merges copy more than
    :data:`MAX_MERGE_WORK` fields, or merge more than :data:`MAX_MERGE_DEPTH`
    deep, stops merging and says where in :attr:`problems`. ``skip`` leaves out
    keys (those with a tag that is not allowed).
    """

    skip: Callable[[Node], bool] = lambda node: False
    problems: list[tuple[Node, str]] = field(default_factory=list)
    work: int = 0
    _done: dict[int, dict[str, tuple[Node, Node]]] = field(default_factory=dict)
    _busy: set[int] = field(default_factory=set)
    _stopped: bool = False

    def fields(self, node: MappingNode) -> dict[str, tuple[Node, Node]]:
        """Field name -> (key, value): the node's own keys win over merged ones,
        and of several merged sources the first one listed wins."""
        return self._fields(node, 0)

    def _fields(self, node: MappingNode, depth: int) -> dict[str, tuple[Node, Node]]:
        done = self._done.get(id(node))
        if done is not None:
            return done
        if id(node) in self._busy:  # a mapping that merges itself
            return {}
        self._busy.add(id(node))
        merged: dict[str, tuple[Node, Node]] = {}
        own: dict[str, tuple[Node, Node]] = {}
        for key, value in node.value:
            if key.tag != MERGE_TAG:
                if isinstance(key, ScalarNode) and not self.skip(key):
                    own.setdefault(str(key.value), (key, value))
                continue
            sources = value.value if isinstance(value, SequenceNode) else [value]
            for source in reversed(sources):  # the first listed wins
                if not isinstance(source, MappingNode):
                    if not self.skip(source):
                        self.problems.append(
                            (source, "'<<' must merge an anchored set of fields (*name)")
                        )
                    continue
                if self._stopped:
                    continue
                if depth >= MAX_MERGE_DEPTH:
                    self._stop(key, f"'<<' merges are nested more than {MAX_MERGE_DEPTH} deep")
                    continue
                fields = self._fields(source, depth + 1)
                self.work += len(fields) + 1
                if self.work > MAX_MERGE_WORK:
                    self._stop(
                        key,
                        f"the '<<' merges of this file copy more than {MAX_MERGE_WORK} fields "
                        "(merges of merges); a routine needs far fewer",
                    )
                    continue
                merged.update(fields)
        self._busy.discard(id(node))
        result = merged | own
        self._done[id(node)] = result
        return result

    def _stop(self, node: Node, message: str) -> None:
        self._stopped = True
        self.problems.append((node, message))
