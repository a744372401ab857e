"""What the loader says about a draft, and the ways saving one can be refused.

:class:`Check` holds the routine the draft loads to, or every problem with
the form field it belongs to; :class:`LiveSummary` is what the routine comes
to (length, steps, the plan's first lines).
"""

from __future__ import annotations

from dataclasses import dataclass

from spasmtimer.core.editor.draft import FieldRef
from spasmtimer.core.routines.problems import Problem
from spasmtimer.core.routines.routine import Routine

__all__ = ["ChangedOnDisk", "Check", "DraftHasProblems", "LiveSummary", "ReadOnlyDocument"]


class DraftHasProblems(Exception):
    """The draft cannot be saved yet; ``problems`` says why, in the loader's words."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class ChangedOnDisk(Exception):
    """The file was changed by something else since it was opened."""


class ReadOnlyDocument(Exception):
    """This document cannot be changed (a file that does not load)."""


@dataclass(frozen=True)
class Check:
    """The loader's verdict on the draft: the routine, or every problem and its field."""

    routine: Routine | None
    problems: tuple[tuple[FieldRef, Problem], ...] = ()

    @property
    def ok(self) -> bool:
        return self.routine is not None

    def at(self, ref: FieldRef) -> list[str]:
        """The messages for one field of the form."""
        return [problem.message for where, problem in self.problems if where == ref]

    def fields(self) -> set[FieldRef]:
        return {where for where, _ in self.problems}


@dataclass(frozen=True)
class LiveSummary:
    """What the routine comes to: its length, steps, and the plan's first lines."""

    total_seconds: float
    steps: int
    holds: int
    plan_lines: tuple[str, ...]
