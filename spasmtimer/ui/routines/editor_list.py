"""The editor's list of exercises: choose one, reorder by drag (or Alt+↑/↓ in the editor)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from spasmtimer.core.editor.draft import ExerciseDraft


def describe(number: int, exercise: ExerciseDraft, problems: int) -> str:
    name = exercise.name or "(no name yet)"
    hold = exercise.hold + (f"–{exercise.hold_max}" if exercise.hold_max else "")
    reps = f" × {exercise.reps}" if exercise.reps else ""
    reps += f"–{exercise.reps_max}" if exercise.reps and exercise.reps_max else ""
    detail = f"  ·  {hold}{reps}" if hold else ""
    warning = f"  ⚠ {problems}" if problems else ""
    return f"{number}. {name}{detail}{warning}"


class ExerciseList(QListWidget):
    """The exercises in order.

    Signals: ``moved(int, int)``: the user dragged exercise ``from`` to
    position ``to``; ``chosen(int)``: the user chose another exercise.
    """

    moved = Signal(int, int)
    chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Exercises")
        self.setAccessibleDescription("Drag an exercise, or press Alt+Up or Alt+Down, to move it")
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._showing = False
        self.model().rowsMoved.connect(self._on_model_rows_moved)
        self.currentRowChanged.connect(self._on_self_current_row_changed)

    def show_exercises(
        self, exercises: tuple[ExerciseDraft, ...], problems: list[int], current: int
    ) -> None:
        """Show the list as the draft has it, with ``current`` chosen."""
        self._showing = True
        try:
            texts = [describe(i + 1, e, problems[i]) for i, e in enumerate(exercises)]
            if [self.item(i).text() for i in range(self.count())] != texts:
                self.clear()
                for text in texts:
                    item = QListWidgetItem(text)
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsDropEnabled)
                    self.addItem(item)
            if self.currentRow() != current:
                self.setCurrentRow(current)
        finally:
            self._showing = False

    def _on_model_rows_moved(
        self,
        parent: QModelIndex | QPersistentModelIndex,
        start: int,
        end: int,
        destination: QModelIndex | QPersistentModelIndex,
        row: int,
    ) -> None:
        del parent, end, destination
        if self._showing:
            return
        # ``row`` is where it goes before the old one is taken out.
        self.moved.emit(start, row - 1 if row > start else row)

    def _on_self_current_row_changed(self, row: int) -> None:
        if not self._showing and row >= 0:
            self.chosen.emit(row)
