"""The history window, the pain rating, the heat map and the PDF report (offscreen)."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from spasmtimer.core.history.store import HistoryStore, SessionStatus
from spasmtimer.ui.history.heatmap import HeatMap, first_day_for, shade_level
from spasmtimer.ui.history.window import (
    ALL_ROUTINES,
    REPORT_INK,
    HistoryWindow,
    report_chart,
)
from spasmtimer.ui.session.pain_rating import PainRating

TODAY = date(2024, 6, 12)  # a Wednesday


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2024, 6, 1, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def _fill(store: HistoryStore, clock: Clock) -> None:
    """Back: completed twice a day Jun 9-12, with pain; Neck: one stopped."""
    for day in range(9, 13):
        for hour in (8, 18):
            clock.now = datetime(2024, 6, day, hour, tzinfo=UTC)
            sid = store.begin_session("Back", "a" * 64, pain_before=6)
            store.record_hold(
                sid, exercise_index=0, exercise="Cat", level=1, seconds=10, skipped=False
            )
            clock.now += timedelta(minutes=6)
            store.finish_session(sid, SessionStatus.COMPLETED, pain_after=day - 8)
    clock.now = datetime(2024, 6, 12, 12, tzinfo=UTC)
    sid = store.begin_session("Neck", "b" * 64)
    store.finish_session(sid, SessionStatus.STOPPED, note="phone rang")


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    clock = Clock()
    store = HistoryStore(tmp_path / "history.sqlite3", clock, tz=UTC)
    _fill(store, clock)
    return store


@pytest.fixture
def window(qtbot: QtBot, store: HistoryStore) -> HistoryWindow:
    window = HistoryWindow(store, sessions_per_day={"Back": 2, "Neck": 1}, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_it_shows_every_session_newest_first(window: HistoryWindow) -> None:
    model = window.model
    assert model.rowCount() == 9
    first = [model.index(0, c).data() for c in range(model.columnCount())]
    assert first[:4] == ["2024-06-12", first[1], "Back", "Completed"]
    statuses = {model.index(r, 3).data() for r in range(9)}
    assert statuses == {"Completed", "Stopped"}
    assert window.adherence_label.text() == "9 sessions in all"
    assert not window.notice.isVisible()


def test_the_list_sorts_by_any_column(window: HistoryWindow) -> None:
    window.table.sortByColumn(8, Qt.SortOrder.AscendingOrder)
    pains = [window.model.index(r, 8).data() for r in range(9)]
    assert pains[0] == ""  # the stopped Neck session has no rating
    assert pains[1:] == ["1", "1", "2", "2", "3", "3", "4", "4"]


def test_the_routine_filter_and_adherence(window: HistoryWindow) -> None:
    items = [window.routine_box.itemText(i) for i in range(window.routine_box.count())]
    assert items == [ALL_ROUTINES, "Back", "Neck"]
    window.routine_box.setCurrentIndex(1)
    assert window.routine == "Back"
    assert window.model.rowCount() == 8
    assert window.adherence_label.text() == "2 of 2 today · streak 4 days"
    window.routine_box.setCurrentIndex(2)
    assert window.model.rowCount() == 1
    assert window.model.index(0, 9).data() == "phone rang"
    assert window.adherence_label.text() == "0 of 1 today · streak 0 days"


def test_the_heat_map_counts_completed_sessions(window: HistoryWindow) -> None:
    heat = window.heat_map
    assert heat.first_day == date(2023, 12, 18)  # a Monday, 26 weeks back
    assert heat.first_day.weekday() == 0
    assert heat.tooltip_for(date(2024, 6, 11)) == "Tue 11 Jun 2024: 2 sessions completed"
    assert heat.tooltip_for(date(2024, 6, 1)) == "Sat 1 Jun 2024: no sessions completed"
    rect = heat.cell_rect(date(2024, 6, 11))
    assert heat.day_at(rect.center()) == date(2024, 6, 11)
    assert heat.day_at(heat.cell_rect(date(2024, 6, 14)).center()) is None  # the future
    image = heat.grab().toImage()
    assert image.pixelColor(rect.center()) != image.pixelColor(
        heat.cell_rect(date(2024, 6, 1)).center()
    )


@pytest.mark.parametrize(
    ("count", "per_day", "level"),
    [(0, 2, 0), (1, 2, 2), (2, 2, 3), (3, 2, 4), (1, 1, 3), (1, 3, 1), (2, 3, 2)],
)
def test_shade_levels(count: int, per_day: int, level: int) -> None:
    assert shade_level(count, per_day) == level


def test_the_pain_chart_is_built_when_its_tab_opens(window: HistoryWindow) -> None:
    from spasmtimer.ui.history.pain_chart import series_points

    assert window._chart_view is None  # not paid for at opening
    window.tabs.setCurrentIndex(1)
    assert window._chart_view is not None
    assert series_points(window.chart_view) == {"Before": 8, "After": 8}  # type: ignore[arg-type]
    window.routine_box.setCurrentIndex(2)  # Neck: no ratings
    assert series_points(window.chart_view) == {"Before": 0, "After": 0}  # type: ignore[arg-type]


def test_export_csv(window: HistoryWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.csv"
    told: list[str] = []
    monkeypatch.setattr(HistoryWindow, "choose_save_path", classmethod(lambda *a: target))
    monkeypatch.setattr(
        HistoryWindow, "tell", classmethod(lambda cls, p, t, text: told.append(text))
    )
    window.routine_box.setCurrentIndex(2)  # the CSV still has every session
    window.csv_button.click()
    rows = list(csv.DictReader(target.read_text(encoding="utf-8").splitlines()))
    assert len(rows) == 9
    assert {r["status"] for r in rows} == {"completed", "stopped"}
    assert told == [f"9 sessions written to {target}."]


def test_export_csv_cancelled_or_failing(
    window: HistoryWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(
        HistoryWindow, "tell", classmethod(lambda cls, p, t, text: told.append(text))
    )
    monkeypatch.setattr(HistoryWindow, "choose_save_path", classmethod(lambda *a: None))
    window.csv_button.click()
    assert told == []
    blocked = tmp_path / "file" / "out.csv"
    (tmp_path / "file").write_text("a file, not a folder")
    monkeypatch.setattr(HistoryWindow, "choose_save_path", classmethod(lambda *a: blocked))
    window.csv_button.click()
    assert len(told) == 1 and told[0].startswith(f"Could not write {blocked}")


def test_export_pdf(window: HistoryWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.pdf"
    told: list[str] = []
    monkeypatch.setattr(HistoryWindow, "choose_save_path", classmethod(lambda *a: target))
    monkeypatch.setattr(
        HistoryWindow, "tell", classmethod(lambda cls, p, t, text: told.append(text))
    )
    window.routine_box.setCurrentIndex(1)
    assert window.report_from.date().toPython() == date(2024, 6, 9)  # the first session
    window.pdf_button.click()
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(data) > 5000
    assert told == [f"The report (1 page) is in {target}."]


def test_the_report_text(store: HistoryStore, tmp_path: Path, qtbot: QtBot) -> None:
    import shutil
    import subprocess

    from spasmtimer.printing.report import ReportRange, write_report

    target = tmp_path / "report.pdf"
    pages = write_report(
        target,
        store,
        ReportRange(date(2024, 6, 1), TODAY),
        {"Back": 2},
        ink=REPORT_INK,
        chart=report_chart,
    )
    assert pages == 1
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "1 June 2024 to 12 June 2024" in text
    assert "Back: 8 of 24 sessions asked (2 a day) completed, 33%" in text
    assert "met on 4 of 12 days" in text
    assert "phone rang" in text
    assert "Pain before and after" in text  # the chart's title


@pytest.mark.qt_log_ignore("QPainter::begin")
def test_the_report_to_an_unwritable_place(
    store: HistoryStore, tmp_path: Path, qtbot: QtBot
) -> None:
    from spasmtimer.printing.report import ReportError, ReportRange, write_report

    (tmp_path / "file").write_text("x")
    with pytest.raises(ReportError, match="cannot write the report to"):
        write_report(
            tmp_path / "file" / "r.pdf",
            store,
            ReportRange(TODAY, TODAY),
            ink=REPORT_INK,
            chart=report_chart,
        )


def test_a_notice_from_the_store_is_shown(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"garbage" * 100)
    store = HistoryStore(path)
    window = HistoryWindow(store, sessions_per_day={})
    qtbot.addWidget(window)
    window.show()
    assert window.notice.isVisible()
    assert "kept as history.sqlite3.corrupt-" in window.notice.text()
    assert window.model.rowCount() == 0


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_the_history_feature_reuses_the_open_window(qtbot: QtBot, store: HistoryStore) -> None:
    from PySide6.QtWidgets import QWidget

    from spasmtimer.services.history import HistoryAccess
    from spasmtimer.ui.history.feature import HistoryFeature
    from spasmtimer.ui.intents import Intents, Screen

    parent = QWidget()
    qtbot.addWidget(parent)
    feature = HistoryFeature(parent, Intents(lambda: Screen.TODAY), HistoryAccess(lambda: store))
    first = feature.show()
    assert first is not None and first.isVisible()
    assert feature.show() is first
    first.close()
    qtbot.waitUntil(lambda: feature.window is None)  # it deleted itself; a new one next time


def test_pain_rating_one_tap_or_skip(qtbot: QtBot) -> None:
    rating = PainRating("How is your back before you start?")
    qtbot.addWidget(rating)
    assert [b.text() for b in rating.buttons] == [str(n) for n in range(11)]
    with qtbot.waitSignal(rating.rated, timeout=0) as blocker:
        rating.buttons[7].click()
    assert blocker.args == [7]
    with qtbot.waitSignal(rating.rated, timeout=0) as blocker:
        rating.buttons[10].click()
    assert blocker.args == [10]
    with qtbot.waitSignal(rating.skipped, timeout=0), qtbot.assertNotEmitted(rating.rated):
        rating.skip_button.click()
    with qtbot.waitSignal(rating.rated, timeout=0) as blocker:
        qtbot.keyClick(rating, "3")
    assert blocker.args == [3]
    with qtbot.waitSignal(rating.skipped, timeout=0):
        qtbot.keyClick(rating, "\x1b")
    rating.set_question("And now?")
    assert rating.question() == "And now?"


def test_heat_map_alone_paints_without_data(qtbot: QtBot) -> None:
    heat = HeatMap(lambda: TODAY)
    qtbot.addWidget(heat)
    assert heat.first_day == first_day_for(TODAY)  # the injected day, not the machine's
    heat.set_counts({}, TODAY)
    assert not heat.grab().isNull()
    assert heat.sizeHint().width() > 26 * 13


def test_many_pain_ratings_become_weekly_means(qtbot: QtBot) -> None:
    from spasmtimer.ui.history.pain_chart import MAX_POINTS, build_chart, condense

    start = datetime(2024, 1, 1, 6, tzinfo=UTC)  # a Monday
    few = [(start + timedelta(days=n), 5, 3) for n in range(10)]
    assert condense(few) == few
    many = [(start + timedelta(hours=12 * n), 4 + n % 2, None) for n in range(MAX_POINTS + 20)]
    weekly = condense(many)
    assert len(weekly) == 10  # 140 half-days: ten weeks
    assert weekly[0][1] == pytest.approx(4.5) and weekly[0][2] is None
    assert "weekly average" in build_chart(many).title()
    assert "each session" in build_chart(few).title()


def _take_a_longer_hold(store: HistoryStore) -> None:
    from spasmtimer.core.guidance.progression import offer
    from spasmtimer.core.history import level_changes
    from spasmtimer.core.routines.routine import Hold

    past = level_changes.outcomes(store.connection, "Back", "Cat")
    earned = offer("Cat", Hold(5, 10), 1, past)
    assert earned is not None  # three good sessions at level 1
    level_changes.record(store.connection, "Back", earned, datetime(2024, 6, 12, 19, tzinfo=UTC))


def test_level_changes_are_listed_with_their_reason(qtbot: QtBot, store: HistoryStore) -> None:
    _take_a_longer_hold(store)
    window = HistoryWindow(store, sessions_per_day={"Back": 2}, today=lambda: TODAY)
    qtbot.addWidget(window)
    [line] = [window.changes_list.item(i).text() for i in range(window.changes_list.count())]
    assert line.startswith("12 June 2024, Back · Cat: 6 → 7 seconds (longer). The last 3")
    assert window.tabs.tabText(window.tabs.indexOf(window.changes_list)) == "Hold changes"


def test_walks_and_desk_breaks_confirmed_are_listed_newest_first(
    qtbot: QtBot, store: HistoryStore
) -> None:
    from spasmtimer.core.today.day_records import record_confirmation
    from spasmtimer.core.today.plan import ItemKind

    window = HistoryWindow(store, sessions_per_day={"Back": 2}, today=lambda: TODAY)
    qtbot.addWidget(window)
    tab = window.tabs.tabText(window.tabs.indexOf(window.breaks_list))
    assert tab == "Walks and breaks"
    [empty] = [window.breaks_list.item(i).text() for i in range(window.breaks_list.count())]
    assert empty.startswith("No walks or desk breaks confirmed yet.")
    walk = datetime(2024, 6, 11, 10, 5).astimezone()  # local times, as the user sees them
    desk = datetime(2024, 6, 12, 15, 30).astimezone()
    assert record_confirmation(store.connection, ItemKind.WALK, walk)
    assert record_confirmation(store.connection, ItemKind.DESK_BREAK, desk)
    window.refresh()
    lines = [window.breaks_list.item(i).text() for i in range(window.breaks_list.count())]
    assert lines == ["Wed 12 June 2024, 15:30 · Desk break", "Tue 11 June 2024, 10:05 · Walk"]


def test_the_report_lists_the_level_changes(
    store: HistoryStore, tmp_path: Path, qtbot: QtBot
) -> None:
    import shutil
    import subprocess

    from spasmtimer.core.history import level_changes
    from spasmtimer.printing.report import ReportRange, write_report

    _take_a_longer_hold(store)
    target = tmp_path / "report.pdf"
    changes = level_changes.changes(store.connection, since=date(2024, 6, 1), until=TODAY)
    assert len(changes) == 1
    write_report(
        target, store, ReportRange(date(2024, 6, 1), TODAY), {"Back": 2},
        ink=REPORT_INK, chart=report_chart, level_changes=changes,
    )  # fmt: skip
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Hold changes" in text
    assert "Cat: 6 → 7 seconds (longer)" in " ".join(text.split())
