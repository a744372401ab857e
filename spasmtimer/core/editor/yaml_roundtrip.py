"""Writing a routine file back without disturbing what its author wrote.

Round-trip YAML (``ruamel.yaml``) keeps comments, key order, quoting and the
folding of long text. Where it would still reformat a line the author wrote
differently, :func:`merge_edits` keeps the author's line: the text written is
the original with only the lines the edit changed replaced. Validation never
happens here; the loader reads whatever this produces.
"""

from __future__ import annotations

import difflib
import io
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor

__all__ = ["RoundTripError", "dump", "make_yaml", "merge_edits", "parse"]

# Long lines stay as the author wrote them; new long text is folded by us.
_WIDTH = 4096
_DASH = re.compile(r"^( *)- +\S")
_KEY = re.compile(r"^( *)[^\s#-][^:]*:(\s|$)")


class RoundTripError(Exception):
    """Text the round-trip parser cannot read (the loader says why in its words)."""


def guess_indent(text: str) -> tuple[int, int, int]:
    """(mapping indent, sequence indent, dash offset) as the author wrote them."""
    mapping, sequence, offset = 2, 4, 2
    lines = text.splitlines()
    for number, line in enumerate(lines[:-1]):
        parent = _KEY.match(line)
        if parent is None or line.rstrip().split("#")[0].rstrip()[-1:] != ":":
            continue
        child = lines[number + 1]
        depth = len(parent.group(1))
        dash = _DASH.match(child)
        if dash is not None:
            offset = max(0, len(dash.group(1)) - depth)
            after = child[len(dash.group(1)) + 1 :]
            sequence = offset + 1 + len(after) - len(after.lstrip(" "))
            break
    for number, line in enumerate(lines[:-1]):
        above = _KEY.match(line)
        below = _KEY.match(lines[number + 1])
        if above and below and line.rstrip().endswith(":"):
            step = len(below.group(1)) - len(above.group(1))
            if step > 0:
                mapping = step
                break
    return mapping, max(sequence, offset + 2), offset


class _Constructor(RoundTripConstructor):
    """Text that only looks like a number (``-_``, ``._``) stays text instead of crashing."""

    def construct_yaml_int(self, node: Any) -> Any:
        try:
            return super().construct_yaml_int(node)
        except (IndexError, ValueError):
            return self.construct_scalar(node)

    def construct_yaml_float(self, node: Any) -> Any:
        try:
            return super().construct_yaml_float(node)
        except (IndexError, ValueError):
            return self.construct_scalar(node)


_Constructor.add_constructor("tag:yaml.org,2002:int", _Constructor.construct_yaml_int)
_Constructor.add_constructor("tag:yaml.org,2002:float", _Constructor.construct_yaml_float)


def make_yaml(indent: tuple[int, int, int] = (2, 4, 2)) -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.preserve_quotes = True
    yaml.width = _WIDTH
    mapping, sequence, offset = indent
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def parse(yaml: YAML, text: str) -> Any:
    try:
        return yaml.load(text)
    except Exception as error:  # a library's surprise must not crash the editor
        raise RoundTripError(f"{type(error).__name__}: {error}") from None


def dump(yaml: YAML, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def merge_edits(original: str, baseline: str, edited: str) -> str:
    """``original`` with the changes from ``baseline`` to ``edited`` applied.

    ``baseline`` is the round-trip writer's version of ``original``: where the
    two agree line for line, an edited line replaces the author's; lines the
    edit did not touch stay exactly as written. When an edit falls where the
    writer reformatted the author's text, ``edited`` is returned whole.
    """
    if baseline == edited:
        return original
    if original == baseline:
        return edited
    old = original.splitlines(keepends=True)
    base = baseline.splitlines(keepends=True)
    new = edited.splitlines(keepends=True)
    to_original: dict[int, int] = {}
    for block in difflib.SequenceMatcher(None, base, old, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            to_original[block.a + k] = block.b + k
    hunks = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
        None, base, new, autojunk=False
    ).get_opcodes():
        if tag == "equal":
            continue
        start = _place(to_original, i1, i2, len(old))
        if start is None:
            return edited
        hunks.append((start, start + (i2 - i1), new[j1:j2]))
    out = list(old)
    for start, end, lines in reversed(hunks):
        out[start:end] = lines
    return "".join(out)


def _place(to_original: dict[int, int], i1: int, i2: int, length: int) -> int | None:
    """Where baseline lines ``i1:i2`` sit in the original, if they sit there unchanged."""
    if i2 > i1:
        mapped = [to_original.get(i) for i in range(i1, i2)]
        first = mapped[0]
        if first is None or mapped != list(range(first, first + len(mapped))):
            return None
        return first
    # An insertion: after the line before it, which must be followed by the
    # line after it (or end both files).
    if i1 == 0:
        return 0 if to_original.get(0) == 0 else None
    before = to_original.get(i1 - 1)
    if before is None:
        return None
    after = to_original.get(i1)
    if after == before + 1 or (i1 not in to_original and before + 1 == length):
        return before + 1
    return None
