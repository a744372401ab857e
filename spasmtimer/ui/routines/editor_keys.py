"""How the routine editor shows its intents: each one's button text and spoken name.

The keys, the help text and the list of keys (``?`` or F1) are the intent
table's (:mod:`spasmtimer.ui.intents`, the rows of ``Screen.EDITOR``, whose
``sequences`` the editor turns into its actions); this adds what only the
editor's buttons need.
"""

from __future__ import annotations

from dataclasses import dataclass

from spasmtimer.ui.intents import TABLE, Intent, Row


@dataclass(frozen=True)
class EditorKey:
    intent: Intent
    button: str  # the button's text
    name: str = ""  # what a screen reader says, when the text is a symbol

    @property
    def row(self) -> Row:
        return next(r for r in TABLE if r.intent is self.intent and r.sequences)

    @property
    def keys(self) -> tuple[str, ...]:
        return self.row.sequences

    @property
    def label(self) -> str:
        return self.keys[0].replace("Up", "↑").replace("Down", "↓")

    @property
    def spoken(self) -> str:
        return self.name or self.button.rstrip("…")

    @property
    def tooltip(self) -> str:
        return f"{self.row.help} ({self.label})"


EDITOR_KEYS: tuple[EditorKey, ...] = (
    EditorKey(Intent.SAVE, "Save"),
    EditorKey(Intent.UNDO, "Undo"),
    EditorKey(Intent.REDO, "Redo"),
    EditorKey(Intent.ADD_EXERCISE, "Add"),
    EditorKey(Intent.DUPLICATE_EXERCISE, "Duplicate"),
    EditorKey(Intent.REMOVE_EXERCISE, "Remove"),
    EditorKey(Intent.MOVE_UP, "↑", "Move up"),
    EditorKey(Intent.MOVE_DOWN, "↓", "Move down"),
    EditorKey(Intent.TRY, "Try it"),
    EditorKey(Intent.EXPORT, "Export…"),
    EditorKey(Intent.HANDOUT, "Handout…"),
    EditorKey(Intent.CLOSE_EDITOR, "Close"),
)


def editor_key(intent: Intent) -> EditorKey:
    return next(key for key in EDITOR_KEYS if key.intent is intent)
