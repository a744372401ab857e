"""The guidance features inside the real main window, through GuidanceHub."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from ui_helpers import make_window, test_routine

from spasmtimer.core.guidance.ice_heat import Therapy
from spasmtimer.core.guidance.safety import HurtReport
from spasmtimer.core.session.machine import SessionState
from spasmtimer.services.settings import Settings
from spasmtimer.ui.guidance.hub import GuidanceHub
from spasmtimer.ui.guidance.safety import SafetyDialog
from spasmtimer.ui.guidance.this_hurts import ThisHurtsDialog
from spasmtimer.ui.intents import Screen

NOW = datetime(2024, 5, 6, 10, 0)

# The offscreen platform cannot raise windows or pass size hints; that is all.
pytestmark = pytest.mark.qt_log_ignore("does not support raise", "propagateSizeHints")


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    return make_window(qtbot, tmp_path, monkeypatch, guidance=False)


@pytest.fixture
def hub(window: Any, tmp_path: Path) -> GuidanceHub:
    return window.care.new_hub(Settings(tmp_path / "g.conf"), clock=lambda: NOW)


def test_this_hurts_pauses_asks_records_and_skips_next_time(
    window: Any, hub: GuidanceHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = []

    def fake_ask(cls: Any, parent: Any, exercise: str) -> HurtReport:
        asked.append(exercise)
        return HurtReport(exercise, sharp_or_spreading=True, skip_next_time=True)

    monkeypatch.setattr(ThisHurtsDialog, "ask", classmethod(fake_ask))
    window.session.start(test_routine())
    report = hub.this_hurts()
    assert asked == ["Knee hug"]
    assert window.controller.session.state is SessionState.PAUSED
    assert report is not None
    events = window.history.store.events()
    assert [(e.kind, e.detail) for e in events] == [("hurts", report.detail())]
    assert events[0].session_id is not None  # recorded with the session
    assert [e.name for e in hub.prepare_routine(test_routine()).exercises] == ["Cat-cow"]


def test_this_hurts_without_a_session_does_nothing(hub: GuidanceHub) -> None:
    assert hub.this_hurts() is None


def test_safety_screen_on_first_launch_only(
    window: Any, hub: GuidanceHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = []
    monkeypatch.setattr(
        SafetyDialog, "ask", classmethod(lambda cls, p, first_launch=False: shown.append(1) or True)
    )
    hub.start()
    hub.start()
    assert shown == [1]


def menu_texts(window: Any) -> dict[str, list[str]]:
    return {
        a.text(): [x.text() for x in a.menu().actions() if not x.isSeparator()]
        for a in window.menuBar().actions()
    }


def test_menus_are_added(window: Any, hub: GuidanceHub) -> None:
    window.care.set_hub(hub)
    assert window.care.hub is hub
    assert menu_texts(window) == {
        "&File": [
            "&Today\tT",
            "All &routines\tR",
            "&Open routine file…\tO",
            "&New routine…\tN",
            "&History…\tY",
            "&Sound…",
            "&Quit\tCtrl+Q",
        ],
        "&Care": ["&Ice and heat…", "&Reminders…"],
        "&Help": [
            "&Seek care now if…",
            "&Learn about your back",
            "&Keyboard shortcuts\t? or F1",
            "&About SpasmTimer",
        ],
    }


def test_menu_entries_open_their_screens(
    window: Any, hub: GuidanceHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.care.set_hub(hub)
    shown = []
    monkeypatch.setattr(
        SafetyDialog, "ask", classmethod(lambda cls, p, first_launch=False: shown.append(1) or True)
    )
    actions = {x.text(): x for a in window.menuBar().actions() for x in a.menu().actions()}
    actions["&Seek care now if…"].trigger()
    assert shown == [1]
    actions["&Learn about your back"].trigger()
    assert hub._learn_dialog is not None and hub._learn_dialog.isVisible()
    actions["&Ice and heat…"].trigger()
    assert hub._ice_dialog is not None and hub._ice_dialog.isVisible()
    actions["&History…\tY"].trigger()
    assert window.history_feature.window is not None and window.history_feature.window.isVisible()


def test_a_reminder_opens_its_routine_ready_to_start(window: Any, hub: GuidanceHub) -> None:
    hub.open_routine("Ice pack")
    assert window.nav.current() is Screen.OVERVIEW
    assert window.routines.overview.routine.name == "Ice pack"


def test_the_ice_view_starts_the_ice_routine(window: Any, hub: GuidanceHub) -> None:
    hub.show_ice_heat()
    assert hub.ice_view is not None
    hub.ice_view.set_began(NOW - timedelta(hours=2))
    hub.ice_view.start_button.click()
    assert window.routines.overview.routine.name == "Ice pack"
    assert window.nav.current() is Screen.OVERVIEW
    window.routines.overview.start_button.click()
    window.session.pain_view.rating.skip_button.click()
    assert window.nav.current() is Screen.SESSION
    assert window.controller.session.plan.total_seconds >= 20 * 60  # 20 minutes of ice
    assert hub.store.next_application() is not None


def test_finishing_an_ice_routine_plans_the_next_one(window: Any, hub: GuidanceHub) -> None:
    hub.store.set_spasm_began(NOW - timedelta(hours=2))
    ice = next(
        e.routine for e in window.routines.picker.library.entries if e.routine.name == "Ice pack"
    )
    window.session.start(ice)
    window.controller.ended.emit(True)
    demand = hub.store.next_application()
    assert demand is not None and demand.therapy is Therapy.ICE
    assert demand.at == NOW + timedelta(hours=1, minutes=40)


def test_an_ice_pack_whose_hold_was_skipped_plans_no_next_one(
    window: Any, hub: GuidanceHub
) -> None:
    hub.store.set_spasm_began(NOW - timedelta(hours=2))
    ice = next(
        e.routine for e in window.routines.picker.library.entries if e.routine.name == "Ice pack"
    )
    window.session.start(ice)
    session = window.controller.session
    if session.state is SessionState.IDLE:
        session.start()
    while session.state is SessionState.RUNNING:
        session.skip()  # past getting ready, and the 20 minutes of ice themselves
    assert session.summary().holds_skipped == 1
    window.controller.ended.emit(True)
    assert hub.store.next_application() is None


def test_demands_follow_the_history(window: Any, hub: GuidanceHub) -> None:
    (demand,) = hub.demands()
    assert demand.name == "Back spasm relief" and demand.sessions_per_day == 2
    assert demand.done_today == 0


def test_about_names_the_version_the_sources_and_where_data_lives(
    window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import spasmtimer
    from spasmtimer import resources
    from spasmtimer.core.guidance.sources import SOURCES
    from spasmtimer.ui.guidance import about

    shown: list[tuple[object, str, str]] = []
    monkeypatch.setattr(about.QMessageBox, "about", lambda *args: shown.append(args))
    actions = {x.text(): x for a in window.menuBar().actions() for x in a.menu().actions()}
    actions["&About SpasmTimer"].trigger()
    ((parent, title, text),) = shown
    assert parent is window
    assert title == "About SpasmTimer"
    assert f"SpasmTimer {spasmtimer.__version__}" in text
    for source in SOURCES:
        assert source.title in text
    assert str(resources.user_data_dir()) in text
    assert str(resources.settings_path()) in text
    assert window.care.hub is None  # the box needs no guidance hub


def _hurts(monkeypatch: pytest.MonkeyPatch, *, skip: bool) -> None:
    def fake_ask(cls: Any, parent: Any, exercise: str) -> HurtReport:
        return HurtReport(exercise, sharp_or_spreading=False, skip_next_time=skip)

    monkeypatch.setattr(ThisHurtsDialog, "ask", classmethod(fake_ask))


def test_this_hurts_answered_no_keeps_it_and_offers_the_level_below_next_time(
    window: Any, hub: GuidanceHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    from spasmtimer.core.guidance.progression import Change

    routine = test_routine()
    window.history.store.save_level(routine.name, "Knee hug", 2)
    _hurts(monkeypatch, skip=False)
    window.session.start(routine)
    hub.this_hurts()  # during "get ready" for Knee hug, before its first hold
    window.controller.stop()
    window.routines.show_overview(routine)
    assert [ex.name for ex in window.routines.overview.routine.exercises] == ["Knee hug", "Cat-cow"]
    [offer] = window.routines.overview.offers.offers
    assert (offer.exercise, offer.change, offer.to_level) == ("Knee hug", Change.DOWN, 1)
    assert not window.routines.overview.left_out


def test_leaving_it_out_is_recorded_with_its_reason_and_put_back_from_the_overview(
    window: Any, hub: GuidanceHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    from spasmtimer.core.guidance.progression import Change
    from spasmtimer.core.history import level_changes

    hub.store = window.settings  # one settings store, as in the app
    routine = test_routine()
    _hurts(monkeypatch, skip=True)
    window.session.start(routine)
    hub.this_hurts()
    window.controller.stop()
    store = window.history.store
    [change] = level_changes.changes(store.connection, routine.name)
    assert (change.exercise, change.change) == ("Knee hug", Change.SKIP)
    assert change.reason == "“This hurts” (pain not sharp); you chose to leave it out next time"
    assert change.session_id is not None
    window.routines.show_overview(routine)
    assert [ex.name for ex in window.routines.overview.routine.exercises] == ["Cat-cow"]
    assert window.routines.overview.left_out == ("Knee hug",)
    assert "Knee hug" in window.routines.overview.left_out_label.text()
    [button] = window.routines.overview.left_out_buttons
    button.click()  # put it back
    assert [ex.name for ex in window.routines.overview.routine.exercises] == ["Knee hug", "Cat-cow"]
    assert window.settings.skipped_exercises(routine.name) == set()
    assert [e.kind for e in store.events()][-1] == "put-back"
