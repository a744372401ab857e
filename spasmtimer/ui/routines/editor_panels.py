"""The editor's three columns and how a document is shown in them.

Left, the routine's fields and any problem that belongs to no field shown;
middle, the exercise list, its buttons and the live summary; right, the
chosen exercise's fields. Problems go under the field they belong to.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from spasmtimer.core.editor.document import RoutineDocument
from spasmtimer.core.editor.draft import FieldRef
from spasmtimer.core.editor.field_problems import message_at_field
from spasmtimer.core.history.adherence import plural
from spasmtimer.core.routines.durations import format_duration
from spasmtimer.ui.intents import Intent
from spasmtimer.ui.routines.editor_exercise import ExerciseForm
from spasmtimer.ui.routines.editor_fields import FieldBox
from spasmtimer.ui.routines.editor_list import ExerciseList
from spasmtimer.ui.routines.editor_routine import RoutineForm

PLAN_LINES = 14
LIST_ACTIONS = (
    Intent.ADD_EXERCISE,
    Intent.DUPLICATE_EXERCISE,
    Intent.REMOVE_EXERCISE,
    Intent.MOVE_UP,
    Intent.MOVE_DOWN,
)
MakeButton = Callable[[Intent, QHBoxLayout], QPushButton]


def scrolling(widget: QWidget, name: str) -> QScrollArea:
    """``widget`` in a scroll area named ``name`` (it takes the focus, so it is read)."""
    area = QScrollArea()
    area.setAccessibleName(name)
    area.setWidgetResizable(True)
    area.setWidget(widget)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


def _problem_label(name: str) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setProperty("problem", True)
    label.setAccessibleDescription(name)  # its text (the problems) is read as its name
    label.hide()
    return label


class EditorPanels(QSplitter):
    """The form: routine fields, exercise list with summary, exercise fields."""

    def __init__(self, make_button: MakeButton, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.routine_form = RoutineForm()
        self.other_problems = _problem_label("Other problems")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.other_problems)
        left_layout.addWidget(self.routine_form, 1)
        self.addWidget(scrolling(left, "Routine"))

        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        self.exercise_list = ExerciseList()
        self.list_box = FieldBox("E&xercises", [self.exercise_list])
        middle_layout.addWidget(self.list_box, 2)
        row = QHBoxLayout()
        self.list_buttons = {action: make_button(action, row) for action in LIST_ACTIONS}
        for button in self.list_buttons.values():
            button.setProperty("compact", True)  # five in a row fit an 800-pixel window
        middle_layout.addLayout(row)
        self.total = QLabel()
        self.total.setAccessibleDescription("Total time")
        self.total.setWordWrap(True)
        middle_layout.addWidget(self.total)
        self.plan = QPlainTextEdit()
        self.plan.setObjectName("plan")
        self.plan.setReadOnly(True)
        self.plan.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.plan.setAccessibleName("Session plan, first lines")
        self.plan.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        middle_layout.addWidget(self.plan, 3)
        self.addWidget(middle)

        self.exercise_form = ExerciseForm()
        self.addWidget(scrolling(self.exercise_form, "Exercise"))
        self.setChildrenCollapsible(False)
        self.share_width()

    def share_width(self) -> None:
        """Give each column its share of the width (called as the window resizes)."""
        width = max(self.width(), 600)
        self.setSizes([round(width * 0.27), round(width * 0.38), round(width * 0.35)])

    def tab_chain(self) -> list[QWidget]:
        return [
            *self.routine_form.inputs(),
            self.exercise_list,
            *self.list_buttons.values(),
            *self.exercise_form.inputs(),
        ]

    def show_document(self, document: RoutineDocument, current: int) -> int:
        """Show every field and problem; returns the chosen exercise (kept in range)."""
        draft = document.draft
        check = document.check()
        messages: dict[FieldRef, list[str]] = {}  # in the loader's words
        at_field: dict[FieldRef, list[str]] = {}  # the same, without where
        for ref, problem in check.problems:
            messages.setdefault(ref, []).append(problem.message)
            named = draft.exercises[ref.exercise].name if ref.exercise is not None and (
                ref.exercise < len(draft.exercises)) else ""  # fmt: skip
            at_field.setdefault(ref, []).append(message_at_field(problem.message, ref, named))
        self.routine_form.show_draft(draft)
        shown = set(self.routine_form.boxes) | {FieldRef("exercises")}
        for ref, box in self.routine_form.boxes.items():
            box.show_problems(at_field.get(ref, []))
        self.list_box.show_problems(at_field.get(FieldRef("exercises"), []))
        count = len(draft.exercises)
        current = max(0, min(current, count - 1))
        per_exercise = [0] * count
        for ref, found in messages.items():
            if ref.exercise is not None and ref.exercise < count:
                per_exercise[ref.exercise] += len(found)
        self.exercise_list.show_exercises(draft.exercises, per_exercise, current)
        self.exercise_form.setEnabled(count > 0)
        self.exercise_form.routine_path = document.path
        if count:
            self.exercise_form.show_exercise(draft.exercises[current], draft.defaults)
            self.exercise_form.show_problems(at_field, current)
            shown |= {FieldRef(name, current) for name in self.exercise_form.boxes}
        other = [
            f"{ref.label}: {message}" if ref.exercise is not None else message
            for ref, found in messages.items()
            if ref not in shown and not (ref.exercise is not None and ref.exercise != current
                                         and ref.name in self.exercise_form.boxes)
            for message in found
        ]  # fmt: skip
        self.other_problems.setText("\n".join(f"⚠ {m}" for m in other))
        self.other_problems.setVisible(bool(other))
        self._show_summary(document)
        self.list_buttons[Intent.DUPLICATE_EXERCISE].setEnabled(count > 0)
        self.list_buttons[Intent.REMOVE_EXERCISE].setEnabled(count > 0)
        self.list_buttons[Intent.MOVE_UP].setEnabled(current > 0)
        self.list_buttons[Intent.MOVE_DOWN].setEnabled(current < count - 1)
        return current

    def _show_summary(self, document: RoutineDocument) -> None:
        summary = document.summary(PLAN_LINES)
        if summary is None:
            count = len(document.check().problems)
            noun = "problem" if count == 1 else "problems"
            self.total.setText(f"Fix the {count} {noun} marked ⚠ to see the session's length.")
            # Where the plan goes, what 'spasmtimer validate' would say of the file.
            problems = [str(problem) for _, problem in document.check().problems]
            self.plan.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
            self.plan.setPlainText("\n".join(problems))
            return
        self.total.setText(
            f"Total {format_duration(summary.total_seconds)} · {plural(summary.steps, 'step')} · "
            f"{plural(summary.holds, 'hold')}"
        )
        text = "\n".join(summary.plan_lines)
        self.plan.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)  # a table
        if self.plan.toPlainText() != text:
            self.plan.setPlainText(text)
