"""Ice or heat, and when: the schedule the source articles describe.

The articles agree on the shape and differ on the numbers:

- ice first, heat later: ice for the first 48 hours ("What to Do for Back
  Muscle Spasms", "Low Back Cramps or Spasms"), or for the first 24 to 72
  hours (MedicineNet), then heat;
- each application: 10 to 20 minutes (000), 20 minutes (002, 004);
- how often: every 1 to 2 hours (002), every 2 hours (004);
- always wrap ice in a thin towel or cloth (Cedars-Sinai, and 003's "ice pack
  wrapped in a towel").

So: up to 48 hours ice; from 48 to 72 hours heat, saying plainly that one
article keeps ice until 72 hours; after 72 hours heat. An application lasts
20 minutes and the next is due 2 hours after the start of the last one (the
user may choose anything from 1 to 2 hours). Everything takes the times it
works on as arguments; nothing here reads a clock.

Times may be naive (local wall-clock time, as the pickers give them) or
aware. Elapsed time is always real time: across a clock change "01:30 to
10:00" on the spring-forward day is 7 hours 30 minutes, not 8 hours 30
(:func:`elapsed`, :func:`after`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

from spasmtimer.core.clock import aware
from spasmtimer.core.guidance.sources import (
    CEDARS_SINAI,
    LOW_BACK_CRAMPS,
    LOWER_BACK,
    MEDICINENET,
    WHAT_TO_DO,
    Source,
)

APPLICATION = timedelta(minutes=20)
ICE_UNTIL = timedelta(hours=48)  # 000, 004
ICE_AT_MOST = timedelta(hours=72)  # 002
SHORTEST_INTERVAL = timedelta(hours=1)  # 002
LONGEST_INTERVAL = timedelta(hours=2)  # 002, 004
DEFAULT_INTERVAL = LONGEST_INTERVAL
# A spasm "beginning" a little in the future is a clock or picker rounding
# difference, not a mistake worth an error.
_FUTURE_SLACK = timedelta(minutes=5)


class Therapy(enum.Enum):
    """What to put on the sore back."""

    ICE = enum.auto()
    HEAT = enum.auto()

    @property
    def word(self) -> str:
        return "ice" if self is Therapy.ICE else "heat"

    @property
    def routine_name(self) -> str:
        """The bundled routine that times one application."""
        return "Ice pack" if self is Therapy.ICE else "Heat pack"

    @property
    def routine_file(self) -> str:
        return "ice-pack" if self is Therapy.ICE else "heat-pack"


class Phase(enum.Enum):
    """Where the spasm is in the articles' timeline."""

    ICE = enum.auto()  # first 48 hours: every article that gives a time says ice
    EITHER = enum.auto()  # 48 to 72 hours: the articles differ
    HEAT = enum.auto()  # after 72 hours: every article says heat


class ScheduleError(ValueError):
    """A time the schedule cannot work with, in words for the user."""


ICE_ADVICE = (
    "Wrap the ice pack in a thin towel or cloth. Never put ice straight on your skin: "
    "it can damage it, like frostbite.",
    "Keep it on for 20 minutes at a time.",
)
HEAT_ADVICE = (
    "Use a heating pad, a hot pack or a warm bath.",
    "Keep it on for 20 minutes at a time.",
)


@dataclass(frozen=True)
class ArticleNote:
    """What one article says about ice and heat."""

    source: Source
    says: str


ARTICLE_NOTES: tuple[ArticleNote, ...] = (
    ArticleNote(
        WHAT_TO_DO,
        "Ice for 10 to 20 minutes at a time for the first 48 hours, then heat. "
        "Heat can also help earlier if it is muscle tightness without a recent injury.",
    ),
    ArticleNote(
        CEDARS_SINAI,
        "Start with something cold, wrapped in a thin towel or cloth to protect the skin; "
        "if the spasms continue, try a heating pad.",
    ),
    ArticleNote(
        MEDICINENET,
        "Ice for the first 24 to 72 hours, 20 minutes at a time every 1 to 2 hours; "
        "after 72 hours, heat for 20 minutes every 1 to 2 hours.",
    ),
    ArticleNote(
        LOWER_BACK,
        "A hot pack or bath, or an ice pack wrapped in a towel; alternating hot and cold "
        "for about 20 minutes, with breaks, can also help.",
    ),
    ArticleNote(
        LOW_BACK_CRAMPS,
        "First 48 hours: ice for 20 minutes every 2 hours. After 48 hours: switch to heat.",
    ),
)


@dataclass(frozen=True)
class Proposal:
    """What to apply now, and why."""

    therapy: Therapy
    phase: Phase
    since: timedelta  # how long ago the spasm began
    reason: str
    advice: tuple[str, ...]
    alternative: Therapy | None = None  # also in line with the articles now
    changes_at: datetime | None = None  # when the proposal will change, if it will
    minutes: int = 20

    @property
    def headline(self) -> str:
        return f"{self.therapy.word.capitalize()} now: {self.minutes} minutes"


@dataclass(frozen=True)
class NextApplication:
    """When the next application is due, and what it will be."""

    at: datetime
    therapy: Therapy


