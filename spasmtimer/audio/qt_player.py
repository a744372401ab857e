"""The cue player of the app: pre-loaded QSoundEffects, on time.

Every clip of the :class:`~spasmtimer.audio.clips.ClipLibrary` gets one
QSoundEffect, created and loaded once when the player is made (which must be
after the QApplication exists), so a cue costs only ``play()``: about 15 ms
from the call to the first sample at the sound server. A clip that is
needed again while it still sounds is stopped and restarted; the timing
policy (:mod:`spasmtimer.audio.policy`) never lets two utterances overlap,
so one effect per clip is the whole pool. The clips of one utterance follow
each other on a precise timer.

No sound device, no sound server, or a device that disappears: the effects
report an error or there is no output at all; the player then says so
through :attr:`problem` (the window shows it), keeps accepting cues without
playing them, and tries again when the list of outputs changes
(``QMediaDevices.audioOutputsChanged``). Nothing here blocks or raises.

Names with no rendered clip are spoken by QTextToSpeech when an engine
other than Qt's "mock" works; otherwise the attention tone stands in.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Property, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtMultimedia import QAudio, QMediaDevices, QSoundEffect

from spasmtimer.audio.clips import ClipLibrary, default_library
from spasmtimer.audio.policy import Part, Sounding, Verdict, decide, fit
from spasmtimer.audio.settings import AudioSettings
from spasmtimer.audio.words import utterance_for
from spasmtimer.core.cues import Cue

log = logging.getLogger(__name__)

NO_OUTPUT = "No sound output was found, so the session is silent. Follow the screen."
OUTPUT_FAILED = "The sound output stopped working, so the session is silent. Follow the screen."
QUEUED = Qt.ConnectionType.QueuedConnection
STUCK_AFTER = 3.0  # seconds past a clip's end before the output counts as stuck
NO_CLIPS = "The app's sound files are missing, so the session is silent. Follow the screen."


class QtCuePlayer(QObject):
    """Plays cues through QSoundEffect (implements :class:`~spasmtimer.audio.player.CuePlayer`).

    Signals:
        availableChanged(bool): sound can (True) or cannot (False) be heard now.
        problemChanged(str): the notice to show; empty when all is well.
        cuePlayed(str, float): the first clip key of a cue just started, and
            how late its cue was (seconds).
        cueDropped(str, str): a cue's kind name and why it was not played
            ("late", "busy", "muted").
        readyChanged(bool): every clip has loaded (True), so the first cue
            plays on time; start the session on it (it comes within ~50 ms).
    """

    availableChanged = Signal(bool)
    problemChanged = Signal(str)
    cuePlayed = Signal(str, float)
    cueDropped = Signal(str, str)
    readyChanged = Signal(bool)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        library: ClipLibrary | None = None,
        settings: AudioSettings | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._library = library if library is not None else default_library()
        self._settings = settings or AudioSettings()
        self._clock = clock
        self._problem = ""
        self._device_problem = False
        self._failed: set[str] = set()
        self._sounding: Sounding | None = None
        self._step_end: float | None = None
        self._queue: list[tuple[float, Part]] = []  # (clock time, part) still to start
        self._speech: object | None = None

        self._next_part = QTimer(self)
        self._next_part.setSingleShot(True)
        self._next_part.setTimerType(Qt.TimerType.PreciseTimer)
        self._next_part.timeout.connect(self._on_next_part_timeout)

        # A clip still "playing" well after its end means the output is
        # stuck (its device went away, and PulseAudio had nowhere to move it).
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(self._on_watchdog_timeout)

        self._devices = QMediaDevices(self)
        # Queued: the backend may announce changes from its own thread.
        self._devices.audioOutputsChanged.connect(self._on_devices_audioOutputsChanged, QUEUED)
        self._outputs = _outputs_signature()

        self._effects: dict[str, QSoundEffect] = {}
        self._current: list[QSoundEffect] = []
        self._build_effects()
        self._check_outputs()
        self._speech = _make_speech(self)

    def _build_effects(self) -> None:
        """One loaded QSoundEffect per clip (again after the output changed).

        A QSoundEffect whose device went away stays stuck in "playing" even
        after stop() and a new device; fresh ones are cheap (~30 ms for all).
        """
        for old in self._effects.values():
            old.stop()
            old.deleteLater()
        self._current = []
        self._ready = False
        self._effects = {}
        for clip in self._library.clips.values():
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(clip.path)))
            effect.setObjectName(clip.key)
            # Queued, to a method of this object: the status may be announced
            # from a loader thread, and the slot touches Qt objects.
            effect.statusChanged.connect(self._on_effect_statusChanged, QUEUED)
            self._effects[clip.key] = effect
        self._apply_volume()

    # -- state the window shows -------------------------------------------

    def _get_available(self) -> bool:
        return not self._problem

    def _get_problem(self) -> str:
        return self._problem

    available = Property(bool, _get_available, notify=availableChanged)
    problem = Property(str, _get_problem, notify=problemChanged)

    @property
    def settings(self) -> AudioSettings:
        return self._settings

    def _set_problem(self, problem: str) -> None:
        if problem == self._problem:
            return
        was_available = not self._problem
        self._problem = problem
        if problem:
            log.warning("sound: %s", problem)
            self.stop_all()
        else:
            log.info("sound is available again")
        self.problemChanged.emit(problem)
        if was_available != (not problem):
            self.availableChanged.emit(not problem)

    def _check_outputs(self) -> None:
        if not self._effects:
            self._set_problem(NO_CLIPS)
        elif not QMediaDevices.audioOutputs():
            self._set_problem(NO_OUTPUT)
        elif self._failed or self._device_problem:
            self._set_problem(OUTPUT_FAILED)
        else:
            self._set_problem("")

    def _on_devices_audioOutputsChanged(self) -> None:
        # A device came or went: start afresh on the default output. (The
        # backend also announces mere state changes of a sink; ignore those.)
        outputs = _outputs_signature()
        if outputs == self._outputs and not self._problem:
            return
        self._outputs = outputs
        log.info(
            "sound outputs changed; default: %s", QMediaDevices.defaultAudioOutput().description()
        )
        self.stop_all()
        self._failed.clear()
        self._device_problem = False
        self._build_effects()
        self._check_outputs()

    def is_ready(self) -> bool:
        """Whether every clip has loaded (or failed): a cue now plays at once."""
        loading = (QSoundEffect.Status.Null, QSoundEffect.Status.Loading)
        return all(effect.status() not in loading for effect in self._effects.values())

    def _on_effect_statusChanged(self) -> None:
        if not self._ready and self.is_ready():
            self._ready = True
            self.readyChanged.emit(True)
        sender = self.sender()
        key = sender.objectName() if sender is not None else ""
        effect = self._effects.get(key)
        if effect is None or effect is not sender:
            return
        if effect.status() == QSoundEffect.Status.Error:
            log.warning("sound clip %s could not be played", key)
            self._failed.add(key)
            self._check_outputs()

    # -- settings ----------------------------------------------------------

    def _apply_volume(self) -> None:
        linear = QAudio.convertVolume(
            self._settings.volume,
            QAudio.VolumeScale.LogarithmicVolumeScale,
            QAudio.VolumeScale.LinearVolumeScale,
        )
        for effect in self._effects.values():
            effect.setVolume(linear)

    def set_volume(self, volume: float) -> None:
        self._settings = self._settings.with_volume(volume)
        self._apply_volume()

    def set_muted(self, muted: bool) -> None:
        self._settings = replace(self._settings, muted=bool(muted))
        if muted:
            self.stop_all()

    def set_voice(self, voice: bool) -> None:
        self._settings = replace(self._settings, voice=bool(voice))

    def apply(self, settings: AudioSettings) -> None:
        """Take all settings at once (the settings dialog's OK)."""
        self._settings = settings
        self._apply_volume()
        if settings.muted:
            self.stop_all()

    # -- playing -----------------------------------------------------------

    def step_started(self, seconds: float, late: float = 0.0) -> None:
        self._step_end = self._clock() - late + seconds

    def play(self, cue: Cue, late: float = 0.0) -> None:
        now = self._clock()
        kind = cue.kind.name
        if self._settings.muted:
            self.cueDropped.emit(kind, "muted")
            return
        if self._problem:
            return
        utterance = utterance_for(
            cue, self._library, voice=self._settings.voice, can_speak=self._can_speak()
        )
        if not utterance.parts:
            return
        if self._step_end is not None:
            utterance = fit(utterance, self._step_end - (now - late))
        verdict = decide(utterance.urgency, late, now, self._sounding)
        if verdict is Verdict.DROP_LATE:
            log.debug("dropped %s, %.0f ms late", kind, late * 1000)
            self.cueDropped.emit(kind, "late")
            return
        if verdict is Verdict.DROP_BUSY:
            self.cueDropped.emit(kind, "busy")
            return
        if verdict is Verdict.CUT_AND_PLAY:
            self.stop_all()
        self._current = [effect for effect in self._current if effect.isPlaying()]
        offsets = utterance.offsets()
        self._queue = [(now + at, part) for at, part in zip(offsets, utterance.parts, strict=True)]
        self._sounding = Sounding(utterance.urgency, now + utterance.seconds)
        self._watchdog.start(round((utterance.seconds + STUCK_AFTER) * 1000))
        first = utterance.parts[0]
        self._start_due_parts()
        self.cuePlayed.emit(first.key or "speech", float(late))

    def _start_due_parts(self) -> None:
        now = self._clock()
        while self._queue and self._queue[0][0] <= now + 0.002:
            _, part = self._queue.pop(0)
            self._start(part)
        if self._queue:
            wait_ms = max(0, round((self._queue[0][0] - self._clock()) * 1000))
            self._next_part.start(wait_ms)

    def _on_next_part_timeout(self) -> None:
        self._start_due_parts()

    def _start(self, part: Part) -> None:
        if part.speak is not None:
            self._say(part.speak)
            return
        effect = self._effects.get(part.key or "")
        if effect is None:
            return
        if effect.isPlaying():
            effect.stop()
        effect.play()
        self._current.append(effect)

    def seconds_until_quiet(self) -> float:
        """How long what is being said still lasts (0 when quiet); wait this before quitting."""
        if self._sounding is None:
            return 0.0
        return max(0.0, self._sounding.until - self._clock())

    def _on_watchdog_timeout(self) -> None:
        if self._queue or not any(effect.isPlaying() for effect in self._current):
            return
        log.warning("a sound clip is still playing long after its end: the output is stuck")
        for effect in self._current:
            effect.stop()
        self._device_problem = True
        self._set_problem(OUTPUT_FAILED)

    def stop_all(self) -> None:
        self._next_part.stop()
        self._queue = []
        for effect in self._current:
            effect.stop()
        self._current = []
        self._sounding = None
        speech = self._speech
        if speech is not None:
            speech.stop()  # type: ignore[attr-defined]

    # -- run-time speech for names without a clip --------------------------

    def _can_speak(self) -> bool:
        return self._speech is not None

    def _say(self, text: str) -> None:
        speech = self._speech
        if speech is not None:
            speech.setVolume(self._settings.volume)  # type: ignore[attr-defined]
            speech.say(text)  # type: ignore[attr-defined]


def _outputs_signature() -> tuple[tuple[bytes, ...], bytes]:
    """The outputs there are and the default one, to tell a real change."""
    ids = tuple(sorted(bytes(d.id().data()) for d in QMediaDevices.audioOutputs()))
    return ids, bytes(QMediaDevices.defaultAudioOutput().id().data())


def _engine_usable(name: str) -> bool:
    """Whether a QTextToSpeech engine can work here (asking Qt to try logs an error)."""
    if name == "mock":  # Qt's test engine: says nothing
        return False
    if name == "speechd":  # needs libspeechd and the speech-dispatcher service
        import ctypes.util
        import shutil

        return bool(ctypes.util.find_library("speechd")) and bool(shutil.which("speech-dispatcher"))
    return True


def _make_speech(parent: QObject) -> object | None:
    """A working QTextToSpeech, or None (no module, no real engine, or it failed)."""
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError:
        return None
    engines = [name for name in QTextToSpeech.availableEngines() if _engine_usable(name)]
    for name in engines:
        speech = QTextToSpeech(name, parent)
        if speech.state() != QTextToSpeech.State.Error:
            speech.setRate(-0.15)  # a little slower: calm
            log.info("names without a clip are spoken by the %s engine", name)
            return speech
        speech.deleteLater()
    return None
