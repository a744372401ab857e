"""The routine editor driven as a user would: keys and clicks, never a real dialog."""

from __future__ import annotations

import argparse
import difflib
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from spasmtimer.cli import routines as cli_routines
from spasmtimer.core.editor.document import RoutineDocument
from spasmtimer.core.editor.draft import FieldRef
from spasmtimer.core.editor.files import read_recoveries
from spasmtimer.core.routines.loader import load_routine
from spasmtimer.ui.intents import Intent
from spasmtimer.ui.routines.editor import RoutineEditor
from spasmtimer.ui.routines.editor_commands import Unsaved
from tests.editor_helpers import SEED_001_DESCRIPTION, SEED_001_INSTRUCTIONS, seed_001_path
from tests.test_routine_document import COMMENTED

# Offscreen has no window manager: activating a window says so, harmlessly.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


class Asked:
    """Records the editor's questions and gives set answers."""

    def __init__(self) -> None:
        self.unsaved: list[str] = []
        self.questions: list[str] = []
        self.unsaved_answer = Unsaved.DISCARD
        self.answer = True


@pytest.fixture(autouse=True)
def asked(monkeypatch: pytest.MonkeyPatch) -> Asked:
    record = Asked()

    def ask_unsaved(cls: object, parent: object, name: str) -> Unsaved:
        record.unsaved.append(name)
        return record.unsaved_answer

    def ask(cls: object, parent: object, title: str, text: str) -> bool:
        record.questions.append(title)
        return record.answer

    monkeypatch.setattr(RoutineEditor, "ask_unsaved", classmethod(ask_unsaved))
    monkeypatch.setattr(RoutineEditor, "ask", classmethod(ask))
    return record


def make_editor(qtbot: Any, document: RoutineDocument) -> RoutineEditor:
    editor = RoutineEditor(document)
    qtbot.addWidget(editor)
    editor.resize(1280, 800)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow, timeout=2000)
    return editor


def type_into(qtbot: Any, widget: QWidget, text: str) -> None:
    """Click into the field, select all, and type ``text`` over it."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(widget, Qt.Key.Key_Backspace)
    if text:
        qtbot.keyClicks(widget, text)


def choose(qtbot: Any, combo: QComboBox, value: str) -> None:
    """Pick ``value`` in a closed combo box with the arrow keys."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == value:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == value


def click(qtbot: Any, editor: RoutineEditor, action: Intent) -> None:
    qtbot.mouseClick(editor.buttons[action], Qt.MouseButton.LeftButton)


