"""The guidance screens offscreen: safety screen, "This hurts", ice/heat, Learn, tray."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from spasmtimer.core.guidance.ice_heat import Therapy
from spasmtimer.core.guidance.safety import RED_FLAGS, HurtReport
from spasmtimer.core.today.applications import record_application
from spasmtimer.core.today.reminders import IceHeatDemand, ReminderSettings, RoutineDemand
from spasmtimer.services.day import DayService, routine_demands
from spasmtimer.services.settings import Settings
from spasmtimer.ui.guidance import safety as safety_dialog
from spasmtimer.ui.guidance.ice_heat import IceHeatView
from spasmtimer.ui.guidance.learn import LearnPage
from spasmtimer.ui.guidance.reminders import ReminderSettingsDialog
from spasmtimer.ui.guidance.safety import SafetyDialog, show_on_first_launch
from spasmtimer.ui.guidance.this_hurts import ThisHurtsDialog
from spasmtimer.ui.guidance.tray import ReminderTray


class FakeClock:
    """A wall clock the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture
def store(tmp_path: Path) -> Settings:
    return Settings(tmp_path / "settings.conf")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2024, 5, 6, 10, 0))


# -- the safety screen ---------------------------------------------------------


def test_safety_screen_shows_every_red_flag_and_the_sources(qtbot) -> None:
    dialog = SafetyDialog(first_launch=True)
    qtbot.addWidget(dialog)
    text = dialog.flags_label.text()
    for flag in RED_FLAGS:
        assert flag.text in text.replace("&#x27;", "'")
    sources = dialog.sources_label.text()
    assert "MedicineNet" in sources and "Low Back Cramps or Spasms" in sources
    assert dialog.ok_button.text() == "I understand"
    assert dialog.flags_label.font().pointSizeF() > dialog.font().pointSizeF()  # big text


def test_safety_screen_appears_once(qtbot, store, monkeypatch) -> None:
    shown = []

    def fake_ask(cls, parent, first_launch=False):
        shown.append(first_launch)
        return True

    monkeypatch.setattr(SafetyDialog, "ask", classmethod(fake_ask))
    assert show_on_first_launch(None, store)
    assert not show_on_first_launch(None, store)
    assert not show_on_first_launch(None, Settings(store.path))  # after a restart too
    assert shown == [True]


def test_safety_screen_closed_without_accepting_comes_back(qtbot, store, monkeypatch) -> None:
    monkeypatch.setattr(SafetyDialog, "ask", classmethod(lambda cls, p, first_launch=False: False))
    assert show_on_first_launch(None, store)
    assert not store.safety_acknowledged()


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_safety_dialog_really_opens_and_accepts(qtbot) -> None:
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, _accept_active_dialog)
    assert SafetyDialog.ask(None, first_launch=False)


def _accept_active_dialog() -> None:
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.accept()


# -- "This hurts" --------------------------------------------------------------


def test_sharp_pain_shows_the_red_flag_advice(qtbot) -> None:
    dialog = ThisHurtsDialog("Prayer stretch")
    qtbot.addWidget(dialog)
    assert "sharp" in dialog.question.text() and "leg" in dialog.question.text()
    assert not dialog.showing_red_flags
    dialog.yes_button.click()
    assert dialog.showing_red_flags
    assert "bladder" in dialog.flags_label.text()
    assert dialog.report == HurtReport("Prayer stretch", True, False)
    dialog.skip_box.setChecked(True)  # chosen on the advice page
    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.report == HurtReport("Prayer stretch", True, True)


def test_dull_pain_just_stops_and_leaving_it_out_is_a_choice_not_the_default(qtbot) -> None:
    dialog = ThisHurtsDialog("Pelvic tilt")
    qtbot.addWidget(dialog)
    assert not dialog.skip_box.isChecked()
    assert "a level shorter" in dialog.next_time_label.text()
    dialog.no_button.click()  # the default answer keeps the exercise
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.showing_red_flags
    assert dialog.report == HurtReport("Pelvic tilt", False, False)


def test_closing_without_an_answer_reports_nothing(qtbot) -> None:
    dialog = ThisHurtsDialog("Cat")
    qtbot.addWidget(dialog)
    dialog.reject()
    assert dialog.report is None


def test_this_hurts_is_recorded_in_the_history(tmp_path: Path) -> None:
    from spasmtimer.core.guidance.safety import HURT_EVENT_KIND
    from spasmtimer.core.history.store import HistoryStore

    history = HistoryStore(tmp_path / "h.sqlite3")
    report = HurtReport("Prayer stretch", True, True)
    history.record_event(None, HURT_EVENT_KIND, report.detail())
    (event,) = history.events()
    assert (event.kind, event.detail) == ("hurts", report.detail())
    history.close()


