"""Screenshots of the routine editor, rendered offscreen with QWidget.grab().

    .venv/bin/python tools/editor_screenshots.py

Writes docs/screenshots/editor-{blank,errors,full,dark}.png at 1280×800 and
the full routine at 800×600 and 1920×1080 into docs/screenshots/sizes/, to
check that nothing is cut off. User data goes to a temporary folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    scratch = Path(tempfile.mkdtemp(prefix="spasmtimer-editor-shots-"))
    os.environ["SPASMTIMER_DATA_DIR"] = str(scratch / "data")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))

    from PySide6.QtWidgets import QApplication

    from spasmtimer import resources
    from spasmtimer.core.routine_document import RoutineDocument
    from spasmtimer.core.routine_draft import FieldRef
    from spasmtimer.ui.routines.editor import RoutineEditor
    from spasmtimer.ui.theme import DARK, LIGHT, Theme, palette_for

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "sizes").mkdir(exist_ok=True)

    def shot(document: RoutineDocument, name: str, theme: Theme, size: tuple[int, int],
             current: int = 0) -> None:  # fmt: skip
        app.setPalette(palette_for(theme))
        editor = RoutineEditor(document)
        editor.apply_theme(theme)
        editor.current = current
        editor.refresh()
        editor.resize(*size)
        editor.show()
        for _ in range(5):
            app.processEvents()
        editor.grab().save(str(name))
        editor.document.discard_recovery()
        editor.hide()
        editor.deleteLater()
        app.processEvents()

    bundled = resources.bundled_routines_dir() / "back-spasm-relief.yaml"
    shot(RoutineDocument.blank(), str(OUT / "editor-blank.png"), LIGHT, (1280, 800))
    errors = RoutineDocument.open(bundled)
    errors.set_field(FieldRef("reps", 2), "ten")
    errors.set_hold(FieldRef("hold", 2), "10", "5")
    errors.set_field(FieldRef("sessions_per_day", None), "20")
    shot(errors, str(OUT / "editor-errors.png"), LIGHT, (1280, 800), current=2)
    shot(RoutineDocument.open(bundled), str(OUT / "editor-full.png"), LIGHT, (1280, 800))
    shot(RoutineDocument.open(bundled), str(OUT / "editor-dark.png"), DARK, (1280, 800), 1)
    for label, size in (("small", (800, 600)), ("large", (1920, 1080))):
        path = OUT / "sizes" / f"editor-full-{label}.png"
        shot(RoutineDocument.open(bundled), str(path), LIGHT, size)
    print(f"wrote the editor screenshots into {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
