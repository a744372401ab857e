"""The picker's row for changing routines: New, Edit, Edit a copy, Delete, and Undo.

What each button may do depends on the routine chosen in the list: the
user's own routine can be edited and deleted; a bundled one only copied.
After a delete, an "Undo" row stays until the next delete or the window
closes. The keys are those of :mod:`spasmtimer.ui.intents` (N, E, C,
Delete, U), shown in the tooltips.

Signals:
    newRequested(): a blank routine in the editor.
    editRequested(): edit the chosen routine (the window decides: itself or a copy).
    editCopyRequested(): edit a copy of the chosen routine.
    deleteRequested(): delete the chosen routine (the window asks first).
    undoDeleteRequested(): put the deleted routine back.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from spasmtimer.core.routines.library import Origin, RoutineEntry


def _button(text: str, tooltip: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tooltip)
    button.setAccessibleName(name)
    button.setAccessibleDescription(tooltip)
    return button


class EditingBar(QWidget):
    """New routine, Edit, Edit a copy, Delete; and Undo after a delete."""

    newRequested = Signal()
    editRequested = Signal()
    editCopyRequested = Signal()
    deleteRequested = Signal()
    undoDeleteRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new_button = _button("New routine (N)", "Write a new routine (N)", "New routine")
        self.edit_button = _button("Edit (E)", "Change this routine (E)", "Edit")
        self.copy_button = _button(
            "Edit a copy (C)",
            "Change a copy of this routine, saved as yours; the original stays (C)",
            "Edit a copy",
        )
        self.delete_button = _button(
            "Delete (Del)", "Delete this routine of yours; you can undo it (Delete)", "Delete"
        )
        self.new_button.clicked.connect(self.newRequested)
        self.edit_button.clicked.connect(self.editRequested)
        self.copy_button.clicked.connect(self.editCopyRequested)
        self.delete_button.clicked.connect(self.deleteRequested)

        self.undo_label = QLabel()
        self.undo_label.setProperty("notice", True)
        self.undo_label.setWordWrap(True)
        self.undo_label.setAccessibleName("Deleted routine")
        self.undo_button = _button("Undo (U)", "Put the deleted routine back (U)", "Undo delete")
        self.undo_button.clicked.connect(self.undoDeleteRequested)
        self._undo_row = QWidget()
        undo = QHBoxLayout(self._undo_row)
        undo.setContentsMargins(0, 0, 0, 0)
        undo.addWidget(self.undo_label, 1)
        undo.addWidget(self.undo_button)
        self._undo_row.hide()

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for b in self.buttons:
            row.addWidget(b)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._undo_row)
        layout.addLayout(row)
        self.set_entry(None)

    @property
    def buttons(self) -> tuple[QPushButton, ...]:
        return (self.new_button, self.edit_button, self.copy_button, self.delete_button)

    def set_entry(self, entry: RoutineEntry | None) -> None:
        """Enable what the chosen routine allows (None: nothing chosen)."""
        own = entry is not None and entry.origin is Origin.USER
        self.edit_button.setEnabled(own)
        self.copy_button.setEnabled(entry is not None)
        self.delete_button.setEnabled(own)
        if entry is not None and not own:
            self.edit_button.setToolTip("Bundled routines stay as they are: Edit a copy (C)")
        else:
            self.edit_button.setToolTip("Change this routine (E)")

    def show_undo(self, name: str | None) -> None:
        """After a delete, "Deleted …  [Undo]"; None hides it."""
        if name is None:
            self._undo_row.hide()
            return
        self.undo_label.setText(f"Deleted “{name}”. Undo puts it back.")
        self._undo_row.show()

    @property
    def undo_shown(self) -> bool:
        return not self._undo_row.isHidden()

    def set_fonts(self, font: QFont) -> None:
        for w in (*self.buttons, self.undo_label, self.undo_button):
            w.setFont(font)