def test_skipped_exercises_are_remembered_per_routine(store) -> None:
    store.set_skipped("Back spasm relief", "Prayer stretch")
    store.set_skipped("Back spasm relief", "Pelvic tilt")
    store.set_skipped("Back spasm relief", "Pelvic tilt", skip=False)
    again = Settings(store.path)
    assert again.skipped_exercises("Back spasm relief") == {"Prayer stretch"}
    assert again.skipped_exercises("Other/routine") == set()


# -- ice and heat --------------------------------------------------------------


def test_spasm_two_hours_ago_proposes_ice_and_a_next_reminder(qtbot, store, clock) -> None:
    view = IceHeatView(store, clock)
    qtbot.addWidget(view)
    assert not view.card.isVisibleTo(view)
    view.quick_buttons["2 hours ago"].click()
    assert store.spasm_began() == datetime(2024, 5, 6, 8, 0)
    assert view.headline.text() == "Ice now: 20 minutes"
    assert "thin towel" in view.advice_label.text()
    assert "2 hours ago" in view.reason_label.text()
    assert "at 12:00" in view.next_label.text()
    with qtbot.waitSignal(view.startRoutine, timeout=0) as started:
        view.start_button.click()
    assert started.args == ["Ice pack"]
    demand = store.next_application()
    assert demand == IceHeatDemand(datetime(2024, 5, 6, 12, 0), Therapy.ICE)
    assert "Next ice: at 12:00" in view.next_label.text()
    # The routine ran 20 minutes and a bit; the reminder follows its real end.
    clock.advance(minutes=22)
    with qtbot.waitSignal(view.nextApplicationChanged, timeout=0) as changed:
        view.application_done()
    assert changed.args[0].at == datetime(2024, 5, 6, 12, 2)


def test_after_three_days_heat_and_between_both_offered(qtbot, store, clock) -> None:
    view = IceHeatView(store, clock)
    qtbot.addWidget(view)
    view.set_began(clock() - timedelta(hours=80))
    assert view.headline.text() == "Heat now: 20 minutes"
    assert not view.alternative_button.isVisibleTo(view)
    view.set_began(clock() - timedelta(hours=50))
    assert view.alternative_button.isVisibleTo(view)
    with qtbot.waitSignal(view.startRoutine, timeout=0) as started:
        view.alternative_button.click()
    assert started.args == ["Ice pack"]


def test_yesterday_and_just_now(qtbot, store, clock) -> None:
    view = IceHeatView(store, clock)
    qtbot.addWidget(view)
    view.quick_buttons["Yesterday"].click()
    assert "1 day ago" in view.reason_label.text()
    view.quick_buttons["Just now"].click()
    assert "just now" in view.reason_label.text()


def test_a_start_in_the_future_is_shown_not_raised(qtbot, store, clock) -> None:
    view = IceHeatView(store, clock)
    qtbot.addWidget(view)
    view.set_began(clock() + timedelta(hours=3))
    assert "future" in view.error_label.text()
    assert view.error_label.isVisibleTo(view) and not view.card.isVisibleTo(view)


def test_a_start_in_the_future_is_refused_and_nothing_saved(qtbot, store, clock) -> None:
    view = IceHeatView(store, clock)
    qtbot.addWidget(view)
    view.quick_buttons["2 hours ago"].click()
    saved = store.spasm_began()
    changed = []
    view.nextApplicationChanged.connect(changed.append)
    view.picker.setDateTime(view.picker.dateTime().addDays(1))  # tomorrow in the picker
    assert "future" in view.error_label.text()
    assert view.error_label.isVisibleTo(view)
    assert store.spasm_began() == saved  # nothing saved
    assert Settings(store.path).spasm_began() == saved
    assert changed == []  # the schedule was not reset
    assert view.picker.dateTime().toPython() == saved  # the picker shows what is saved
    assert view.headline.text() == "Ice now: 20 minutes"
    view.quick_buttons["Just now"].click()  # a good time takes the error away
    assert not view.error_label.isVisibleTo(view)


def test_a_tray_with_a_future_onset_keeps_reminding(qtbot, store, clock) -> None:
    store.set_spasm_began(clock() + timedelta(days=1))  # saved before it was refused
    tray = make_tray(qtbot, store, clock)
    tray._timer.stop()
    tray.refresh()  # no exception, and the timer runs for the next reminder
    assert tray._timer.isActive()
    assert tray.menu_texts()[0] == "Next: Time for Back spasm relief at 11:30"


