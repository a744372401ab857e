"""The Sound settings dialog edits every audio setting and reports each change."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from spasmtimer.audio.settings import AudioSettings, load_audio_settings, save_audio_settings
from spasmtimer.core.cues import CountStyle
from spasmtimer.ui.sound_settings import SoundSettingsDialog


def test_every_control_changes_the_settings(qtbot: QtBot) -> None:
    dialog = SoundSettingsDialog(AudioSettings(volume=0.5))
    qtbot.addWidget(dialog)
    assert dialog.volume.value() == 50 and dialog.volume_label.text() == "50 %"
    seen: list[AudioSettings] = []
    dialog.settingsChanged.connect(seen.append)

    dialog.volume.setValue(30)
    dialog.muted.setChecked(True)
    dialog.voice.setChecked(False)
    dialog.count_style.setCurrentIndex(dialog.count_style.findData(CountStyle.LAST_THREE))

    assert len(seen) == 4
    assert seen[-1] == AudioSettings(
        volume=0.3, muted=True, voice=False, count_style=CountStyle.LAST_THREE
    )
    assert dialog.settings == seen[-1]
    assert dialog.volume_label.text() == "30 %"


def test_the_dialog_starts_from_the_remembered_settings(qtbot: QtBot) -> None:
    save_audio_settings(AudioSettings(volume=0.2, muted=True, count_style=CountStyle.UP))
    dialog = SoundSettingsDialog(load_audio_settings())
    qtbot.addWidget(dialog)
    assert dialog.volume.value() == 20
    assert dialog.muted.isChecked()
    assert dialog.voice.isChecked()
    assert dialog.count_style.currentData() is CountStyle.UP
