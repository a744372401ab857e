"""The routine's own fields in the editor: name, description, source, sessions a day, defaults."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from spasmtimer.core.editor.draft import FieldRef, RoutineDraft
from spasmtimer.ui.routines.editor_fields import FieldBox, LineInput, TextInput

DURATION_HINT = "like 10s, 1m30s or 2 min"


class RoutineForm(QWidget):
    """The top of the routine file.

    Signals: ``edited(object, str)``: the user typed ``text`` into the field
    :class:`FieldRef`.
    """

    edited = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.name = LineInput("Routine name", "name", "What the picker shows")
        self.description = TextInput("Description", "description", "What it is for (optional)")
        self.source = LineInput("Source", "source", "Where the numbers come from (optional)")
        self.sessions = LineInput("Sessions per day", "sessions_per_day", "1")
        self.prepare = LineInput("Default time to get ready", "prepare", "5s")
        self.rest = LineInput("Default rest between holds", "rest", "3s")
        self.set_rest = LineInput("Default rest between sets", "set_rest", "20s")
        self.boxes: dict[FieldRef, FieldBox] = {}
        rows = (
            (FieldRef("name"), "&Name", self.name),
            (FieldRef("description"), "&Description", self.description),
            (FieldRef("source"), "So&urce", self.source),
            (FieldRef("sessions_per_day"), "Sessions per da&y (1 to 12)", self.sessions),
        )
        for ref, label, widget in rows:
            self._add(layout, ref, label, widget)
        heading = QLabel("Defaults for every exercise")
        heading.setProperty("muted", True)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        defaults = (
            (FieldRef("prepare", defaults=True), "Get &ready", self.prepare),
            (FieldRef("rest", defaults=True), "Rest &between holds", self.rest),
            (FieldRef("set_rest", defaults=True), "Rest between se&ts", self.set_rest),
        )
        for ref, label, widget in defaults:
            widget.setToolTip(f"A duration {DURATION_HINT}; empty for the built-in default")
            self._add(layout, ref, label, widget)
        layout.addStretch(1)

    def _add(
        self, layout: QVBoxLayout, ref: FieldRef, label: str, widget: LineInput | TextInput
    ) -> None:
        box = FieldBox(label, [widget])
        self.boxes[ref] = box
        layout.addWidget(box)
        widget.setProperty("defaults", ref.defaults)
        widget.typed.connect(self._on_input_typed)

    def _on_input_typed(self, field: str, text: str) -> None:
        defaults = bool(self.sender().property("defaults"))
        self.edited.emit(FieldRef(field, defaults=defaults), text)

    def inputs(self) -> list[QWidget]:
        """The inputs in tab order."""
        return [box.inputs[0] for box in self.boxes.values()]

    def show_draft(self, draft: RoutineDraft) -> None:
        self.name.show_text(draft.name)
        self.description.show_text(draft.description)
        self.source.show_text(draft.source)
        self.sessions.show_text(draft.sessions_per_day)
        self.prepare.show_text(draft.defaults.prepare)
        self.rest.show_text(draft.defaults.rest)
        self.set_rest.show_text(draft.defaults.set_rest)