def test_the_view_remembers_when_the_spasm_began(qtbot, store, clock) -> None:
    first = IceHeatView(store, clock)
    qtbot.addWidget(first)
    first.quick_buttons["2 hours ago"].click()
    second = IceHeatView(Settings(store.path), clock)
    qtbot.addWidget(second)
    assert second.headline.text() == "Ice now: 20 minutes"


# -- Learn ---------------------------------------------------------------------


def test_learn_page_has_every_topic_and_names_sources(qtbot) -> None:
    page = LearnPage()
    qtbot.addWidget(page)
    text = page.text()
    for heading in ("Posture", "Lifting", "Water and minerals", "Walking", "Sitting and desk"):
        assert heading in text
    assert "every 30 minutes" in text and "5 to 10 minutes" in text
    assert "This app does not replace a doctor" in text
    assert "From: What to Do for Back Muscle Spasms" in text
    page.show_topic("lifting")


# -- reminder settings ---------------------------------------------------------


def test_reminder_settings_round_trip(qtbot, store) -> None:
    dialog = ReminderSettingsDialog(
        ReminderSettings(), [("Back spasm relief", 2), ("Desk break", 1)], ["Back spasm relief"]
    )
    qtbot.addWidget(dialog)
    dialog.desk_box.setChecked(True)
    dialog.walks_box.setChecked(True)
    choice = dialog.choice()
    assert choice.settings.desk_breaks and choice.settings.walks
    assert choice.routines == ("Back spasm relief",)
    store.set_reminder_settings(choice.settings)
    store.set_reminded_routines(choice.routines)
    again = Settings(store.path)
    assert again.reminder_settings() == choice.settings
    assert again.reminded_routines() == ["Back spasm relief"]


def test_reminder_settings_refuse_impossible_waking_hours(qtbot) -> None:
    from PySide6.QtCore import QTime
    from PySide6.QtWidgets import QDialogButtonBox

    dialog = ReminderSettingsDialog(ReminderSettings(), [], [])
    qtbot.addWidget(dialog)
    dialog.wake_edit.setTime(QTime(23, 0))
    assert "Waking hours" in dialog.problems_label.text()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_unreadable_saved_settings_fall_back_to_the_defaults(store) -> None:
    from PySide6.QtCore import QSettings

    qs = QSettings(str(store.path), QSettings.Format.IniFormat)
    qs.setValue("reminders/wake", "23:00")
    qs.setValue("reminders/snooze_minutes", "lots")
    qs.sync()
    assert Settings(store.path).reminder_settings() == ReminderSettings()


# -- the tray ------------------------------------------------------------------


def make_tray(qtbot, store, clock, **kwargs) -> ReminderTray:
    demands = kwargs.pop("demands", lambda: [RoutineDemand("Back spasm relief", 2)])
    tray = ReminderTray(DayService(store, demands, clock), use_system_tray=False, **kwargs)
    return tray


def test_tray_menu_shows_the_next_session(qtbot, store, clock) -> None:
    tray = make_tray(qtbot, store, clock)
    tray.refresh()
    assert tray.menu_texts()[0] == "Next: Time for Back spasm relief at 11:30"
    assert tray.tooltip() == "SpasmTimer — next: Time for Back spasm relief at 11:30"
    assert "Open SpasmTimer" in tray.menu_texts() and "Quit SpasmTimer" in tray.menu_texts()


def test_a_reminder_fires_and_opens_the_routine_ready_to_start(qtbot, store, clock) -> None:
    tray = make_tray(qtbot, store, clock)
    tray.refresh()
    clock.advance(hours=1, minutes=30)
    with qtbot.waitSignal(tray.notified, timeout=0) as notified:
        tray.refresh()
    reminder = notified.args[0]
    assert reminder.routine == "Back spasm relief"
    assert tray.menu_texts()[:3] == [
        "Now: Time for Back spasm relief",
        "  Open Back spasm relief",
        "  Snooze 10 minutes",
    ]
    with qtbot.assertNotEmitted(tray.notified):
        tray.refresh()  # once only
    with qtbot.waitSignal(tray.openRoutine, timeout=0) as opened:
        tray.menu.actions()[0].menu().actions()[0].trigger()
    assert opened.args == ["Back spasm relief"]
    assert tray.menu_texts()[0] == "Next: Time for Back spasm relief at 18:30"


def test_snooze_from_the_tray(qtbot, store, clock) -> None:
    tray = make_tray(qtbot, store, clock)
    clock.advance(hours=1, minutes=30)
    (_reminder,) = tray.refresh()
    tray.menu.actions()[0].menu().actions()[1].trigger()
    assert tray.menu_texts()[0] == "Next: Time for Back spasm relief at 11:40"
    clock.advance(minutes=10)
    with qtbot.waitSignal(tray.notified, timeout=0):
        tray.refresh()


