"""Ten years of history: how fast it is written, opened and shown.

Fills a fresh database with 7,300 sessions (two a day for ten years, eight
holds each, pain rated on most), then times:

- one hold committed the way a session writes it, with synchronous=FULL and
  NORMAL (WAL both), which decides the store's default;
- opening the store (integrity quick check and migration included);
- the history window: construct + show + first paint (offscreen), goal < 300 ms;
- the pain chart tab, CSV export, the PDF report, and the adherence queries.

Run: ``.venv/bin/python bench/history.py``. The last line is JSON.
"""

from __future__ import annotations

import io
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from spasmtimer.core.history.store import HistoryStore, SessionStatus

YEARS = 10
PER_DAY = 2
HOLDS = 8
GOAL_MS = 300.0
EXERCISES = ("Knee to chest", "Cat-cow", "Pelvic tilt", "Child's pose")


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def seed(data_dir: Path, years: int) -> int:
    """A history database in ``data_dir`` (the app's data folder) with ``years`` of sessions."""
    data_dir.mkdir(parents=True, exist_ok=True)
    store = HistoryStore(data_dir / "history.sqlite3")
    try:
        return fill(store, date.today(), years=years)
    finally:
        store.close()


def fill(store: HistoryStore, today: date, years: int = YEARS) -> int:
    """Two sessions a day for ``years`` years, written in one go (bulk, not via the API)."""
    rng = random.Random(7)
    conn = store.connection
    first = today - timedelta(days=365 * years)
    sessions, holds = [], []
    sid = 0
    for offset in range(365 * years):
        day = first + timedelta(days=offset)
        for hour in (8, 19)[:PER_DAY]:
            sid += 1
            start = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
            status = rng.choices(["completed", "stopped", "interrupted"], [90, 7, 3])[0]
            end = start + timedelta(minutes=6)
            rated = rng.random() < 0.8
            before = rng.randint(2, 8) if rated else None
            after = max(0, before - rng.randint(0, 3)) if before is not None else None
            done = HOLDS if status == "completed" else rng.randint(1, HOLDS - 1)
            sessions.append(
                (
                    sid, "Back spasm relief", "0" * 64, _stamp(start), day.isoformat(),
                    None if status == "interrupted" else _stamp(end), status, before, after,
                    done, 0, _stamp(end), 360.0,
                )
            )  # fmt: skip
            for n in range(done):
                holds.append(
                    (sid, n, n % 4, EXERCISES[n % 4], 1, n // 4 + 1, None, 2, 20.0, 0, _stamp(end))
                )
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO sessions (id, routine, routine_hash, started_at, local_date, ended_at, "
        "status, pain_before, pain_after, holds_done, holds_skipped, last_at, active_seconds) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        sessions,
    )
    conn.executemany(
        "INSERT INTO holds (session_id, step_index, exercise_index, exercise, set_no, rep, side, "
        "level, seconds, skipped, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        holds,
    )
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return len(sessions)


def hold_commit_ms(folder: Path, synchronous: str, count: int = 200) -> float:
    store = HistoryStore(folder / f"sync-{synchronous}.sqlite3", synchronous=synchronous)
    sid = store.begin_session("Bench", "0" * 64)
    times = []
    for n in range(count):
        t0 = time.perf_counter()
        store.record_hold(
            sid, step_index=n, exercise_index=0, exercise="Cat", level=1, seconds=5, skipped=False
        )
        times.append((time.perf_counter() - t0) * 1000)
    store.finish_session(sid, SessionStatus.COMPLETED)
    store.close()
    return statistics.median(times)


def _ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000


def main() -> int:
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    results: dict[str, float | int | bool] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        results["hold_commit_full_ms"] = round(hold_commit_ms(folder, "FULL"), 3)
        results["hold_commit_normal_ms"] = round(hold_commit_ms(folder, "NORMAL"), 3)

        path = folder / "history.sqlite3"
        today = date.today()
        store = HistoryStore(path)
        t0 = time.perf_counter()
        results["sessions"] = fill(store, today)
        results["fill_ms"] = round(_ms(t0))
        store.close()
        results["db_mb"] = round(path.stat().st_size / 1e6, 2)

        t0 = time.perf_counter()
        store = HistoryStore(path)
        results["open_store_ms"] = round(_ms(t0), 1)
        assert store.available and store.notice is None

        t0 = time.perf_counter()
        store.done_today("Back spasm relief")
        results["streak_days"] = store.streak("Back spasm relief", PER_DAY)
        results["adherence_queries_ms"] = round(_ms(t0), 1)

        from spasmtimer.ui.history.window import HistoryWindow

        class FirstPaint(QObject):
            painted = False

            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    FirstPaint.painted = True
                return False

        spy = FirstPaint()
        t0 = time.perf_counter()
        window = HistoryWindow(store, sessions_per_day={"Back spasm relief": PER_DAY})
        results["window_construct_ms"] = round(_ms(t0), 1)
        window.table.viewport().installEventFilter(spy)
        window.heat_map.installEventFilter(spy)
        window.show()
        deadline = time.perf_counter() + 5
        while not FirstPaint.painted and time.perf_counter() < deadline:
            app.processEvents()
        results["window_open_ms"] = round(_ms(t0), 1)
        results["window_rows"] = window.model.rowCount()
        results["goal_met"] = results["window_open_ms"] < GOAL_MS

        t0 = time.perf_counter()
        window.tabs.setCurrentIndex(1)
        app.processEvents()
        results["pain_chart_tab_ms"] = round(_ms(t0), 1)

        t0 = time.perf_counter()
        out = io.StringIO()
        store.export_csv(out)
        results["csv_export_ms"] = round(_ms(t0), 1)

        from spasmtimer.printing.report import ReportRange, write_report
        from spasmtimer.ui.history.window import REPORT_INK, report_chart

        t0 = time.perf_counter()
        pdf = folder / "report.pdf"
        pages = write_report(
            pdf,
            store,
            ReportRange(today - timedelta(weeks=12), today),
            {"Back spasm relief": 2},
            ink=REPORT_INK,
            chart=report_chart,
        )
        results["pdf_12_weeks_ms"] = round(_ms(t0), 1)
        results["pdf_pages"] = pages
        window.close()
        store.close()

    width = max(len(k) for k in results)
    for key, value in results.items():
        print(f"{key:<{width}}  {value}")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
