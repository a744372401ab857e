"""The Today screen on its own: it shows a plan and turns keys and taps into intents."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from spasmtimer.core.guidance.ice_heat import Therapy
from spasmtimer.core.routines.routine import Exercise, Hold, Routine
from spasmtimer.core.today.plan import DayInput, DaySettings, Done, ItemKind, TodayPlan
from spasmtimer.core.today.planner import plan_today
from spasmtimer.core.today.reminders import Reminders, ReminderSettings, RoutineDemand
from spasmtimer.ui.theme import DARK, LIGHT
from spasmtimer.ui.today.rows import DONE_MARK, rows
from spasmtimer.ui.today.today_view import ACCESSIBLE_TEXT_ROLE, TodayView

# The offscreen platform warns that it cannot pass size hints on show().
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

NOW = datetime(2024, 5, 6, 14, 35)
BACK = RoutineDemand("Back spasm relief", 2)


def plan_for(
    onset: datetime | None = None, done: tuple[Done, ...] = (), **settings: object
) -> TodayPlan:
    reminders = Reminders(ReminderSettings(**settings), [BACK], onset=onset, done=done)  # type: ignore[arg-type]
    return reminders.plan(NOW)


def make_view(qtbot: QtBot, plan: TodayPlan, size: tuple[int, int] = (1280, 800)) -> TodayView:
    view = TodayView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.set_plan(plan)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_spasm_two_hours_ago_opens_on_ice_now(qtbot: QtBot) -> None:
    view = make_view(qtbot, plan_for(onset=NOW - timedelta(hours=2)))
    assert view.next_title.text() == "Ice now: 20 minutes"
    assert view.next_caption.text() == "Now"
    assert view.act_button.text() == "Start the ice timer (Enter)"
    assert view.phase_label.text().startswith("First 48 hours")
    assert "Cedars-Sinai" in view.phase_label.toolTip()  # every rule credits its article
    with qtbot.waitSignal(view.startApplication, timeout=0) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args == [Therapy.ICE]


def test_items_in_time_order_done_ones_ticked_and_what_is_left(qtbot: QtBot) -> None:
    done = (Done(ItemKind.SESSION, NOW.replace(hour=10, minute=0), BACK.name),)
    plan = plan_for(onset=NOW - timedelta(hours=60), done=done)
    view = make_view(qtbot, plan)
    shown = [view.list.topLevelItem(i) for i in range(view.list.topLevelItemCount())]
    texts = [(e.text(0), e.text(1), e.text(2)) for e in shown if e is not None]
    assert texts[0] == (DONE_MARK, "done at 10:00", "Back spasm relief, session 1 of 2")
    assert [r.item.at for r in rows(plan)] == sorted(r.item.at for r in rows(plan))
    assert view.left_label.text().startswith("Still to do today: 1 session,")
    assert "heat pack" in view.left_label.text()
    assert view.counts_label.text() == "Back spasm relief: 1 of 2 today"
    assert "72 hours" in view.note_label.text() and not view.note_label.isHidden()


def test_session_walk_and_desk_break_intents(qtbot: QtBot) -> None:
    plan = plan_for(walks=True, desk_breaks=True)
    view = make_view(qtbot, plan)
    kinds = [r.item.kind for r in rows(plan)]
    session = kinds.index(ItemKind.SESSION)
    walk = kinds.index(ItemKind.WALK)
    desk = kinds.index(ItemKind.DESK_BREAK)

    view._set_current_index(session)
    assert view.act_button.text() == "Start the session (Enter)"
    with qtbot.waitSignal(view.startRoutine, timeout=0) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Space)
    assert blocker.args == ["Back spasm relief"]

    view._set_current_index(walk)
    with qtbot.waitSignal(view.confirmDone, timeout=0) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_D)
    assert blocker.args == [ItemKind.WALK]

    view._set_current_index(desk)
    assert not view.routine_button.isHidden()
    with qtbot.waitSignal(view.confirmDone, timeout=0) as blocker:
        view.act_button.click()
    assert blocker.args == [ItemKind.DESK_BREAK]
    with qtbot.waitSignal(view.startRoutine, timeout=0) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_B)
    assert blocker.args == ["Desk break"]
    with qtbot.waitSignal(view.pickerRequested, timeout=0):
        qtbot.keyClick(view, Qt.Key.Key_R)


def test_d_on_a_session_does_not_mark_it_done(qtbot: QtBot) -> None:
    view = make_view(qtbot, plan_for())
    assert view.selected is not None and view.selected.kind is ItemKind.SESSION
    with qtbot.assertNotEmitted(view.confirmDone), qtbot.assertNotEmitted(view.startRoutine):
        qtbot.keyClick(view, Qt.Key.Key_D)


def test_arrow_keys_walk_the_list_and_the_card_follows(qtbot: QtBot) -> None:
    view = make_view(qtbot, plan_for(onset=NOW - timedelta(hours=2)))
    first = view.next_title.text()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.next_title.text() != first
    assert view.next_caption.text() == "Later"
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.next_title.text() == first


def test_no_onset_shows_routines_and_counts_and_no_ice(qtbot: QtBot) -> None:
    view = make_view(qtbot, plan_for())
    assert view.phase_label.text().startswith("No spasm time set")
    assert view.note_label.isHidden()
    assert all(not r.item.kind.is_application for r in view._rows)
    assert view.next_title.text() == "Back spasm relief, session 1 of 2, now"


def test_all_done_hides_the_start_button(qtbot: QtBot) -> None:
    done = tuple(Done(ItemKind.SESSION, NOW.replace(hour=h), BACK.name) for h in (9, 13))
    view = make_view(qtbot, plan_for(done=done))
    assert view.next_title.text() == "All done for today"
    assert view.act_button.isHidden()
    assert view.left_label.text() == "All done for today."
    with qtbot.assertNotEmitted(view.startRoutine):
        qtbot.keyClick(view, Qt.Key.Key_Return)


def test_after_a_lapse_the_short_routine_is_one_key_away(qtbot: QtBot) -> None:
    short = Routine("Knee to chest", (Exercise("Knee to chest", Hold.fixed(10), reps=6),))
    data = DayInput(
        NOW.date(),
        DaySettings(),
        last_session_day=date(2024, 5, 1),
        offered=(short,),
    )
    view = make_view(qtbot, plan_today(data, NOW))
    assert not view.welcome_label.isHidden()
    assert view.welcome_label.text().startswith("No sessions for 4 days.")
    with qtbot.waitSignal(view.startRoutine, timeout=0) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_W)
    assert blocker.args == ["Knee to chest"]


def test_every_control_has_an_accessible_name(qtbot: QtBot) -> None:
    view = make_view(qtbot, plan_for(onset=NOW - timedelta(hours=2), desk_breaks=True))
    widgets = [view, view.list, *view.findChildren(QPushButton)]
    for widget in widgets:
        assert isinstance(widget, QWidget)
        assert widget.accessibleName(), widget.objectName()
    # A label is read by its text: no name of its own to hide it behind.
    for label in view.findChildren(QLabel):
        assert label.accessibleName() == "", label.objectName()
    assert view.card.accessibleName() == "Now"
    assert view.next_title.text() == "Ice now: 20 minutes"


def test_the_list_has_column_names_and_each_cell_says_its_own_part(qtbot: QtBot) -> None:
    view = make_view(qtbot, plan_for(onset=NOW - timedelta(hours=2)))
    header = view.list.headerItem()
    assert [header.text(c) for c in range(3)] == ["Status", "When", "What"]
    first = view.list.topLevelItem(0)
    said = [first.data(c, ACCESSIBLE_TEXT_ROLE) for c in range(3)]
    assert said == ["due now", "now", "Back spasm relief, session 1 of 2"]


def test_text_scales_with_the_window_and_everything_fits(qtbot: QtBot) -> None:
    sizes = []
    for size in [(800, 600), (1280, 800), (1920, 1080)]:
        view = make_view(qtbot, plan_for(onset=NOW - timedelta(hours=2)), size)
        qtbot.wait(1)  # the layout follows the new fonts on the next turn of the loop
        big = view.next_title.font().pixelSize()
        assert big > view.list.font().pixelSize()
        sizes.append(big)
        for widget in (view.act_button, view.picker_button, view.left_label, view.next_title):
            corner = widget.mapTo(view, QPoint(0, 0))
            assert view.rect().contains(QRect(corner, widget.size())), (size, widget.objectName())
            assert widget.width() >= widget.minimumSizeHint().width()
    assert sizes == sorted(sizes) and sizes[0] < sizes[-1]


def test_light_and_dark(qtbot: QtBot) -> None:
    view = make_view(qtbot, plan_for(onset=NOW - timedelta(hours=2)))
    view.apply_theme(DARK)
    assert DARK.background in view.styleSheet()
    image = view.grab().toImage()
    assert image.pixelColor(5, 5).lightness() < 60
    view.apply_theme(LIGHT)
    image = view.grab().toImage()
    assert image.pixelColor(5, 5).lightness() > 200


def test_spasm_time_and_pain_eased_are_one_key_away(qtbot: QtBot) -> None:
    view = make_view(qtbot, plan_for())
    assert view.onset_button.text() == "A spasm began… (S)"
    assert view.eased_button.isHidden()  # no spasm timed: nothing to ease
    with qtbot.assertNotEmitted(view.painEased):
        qtbot.keyClick(view, Qt.Key.Key_E)
    with qtbot.waitSignal(view.onsetRequested, timeout=0):
        qtbot.keyClick(view, Qt.Key.Key_S)

    view.set_plan(plan_for(onset=NOW - timedelta(hours=30)))
    assert view.onset_button.text() == "Spasm time… (S)"
    assert not view.eased_button.isHidden()
    with qtbot.waitSignal(view.painEased, timeout=0):
        qtbot.keyClick(view, Qt.Key.Key_E)
    with qtbot.waitSignal(view.painEased, timeout=0):
        view.eased_button.click()

    view.set_plan(plan_for(onset=NOW - timedelta(days=10)))
    assert view.eased_button.isHidden()  # already preventing


def test_before_its_first_plan_the_view_shows_the_title_alone(qtbot: QtBot) -> None:
    view = TodayView()
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    hidden = (view.card, view.list, view.welcome_label, view.welcome_button, view.eased_button)
    assert all(w.isHidden() for w in hidden)
    view.set_plan(plan_for())
    assert view.card.isVisible() and view.list.isVisible()
    assert view.welcome_label.isHidden()  # nothing to welcome back from
