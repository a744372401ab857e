"""Screenshots of the desktop app, on a fake clock, for the README and for checking.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python tools/screenshots.py

Writes docs/screenshots/{picker,overview,pain-rating,hold,rest,paused,finish,
hold-dark,history,history-pain,history-breaks}.png at 1280×800, and the same states at
800×600 and 1920×1080 into docs/screenshots/sizes/ to check that nothing is
cut off. Each state is
reached the way a user would (keys and controls), with the session on a
fake clock so the numbers are the same every time. User data goes to a
temporary folder; one session is recorded first so "done today" shows.
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
    scratch = Path(tempfile.mkdtemp(prefix="spasmtimer-shots-"))
    os.environ["SPASMTIMER_DATA_DIR"] = str(scratch / "data")
    os.environ["XDG_CONFIG_HOME"] = str(scratch / "config")
    os.environ.setdefault("SPASMTIMER_THEME", "light")
    sys.path.insert(0, str(ROOT))

    from spasmtimer.core.clock import FakeClock
    from spasmtimer.core.history.records import SessionStatus
    from spasmtimer.core.history.store import HistoryStore
    from spasmtimer.core.routines.plan import StepKind
    from spasmtimer.core.session.machine import SessionState
    from spasmtimer.services.settings import Settings
    from spasmtimer.ui import theme
    from spasmtimer.ui.app import make_application
    from spasmtimer.ui.icon import app_icon
    from spasmtimer.ui.main_window import MainWindow

    app = make_application()
    app.setWindowIcon(app_icon())

    def fresh_data(name: str) -> None:
        """A new data folder with one session done today, so "done today" shows,
        and three good ones before at the prayer stretch's level 2, so the
        overview offers a longer hold."""
        from datetime import UTC, datetime, timedelta

        from spasmtimer.resources import history_db_path

        os.environ["SPASMTIMER_DATA_DIR"] = str(scratch / name)
        history_db_path().parent.mkdir(parents=True, exist_ok=True)
        moment = [datetime.now(UTC)]
        store = HistoryStore(history_db_path(), lambda: moment[0])
        for days in (3, 2, 1):
            moment[0] = datetime.now(UTC) - timedelta(days=days)
            sid = store.begin_session("Back spasm relief", "screenshots", pain_before=5)
            store.record_hold(
                sid, exercise_index=0, exercise="Prayer stretch", level=2, seconds=7, skipped=False
            )
            store.finish_session(sid, SessionStatus.COMPLETED, pain_after=4)
        moment[0] = datetime.now(UTC)
        store.save_level("Back spasm relief", "Prayer stretch", 0)  # the overview sets 2
        done = store.begin_session("Back spasm relief", "screenshots")
        store.finish_session(done, SessionStatus.COMPLETED)
        store.close()

    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "sizes").mkdir(exist_ok=True)

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    def shoot(window: MainWindow, name: str, size_key: str) -> None:
        settle()
        w, h = SIZES[size_key]
        path = OUT / f"{name}.png" if size_key == "main" else OUT / "sizes" / f"{name}-{w}x{h}.png"
        window.grab().save(str(path))
        print(path.relative_to(ROOT))

    def advance(window: MainWindow, clock: FakeClock, seconds: float) -> None:
        session = window.controller.session
        assert session is not None
        while seconds > 1e-9:
            d = min(0.5, seconds)
            clock.advance(d)
            session.tick()
            seconds -= d
        window.session.view._on_animation_timeout()

    def until(window: MainWindow, clock: FakeClock, kind: StepKind) -> None:
        session = window.controller.session
        assert session is not None
        while session.step.kind is not kind:
            advance(window, clock, 0.5)

    for size_key, (w, h) in SIZES.items():
        for dark in (False, True) if size_key == "main" else (False,):
            os.environ["SPASMTIMER_THEME"] = "dark" if dark else "light"
            suffix = "-dark" if dark else ""
            fresh_data(f"data-{size_key}{suffix}")
            clock = FakeClock(1000.0)
            window = MainWindow(
                clock=clock,
                settings=Settings(scratch / f"settings-{size_key}{suffix}.conf"),
                player_factory=None,
            )
            window.care.set_hub(window.care.new_hub())
            window.apply_theme(theme.system_theme())
            window.resize(w, h)
            window.show()
            settle()
            window._after_first_paint()
            window.routines.show_picker()  # the app opens on Today (tools/today_screenshots.py)
            if not dark:
                shoot(window, "picker", size_key)
            window.routines.picker.list.setCurrentRow(0)
            window.intents.trigger(window_action("CHOOSE"))
            window.routines.overview.change_level(+2)
            if not dark:
                shoot(window, "overview", size_key)
            window.intents.trigger(window_action("START"))
            if not dark:
                shoot(window, "pain-rating", size_key)
            window.session.start_pending(6)  # the pain rated 6 before
            session = window.controller.session
            assert session is not None
            advance(window, clock, 10.0)  # past "get ready"
            until(window, clock, StepKind.HOLD)
            advance(window, clock, 2.4)
            shoot(window, f"hold{suffix}", size_key)
            if dark:
                window.close()
                continue
            until(window, clock, StepKind.REST)
            advance(window, clock, 1.2)
            shoot(window, "rest", size_key)
            window.controller.next_exercise()
            until(window, clock, StepKind.HOLD)
            advance(window, clock, 0.5)
            until(window, clock, StepKind.SWITCH)
            until(window, clock, StepKind.HOLD)
            advance(window, clock, 1.3)
            shoot(window, "hold-right-side", size_key)
            window.intents.trigger(window_action("PAUSE"))
            shoot(window, "paused", size_key)
            window.intents.trigger(window_action("PAUSE"))
            while session.state is SessionState.RUNNING:
                advance(window, clock, 5.0)
            shoot(window, "finish", size_key)
            window.close()
    history_shots(scratch)
    return 0


def shoot_any(widget: object, name: str, size_key: str) -> None:
    from PySide6.QtWidgets import QApplication, QWidget

    assert isinstance(widget, QWidget)
    for _ in range(5):
        QApplication.processEvents()
    w, h = SIZES[size_key]
    path = OUT / f"{name}.png" if size_key == "main" else OUT / "sizes" / f"{name}-{w}x{h}.png"
    widget.grab().save(str(path))
    print(path.relative_to(ROOT))


def history_shots(scratch: Path) -> None:
    """The history window over eight weeks of sessions, pain going down."""
    from datetime import UTC, date, datetime, timedelta

    from PySide6.QtWidgets import QApplication

    from spasmtimer.core.history.records import SessionStatus
    from spasmtimer.core.history.store import HistoryStore
    from spasmtimer.core.today.day_records import record_confirmation
    from spasmtimer.core.today.plan import ItemKind
    from spasmtimer.ui.history.window import HistoryWindow
    from spasmtimer.ui.theme import palette_for, stylesheet_for, system_theme

    # In the app the window inherits the main window's look; here, give it that look.
    os.environ["SPASMTIMER_THEME"] = "light"
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    look = system_theme()
    app.setPalette(palette_for(look))
    app.setStyleSheet(stylesheet_for(look))

    today = date(2024, 6, 12)
    now = [datetime(2024, 4, 17, 8, tzinfo=UTC)]
    store = HistoryStore(scratch / "history-shots.sqlite3", lambda: now[0], tz=UTC)
    start = today - timedelta(weeks=8)
    for n in range(8 * 7 + 1):
        day = start + timedelta(days=n)
        sessions = 0 if n % 9 == 4 else (1 if n % 4 == 1 else 2)
        for k, hour in enumerate((8, 18)[:sessions]):
            now[0] = datetime(day.year, day.month, day.day, hour, 5 * k, tzinfo=UTC)
            before = max(1, 8 - n // 7 + (k == 0) - (n % 3 == 0))
            sid = store.begin_session("Back spasm relief", "screenshots", pain_before=before)
            for index, exercise in enumerate(("Knee to chest", "Pelvic tilt", "Cat-cow")):
                store.record_hold(
                    sid, exercise_index=index, exercise=exercise, level=0, seconds=20,
                    skipped=(n + index) % 11 == 0,
                )  # fmt: skip
            now[0] += timedelta(minutes=12)
            stopped = (n % 13 == 6 or n == 54) and k == 1
            if stopped:
                store.record_event(
                    sid, "hurts", "Lower trunk rotation: pain not sharp; skip it next time"
                )
            status = SessionStatus.STOPPED if stopped else SessionStatus.COMPLETED
            store.finish_session(sid, status, pain_after=max(0, before - 2 - (n % 2)))
            if n == 55 and k == 0:
                store.set_note(sid, "Stiff after a long drive")
        if n % 7 == 3:
            now[0] = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
            sid = store.begin_session("Morning mobility", "screenshots")
            for index in range(4):
                store.record_hold(
                    sid, exercise_index=index, exercise=f"Move {index}", level=0, seconds=30,
                    skipped=False,
                )  # fmt: skip
            now[0] += timedelta(minutes=8)
            store.finish_session(sid, SessionStatus.COMPLETED)
        if n >= 50:  # the last week: walks, and desk breaks on working days
            walk = datetime(day.year, day.month, day.day, 10, 15, tzinfo=UTC)
            record_confirmation(store.connection, ItemKind.WALK, walk)
            if day.weekday() < 5:
                desk = datetime(day.year, day.month, day.day, 14, 40, tzinfo=UTC)
                record_confirmation(store.connection, ItemKind.DESK_BREAK, desk)
    for size_key, (w, h) in SIZES.items():
        window = HistoryWindow(
            store,
            sessions_per_day={"Back spasm relief": 2, "Morning mobility": 1},
            today=lambda: today,
        )
        window.resize(w, h)
        window.show()
        shoot_any(window, "history", size_key)
        window.tabs.setCurrentIndex(1)
        shoot_any(window, "history-pain", size_key)
        window.tabs.setCurrentWidget(window.breaks_list)
        shoot_any(window, "history-breaks", size_key)
        window.close()


def window_action(name: str) -> object:
    from spasmtimer.ui.intents import Intent

    return Intent[name]


if __name__ == "__main__":
    sys.exit(main())
