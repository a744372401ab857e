"""The Today screen in the app: the first screen, ticked by sessions, and progression.

The main window on fakes (tests/ui_helpers.py). Both clocks are injected:
the session runs on a fake clock, and the wall clock (the Today plan's "now",
the history's stamps, a level change's time) starts at noon on a fixed day
and moves on with it, so nothing here depends on the real date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from ui_helpers import advance, make_window

from spasmtimer import resources
from spasmtimer.core.clock import FakeClock
from spasmtimer.core.guidance.progression import Change
from spasmtimer.core.guidance.safety import HurtReport
from spasmtimer.core.routines.plan import StepKind
from spasmtimer.core.today.plan import ItemKind
from spasmtimer.services.settings import Settings
from spasmtimer.ui.guidance.this_hurts import ThisHurtsDialog
from spasmtimer.ui.intents import Screen
from spasmtimer.ui.main_window import MainWindow

Key = Qt.Key
NOON = datetime(2026, 3, 2, 12, 0)  # a fixed day: nothing reads the real date

SHORT = """format: 1
name: Short stretch
sessions_per_day: 3
exercises:
  - name: Knee hug
    hold: [5, 8]
    reps: 1
    prepare: 1
    rest: 0
"""


def _profile(tmp_path: Path, *, onset: datetime | None = None) -> Path:
    """A settings file: the short routine reminded of, the safety screen seen."""
    path = tmp_path / "settings.conf"
    settings = Settings(path)
    settings.set_reminded_routines(["Short stretch"])
    if onset is not None:
        settings.set_spasm_began(onset)
    settings.sync()
    folder = resources.user_routines_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "short.yaml").write_text(SHORT)
    return path


def _wall(window: MainWindow) -> Callable[[], datetime]:
    """The wall clock: noon today when the session clock started, and on with it."""
    clock = window.fake_clock  # type: ignore[attr-defined]
    return lambda: NOON + timedelta(seconds=clock() - 1000.0)


def _window(qtbot: Any, tmp_path: Path, monkeypatch: Any, **kw: Any) -> MainWindow:
    clock = FakeClock(1000.0)
    window = make_window(
        qtbot, tmp_path, monkeypatch, today=True, clock=clock,
        wall_clock=lambda: NOON + timedelta(seconds=clock() - 1000.0),
        settings=_profile(tmp_path, **kw),
    )  # fmt: skip
    qtbot.waitUntil(lambda: window.today.view.plan is not None, timeout=5000)
    return window


def _run_session(window: MainWindow, qtbot: Any, before: int, after: int) -> None:
    """From the overview: Enter, a pain rating, the whole session, a rating after."""
    assert window.nav.current() is Screen.OVERVIEW
    qtbot.keyClick(window.routines.overview, Key.Key_Return)
    assert window.nav.current() is Screen.PAIN
    qtbot.keyClick(window.session.pain_view, Key(Key.Key_0 + before))
    session = window.controller.session
    assert session is not None
    advance(window, session.plan.total_seconds + 1)
    assert window.nav.current() is Screen.FINISH
    qtbot.keyClick(window.session.finish, Key(Key.Key_0 + after))


def _hold_seconds(window: MainWindow) -> list[float]:
    session = window.controller.session
    assert session is not None
    return [s.seconds for s in session.plan.steps if s.kind is StepKind.HOLD]


def test_a_fresh_profile_two_hours_into_a_spasm_opens_on_today_with_ice_now(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    window = _window(qtbot, tmp_path, monkeypatch, onset=NOON - timedelta(hours=2))
    assert window.nav.current() is Screen.TODAY
    assert window.stack.currentWidget() is window.today.view
    assert window.today.view.next_title.text() == "Ice now: 20 minutes"
    # Enter does it: the Ice pack routine, ready to start.
    qtbot.keyClick(window.today.view, Key.Key_Return)
    assert window.nav.current() is Screen.OVERVIEW
    assert window.routines.overview.routine is not None
    assert window.routines.overview.routine.name == "Ice pack"
    # The picker is one key away, and one key back.
    window.today.show()
    qtbot.keyClick(window.today.view, Key.Key_R)
    assert window.nav.current() is Screen.PICKER
    qtbot.keyClick(window.routines.picker, Key.Key_T)
    assert window.nav.current() is Screen.TODAY
    # ... and one click: the picker's Today button, named for screen readers.
    qtbot.keyClick(window.today.view, Key.Key_R)
    assert window.routines.picker.today_button.text() == "Today (T)"
    window.routines.picker.today_button.click()
    assert window.nav.current() is Screen.TODAY


def test_finishing_a_session_ticks_it_on_today(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    window = _window(qtbot, tmp_path, monkeypatch)
    plan = window.today.view.plan
    assert plan is not None and plan.counts["Short stretch"] == (0, 3)
    nxt = plan.next
    assert nxt is not None and nxt.kind is ItemKind.SESSION and nxt.routine == "Short stretch"
    qtbot.keyClick(window.today.view, Key.Key_Return)  # its overview
    _run_session(window, qtbot, before=3, after=2)
    qtbot.keyClick(window.session.finish, Key.Key_Return)  # back to Today
    assert window.nav.current() is Screen.TODAY
    plan = window.today.view.plan
    assert plan is not None and plan.counts["Short stretch"] == (1, 3)
    [done] = [i for i in plan.done if i.kind is ItemKind.SESSION]
    assert done.title == "Short stretch, session 1 of 3"
    assert window.today.view.list.topLevelItem(0) is not None
    marks = [
        window.today.view.list.topLevelItem(i).text(0)
        for i in range(window.today.view.list.topLevelItemCount())
    ]
    assert "✓" in marks
    # The tray's reminders come from the same plan: one session left to remind of.
    hub = window.care.ensure()
    assert [i.key for i in hub.tray.reminders.plan(NOON).left] == [i.key for i in plan.left]


def test_three_good_sessions_offer_a_longer_hold_that_the_next_session_uses(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    window = _window(qtbot, tmp_path, monkeypatch)
    for _ in range(3):
        window.today.show()
        qtbot.keyClick(window.today.view, Key.Key_Return)
        assert window.routines.overview.offers.isHidden()  # not earned yet
        _run_session(window, qtbot, before=4, after=3)
        assert _hold_seconds(window) == [5.0]
    window.today.show()
    plan = window.today.view.plan
    assert plan is not None and plan.counts["Short stretch"] == (3, 3)
    routine = next(
        r for r in window.shelf.routines() if r.name == "Short stretch"
    )  # all done today: from the picker
    assert routine is not None
    window.routines.show_overview(routine)
    offers = window.routines.overview.offers
    assert not offers.isHidden()
    [offer] = offers.offers
    assert (offer.change, offer.from_seconds, offer.to_seconds) == (Change.UP, 5.0, 6.0)
    assert offers.buttons[0].text().endswith("(1)")
    qtbot.keyClick(window.routines.overview, Key.Key_1)  # one key takes it
    assert offers.isHidden()
    store = window.history.store
    assert store is not None
    from spasmtimer.core.history import level_changes

    [change] = level_changes.changes(store.connection, "Short stretch")
    assert change.change is Change.UP and "went well" in change.reason
    assert change.at == _wall(window)().astimezone(UTC)  # stamped by the window's clock
    _run_session(window, qtbot, before=3, after=3)
    assert _hold_seconds(window) == [6.0]  # the next session holds longer


def test_unrated_sessions_never_earn_a_longer_hold(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    window = _window(qtbot, tmp_path, monkeypatch)
    for _ in range(3):
        window.today.show()
        qtbot.keyClick(window.today.view, Key.Key_Return)
        qtbot.keyClick(window.routines.overview, Key.Key_Return)
        qtbot.keyClick(window.session.pain_view, Key.Key_S)  # no rating
        session = window.controller.session
        assert session is not None
        advance(window, session.plan.total_seconds + 1)
        qtbot.keyClick(window.session.finish, Key.Key_S)
    window.today.show()
    qtbot.keyClick(window.today.view, Key.Key_Return)
    assert window.routines.overview.offers.offers == []


def test_this_hurts_offers_the_level_below(qtbot: Any, tmp_path: Path, monkeypatch: Any) -> None:
    window = _window(qtbot, tmp_path, monkeypatch)
    monkeypatch.setattr(
        ThisHurtsDialog,
        "ask",
        classmethod(lambda cls, parent, exercise: HurtReport(exercise, False, False)),
    )
    qtbot.keyClick(window.today.view, Key.Key_Return)
    window.routines.overview.change_level(+2)  # the user held longer: 7 seconds
    qtbot.keyClick(window.routines.overview, Key.Key_Return)
    qtbot.keyClick(window.session.pain_view, Key.Key_4)
    session = window.controller.session
    assert session is not None
    while session.step.kind is not StepKind.HOLD:
        advance(window, 0.25)
    qtbot.keyClick(window.session.view, Key.Key_H)  # "This hurts": paused, recorded
    window.controller.resume()
    advance(window, session.plan.total_seconds + 1)
    assert window.nav.current() is Screen.FINISH
    window.today.show()
    qtbot.keyClick(window.today.view, Key.Key_Return)
    [offer] = window.routines.overview.offers.offers
    assert (offer.change, offer.from_level, offer.to_level) == (Change.DOWN, 2, 1)
    assert "This hurts" in offer.reason
    qtbot.keyClick(window.routines.overview, Key.Key_1)
    assert window.routines.overview.levels[0] == 1
    assert window.routines.overview.offers.offers == []  # taken: not offered twice


def test_a_walk_confirmed_on_today_is_kept_and_ticked(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    window = _window(qtbot, tmp_path, monkeypatch, onset=NOON - timedelta(hours=30))
    plan = window.today.view.plan
    assert plan is not None
    assert not [i for i in plan.done if i.kind is ItemKind.WALK]
    window.today.view.confirmDone.emit(ItemKind.WALK)  # D on a walk, or its button
    plan = window.today.view.plan
    assert plan is not None
    [walk] = [i for i in plan.done if i.kind is ItemKind.WALK]
    assert walk.at == NOON
    # Kept in the history: a new window on the same profile sees it too.
    store = window.history.store
    assert store is not None
    from spasmtimer.core.today.day_records import done_on

    assert [d.kind for d in done_on(store.connection, NOON.date())] == [ItemKind.WALK]


def test_pain_eased_turns_today_to_prevention_until_a_new_spasm(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    window = _window(qtbot, tmp_path, monkeypatch, onset=NOON - timedelta(hours=30))
    plan = window.today.view.plan
    assert plan is not None and plan.recovery is not None
    assert any(i.kind is ItemKind.ICE for i in plan.items)
    qtbot.keyClick(window.today.view, Key.Key_E)
    plan = window.today.view.plan
    assert plan is not None and plan.recovery is not None
    assert not any(i.kind.is_application for i in plan.items)
    assert window.settings.pain_eased()
    window.settings.set_spasm_began(NOON - timedelta(hours=1))  # a new spasm
    assert not window.settings.pain_eased()


def test_the_keys_list_shows_todays_keys() -> None:
    from spasmtimer.ui.intents import help_rows

    rows = help_rows()
    assert ("Today", "S", "Say when the spasm began") in rows
    assert ("Today", "R", "All routines") in rows
    assert ("Routines", "T or Esc", "Back to Today") in rows
    assert rows.index(("Today", "R", "All routines")) < rows.index(
        ("Routines", "T or Esc", "Back to Today")
    )


def test_after_days_without_a_session_today_says_so_and_offers_the_shortest(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from datetime import UTC

    from spasmtimer.core.history.records import SessionStatus
    from spasmtimer.core.history.store import HistoryStore

    then = (NOON - timedelta(days=4)).astimezone(UTC)
    old = HistoryStore(tmp_path / "history.sqlite3", lambda: then)
    old.finish_session(old.begin_session("Short stretch", "x"), SessionStatus.COMPLETED)
    old.close()
    window = _window(qtbot, tmp_path, monkeypatch)
    view = window.today.view
    assert not view.welcome_label.isHidden()
    assert view.welcome_label.text().startswith("No sessions for 3 days. That happens.")
    qtbot.keyClick(view, Key.Key_W)
    assert window.nav.current() is Screen.OVERVIEW
    assert window.routines.overview.routine is not None
    assert window.routines.overview.routine.name == "Short stretch"


def test_the_file_menu_leads_to_today_and_to_all_routines(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    window = _window(qtbot, tmp_path, monkeypatch)
    [file_menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "&File"]
    entries = {a.text(): a for a in file_menu.actions()}
    entries["All &routines\tR"].trigger()
    assert window.nav.current() is Screen.PICKER
    entries["&Today\tT"].trigger()
    assert window.nav.current() is Screen.TODAY


def test_pain_eased_can_be_taken_back_with_e_again(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    window = _window(qtbot, tmp_path, monkeypatch, onset=NOON - timedelta(hours=30))
    view = window.today.view
    qtbot.keyClick(view, Key.Key_E)
    assert view.plan is not None and view.plan.recovery is not None
    assert view.plan.recovery.eased
    assert view.eased_button.text() == "Not better after all (E)"
    assert not view.eased_button.isHidden()
    qtbot.keyClick(view, Key.Key_E)  # taken back: ice again, as 30 hours say
    assert not window.settings.pain_eased()
    assert any(i.kind is ItemKind.ICE for i in view.plan.items)
    assert view.eased_button.text() == "My back feels better (E)"
