"""Screenshots at 200 % text, light and high contrast: Today, a session, the editor.

    xvfb-run -a -s "-screen 0 1920x1080x24" \\
        .venv/bin/python tools/large_text_screenshots.py [OUT_DIR]

The desktop's text size reaches a Qt app as its application font (Plasma's
font settings; GNOME's "Large Text" and text scaling through Qt's GNOME
platform theme); here that font is doubled, as at 200 %. Writes
``{today,session,editor}-200-{light,high-contrast}.png`` into OUT_DIR
(``docs/screenshots/large-text`` by default), each the app's window at
1280×800, and lists any text cut off (tests/clipping.py); exits 1 if there
is one.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots" / "large-text"
NOW = datetime(2024, 5, 6, 14, 35)


def main() -> int:
    scratch = Path(tempfile.mkdtemp(prefix="spasmtimer-large-text-"))
    os.environ["XDG_CONFIG_HOME"] = str(scratch / "config")
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tests"))

    from clipping import clipped_texts

    from spasmtimer.core.clock import FakeClock
    from spasmtimer.core.routines.loader import find_routine
    from spasmtimer.services.settings import Settings
    from spasmtimer.ui import theme
    from spasmtimer.ui.app import make_application
    from spasmtimer.ui.icon import app_icon
    from spasmtimer.ui.main_window import MainWindow

    app = make_application()
    app.setWindowIcon(app_icon())
    doubled = app.font()
    doubled.setPointSizeF(app.font().pointSizeF() * 2)
    app.setFont(doubled)
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"desktop text: {theme.desktop_text_px()} px")

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    problems: list[str] = []

    def shoot(window: MainWindow, name: str) -> None:
        settle()
        path = OUT / f"{name}.png"
        window.grab().save(str(path))
        found = clipped_texts(window)
        problems.extend(f"{name}: {line}" for line in found)
        print(path.relative_to(ROOT), "ok" if not found else f"{len(found)} cut off")

    for look in ("light", "high-contrast"):
        os.environ["SPASMTIMER_THEME"] = look
        os.environ["SPASMTIMER_DATA_DIR"] = str(scratch / look)
        settings = Settings(scratch / f"{look}.conf")
        settings.acknowledge_safety()
        settings.set_spasm_began(NOW - timedelta(hours=5))
        clock = FakeClock(1000.0)
        window = MainWindow(
            clock=clock, settings=settings, player_factory=None, wall_clock=lambda: NOW
        )
        window.care.set_hub(window.care.new_hub())
        window.apply_theme(theme.system_theme())
        window.resize(1280, 800)
        window.show()
        settle()
        window.day.refresh()
        shoot(window, f"today-200-{look}")

        window.session.start(find_routine("Back spasm relief"))
        session = window.controller.session
        assert session is not None
        for _ in range(2 * 14):  # past "get ready", into the first hold
            clock.advance(0.5)
            session.tick()
        window.session.view._on_animation_timeout()
        shoot(window, f"session-200-{look}")
        window.controller.stop()

        window.routines.show_picker()
        window.editing.new_routine()
        settle()
        shoot(window, f"editor-200-{look}")
        window.hide()
        window.deleteLater()
        settle()
    for line in problems:
        print("  cut off:", line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
