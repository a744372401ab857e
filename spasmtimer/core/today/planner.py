"""Making today's plan: what to do today, in time order, with what is done ticked.

One plan feeds both the Today screen and the reminders
(:mod:`spasmtimer.core.today.reminders` builds its occurrences from it), so the two
never disagree. The items:

- **ice or heat** while the spasm is in its acute or heat phase
  (:mod:`spasmtimer.core.guidance.recovery`): 20 minutes, the next one due an interval
  (2 hours by default, 1 to 2 allowed) after the start of the last; what it is
  (ice or heat) is decided for its own time, so a day can turn from ice to
  heat at the 48-hour mark; two applications never overlap;
- **sessions** of each wanted routine, ``k of n`` at about a time: the
  routine's ``sessions_per_day`` spread over the waking day; once preventing
  the next spasm, Core strengthening instead of the relief stretches;
- **walks** of 5 to 10 minutes, a few a day (acute and heat phases, or when
  the user turned walk reminders on);
- **desk breaks** every 30 minutes (prevention phase, or when turned on).

Done things tick the earliest items of their kind. A session (or walk) not
done by its time does not pile up: of the ones overdue only the latest stays,
due now, and the ones after it keep a gap from it; those that no longer fit
before the end of the waking day are left for tomorrow. There are never more
session items for a routine than its ``sessions_per_day``.

After two whole days without a session, :attr:`TodayPlan.welcome_back` says
so plainly, without blame, and names the shortest useful routine.

Nothing reads a clock: ``now`` is an argument, and every time is a naive
local :class:`datetime`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from spasmtimer.core.guidance.ice_heat import (
    APPLICATION,
    LONGEST_INTERVAL,
    SHORTEST_INTERVAL,
    ScheduleError,
    Therapy,
    onset_in_future,
    propose,
)
from spasmtimer.core.guidance.recovery import (
    PREVENTION_FROM,
    Recovery,
    RecoveryPhase,
    recovery,
    rule,
)
from spasmtimer.core.routines.plan import make_plan
from spasmtimer.core.routines.routine import Routine
from spasmtimer.core.today.plan import (
    APPLICATION_ROUTINES,
    DESK_BREAK_ROUTINE,
    DayInput,
    Done,
    ItemKind,
    TodayItem,
    TodayPlan,
    Wanted,
    WelcomeBack,
)

# Ours: the least time between two sessions (or walks) once one has moved;
# never more than half the spacing the day gives them.
LONGEST_GAP = timedelta(hours=2)
LAPSE_DAYS = 2  # whole days without a session before the plan says so
RELIEF_ROUTINE = "Back spasm relief"  # routines/back-spasm-relief.yaml: for a spasm
PREVENTION_ROUTINE = "Core strengthening"  # routines/core-strengthening.yaml: after it


def plan_today(data: DayInput, now: datetime) -> TodayPlan:
    """Today's plan for ``data`` at ``now``.

    An onset in the future (a clock set back, a file from elsewhere: the
    pickers refuse one) is left out: the plan is made as without a spasm
    time, and :attr:`TodayPlan.onset_refused` says so. Raises
    :class:`ScheduleError` for an interval outside 1 to 2 hours.
    """
    s = data.settings
    if not SHORTEST_INTERVAL <= s.interval <= LONGEST_INTERVAL:
        raise ScheduleError("The time between applications must be from 1 to 2 hours.")
    refused = data.onset is not None and onset_in_future(data.onset, now)
    if refused:
        data = replace(data, onset=None, next_application=None)
    wake, sleep = datetime.combine(data.day, s.wake), datetime.combine(data.day, s.sleep)
    phase = recovery(data.onset, now, pain_eased=data.pain_eased)
    items: list[TodayItem] = []
    items += _applications(data, phase, wake, sleep, now)
    counts: dict[str, tuple[int, int]] = {}
    for wanted in _wanted(data, phase):
        found = _sessions(data, wanted, wake, sleep, now)
        counts[wanted.name] = (sum(1 for i in found if i.done), max(1, wanted.sessions_per_day))
        items += found
    active = phase is not None and phase.phase is not RecoveryPhase.PREVENTION
    if s.walks or active:
        items += _walks(data, wake, sleep, now)
    if s.desk_breaks or (phase is not None and phase.phase is RecoveryPhase.PREVENTION):
        items += _desk_breaks(data, wake, sleep, now)
    over = data.day == now.date() and now >= sleep
    if over:  # the waking day is over: nothing is due now; what is left waits for tomorrow
        items = [i for i in items if i.done]
    items.sort(key=lambda i: (i.at, i.kind.value))
    return TodayPlan(
        data.day,
        now,
        phase,
        tuple(items),
        _welcome_back(data),
        counts,
        onset_refused=refused,
        day_over=over,
    )


# -- ice and heat ---------------------------------------------------------------


def _applications(
    data: DayInput, phase: Recovery | None, wake: datetime, sleep: datetime, now: datetime
) -> list[TodayItem]:
    done = sorted((d for d in data.done if d.kind.is_application), key=lambda d: d.at)
    items = [_application_done(d) for d in done]
    if data.onset is None:
        if data.next_application is not None:  # asked for, though the onset is unknown
            at, therapy = data.next_application
            items.append(_application(therapy, at, at, None))
        return items
    if phase is None or phase.phase is RecoveryPhase.PREVENTION:
        return items
    if data.next_application is not None:
        first = data.next_application[0]
    elif done:
        first = done[-1].at + data.settings.interval - APPLICATION
    else:
        first = max(wake, data.onset)
    if done:  # never on top of one already done
        first = max(first, done[-1].at)
    grid, at = [], first
    while at == first or at < sleep:
        grid.append(at)
        at += data.settings.interval
    passed = [t for t in grid if t <= now]
    for at in passed[-1:] + [t for t in grid if t > now]:  # missed ones make one
        # What it is, is decided for when it will be done: a day can turn
        # from ice to heat at 48 hours, and from heat to prevention.
        proposal = propose(data.onset, max(at, now))
        if proposal.since >= PREVENTION_FROM:
            break
        items.append(_application(proposal.therapy, at, at, proposal.alternative))
    return items


def _application(
    therapy: Therapy, planned: datetime, at: datetime, alternative: Therapy | None
) -> TodayItem:
    kind = ItemKind.ICE if therapy is Therapy.ICE else ItemKind.HEAT
    if therapy is Therapy.ICE:
        detail = "Wrap the ice pack in a thin towel; never put it straight on your skin."
        why = rule("ice-first")
    else:
        detail = "A heating pad, a hot pack or a warm bath."
        why = rule("heat-later")
    if alternative is not None:
        detail += (
            f" {alternative.word.capitalize()} is also in line with the articles until 72 hours."
        )
    return TodayItem(
        kind,
        planned,
        at,
        f"{therapy.word.capitalize()}: 20 minutes",
        detail,
        routine=therapy.routine_name,
        rule=why,
    )


def _application_done(d: Done) -> TodayItem:
    therapy = Therapy.ICE if d.kind is ItemKind.ICE else Therapy.HEAT
    start = d.at - APPLICATION
    return TodayItem(
        d.kind,
        start,
        d.at,
        f"{therapy.word.capitalize()}: 20 minutes",
        "Done.",
        done=True,
        routine=therapy.routine_name,
    )


# -- sessions and walks -----------------------------------------------------------


def spread(count: int, start: datetime, end: datetime) -> list[datetime]:
    """``count`` times evenly over [start, end), each in the middle of its share,
    rounded to 5 minutes."""
    span = (end - start) / max(1, count)
    times = []
    for i in range(count):
        t = start + span * i + span / 2
        minutes = round((t.hour * 60 + t.minute + t.second / 60) / 5) * 5
        times.append(datetime.combine(t.date(), time()) + timedelta(minutes=minutes))
    return times


def _placed(
    slots: Sequence[datetime], done_at: Sequence[datetime], sleep: datetime, now: datetime
) -> list[tuple[datetime, datetime]]:
    """(planned, at) for the slots not yet done: moved, never piled up.

    Done things use up the earliest slots. Each slot left is due at its time,
    but no sooner than a gap after the one before it (done or due). Of the
    slots already due at ``now`` only the latest stays; the rest of the day
    follows it. Slots pushed past ``sleep`` are left for tomorrow.
    """
    gap = LONGEST_GAP
    if len(slots) > 1:
        gap = min(gap, (slots[1] - slots[0]) / 2)
    left = list(slots[len(done_at) :])
    previous = max(done_at) if done_at else None
    placed: list[tuple[datetime, datetime]] = []
    for slot in left:
        at = slot if previous is None else max(slot, previous + gap)
        placed.append((slot, at))
        previous = at
    due = [p for p in placed if p[1] <= now]
    if len(due) > 1:  # missed ones make one, due now, not a pile
        placed = [due[-1]] + [p for p in placed if p[1] > now]
    return [p for p in placed if p[1] < sleep]


def _sessions(
    data: DayInput, wanted: Wanted, wake: datetime, sleep: datetime, now: datetime
) -> list[TodayItem]:
    total = max(1, wanted.sessions_per_day)
    slots = spread(total, wake, sleep)
    times = sorted(
        d.at for d in data.done if d.kind is ItemKind.SESSION and d.routine == wanted.name
    )
    if wanted.done_today is not None and len(times) < wanted.done_today:
        times += slots[len(times) : wanted.done_today]  # a count without times: their slots
    times = times[:total]
    why = rule("two-sessions") if total == 2 else rule("stretch-daily")
    if wanted.name == PREVENTION_ROUTINE:
        why = rule("core")
    items = [
        TodayItem(
            ItemKind.SESSION,
            slots[k],
            t,
            f"{wanted.name}, session {k + 1} of {total}",
            "Done.",
            done=True,
            routine=wanted.name,
            number=k + 1,
            of=total,
            rule=why,
        )
        for k, t in enumerate(times)
    ]
    placed = _placed(slots, times, sleep, now)  # those that still fit in the day
    when = day_word(data.day, now)
    more = f" {len(placed)} sessions left {when}." if len(placed) > 1 else ""
    for number, (planned, at) in enumerate(placed, len(times) + 1):
        items.append(
            TodayItem(
                ItemKind.SESSION,
                planned,
                at,
                f"{wanted.name}, session {number} of {total}",
                f"Session {number} of {total} {when}.{more}",
                routine=wanted.name,
                number=number,
                of=total,
                rule=why,
            )
        )
    return items


def _wanted(data: DayInput, phase: Recovery | None) -> tuple[Wanted, ...]:
    """The routines on the plan: once preventing the next spasm, the core routine
    takes the place of the relief stretches (the articles: strengthen your core)."""
    if phase is None or phase.phase is not RecoveryPhase.PREVENTION:
        return data.routines
    names = {w.name for w in data.routines}
    core = next((r for r in data.offered if r.name == PREVENTION_ROUTINE), None)
    if core is None or RELIEF_ROUTINE not in names:
        return data.routines
    wanted = [w for w in data.routines if w.name != RELIEF_ROUTINE]
    if PREVENTION_ROUTINE not in names:
        wanted.append(Wanted(core.name, core.sessions_per_day))
    return tuple(wanted)


def day_word(day: date, now: datetime) -> str:
    """``today``, ``tomorrow`` or ``on Thursday``: the plan's day as seen at ``now``."""
    days = (day - now.date()).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"on {day:%A}"


