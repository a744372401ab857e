"""The history as CSV, one row per session, for a spreadsheet or a clinician."""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from typing import TextIO

from spasmtimer.core.history.records import ExerciseTally, SessionRecord, format_stamp

CSV_COLUMNS = (
    "id",
    "date",
    "routine",
    "status",
    "started",
    "ended",
    "duration_seconds",
    "holds_done",
    "holds_skipped",
    "pain_before",
    "pain_after",
    "note",
    "exercises",
    "routine_sha256",
)


def write_csv(
    out: TextIO,
    sessions: Sequence[SessionRecord],
    tallies: Mapping[int, Sequence[ExerciseTally]],
) -> int:
    """Write ``sessions`` (in the order given) as CSV; returns how many."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for s in sessions:
        exercises = "; ".join(
            f"{t.exercise}: {t.done} done, {t.skipped} skipped, level {t.level}"
            for t in tallies.get(s.id, [])
        )
        writer.writerow(
            (
                s.id,
                s.local_date.isoformat(),
                s.routine,
                s.status.value,
                format_stamp(s.started),
                format_stamp(s.ended) if s.ended else "",
                round(s.duration_seconds),
                s.holds_done,
                s.holds_skipped,
                "" if s.pain_before is None else s.pain_before,
                "" if s.pain_after is None else s.pain_after,
                s.note or "",
                exercises,
                s.routine_hash,
            )
        )
    return len(sessions)
