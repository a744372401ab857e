"""``spasmtimer history [--csv]``: the sessions done, as a table or as CSV."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from spasmtimer.cli.exit_codes import EXIT_OK, EXIT_PROBLEM
from spasmtimer.core.history.store import HistoryStore, SessionRecord, SessionStatus


def _duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}"


def _pain(record: SessionRecord) -> str:
    if record.pain_before is None and record.pain_after is None:
        return ""

    def show(value: int | None) -> str:
        return "-" if value is None else str(value)

    return f"{show(record.pain_before)} → {show(record.pain_after)}"


def table_rows(sessions: list[SessionRecord]) -> list[tuple[str, ...]]:
    """The rows of the table, oldest first, times in the local zone."""
    rows: list[tuple[str, ...]] = []
    for s in sessions:
        started = s.started.astimezone()
        rows.append(
            (
                s.local_date.isoformat(),
                started.strftime("%H:%M"),
                s.routine,
                s.status.value,
                f"{s.holds_done}/{s.holds_skipped}",
                _duration(s.duration_seconds),
                _pain(s),
            )
        )
    return rows


def print_table(sessions: list[SessionRecord], out: TextIO) -> None:
    header = ("Date", "Time", "Routine", "Status", "Done/skipped", "Duration", "Pain")
    rows = [header, *table_rows(sessions)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    right = {4, 5}  # numbers line up on the right
    for row in rows:
        cells = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        out.write("  ".join(cells).rstrip() + "\n")
    done = sum(1 for s in sessions if s.status is SessionStatus.COMPLETED)
    plural = "" if len(sessions) == 1 else "s"
    out.write(f"\n{len(sessions)} session{plural}, {done} completed.\n")


def cmd_history(args: argparse.Namespace) -> int:
    store = HistoryStore.open_default()
    try:
        if store.notice or store.write_problem:
            sys.stderr.write(f"spasmtimer: {store.notice or store.write_problem}\n")
        if not store.available and store.path is not None and store.path.exists():
            # The file is there but was left alone (newer, unreadable): it is not
            # empty, and saying "No sessions yet" would be wrong.
            return EXIT_PROBLEM
        if args.csv:
            store.export_csv(sys.stdout)
            return EXIT_OK
        sessions = store.sessions(newest_first=False)
        if not sessions:
            where = f" Sessions you do are kept in {store.path}." if store.available else ""
            sys.stdout.write(f"No sessions yet.{where}\n")
            return EXIT_OK
        print_table(sessions, sys.stdout)
        return EXIT_OK
    finally:
        store.close()
