"""Today's plan over a year of history: what the Today screen costs at start-up.

Fills a database with a year of sessions (two a day, eight holds each, as
``bench/history.py`` does), then times, median of 50 runs each:

- ``day_records.done_on`` and ``last_session_day`` (what the plan needs);
- ``level_changes.outcomes`` for one exercise (what progression needs);
- ``Reminders.plan`` (the plan itself, with an onset 30 hours ago).

Run: ``.venv/bin/python bench/today.py``. The last line is JSON.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import history as history_bench  # bench/history.py: its fill()

from spasmtimer.core.history import level_changes
from spasmtimer.core.history.store import HistoryStore
from spasmtimer.core.today import day_records
from spasmtimer.core.today.reminders import Reminders, ReminderSettings, RoutineDemand

RUNS = 50


def median_ms(work: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        work()
        times.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 3)


def main() -> int:
    history_bench.YEARS = 1
    results: dict[str, float | int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = HistoryStore(Path(tmp) / "history.sqlite3")
        today = date.today()
        results["sessions"] = history_bench.fill(store, today)
        conn = store.connection
        results["done_on_ms"] = median_ms(lambda: day_records.done_on(conn, today))
        results["last_session_day_ms"] = median_ms(
            lambda: day_records.last_session_day(conn, today)
        )
        results["outcomes_ms"] = median_ms(
            lambda: level_changes.outcomes(conn, "Back spasm relief", "Knee to chest")
        )
        now = datetime.now().replace(second=0, microsecond=0)
        reminders = Reminders(
            ReminderSettings(walks=True, desk_breaks=True),
            [RoutineDemand("Back spasm relief", 2)],
            onset=now - timedelta(hours=30),
            done=day_records.done_on(conn, today),
        )
        results["plan_ms"] = median_ms(lambda: reminders.plan(now))
        store.close()
    for key, value in results.items():
        print(f"{key:>22}: {value}")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
