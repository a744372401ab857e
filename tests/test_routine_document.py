"""The routine document: a draft built, changed, checked and saved through its API."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from spasmtimer import resources
from spasmtimer.core.editor.document import (
    ChangedOnDisk,
    DraftHasProblems,
    ReadOnlyDocument,
    RoutineDocument,
)
from spasmtimer.core.editor.draft import FieldRef
from spasmtimer.core.editor.files import SaveError, read_recoveries
from spasmtimer.core.routines.loader import load_routine
from spasmtimer.core.routines.plan import make_plan
from spasmtimer.core.routines.plan_text import plan_table
from tests.editor_helpers import build_seed_001, seed_001_path

COMMENTED = """\
# My back routine, from Dr. Lee (keep this comment)
format: 1
name: "Evening stretches"
defaults:
  rest: 5s        # a slow breath
exercises:
  # the first one is the gentlest
  - name: Knee to chest
    hold: [5, 10]   # start at 5
    reps: 4
    sides: alternate

  - name: Pelvic tilt
    hold: 5         # Dr. Lee: five seconds
    reps:   10
"""


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_the_seed_routine_built_from_blank_saves_loads_and_plans_like_the_bundled_one(
    tmp_path: Path,
) -> None:
    document = RoutineDocument.blank()
    assert not document.check().ok
    build_seed_001(document)
    assert document.check().ok, document.check().problems
    saved = document.save()
    assert saved.parent == resources.user_routines_dir()
    assert saved.name == "knee-to-chest.yaml"
    expected = load_routine(seed_001_path())
    assert load_routine(saved) == expected
    assert plan_table(make_plan(load_routine(saved))) == plan_table(make_plan(expected))
    assert not document.is_modified


def test_changing_one_hold_of_a_commented_file_changes_one_line(tmp_path: Path) -> None:
    path = tmp_path / "evening.yaml"
    path.write_text(COMMENTED)
    document = RoutineDocument.open(path)
    assert document.text == COMMENTED
    document.set_field(FieldRef("hold", 1), "8")
    document.save()
    after = path.read_text()
    assert changed_lines(COMMENTED, after) == [
        "-    hold: 5         # Dr. Lee: five seconds",
        "+    hold: 8         # Dr. Lee: five seconds",
    ]
    assert load_routine(path).exercises[1].hold.min_seconds == 8


def test_undo_back_to_the_start_gives_the_original_bytes(tmp_path: Path) -> None:
    path = tmp_path / "evening.yaml"
    path.write_bytes(COMMENTED.encode())
    document = RoutineDocument.open(path)
    history = [document.snapshot()]
    edits = [
        lambda: document.set_field(FieldRef("name"), "Morning"),
        lambda: document.set_hold(FieldRef("hold", 0), "6", "12"),
        lambda: document.set_field(FieldRef("rest", defaults=True), ""),
        lambda: document.add_exercise(name="Bridge"),
        lambda: document.move_exercise(2, 0),
        lambda: document.remove_exercise(1),
        lambda: document.set_field(FieldRef("instructions", 0), "Slowly.\nBreathe."),
    ]
    for edit in edits:
        edit()
        history.append(document.snapshot())
    assert document.is_modified
    for snapshot in reversed(history[:-1]):
        document.restore(snapshot)
    assert document.text.encode() == COMMENTED.encode()
    assert not document.is_modified
    document.save()
    assert path.read_bytes() == COMMENTED.encode()


def test_exercises_are_added_duplicated_moved_and_removed() -> None:
    document = RoutineDocument.blank()
    for name in ("A", "B", "C"):
        document.set_field(FieldRef("name", document.add_exercise()), name)
    document.duplicate_exercise(0)
    document.move_exercise(3, 0)
    names = [exercise.name for exercise in document.draft.exercises]
    assert names == ["C", "A", "A", "B"]
    document.remove_exercise(1)
    assert [e.name for e in document.draft.exercises] == ["C", "A", "B"]


def test_durations_keep_their_units_and_a_range_is_two_values() -> None:
    document = RoutineDocument.blank()
    document.set_field(FieldRef("name"), "Units")
    index = document.add_exercise(name="Plank")
    document.set_hold(FieldRef("hold", index), "1m30s", "2 min")
    document.set_field(FieldRef("prepare", index), "1:30")
    document.set_field(FieldRef("rest", index), "2.5")
    draft = document.draft.exercises[index]
    assert (draft.hold, draft.hold_max, draft.prepare, draft.rest) == (
        "1m30s",
        "2 min",
        "1:30",
        "2.5",
    )
    exercise = document.check().routine.exercises[0]  # type: ignore[union-attr]
    assert (exercise.hold.min_seconds, exercise.hold.max_seconds) == (90, 120)
    assert (exercise.prepare, exercise.rest) == (90, 2.5)
    assert "hold: [1m30s, 2 min]" in document.text


def test_text_the_loader_would_read_as_something_else_is_quoted() -> None:
    document = RoutineDocument.blank()
    document.set_field(FieldRef("name"), "yes")
    document.set_field(FieldRef("name", document.add_exercise()), "null")
    document.set_field(FieldRef("hold", 0), "3")
    routine = document.check().routine
    assert routine is not None
    assert (routine.name, routine.exercises[0].name) == ("yes", "null")


def test_live_summary_is_the_first_lines_of_the_plan() -> None:
    document = RoutineDocument.open(seed_001_path())
    summary = document.summary(lines=5)
    assert summary is not None
    routine = load_routine(seed_001_path())
    plan = make_plan(routine)
    assert summary.plan_lines == tuple(plan_table(plan).splitlines()[:5])
    assert (summary.total_seconds, summary.steps, summary.holds) == (
        plan.total_seconds,
        len(plan.steps),
        plan.hold_count,
    )
    document.set_field(FieldRef("reps", 0), "7")
    longer = document.summary()
    assert longer is not None and longer.total_seconds == plan.total_seconds + 2 * (10 + 3)
    document.set_field(FieldRef("reps", 0), "seven")
    assert document.summary() is None


def test_a_draft_with_problems_is_not_saved_but_kept(tmp_path: Path) -> None:
    path = tmp_path / "evening.yaml"
    path.write_text(COMMENTED)
    document = RoutineDocument.open(path)
    document.set_field(FieldRef("reps", 0), "ten")
    with pytest.raises(DraftHasProblems) as raised:
        document.save()
    assert 'reps must be a whole number from 1 to 100, got "ten"' in str(raised.value)
    assert path.read_text() == COMMENTED
    assert document.draft.exercises[0].reps == "ten"
    assert document.is_modified


def test_a_file_that_does_not_load_opens_to_be_fixed(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(
        "format: 1\nname: Broken\nexercises:\n  - name: A\n    hold: 5\n    reps: ten\n"
    )
    document = RoutineDocument.open(path)
    assert not document.read_only
    [problem] = document.load_problems
    assert (problem.line, problem.column) == (6, 11)
    assert "reps must be a whole number" in problem.message
    assert "reps must be a whole number" in document.check().at(FieldRef("reps", 0))[0]
    document.set_field(FieldRef("reps", 0), "5")
    assert document.check().ok
    document.save()
    assert load_routine(path).exercises[0].reps == 5


def test_a_file_that_is_not_yaml_opens_read_only_with_its_lines(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("format: 1\nname: [unclosed\n")
    document = RoutineDocument.open(path)
    assert document.read_only
    [(problem, _line)] = document.offending_lines()
    assert "not valid YAML" in problem.message
    with pytest.raises(ReadOnlyDocument):
        document.set_field(FieldRef("name"), "Fixed")
    with pytest.raises(ReadOnlyDocument):
        document.save()
    assert path.read_text() == "format: 1\nname: [unclosed\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"format: 1\nname: [unclosed\n", "not valid YAML"),
        (b"\xff\xfe\x00\x00", "UTF-32"),
        (b"exercises: 5\n", "format is missing"),  # no form can show "exercises: 5"
    ],
)
def test_files_that_are_not_routines_open_read_only(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "odd.yaml"
    path.write_bytes(content)
    document = RoutineDocument.open(path)
    assert document.read_only
    assert message in document.load_problems[0].message


def test_a_folder_that_cannot_be_written_gives_a_clear_message_and_keeps_the_draft(
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    source = tmp_path / "evening.yaml"
    source.write_text(COMMENTED)
    document = RoutineDocument.open(source)
    document.set_field(FieldRef("hold", 1), "8")
    with pytest.raises(SaveError) as raised:
        document.save_as(blocker / "evening.yaml")
    assert str(raised.value).startswith(f"Cannot save in the folder {blocker}:")
    assert document.is_modified and document.draft.exercises[1].hold == "8"
    document.keep_recovery()
    [recovery] = read_recoveries()
    assert recovery.text == document.text and recovery.path == source
    assert document.path == source


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_refused_with_permission_denied(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "r.yaml").write_text(COMMENTED)
    document = RoutineDocument.open(folder / "r.yaml")
    document.set_field(FieldRef("name"), "Changed")
    folder.chmod(0o500)
    try:
        with pytest.raises(SaveError, match="permission denied"):
            document.save()
    finally:
        folder.chmod(0o700)
    assert (folder / "r.yaml").read_text() == COMMENTED


def test_saving_over_a_file_changed_on_disk_asks_first(tmp_path: Path) -> None:
    path = tmp_path / "evening.yaml"
    path.write_text(COMMENTED)
    document = RoutineDocument.open(path)
    document.set_field(FieldRef("hold", 1), "8")
    assert not document.changed_on_disk()
    path.write_text(COMMENTED.replace("reps: 4", "reps: 5"))
    assert document.changed_on_disk()
    with pytest.raises(ChangedOnDisk):
        document.save()
    assert "reps: 5" in path.read_text()
    document.save(force=True)
    assert "hold: 8" in path.read_text() and not document.changed_on_disk()


def test_saving_leaves_no_temporary_file_and_keeps_the_mode(tmp_path: Path) -> None:
    path = tmp_path / "evening.yaml"
    path.write_text(COMMENTED)
    path.chmod(0o640)
    document = RoutineDocument.open(path)
    document.set_field(FieldRef("name"), "Renamed")
    document.save()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["evening.yaml"]
    assert path.stat().st_mode & 0o777 == 0o640


def test_a_copy_of_a_bundled_routine_is_clearly_the_users(tmp_path: Path) -> None:
    bundled = resources.bundled_routines_dir() / "back-spasm-relief.yaml"
    document = RoutineDocument.copy_of(bundled)
    assert document.draft.name == "Back spasm relief (my copy)"
    assert document.path == resources.user_routines_dir() / "back-spasm-relief-my-copy.yaml"
    assert document.is_modified
    saved = document.save()
    assert load_routine(saved).exercises == load_routine(bundled).exercises
    assert bundled.read_text() in saved.read_text().replace(
        "name: Back spasm relief (my copy)", "name: Back spasm relief"
    )
    second = RoutineDocument.copy_of(bundled)
    assert second.path == resources.user_routines_dir() / "back-spasm-relief-my-copy-2.yaml"


def test_export_writes_the_file_elsewhere_and_keeps_the_documents_own(tmp_path: Path) -> None:
    path = tmp_path / "evening.yaml"
    path.write_text(COMMENTED)
    document = RoutineDocument.open(path)
    document.set_field(FieldRef("reps", 0), "5")
    document.export(tmp_path / "shared" / "for-a-patient.yaml")
    assert load_routine(tmp_path / "shared" / "for-a-patient.yaml").exercises[0].reps == 5
    assert document.path == path and document.is_modified
    assert path.read_text() == COMMENTED


def test_a_recovery_copy_is_dropped_once_saved(tmp_path: Path) -> None:
    document = RoutineDocument.blank()
    build_seed_001(document)
    document.keep_recovery()
    [recovery] = read_recoveries()
    assert recovery.path is None and recovery.text == document.text
    reopened = RoutineDocument.from_text(recovery.text)
    assert reopened.check().routine == document.check().routine
    document.save()
    assert read_recoveries() == []


def test_a_refused_rename_leaves_the_file_and_no_temporary_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "evening.yaml"
    path.write_text(COMMENTED)
    document = RoutineDocument.open(path)
    document.set_field(FieldRef("name"), "Changed")

    def refuse(source: object, target: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(SaveError, match=r"Cannot save .*evening.yaml: permission denied"):
        document.save()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["evening.yaml"]
    assert path.read_text() == COMMENTED and document.is_modified


def test_a_bundled_routine_is_never_saved_over(tmp_path: Path) -> None:
    bundled = seed_001_path()
    before = bundled.read_bytes()
    document = RoutineDocument.open(bundled)
    assert document.is_bundled
    document.set_field(FieldRef("reps", 0), "7")
    with pytest.raises(SaveError, match="comes with SpasmTimer"):
        document.save()
    assert bundled.read_bytes() == before
    document.save_as(tmp_path / "mine.yaml")  # as the user's own file, it is fine
    assert not document.is_bundled
    assert load_routine(tmp_path / "mine.yaml").exercises[0].reps == 7


def test_editing_goes_on_after_a_save_and_undo_returns_to_the_saved_bytes(
    tmp_path: Path,
) -> None:
    path = tmp_path / "evening.yaml"
    path.write_text(COMMENTED)
    document = RoutineDocument.open(path)
    document.set_field(FieldRef("hold", 1), "8")
    document.save()
    saved = path.read_bytes()
    at_save = document.snapshot()
    document.set_field(FieldRef("reps", 1), "12")
    document.add_exercise(name="Bridge")
    assert document.is_modified
    document.restore(at_save)
    assert document.text.encode() == saved and not document.is_modified


def test_a_recovered_draft_comes_back_changed_against_its_file(tmp_path: Path) -> None:
    path = tmp_path / "evening.yaml"
    path.write_text(COMMENTED)
    document = RoutineDocument.open(path)
    document.set_field(FieldRef("hold", 1), "8")
    document.keep_recovery()
    del document  # the app closed
    [recovery] = read_recoveries()
    back = RoutineDocument.from_recovery(recovery)
    assert back.path == path and back.is_modified
    assert back.draft.exercises[1].hold == "8"
    assert "# Dr. Lee: five seconds" in back.text
    back.save()
    assert read_recoveries() == []
    assert path.read_text() == COMMENTED.replace("hold: 5 ", "hold: 8 ")


def test_an_imported_file_keeps_its_name_and_goes_to_the_users_folder(tmp_path: Path) -> None:
    source = tmp_path / "from-the-physio.yaml"
    source.write_text(COMMENTED)
    document = RoutineDocument.copy_of(source, rename=False)
    assert document.draft.name == "Evening stretches" and document.text == COMMENTED
    assert document.path == resources.user_routines_dir() / "from-the-physio.yaml"
    document.save()
    assert (resources.user_routines_dir() / "from-the-physio.yaml").read_text() == COMMENTED


def test_a_name_another_routine_has_is_refused_at_the_name(tmp_path: Path) -> None:
    document = RoutineDocument.blank()
    build_seed_001(document)
    document.other_names = {"knee to chest": "bundled"}
    check = document.check()
    assert not check.ok
    [message] = check.at(FieldRef("name"))
    assert message == (
        "another routine (bundled) is already called 'Knee to chest'; "
        "give this one a name of its own"
    )
    with pytest.raises(DraftHasProblems):
        document.save()
    document.set_field(FieldRef("name"), "Knee to chest, mine")
    assert document.check().ok
