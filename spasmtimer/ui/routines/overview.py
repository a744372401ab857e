"""The overview before starting: what the routine holds, and how long it takes.

Range holds ("5–10 s") can be lengthened or shortened a level at a time with
+ and − (or the buttons) for the selected exercise; the total follows.

Signals:
    startRequested(): start the session with :attr:`OverviewView.levels`.
    backRequested(): back to the picker.
    levelChanged(int, int): exercise index, new level (to remember it).
    printRequested(): write a handout of the routine.
    routineSet(): a routine was put on show, or a level changed (the host
        then sets the offers for the levels now shown).
    offerTaken(object): a hold change on offer was taken (1-9 or its button).
    putBackRequested(str): put this exercise, left out after "This hurts",
        back into the routine.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from spasmtimer.core.routines.durations import format_duration
from spasmtimer.core.routines.plan import make_plan
from spasmtimer.core.routines.routine import Exercise, Hold, Routine, Sides
from spasmtimer.ui.announce import mark_heading
from spasmtimer.ui.routines.offers import OfferPanel
from spasmtimer.ui.theme import desktop_text_px, screen_fonts

_SIDES = {Sides.NONE: "—", Sides.ALTERNATE: "both, alternating", Sides.EACH: "each side"}
COLUMNS = ("Exercise", "Hold", "Reps × sets", "Sides", "Time")


def _seconds(value: float) -> str:
    return f"{value:g}"


def hold_text(hold: Hold, level: int) -> str:
    """ "30 s", or for a range "5–10 s · now 7 s"."""
    if not hold.is_range:
        return f"{_seconds(hold.min_seconds)} s"
    now = hold.seconds_at(level)
    return f"{_seconds(hold.min_seconds)}–{_seconds(hold.max_seconds)} s · now {_seconds(now)} s"


def reps_text(exercise: Exercise, level: int = 0) -> str:
    """ "6 per side × 1", or for reps that build up "6–7 · now 6 per side × 1"."""
    per_side = " per side" if exercise.sides is not Sides.NONE else ""
    reps = f"{exercise.reps_at(level)}"
    if exercise.reps_range:
        reps = f"{exercise.reps}–{exercise.max_reps} · now {reps}"
    return f"{reps}{per_side} × {exercise.sets}"


class OverviewView(QWidget):
    """The routine's exercises, their holds and the total time; Start."""

    startRequested = Signal()
    backRequested = Signal()
    levelChanged = Signal(int, int)
    printRequested = Signal()
    routineSet = Signal()
    offerTaken = Signal(object)
    putBackRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.routine: Routine | None = None
        self.whole_routine: Routine | None = None  # with the exercises left out
        self.left_out: tuple[str, ...] = ()
        self.levels: dict[int, int] = {}

        self.title = mark_heading(QLabel())
        self.title.setWordWrap(True)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setProperty("muted", True)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setAccessibleName("Exercises")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, len(COLUMNS)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.table.currentCellChanged.connect(self._on_table_currentCellChanged)

        self.total = QLabel()
        self.level_hint = QLabel()
        self.level_hint.setProperty("muted", True)
        self.level_hint.setWordWrap(True)
        self.offers = OfferPanel()
        self.offers.offerTaken.connect(self.offerTaken)
        self.left_out_label = QLabel()
        self.left_out_label.setWordWrap(True)
        self.left_out_buttons: list[QPushButton] = []
        self._left_out_row = QHBoxLayout()
        self._left_out_row.addWidget(self.left_out_label, 1)
        self.source = QLabel()
        self.source.setProperty("muted", True)
        self.source.setWordWrap(True)

        self.back_button = QPushButton("◀ Back (Esc)")
        self.back_button.clicked.connect(self.backRequested)
        self.down_button = QPushButton("− Shorter")
        self.down_button.setToolTip("Hold the selected exercise a level shorter (−)")
        self.down_button.clicked.connect(lambda: self.change_level(-1))
        self.up_button = QPushButton("+ Longer")
        self.up_button.setToolTip("Hold the selected exercise a level longer (+)")
        self.up_button.clicked.connect(lambda: self.change_level(+1))
        self.print_button = QPushButton("Print handout…")
        self.print_button.setToolTip("Write a printable PDF of this routine")
        self.print_button.clicked.connect(self.printRequested)
        self.start_button = QPushButton("Start ▶ (Enter)")
        self.start_button.setProperty("primary", True)
        self.start_button.clicked.connect(self.startRequested)
        for b in (
            self.back_button,
            self.down_button,
            self.up_button,
            self.print_button,
            self.start_button,
        ):
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.down_button)
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.start_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.description)
        layout.addWidget(self.table, 1)
        total_row = QHBoxLayout()
        total_row.addWidget(self.total)
        total_row.addWidget(self.level_hint, 1)
        layout.addLayout(total_row)
        layout.addWidget(self.offers)
        layout.addLayout(self._left_out_row)
        layout.addWidget(self.source)
        layout.addLayout(buttons)
        self._layout = layout
        self.setFocusProxy(self.table)

    # -- content ------------------------------------------------------------

    def set_routine(
        self,
        routine: Routine,
        levels: dict[int, int] | None = None,
        *,
        left_out: tuple[str, ...] = (),
        whole: Routine | None = None,
    ) -> None:
        """Show ``routine`` at ``levels``; ``left_out`` names the exercises of
        ``whole`` (the routine as written) left out after "This hurts"."""
        self.routine = routine
        self.whole_routine = whole or routine
        self._set_left_out(left_out)
        self.levels = dict(levels or {})
        self.title.setText(routine.name)
        self.setAccessibleName(f"Before you start: {routine.name}")
        self.description.setText(" ".join(routine.description.split()))
        self.description.setVisible(bool(routine.description))
        self.source.setText(f"Source: {routine.source}" if routine.source else "")
        self.source.setVisible(bool(routine.source))
        self.table.setRowCount(len(routine.exercises))
        for row in range(len(routine.exercises)):
            for col in range(len(COLUMNS)):
                self.table.setItem(row, col, QTableWidgetItem())
        self._refresh()
        first_range = next((i for i, ex in enumerate(routine.exercises) if ex.is_range), 0)
        self.table.setCurrentCell(first_range, 0)
        self.offers.set_offers(())
        self.routineSet.emit()

    def _set_left_out(self, names: tuple[str, ...]) -> None:
        self.left_out = names
        for button in self.left_out_buttons:
            self._left_out_row.removeWidget(button)
            button.deleteLater()
        self.left_out_buttons = []
        listed = ", ".join(f"“{n}”" for n in names)
        self.left_out_label.setText(f"Left out after “This hurts”: {listed}." if names else "")
        self.left_out_label.setVisible(bool(names))
        for name in names:
            button = QPushButton(f"Put “{name}” back")
            button.setAccessibleName(f"Put {name} back into the routine")
            button.setToolTip("Do it again from the next session on")
            button.setFont(self.left_out_label.font())
            button.clicked.connect(lambda _=False, name=name: self.putBackRequested.emit(name))
            self._left_out_row.addWidget(button)
            self.left_out_buttons.append(button)

    def set_level(self, index: int, level: int) -> None:
        """Set an exercise's level (a change taken from the offers); no levelChanged."""
        self.levels[index] = level
        self._refresh()

    def _refresh(self) -> None:
        routine = self.routine
        if routine is None:
            return
        plan = make_plan(routine, self.levels)
        for row, ex in enumerate(routine.exercises):
            level = plan.levels[row]
            values = (
                ex.name,
                hold_text(ex.hold, min(level, ex.hold.top_level)),
                reps_text(ex, level),
                _SIDES[ex.sides],
                format_duration(plan.exercise_seconds(row), whole_minutes=True),
            )
            for col, text in enumerate(values):
                item = self.table.item(row, col)
                if item is None:
                    continue
                item.setText(text)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        self.total.setText(f"Total: {format_duration(plan.total_seconds, whole_minutes=True)}")
        self._update_level_buttons()

    def selected_exercise(self) -> int:
        return max(0, self.table.currentRow())

    def _update_level_buttons(self) -> None:
        routine = self.routine
        if routine is None or not routine.exercises:
            return
        index = self.selected_exercise()
        exercise = routine.exercises[index]
        level = exercise.clamp_level(self.levels.get(index, 0))
        self.down_button.setEnabled(exercise.is_range and level > 0)
        self.up_button.setEnabled(exercise.is_range and level < exercise.top_level)
        now = f"{_seconds(exercise.seconds_at(level))} s"
        if exercise.reps_range:
            what = "the hold, then the reps" if exercise.hold.is_range else "the reps"
            now += f", {exercise.reps_at(level)} reps"
            self.level_hint.setText(f"{exercise.name}: + or − changes {what} ({now} now).")
        elif exercise.is_range:
            self.level_hint.setText(f"{exercise.name}: + or − changes the hold ({now} now).")
        else:
            self.level_hint.setText(
                "Select an exercise with a range hold or reps to change its length."
            )

    def _on_table_currentCellChanged(
        self, row: int, col: int, prev_row: int, prev_col: int
    ) -> None:
        self._update_level_buttons()

    def move_selection(self, delta: int) -> None:
        """Up or down an exercise, whatever has the keyboard focus."""
        rows, row = self.table.rowCount(), self.table.currentRow()
        if rows:
            self.table.setCurrentCell(max(0, min(rows - 1, row + delta)), 0)
            self.table.setFocus()

    def change_level(self, delta: int) -> int | None:
        """Move the selected exercise's hold ``delta`` levels; returns the new level."""
        routine = self.routine
        if routine is None or not routine.exercises:
            return None
        index = self.selected_exercise()
        exercise = routine.exercises[index]  # its levels: the hold's, then the reps'
        if not exercise.is_range:
            return None
        old = exercise.clamp_level(self.levels.get(index, 0))
        new = exercise.clamp_level(old + delta)
        if new == old:
            return old
        self.levels[index] = new
        self._refresh()
        self.levelChanged.emit(index, new)
        self.routineSet.emit()  # what is on offer depends on the level
        return new

    # -- looks --------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        s, title, body = screen_fonts(self)
        self.title.setFont(title)
        table_font = QFont(self.font())
        table_font.setPixelSize(max(14, desktop_text_px(), round(22 * s)))
        self.table.setFont(table_font)
        self.table.horizontalHeader().setStyleSheet(
            f"QHeaderView::section {{ font-size: {body.pixelSize()}px; font-weight: bold; "
            f"padding: {max(2, round(6 * s))}px; }}"
        )
        self.table.verticalHeader().setDefaultSectionSize(round(table_font.pixelSize() * 2.0))
        for w in (
            self.description,
            self.left_out_label,
            *self.left_out_buttons,
            self.level_hint,
            self.source,
            self.back_button,
            self.down_button,
            self.up_button,
            self.print_button,
            self.start_button,
        ):
            w.setFont(body)
        self.offers.set_font(body)
        total = QFont(body)
        total.setPixelSize(max(15, desktop_text_px(), round(24 * s)))
        total.setBold(True)
        self.total.setFont(total)
        m = max(8, round(20 * s))
        self._layout.setContentsMargins(m, m, m, m)
        self._layout.setSpacing(max(6, round(10 * s)))
