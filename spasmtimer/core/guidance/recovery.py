"""Where a spasm is in its recovery, from when it began: acute, heat, prevention.

Each rule the app follows names its articles and carries the articles' own
words (:attr:`Rule.quotes`), so a test can check every rule against the
text and a tooltip can credit it. The phases:

- **acute**, the first 48 hours: ice 10 to 20 minutes at a time (000), 20
  minutes every 1 to 2 hours (002, 004), gentle movement and short walks
  rather than bed rest (000, 001, 004);
- **heat**, after 48 hours (000, 004) or after 72 hours (002): the articles
  disagree on 48 to 72 hours and the phase says so, as the ice and heat view
  does (:func:`spasmtimer.core.guidance.ice_heat.propose` words it); walks and gentle
  stretching (004);
- **prevention**, once the pain has eased: the user says so, or a week has
  passed (003: "a few days to a week of home treatment"; past that a doctor
  should look at pain that has not improved). Core strengthening, daily
  stretching and desk breaks every 30 minutes (000, 001, 003, 004).

Without an onset time there is no phase (``None``). Nothing here reads a
clock: ``now`` is always an argument.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, tzinfo

from spasmtimer.core.guidance.ice_heat import ICE_UNTIL, Proposal, ScheduleError, after, propose
from spasmtimer.core.guidance.sources import (
    SOURCES,
    Source,
)

# 003: "doesn't improve after a few days to a week of home treatment" should
# be seen by a doctor; by then the acute and heat advice has run its course.
PREVENTION_FROM = timedelta(days=7)

__all__ = [
    "PREVENTION_FROM",
    "RULES",
    "Recovery",
    "RecoveryPhase",
    "Rule",
    "ScheduleError",
    "recovery",
    "rule",
]


@dataclass(frozen=True)
class Rule:
    """One thing the app does because the articles say so.

    ``quotes`` pairs an article's number with words copied from it exactly;
    the tests look each one up in the article.
    """

    key: str
    text: str  # what the screen says, in plain words
    quotes: tuple[tuple[str, str], ...]

    @property
    def sources(self) -> tuple[Source, ...]:
        keys = {k for k, _ in self.quotes}
        return tuple(s for s in SOURCES if s.key in keys)

    @property
    def credit(self) -> str:
        """``From “…”; “…”.`` for a tooltip."""
        return "From " + "; ".join(s.credit for s in self.sources) + "."


RULES: tuple[Rule, ...] = (
    Rule(
        "ice-first",
        "For the first 48 hours: ice for up to 20 minutes at a time, every 1 to 2 hours.",
        (
            ("000", "For the first 48 hours following an acute spasm, apply ice for 10 to 20"),
            ("002", "for 20 minutes at a time every 1-2 hours"),
            ("004", "Apply ice 20 minutes every 2 hours"),
        ),
    ),
    Rule(
        "ice-towel",
        "Wrap the ice in a thin towel or cloth; never put it straight on the skin.",
        (("001", "wrap the ice in some kind of thin towel or cloth"),),
    ),
    Rule(
        "heat-later",
        "Then heat, 20 minutes at a time. Two articles switch after 48 hours, one keeps ice "
        "until 72 hours; from 48 to 72 hours either is in line with the articles.",
        (
            ("000", "After 48 hours"),
            ("004", "Switch to heat therapy"),
            ("002", "After 72 hours, apply heat for 20 minutes at a time every 1-2 hours"),
        ),
    ),
    Rule(
        "keep-moving",
        "Keep gently moving: complete bed rest slows recovery.",
        (
            ("000", "Gentle movement is generally recommended over complete bed rest"),
            ("004", "Avoid complete bed rest"),
        ),
    ),
    Rule(
        "short-walks",
        "Walk for 5 to 10 minutes a few times a day.",
        (
            ("000", "five to ten minutes a few times a day"),
            ("001", "walking for a few minutes several times throughout the day"),
        ),
    ),
    Rule(
        "stop-if-worse",
        "Stop anything that makes the pain worse.",
        (
            ("000", "Any activity that increases the pain should be stopped immediately"),
            ("001", "stop if they aggravate your back"),
        ),
    ),
    Rule(
        "gradually",
        "Build up the stretches gradually as you improve.",
        (("001", "do these exercises gradually as you improve"),),
    ),
    Rule(
        "stretch-after-48h",
        "After 48 hours, gentle stretching and walking as you can.",
        (("004", "Gentle stretching exercises"), ("004", "Walking as tolerated")),
    ),
    Rule(
        "two-sessions",
        "The relief stretches: 2 sessions a day.",
        (("002", "2 sets a session and 2 sessions a day"),),
    ),
    Rule(
        "core",
        "To prevent the next spasm, strengthen your core: pelvic tilts, bridges, bird dog.",
        (
            ("000", "Developing a strong core"),
            ("003", "especially core strengthening"),
            ("004", "Core strengthening: Support spine stability"),
        ),
    ),
    Rule(
        "stretch-daily",
        "Stretch your back every day.",
        (("001", "try stretching your back every day"),),
    ),
    Rule(
        "desk-breaks",
        "When sitting, stand up, stretch or walk for a moment every 30 minutes.",
        (
            ("000", "short standing or walking breaks every 30 minutes"),
            ("003", "Take regular short breaks to stand and stretch every 30 minutes"),
        ),
    ),
    Rule(
        "eased",
        "A spasm can ease within hours or last a few days; once the pain has eased, the app "
        "turns to preventing the next one.",
        (
            ("001", "goes away in only a few hours"),
            ("001", "In severe cases, however, it may last a few days"),
        ),
    ),
    Rule(
        "see-doctor",
        "If the pain has not improved after a few days to a week, see a doctor (one article "
        "says after 72 hours).",
        (
            ("003", "a few days to a week of home treatment"),
            ("000", "Pain that persists beyond 72 hours"),
        ),
    ),
)


def rule(key: str) -> Rule:
    """The rule with this key (``KeyError`` if there is none)."""
    for r in RULES:
        if r.key == key:
            return r
    raise KeyError(key)


class RecoveryPhase(enum.Enum):
    """Where the spasm is: what today's plan is built around."""

    ACUTE = enum.auto()  # first 48 hours: ice, rest, gentle movement
    HEAT = enum.auto()  # after 48 hours: heat, walks, gentle stretching
    PREVENTION = enum.auto()  # pain eased: core, daily stretching, desk breaks

    @property
    def title(self) -> str:
        return _TITLES[self]