def test_the_timer_fires_reminders_with_no_window_at_all(qtbot, store) -> None:
    """Real QTimer, no window: the tray's own timer brings the reminder."""
    start = datetime.now()
    store.set_spasm_began(start - timedelta(hours=2))
    # The next application is due one second from now.
    qs_next = start + timedelta(seconds=1)
    from PySide6.QtCore import QSettings

    qs = QSettings(str(store.path), QSettings.Format.IniFormat)
    qs.setValue("ice_heat/next_at", qs_next.isoformat())
    qs.setValue("ice_heat/next_therapy", "ICE")
    qs.sync()
    settings = ReminderSettings(quiet_hours=False)
    store.set_reminder_settings(settings)
    tray = ReminderTray(DayService(Settings(store.path), tuple), use_system_tray=False)
    tray.refresh()
    with qtbot.waitSignal(tray.notified, timeout=5000) as notified:
        pass
    assert notified.args[0].routine == "Ice pack"


@pytest.mark.qt_log_ignore("systemTrayWindowChanged")
def test_tray_with_a_system_tray_icon_if_there_is_one(qtbot, store, clock) -> None:
    from PySide6.QtWidgets import QSystemTrayIcon

    tray = ReminderTray(DayService(store, tuple, clock), use_system_tray=True)
    assert tray.tray is not None
    clock.advance(hours=4)
    record_application(store, clock())  # no spasm recorded: nothing planned
    tray.refresh()
    assert tray.tray.toolTip() == tray.tooltip()
    assert tray.tray.contextMenu() is tray.menu
    # Clicking the notification opens what it was about.
    store.set_spasm_began(clock() - timedelta(hours=1))
    record_application(store, clock() - timedelta(hours=3))
    (_reminder,) = tray.refresh()
    with qtbot.waitSignal(tray.openRoutine, timeout=0) as opened:
        tray.tray.messageClicked.emit()
    assert opened.args == ["Ice pack"]
    with qtbot.waitSignal(tray.showWindowRequested, timeout=0):
        tray.tray.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    tray.tray.hide()


def test_routine_demands_default_to_the_main_routine() -> None:
    routines = [("Back spasm relief", 2), ("Desk break", 1)]
    done = {"Back spasm relief": 1}.get
    assert routine_demands(routines, None, lambda n: done(n, 0)) == [
        RoutineDemand("Back spasm relief", 2, 1)
    ]
    assert routine_demands(routines, ["Desk break"], lambda n: 0) == [
        RoutineDemand("Desk break", 1, 0)
    ]
    assert routine_demands(routines, [], lambda n: 0) == []


def test_module_exposes_title() -> None:
    assert safety_dialog.TITLE == "Seek care now if…"


def test_after_seven_days_the_window_agrees_with_today(qtbot, store, clock) -> None:
    from spasmtimer.core.guidance.recovery import PREVENTION_HEADLINE, RecoveryPhase
    from spasmtimer.core.today.plan import DayInput, ItemKind
    from spasmtimer.core.today.planner import plan_today

    view = IceHeatView(store, clock)
    qtbot.addWidget(view)
    view.set_began(clock() - timedelta(days=395))
    plan = plan_today(DayInput(clock().date(), onset=store.spasm_began()), clock())
    assert plan.recovery is not None and plan.recovery.phase is RecoveryPhase.PREVENTION
    assert not [i for i in plan.items if i.kind in (ItemKind.ICE, ItemKind.HEAT)]
    assert view.headline.text() == PREVENTION_HEADLINE
    assert "Heat now" not in view.headline.text()
    assert "reminder" not in view.next_label.text().replace("reminded", "")
    assert "1 year" in view.reason_label.text() or "395 days" in view.reason_label.text()


def test_once_the_pain_has_eased_no_ice_is_proposed(qtbot, store, clock) -> None:
    from spasmtimer.core.guidance.recovery import PREVENTION_HEADLINE

    view = IceHeatView(store, clock)
    qtbot.addWidget(view)
    view.quick_buttons["2 hours ago"].click()
    store.set_pain_eased()
    view.refresh()
    assert view.headline.text() == PREVENTION_HEADLINE
    assert view.proposal is not None and view.proposal.therapy is Therapy.HEAT


def test_after_one_done_without_the_timer_the_headline_is_the_next_one(qtbot, store, clock) -> None:
    view = IceHeatView(store, clock)
    qtbot.addWidget(view)
    view.quick_buttons["2 hours ago"].click()
    assert view.headline.text() == "Ice now: 20 minutes"
    view.done_button.click()
    due = clock() + timedelta(hours=2) - timedelta(minutes=20)
    assert view.headline.text() == f"Next ice at {due:%H:%M}"
    assert "Ice now" not in view.headline.text()
