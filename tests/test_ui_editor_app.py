"""The routine editor in the app: reached from the picker, as a user would, through keys."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from ui_helpers import make_window, refuse_real_dialogs

from spasmtimer import resources
from spasmtimer.core.editor.document import RoutineDocument
from spasmtimer.core.editor.draft import FieldRef
from spasmtimer.core.history.store import HistoryStore
from spasmtimer.core.routines.library import Origin
from spasmtimer.core.routines.loader import load_routine
from spasmtimer.ui.dialogs import Dialogs, Recover
from spasmtimer.ui.intents import Intent, Screen
from spasmtimer.ui.main_window import MainWindow
from spasmtimer.ui.routines.editor import RoutineEditor
from spasmtimer.ui.routines.editor_commands import Unsaved
from spasmtimer.ui.theme import DARK
from tests.editor_helpers import SEED_001_DESCRIPTION, SEED_001_INSTRUCTIONS, seed_001_path
from tests.test_routine_document import COMMENTED, changed_lines
from tests.test_ui_picker import user_file
from tests.test_ui_routine_editor import choose, cli_plan, click, type_into

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def discard_on_close(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows left with an open draft at the end of a test close without asking."""
    monkeypatch.setattr(RoutineEditor, "ask_unsaved", classmethod(lambda *a: Unsaved.DISCARD))


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    return make_window(qtbot, tmp_path, monkeypatch)


def choose_routine(window: MainWindow, name: str) -> None:
    window.routines.reload_library()
    names = [e.routine.name for e in window.routines.picker.library.entries]
    window.routines.picker.list.setCurrentRow(names.index(name))


def editor_of(window: MainWindow) -> RoutineEditor:
    assert window.nav.current() is Screen.EDITOR
    assert window.editing.editor is not None
    return window.editing.editor


def test_a_new_routine_built_from_the_picker_plans_as_the_form_shows(
    qtbot: Any, window: MainWindow, capsys: pytest.CaptureFixture[str]
) -> None:
    qtbot.keyClick(window.routines.picker.list, Key.Key_N)
    editor = editor_of(window)
    form, exercise = editor.panels.routine_form, editor.panels.exercise_form
    assert window.focusWidget() is form.name
    type_into(qtbot, form.name, "Knee to chest")
    type_into(qtbot, form.description, SEED_001_DESCRIPTION)
    type_into(qtbot, form.source, "Back Spasms (Cedars-Sinai)")
    type_into(qtbot, form.prepare, "10s")
    type_into(qtbot, form.rest, "3s")
    qtbot.keyClick(form.rest, Key.Key_N, CTRL | Qt.KeyboardModifier.ShiftModifier)
    type_into(qtbot, exercise.name, "Knee to chest")
    type_into(qtbot, exercise.instructions, SEED_001_INSTRUCTIONS)
    choose(qtbot, exercise.image, "single-knee-to-chest.svg")
    type_into(qtbot, exercise.hold, "10")
    type_into(qtbot, exercise.reps, "6")
    type_into(qtbot, exercise.reps_max, "7")
    choose(qtbot, exercise.sides, "alternate")
    # The bundled routine has that name: this one may not take it (two "Knee to
    # chest" in the list, and on Today, could not be told apart).
    assert "already called 'Knee to chest'" in form.boxes[FieldRef("name")].problem.text()
    type_into(qtbot, form.name, "My knee to chest")
    shown = editor.panels.plan.toPlainText().splitlines()
    qtbot.keyClick(exercise.reps, Key.Key_S, CTRL)
    saved = editor.document.path
    assert saved is not None and saved.parent == resources.user_routines_dir()
    assert shown == cli_plan(saved, capsys)[: len(shown)] and len(shown) > 10
    bundled = load_routine(seed_001_path())
    assert load_routine(saved) == replace(bundled, name="My knee to chest")
    # The picker lists it, chosen, once the editor is closed.
    qtbot.keyClick(exercise.reps, Key.Key_W, CTRL)
    assert window.nav.current() is Screen.PICKER and window.editing.editor is None
    entry = window.routines.picker.current_entry()
    assert entry is not None and entry.routine.path == saved and entry.origin is Origin.USER


