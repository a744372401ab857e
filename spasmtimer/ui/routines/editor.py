"""The routine editor: a routine file as a form, checked by the loader as you type.

Left, the routine's own fields and defaults; in the middle, the exercises
(reorder by drag or Alt+↑/↓) and the live summary, the first lines of
``spasmtimer plan``; right, the chosen exercise's fields. Each problem the
loader finds shows under its field in the loader's words. A draft with
problems is never saved but never lost: it stays in the editor, and a
recovery copy is kept on disk while it is unsaved.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Hashable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QKeySequence,
    QResizeEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from spasmtimer.core.editor.check import ChangedOnDisk, DraftHasProblems
from spasmtimer.core.editor.document import RoutineDocument
from spasmtimer.core.editor.draft import FieldRef
from spasmtimer.core.editor.files import SaveError
from spasmtimer.core.routines.routine import Routine
from spasmtimer.ui.announce import mark_heading
from spasmtimer.ui.dialogs import Dialogs
from spasmtimer.ui.intents import Intent
from spasmtimer.ui.routines.editor_commands import DocumentEdit, Unsaved, ask_unsaved_changes
from spasmtimer.ui.routines.editor_fields import keep_place
from spasmtimer.ui.routines.editor_keys import EDITOR_KEYS, editor_key
from spasmtimer.ui.routines.editor_looks import editor_stylesheet, window_scale
from spasmtimer.ui.routines.editor_panels import LIST_ACTIONS, EditorPanels
from spasmtimer.ui.theme import Theme, system_theme

log = logging.getLogger(__name__)

RECOVERY_DELAY_MS = 1500


class RoutineEditor(QWidget):
    """Edits one :class:`RoutineDocument`.

    Signals:
        tryRequested(object): start the routine as it stands (a valid Routine).
        exportRequested(): the user asked to write the file elsewhere; the
            window asks where and calls :meth:`export_to`.
        handoutRequested(object): print a handout of the routine (a Routine).
        saved(object): the file was saved at this Path.
        finished(): the editor is done (closed, changes saved or discarded).
        modifiedChanged(bool): the draft now differs (or not) from the file.
    """

    tryRequested = Signal(object)
    exportRequested = Signal()
    handoutRequested = Signal(object)
    saved = Signal(object)
    finished = Signal()
    modifiedChanged = Signal(bool)

    def __init__(self, document: RoutineDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.current = 0
        self.theme: Theme = system_theme()
        self._modified = document.is_modified
        self.undo_stack = QUndoStack(self)
        self.setAccessibleName("Routine editor")
        self._recovery_timer = QTimer(self)
        self._recovery_timer.setSingleShot(True)
        self._recovery_timer.setInterval(RECOVERY_DELAY_MS)
        self._recovery_timer.timeout.connect(self.keep_recovery_now)
        self._build()
        self.undo_stack.indexChanged.connect(self._on_undo_stack_index_changed)
        self.apply_theme(self.theme)
        self.refresh()
        if self.document.load_problems and not self.document.read_only:
            count = len(self.document.load_problems)
            noun = "a problem" if count == 1 else f"{count} problems"
            self.say(f"This file has {noun}, marked ⚠ at its field: fix it here and save (Ctrl+S).")

    # -- seams (tests replace these) ------------------------------------------

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str) -> bool:
        return Dialogs.ask(parent, title, text)

    @classmethod
    def ask_unsaved(cls, parent: QWidget | None, name: str) -> Unsaved:
        return ask_unsaved_changes(parent, name)

    # -- building -------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = mark_heading(QLabel())
        self.title.setObjectName("title")
        # A long name gives way to the buttons in a small window.
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.title.setAccessibleDescription("Editor title")  # its text is read as its name
        top.addWidget(self.title, 1)
        self.buttons: dict[Intent, QPushButton] = {}
        for key in EDITOR_KEYS:
            action = QAction(key.button, self)
            action.setShortcuts([QKeySequence(k) for k in key.keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setData(key.intent)
            action.triggered.connect(self._on_action_triggered)
            self.addAction(action)
            if key.intent in LIST_ACTIONS:
                continue
            self.buttons[key.intent] = self._button(key.intent, top)
        outer.addLayout(top)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setProperty("notice", True)
        self.status.setAccessibleDescription("Status")
        keep_place(self.status)  # the form never moves under the pointer when it comes
        self.status.hide()
        outer.addWidget(self.status)
        self.read_only_view = QPlainTextEdit()
        self.read_only_view.setReadOnly(True)
        self.read_only_view.setAccessibleName("Problems in this file")
        self.read_only_view.setObjectName("plan")
        outer.addWidget(self.read_only_view)

        self.panels = EditorPanels(self._button)
        self.panels.routine_form.edited.connect(self._on_routine_form_edited)
        self.panels.exercise_list.moved.connect(self._on_exercise_list_moved)
        self.panels.exercise_list.chosen.connect(self._on_exercise_list_chosen)
        self.panels.exercise_form.edited.connect(self._on_exercise_form_edited)
        self.panels.exercise_form.holdEdited.connect(self._on_exercise_form_hold_edited)
        self.panels.exercise_form.repsEdited.connect(self._on_exercise_form_reps_edited)
        self.buttons.update(self.panels.list_buttons)
        outer.addWidget(self.panels, 1)
        bar = [self.buttons[k.intent] for k in EDITOR_KEYS if k.intent not in LIST_ACTIONS]
        chain = [*self.panels.tab_chain(), *bar]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _button(self, intent: Intent, layout: QHBoxLayout) -> QPushButton:
        key = editor_key(intent)
        button = QPushButton(key.button)
        button.setToolTip(key.tooltip)
        button.setAccessibleName(key.spoken)
        button.setAccessibleDescription(key.tooltip)
        button.setProperty("action", intent.name)
        button.clicked.connect(self._on_button_clicked)
        layout.addWidget(button)
        return button

    # -- showing the document ---------------------------------------------------

    def refresh(self) -> None:
        """Show the document as it is now: fields, problems, list and summary."""
        if self.document.read_only:
            self._show_read_only()
            return
        self.read_only_view.hide()
        self.current = self.panels.show_document(self.document, self.current)
        self._show_title()
        self.buttons[Intent.UNDO].setEnabled(self.undo_stack.canUndo())
        self.buttons[Intent.REDO].setEnabled(self.undo_stack.canRedo())

    def _show_title(self) -> None:
        name = self.document.draft.name if not self.document.read_only else ""
        name = name or (self.document.path.name if self.document.path else "new routine")
        mark = " •" if self.document.is_modified else ""
        if self.document.path and self.document.path.exists():
            self.title.setText(f"Edit {name}{mark}")
        else:
            named = self.document.draft.name
            self.title.setText(f"New routine: {named}{mark}" if named else f"New routine{mark}")
        modified = self.document.is_modified
        if modified != self._modified:
            self._modified = modified
            self.modifiedChanged.emit(modified)

    def _show_read_only(self) -> None:
        self.panels.hide()
        self.read_only_view.show()
        name = self.document.path.name if self.document.path else "this routine"
        self.title.setText(f"{name} (read-only)")
        self.say(
            f"{name} has problems, so it opens read-only. Fix the lines below in a text "
            "editor, then open it again."
        )
        lines = []
        for problem, line in self.document.offending_lines():
            lines.append(str(problem))
            if line:
                lines.append(f"    {problem.line:>4} | {line}")
        self.read_only_view.setPlainText("\n".join(lines))
        for action in self.buttons:
            self.buttons[action].setEnabled(action is Intent.CLOSE_EDITOR)

    def say(self, text: str) -> None:
        """A message above the form (saving refused, saved, and so on)."""
        self.status.setText(text)
        self.status.setVisible(bool(text))

    # -- edits -------------------------------------------------------------------

    def apply_edit(
        self, change: Callable[[], object], text: str, key: Hashable | None = None
    ) -> None:
        """Make one edit to the document as an undoable step."""
        before = self.document.snapshot()
        result = change()
        after = self.document.snapshot()
        if isinstance(result, int) and key is None:
            self.current = result
        if before != after:
            self.undo_stack.push(
                DocumentEdit(self._restore, text, before, after, key, self.current)
            )
            self._recovery_timer.start()
            self.say("")  # "Saved …" is no longer true
        self.refresh()

    def _restore(self, snapshot: str, exercise: int) -> None:
        self.document.restore(snapshot)
        self.current = exercise
        self.refresh()
        self._recovery_timer.start()

    def _on_undo_stack_index_changed(self, index: int) -> None:
        del index
        self.buttons[Intent.UNDO].setEnabled(self.undo_stack.canUndo())
        self.buttons[Intent.REDO].setEnabled(self.undo_stack.canRedo())

    def _on_routine_form_edited(self, ref: FieldRef, text: str) -> None:
        self.apply_edit(lambda: self.document.set_field(ref, text), f"change {ref.name}", ref)

    def _on_exercise_form_edited(self, name: str, text: str) -> None:
        ref = FieldRef(name, self.current)
        self.apply_edit(lambda: self.document.set_field(ref, text), f"change {name}", ref)

    def _on_exercise_form_hold_edited(self, low: str, high: str) -> None:
        ref = FieldRef("hold", self.current)
        self.apply_edit(lambda: self.document.set_hold(ref, low, high), "change hold", ref)

    def _on_exercise_form_reps_edited(self, low: str, high: str) -> None:
        ref = FieldRef("reps", self.current)
        self.apply_edit(lambda: self.document.set_reps(ref, low, high), "change reps", ref)

    def _on_exercise_list_chosen(self, row: int) -> None:
        self.current = row
        self.refresh()

    def _on_exercise_list_moved(self, start: int, to: int) -> None:
        self.current = start
        self._move(to)

    def _move(self, to: int) -> None:
        count = len(self.document.draft.exercises)
        if not 0 <= to < count or to == self.current:
            self.refresh()
            return
        start = self.current
        self.current = to
        self.apply_edit(lambda: self.document.move_exercise(start, to), "move exercise")
        self.panels.exercise_list.setFocus()

    # -- actions -----------------------------------------------------------------

    def _on_action_triggered(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.trigger(Intent(action.data()))

    def _on_button_clicked(self) -> None:
        self.trigger(Intent[str(self.sender().property("action"))])

    def trigger(self, intent: Intent) -> None:
        """Do what a button or key asks for (only Close on a file that does not load)."""
        if intent is Intent.CLOSE_EDITOR:
            self.request_close()
        elif not self.document.read_only and (do := self._handlers().get(intent)):
            do()

    def _handlers(self) -> dict[Intent, Callable[[], object]]:
        return {
            Intent.SAVE: self.save,
            Intent.UNDO: self.undo_stack.undo,
            Intent.REDO: self.undo_stack.redo,
            Intent.ADD_EXERCISE: self._add,
            Intent.DUPLICATE_EXERCISE: self._duplicate,
            Intent.REMOVE_EXERCISE: self._remove,
            Intent.MOVE_UP: lambda: self._move(self.current - 1),
            Intent.MOVE_DOWN: lambda: self._move(self.current + 1),
            Intent.TRY: lambda: self._with_routine(self.tryRequested.emit),
            Intent.HANDOUT: lambda: self._with_routine(self.handoutRequested.emit),
            Intent.EXPORT: self.exportRequested.emit,
        }

    def _add(self) -> None:
        document = self.document
        at = self.current + 1 if document.draft.exercises else 0
        self.apply_edit(lambda: document.add_exercise(at), "add exercise")
        self.panels.exercise_form.name.setFocus()

    def _duplicate(self) -> None:
        if self.document.draft.exercises:
            index = self.current
            self.apply_edit(lambda: self.document.duplicate_exercise(index), "duplicate")

    def _remove(self) -> None:
        if self.document.draft.exercises:
            index = self.current
            self.apply_edit(lambda: self.document.remove_exercise(index), "remove exercise")

    def _with_routine(self, then: Callable[[Routine], object]) -> None:
        """*Try it* and the handout need a routine that loads."""
        routine = self.document.check().routine
        if routine is None:
            self.say("Fix the problems marked ⚠ first; then the routine can be tried.")
        else:
            then(routine)

    # -- saving and closing ---------------------------------------------------------

    def save(self) -> bool:
        """Save to the routine's file; False (with a message, draft kept) when it cannot."""
        document = self.document
        try:
            try:
                path = document.save()
            except ChangedOnDisk:
                name = document.path.name if document.path else "The file"
                if not self.ask(
                    self,
                    "The file changed on disk",
                    f"{name} was changed by another program since you opened it. "
                    "Save your version over it?",
                ):
                    self.say("Not saved; the file on disk is as the other program left it.")
                    return False
                path = document.save(force=True)
        except DraftHasProblems as refused:
            count = len(refused.problems)
            noun = "problem" if count == 1 else "problems"
            self.say(f"Not saved: fix the {count} {noun} marked ⚠ first. Your changes are kept.")
            return False
        except SaveError as error:
            self.keep_recovery_now()
            self.say(f"{error} Your changes are kept here; use Export… to save them elsewhere.")
            return False
        self.undo_stack.setClean()
        self.say(f"Saved {path}.")
        self.refresh()
        self.saved.emit(path)
        return True

    def export_to(self, path: Path) -> bool:
        """Write the routine file to ``path`` (from Export…); False with a message if not."""
        try:
            self.document.export(path)
        except DraftHasProblems:
            self.say("Not exported: fix the problems marked ⚠ first.")
            return False
        except SaveError as error:
            self.say(f"{error} Nothing was exported.")
            return False
        self.say(f"Exported to {path}.")
        return True

    def keep_recovery_now(self) -> None:
        if self.document.read_only:
            return
        if not self.document.is_modified:  # undone back to the file: no copy to offer
            self.document.discard_recovery()
            return
        try:
            self.document.keep_recovery()
        except SaveError as error:
            log.warning("could not keep a recovery copy of the draft: %s", error)

    def maybe_close(self) -> bool:
        """True when the editor may close: nothing unsaved, or the user saved or discarded it."""
        if self.document.read_only:
            return True
        if not self.document.is_modified:  # clean (perhaps undone): leave no stale copy
            self._recovery_timer.stop()
            self.document.discard_recovery()
            return True
        choice = self.ask_unsaved(self, self.document.draft.name or "New routine")
        if choice is Unsaved.SAVE:
            return self.save()
        if choice is Unsaved.DISCARD:
            self._recovery_timer.stop()
            self.document.discard_recovery()
            return True
        return False

    def request_close(self) -> None:
        if self.maybe_close():
            self._recovery_timer.stop()
            self.finished.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.maybe_close():
            self._recovery_timer.stop()
            event.accept()
            self.finished.emit()
        else:
            event.ignore()

    # -- looks ---------------------------------------------------------------------

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._scale = window_scale(self)
        self.setStyleSheet(editor_stylesheet(theme, self._scale))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if window_scale(self) != self._scale:
            self.apply_theme(self.theme)
        self.panels.share_width()
