"""When a finished session counts: most of its holds done.

The one rule the session's last words, the finish screen, Today's ticks,
the streak and progression all follow (README, "Holds that grow").
"""

from __future__ import annotations


def counts(holds_done: int, holds_skipped: int) -> bool:
    """Whether a finished session with these holds counts: most of them done.

    More than half of its holds done (not skipped); a session with no holds
    at all (an ice or heat pack timed as one long step still has one) counts.
    """
    total = holds_done + holds_skipped
    return total == 0 or 2 * holds_done > total


# :func:`counts` for a row of the history's ``sessions`` table (status aside).
COUNTS_SQL = "(holds_done + holds_skipped = 0 OR 2 * holds_done > holds_done + holds_skipped)"
