"""How the history writes times: UTC, to the second (``2026-01-31T08:15:00Z``).

Apart from :mod:`spasmtimer.core.history.records` (which re-exports it) so
the store can open, check and write without making the record dataclasses,
which only reading sessions back needs.
"""

from __future__ import annotations

from datetime import UTC, datetime

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # stands in for a time the row lacks


def format_stamp(moment: datetime) -> str:
    """How a moment is stored: UTC, to the second."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_stamp(text: str | None) -> datetime | None:
    """A stored moment back as an aware datetime; None for an empty column."""
    if not text:
        return None
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
