"""What the Today screen lists, as plain values: one row per item, desk breaks folded.

A day with desk breaks every 30 minutes has some thirty of them; the list
shows the next one (with how often they come) and one row for those done, so
the sessions and applications stay in sight. Kept apart from the widget so
it is tested without Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from spasmtimer.core.today.plan import ItemKind, TodayItem, TodayPlan

DONE_MARK = "✓"
DUE_MARK = "●"
LATER_MARK = "○"


@dataclass(frozen=True)
class Row:
    """One line of the list: a mark that is not colour alone, when, what."""

    item: TodayItem
    mark: str
    when: str
    text: str

    @property
    def done(self) -> bool:
        return self.item.done

    @property
    def state(self) -> str:
        """The mark in words, for a screen reader: ``done``, ``due now``, ``to do``."""
        return "done" if self.done else ("due now" if self.when == "now" else "to do")

    @property
    def spoken(self) -> str:
        """The row for a screen reader: words, not marks."""
        return f"{self.text}, {self.when}, {self.state}"

    @property
    def cells(self) -> tuple[str, str, str]:
        """What a screen reader says for each column (:data:`COLUMNS`): the mark in words."""
        return (self.state, self.when, self.text)


# The list's columns, as a screen reader names them (the header is not shown).
COLUMNS = ("Status", "When", "What")


def rows(plan: TodayPlan) -> list[Row]:
    """The plan's items in time order, desk breaks folded."""
    now = plan.now
    breaks_done = [i for i in plan.items if i.kind is ItemKind.DESK_BREAK and i.done]
    breaks_left = [i for i in plan.items if i.kind is ItemKind.DESK_BREAK and not i.done]
    found: list[Row] = []
    for item in plan.items:
        if item.kind is ItemKind.DESK_BREAK:
            if breaks_done and item is breaks_done[-1]:
                n = len(breaks_done)
                text = f"Desk breaks: {n} done" if n > 1 else "Desk break"
                found.append(Row(item, DONE_MARK, item.when(now), text))
            elif breaks_left and item is breaks_left[0]:
                found.append(Row(item, _mark(item, now), item.when(now), _breaks(breaks_left)))
            continue
        found.append(Row(item, _mark(item, now), item.when(now), item.title))
    return found


def _mark(item: TodayItem, now: datetime) -> str:
    if item.done:
        return DONE_MARK
    return DUE_MARK if item.at <= now else LATER_MARK


def _breaks(left: list[TodayItem]) -> str:
    if len(left) < 3:
        return "Desk break"
    every = int((left[2].at - left[1].at).total_seconds() // 60)
    return f"Desk break, then every {every} minutes until {left[-1].at:%H:%M}"


def left_summary(plan: TodayPlan) -> str:
    """``Still to do today: 1 session, 3 ice packs, 2 walks.`` or ``All done for today.``"""
    parts = []
    for kind in _ORDER:
        n = sum(1 for item in plan.left if item.kind is kind)
        if n:
            parts.append(f"{n} {_NOUNS[kind]}{'' if n == 1 else 's'}")
    if not parts:
        if plan.day_over:
            return "The waking day is over: the plan starts again tomorrow."
        return "All done for today." if plan.items else "Nothing planned for today."
    return "Still to do today: " + ", ".join(parts) + "."


_ORDER = (ItemKind.SESSION, ItemKind.ICE, ItemKind.HEAT, ItemKind.WALK, ItemKind.DESK_BREAK)
_NOUNS = {
    ItemKind.ICE: "ice pack",
    ItemKind.HEAT: "heat pack",
    ItemKind.SESSION: "session",
    ItemKind.WALK: "walk",
    ItemKind.DESK_BREAK: "desk break",
}


def counts_summary(plan: TodayPlan) -> str:
    """``Back spasm relief: 1 of 2 today`` per routine, one per line."""
    return "\n".join(f"{name}: {done} of {of} today" for name, (done, of) in plan.counts.items())


def headline(item: TodayItem, now: datetime) -> str:
    """The big line for the next item: ``Ice now: 20 minutes``,
    ``Back spasm relief, session 2 of 2, at about 15:00``, ``Desk break due``."""
    due = item.at <= now
    if item.kind.is_application:
        word = item.title.split(":")[0]
        return f"{word} now: 20 minutes" if due else f"{word} at about {item.at:%H:%M}: 20 minutes"
    if item.kind is ItemKind.DESK_BREAK:
        return "Desk break due" if due else f"Desk break at about {item.at:%H:%M}"
    return f"{item.title}, {'now' if due else item.when(now)}"
