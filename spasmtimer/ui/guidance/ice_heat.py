"""The ice and heat timer: when did the spasm begin, so what now, and when next.

The user says when the spasm began (a date/time picker, or "Just now",
"2 hours ago", "Yesterday"); the view shows what
:func:`spasmtimer.core.guidance.ice_heat.propose` says and why, and a button that
starts the bundled 20-minute "Ice pack" or "Heat pack" routine (the main
window connects :attr:`IceHeatView.startRoutine` to opening that routine).
Starting one plans the reminder for the next application; when the routine
finishes, the main window calls :meth:`IceHeatView.application_done` to plan
it from the actual end.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TypeVar

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spasmtimer.core.guidance.ice_heat import (
    APPLICATION,
    ARTICLE_NOTES,
    DEFAULT_INTERVAL,
    Proposal,
    ScheduleError,
    Therapy,
    check_onset,
    propose,
)
from spasmtimer.core.guidance.recovery import (
    PREVENTION_ADVICE,
    PREVENTION_HEADLINE,
    PREVENTION_NEXT,
    RecoveryPhase,
    recovery,
)
from spasmtimer.core.guidance.safety import NOT_A_DOCTOR
from spasmtimer.core.today.applications import record_application
from spasmtimer.core.today.reminders import IceHeatDemand, describe_when
from spasmtimer.services.settings import Settings
from spasmtimer.ui.announce import mark_heading
from spasmtimer.ui.theme import system_theme


def _to_qt(moment: datetime) -> QDateTime:
    return QDateTime(moment.year, moment.month, moment.day, moment.hour, moment.minute, 0)


def _from_qt(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


W = TypeVar("W", bound=QWidget)


def _scaled(widget: W, scale: float, bold: bool = False) -> W:
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    widget.setFont(font)
    return widget


class IceHeatView(QWidget):
    """Ice or heat for the user's spasm.

    Signals:
        startRoutine(str): open this bundled routine ready to start
            ("Ice pack" or "Heat pack").
        nextApplicationChanged(object): the next application reminder
            (an :class:`IceHeatDemand`, or None); the tray refreshes on it.
    """

    startRoutine = Signal(str)
    nextApplicationChanged = Signal(object)

    def __init__(
        self,
        store: Settings | None = None,
        clock: Callable[[], datetime] = datetime.now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("iceHeatView")
        self.store = store or Settings()
        self.clock = clock
        self.proposal: Proposal | None = None
        theme = system_theme()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)

        layout.addWidget(mark_heading(_scaled(QLabel("Ice and heat"), 1.8, bold=True)))
        question = _scaled(QLabel("When did the spasm begin?"), 1.2)
        layout.addWidget(question)
        row = QHBoxLayout()
        self.picker = QDateTimeEdit()
        question.setBuddy(self.picker)  # the question names the time (and Alt+its letter)
        self.picker.setAccessibleName("When did the spasm begin?")
        self.picker.setCalendarPopup(True)
        self.picker.setDisplayFormat("ddd d MMM yyyy  HH:mm")
        self.picker.setMinimumHeight(40)
        self.picker.setMinimumWidth(260)
        row.addWidget(self.picker)
        self.quick_buttons: dict[str, QPushButton] = {}
        for text, ago in (
            ("Just now", timedelta(0)),
            ("2 hours ago", timedelta(hours=2)),
            ("Yesterday", timedelta(days=1)),
        ):
            button = QPushButton(text)
            button.setMinimumHeight(40)
            button.clicked.connect(lambda _=False, ago=ago: self.set_began(self.clock() - ago))
            self.quick_buttons[text] = button
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)

        self.error_label = QLabel()
        self.error_label.setProperty("notice", True)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)

        card = QFrame()
        card.setObjectName("proposalCard")
        card.setStyleSheet(
            f"#proposalCard {{ background: {theme.surface}; border: 2px solid {theme.border};"
            " border-radius: 12px; }"
        )
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(18, 14, 18, 14)
        self.headline = _scaled(QLabel(), 2.0, bold=True)
        self.advice_label = _scaled(QLabel(), 1.15)
        self.advice_label.setWordWrap(True)
        self.advice_label.setTextFormat(Qt.TextFormat.RichText)
        self.reason_label = _scaled(QLabel(), 1.05)
        self.reason_label.setWordWrap(True)
        card_layout.addWidget(self.headline)
        card_layout.addWidget(self.advice_label)
        card_layout.addWidget(self.reason_label)
        buttons = QHBoxLayout()
        self.start_button = QPushButton()
        self.start_button.setProperty("primary", True)
        self.start_button.setMinimumHeight(48)
        _scaled(self.start_button, 1.2)
        self.alternative_button = QPushButton()
        self.alternative_button.setMinimumHeight(48)
        self.done_button = QPushButton("I did one without the timer")
        self.done_button.setMinimumHeight(48)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.alternative_button)
        buttons.addWidget(self.done_button)
        buttons.addStretch(1)
        card_layout.addLayout(buttons)
        self.next_label = _scaled(QLabel(), 1.1)
        self.next_label.setWordWrap(True)
        card_layout.addWidget(self.next_label)
        layout.addWidget(card)
        self.card = card

        notes = "".join(
            f"<li><b>{html.escape(n.source.credit)}</b>: {html.escape(n.says)}</li>"
            for n in ARTICLE_NOTES
        )
        self.notes_label = QLabel(
            f"<p><b>What the articles say</b></p><ul style='margin-top:0'>{notes}</ul>"
            f"<p>{NOT_A_DOCTOR}</p>"
        )
        self.notes_label.setTextFormat(Qt.TextFormat.RichText)
        self.notes_label.setWordWrap(True)
        self.notes_label.setProperty("muted", True)
        layout.addWidget(self.notes_label)
        layout.addStretch(1)

        self.picker.dateTimeChanged.connect(self._on_picker_dateTimeChanged)
        self.start_button.clicked.connect(self._on_start_button_clicked)
        self.alternative_button.clicked.connect(self._on_alternative_button_clicked)
        self.done_button.clicked.connect(self._on_done_button_clicked)

        began = self.store.spasm_began()
        self._loading = True
        self.picker.setDateTime(_to_qt(began or self.clock()))
        self._loading = False
        self.card.setVisible(began is not None)
        if began is not None:
            self.refresh()

    # -- what the user does ------------------------------------------------------

    def set_began(self, began: datetime) -> None:
        """The spasm began at ``began`` (the quick buttons and the picker land here)."""
        began = began.replace(second=0, microsecond=0)
        try:
            check_onset(began, self.clock())
        except ScheduleError as error:  # refused: nothing is saved, the picker goes back
            self._show_error(str(error))
            saved = self.store.spasm_began()
            self._loading = True
            self.picker.setDateTime(_to_qt(saved or self.clock()))
            self._loading = False
            return
        if self.store.spasm_began() != began:
            self.store.set_spasm_began(None)  # a new spasm: forget the old schedule
            self.store.set_spasm_began(began)
            self.nextApplicationChanged.emit(None)
        self._loading = True
        self.picker.setDateTime(_to_qt(began))
        self._loading = False
        self.refresh()

    def start(self, therapy: Therapy) -> None:
        """Start one application now: ask for its routine, plan the next reminder."""
        now = self.clock()
        demand = record_application(self.store, now + APPLICATION)
        self.nextApplicationChanged.emit(demand)
        self.refresh()
        self.startRoutine.emit(therapy.routine_name)

    def application_done(self, done_at: datetime | None = None) -> None:
        """An ice or heat application has ended: plan the next one from its end."""
        demand = record_application(self.store, done_at or self.clock())
        self.nextApplicationChanged.emit(demand)
        self.refresh()

    # -- showing it -------------------------------------------------------------

    def refresh(self) -> None:
        began = self.store.spasm_began()
        now = self.clock()
        if began is None:
            self.card.hide()
            return
        try:
            proposal = propose(began, now)
        except ScheduleError as error:
            self._show_error(str(error))
            self.card.hide()
            self.proposal = None
            return
        self.proposal = proposal
        self.error_label.hide()
        self.card.show()
        phase = recovery(began, now, pain_eased=self.store.pain_eased())
        if phase is not None and phase.phase is RecoveryPhase.PREVENTION:
            self._show_prevention(proposal, phase.note)  # as Today: no ice or heat planned
            return
        word = proposal.therapy.word
        self.headline.setText(proposal.headline)
        planned = self.store.next_application()
        if planned is not None and planned.at > now:  # one is done (or running): not "now"
            self.headline.setText(f"Next {planned.therapy.word} {describe_when(planned.at, now)}")
        self.advice_label.setText(
            "".join(f"<p style='margin:2px 0'>{html.escape(line)}</p>" for line in proposal.advice)
        )
        self.reason_label.setText(proposal.reason)
        self.start_button.setText(f"Start 20 minutes of {word}")
        alternative = proposal.alternative
        self.alternative_button.setVisible(alternative is not None)
        if alternative is not None:
            self.alternative_button.setText(f"Use {alternative.word} instead")
        self.next_label.setText(self._next_text(proposal, now))

    def _show_prevention(self, proposal: Proposal, note: str) -> None:
        # Only heat is on offer now (before a strenuous activity), never reminded of.
        self.proposal = replace(proposal, therapy=Therapy.HEAT, alternative=None)
        self.headline.setText(PREVENTION_HEADLINE)
        self.advice_label.setText(
            "".join(
                f"<p style='margin:2px 0'>{html.escape(line)}</p>" for line in PREVENTION_ADVICE
            )
        )
        ago = proposal.reason.split(". ")[0] + "."  # "Your spasm began 3 days ago."
        self.reason_label.setText(f"{ago} {note}".strip())
        self.start_button.setText("Start 20 minutes of heat")
        self.alternative_button.hide()
        self.next_label.setText(PREVENTION_NEXT)

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def _next_text(self, proposal: Proposal, now: datetime) -> str:
        demand: IceHeatDemand | None = self.store.next_application()
        if demand is not None and demand.at > now - timedelta(hours=12):
            when = describe_when(demand.at, now)
            return f"Next {demand.therapy.word}: {when}. You will get a reminder."
        start_next = now + DEFAULT_INTERVAL
        return (
            f"Start now and the next one is due {describe_when(start_next, now)} "
            "(every 2 hours, 20 minutes at a time). You will get a reminder."
        )

    # -- slots ------------------------------------------------------------------

    def _on_picker_dateTimeChanged(self, value: QDateTime) -> None:
        if not self._loading:
            self.set_began(_from_qt(value))

    def _on_start_button_clicked(self) -> None:
        if self.proposal is not None:
            self.start(self.proposal.therapy)

    def _on_alternative_button_clicked(self) -> None:
        if self.proposal is not None and self.proposal.alternative is not None:
            self.start(self.proposal.alternative)

    def _on_done_button_clicked(self) -> None:
        self.application_done()
