"""The Sound settings dialog: volume, mute, voice on/off and how holds are counted.

Changes apply at once (so the user hears the new volume) and are remembered
through :mod:`spasmtimer.settings`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from spasmtimer.core.session.cues import CountStyle

if TYPE_CHECKING:
    from spasmtimer.ui.session.controller import SessionController
from spasmtimer.core.session.sound_settings import AudioSettings

COUNT_STYLE_LABELS = {
    CountStyle.DOWN: "Count down the seconds left (10, 9, 8 …)",
    CountStyle.UP: "Count up the seconds held (1, 2, 3 …)",
    CountStyle.LAST_THREE: "Only the last three seconds (3, 2, 1)",
    CountStyle.NONE: "No counting",
}


class SoundSettingsDialog(QDialog):
    """Edits an :class:`AudioSettings`.

    Signals:
        settingsChanged(object): the new AudioSettings, on every change.
    """

    settingsChanged = Signal(object)

    @classmethod
    def open_for(cls, parent: QWidget, controller: SessionController) -> SoundSettingsDialog:
        """Show the dialog on ``controller``'s settings; each change reaches it at once."""
        dialog = cls(controller.audio, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.settingsChanged.connect(controller.apply_audio)
        dialog.show()
        return dialog

    def __init__(self, settings: AudioSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sound")
        self._settings = settings

        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setValue(round(settings.volume * 100))
        self.volume.setAccessibleName("Volume")
        self.volume_label = QLabel()
        self.muted = QCheckBox("Mute all sound (M)")
        self.muted.setChecked(settings.muted)
        self.voice = QCheckBox("Speak the words (off: soft tones only)")
        self.voice.setChecked(settings.voice)
        self.count_style = QComboBox()
        for style, label in COUNT_STYLE_LABELS.items():
            self.count_style.addItem(label, style)
        self.count_style.setCurrentIndex(list(COUNT_STYLE_LABELS).index(settings.count_style))

        form = QFormLayout()
        form.addRow("Volume", self.volume)
        form.addRow("", self.volume_label)
        form.addRow("", self.muted)
        form.addRow("", self.voice)
        form.addRow("Counting", self.count_style)
        note = QLabel("Counting changes apply from the next session.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

        self.volume.valueChanged.connect(self._on_volume_valueChanged)
        self.muted.toggled.connect(self._on_control_changed)
        self.voice.toggled.connect(self._on_control_changed)
        self.count_style.currentIndexChanged.connect(self._on_control_changed)
        self._show_volume()

    @property
    def settings(self) -> AudioSettings:
        return self._settings

    def _show_volume(self) -> None:
        self.volume_label.setText(f"{self.volume.value()} %")

    def _on_volume_valueChanged(self, _value: int) -> None:
        self._show_volume()
        self._on_control_changed()

    def _on_control_changed(self, *_args: object) -> None:
        style = self.count_style.currentData()
        self._settings = AudioSettings(
            muted=self.muted.isChecked(),
            voice=self.voice.isChecked(),
            count_style=style if isinstance(style, CountStyle) else CountStyle.DOWN,
        ).with_volume(self.volume.value() / 100)
        self.settingsChanged.emit(self._settings)
