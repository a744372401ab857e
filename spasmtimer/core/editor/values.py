"""What the editor writes into the YAML tree for the text typed in a field.

The text is written so the loader reads back exactly what was typed: ``10``
becomes the number 10, ``10s`` and ``1m30s`` stay text with their units,
``ten`` stays text (and the loader says reps must be a whole number, got
"ten"). Text that the loader's YAML rules would read as something else (a
name of ``yes``, a duration of ``1:30``) is quoted. The style of the value
it replaces (quoted, folded ``>``, literal ``|``) is kept.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

import yaml
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from spasmtimer.core.editor.draft import DURATION_FIELDS, WHOLE_FIELDS

__all__ = ["FOLD_WIDTH", "yaml_value"]

FOLD_WIDTH = 72  # long text is folded (">") at about this many characters
_WHOLE = re.compile(r"[-+]?\d+")
_DECIMAL = re.compile(r"[-+]?(?:\d*\.\d+|\d+\.\d*)")
_STR_TAG = "tag:yaml.org,2002:str"
_resolver = yaml.resolver.Resolver()
_LONG_TEXT = frozenset({"description", "instructions", "source"})


def _reads_as_text(text: str) -> bool:
    """True when the loader's YAML reads ``text``, unquoted, as the same text."""
    tag: str = _resolver.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag == _STR_TAG


def _folded(text: str) -> Any:
    value = FoldedScalarString(text + "\n")
    positions = []
    offset = 0
    for line in textwrap.wrap(text, FOLD_WIDTH, break_long_words=False, break_on_hyphens=False):
        start = text.index(line, offset)
        offset = start + len(line)
        positions.append(offset)
    value.fold_pos = positions[:-1]
    return value


def _text(name: str, text: str, old: Any) -> Any:
    text = text.strip()
    if "\n" in text:
        return LiteralScalarString(text + "\n")
    # Folding at a double space would start a line with a space, which YAML
    # keeps as a line break: such text is written on one line.
    long = name in _LONG_TEXT and len(text) > FOLD_WIDTH and "  " not in text and "\t" not in text
    if isinstance(old, FoldedScalarString) or (
        long and (old is None or isinstance(old, LiteralScalarString))
    ):
        return _folded(text)
    if isinstance(old, DoubleQuotedScalarString):
        return DoubleQuotedScalarString(text)
    if isinstance(old, SingleQuotedScalarString):
        return SingleQuotedScalarString(text)
    if text and not _reads_as_text(text):
        return DoubleQuotedScalarString(text)
    return text


def yaml_value(name: str, text: str, old: Any = None) -> Any:
    """The value to write for field ``name`` typed as ``text``; ``old`` is the value replaced."""
    if name not in WHOLE_FIELDS and name not in DURATION_FIELDS:
        return _text(name, text, old)
    word = text.strip()
    # A number is written as a number only when it reads back as typed
    # ("2.50" and "010" stay as typed, quoted), so the field never changes
    # under the user's fingers.
    if _WHOLE.fullmatch(word) and str(int(word)) == word:
        return int(word)
    if _DECIMAL.fullmatch(word) and str(float(word)) == word:
        return float(word)
    if word and not _reads_as_text(word):
        return DoubleQuotedScalarString(word)
    return word