def cli_plan(path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert cli_routines.cmd_plan(argparse.Namespace(file=str(path), json=False)) == 0
    return capsys.readouterr().out.splitlines()


def test_the_seed_routine_is_built_from_blank_with_keys_and_clicks(
    qtbot: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    editor = make_editor(qtbot, RoutineDocument.blank())
    form, exercise = editor.panels.routine_form, editor.panels.exercise_form
    assert not exercise.isEnabled()
    type_into(qtbot, form.name, "Knee to chest")
    type_into(qtbot, form.description, SEED_001_DESCRIPTION)
    type_into(qtbot, form.source, "Back Spasms (Cedars-Sinai)")
    type_into(qtbot, form.prepare, "10s")
    type_into(qtbot, form.rest, "3s")
    click(qtbot, editor, Intent.ADD_EXERCISE)
    assert exercise.isEnabled()
    type_into(qtbot, exercise.name, "Knee to chest")
    type_into(qtbot, exercise.instructions, SEED_001_INSTRUCTIONS)
    choose(qtbot, exercise.image, "single-knee-to-chest.svg")
    assert exercise.preview.path is not None
    type_into(qtbot, exercise.hold, "10")
    type_into(qtbot, exercise.reps, "6")
    type_into(qtbot, exercise.reps_max, "7")  # "around 6-7 times for each side"
    choose(qtbot, exercise.sides, "alternate")
    assert editor.document.check().ok, editor.document.check().problems
    qtbot.keyClick(exercise.reps, Qt.Key.Key_S, CTRL)
    saved = editor.document.path
    assert saved is not None and saved.is_file() and not editor.document.is_modified
    assert "reps: [6, 7]" in saved.read_text()
    assert load_routine(saved) == load_routine(seed_001_path())
    shown = editor.panels.plan.toPlainText().splitlines()
    assert shown == cli_plan(saved, capsys)[: len(shown)]
    assert len(shown) == 14
    assert "2 min 43 s" in editor.panels.total.text()
    assert "12 holds" in editor.panels.total.text()


def test_one_hold_changed_in_a_commented_file_is_a_one_line_diff(
    qtbot: Any, tmp_path: Path
) -> None:
    path = tmp_path / "evening.yaml"
    path.write_text(COMMENTED)
    editor = make_editor(qtbot, RoutineDocument.open(path))
    items = editor.panels.exercise_list
    qtbot.mouseClick(
        items.viewport(),
        Qt.MouseButton.LeftButton,
        pos=items.visualItemRect(items.item(1)).center(),
    )
    assert editor.current == 1
    type_into(qtbot, editor.panels.exercise_form.hold, "8")
    click(qtbot, editor, Intent.SAVE)
    diff = [
        line
        for line in difflib.unified_diff(COMMENTED.splitlines(), path.read_text().splitlines(), n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert diff == [
        "-    hold: 5         # Dr. Lee: five seconds",
        "+    hold: 8         # Dr. Lee: five seconds",
    ]


def test_undo_with_keys_back_to_the_start_gives_the_original_bytes(
    qtbot: Any, tmp_path: Path
) -> None:
    path = tmp_path / "evening.yaml"
    path.write_bytes(COMMENTED.encode())
    editor = make_editor(qtbot, RoutineDocument.open(path))
    form, exercise = editor.panels.routine_form, editor.panels.exercise_form
    type_into(qtbot, form.name, "Morning")
    type_into(qtbot, exercise.reps, "7")
    type_into(qtbot, exercise.hold_max, "")
    click(qtbot, editor, Intent.ADD_EXERCISE)
    type_into(qtbot, exercise.name, "Bridge")
    qtbot.keyClick(editor.panels.exercise_list, Qt.Key.Key_Up, ALT)
    assert editor.document.is_modified
    steps = editor.undo_stack.count()
    assert steps == 6  # typing in one field is one step
    for _ in range(steps):
        qtbot.keyClick(exercise.name, Qt.Key.Key_Z, CTRL)
    assert editor.document.text.encode() == COMMENTED.encode()
    assert form.name.text() == "Evening stretches" and not editor.document.is_modified
    qtbot.keyClick(form.name, Qt.Key.Key_Z, CTRL | SHIFT)
    assert form.name.text() == "Morning"
    qtbot.keyClick(form.name, Qt.Key.Key_Z, CTRL)
    click(qtbot, editor, Intent.SAVE)
    assert path.read_bytes() == COMMENTED.encode()


# (which input, what is typed, the loader's words shown under it)
FIELD_ERRORS = [
    ("routine_form.name", "", "name is empty"),
    ("routine_form.sessions", "13", "sessions_per_day must be a whole number from 1 to 12"),
    ("routine_form.prepare", "11 min", "prepare must be from 0 s to 10 min"),
    ("routine_form.rest", "soon", "rest must be a duration"),
    ("routine_form.set_rest", "31 min", "set_rest must be from 0 s to 30 min"),
    ("exercise_form.name", "", "name is empty"),
    ("exercise_form.hold", "0", "hold must be from 1 s to 2 h, got 0"),
    ("exercise_form.hold_max", "2", "hold range goes from 5 s down to 2 s"),
    ("exercise_form.reps", "ten", 'reps must be a whole number from 1 to 100, got "ten"'),
    ("exercise_form.sets", "21", "sets must be a whole number from 1 to 20, got 21"),
    ("exercise_form.prepare", "-1", "prepare must be from 0 s to 10 min, got -1"),
    ("exercise_form.rest", "20 min", "rest must be from 0 s to 10 min"),
    ("exercise_form.set_rest", "1 h", "set_rest must be from 0 s to 30 min"),
]


@pytest.mark.parametrize(("where", "typed", "words"), FIELD_ERRORS, ids=lambda v: str(v)[:24])
def test_each_field_error_is_shown_at_its_field(
    qtbot: Any, tmp_path: Path, where: str, typed: str, words: str
) -> None:
    path = tmp_path / "evening.yaml"
    path.write_text(COMMENTED)
    editor = make_editor(qtbot, RoutineDocument.open(path))
    panel, name = where.split(".")
    form = getattr(editor.panels, panel)
    widget = getattr(form, name)
    type_into(qtbot, widget, typed)
    boxes = form.boxes
    box = next(b for b in boxes.values() if widget in b.inputs)
    assert box.problem.isVisibleTo(editor)
    assert words in box.problem.text()
    # The field's place says where; the words are the loader's from there on.
    assert box.problem.text().startswith(("⚠ name", "⚠ " + name.split("_")[0], "⚠ sessions"))
    assert widget.property("invalid") is True
    assert words in widget.accessibleDescription()
    others = [b for b in [*editor.panels.routine_form.boxes.values(),
              *editor.panels.exercise_form.boxes.values()] if b is not box]  # fmt: skip
    assert not any(b.problem.isVisibleTo(editor) for b in others)
    assert "⚠ 1" in editor.panels.exercise_list.item(0).text() or panel == "routine_form"
    type_into(qtbot, widget, "" if typed and name == "hold_max" else widget.text())
    qtbot.keyClick(widget, Qt.Key.Key_Z, CTRL)
    assert not box.problem.isVisibleTo(editor)


def test_an_image_outside_the_folder_and_a_missing_name_show_where_they_belong(
    qtbot: Any, tmp_path: Path
) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text(COMMENTED.replace("    reps: 4\n", "    reps: 4\n    image: ../x.svg\n"))
    editor = make_editor(qtbot, RoutineDocument.open(path))
    assert not editor.document.read_only  # it does not load: shown where, to be fixed
    problem = editor.panels.exercise_form.boxes["image"].problem.text()
    assert "image must not lead outside the routine's folder" in problem
    assert "marked ⚠ at its field" in editor.status.text()


def test_saving_with_errors_is_refused_but_the_draft_is_kept(qtbot: Any, tmp_path: Path) -> None:
    path = tmp_path / "evening.yaml"
    path.write_text(COMMENTED)
    editor = make_editor(qtbot, RoutineDocument.open(path))
    type_into(qtbot, editor.panels.exercise_form.reps, "ten")
    qtbot.keyClick(editor.panels.exercise_form.reps, Qt.Key.Key_S, CTRL)
    assert path.read_text() == COMMENTED
    assert editor.status.isVisibleTo(editor)
    assert "Not saved: fix the 1 problem marked ⚠ first" in editor.status.text()
    assert editor.panels.exercise_form.reps.text() == "ten"
    assert "Fix the 1 problem" in editor.panels.total.text()


def test_a_folder_that_cannot_be_written_keeps_the_draft(qtbot: Any, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    document = RoutineDocument.blank()
    editor = make_editor(qtbot, document)
    type_into(qtbot, editor.panels.routine_form.name, "Short")
    click(qtbot, editor, Intent.ADD_EXERCISE)
    type_into(qtbot, editor.panels.exercise_form.name, "Stretch")
    type_into(qtbot, editor.panels.exercise_form.hold, "5")
    document.path = blocker / "short.yaml"
    click(qtbot, editor, Intent.SAVE)
    assert f"Cannot save in the folder {blocker}" in editor.status.text()
    assert "Your changes are kept here" in editor.status.text()
    assert document.is_modified and editor.panels.exercise_form.hold.text() == "5"
    [recovery] = read_recoveries()
    assert recovery.text == document.text


def test_a_file_that_is_not_yaml_opens_read_only_with_its_problems_and_lines(
    qtbot: Any, tmp_path: Path
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("format: 1\nname: Broken\nexercises:\n  - name: A\n    hold: [5\n")
    editor = make_editor(qtbot, RoutineDocument.open(path))
    assert not editor.panels.isVisibleTo(editor)
    text = editor.read_only_view.toPlainText()
    assert "broken.yaml:" in text and "not valid YAML" in text
    assert "read-only" in editor.title.text()
    assert not editor.buttons[Intent.SAVE].isEnabled()
    assert editor.buttons[Intent.CLOSE_EDITOR].isEnabled()


def test_closing_with_unsaved_changes_asks(qtbot: Any, asked: Asked, tmp_path: Path) -> None:
    path = tmp_path / "evening.yaml"
    path.write_text(COMMENTED)
    editor = make_editor(qtbot, RoutineDocument.open(path))
    with qtbot.waitSignal(editor.finished, timeout=0):
        click(qtbot, editor, Intent.CLOSE_EDITOR)  # nothing changed: no question
    assert asked.unsaved == []
    type_into(qtbot, editor.panels.exercise_form.reps, "5")
    asked.unsaved_answer = Unsaved.CANCEL
    with qtbot.assertNotEmitted(editor.finished):
        qtbot.keyClick(editor.panels.exercise_form.reps, Qt.Key.Key_W, CTRL)
    assert asked.unsaved == ["Evening stretches"]
    asked.unsaved_answer = Unsaved.SAVE
    with qtbot.waitSignal(editor.finished, timeout=0):
        editor.request_close()
    assert "reps: 5" in path.read_text()


def test_saving_over_a_file_changed_on_disk_asks_first(
    qtbot: Any, asked: Asked, tmp_path: Path
) -> None:
    path = tmp_path / "evening.yaml"
    path.write_text(COMMENTED)
    editor = make_editor(qtbot, RoutineDocument.open(path))
    type_into(qtbot, editor.panels.exercise_form.reps, "5")
    path.write_text(COMMENTED.replace("Evening", "Night"))
    asked.answer = False
    click(qtbot, editor, Intent.SAVE)
    assert asked.questions == ["The file changed on disk"]
    assert "Night" in path.read_text() and editor.document.is_modified
    asked.answer = True
    click(qtbot, editor, Intent.SAVE)
    assert "reps: 5" in path.read_text() and not editor.document.is_modified


def test_exercises_move_with_alt_arrows_and_by_drag(qtbot: Any) -> None:
    document = RoutineDocument.from_text(
        "format: 1\nname: R\nexercises:\n  - name: A\n    hold: 1\n  - name: B\n    hold: 2\n"
        "  - name: C\n    hold: 3\n"
    )
    editor = make_editor(qtbot, document)
    items = editor.panels.exercise_list
    items.setFocus()
    qtbot.keyClick(items, Qt.Key.Key_Down, ALT)
    assert [e.name for e in document.draft.exercises] == ["B", "A", "C"]
    assert editor.current == 1 and items.currentRow() == 1
    qtbot.keyClick(items, Qt.Key.Key_Down, ALT)
    qtbot.keyClick(items, Qt.Key.Key_Down, ALT)  # already last: nothing happens
    assert [e.name for e in document.draft.exercises] == ["B", "C", "A"]
    items.model().moveRow(items.rootIndex(), 2, items.rootIndex(), 0)  # what a drop does
    assert [e.name for e in document.draft.exercises] == ["A", "B", "C"]
    assert [items.item(i).text()[3] for i in range(3)] == ["A", "B", "C"]
    qtbot.keyClick(items, Qt.Key.Key_Z, CTRL)
    assert [e.name for e in document.draft.exercises] == ["B", "C", "A"]


def test_add_duplicate_and_remove_by_keys(qtbot: Any) -> None:
    editor = make_editor(qtbot, RoutineDocument.open(seed_001_path()))
    items = editor.panels.exercise_list
    items.setFocus()
    qtbot.keyClick(items, Qt.Key.Key_D, CTRL)
    assert len(editor.document.draft.exercises) == 2 and editor.current == 1
    qtbot.keyClick(items, Qt.Key.Key_N, CTRL | SHIFT)
    assert len(editor.document.draft.exercises) == 3 and editor.current == 2
    assert editor.panels.exercise_form.name.hasFocus()
    assert "hold is missing" in editor.panels.exercise_form.boxes["hold"].problem.text()
    qtbot.keyClick(items, Qt.Key.Key_Delete, ALT)
    assert len(editor.document.draft.exercises) == 2


def test_try_it_and_export_are_signals_for_the_window(qtbot: Any, tmp_path: Path) -> None:
    editor = make_editor(qtbot, RoutineDocument.open(seed_001_path()))
    with qtbot.waitSignal(editor.tryRequested, timeout=0) as tried:
        click(qtbot, editor, Intent.TRY)
    assert tried.args[0] == load_routine(seed_001_path())
    with qtbot.waitSignal(editor.exportRequested, timeout=0):
        qtbot.keyClick(editor.panels.exercise_list, Qt.Key.Key_E, CTRL)
    assert editor.export_to(tmp_path / "out" / "k.yaml")
    assert load_routine(tmp_path / "out" / "k.yaml") == load_routine(seed_001_path())
    type_into(qtbot, editor.panels.exercise_form.reps, "0")
    with qtbot.assertNotEmitted(editor.tryRequested):
        click(qtbot, editor, Intent.TRY)
    assert "Fix the problems" in editor.status.text()


def test_every_field_has_a_name_and_every_button_its_key(qtbot: Any) -> None:
    editor = make_editor(qtbot, RoutineDocument.open(seed_001_path()))
    inputs = editor.findChildren(QLineEdit) + editor.findChildren(QPlainTextEdit)
    inputs += editor.findChildren(QComboBox)
    assert len(inputs) >= 20
    for widget in inputs:
        assert widget.accessibleName(), widget
    for action, button in editor.buttons.items():
        assert button.accessibleName()
        assert "(" in button.toolTip() and ")" in button.toolTip(), action


def test_tab_order_follows_the_form(qtbot: Any) -> None:
    editor = make_editor(qtbot, RoutineDocument.open(seed_001_path()))
    form, exercise = editor.panels.routine_form, editor.panels.exercise_form
    expected = [form.name, form.description, form.source, form.sessions, form.prepare]
    expected += [form.rest, form.set_rest, editor.panels.exercise_list]
    form.name.setFocus()
    for widget in expected[1:]:
        qtbot.keyClick(editor.focusWidget(), Qt.Key.Key_Tab)
        assert editor.focusWidget() is widget
    walk = [editor.focusWidget()]
    for _ in range(12):
        qtbot.keyClick(editor.focusWidget(), Qt.Key.Key_Tab)
        walk.append(editor.focusWidget())
    assert walk.index(exercise.name) < walk.index(exercise.hold) < walk.index(exercise.sides)


def test_it_follows_the_theme(qtbot: Any) -> None:
    from spasmtimer.ui.theme import DARK, LIGHT

    editor = make_editor(qtbot, RoutineDocument.blank())
    editor.apply_theme(DARK)
    assert DARK.danger in editor.styleSheet() and DARK.surface in editor.styleSheet()
    editor.apply_theme(LIGHT)
    assert LIGHT.danger in editor.styleSheet()
    name = editor.panels.routine_form.name
    small = QFontInfo(name.font()).pixelSize()
    editor.resize(1920, 1080)
    qtbot.wait(0)
    assert QFontInfo(name.font()).pixelSize() > small
    assert QFontInfo(editor.title.font()).pixelSize() > QFontInfo(name.font()).pixelSize()
    assert editor.document.check().at(FieldRef("name")) == ["name is empty"]


def test_an_edit_undone_leaves_no_recovery_copy_behind(qtbot: Any, tmp_path: Path) -> None:
    path = tmp_path / "evening.yaml"
    path.write_text(COMMENTED)
    editor = make_editor(qtbot, RoutineDocument.open(path))
    type_into(qtbot, editor.panels.routine_form.name, "Evening stretches!")
    editor.keep_recovery_now()  # what the timer does 2 s after typing
    assert len(read_recoveries()) == 1
    editor.undo_stack.undo()
    assert not editor.document.is_modified
    editor.keep_recovery_now()  # the timer again: the copy goes
    assert read_recoveries() == []
    type_into(qtbot, editor.panels.routine_form.name, "Evening stretches!")
    editor.keep_recovery_now()
    editor.undo_stack.undo()
    assert editor.maybe_close()  # a clean close removes it too
    assert read_recoveries() == []


def test_the_wheel_over_a_choice_scrolls_the_form_and_changes_nothing(
    qtbot: Any, tmp_path: Path
) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    path = tmp_path / "evening.yaml"
    path.write_text(COMMENTED)
    editor = make_editor(qtbot, RoutineDocument.open(path))
    sides = editor.panels.exercise_form.sides
    editor.panels.exercise_form.name.setFocus()
    before = sides.currentIndex()
    centre = QPointF(sides.rect().center())
    wheel = QWheelEvent(
        centre,
        QPointF(sides.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(sides, wheel)
    assert sides.currentIndex() == before
    assert not editor.document.is_modified


def test_a_problem_line_or_the_status_never_moves_the_fields(qtbot: Any, tmp_path: Path) -> None:
    path = tmp_path / "evening.yaml"
    path.write_text(COMMENTED)
    editor = make_editor(qtbot, RoutineDocument.open(path))
    form = editor.panels.exercise_form
    below = form.sets
    y = below.mapTo(editor, below.rect().topLeft()).y()
    type_into(qtbot, form.reps, "ten")  # a problem line under reps
    qtbot.wait(0)
    assert form.boxes["reps"].problem.isVisible()
    assert below.mapTo(editor, below.rect().topLeft()).y() == y
    type_into(qtbot, form.reps, "4")  # and gone
    qtbot.wait(0)
    assert below.mapTo(editor, below.rect().topLeft()).y() == y
    editor.say("Saved somewhere.")
    qtbot.wait(0)
    assert below.mapTo(editor, below.rect().topLeft()).y() == y
    type_into(qtbot, form.reps, "5")  # a new edit: "Saved" is no longer said
    assert editor.status.text() == "" and not editor.status.isVisible()


def test_every_field_has_its_own_alt_key_and_none_is_a_menus(qtbot: Any) -> None:
    from PySide6.QtWidgets import QLabel

    from spasmtimer.ui.menus import MENUS

    editor = make_editor(qtbot, RoutineDocument.open(seed_001_path()))
    menus = {title.split("&")[1][0].lower() for title, _ in MENUS}
    keys = [
        label.text().split("&")[1][0].lower()
        for label in editor.findChildren(QLabel)
        if label.buddy() is not None and "&" in label.text()
    ]
    assert len(keys) >= 15
    assert len(keys) == len(set(keys)), sorted(keys)
    assert not set(keys) & menus


def test_a_missing_picture_is_noted_at_its_field_as_validate_says(
    qtbot: Any, tmp_path: Path
) -> None:
    path = tmp_path / "evening.yaml"
    path.write_text(
        COMMENTED.replace("    reps: 4\n", "    reps: 4\n    image: no-such-picture.svg\n")
    )
    editor = make_editor(qtbot, RoutineDocument.open(path))
    note = editor.panels.exercise_form.picture_note
    assert note.isVisible()
    assert "'no-such-picture.svg' is neither beside the file nor bundled" in note.text()
    choose(qtbot, editor.panels.exercise_form.image, "single-knee-to-chest.svg")
    assert not note.isVisible()
