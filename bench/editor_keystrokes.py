"""What building a routine costs at the keyboard: the seed routine from the picker, keys only.

Starts the app's window offscreen, presses N on the picker and builds the
routine of the first seed article (``routines/knee-to-chest.yaml``) with the
keyboard alone: Tab from field to field (as many as the tab order needs),
the text typed, type-ahead in the picture list, ↓ in the sides list,
Ctrl+Shift+N to add the exercise, Ctrl+S to save. Checks that the saved file
loads equal to the bundled one, then prints the keys pressed: the text
itself, and the rest (moving and commands), which is the editor's own cost.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python bench/editor_keystrokes.py``.
The last line is JSON.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    scratch = Path(tempfile.mkdtemp(prefix="spasmtimer-keys-"))
    os.environ["SPASMTIMER_DATA_DIR"] = str(scratch / "data")
    os.environ["XDG_CONFIG_HOME"] = str(scratch / "config")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tests"))

    from editor_helpers import SEED_001_DESCRIPTION, SEED_001_INSTRUCTIONS, seed_001_path
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QComboBox, QWidget

    from spasmtimer.core.routines.loader import load_routine
    from spasmtimer.services.settings import Settings
    from spasmtimer.ui.app import make_application
    from spasmtimer.ui.main_window import MainWindow

    app = make_application()
    window = MainWindow(settings=Settings(scratch / "settings.conf"), player_factory=None)
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowActive(window, 2000)
    for _ in range(10):
        app.processEvents()
    counts = {"text": 0, "other": 0}

    def press(key: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        target = QApplication.focusWidget() or window
        QTest.keyClick(target, key, mods)
        app.processEvents()
        counts["other"] += 1

    def type_text(text: str) -> None:
        target = QApplication.focusWidget()
        assert target is not None
        QTest.keyClicks(target, text)
        app.processEvents()
        counts["text"] += len(text)

    def tab_to(widget: QWidget) -> None:
        for _ in range(40):
            if QApplication.focusWidget() is widget:
                return
            press(Qt.Key.Key_Tab)
        raise AssertionError(f"Tab never reached {widget.accessibleName()}")

    def search(combo: QComboBox, value: str) -> None:
        """Type-ahead: the item's first letters until it is chosen."""
        text = combo.itemText(combo.findData(value))
        for n in range(1, len(text) + 1):
            if combo.currentData() == value:
                return
            type_text(text[n - 1])
        assert combo.currentData() == value

    def down_to(combo: QComboBox, value: str) -> None:
        for _ in range(combo.count()):
            if combo.currentData() == value:
                return
            press(Qt.Key.Key_Down)
        assert combo.currentData() == value

    press(Qt.Key.Key_N)
    editor = window.editing.editor
    assert editor is not None
    form, exercise = editor.panels.routine_form, editor.panels.exercise_form
    type_text("Knee to chest")
    tab_to(form.description)
    type_text(SEED_001_DESCRIPTION)
    tab_to(form.source)
    type_text("Back Spasms (Cedars-Sinai)")
    tab_to(form.prepare)
    type_text("10s")
    tab_to(form.rest)
    type_text("3s")
    press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    tab_to(exercise.name)
    type_text("Knee to chest")
    tab_to(exercise.instructions)
    type_text(SEED_001_INSTRUCTIONS)
    tab_to(exercise.image)
    search(exercise.image, "single-knee-to-chest.svg")
    tab_to(exercise.hold)
    type_text("10")
    tab_to(exercise.reps)
    type_text("6")
    tab_to(exercise.sides)
    down_to(exercise.sides, "alternate")
    press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = editor.document.path
    assert saved is not None and saved.is_file(), editor.status.text()
    assert load_routine(saved) == load_routine(seed_001_path()), "the saved routine differs"
    short_text = counts["text"] - len(SEED_001_DESCRIPTION) - len(SEED_001_INSTRUCTIONS)
    result = {
        "routine": "Knee to chest (seed 001)",
        "keys_total": counts["text"] + counts["other"],
        "keys_text": counts["text"],
        "keys_text_without_the_two_paragraphs": short_text,
        "keys_moving_and_commands": counts["other"],
    }
    print(
        f"built and saved from the picker with {result['keys_total']} keys: "
        f"{counts['text']} of text ({short_text} without the description and the "
        f"instructions), {counts['other']} to move and to command"
    )
    print(json.dumps(result))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
