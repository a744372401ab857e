"""The history window: what was done, when, and how the pain went.

A routine filter on top, with the adherence of the chosen routine; a heat map
of the last six months; then tabs with the list of sessions, the pain
chart (over the report's date range, the last twelve weeks by default), the
hold changes with their reasons, and the walks and desk breaks confirmed. The
chart (QtCharts) is built the first time its tab is shown, so the window
opens fast even on ten years of sessions. Export writes every session
as CSV, or a PDF report for a clinician over a chosen date range.

The main window opens it through :class:`~spasmtimer.ui.history.feature.HistoryFeature`
(one window, raised if already open).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from spasmtimer.core.history import level_changes
from spasmtimer.core.history.adherence import done_of
from spasmtimer.core.history.store import HistoryStore
from spasmtimer.core.today import day_records
from spasmtimer.core.today.plan import Done, ItemKind
from spasmtimer.printing.a4 import Ink
from spasmtimer.ui.history.heatmap import HeatMap, first_day_for
from spasmtimer.ui.history.model import SessionTableModel, events_by_session
from spasmtimer.ui.theme import LIGHT, Theme, system_theme

if TYPE_CHECKING:
    from PySide6.QtCharts import QChart

    from spasmtimer.printing.report import PainPoint

# The report is printed in the light theme's colours, whatever the screen shows.
REPORT_INK = Ink(text=LIGHT.text, muted=LIGHT.muted, rule=LIGHT.border)

log = logging.getLogger(__name__)

ALL_ROUTINES = "All routines"
REPORT_WEEKS = 12  # the PDF covers this many weeks back by default


def _sessions_per_day_from_library() -> dict[str, int]:
    """Each routine's sessions a day, from the routine files (best effort)."""
    try:
        from spasmtimer.core.routines.loader import default_library

        return {r.name: r.sessions_per_day for r in default_library().routines}
    except Exception:  # the history must open even if the routines cannot be read
        log.exception("history: cannot read the routines for their sessions a day")
        return {}


