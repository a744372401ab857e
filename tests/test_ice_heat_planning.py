"""Planning the next ice or heat application when one ends (core.today.applications),
and the settings store keeping what was planned, unchanged."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from spasmtimer.core.guidance.ice_heat import Therapy
from spasmtimer.core.today.applications import plan_after, record_application
from spasmtimer.core.today.reminders import IceHeatDemand

BEGAN = datetime(2026, 11, 27, 8, 0)


def test_nothing_is_planned_without_an_onset() -> None:
    assert plan_after(None, BEGAN + timedelta(hours=3)) is None


def test_the_next_one_is_two_hours_after_the_start_of_the_one_that_ended() -> None:
    ended = BEGAN + timedelta(hours=3, minutes=20)  # started at 11:00
    assert plan_after(BEGAN, ended) == IceHeatDemand(BEGAN + timedelta(hours=5), Therapy.ICE)


def test_it_is_heat_when_its_own_time_is_past_48_hours() -> None:
    ended = BEGAN + timedelta(hours=46, minutes=30)
    planned = plan_after(BEGAN, ended)
    assert planned is not None
    assert planned.at == ended + timedelta(hours=1, minutes=40)
    assert planned.therapy is Therapy.HEAT


def test_an_interval_outside_one_to_two_hours_plans_nothing(
    caplog: pytest.LogCaptureFixture,
) -> None:
    assert plan_after(BEGAN, BEGAN + timedelta(hours=1), timedelta(hours=3)) is None
    assert "from 1 to 2 hours" in caplog.text
    hourly = plan_after(BEGAN, BEGAN + timedelta(hours=1), timedelta(hours=1))
    assert hourly == IceHeatDemand(BEGAN + timedelta(hours=1, minutes=40), Therapy.ICE)


class FakeStore:
    """The two calls record_application makes, recorded."""

    def __init__(self, began: datetime | None) -> None:
        self.began = began
        self.kept: list[IceHeatDemand] = []

    def spasm_began(self) -> datetime | None:
        return self.began

    def set_next_application(self, demand: IceHeatDemand) -> None:
        self.kept.append(demand)


def test_record_application_keeps_what_it_planned() -> None:
    store = FakeStore(BEGAN)
    demand = record_application(store, BEGAN + timedelta(hours=1))
    assert demand == IceHeatDemand(BEGAN + timedelta(hours=2, minutes=40), Therapy.ICE)
    assert store.kept == [demand]


def test_record_application_leaves_the_store_alone_when_nothing_is_planned() -> None:
    store = FakeStore(None)
    assert record_application(store, BEGAN) is None
    assert store.kept == []


def test_the_settings_store_keeps_the_planned_application(tmp_path: Path) -> None:
    from spasmtimer.services.settings import Settings

    store = Settings(tmp_path / "settings.ini")
    store.set_spasm_began(BEGAN)
    demand = record_application(store, BEGAN + timedelta(hours=1))
    assert demand is not None
    assert Settings(tmp_path / "settings.ini").next_application() == demand
    store.set_spasm_began(None)  # a new spasm time clears the plan
    assert store.next_application() is None
