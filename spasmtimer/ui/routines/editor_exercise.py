"""One exercise's fields in the editor, with the illustration chooser and its preview."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from spasmtimer import resources
from spasmtimer.core.editor.draft import ExerciseDraft, FieldRef
from spasmtimer.core.routines.loader import missing_picture, resolve_image
from spasmtimer.core.routines.routine import Exercise, Hold, Routine
from spasmtimer.ui.routines.editor_fields import ChoiceInput, FieldBox, LineInput, TextInput
from spasmtimer.ui.session.illustration import Illustration

SIDES = [
    ("none", "None: both sides together"),
    ("alternate", "Alternate: left, right, left…"),
    ("each", "Each: all left, then all right"),
]
DURATION_TIP = "A duration like 10, 10s, 1m30s or 2 min"


def bundled_pictures() -> list[str]:
    """The file names of the bundled illustrations."""
    try:
        return sorted(p.name for p in resources.asset("images").glob("*.svg"))
    except FileNotFoundError:
        return []


def picture_title(file_name: str) -> str:
    return Path(file_name).stem.replace("-", " ").capitalize()


class ExerciseForm(QWidget):
    """The fields of the exercise chosen in the list.

    Signals: ``edited(str, str)``: the user typed ``text`` into field ``name``;
    ``holdEdited(str, str)``: the hold's lower and upper bound ("" for a fixed hold);
    ``repsEdited(str, str)``: the same for the reps ("" when they do not build up).
    """

    edited = Signal(str, str)
    holdEdited = Signal(str, str)
    repsEdited = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.routine_path: Path | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.name = LineInput("Exercise name", "name", "e.g. Knee to chest")
        self.instructions = TextInput(
            "Instructions", "instructions", "What to do, shown during the exercise"
        )
        pictures = [(n, picture_title(n)) for n in bundled_pictures()]
        self.image = ChoiceInput("Illustration", "image", [("", "No picture"), *pictures])
        self.preview = Illustration()
        self.preview.setAccessibleName("Illustration preview")
        self.preview.setMinimumSize(120, 90)
        self.preview.setMaximumHeight(150)
        self.preview.hide()
        self.picture_note = QLabel()
        self.picture_note.setWordWrap(True)
        self.picture_note.setProperty("muted", True)
        self.picture_note.setAccessibleName("About the illustration")
        self.picture_note.hide()
        self.hold = LineInput("Hold", "hold", "e.g. 10s")
        self.hold_max = LineInput(
            "Hold up to, for a range (optional)", "hold_max", "up to (optional)"
        )
        self.reps = LineInput("Repetitions per set", "reps", "1")
        self.reps_max = LineInput(
            "Repetitions up to, to build up to (optional)", "reps_max", "up to (optional)"
        )
        self.reps_max.setToolTip(
            "Give an upper bound to make the reps a range: it starts at the first number "
            "and builds up to this one as the user improves (after the hold, if that is a range)"
        )
        self.sets = LineInput("Sets", "sets", "1")
        self.sides = ChoiceInput("Sides", "sides", SIDES)
        self.prepare = LineInput("Time to get ready for this exercise", "prepare")
        self.rest = LineInput("Rest between holds of this exercise", "rest")
        self.set_rest = LineInput("Rest between sets of this exercise", "set_rest")
        for widget in (self.hold, self.hold_max, self.prepare, self.rest, self.set_rest):
            widget.setToolTip(DURATION_TIP)
        self.hold_max.setToolTip(
            "Give an upper bound to make the hold a range: it starts at the first time "
            "and the user may lengthen it up to this one"
        )
        self.boxes: dict[str, FieldBox] = {}
        rows: list[tuple[str, str, list[QWidget]]] = [
            ("name", "Exercise na&me", [self.name]),
            ("instructions", "&Instructions", [self.instructions]),
            ("image", "Illustrati&on", [self.image]),
            ("hold", "Ho&ld (a time, or a range: from … up to …)", [self.hold, self.hold_max]),
            ("reps", "Re&petitions (1 to 100, or from … up to …)", [self.reps, self.reps_max]),
            ("sets", "S&ets (1 to 20)", [self.sets]),
            ("sides", "&Sides", [self.sides]),
            ("prepare", "Get ready (this exercise)", [self.prepare]),
            ("rest", "Rest between holds (this exercise)", [self.rest]),
            ("set_rest", "Rest between sets (this exercise)", [self.set_rest]),
        ]
        for name, label, widgets in rows:
            box = FieldBox(label, widgets)
            self.boxes[name] = box
            layout.addWidget(box)
            if name == "image":
                layout.addWidget(self.picture_note)
                layout.addWidget(self.preview)
        layout.addStretch(1)
        self.name.typed.connect(self.edited)
        self.instructions.typed.connect(self.edited)
        self.image.typed.connect(self.edited)
        self.sides.typed.connect(self.edited)
        for line in (self.sets, self.prepare, self.rest, self.set_rest):
            line.typed.connect(self.edited)
        self.reps.typed.connect(self._on_reps_typed)
        self.reps_max.typed.connect(self._on_reps_typed)
        self.hold.typed.connect(self._on_hold_typed)
        self.hold_max.typed.connect(self._on_hold_typed)

    def _on_hold_typed(self, field: str, text: str) -> None:
        del field, text
        self.holdEdited.emit(self.hold.text(), self.hold_max.text())

    def _on_reps_typed(self, field: str, text: str) -> None:
        del field, text
        self.repsEdited.emit(self.reps.text(), self.reps_max.text())

    def inputs(self) -> list[QWidget]:
        """The inputs in tab order."""
        return [widget for box in self.boxes.values() for widget in box.inputs]

    def show_exercise(self, exercise: ExerciseDraft, defaults: ExerciseDraft) -> None:
        """Show one exercise; empty fields show what the defaults give."""
        self.name.show_text(exercise.name)
        self.instructions.show_text(exercise.instructions)
        self.image.show_value(exercise.image)
        self.hold.show_text(exercise.hold)
        self.hold_max.show_text(exercise.hold_max)
        self.reps.show_text(exercise.reps)
        self.reps_max.show_text(exercise.reps_max)
        self.sets.show_text(exercise.sets)
        self.sides.show_value(exercise.sides or defaults.sides or "none")
        self.hold.setPlaceholderText(defaults.hold or "e.g. 10s")
        self.reps.setPlaceholderText(defaults.reps or "1")
        self.sets.setPlaceholderText(defaults.sets or "1")
        for name, built_in in (("prepare", "5s"), ("rest", "3s"), ("set_rest", "20s")):
            line: LineInput = getattr(self, name)
            line.show_text(exercise.get(name))
            line.setPlaceholderText(f"{defaults.get(name) or built_in} (default)")
        self._show_picture(exercise.image)

    def _show_picture(self, image: str) -> None:
        if not image:
            self.preview.show_image(None, False)
            self.picture_note.hide()
            return
        routine = Routine("", (), path=self.routine_path)
        exercise = Exercise("", Hold.fixed(1), image=image)
        self.preview.show_image(resolve_image(routine, exercise), False)
        note = missing_picture(routine, exercise)  # the same note as `spasmtimer validate`
        self.picture_note.setText(f"Note: {note}." if note else "")
        self.picture_note.setVisible(bool(note))

    def show_problems(self, ref_messages: dict[FieldRef, list[str]], index: int) -> None:
        for name, box in self.boxes.items():
            box.show_problems(ref_messages.get(FieldRef(name, index), []))
