"""The cue player of the app: every part of a cue placed on the sample where it is due.

The clips go through one :class:`~spasmtimer.audio.engine.OutputStream` (the
player's lifetime; our own mixer): each part of an utterance is placed on the
frame the device takes at its due time plus a constant lead, so every word
starts the same short time after it is due, whole. Clips are decoded once.

No sound device, no sound server, or a device that disappears: the stream
says so, the player shows it through :attr:`problem` (the window shows
it), keeps accepting cues without playing them, and the stream tries the
default output again every second. Nothing here blocks or raises.

Cues known ahead are placed ahead (:meth:`QtCuePlayer.prefetch`): the
session lists what falls due in the next second or two, and the player
decides each as it will be due (on time: the policy of
:mod:`.policy`, unchanged) and places its clips then, so the stream can
keep a deep queue written ahead and a GUI thread busy for a few hundred
milliseconds starves nothing. When the cue comes, the player checks it
against what it placed and keeps it. Whatever changes the future (pause,
stop, skip, a level change, mute, a cue nobody announced) takes back what
was placed ahead and not heard yet; the stream writes it over.

Names with no rendered clip are spoken by QTextToSpeech when an engine
other than Qt's "mock" works: the part is scheduled like a clip (a timer
for the time its samples would be taken) and the utterance's later parts
wait its estimated length, so speech never sounds over a clip. Otherwise
the attention tone stands in.
"""

from __future__ import annotations

import array
import itertools
import logging
import re
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import Property, QCoreApplication, QObject, Qt, QTimer, Signal

from spasmtimer.audio.clips import ClipLibrary, default_library
from spasmtimer.audio.engine import LEAD, OutputStream
from spasmtimer.audio.gain import linear_volume
from spasmtimer.audio.policy import Sounding, Utterance, Verdict, decide, fit
from spasmtimer.audio.wav import decode
from spasmtimer.audio.words import utterance_for
from spasmtimer.core.clock import Clock, system_clock
from spasmtimer.core.session.cues import Cue
from spasmtimer.core.session.events import CueDue, StepStarted
from spasmtimer.core.session.sound_settings import AudioSettings

log = logging.getLogger(__name__)

NO_OUTPUT = "No sound output was found, so the session is silent. Follow the screen."
OUTPUT_FAILED = "The sound output stopped working, so the session is silent. Follow the screen."
NO_CLIPS = "The app's sound files are missing, so the session is silent. Follow the screen."
SERVER_LATENCY = 0.1  # seconds the server may still be playing after the device took a frame


@dataclass
class _Ahead:
    """A cue or step start known ahead, what the player made of it, and its state after."""

    key: tuple[object, ...]
    group: int | None  # what it placed on the stream (None: nothing)
    outcome: tuple[object, ...]  # (verdict, clips and offsets): checked when the cue comes
    sounding: Sounding | None
    step_end: float | None
    utterance: Utterance | None = None


def _key(event: CueDue | StepStarted) -> tuple[object, ...]:
    if isinstance(event, CueDue):
        return ("cue", event.cue, event.due)
    return ("step", event.step.seconds, event.due)


def _outcome(verdict: Verdict | None, utterance: Utterance | None) -> tuple[object, ...]:
    parts = () if utterance is None else tuple((p.key, p.speak, p.seconds) for p in utterance.parts)
    return (verdict, parts)


