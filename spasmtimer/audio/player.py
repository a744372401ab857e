"""The seam between the session and the speakers: the :class:`CuePlayer` protocol.

Anything that turns cues into sound implements it: :class:`QtCuePlayer
<spasmtimer.audio.qt_player.QtCuePlayer>` in the app,
:class:`RecordingCuePlayer` in tests (it keeps what it was asked to play
and what the timing policy would have done with it), and
:class:`SilentCuePlayer` when Qt Multimedia cannot be loaded at all.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from spasmtimer.audio.clips import ClipLibrary
from spasmtimer.audio.policy import Sounding, Verdict, decide, fit
from spasmtimer.audio.words import utterance_for
from spasmtimer.core.session.cues import Cue
from spasmtimer.core.session.events import CueDue, Paused, StepStarted


@runtime_checkable
class CuePlayer(Protocol):
    """Plays cues the moment they are due."""

    @property
    def available(self) -> bool:
        """Whether sound can be heard at all (a device, a server, the clips)."""
        ...

    @property
    def problem(self) -> str:
        """Why not, in the user's words; empty when all is well."""
        ...

    def play(self, cue: Cue, late: float = 0.0, due: float | None = None) -> None:
        """Say ``cue``, due at ``due`` on the session clock (None: ``late`` seconds ago);
        a player that places sound on the sample places it by ``due``."""
        ...

    def step_started(self, seconds: float, late: float = 0.0, due: float | None = None) -> None:
        """A step of ``seconds`` started at ``due`` (or ``late`` seconds ago): long words fit."""
        ...

    def prefetch(self, events: list[CueDue | StepStarted]) -> None:
        """What falls due next, in order (empty: nothing runs); a player may place it ahead."""
        ...

    def is_ready(self) -> bool:
        """Whether a cue played now is heard on time (the output runs, or is known not to)."""
        ...

    def set_volume(self, volume: float) -> None: ...

    def set_muted(self, muted: bool) -> None: ...

    def set_voice(self, voice: bool) -> None: ...

    def stop_all(self) -> None:
        """Silence at once: pause, stop, leaving the session."""
        ...

    def seconds_until_quiet(self) -> float:
        """How long the words being said still last (0 when quiet)."""
        ...


@dataclass(frozen=True)
class Played:
    """One cue a :class:`RecordingCuePlayer` was given, and what became of it."""

    cue: Cue
    late: float
    at: float
    verdict: Verdict
    keys: tuple[str, ...]  # the clips it would play (empty when dropped or muted)


def hear(player: CuePlayer, event: object) -> None:
    """Pass one session event to ``player``: the one routing of events to sound.

    A cue plays; a step's start tells the player how long the step is, so
    long words fit into it; a pause silences at once. Other events are not
    heard. Used by :func:`spasmtimer.audio.connect_driver` and by the
    fake-clock runs of the tests and the latency bench.
    """
    if isinstance(event, CueDue):
        player.play(event.cue, event.late, due=event.due)
    elif isinstance(event, StepStarted):
        player.step_started(event.step.seconds, event.late, due=event.due)
    elif isinstance(event, Paused):
        player.stop_all()


@dataclass
class RecordingCuePlayer:
    """A fake player for tests: applies the real policy, plays nothing."""

    library: ClipLibrary = field(default_factory=ClipLibrary)
    clock: Callable[[], float] = time.monotonic
    volume: float = 0.8
    muted: bool = False
    voice: bool = True
    available: bool = True
    problem: str = ""
    played: list[Played] = field(default_factory=list)
    prefetched: list[list[CueDue | StepStarted]] = field(default_factory=list)
    stops: int = 0
    _sounding: Sounding | None = None
    _step_end: float | None = None

    def play(self, cue: Cue, late: float = 0.0, due: float | None = None) -> None:
        now = self.clock()
        utterance = utterance_for(cue, self.library, voice=self.voice)
        if self._step_end is not None:
            utterance = fit(utterance, self._step_end - (now - late))
        verdict = decide(utterance.urgency, late, now, self._sounding)
        keys: tuple[str, ...] = ()
        if verdict in (Verdict.PLAY, Verdict.CUT_AND_PLAY) and not self.muted:
            keys = tuple(p.key or f"speak:{p.speak}" for p in utterance.parts)
            if keys:
                self._sounding = Sounding(utterance.urgency, now + utterance.seconds)
        self.played.append(Played(cue, late, now, verdict, keys))

    def step_started(self, seconds: float, late: float = 0.0, due: float | None = None) -> None:
        self._step_end = (self.clock() - late if due is None else due) + seconds

    def prefetch(self, events: list[CueDue | StepStarted]) -> None:
        self.prefetched.append(list(events))

    def is_ready(self) -> bool:
        return True

    def set_volume(self, volume: float) -> None:
        self.volume = volume

    def set_muted(self, muted: bool) -> None:
        self.muted = muted

    def set_voice(self, voice: bool) -> None:
        self.voice = voice

    def stop_all(self) -> None:
        self.stops += 1
        self._sounding = None

    def seconds_until_quiet(self) -> float:
        if self._sounding is None or self.muted:
            return 0.0
        return max(0.0, self._sounding.until - self.clock())

    @property
    def heard(self) -> list[tuple[str, ...]]:
        """The clips of every cue that would have been heard, in order."""
        return [p.keys for p in self.played if p.keys]


@dataclass
class SilentCuePlayer:
    """Plays nothing; says why. Used when Qt Multimedia is missing."""

    problem: str = "Sound is not available on this computer; follow the screen."
    available: bool = False

    def play(self, cue: Cue, late: float = 0.0, due: float | None = None) -> None:
        pass

    def step_started(self, seconds: float, late: float = 0.0, due: float | None = None) -> None:
        pass

    def prefetch(self, events: list[CueDue | StepStarted]) -> None:
        pass

    def is_ready(self) -> bool:
        return True

    def set_volume(self, volume: float) -> None:
        pass

    def set_muted(self, muted: bool) -> None:
        pass

    def set_voice(self, voice: bool) -> None:
        pass

    def stop_all(self) -> None:
        pass

    def seconds_until_quiet(self) -> float:
        return 0.0
