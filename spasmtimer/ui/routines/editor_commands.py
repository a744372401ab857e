"""Undo and redo for the routine editor (every edit a pair of snapshots), and its close prompt."""

from __future__ import annotations

import enum
import weakref
from collections.abc import Callable, Hashable

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from spasmtimer.ui.dialogs import ask_three_ways

Restore = Callable[[str, int], None]


class DocumentEdit(QUndoCommand):
    """One edit: the document before and after, and the exercise it was in.

    Typing into one field again and again is one edit: commands with the
    same ``key`` merge, so Ctrl+Z undoes a word, not a letter.
    """

    MERGE_ID = 1307

    def __init__(
        self,
        restore: Restore,
        text: str,
        before: str,
        after: str,
        key: Hashable | None,
        exercise: int,
    ) -> None:
        super().__init__(text)
        # The editor owns the stack that owns this command: no strong way back.
        owner = getattr(restore, "__self__", None)
        self._owner = weakref.ref(owner) if owner is not None else None
        self._method = getattr(restore, "__func__", None)
        self._function = restore if owner is None else None
        self.before = before
        self.after = after
        self.key = key
        self.exercise = exercise
        self._applied = True  # the edit is made before the command is pushed

    def _restore(self, snapshot: str) -> None:
        if self._function is not None:
            self._function(snapshot, self.exercise)
            return
        owner = self._owner() if self._owner is not None else None
        if owner is not None and self._method is not None:
            self._method(owner, snapshot, self.exercise)

    def id(self) -> int:
        return self.MERGE_ID if self.key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, DocumentEdit) or other.key is None or other.key != self.key:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._restore(self.after)

    def undo(self) -> None:
        self._restore(self.before)


class Unsaved(enum.Enum):
    """What to do with unsaved changes when the editor closes."""

    SAVE = enum.auto()
    DISCARD = enum.auto()
    CANCEL = enum.auto()


def ask_unsaved_changes(parent: QWidget | None, name: str) -> Unsaved:
    """The real question, modal; the editor asks through its patchable ``ask_unsaved``."""
    return ask_three_ways(
        parent,
        "Unsaved changes",
        f"“{name}” has changes that are not saved. Save them before closing?",
        ("Save", Unsaved.SAVE),
        ("Discard changes", Unsaved.DISCARD),
        ("Keep editing", Unsaved.CANCEL),
    )
