"""The Today screen: the day's plan, the next thing large, done things ticked.

It shows a :class:`spasmtimer.core.today.plan.TodayPlan` and turns the user's
choices into intents; it decides nothing about time (the plan did) and never
reads a clock. The host builds the plan (``Reminders.plan(now)``, the same
plan the reminders come from) and calls :meth:`TodayView.set_plan` again
when something is done or a minute has passed.

Its keys are the Today rows of the intent table (:mod:`spasmtimer.ui.intents`):
:meth:`TodayView.handle` does each.

Nothing here names a ``Qt`` enum before the first paint (the first use builds
all of them, ~15 ms): focus policies wait for :meth:`TodayView.finish_setup`,
keys are looked up when pressed, and the layout places things with stretches.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from spasmtimer.core.guidance.ice_heat import Therapy
from spasmtimer.core.guidance.recovery import RecoveryPhase
from spasmtimer.core.today.plan import DESK_BREAK_ROUTINE, ItemKind, TodayItem, TodayPlan
from spasmtimer.services.deferred import call_later
from spasmtimer.ui.announce import announce, mark_heading
from spasmtimer.ui.intents import Intent, Screen, intent_for
from spasmtimer.ui.theme import Theme, stylesheet_for, system_theme
from spasmtimer.ui.today import parts
from spasmtimer.ui.today.parts import label, pushed
from spasmtimer.ui.today.rows import (
    COLUMNS,
    LATER_MARK,
    Row,
    counts_summary,
    headline,
    left_summary,
    rows,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent, QPaintEvent, QResizeEvent, QShowEvent

# Qt.ItemDataRole.AccessibleTextRole, named without building the Qt enums.
ACCESSIBLE_TEXT_ROLE = 11


class TodayView(QWidget):
    """What to do today.

    Signals:
        startRoutine(str): start a session of this routine (a session item,
            the desk-break routine, or the routine offered after a break).
        startApplication(object): start the ice or heat timer (a :class:`Therapy`).
        confirmDone(object): the user says a walk or desk break is done
            (the :class:`ItemKind`); the host records it and re-plans.
        pickerRequested(): show all the routines.
        onsetRequested(): the user wants to say (or change) when the spasm
            began; the host opens the ice and heat view's time picker.
        painEased(): the user says the pain has eased; the host keeps that
            and re-plans (prevention from then on, see ``core.guidance.recovery``).
        painBack(): the user takes that back (E again): the host forgets it
            and re-plans.
        painted(): the view was painted (the first paint marks "start-up done").
    """

    startRoutine = Signal(str)
    startApplication = Signal(object)
    confirmDone = Signal(object)
    pickerRequested = Signal()
    onsetRequested = Signal()
    painEased = Signal()
    painBack = Signal()
    painted = Signal()

    def __init__(self, parent: QWidget | None = None, *, theme: Theme | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayView")
        self.setAccessibleName("Today")
        self.plan: TodayPlan | None = None
        self._rows: list[Row] = []
        self.theme = theme or system_theme(ask_style_hints=False)

        self.title = mark_heading(label("Today", name="today_title", wrap=False))
        self.date_label = label(name="today_date", muted=True, wrap=False)
        self.phase_label = label(name="recovery_phase")
        self.note_label = label(name="articles_note", muted=True)
        self.welcome_label = label(name="welcome_back")
        self.welcome_label.setProperty("notice", True)
        self.welcome_button = parts.button(
            "Start it (W)", "welcomeButton", "Start the short routine (W)"
        )
        self.welcome_button.clicked.connect(self._on_welcome_button_clicked)

        self.card = QFrame()
        self.card.setObjectName("nextCard")
        self.card.setAccessibleName("Next")
        self.next_caption = label("Next", name="next_caption", muted=True, wrap=False)
        self.next_title = label(name="next_item")
        self.next_detail = label(name="next_detail", muted=True)
        self.next_why = label(name="next_why", muted=True)
        self.act_button = parts.button(
            "Start (Enter)", "actButton", "Do this now (Enter)", primary=True
        )
        self.act_button.clicked.connect(self._on_act_button_clicked)
        self.routine_button = parts.button(
            "Desk-break routine (B)", "deskRoutineButton", "A two-minute standing routine (B)"
        )
        self.routine_button.clicked.connect(self._on_routine_button_clicked)
        card = QVBoxLayout(self.card)
        card.setContentsMargins(20, 14, 20, 16)
        card.addWidget(self.next_caption)
        card.addWidget(self.next_title)
        card.addWidget(self.next_detail)
        card.addWidget(self.next_why)
        buttons = QHBoxLayout()
        buttons.addWidget(self.act_button)
        buttons.addWidget(self.routine_button)
        buttons.addStretch(1)
        card.addLayout(buttons)

        # Three columns (mark, when, what) so the times line up in any font.
        self.list = QTreeWidget()
        self.list.setObjectName("todayList")
        self.list.setAccessibleName("Today's items, in time order")
        # The view keeps the focus and takes these keys (the row chosen is announced).
        self.list.setAccessibleDescription("↑ or ↓ to choose, Enter to do it")
        self.list.setColumnCount(len(COLUMNS))
        self.list.setHeaderLabels(list(COLUMNS))  # hidden, but a screen reader reads them
        self.list.setHeaderHidden(True)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.header().setStretchLastSection(True)
        self.list.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.list.itemActivated.connect(self._on_list_itemActivated)
        self.list.currentItemChanged.connect(self._on_list_currentItemChanged)

        self.left_label = label(name="still_to_do")
        self.counts_label = label(name="routine_counts", muted=True, wrap=False)
        self.picker_button = parts.button("All routines (R)", "pickerButton", "All routines (R)")
        self.picker_button.clicked.connect(self.pickerRequested)
        self.onset_button = parts.button(
            "A spasm began… (S)", "onsetButton", "Say when the spasm began (S)"
        )
        self.onset_button.clicked.connect(self.onsetRequested)
        self.eased_button = parts.button(
            "My back feels better (E)",
            "easedButton",
            "The pain has eased: turn to preventing the next spasm (E)",
        )
        self.eased_button.clicked.connect(self._on_eased_button_clicked)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(12)
        top.addLayout(pushed(self.date_label, down=True))  # on the title's baseline
        top.addStretch(1)
        for button in (self.onset_button, self.eased_button, self.picker_button):
            top.addLayout(pushed(button, down=False))  # at the top
        welcome = QHBoxLayout()
        welcome.addWidget(self.welcome_label, 1)
        welcome.addWidget(self.welcome_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.left_label, 1)
        bottom.addWidget(self.counts_label)  # the left label takes the rest: right-aligned

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 20)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.phase_label)
        layout.addWidget(self.note_label)
        layout.addLayout(welcome)
        layout.addWidget(self.card)
        layout.addWidget(self.list, 1)
        layout.addLayout(bottom)
        self.apply_theme(self.theme)
        self._scale = 1.0
        self._fonts_set = False
        self._set_up = False  # finish_setup() done, or on its way
        # Until the first plan, the title alone (no empty card, list or notice).
        for widget in (self.welcome_label, self.welcome_button, self.eased_button, self.card):
            widget.hide()
        self.list.hide()

    # -- what the host calls ----------------------------------------------------

    def set_plan(self, plan: TodayPlan) -> None:
        """Show ``plan``; the next item is selected."""
        self.plan = plan
        self._rows = rows(plan)
        self.card.show()
        self.list.show()
        self.date_label.setText(f"{plan.now:%A} {plan.now.day} {plan.now:%B}")
        phase = plan.recovery
        self.onset_button.setText("A spasm began… (S)" if phase is None else "Spasm time… (S)")
        self.onset_button.setAccessibleName(self.onset_button.text().split(" (")[0])
        eased = phase is not None and phase.eased
        self.eased_button.setVisible(
            phase is not None and (phase.phase is not RecoveryPhase.PREVENTION or eased)
        )
        self.eased_button.setText(
            "Not better after all (E)" if eased else "My back feels better (E)"
        )
        self.eased_button.setToolTip(
            "Take back that the pain has eased: ice or heat again, as the spasm's time says (E)"
            if eased
            else "The pain has eased: turn to preventing the next spasm (E)"
        )
        self.eased_button.setAccessibleName(self.eased_button.text().split(" (")[0])
        if phase is None:
            self.phase_label.setText(
                "The spasm time saved is in the future: press S to say when it began."
                if plan.onset_refused
                else "No spasm time set: your chosen routines and today's counts."
            )
            self.phase_label.setToolTip("")
            self.note_label.hide()
        else:
            self.phase_label.setText(phase.title)
            self.phase_label.setToolTip("\n".join(f"{r.text} {r.credit}" for r in phase.rules))
            self.note_label.setText(phase.note)
            self.note_label.setVisible(bool(phase.note))
        welcome = plan.welcome_back
        self.welcome_label.setVisible(welcome is not None)
        self.welcome_button.setVisible(welcome is not None and welcome.routine is not None)
        if welcome is not None:
            self.welcome_label.setText(welcome.message)
        self.left_label.setText(left_summary(plan))
        self.counts_label.setText(counts_summary(plan))
        self._fill_list()
        self._select(plan.next)

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        t = theme
        self.setStyleSheet(
            stylesheet_for(theme)
            + f"""
