"""The Sound settings dialog: volume, mute, voice on/off and how holds are counted.

Each control is bound to one key of the settings table
(:mod:`spasmtimer.services.settings`) and writes it on every change: the
store says so (``changed``), and the player and the running session follow
it at once (so the user hears the new volume). Nothing here knows the player.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
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
from spasmtimer.services.settings import COUNT_STYLE, MUTED, VOICE, VOLUME, Settings

COUNT_STYLE_LABELS = {
    CountStyle.DOWN: "Count down the seconds left (10, 9, 8 …)",
    CountStyle.UP: "Count up the seconds held (1, 2, 3 …)",
    CountStyle.LAST_THREE: "Only the last three seconds (3, 2, 1)",
    CountStyle.NONE: "No counting",
}


class SoundSettingsDialog(QDialog):
    """Edits the sound keys of ``store``, each change written at once."""

    @classmethod
    def open_for(cls, parent: QWidget, store: Settings) -> SoundSettingsDialog:
        """Show the dialog on ``store``; it goes when closed."""
        dialog = cls(store, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def __init__(self, store: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sound")
        self.store = store

        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setValue(round(store.get(VOLUME) * 100))
        self.volume.setAccessibleName("Volume")
        self.volume_label = QLabel()
        self.muted = QCheckBox("Mute all sound (M)")
        self.muted.setChecked(store.get(MUTED))
        self.voice = QCheckBox("Speak the words (off: soft tones only)")
        self.voice.setChecked(store.get(VOICE))
        self.count_style = QComboBox()
        self.count_style.setAccessibleName("Counting")
        for style, label in COUNT_STYLE_LABELS.items():
            self.count_style.addItem(label, style)
        self.count_style.setCurrentIndex(list(COUNT_STYLE_LABELS).index(store.get(COUNT_STYLE)))

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
        self.muted.toggled.connect(self._on_muted_toggled)
        self.voice.toggled.connect(self._on_voice_toggled)
        self.count_style.currentIndexChanged.connect(self._on_count_style_currentIndexChanged)
        store.changed.connect(self._on_store_changed)
        self._show_volume()

    def _show_volume(self) -> None:
        self.volume_label.setText(f"{self.volume.value()} %")

    def _on_volume_valueChanged(self, value: int) -> None:
        self._show_volume()
        self.store.set(VOLUME, value / 100)

    def _on_muted_toggled(self, checked: bool) -> None:
        self.store.set(MUTED, checked)

    def _on_voice_toggled(self, checked: bool) -> None:
        self.store.set(VOICE, checked)

    def _on_count_style_currentIndexChanged(self, _index: int) -> None:
        style = self.count_style.currentData()
        if isinstance(style, CountStyle):
            self.store.set(COUNT_STYLE, style)

    def _on_store_changed(self, key: object) -> None:
        if key is MUTED:  # M pressed while the dialog is open
            self.muted.setChecked(self.store.get(MUTED))