class HistoryWindow(QWidget):
    """Sessions, adherence, a heat map and the pain chart, with CSV and PDF export.

    No signals. ``today`` is a seam for tests (the store's calendar day by default).
    """

    def __init__(
        self,
        store: HistoryStore,
        parent: QWidget | None = None,
        *,
        sessions_per_day: Mapping[str, int] | None = None,
        today: Callable[[], date] | None = None,
        theme: Theme | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("historyWindow")
        self.setWindowTitle("History – SpasmTimer")
        self.store = store
        self._today = today or store.today
        self._theme = theme or system_theme()
        self._per_day = dict(sessions_per_day) if sessions_per_day is not None else None
        self._chart_view: QWidget | None = None

        self.notice = QLabel()
        self.notice.setObjectName("historyNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(
            f"background: {self._theme.warning_bg}; color: {self._theme.warning_text}; "
            "padding: 8px;"
        )
        self.routine_box = QComboBox()
        self.routine_box.setObjectName("routineFilter")
        self.routine_box.setAccessibleName("Show the sessions of")
        self.adherence_label = QLabel()
        self.adherence_label.setObjectName("adherence")
        self.heat_map = HeatMap(self._today, self._theme)

        self.model = SessionTableModel(parent=self)
        self.table = QTableView()
        self.table.setObjectName("sessionTable")
        self.table.setAccessibleName("Sessions, newest first")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        # Fixed widths: sizing to contents would measure thousands of rows.
        for column, width in enumerate((92, 52, 150, 92, 80, 64, 70, 82, 78)):
            self.table.setColumnWidth(column, width)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.table, "Sessions")
        self._chart_holder = QWidget()
        QVBoxLayout(self._chart_holder).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self._chart_holder, "Pain chart")
        self.changes_list = QListWidget()
        self.changes_list.setAccessibleName("Hold changes, oldest first, each with its reason")
        self.changes_list.setWordWrap(True)
        self.tabs.addTab(self.changes_list, "Hold changes")
        self.breaks_list = QListWidget()
        self.breaks_list.setAccessibleName("Walks and desk breaks confirmed, newest first")
        self.tabs.addTab(self.breaks_list, "Walks and breaks")
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)

        self.csv_button = QPushButton("Export CSV…")
        self.csv_button.setObjectName("exportCsv")
        self.csv_button.setToolTip("Every session, as a spreadsheet file")
        self.csv_button.clicked.connect(self._on_csv_button_clicked)
        self.report_from = QDateEdit()
        self.report_to = QDateEdit()
        for edit in (self.report_from, self.report_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
        self.pdf_button = QPushButton("PDF report…")
        self.pdf_button.setObjectName("exportPdf")
        self.pdf_button.setToolTip(
            "A report for your physiotherapist or doctor: adherence, the pain chart, the sessions"
        )
        self.pdf_button.clicked.connect(self._on_pdf_button_clicked)

        top = QHBoxLayout()
        routine_label = QLabel("Routine:")
        routine_label.setBuddy(self.routine_box)
        top.addWidget(routine_label)
        top.addWidget(self.routine_box, 1)
        top.addWidget(self.adherence_label, 2)
        export = QHBoxLayout()
        export.addWidget(self.csv_button)
        export.addStretch(1)
        for text, edit, name in (
            ("Report from", self.report_from, "Report from"),
            ("to", self.report_to, "Report to"),
        ):
            label = QLabel(text)
            label.setBuddy(edit)
            edit.setAccessibleName(name)  # "to" alone would say little
            export.addWidget(label)
            export.addWidget(edit)
        export.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        # The window may be made smaller than its contents (the table scrolls).
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(self.notice)
        layout.addLayout(top)
        layout.addWidget(self.heat_map, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(export)
        self.resize(760, 640)

        self._fill_routines()
        self.routine_box.currentIndexChanged.connect(self._on_routine_box_current_index_changed)
        self.refresh()
        self.report_from.dateChanged.connect(self._on_report_dates_changed)
        self.report_to.dateChanged.connect(self._on_report_dates_changed)

    # -- seams (tests patch these) -----------------------------------------

    @classmethod
    def choose_save_path(
        cls, parent: QWidget | None, caption: str, suggested: Path, file_filter: str
    ) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, caption, str(suggested), file_filter)
        return Path(name) if name else None

    @classmethod
    def tell(cls, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    # -- showing ------------------------------------------------------------

    @property
    def routine(self) -> str | None:
        """The routine chosen in the filter; None for all."""
        data = self.routine_box.currentData()
        return str(data) if data else None

    def sessions_per_day(self) -> dict[str, int]:
        if self._per_day is None:
            self._per_day = _sessions_per_day_from_library()
        return self._per_day

    def _fill_routines(self) -> None:
        self.routine_box.blockSignals(True)
        current = self.routine
        self.routine_box.clear()
        self.routine_box.addItem(ALL_ROUTINES, None)
        for name in self.store.routine_names():
            self.routine_box.addItem(name, name)
        index = self.routine_box.findData(current) if current else 0
        self.routine_box.setCurrentIndex(max(0, index))
        self.routine_box.blockSignals(False)

    def refresh(self) -> None:
        """Read the store again (after a session ended, say)."""
        routine = self.routine
        today = self._today()
        self.notice.setText(self.store.notice or "")
        self.notice.setVisible(bool(self.store.notice))
        since = first_day_for(today)
        per_day = self.sessions_per_day().get(routine, 1) if routine else 1
        self.heat_map.set_counts(self.store.completed_per_day(routine, since=since), today, per_day)
        sessions = self.store.sessions(routine)
        header = self.table.horizontalHeader()
        # newest first, as the store gives them; "This hurts" and the like with the note
        self.model.set_sessions(sessions, events_by_session(self.store.events()))
        if (header.sortIndicatorSection(), header.sortIndicatorOrder()) != (
            0,
            Qt.SortOrder.DescendingOrder,
        ):
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.adherence_label.setText(self._adherence_text(routine, today, len(sessions)))
        first = sessions[-1].local_date if sessions else today
        for edit, day in (
            (self.report_from, max(first, today - timedelta(weeks=REPORT_WEEKS))),
            (self.report_to, today),
        ):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)
        if self._chart_view is not None:
            self._build_chart()
        self.changes_list.clear()
        changes = level_changes.changes(self.store.connection, routine)
        self.changes_list.addItems([c.line() for c in changes] or ["No hold changes yet."])
        self.breaks_list.clear()
        self.breaks_list.addItems(
            [_break_line(done) for done in day_records.confirmations(self.store.connection)]
            or [
                "No walks or desk breaks confirmed yet. When a reminder or the Today "
                "screen says one is due, confirm it there (D on Today) once it is done."
            ]
        )

    def _adherence_text(self, routine: str | None, today: date, count: int) -> str:
        if routine is None:
            return f"{count} session{'s' if count != 1 else ''} in all"
        per_day = self.sessions_per_day().get(routine, 1)
        done = self.store.done_today(routine, today)
        streak = self.store.streak(routine, per_day, today)
        days = f"{streak} day{'s' if streak != 1 else ''}"
        return f"{done_of(done, per_day)} today · streak {days}"

    def _build_chart(self) -> None:
        from spasmtimer.ui.history.pain_chart import chart_view  # QtCharts, only now

        layout = self._chart_holder.layout()
        assert layout is not None
        if self._chart_view is not None:
            layout.removeWidget(self._chart_view)
            self._chart_view.deleteLater()
        first, last = self.report_range()
        points = [
            p
            for p in self.store.pain_points(self.routine)
            if first <= p[0].astimezone().date() <= last
        ]
        self._chart_view = chart_view(points, self._theme)
        layout.addWidget(self._chart_view)

    def report_range(self) -> tuple[date, date]:
        """The dates chosen for the report (and the chart), in order."""
        first = self.report_from.date().toPython()
        last = self.report_to.date().toPython()
        assert isinstance(first, date) and isinstance(last, date)
        return (first, last) if first <= last else (last, first)

    @property
    def chart_view(self) -> QWidget:
        """The pain chart, built now if it was not yet."""
        if self._chart_view is None:
            self._build_chart()
        assert self._chart_view is not None
        return self._chart_view

    # -- slots ----------------------------------------------------------------

    def _on_routine_box_current_index_changed(self, _index: int) -> None:
        self.refresh()

    def _on_report_dates_changed(self, _day: QDate) -> None:
        if self._chart_view is not None:
            self._build_chart()

    def _on_tabs_current_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self._chart_holder and self._chart_view is None:
            self._build_chart()

    def _on_csv_button_clicked(self) -> None:
        suggested = Path.home() / f"spasmtimer-history-{self._today():%Y-%m-%d}.csv"
        path = self.choose_save_path(self, "Export the history", suggested, "CSV files (*.csv)")
        if path is None:
            return
        try:
            from spasmtimer.core.atomic import open_atomic

            with open_atomic(path, "w", encoding="utf-8", newline="") as out:
                count = self.store.export_csv(out)
        except OSError as exc:
            self.tell(self, "Export failed", f"Could not write {path}: {exc.strerror or exc}.")
            return
        self.tell(self, "History exported", f"{count} sessions written to {path}.")

    def _on_pdf_button_clicked(self) -> None:
        from spasmtimer.printing.report import ReportError, ReportRange, write_report

        first, last = self.report_range()
        suggested = Path.home() / f"spasmtimer-report-{last:%Y-%m-%d}.pdf"
        path = self.choose_save_path(self, "Save the report", suggested, "PDF files (*.pdf)")
        if path is None:
            return
        try:
            pages = write_report(
                path,
                self.store,
                ReportRange(first, last, self.routine),
                self.sessions_per_day(),
                ink=REPORT_INK,
                chart=report_chart,
                level_changes=level_changes.changes(
                    self.store.connection, self.routine, since=first, until=last
                ),
            )
        except ReportError as exc:
            self.tell(self, "Report failed", str(exc))
            return
        pages_text = f"{pages} page{'s' if pages != 1 else ''}"
        self.tell(self, "Report saved", f"The report ({pages_text}) is in {path}.")


def report_chart(points: Sequence[PainPoint]) -> QChart:
    """The pain chart as the printed report shows it: always the light theme."""
    from spasmtimer.ui.history.pain_chart import build_chart  # QtCharts only when needed

    return build_chart(points, LIGHT)


def _break_line(done: Done) -> str:
    """``Tue 2 March 2026, 12:05 · Walk``."""
    what = "Walk" if done.kind is ItemKind.WALK else "Desk break"
    return f"{done.at:%a %-d %B %Y, %H:%M} · {what}"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
