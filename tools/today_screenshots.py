"""Screenshots of the Today screen for the docs.

    xvfb-run -a .venv/bin/python tools/today_screenshots.py [OUT_DIR]

Writes ``today-acute-light.png``, ``today-acute-dark.png``, ``today-heat-*.png``
and ``today-no-onset-*.png`` into OUT_DIR (``docs/screenshots`` by default).
The plans are made the way the app makes them (``Reminders.plan``) at a fixed
time, from the bundled routines, so the pictures do not change between runs.
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from pathlib import Path

OUT = (
    Path(sys.argv[1])
    if len(sys.argv) > 1
    else Path(__file__).resolve().parents[1] / "docs" / "screenshots"
)
NOW = datetime(2024, 5, 6, 14, 35)


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from spasmtimer.core.reminders import Reminders, ReminderSettings, RoutineDemand
    from spasmtimer.core.today import Done, ItemKind, plan_today
    from spasmtimer.ui.theme import DARK, LIGHT, palette_for
    from spasmtimer.ui.today.today_view import TodayView

    app = QApplication.instance() or QApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    back = RoutineDemand("Back spasm relief", 2, done_today=1)
    done = (
        Done(ItemKind.SESSION, NOW.replace(hour=10, minute=5), "Back spasm relief"),
        Done(ItemKind.ICE, NOW.replace(hour=12, minute=50)),
        Done(ItemKind.WALK, NOW.replace(hour=11, minute=0)),
    )
    cases = {
        "acute": Reminders(ReminderSettings(), [back], onset=NOW - timedelta(hours=5), done=done),
        "heat": Reminders(
            ReminderSettings(),
            [back],
            onset=NOW - timedelta(hours=60),
            done=(done[0], Done(ItemKind.HEAT, NOW.replace(hour=13, minute=40)), done[2]),
        ),
        "no-onset": Reminders(
            ReminderSettings(desk_breaks=True),
            [back, RoutineDemand("Core strengthening", 1)],
            done=(done[0], Done(ItemKind.DESK_BREAK, NOW.replace(hour=14, minute=20))),
        ),
    }
    for name, reminders in cases.items():
        plan = plan_today(reminders.day_input(NOW.date()), NOW)
        for theme in (LIGHT, DARK):
            app.setPalette(palette_for(theme))
            view = TodayView()
            view.apply_theme(theme)
            view.resize(1280, 800)
            view.set_plan(plan)
            view.show()
            app.processEvents()
            path = OUT / f"today-{name}-{'dark' if theme.is_dark else 'light'}.png"
            view.grab().save(str(path))
            print(f"wrote {path}")
            view.close()
            view.deleteLater()
            app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
