"""The routine picker: listing, broken files apart, adding a file, keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from ui_helpers import make_window

from spasmtimer import resources
from spasmtimer.core.history.store import SessionStatus
from spasmtimer.core.routines.durations import format_duration
from spasmtimer.core.routines.library import Origin, RoutineEntry
from spasmtimer.ui.dialogs import Conflict, Dialogs
from spasmtimer.ui.intents import Screen
from spasmtimer.ui.main_window import MainWindow
from spasmtimer.ui.routines.editor_commands import Unsaved
from spasmtimer.ui.routines.picker import meta_line

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier

GOOD = """format: 1
name: My floor routine
description: Two gentle holds.
sessions_per_day: 3
exercises:
  - name: Knee hug
    hold: 20
    reps: 2
"""

OTHER = GOOD.replace("My floor routine", "Another routine")


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    return make_window(qtbot, tmp_path, monkeypatch)


def names(window: MainWindow) -> list[str]:
    return [e.routine.name for e in window.routines.picker.library.entries]


def user_file(name: str, text: str) -> Path:
    folder = resources.user_routines_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text)
    return path


def test_lists_the_bundled_routines(window: MainWindow) -> None:
    assert window.nav.current() is Screen.PICKER
    bundled = len(resources.bundled_routine_files())
    assert len(names(window)) == bundled > 0
    assert window.routines.picker.list.currentRow() == 0


def test_meta_line_gives_the_figures() -> None:
    from spasmtimer.core.routines.loader import load_routine_text

    routine = load_routine_text(GOOD)
    entry = RoutineEntry(routine, Origin.USER, 55.0)
    assert meta_line(entry, None) == "1 exercise  ·  55 s  ·  3 sessions a day  ·  your routine"
    assert "done today: 2 of 3" in meta_line(entry, 2)


def test_the_picker_rounds_lengths_to_the_minute() -> None:
    assert format_duration(45, whole_minutes=True) == "45 s"
    assert format_duration(600, whole_minutes=True) == "10 min"
    assert format_duration(629, whole_minutes=True) == "10 min"
    assert format_duration(3900, whole_minutes=True) == "1 h 5 min"


def test_broken_files_are_shown_apart(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user_file("good.yaml", GOOD)
    user_file(
        "bad.yaml", "format: 1\nname: Bad\nexercises:\n  - name: X\n    hold: 5\n    reps: ten\n"
    )
    w = make_window(qtbot, tmp_path, monkeypatch)
    assert "My floor routine" in names(w)
    assert "Bad" not in names(w)
    assert w.routines.picker.broken_scroll.isVisibleTo(w)
    text = w.routines.picker.broken_label.text()
    assert "1 routine file could not be loaded" in text
    assert "bad.yaml:6" in text and "reps" in text


def test_arrows_and_enter_open_the_overview(qtbot: Any, window: MainWindow) -> None:
    qtbot.keyClick(window.routines.picker.list, Key.Key_Down)
    second = names(window)[1]
    qtbot.keyClick(window, Key.Key_Return)
    assert window.nav.current() is Screen.OVERVIEW
    assert window.routines.overview.title.text() == second
    assert window.settings.last_routine() == window.routines.picker.library.entries[1].key


def test_last_routine_is_selected_next_time(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = make_window(qtbot, tmp_path, monkeypatch)
    first.routines.picker.list.setCurrentRow(2)
    first.routines.picker.choose_current()
    first.close()
    again = make_window(qtbot, tmp_path, monkeypatch)
    assert again.routines.picker.list.currentRow() == 2


def test_open_file_shows_it_in_the_editor_and_saving_adds_it(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "mine.yaml"
    source.write_text(GOOD)
    monkeypatch.setattr(Dialogs, "choose_routine_file", classmethod(lambda cls, p, s: source))
    window.routines.picker.open_button.click()
    copied = resources.user_routines_dir() / "mine.yaml"
    assert window.nav.current() is Screen.EDITOR and not copied.exists()
    assert (
        window.editing.editor is not None
        and window.editing.editor.document.draft.name == "My floor routine"
    )
    qtbot.keyClick(window.editing.editor.panels.routine_form.name, Key.Key_S, CTRL)
    assert copied.read_text() == GOOD
    assert "My floor routine" in names(window)
    assert window.routines.picker.current_entry().routine.name == "My floor routine"  # type: ignore[union-attr]


def test_o_key_opens_a_file(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[Path] = []
    monkeypatch.setattr(
        Dialogs, "choose_routine_file", classmethod(lambda cls, p, s: asked.append(s))
    )
    qtbot.keyClick(window, Key.Key_O)
    assert len(asked) == 1


def test_a_broken_file_is_refused_with_its_problems(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "broken.yaml"
    source.write_text("format: 1\nname: B\nexercises: []\n")
    told: list[str] = []
    monkeypatch.setattr(Dialogs, "inform", classmethod(lambda cls, p, t, text: told.append(text)))
    assert not window.editing.add_routine_file(source)
    assert told and "broken.yaml:3" in told[0]
    assert not (resources.user_routines_dir() / "broken.yaml").exists()


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (Conflict.KEEP_BOTH, {"mine.yaml": GOOD, "mine-2.yaml": OTHER}),
        (Conflict.REPLACE, {"mine.yaml": OTHER}),
        (Conflict.CANCEL, {"mine.yaml": GOOD}),
    ],
)
def test_never_overwrites_silently(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    choice: Conflict,
    expected: dict[str, str],
) -> None:
    user_file("mine.yaml", GOOD)
    source = tmp_path / "mine.yaml"
    source.write_text(OTHER)
    asked: list[str] = []

    def resolve(cls: object, parent: object, name: str) -> Conflict:
        asked.append(name)
        return choice

    monkeypatch.setattr(Dialogs, "resolve_conflict", classmethod(resolve))
    window.editing.add_routine_file(source)
    assert asked == ["mine.yaml"]
    found = {p.name: p.read_text() for p in resources.user_routines_dir().glob("*.yaml")}
    assert found == expected


def test_the_same_file_twice_is_not_a_conflict(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "mine.yaml"
    source.write_text(GOOD)
    monkeypatch.setattr(Dialogs, "resolve_conflict", classmethod(lambda *a: pytest.fail("asked")))
    assert window.editing.add_routine_file(source)
    assert window.editing.add_routine_file(source)
    assert names(window).count("My floor routine") == 1


def drop(window: MainWindow, *paths: Path) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.editing.drop(event)


def test_a_dropped_file_shows_in_the_editor_first(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    source = tmp_path / "dropped.yaml"
    source.write_text(GOOD.replace("hold: 20", "hold: 20\n    image: knee.png"))
    (tmp_path / "knee.png").write_bytes(b"picture")
    drop(window, source)
    target = resources.user_routines_dir() / "dropped.yaml"
    assert window.nav.current() is Screen.EDITOR and not target.exists()
    assert window.editing.editor is not None
    qtbot.keyClick(window.editing.editor.panels.routine_form.name, Key.Key_S, CTRL)
    assert target.read_bytes() == source.read_bytes()
    assert (resources.user_routines_dir() / "knee.png").read_bytes() == b"picture"
    assert "My floor routine" in names(window)


def test_a_broken_file_opened_shows_its_problems_to_fix_and_is_not_added(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "broken.yaml"
    source.write_text("format: 1\nname: B\nexercises: []\n")
    monkeypatch.setattr(Dialogs, "choose_routine_file", classmethod(lambda cls, p, s: source))
    qtbot.keyClick(window.routines.picker.list, Key.Key_O)
    assert window.nav.current() is Screen.EDITOR and window.editing.editor is not None
    editor = window.editing.editor
    assert not editor.document.read_only
    assert "exercises" in editor.panels.list_box.problem.text()
    assert not (resources.user_routines_dir() / "broken.yaml").exists()
    monkeypatch.setattr(type(editor), "ask_unsaved", lambda *a: Unsaved.DISCARD)
    editor.request_close()
    assert not (resources.user_routines_dir() / "broken.yaml").exists()


def test_several_dropped_files_are_added_as_they_are(window: MainWindow, tmp_path: Path) -> None:
    first, second = tmp_path / "one.yaml", tmp_path / "two.yaml"
    first.write_text(GOOD)
    second.write_text(OTHER)
    drop(window, first, second)
    assert window.nav.current() is Screen.PICKER
    assert {"My floor routine", "Another routine"} <= set(names(window))


def test_done_today_from_the_history(window: MainWindow) -> None:
    store = window.history.store
    name = names(window)[0]
    sid = store.begin_session(name, "x")
    store.finish_session(sid, SessionStatus.COMPLETED)
    window.routines.show_picker()
    entry = window.routines.picker.library.entries[0]
    index = window.routines.picker.list.model().index(0, 0)
    from spasmtimer.ui.routines.picker import TODAY_ROLE

    assert index.data(TODAY_ROLE) == 1
    assert f"done today: 1 of {entry.routine.sessions_per_day}" in meta_line(entry, 1)


def test_picker_emits_shown_once_painted(qtbot: Any, window: MainWindow) -> None:
    assert window._first_painted
    qtbot.waitUntil(lambda: not window.windowIcon().isNull(), timeout=2000)


def test_routines_come_from_the_cache_until_a_file_changes(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from spasmtimer.core.routines import library

    path = user_file("mine.yaml", GOOD)
    first = library.load()
    assert resources.routine_cache_path().exists()
    calls: list[list[Path]] = []
    real = library._load_files

    def spy(paths: list[Path]) -> Any:
        calls.append(list(paths))
        return real(paths)

    monkeypatch.setattr(library, "_load_files", spy)
    again = library.load()
    assert calls == []  # nothing parsed: all from the cache
    assert [e.routine for e in again.entries] == [e.routine for e in first.entries]
    path.write_text(OTHER + "\n")
    third = library.load()
    assert calls == [[path]]
    assert "Another routine" in [e.routine.name for e in third.entries]


def test_a_damaged_cache_is_ignored(tmp_path: Path) -> None:
    from spasmtimer.core.routines import library

    user_file("mine.yaml", GOOD)
    resources.routine_cache_path().parent.mkdir(parents=True, exist_ok=True)
    resources.routine_cache_path().write_bytes(b"not a pickle")
    assert "My floor routine" in [e.routine.name for e in library.load().entries]


def test_elide(qapp: Any) -> None:
    from PySide6.QtGui import QFont, QFontMetrics

    from spasmtimer.ui.routines.picker import elide

    metrics = QFontMetrics(QFont())
    assert elide(metrics, "short", 500) == "short"
    cut = elide(metrics, "a rather long routine description " * 5, 120)
    assert cut.endswith("…") and metrics.horizontalAdvance(cut) <= 120


def test_up_and_down_work_without_focus_in_the_list(qtbot: Any, window: MainWindow) -> None:
    window.setFocus()  # a window manager may leave the focus anywhere
    qtbot.keyClick(window, Key.Key_Down)
    qtbot.keyClick(window, Key.Key_Down)
    assert window.routines.picker.list.currentRow() == 2
    qtbot.keyClick(window, Key.Key_Up)
    assert window.routines.picker.list.currentRow() == 1
    for _ in range(3):
        qtbot.keyClick(window, Key.Key_Up)
    assert window.routines.picker.list.currentRow() == 0


def test_a_routine_copied_into_the_folder_shows_without_a_restart(
    qtbot: Any, window: MainWindow
) -> None:
    window.routines.show_picker()
    folder = resources.user_routines_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "copied.yaml").write_text(GOOD.replace("My floor routine", "Copied in"))
    qtbot.waitUntil(lambda: "Copied in" in names(window), timeout=5000)
    (folder / "copied.yaml").unlink()
    qtbot.waitUntil(lambda: "Copied in" not in names(window), timeout=5000)