def describe_duration(span: timedelta) -> str:
    """``2 hours``, ``45 minutes``, ``3 days and 4 hours`` — plain and rounded down."""
    minutes = max(0, int(span.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)

    def unit(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    if days:
        return unit(days, "day") + (f" and {unit(hours, 'hour')}" if hours else "")
    if hours:
        return unit(hours, "hour") + (f" and {unit(mins, 'minute')}" if mins else "")
    return unit(mins, "minute") if mins else "less than a minute"


def phase_at(since: timedelta) -> Phase:
    if since < ICE_UNTIL:
        return Phase.ICE
    if since < ICE_AT_MOST:
        return Phase.EITHER
    return Phase.HEAT


FUTURE_ONSET = "The time the spasm began is in the future; pick a time before now."


def _aware(moment: datetime, tz: tzinfo | None) -> datetime:
    if moment.tzinfo is not None:
        return moment
    # A naive time is the wall-clock time where the user is (``tz``, or the system's).
    return moment.replace(tzinfo=tz) if tz is not None else aware(moment)


def elapsed(began: datetime, now: datetime, tz: tzinfo | None = None) -> timedelta:
    """Real time from ``began`` to ``now``, across clock changes.

    Naive times are wall-clock times in ``tz`` (the system's time zone by
    default); aware ones are taken as they are.
    """
    return _aware(now, tz).astimezone(UTC) - _aware(began, tz).astimezone(UTC)


def after(moment: datetime, span: timedelta, tz: tzinfo | None = None) -> datetime:
    """``span`` of real time after ``moment``, as the same kind of time (naive or aware)."""
    real = _aware(moment, tz).astimezone(UTC) + span
    if moment.tzinfo is not None:
        return real.astimezone(moment.tzinfo)
    zone = tz if tz is not None else _aware(moment, None).tzinfo
    return real.astimezone(zone).replace(tzinfo=None)


def onset_in_future(began: datetime, now: datetime, tz: tzinfo | None = None) -> bool:
    """Whether ``began`` is later than ``now`` (beyond a few minutes of clock slack)."""
    return elapsed(began, now, tz) < -_FUTURE_SLACK


def check_onset(began: datetime, now: datetime, tz: tzinfo | None = None) -> None:
    """Raise :class:`ScheduleError` (in words for the user) for an onset in the future.

    What a spasm-time picker calls before it saves anything.
    """
    if onset_in_future(began, now, tz):
        raise ScheduleError(FUTURE_ONSET)


def propose(began: datetime, now: datetime, tz: tzinfo | None = None) -> Proposal:
    """Ice or heat for a spasm that began at ``began``, seen at ``now``.

    Raises :class:`ScheduleError` when ``began`` is in the future. Either may
    carry its zone or be local time (:func:`~spasmtimer.core.clock.aware`; ``tz``:
    where naive times are wall-clock times, the system's zone by default): the
    time between them is exact across a clock change or a trip.
    """
    check_onset(began, now, tz)
    since = max(elapsed(began, now, tz), timedelta(0))
    ago = f"Your spasm began {describe_duration(since)} ago."
    if since < timedelta(minutes=1):
        ago = "Your spasm began just now."
    phase = phase_at(since)
    if phase is Phase.ICE:
        return Proposal(
            Therapy.ICE,
            phase,
            since,
            f"{ago} For the first 48 hours the articles advise ice, to calm swelling and "
            "numb the pain.",
            ICE_ADVICE,
            changes_at=after(began, ICE_UNTIL, tz),
        )
    if phase is Phase.EITHER:
        return Proposal(
            Therapy.HEAT,
            phase,
            since,
            f"{ago} Two articles switch from ice to heat after 48 hours; MedicineNet keeps "
            "ice for up to 72 hours. Heat is proposed; ice is also in line with the articles "
            "until 72 hours have passed.",
            HEAT_ADVICE,
            alternative=Therapy.ICE,
            changes_at=after(began, ICE_AT_MOST, tz),
        )
    return Proposal(
        Therapy.HEAT,
        phase,
        since,
        f"{ago} After 72 hours the articles advise heat, to relax the muscle. "
        "If the pain has not eased after a few days of home care, see a doctor: "
        "one article says after 72 hours, others after a week or 2 to 3 weeks.",
        HEAT_ADVICE,
    )


def next_application(
    began: datetime, done_at: datetime, interval: timedelta = DEFAULT_INTERVAL
) -> NextApplication:
    """The next application after one that ended at ``done_at``.

    ``interval`` runs from the start of one application to the start of the
    next (the articles' "20 minutes every 1 to 2 hours"), so the next one is
    due ``interval - 20 minutes`` after this one ended. What it will be is
    decided for that time: an ice phase may have turned into a heat phase.
    """
    if not SHORTEST_INTERVAL <= interval <= LONGEST_INTERVAL:
        raise ScheduleError("The time between applications must be from 1 to 2 hours.")
    at = done_at + interval - APPLICATION
    return NextApplication(at, propose(began, at if aware(at) >= aware(began) else began).therapy)
