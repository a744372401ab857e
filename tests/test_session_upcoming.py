"""Session.upcoming: what falls due next, listed ahead without emitting it (the player
places those cues ahead of time). Fake clock throughout."""

from __future__ import annotations

import random

import pytest
from session_helpers import every_kind_plan, started

from spasmtimer.core.session.cues import CountStyle
from spasmtimer.core.session.events import CueDue, StepStarted
from spasmtimer.core.session.machine import SessionState


def heard(events: list[object]) -> list[object]:
    """The events a player hears, as the player would key them."""
    out: list[object] = []
    for event in events:
        if isinstance(event, CueDue):
            out.append(("cue", event.cue, event.due))
        elif isinstance(event, StepStarted):
            out.append(("step", event.index, event.step.seconds, event.due))
    return out


@pytest.mark.parametrize("style", list(CountStyle))
def test_what_is_listed_ahead_is_what_comes_with_the_same_due_times(style: CountStyle) -> None:
    # Look 1.6 s ahead after every tick (as the app does), ticking late at
    # random: everything listed comes later, in that order, at those exact
    # due times, up to and including the routine's last words.
    session, clock, recorder = started(every_kind_plan(), count_style=style)
    rng = random.Random(7)
    promised: dict[float, list[object]] = {}
    listed = heard(session.upcoming(1.6))
    while session.state is SessionState.RUNNING:
        now = clock()
        for item in listed:
            assert isinstance(item, tuple)
            promised.setdefault(now, []).append(item)
        wait = session.seconds_until_next_event()
        assert wait is not None
        clock.advance(min(wait, 1.0) + rng.uniform(0.0, 0.3))
        session.tick()
        listed = heard(session.upcoming(1.6))
    assert session.state is SessionState.FINISHED
    emitted = heard(recorder.events)
    for _at, items in promised.items():
        # Each list is a run of what was emitted, in order.
        start = emitted.index(items[0]) if items else 0
        assert emitted[start : start + len(items)] == items
    # And everything the player hears was listed ahead at some point (the first
    # step's start and cue come with start() itself).
    ahead = {item for items in promised.values() for item in items}
    assert set(emitted[2:]) <= ahead


def test_nothing_is_listed_unless_running_and_a_control_changes_the_list() -> None:
    session, clock, _recorder = started(every_kind_plan())
    clock.advance(0.5)
    session.tick()
    before = heard(session.upcoming(5.0))
    assert before and all(item[-1] > clock() for item in before)  # type: ignore[index]
    session.skip()
    after = heard(session.upcoming(5.0))
    assert after != before
    session.pause()
    assert session.upcoming(5.0) == []
    session.resume()
    assert session.upcoming(5.0)
    session.stop()
    assert session.upcoming(5.0) == []


def test_listing_ahead_emits_nothing_and_changes_nothing() -> None:
    session, clock, recorder = started(every_kind_plan())
    recorder.take()
    clock.advance(0.2)
    state = (session.step_index, session.step_elapsed(), session.remaining())
    session.upcoming(30.0)
    assert recorder.events == []
    assert (session.step_index, session.step_elapsed(), session.remaining()) == state