QWidget#todayView {{ background: {t.background}; color: {t.text}; }}
QLabel {{ color: {t.text}; }}
QFrame#nextCard {{
    background: {t.surface}; border: 3px solid {t.accent}; border-radius: 14px;
}}
QTreeWidget {{
    background: {t.surface}; color: {t.text};
    border: 2px solid {t.border}; border-radius: 10px; outline: none;
}}
QTreeWidget::item {{ padding: 0.3em 0.4em; border-bottom: 1px solid {t.track}; }}
QTreeWidget::item:selected {{ background: {t.accent}; color: {t.accent_text}; }}
"""
        )
        self.setAutoFillBackground(True)
        if self.plan is not None:
            self._fill_list()
            self._select(self.selected)

    @property
    def selected(self) -> TodayItem | None:
        """The item Enter acts on."""
        index = self._current_index()
        if 0 <= index < len(self._rows):
            return self._rows[index].item
        return self.plan.next if self.plan is not None else None

    def activate(self, item: TodayItem | None = None) -> None:
        """Do ``item`` (the selected one by default): emit its intent."""
        item = item or self.selected
        if item is None or item.done:
            return
        if item.kind.is_application:
            self.startApplication.emit(Therapy.ICE if item.kind is ItemKind.ICE else Therapy.HEAT)
        elif item.kind is ItemKind.SESSION and item.routine is not None:
            self.startRoutine.emit(item.routine)
        elif item.kind in (ItemKind.WALK, ItemKind.DESK_BREAK):
            self.confirmDone.emit(item.kind)

    def finish_setup(self) -> None:
        """What waits until after the first paint: focus policies (``Qt`` enums)."""
        from PySide6.QtCore import Qt

        self._set_up = True
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the view takes the keys
        for button in self.findChildren(QPushButton):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def handle(self, intent: Intent) -> bool:
        """One of this screen's intents (a key, through the intent table); True if used."""
        do = self._intents().get(intent)
        return do is not None and do() is not False

    def _intents(self) -> dict[Intent, Callable[[], object]]:
        return {
            Intent.DO_SELECTED: self.activate,
            Intent.SELECT_UP: partial(self._move, -1),
            Intent.SELECT_DOWN: partial(self._move, 1),
            Intent.CONFIRM_DONE: self._confirm_selected,
            Intent.DESK_BREAK: self._on_routine_button_clicked,
            Intent.WELCOME_ROUTINE: self._on_welcome_button_clicked,
            Intent.SHOW_ROUTINES: self.pickerRequested.emit,
            Intent.SPASM_BEGAN: self.onsetRequested.emit,
            Intent.PAIN_EASED: self._ease,
        }

    def _confirm_selected(self) -> None:
        item = self.selected
        if item is not None and item.kind in (ItemKind.WALK, ItemKind.DESK_BREAK):
            self.activate(item)

    def _ease(self) -> bool:
        if self.eased_button.isHidden():
            return False  # no spasm timed: E is not this screen's
        self._on_eased_button_clicked()
        return True

    # -- inside -----------------------------------------------------------------

    def _fill_list(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for row in self._rows:
            entry = QTreeWidgetItem([row.mark, row.when, row.text])
            for column, said in enumerate(row.cells):
                entry.setData(column, ACCESSIBLE_TEXT_ROLE, said)
                if row.done:
                    entry.setForeground(column, QColor(self.theme.muted))
                elif row.mark != LATER_MARK:
                    font = entry.font(column)
                    font.setBold(True)
                    entry.setFont(column, font)
            self.list.addTopLevelItem(entry)
        self.list.blockSignals(False)

    def _current_index(self) -> int:
        entry = self.list.currentItem()
        return self.list.indexOfTopLevelItem(entry) if entry is not None else -1

    def _set_current_index(self, index: int) -> None:
        entry = self.list.topLevelItem(index) if index >= 0 else None
        if entry is None:
            self.list.setCurrentIndex(QModelIndex())
        else:
            self.list.setCurrentItem(entry)
            self.list.scrollToItem(entry)

    def _select(self, item: TodayItem | None) -> None:
        index = next((i for i, r in enumerate(self._rows) if r.item is item), -1)
        if index < 0 and item is not None:
            index = next((i for i, r in enumerate(self._rows) if r.item == item), -1)
        self.list.blockSignals(True)
        self._set_current_index(index)
        self.list.blockSignals(False)
        self._show_next(item)

    def _move(self, step: int) -> None:
        if not self._rows:
            return
        index = max(0, min(len(self._rows) - 1, self._current_index() + step))
        self._set_current_index(index)
        # The view keeps the focus (it takes the keys), so the list's own focus
        # change is not heard: say the row chosen.
        announce(self, self._rows[index].spoken)

    def _show_next(self, item: TodayItem | None) -> None:
        plan = self.plan
        if item is None or plan is None:
            self.next_caption.setText("Today")
            done = plan is not None and bool(plan.items)
            over = plan is not None and plan.day_over
            title = "All done for today" if done else "Nothing planned"
            self.next_title.setText("Rest now: the day is over" if over else title)
            self.next_detail.setText(
                "The plan starts again tomorrow. Press R for all the routines."
                if over
                else "Well done. Press R for all the routines."
                if done
                else "Press R for all the routines."
            )
            self.next_why.setText("")
            self.act_button.hide()
            self.routine_button.hide()
            return
        if item.done:
            caption = "Done"
        elif item.at <= plan.now:
            caption = "Now"
        else:
            caption = "Next" if item is plan.next else "Later"
        self.next_caption.setText(caption)
        self.next_title.setText(headline(item, plan.now) if not item.done else item.title)
        self.card.setAccessibleName(caption)  # read before the caption and the title
        self.next_detail.setText(item.detail)
        self.next_why.setText(item.rule.credit if item.rule is not None else "")
        self.next_why.setVisible(item.rule is not None)
        if item.rule is not None:
            self.next_why.setToolTip(item.rule.text)
        text = {
            ItemKind.ICE: "Start the ice timer (Enter)",
            ItemKind.HEAT: "Start the heat timer (Enter)",
            ItemKind.SESSION: "Start the session (Enter)",
            ItemKind.WALK: "I walked: done (D)",
            ItemKind.DESK_BREAK: "I stood up: done (D)",
        }[item.kind]
        self.act_button.setText(text)
        self.act_button.setAccessibleName(text.split(" (")[0])
        self.act_button.setVisible(not item.done)
        self.routine_button.setVisible(item.kind is ItemKind.DESK_BREAK and not item.done)

    def _apply_fonts(self) -> None:
        """The fonts at the window's scale (on a resize: the first is before the first paint)."""
        self._fonts_set = True
        parts.apply_fonts(self, self._scale)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        scale = max(0.6, min(self.width() / 1280, self.height() / 800))
        if scale != self._scale or not self._fonts_set:
            self._scale = scale
            self._apply_fonts()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._set_up:
            self._set_up = True
            call_later(self, 0, self.finish_setup)
        self.painted.emit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.setFocus()  # the keys are the view's, not the first button's

    def keyPressEvent(self, event: QKeyEvent) -> None:
        from PySide6.QtCore import Qt

        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        intent = intent_for(Screen.TODAY, event.key(), modifiers)
        if intent is not None and self.handle(intent):
            event.accept()
            return
        super().keyPressEvent(event)

    # -- slots ------------------------------------------------------------------

    def _on_eased_button_clicked(self) -> None:
        phase = self.plan.recovery if self.plan is not None else None
        if phase is not None and phase.eased:
            self.painBack.emit()
        else:
            self.painEased.emit()

    def _on_act_button_clicked(self) -> None:
        self.activate()

    def _on_routine_button_clicked(self) -> None:
        self.startRoutine.emit(DESK_BREAK_ROUTINE)

    def _on_welcome_button_clicked(self) -> None:
        plan = self.plan
        if plan is not None and plan.welcome_back is not None and plan.welcome_back.routine:
            self.startRoutine.emit(plan.welcome_back.routine)

    def _on_list_itemActivated(self, *_: object) -> None:
        self.activate()

    def _on_list_currentItemChanged(self, *_: object) -> None:
        index = self._current_index()
        if 0 <= index < len(self._rows):
            self._show_next(self._rows[index].item)
