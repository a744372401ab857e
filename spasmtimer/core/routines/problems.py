"""What is wrong with a routine file, in words its author can act on.

Every problem points at a place: ``FILE:LINE:COLUMN: message`` (1-based), the
way compilers and linters do, so editors can jump to it. A problem about a
file as a whole that has no line to point at (it does not exist, it is a
folder, it cannot be read) has line 0 and prints as ``FILE: message``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# A file with more problems than this is not worth listing in full: the
# first ones tell the author what kind of file it is.
MAX_PROBLEMS_SHOWN = 200


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a routine file, and where."""

    file: str
    line: int  # 1-based; 0 when the problem is about the file as a whole
    column: int  # 1-based; 0 with line 0
    message: str

    def __str__(self) -> str:
        if self.line <= 0:
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class RoutineError(Exception):
    """A routine file that cannot be used, with every problem found in it."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        if not self.problems:
            raise ValueError("a RoutineError needs at least one problem")
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def file(self) -> str:
        """The file the (first) problem is in."""
        return self.problems[0].file


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """In file order, at most :data:`MAX_PROBLEMS_SHOWN`, with a note for the rest."""
    ordered = sorted(problems, key=lambda p: (p.line, p.column))
    if len(ordered) <= MAX_PROBLEMS_SHOWN:
        return ordered
    shown = ordered[:MAX_PROBLEMS_SHOWN]
    last = shown[-1]
    hidden = len(ordered) - len(shown)
    note = f"... and {hidden} more problems not shown; fix the ones above first"
    return [*shown, Problem(last.file, last.line, last.column, note)]
