"""The routine editor's keys, as data: one table feeds its actions, tooltips and help.

The main window's ? dialog lists :mod:`spasmtimer.ui.intents` and then
these rows (:func:`help_rows`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class EditorAction(enum.Enum):
    SAVE = enum.auto()
    UNDO = enum.auto()
    REDO = enum.auto()
    ADD = enum.auto()
    DUPLICATE = enum.auto()
    REMOVE = enum.auto()
    MOVE_UP = enum.auto()
    MOVE_DOWN = enum.auto()
    TRY = enum.auto()
    EXPORT = enum.auto()
    HANDOUT = enum.auto()
    CLOSE = enum.auto()


@dataclass(frozen=True)
class EditorKey:
    action: EditorAction
    button: str  # the button's text
    keys: tuple[str, ...]  # QKeySequence strings, the first one shown
    description: str
    name: str = ""  # what a screen reader says, when the text is a symbol

    @property
    def label(self) -> str:
        return self.keys[0].replace("Up", "↑").replace("Down", "↓")

    @property
    def all_labels(self) -> str:
        """Every key, for the ? dialog: "Ctrl+W, Esc"."""
        return ", ".join(k.replace("Up", "↑").replace("Down", "↓") for k in self.keys)

    @property
    def spoken(self) -> str:
        return self.name or self.button.rstrip("…")

    @property
    def tooltip(self) -> str:
        return f"{self.description} ({self.label})"


EDITOR_KEYS: tuple[EditorKey, ...] = (
    EditorKey(EditorAction.SAVE, "Save", ("Ctrl+S",), "Save the routine file"),
    EditorKey(EditorAction.UNDO, "Undo", ("Ctrl+Z",), "Undo the last change"),
    EditorKey(EditorAction.REDO, "Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "Redo what was undone"),
    EditorKey(EditorAction.ADD, "Add", ("Ctrl+Shift+N",), "Add an exercise after this one"),
    EditorKey(EditorAction.DUPLICATE, "Duplicate", ("Ctrl+D",), "Duplicate this exercise"),
    EditorKey(EditorAction.REMOVE, "Remove", ("Alt+Delete",), "Remove this exercise"),
    EditorKey(EditorAction.MOVE_UP, "↑", ("Alt+Up",), "Move this exercise up", "Move up"),
    EditorKey(EditorAction.MOVE_DOWN, "↓", ("Alt+Down",), "Move this exercise down", "Move down"),
    EditorKey(EditorAction.TRY, "Try it", ("Ctrl+T",), "Start the routine as it stands"),
    EditorKey(EditorAction.EXPORT, "Export…", ("Ctrl+E",), "Write the routine file anywhere"),
    EditorKey(EditorAction.HANDOUT, "Handout…", ("Ctrl+P",), "Print a handout of the routine"),
    EditorKey(EditorAction.CLOSE, "Close", ("Ctrl+W", "Esc"), "Close the editor"),
)


def editor_key(action: EditorAction) -> EditorKey:
    return next(key for key in EDITOR_KEYS if key.action is action)


def help_rows() -> list[tuple[str, str, str]]:
    """(where, keys, what) rows for the ? dialog."""
    return [("Routine editor", key.all_labels, key.description) for key in EDITOR_KEYS]