def test_typing_in_the_editor_never_triggers_the_window_keys(
    qtbot: Any, window: MainWindow
) -> None:
    qtbot.keyClick(window.routines.picker.list, Key.Key_N)
    editor = editor_of(window)
    muted = window.controller.muted
    qtbot.keyClicks(editor.panels.routine_form.name, "my yoga fun? hello")
    assert editor.document.draft.name == "my yoga fun? hello"
    assert window.controller.muted == muted and not window.isFullScreen()
    assert window.history_feature.window is None and window.nav.current() is Screen.EDITOR
    qtbot.keyClick(editor.panels.routine_form.name, Key.Key_F1)
    assert window._help.isVisible()  # F1 still lists the keys
    window._help.close()
    qtbot.keyClick(editor.panels.routine_form.name, Key.Key_Escape)  # asks: discard
    assert window.nav.current() is Screen.PICKER and window.editing.editor is None


def test_editing_a_commented_file_changes_one_line(qtbot: Any, window: MainWindow) -> None:
    path = user_file("evening.yaml", COMMENTED)
    choose_routine(window, "Evening stretches")
    assert window.routines.picker.editing.edit_button.isEnabled()
    qtbot.keyClick(window.routines.picker.list, Key.Key_E)
    editor = editor_of(window)
    assert editor.document.path == path
    editor.panels.exercise_list.setCurrentRow(1)
    assert editor.current == 1
    type_into(qtbot, editor.panels.exercise_form.hold, "8")
    qtbot.keyClick(editor.panels.exercise_form.hold, Key.Key_S, CTRL)
    assert changed_lines(COMMENTED, path.read_text()) == [
        "-    hold: 5         # Dr. Lee: five seconds",
        "+    hold: 8         # Dr. Lee: five seconds",
    ]
    # The picker was reloaded with the saved file: the overview gets the new hold.
    entry = window.routines.picker.current_entry()
    assert entry is not None and entry.routine.exercises[1].hold.min_seconds == 8


def test_a_bundled_routine_is_edited_as_a_copy(qtbot: Any, window: MainWindow) -> None:
    window.routines.picker.list.setCurrentRow(0)
    bundled = window.routines.picker.current_entry()
    assert bundled is not None and bundled.origin is Origin.BUNDLED and bundled.routine.path
    before = bundled.routine.path.read_bytes()
    assert not window.routines.picker.editing.edit_button.isEnabled()
    assert not window.routines.picker.editing.delete_button.isEnabled()
    qtbot.keyClick(window.routines.picker.list, Key.Key_E)  # E on a bundled one: its copy
    editor = editor_of(window)
    assert editor.document.draft.name == f"{bundled.routine.name} (my copy)"
    click(qtbot, editor, Intent.SAVE)
    copy = editor.document.path
    assert copy is not None and copy.parent == resources.user_routines_dir()
    assert bundled.routine.path.read_bytes() == before
    assert load_routine(copy).exercises == bundled.routine.exercises
    entry = window.routines.picker.current_entry()
    assert entry is not None and entry.routine.path == copy