class QtCuePlayer(QObject):
    """Plays cues through one output stream; a :class:`~spasmtimer.audio.player.CuePlayer`.

    Signals:
        availableChanged(bool): sound can (True) or cannot (False) be heard now.
        problemChanged(str): the notice to show; empty when all is well.
        cuePlayed(str, float): the first clip key of a cue just placed, and
            how late its cue was (seconds).
        cueDropped(str, str): a cue's kind name and why it was not played
            ("late", "busy", "muted").
        readyChanged(bool): the output stream runs (True), so the first cue
            plays on time; start the session on it.
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
        clock: Clock = system_clock,
    ) -> None:
        super().__init__(parent)
        self._library = library if library is not None else default_library()
        self._groups = itertools.count(1)  # what each prefetched cue places, to take it back
        self._settings = settings or AudioSettings()
        self._clock = clock
        self._problem = ""
        self._ready = False
        self._samples: dict[str, array.array[int]] = {}
        self._sounding: Sounding | None = None
        self._step_end: float | None = None
        self._speech: object | None = None
        self._speech_timers: list[QTimer] = []
        self._ahead: list[_Ahead] = []  # what was placed ahead, in the order it falls due

        self.stream = OutputStream(self, clock)
        self.stream.stateChanged.connect(self._on_stream_stateChanged)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)
        self._apply_volume()
        if not self._library.clips:
            self._set_problem(NO_CLIPS)
        elif self.stream.state == "none":
            self._set_problem(NO_OUTPUT)  # at once (the stream tried to open in its __init__)
        self._speech = _make_speech(self)

    def close(self) -> None:
        """Stop the output stream and its thread (the app quits)."""
        self.stream.close()

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

    def _on_stream_stateChanged(self, state: str) -> None:
        if not self._library.clips:
            return
        if state == "playing":
            self._set_problem("")
        elif state == "none":
            self._set_problem(NO_OUTPUT)
        elif state == "failed":
            self._set_problem(OUTPUT_FAILED)
        if state != "starting" and not self._ready:
            self._ready = True
            self.readyChanged.emit(True)

    def is_ready(self) -> bool:
        """Whether the output stream runs (or is known not to): a cue now plays on time."""
        return self._ready

    # -- settings ----------------------------------------------------------

    def _apply_volume(self) -> None:
        self.stream.set_gain(linear_volume(self._settings.volume))

    def set_volume(self, volume: float) -> None:
        self._settings = self._settings.with_volume(volume)
        self._apply_volume()

    def set_muted(self, muted: bool) -> None:
        self._settings = replace(self._settings, muted=bool(muted))
        if muted:
            self.stop_all()

    def set_voice(self, voice: bool) -> None:
        if bool(voice) != self._settings.voice:
            self.cancel_ahead()  # said differently from now on
        self._settings = replace(self._settings, voice=bool(voice))

    def apply(self, settings: AudioSettings) -> None:
        """Take all settings at once (the settings dialog's OK)."""
        if settings.voice != self._settings.voice:
            self.cancel_ahead()
        self._settings = settings
        self._apply_volume()
        if settings.muted:
            self.stop_all()

    # -- playing -----------------------------------------------------------

    def step_started(self, seconds: float, late: float = 0.0, due: float | None = None) -> None:
        due = due if due is not None else self._clock() - late
        head = self._ahead[0] if self._ahead else None
        if head is not None and head.key == ("step", seconds, due):
            self._ahead.pop(0)
        else:
            self.cancel_ahead()
        self._step_end = due + seconds

    def _judge(
        self, cue: Cue, late: float, now: float, due: float, sounding: Sounding | None,
        step_end: float | None,
    ) -> tuple[Verdict | None, Utterance | None]:  # fmt: skip
        """What the policy makes of ``cue`` (None: nothing to say)."""
        utterance = utterance_for(
            cue, self._library, voice=self._settings.voice, can_speak=self._can_speak()
        )
        if not utterance.parts:
            return None, None
        if step_end is not None:
            utterance = fit(utterance, step_end - due)
        return decide(utterance.urgency, late, now, sounding), utterance

    def play(self, cue: Cue, late: float = 0.0, due: float | None = None) -> None:
        now = self._clock()
        if due is None:
            due = now - late
        kind = cue.kind.name
        if self._settings.muted:
            self.cancel_ahead()
            self.cueDropped.emit(kind, "muted")
            return
        if self._problem:
            return
        verdict, utterance = self._judge(cue, late, now, due, self._sounding, self._step_end)
        head = self._ahead[0] if self._ahead else None
        if head is not None and head.key == ("cue", cue, due):
            self._ahead.pop(0)
            # Decided ahead as if on time, and it is heard on time: keep it, even
            # when the tick that brings the cue is late (the GUI thread was busy).
            if head.outcome == _outcome(verdict, utterance) or verdict is Verdict.DROP_LATE:
                if head.group is not None:
                    self.stream.confirm(head.group)
                self._sounding = head.sounding
                ahead_verdict = head.outcome[0]
                assert ahead_verdict is None or isinstance(ahead_verdict, Verdict)
                self._report(kind, late, ahead_verdict, head.utterance)
                return
            self._ahead.insert(0, head)
        self.cancel_ahead()
        if verdict is None or utterance is None:
            return
        self._report(kind, late, verdict, utterance)
        if verdict in (Verdict.DROP_LATE, Verdict.DROP_BUSY):
            return
        if verdict is Verdict.CUT_AND_PLAY:
            self._cut(due)  # the new words follow: fade out what sounds
        self._place(utterance, due, now=now, cue=kind)
        self._sounding = Sounding(utterance.urgency, due + utterance.seconds)

    def _report(
        self, kind: str, late: float, verdict: Verdict | None, utterance: Utterance | None
    ) -> None:
        if verdict is None or utterance is None:
            return
        if verdict is Verdict.DROP_LATE:
            log.debug("dropped %s, %.0f ms late", kind, late * 1000)
            self.cueDropped.emit(kind, "late")
        elif verdict is Verdict.DROP_BUSY:
            self.cueDropped.emit(kind, "busy")
        else:
            self.cuePlayed.emit(utterance.parts[0].key or "speech", float(late))

    def _place(
        self, utterance: Utterance, due: float, now: float, cue: str, group: int | None = None
    ) -> None:
        for offset, part in zip(utterance.offsets(), utterance.parts, strict=True):
            if part.speak is not None:
                self._say_at(part.speak, due + offset)
                continue
            samples = self._clip_samples(part.key or "")
            if samples:
                self.stream.place(
                    part.key or "", samples, due + offset, group=group, cue=cue,
                    late=round(now - due, 4),
                )  # fmt: skip

    def prefetch(self, events: list[CueDue | StepStarted]) -> None:
        """Place ahead what falls due next (``events``, in order, from the session).

        Each cue is decided as it will be when due, on time, after the ones
        before it; its clips are placed at once, in a group of their own.
        What was placed ahead for events no longer listed is taken back.
        Utterances with run-time speech are not placed ahead (nor anything
        after them): they play when they come.
        """
        if self._settings.muted or self._problem or not self._library.clips:
            self.cancel_ahead()
            return
        sounding, step_end = self._sounding, self._step_end
        keys = [_key(event) for event in events]
        same = 0
        for ahead, key in zip(self._ahead, keys, strict=False):
            if ahead.key != key:
                break
            sounding, step_end = ahead.sounding, ahead.step_end
            same += 1
        stale, self._ahead = self._ahead[same:], self._ahead[:same]
        self.stream.cancel({a.group for a in stale if a.group is not None})
        for event, key in zip(events[same:], keys[same:], strict=True):
            if isinstance(event, StepStarted):
                step_end = event.due + event.step.seconds
                self._ahead.append(_Ahead(key, None, (), sounding, step_end))
                continue
            verdict, utterance = self._judge(
                event.cue, 0.0, event.due, event.due, sounding, step_end
            )
            if utterance is not None and any(p.speak is not None for p in utterance.parts):
                return
            group = None
            if verdict in (Verdict.PLAY, Verdict.CUT_AND_PLAY) and utterance is not None:
                group = next(self._groups)
                if verdict is Verdict.CUT_AND_PLAY:
                    self.stream.cut(event.due, by=group)
                self._place(utterance, event.due, now=self._clock(), cue=event.cue.kind.name,
                            group=group)  # fmt: skip
                sounding = Sounding(utterance.urgency, event.due + utterance.seconds)
            self._ahead.append(
                _Ahead(key, group, _outcome(verdict, utterance), sounding, step_end, utterance)
            )

    def cancel_ahead(self) -> None:
        """Take back everything placed ahead that is not heard yet."""
        stale, self._ahead = self._ahead, []
        self.stream.cancel({a.group for a in stale if a.group is not None})

    def _clip_samples(self, key: str) -> array.array[int] | None:
        samples = self._samples.get(key)
        if samples is None:
            clip = self._library.get(key)
            if clip is None:
                return None
            samples = self._samples[key] = decode(clip.path)
        return samples

    def seconds_until_quiet(self) -> float:
        """How long what is being said still lasts (0 when quiet); wait this before quitting."""
        if self._sounding is None:
            return 0.0
        left = self._sounding.until - self._clock()
        return max(0.0, left + LEAD + SERVER_LATENCY) if left > -LEAD - SERVER_LATENCY else 0.0

    def stop_all(self) -> None:
        self._ahead = []  # the cut below drops what was placed ahead too
        self._cut(None)

    def _cut(self, due: float | None) -> None:
        """Fade out what sounds: at once (``due`` None), or for words due at ``due``."""
        self.stream.cut(due)
        for timer in self._speech_timers:
            timer.stop()
            timer.deleteLater()
        self._speech_timers = []
        self._sounding = None
        speech = self._speech
        if speech is not None:
            speech.stop()  # type: ignore[attr-defined]

    # -- run-time speech for names without a clip --------------------------

    def _can_speak(self) -> bool:
        return self._speech is not None

    def _say_at(self, text: str, due: float) -> None:
        """Speak ``text`` when a clip due at ``due`` would be heard."""
        wait = self.stream.time_for(due) - self._clock()
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.timeout.connect(lambda: self._say(text))
        timer.start(max(0, round(wait * 1000)))
        self._speech_timers = [t for t in self._speech_timers if t.isActive()]
        self._speech_timers.append(timer)

    def _say(self, text: str) -> None:
        speech = self._speech
        if speech is not None:
            speech.setVolume(self._settings.volume)  # type: ignore[attr-defined]
            speech.say(text)  # type: ignore[attr-defined]


def _engine_usable(name: str) -> bool:
    """Whether a QTextToSpeech engine can work here (asking Qt to try logs an error)."""
    if name == "mock":  # Qt's test engine: says nothing
        return False
    if name == "speechd":  # needs libspeechd and the speech-dispatcher service
        import ctypes.util
        import shutil

        return bool(ctypes.util.find_library("speechd")) and bool(shutil.which("speech-dispatcher"))
    return True


def _engine_plugins() -> list[str]:
    """The text-to-speech engines Qt has plugins for, found without loading Qt's speech module.

    Importing QtTextToSpeech loads Qt Multimedia (which probes for PipeWire and
    warns when it is missing); the app only needs it when an engine can speak.
    """
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "texttospeech"
    names = (re.fullmatch(r"(?:lib)?qtexttospeech_(\w+)\.(?:so|dll|dylib)", f.name) for f in
             (folder.iterdir() if folder.is_dir() else []))  # fmt: skip
    return sorted(match.group(1) for match in names if match)


def _make_speech(parent: QObject) -> object | None:
    """A working QTextToSpeech, or None (no module, no real engine, or it failed)."""
    if not any(_engine_usable(name) for name in _engine_plugins()):
        return None
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
