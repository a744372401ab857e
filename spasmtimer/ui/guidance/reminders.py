"""Reminder settings: waking and quiet hours, what to be reminded of.

A form over :class:`~spasmtimer.core.today.reminders.ReminderSettings` plus the
routines chosen for session reminders. Problems (waking hours that end before
they start) are shown in the dialog, together, and OK stays disabled until
they are fixed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from spasmtimer.core.today.reminders import ReminderSettings
from spasmtimer.services import autostart


@dataclass(frozen=True)
class ReminderChoice:
    """What the dialog returns: the settings and the routines to be reminded of."""

    settings: ReminderSettings
    routines: tuple[str, ...]


def _qtime(t: time) -> QTime:
    return QTime(t.hour, t.minute)


def _time(q: QTime) -> time:
    return time(q.hour(), q.minute())


def _time_edit(t: time) -> QTimeEdit:
    edit = QTimeEdit(_qtime(t))
    edit.setDisplayFormat("HH:mm")
    return edit


class ReminderSettingsDialog(QDialog):
    """Edit the reminder settings; :meth:`choice` reads the form."""

    def __init__(
        self,
        current: ReminderSettings,
        routines: Sequence[tuple[str, int]],
        chosen: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        """``routines`` is (name, sessions per day) for every routine on offer."""
        super().__init__(parent)
        self.setWindowTitle("Reminders")
        self.setObjectName("reminderSettings")
        self._current = current
        layout = QVBoxLayout(self)

        hours = QGroupBox("Your day")
        form = QFormLayout(hours)
        self.wake_edit = _time_edit(current.wake)
        self.sleep_edit = _time_edit(current.sleep)
        waking = QHBoxLayout()
        waking.addWidget(self.wake_edit)
        waking.addWidget(QLabel("to"))
        waking.addWidget(self.sleep_edit)
        waking.addStretch(1)
        # Each time says which it is: the group's title ("Your day") would name all four.
        self.wake_edit.setAccessibleName("Waking hours from")
        self.sleep_edit.setAccessibleName("Waking hours to")
        form.addRow("Waking hours", waking)
        self.quiet_box = QCheckBox("Quiet hours: no reminders from")
        self.quiet_box.setChecked(current.quiet_hours)
        self.quiet_start_edit = _time_edit(current.quiet_start)
        self.quiet_end_edit = _time_edit(current.quiet_end)
        quiet = QHBoxLayout()
        quiet.addWidget(self.quiet_box)
        quiet.addWidget(self.quiet_start_edit)
        quiet.addWidget(QLabel("to"))
        quiet.addWidget(self.quiet_end_edit)
        quiet.addStretch(1)
        self.quiet_start_edit.setAccessibleName("Quiet hours from")
        self.quiet_end_edit.setAccessibleName("Quiet hours to")
        form.addRow(quiet)
        self.snooze_spin = QSpinBox()
        self.snooze_spin.setRange(1, 120)
        self.snooze_spin.setSuffix(" min")
        self.snooze_spin.setValue(current.snooze_minutes)
        form.addRow("Snooze for", self.snooze_spin)
        layout.addWidget(hours)

        what = QGroupBox("Remind me of")
        box = QVBoxLayout(what)
        self.sessions_box = QCheckBox("Today's sessions of these routines:")
        self.sessions_box.setChecked(current.sessions)
        box.addWidget(self.sessions_box)
        self.routine_list = QListWidget()
        for name, per_day in routines:
            item = QListWidgetItem(f"{name}  ({per_day} a day)")
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in chosen else Qt.CheckState.Unchecked)
            self.routine_list.addItem(item)
        self.routine_list.setMaximumHeight(140)
        self.routine_list.setAccessibleName("Routines to remind me of")
        box.addWidget(self.routine_list)
        desk = QHBoxLayout()
        self.desk_box = QCheckBox("A desk break every")
        self.desk_box.setChecked(current.desk_breaks)
        self.desk_spin = QSpinBox()
        self.desk_spin.setRange(10, 120)
        self.desk_spin.setSingleStep(5)
        self.desk_spin.setSuffix(" min")
        self.desk_spin.setValue(current.desk_break_minutes)
        self.desk_spin.setAccessibleName("Minutes between desk breaks")
        desk.addWidget(self.desk_box)
        desk.addWidget(self.desk_spin)
        desk.addStretch(1)
        box.addLayout(desk)
        walks = QHBoxLayout()
        self.walks_box = QCheckBox("A short walk (5 to 10 minutes)")
        self.walks_box.setChecked(current.walks)
        self.walks_spin = QSpinBox()
        self.walks_spin.setRange(1, 8)
        self.walks_spin.setSuffix(" times a day")
        self.walks_spin.setValue(current.walks_per_day)
        self.walks_spin.setAccessibleName("Walks a day")
        walks.addWidget(self.walks_box)
        walks.addWidget(self.walks_spin)
        walks.addStretch(1)
        box.addLayout(walks)
        self.ice_box = QCheckBox("The next ice or heat application")
        self.ice_box.setChecked(current.ice_heat)
        box.addWidget(self.ice_box)
        layout.addWidget(what)

        hint = QLabel(
            "Desk breaks every 30 minutes and walks a few times a day follow the articles. "
            "Reminders come as desktop notifications (or in the system tray), also while "
            "the window is closed."
        )
        hint.setWordWrap(True)
        hint.setProperty("muted", True)
        layout.addWidget(hint)
        self.login_box = QCheckBox(
            "Start SpasmTimer when I log in, so reminders come after a restart"
        )
        self.login_box.setChecked(autostart.is_enabled())
        layout.addWidget(self.login_box)
        self.problems_label = QLabel()
        self.problems_label.setProperty("notice", True)
        self.problems_label.setWordWrap(True)
        self.problems_label.hide()
        layout.addWidget(self.problems_label)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        for edit in (self.wake_edit, self.sleep_edit, self.quiet_start_edit, self.quiet_end_edit):
            edit.timeChanged.connect(self._on_form_changed)
        for spin in (self.snooze_spin, self.desk_spin, self.walks_spin):
            spin.valueChanged.connect(self._on_form_changed)
        for check in (self.quiet_box, self.desk_box, self.walks_box, self.sessions_box):
            check.toggled.connect(self._on_form_changed)
        self._on_form_changed()

    def settings(self) -> ReminderSettings:
        return ReminderSettings(
            wake=_time(self.wake_edit.time()),
            sleep=_time(self.sleep_edit.time()),
            quiet_hours=self.quiet_box.isChecked(),
            quiet_start=_time(self.quiet_start_edit.time()),
            quiet_end=_time(self.quiet_end_edit.time()),
            sessions=self.sessions_box.isChecked(),
            desk_breaks=self.desk_box.isChecked(),
            desk_break_minutes=self.desk_spin.value(),
            walks=self.walks_box.isChecked(),
            walks_per_day=self.walks_spin.value(),
            ice_heat=self.ice_box.isChecked(),
            snooze_minutes=self.snooze_spin.value(),
        )

    def chosen_routines(self) -> tuple[str, ...]:
        items = (self.routine_list.item(i) for i in range(self.routine_list.count()))
        return tuple(
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        )

    def choice(self) -> ReminderChoice:
        return ReminderChoice(self.settings(), self.chosen_routines())

    def _on_form_changed(self, *_: object) -> None:
        self.quiet_start_edit.setEnabled(self.quiet_box.isChecked())
        self.quiet_end_edit.setEnabled(self.quiet_box.isChecked())
        self.desk_spin.setEnabled(self.desk_box.isChecked())
        self.walks_spin.setEnabled(self.walks_box.isChecked())
        self.routine_list.setEnabled(self.sessions_box.isChecked())
        problems = self.settings().problems()
        self.problems_label.setText("\n".join(problems))
        self.problems_label.setVisible(bool(problems))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problems)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        current: ReminderSettings,
        routines: Sequence[tuple[str, int]],
        chosen: Sequence[str],
    ) -> ReminderChoice | None:
        """Show it modally; the new choice, or None if cancelled."""
        dialog = cls(current, routines, chosen, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        apply_start_at_login(parent, dialog.login_box.isChecked())
        return dialog.choice()


def apply_start_at_login(parent: QWidget | None, enabled: bool) -> bool:
    """Write or remove the autostart entry; a failure is told on screen. True when done."""
    if enabled == autostart.is_enabled():
        return True
    try:
        autostart.set_enabled(enabled)
    except OSError as error:
        from spasmtimer.ui.dialogs import Dialogs

        where = autostart.autostart_path()
        reason = error.strerror or str(error)
        Dialogs.inform(parent, "Start at login", f"Could not change {where}: {reason}.")
        return False
    return True