_TITLES = {
    RecoveryPhase.ACUTE: "First 48 hours: ice, rest and gentle movement",
    RecoveryPhase.HEAT: "After 48 hours: heat, walks and gentle stretching",
    RecoveryPhase.PREVENTION: "Preventing the next spasm",
}

_PHASE_RULES = {
    RecoveryPhase.ACUTE: ("ice-first", "ice-towel", "keep-moving", "short-walks", "stop-if-worse"),
    RecoveryPhase.HEAT: (
        "heat-later",
        "stretch-after-48h",
        "short-walks",
        "gradually",
        "stop-if-worse",
    ),
    RecoveryPhase.PREVENTION: ("core", "stretch-daily", "desk-breaks", "eased", "stop-if-worse"),
}


# What the ice and heat window says once Today has turned to prevention.
PREVENTION_HEADLINE = "No ice or heat on today's plan"
PREVENTION_ADVICE = (
    "Today now plans stretches, strengthening and breaks to prevent the next spasm.",
    "Before a strenuous activity you may briefly apply heat, to help prevent a spasm "
    "(Cedars-Sinai).",
)
PREVENTION_NEXT = "Ice and heat are not reminded of any more. A new spasm? Say above when it began."


@dataclass(frozen=True)
class Recovery:
    """The phase at one moment, what to apply (if anything) and the rules behind it."""

    phase: RecoveryPhase
    since: timedelta  # how long ago the spasm began
    therapy: Proposal | None  # ice or heat now; None once in prevention
    rules: tuple[Rule, ...]
    changes_at: datetime | None  # when the phase will change by itself
    note: str = ""  # the articles' disagreement, or when to see a doctor
    # Prevention only because the user said the pain has eased (it can be taken back).
    eased: bool = False

    @property
    def title(self) -> str:
        return self.phase.title


def recovery(
    onset: datetime | None, now: datetime, *, pain_eased: bool = False, tz: tzinfo | None = None
) -> Recovery | None:
    """The recovery phase of a spasm that began at ``onset``, seen at ``now``.

    ``None`` without an onset. ``pain_eased`` (the user said the pain has
    gone) moves straight to prevention. Raises :class:`ScheduleError` when
    ``onset`` is in the future (beyond a few minutes of clock slack).
    """
    if onset is None:
        return None
    proposal = propose(onset, now, tz)  # validates onset, words the ice/heat disagreement
    since = proposal.since
    if pain_eased or since >= PREVENTION_FROM:
        note = "" if pain_eased else rule("see-doctor").text
        made = _make(RecoveryPhase.PREVENTION, since, None, None, note)
        return replace(made, eased=since < PREVENTION_FROM)
    if since < ICE_UNTIL:
        return _make(RecoveryPhase.ACUTE, since, proposal, after(onset, ICE_UNTIL, tz), "")
    note = proposal.reason if proposal.alternative is not None else ""
    return _make(RecoveryPhase.HEAT, since, proposal, after(onset, PREVENTION_FROM, tz), note)


def _make(
    phase: RecoveryPhase,
    since: timedelta,
    therapy: Proposal | None,
    changes_at: datetime | None,
    note: str,
) -> Recovery:
    rules = tuple(rule(k) for k in _PHASE_RULES[phase])
    return Recovery(phase, since, therapy, rules, changes_at, note)
