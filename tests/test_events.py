"""Session events are plain frozen values that always say when they were due."""

from __future__ import annotations

import dataclasses

import pytest

from spasmtimer.core.routines.plan import Step, StepKind
from spasmtimer.core.session.events import (
    Event,
    Finished,
    Paused,
    PauseReason,
    Resumed,
    StepEnded,
    StepStarted,
    Summary,
)

STEP = Step(StepKind.HOLD, 0, "E", 5.0, 1, 1, None)


def test_events_are_frozen_and_stamped() -> None:
    event = StepStarted(3, STEP, due=12.5, late=0.25)
    assert (event.index, event.step, event.due, event.late) == (3, STEP, 12.5, 0.25)
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.index = 4  # type: ignore[misc]
    assert isinstance(event, Event)


def test_due_and_late_are_keywords_with_defaults() -> None:
    assert StepEnded(1, STEP, True) == StepEnded(
        index=1, step=STEP, skipped=True, due=0.0, late=0.0
    )
    assert Resumed().due == 0.0
    assert Paused(PauseReason.SLEEP).reason is PauseReason.SLEEP


def test_events_compare_by_value() -> None:
    summary = Summary(3, 1, 42.0, True)
    assert Finished(summary, due=1.0) == Finished(summary, due=1.0)
    assert Finished(summary, due=1.0) != Finished(summary, due=2.0)
    assert summary.per_exercise == ()
