"""Screenshots of the Today screen, from the app's real window, for the docs.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python tools/today_screenshots.py [OUT_DIR]

Writes ``today-acute-light.png``, ``today-acute-dark.png``, ``today-heat-*.png``
and ``today-no-onset-*.png`` into OUT_DIR (``docs/screenshots`` by default),
and the light ones at 800×600 and 1920×1080 into OUT_DIR/sizes/ to check that
nothing is cut off. Each is the main window as the app opens it (Today first), on
a profile made for the case in a temporary folder: the settings (spasm time,
reminders), and a history with what was done that day. The plan's "now" is
fixed, so the pictures do not change between runs.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
NOW = datetime(2024, 5, 6, 14, 35)
SIZES = ((1280, 800), (800, 600), (1920, 1080))


def _at(hour: int, minute: int) -> datetime:
    return NOW.replace(hour=hour, minute=minute).astimezone()


def seed(data: Path, case: str) -> None:
    """That day's history: a session at 10:05, a walk at 11:00, ice (or heat) after noon."""
    from spasmtimer.core.history.records import SessionStatus
    from spasmtimer.core.history.store import HistoryStore
    from spasmtimer.core.today.day_records import record_confirmation
    from spasmtimer.core.today.plan import ItemKind

    data.mkdir(parents=True, exist_ok=True)
    moment = [_at(9, 55)]
    store = HistoryStore(data / "history.sqlite3", lambda: moment[0])

    def session(routine: str, start: datetime, minutes: int) -> None:
        moment[0] = start
        sid = store.begin_session(routine, "screenshots", pain_before=5)
        moment[0] = start + timedelta(minutes=minutes)
        store.finish_session(sid, SessionStatus.COMPLETED, pain_after=4)

    session("Back spasm relief", _at(9, 55), 10)
    if case == "acute":
        session("Ice pack", _at(12, 30), 20)
        record_confirmation(store.connection, ItemKind.WALK, _at(11, 0))
    elif case == "heat":
        session("Heat pack", _at(13, 20), 20)
        record_confirmation(store.connection, ItemKind.WALK, _at(11, 0))
    else:
        record_confirmation(store.connection, ItemKind.DESK_BREAK, _at(14, 20))
    store.close()


def main() -> int:
    scratch = Path(tempfile.mkdtemp(prefix="spasmtimer-today-shots-"))
    os.environ["XDG_CONFIG_HOME"] = str(scratch / "config")
    sys.path.insert(0, str(ROOT))

    from spasmtimer.core.today.reminders import ReminderSettings
    from spasmtimer.services.settings import Settings
    from spasmtimer.ui import theme
    from spasmtimer.ui.app import make_application
    from spasmtimer.ui.icon import app_icon
    from spasmtimer.ui.main_window import MainWindow

    app = make_application()
    app.setWindowIcon(app_icon())
    OUT.mkdir(parents=True, exist_ok=True)

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    onsets = {"acute": timedelta(hours=5), "heat": timedelta(hours=60), "no-onset": None}
    (OUT / "sizes").mkdir(exist_ok=True)
    for case, ago in onsets.items():
        for dark, size in (
            (False, SIZES[0]),
            (True, SIZES[0]),
            (False, SIZES[1]),
            (False, SIZES[2]),
        ):
            name = f"today-{case}-{'dark' if dark else 'light'}"
            folder = f"{name}-{size[0]}x{size[1]}"
            os.environ["SPASMTIMER_THEME"] = "dark" if dark else "light"
            os.environ["SPASMTIMER_DATA_DIR"] = str(scratch / folder)
            seed(scratch / folder, case)
            settings = Settings(scratch / f"{folder}.conf")
            settings.acknowledge_safety()
            if ago is not None:
                settings.set_spasm_began(NOW - ago)
            else:
                settings.set_reminder_settings(ReminderSettings(desk_breaks=True))
                settings.set_reminded_routines(["Back spasm relief", "Core strengthening"])
            window = MainWindow(settings=settings, player_factory=None, wall_clock=lambda: NOW)
            window.care.set_hub(window.care.new_hub())
            window.apply_theme(theme.system_theme())
            window.resize(*size)
            window.show()
            settle()
            window.day.refresh()
            settle()
            main = size == SIZES[0]
            path = (
                OUT / f"{name}.png"
                if main
                else OUT / "sizes" / f"today-{case}-{size[0]}x{size[1]}.png"
            )
            window.grab().save(str(path))
            print(path)
            window.close()
            settle()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
