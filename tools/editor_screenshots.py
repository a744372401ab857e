"""Screenshots of the routine editor in the app's own window, reached from the picker.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python tools/editor_screenshots.py

(or with QT_QPA_PLATFORM=offscreen). Writes docs/screenshots/editor-{blank,
errors,full,dark}.png and picker-editing.png at 1280×800, and the full
routine at 800×600 and 1920×1080 into docs/screenshots/sizes/, to check that
nothing is cut off. Each state is reached as a user would: keys on the
picker (N, C, E, Delete), typing into the form. User data goes to a
temporary folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
SIZES = {"main": (1280, 800), "small": (800, 600), "large": (1920, 1080)}


def main() -> int:
    scratch = Path(tempfile.mkdtemp(prefix="spasmtimer-editor-shots-"))
    os.environ["SPASMTIMER_DATA_DIR"] = str(scratch / "data")
    os.environ["XDG_CONFIG_HOME"] = str(scratch / "config")
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QWidget

    from spasmtimer.services.settings import Settings
    from spasmtimer.ui import theme
    from spasmtimer.ui.app import make_application
    from spasmtimer.ui.dialogs import Dialogs
    from spasmtimer.ui.icon import app_icon
    from spasmtimer.ui.main_window import MainWindow
    from spasmtimer.ui.routines.editor import RoutineEditor
    from spasmtimer.ui.routines.editor_commands import Unsaved

    NO_MODIFIER = Qt.KeyboardModifier.NoModifier
    CTRL = Qt.KeyboardModifier.ControlModifier
    app = make_application()
    app.setWindowIcon(app_icon())
    # No question blocks the script: delete "yes", leave an editor "discard".
    Dialogs.ask = classmethod(lambda cls, *a: True)  # type: ignore[method-assign,assignment]
    RoutineEditor.ask_unsaved = classmethod(  # type: ignore[method-assign,assignment]
        lambda cls, *a: Unsaved.DISCARD
    )
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "sizes").mkdir(exist_ok=True)

    def settle() -> None:
        for _ in range(8):
            app.processEvents()

    def shoot(window: MainWindow, name: str, size_key: str = "main") -> None:
        settle()
        w, h = SIZES[size_key]
        path = OUT / f"{name}.png" if size_key == "main" else OUT / "sizes" / f"{name}-{w}x{h}.png"
        window.grab().save(str(path))
        print(path.relative_to(ROOT))

    def key(widget: QWidget, k: Qt.Key, mods: Qt.KeyboardModifier = NO_MODIFIER) -> None:
        """A key as the user presses it: to the widget that has the focus in its window."""
        target = widget.window().focusWidget() or widget
        QTest.keyClick(target, k, mods)
        settle()

    def retype(widget: QWidget, text: str) -> None:
        widget.setFocus()
        QTest.keyClick(widget, Qt.Key.Key_A, CTRL)
        QTest.keyClick(widget, Qt.Key.Key_Backspace)
        QTest.keyClicks(widget, text)
        settle()

    def choose(window: MainWindow, name: str) -> None:
        names = [e.routine.name for e in window.routines.picker.library.entries]
        window.routines.picker.list.setCurrentRow(names.index(name))
        settle()

    def new_window(dark: bool, size_key: str) -> MainWindow:
        os.environ["SPASMTIMER_THEME"] = "dark" if dark else "light"
        window = MainWindow(
            settings=Settings(scratch / f"settings-{size_key}-{dark}.conf"), player_factory=None
        )
        window.care.set_hub(window.care.new_hub())
        window.apply_theme(theme.system_theme())
        window.resize(*SIZES[size_key])
        window.show()
        window.activateWindow()  # the editor's keys work in the active window
        settle()
        QTest.qWaitForWindowActive(window, 2000)
        window._after_first_paint()
        settle()
        window.routines.show_picker()  # the app opens on Today; the editor starts from the picker
        settle()
        return window

    # Light, 1280×800: a blank routine, a full one, one with mistakes, the picker.
    window = new_window(False, "main")
    key(window.routines.picker.list, Qt.Key.Key_N)
    editor = window.editing.editor
    assert editor is not None
    shoot(window, "editor-blank")
    key(editor, Qt.Key.Key_W, CTRL)

    choose(window, "Back spasm relief")
    key(window.routines.picker.list, Qt.Key.Key_C)  # edit a copy of the bundled routine
    editor = window.editing.editor
    assert editor is not None
    key(editor.panels.routine_form.name, Qt.Key.Key_S, CTRL)
    key(editor, Qt.Key.Key_W, CTRL)
    choose(window, "Back spasm relief (my copy)")
    key(window.routines.picker.list, Qt.Key.Key_E)  # now the user's own: edited in place
    editor = window.editing.editor
    assert editor is not None
    shoot(window, "editor-full")
    # Mistakes, typed into the form: the loader's words show at each field.
    retype(editor.panels.routine_form.sessions, "20")
    editor.panels.exercise_list.setCurrentRow(2)
    settle()
    form = editor.panels.exercise_form
    retype(form.reps, "ten")
    retype(form.hold, "10")
    retype(form.hold_max, "5")
    key(form.hold_max, Qt.Key.Key_S, CTRL)  # refused
    shoot(window, "editor-errors")
    key(editor, Qt.Key.Key_W, CTRL)  # discard the mistakes

    # The picker with the user's copy chosen, after deleting another (Undo shows).
    key(window.routines.picker.list, Qt.Key.Key_N)
    editor = window.editing.editor
    assert editor is not None
    retype(editor.panels.routine_form.name, "Morning stiffness")
    key(
        editor,
        Qt.Key.Key_N,
        CTRL | Qt.KeyboardModifier.ShiftModifier,
    )
    retype(editor.panels.exercise_form.name, "Pelvic tilt")
    retype(editor.panels.exercise_form.hold, "5")
    key(editor, Qt.Key.Key_S, CTRL)
    key(editor, Qt.Key.Key_W, CTRL)
    choose(window, "Morning stiffness")
    key(window.routines.picker.list, Qt.Key.Key_Delete)
    choose(window, "Back spasm relief (my copy)")
    shoot(window, "picker-editing")
    window.close()

    # Dark, and the small and large windows.
    for dark, size_key, name in ((True, "main", "editor-dark"), (False, "small", "editor-full"),
                                 (False, "large", "editor-full")):  # fmt: skip
        window = new_window(dark, size_key)
        choose(window, "Back spasm relief (my copy)")
        key(window.routines.picker.list, Qt.Key.Key_E)
        editor = window.editing.editor
        assert editor is not None
        if dark:
            editor.panels.exercise_list.setCurrentRow(1)
        shoot(window, name, size_key)
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