def _walks(data: DayInput, wake: datetime, sleep: datetime, now: datetime) -> list[TodayItem]:
    count = data.settings.walks_per_day
    start = wake
    if not data.settings.walks and data.onset is not None:
        start = min(max(wake, data.onset), sleep)  # walks for a spasm come after it began
    slots = spread(count, start, sleep)
    times = sorted(d.at for d in data.done if d.kind is ItemKind.WALK)
    why = rule("short-walks")
    title = "Walk 5–10 minutes"
    items = [
        TodayItem(ItemKind.WALK, slots[min(k, count - 1)], t, title, "Done.", done=True, rule=why)
        for k, t in enumerate(times)
    ]
    for planned, at in _placed(slots, times[:count], sleep, now):
        items.append(
            TodayItem(
                ItemKind.WALK,
                planned,
                at,
                title,
                "At an easy pace; stop if it makes the pain worse.",
                rule=why,
            )
        )
    return items


# -- desk breaks -------------------------------------------------------------------


def _desk_breaks(data: DayInput, wake: datetime, sleep: datetime, now: datetime) -> list[TodayItem]:
    every = timedelta(minutes=data.settings.desk_break_minutes)
    times = sorted(d.at for d in data.done if d.kind is ItemKind.DESK_BREAK)
    why = rule("desk-breaks")
    title = "Desk break"
    items = [
        TodayItem(ItemKind.DESK_BREAK, t, t, title, "Done.", done=True, rule=why) for t in times
    ]
    start = max([wake, *times])
    grid = []
    at = start + every
    while at < sleep:
        grid.append(at)
        at += every
    passed = [t for t in grid if t <= now]
    coming = [t for t in grid if t > now]
    detail = (
        f"Stand up, stretch or walk for a moment: every {data.settings.desk_break_minutes} "
        "minutes of sitting."
    )
    for t in passed[-1:] + coming:  # missed breaks make one, not several
        items.append(
            TodayItem(
                ItemKind.DESK_BREAK, t, t, title, detail, routine=DESK_BREAK_ROUTINE, rule=why
            )
        )
    return items


# -- after a lapse -------------------------------------------------------------------


def shortest_routine(routines: Iterable[Routine]) -> Routine | None:
    """The shortest routine that is a real session (not ice, heat or a desk break)."""
    useful = [
        r
        for r in routines
        if r.name not in APPLICATION_ROUTINES and r.name != DESK_BREAK_ROUTINE and r.exercises
    ]
    if not useful:
        return None
    return min(useful, key=lambda r: (make_plan(r).total_seconds, r.name))


def _welcome_back(data: DayInput) -> WelcomeBack | None:
    last = data.last_session_day
    if last is None:
        return None
    if any(d.kind is ItemKind.SESSION for d in data.done):
        return None
    idle = (data.day - last).days - 1  # whole days in between without a session
    if idle < LAPSE_DAYS:
        return None
    short = shortest_routine(data.offered)
    days = f"{idle} days" if idle < 14 else "a while"
    message = f"No sessions for {days}. That happens."
    if short is not None:
        minutes = max(1, round(make_plan(short).total_seconds / 60))
        unit = "minute" if minutes == 1 else "minutes"
        message += f" {short.name} takes about {minutes} {unit}: a good way back in."
    return WelcomeBack(message, short.name if short is not None else None)