def test_delete_asks_and_undo_puts_the_same_bytes_back(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = user_file("evening.yaml", COMMENTED)
    asked: list[str] = []
    answer = [False]

    def ask(cls: object, parent: object, title: str, text: str) -> bool:
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(Dialogs, "ask", classmethod(ask))
    choose_routine(window, "Evening stretches")
    qtbot.keyClick(window.routines.picker.list, Key.Key_Delete)
    assert len(asked) == 1 and "Evening stretches" in asked[0] and path.exists()
    answer[0] = True
    window.routines.picker.editing.delete_button.click()
    assert not path.exists()
    assert "Evening stretches" not in [
        e.routine.name for e in window.routines.picker.library.entries
    ]
    assert window.routines.picker.editing.undo_shown
    # The cards left still say how many were done today.
    from spasmtimer.ui.routines.picker import TODAY_ROLE

    picker = window.routines.picker
    items = [picker.list.item(r) for r in range(picker.list.count())]
    assert items and all(isinstance(i.data(TODAY_ROLE), int) for i in items)
    qtbot.keyClick(window.routines.picker.list, Key.Key_U)
    assert path.read_text() == COMMENTED
    assert not window.routines.picker.editing.undo_shown
    entry = window.routines.picker.current_entry()
    assert entry is not None and entry.routine.path == path
    # A bundled routine is never deleted, whatever the key.
    window.routines.picker.list.setCurrentRow(0)
    qtbot.keyClick(window.routines.picker.list, Key.Key_Delete)
    assert len(asked) == 2
    assert all(p.exists() for p in resources.bundled_routine_files())


def test_closing_the_window_with_unsaved_changes_asks(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [Unsaved.CANCEL, Unsaved.DISCARD]
    asked: list[str] = []

    def ask_unsaved(cls: object, parent: object, name: str) -> Unsaved:
        asked.append(name)
        return answers.pop(0)

    monkeypatch.setattr(RoutineEditor, "ask_unsaved", classmethod(ask_unsaved))
    window.editing.new_routine()
    qtbot.keyClicks(editor_of(window).panels.routine_form.name, "Unsaved one")
    window.close()
    assert asked == ["Unsaved one"] and window.isVisible()
    window.close()
    assert asked == ["Unsaved one", "Unsaved one"] and not window.isVisible()


def test_try_it_runs_the_draft_unrecorded_and_comes_back_to_the_editor(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Dialogs, "ask", classmethod(lambda cls, p, t, x: True))
    window.editing.edit_file(seed_001_path())
    editor = editor_of(window)
    type_into(qtbot, editor.panels.exercise_form.reps, "2")
    qtbot.keyClick(editor.panels.exercise_form.reps, Key.Key_T, CTRL)
    assert window.nav.current() is Screen.SESSION
    session = window.controller.session
    assert session is not None and session.plan.routine.exercises[0].reps == 2
    qtbot.keyClick(window.session.view, Key.Key_Escape)  # stop (asked: yes)
    qtbot.waitUntil(lambda: window.nav.current() is Screen.EDITOR, timeout=2000)
    assert window.editing.editor is editor and editor.document.is_modified
    store = window.history.store
    assert isinstance(store, HistoryStore) and store.sessions() == []


def test_export_asks_where_and_writes_the_file(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    suggested: list[Path] = []

    def where(cls: object, parent: object, start: Path) -> Path:
        suggested.append(start)
        return tmp_path / "for-my-patient"

    monkeypatch.setattr(Dialogs, "choose_export_path", classmethod(where))
    window.editing.edit_file(seed_001_path())
    editor = editor_of(window)
    qtbot.keyClick(editor.panels.routine_form.name, Key.Key_E, CTRL)
    assert suggested[0].name == "knee-to-chest-my-copy.yaml"
    exported = load_routine(tmp_path / "for-my-patient.yaml")
    assert exported.name == "Knee to chest (my copy)"
    assert exported.exercises == load_routine(seed_001_path()).exercises
    assert "Exported to" in editor.status.text()


def test_the_handout_is_printed_from_the_editor(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(
        Dialogs, "choose_pdf_path", classmethod(lambda cls, p, s: tmp_path / "handout")
    )
    monkeypatch.setattr(Dialogs, "inform", classmethod(lambda cls, p, t, x: told.append(t)))
    window.editing.edit_file(seed_001_path())
    click(qtbot, editor_of(window), Intent.HANDOUT)
    assert told == ["Handout written"]
    assert (tmp_path / "handout.pdf").read_bytes().startswith(b"%PDF")


def test_file_new_routine_opens_a_blank_editor(window: MainWindow) -> None:
    from spasmtimer.ui.intents import Intent

    file_menu = window.menuBar().actions()[0].menu()
    entry = next(a for a in file_menu.actions() if a.data() == Intent.NEW_ROUTINE.name)
    assert entry.text().endswith("\tN")
    entry.trigger()
    assert editor_of(window).document.draft.name == ""


def test_the_theme_reaches_an_open_editor(window: MainWindow) -> None:
    window.editing.new_routine()
    window.apply_theme(DARK)
    assert DARK.surface in editor_of(window).styleSheet()


def test_a_draft_kept_when_the_app_closed_is_offered_at_start(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = RoutineDocument.blank()
    document.set_field(FieldRef("name"), "Half done")
    document.keep_recovery()
    offered: list[str] = []
    answers = [Recover.LATER, Recover.OPEN]

    def recover(cls: object, parent: object, text: str) -> Recover:
        offered.append(text)
        return answers.pop(0)

    monkeypatch.setattr(Dialogs, "recover_draft", classmethod(recover))
    window.editing.offer_recoveries()
    assert window.editing.editor is None and "Half done" in offered[0]
    window.editing.offer_recoveries()
    editor = editor_of(window)
    assert editor.document.draft.name == "Half done" and editor.document.is_modified


def test_the_help_lists_the_picker_and_editor_keys(window: MainWindow) -> None:
    from spasmtimer.ui.shortcuts_dialog import ShortcutsDialog

    dialog = ShortcutsDialog(window)
    rows = [
        tuple(dialog.table.item(r, c).text() for c in range(3))
        for r in range(dialog.table.rowCount())
    ]
    assert ("Routines", "N", "New routine") in rows
    assert ("Routines", "Delete", "Delete your routine (asks)") in rows
    assert ("Routine editor", "Ctrl+S", "Save the routine file") in rows
    assert ("Routine editor", "Ctrl+W, Esc", "Close the editor") in rows
    assert ("Routine editor", "Alt+↑", "Move this exercise up") in rows
    bar = window.routines.picker.editing
    for button in (*bar.buttons, bar.undo_button):
        assert button.accessibleName() and "(" in button.toolTip()


@pytest.fixture
def edit_windows(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> list[MainWindow]:
    """The windows ``spasmtimer edit`` opens, their event loop not run."""
    from spasmtimer.cli import edit

    seen: list[MainWindow] = []

    def run(app: object, window: MainWindow) -> int:
        seen.append(window)
        qtbot.addWidget(window)
        return 0

    monkeypatch.setattr(edit, "run_event_loop", run)
    refuse_real_dialogs(monkeypatch)
    return seen


def test_spasmtimer_edit_opens_a_broken_file_to_be_fixed_its_problem_said_once(
    edit_windows: list[MainWindow], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from spasmtimer.cli import main

    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nname: B\nexercises:\n  - name: X\n    hold: 5\n    reps: ten\n")
    assert main(["edit", str(broken)]) == 1  # closed without fixing it
    err = capsys.readouterr().err
    assert err.count("broken.yaml:6:11: ") == 1
    assert 'exercise 1 ("X"): reps must be a whole number' in err
    editor = editor_of(edit_windows[0])
    assert not editor.document.read_only and "(read-only)" not in editor.title.text()
    assert "reps must be a whole number" in editor.panels.exercise_form.boxes["reps"].problem.text()
    assert "marked ⚠ at its field" in editor.status.text()


@pytest.mark.parametrize(
    ("argument", "code", "said"),
    [
        ("missing-folder/new.yaml", 1, "there is no folder"),
        ("no such routine", 1, "no routine has that name"),
        (".", 1, "is a folder"),
    ],
)
def test_spasmtimer_edit_says_what_it_cannot_open(
    argument: str, code: int, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from spasmtimer.cli import main

    assert main(["edit", argument]) == code
    assert said in capsys.readouterr().err


def test_spasmtimer_edit_a_new_file_and_a_bundled_name(
    edit_windows: list[MainWindow], tmp_path: Path
) -> None:
    from spasmtimer.cli import main

    assert main(["edit", str(tmp_path / "new.yaml")]) == 0
    document = editor_of(edit_windows[-1]).document
    assert document.path == tmp_path / "new.yaml" and document.draft.name == ""
    assert main(["edit", "knee-to-chest"]) == 0
    document = editor_of(edit_windows[-1]).document
    assert document.draft.name == "Knee to chest (my copy)"
    assert document.path is not None and document.path.parent == resources.user_routines_dir()


def test_no_display_is_exit_code_2(monkeypatch: pytest.MonkeyPatch) -> None:
    from spasmtimer.cli import main

    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert main(["edit", "anything.yaml"]) == 2
