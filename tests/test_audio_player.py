"""The cue player: a whole routine through the policy, settings, no sound server."""

from __future__ import annotations

import functools
import itertools
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from spasmtimer.audio import (
    AudioSettings,
    RecordingCuePlayer,
    connect_driver,
    hear,
)
from spasmtimer.audio.clips import ClipLibrary
from spasmtimer.audio.policy import Verdict
from spasmtimer.core.clock import FakeClock
from spasmtimer.core.routines.loader import load_routine
from spasmtimer.core.routines.plan import make_plan
from spasmtimer.core.session.cues import CountStyle, CueKind
from spasmtimer.core.session.events import CueDue
from spasmtimer.core.session.machine import Session
from spasmtimer.resources import assets_dir, bundled_routine_files
from spasmtimer.services.settings import VOLUME, Settings


@pytest.fixture(scope="module")
def library() -> ClipLibrary:
    return ClipLibrary.scan(assets_dir())


def run_routine(path: Path, library: ClipLibrary, style: CountStyle) -> RecordingCuePlayer:
    """Drive a whole routine on a fake clock, ticking every 100 ms, into a fake player."""
    clock = FakeClock(1000.0)
    player = RecordingCuePlayer(library=library, clock=clock)
    session = Session(make_plan(load_routine(path)), clock, count_style=style)

    session.subscribe(functools.partial(hear, player))
    session.start()
    for _ in range(200_000):
        session.tick()
        wait = session.seconds_until_next_event()
        if wait is None:
            break
        clock.advance(max(wait, 0.001))
    return player


@pytest.mark.parametrize("path", bundled_routine_files(), ids=lambda p: p.stem)
def test_a_bundled_routine_is_said_in_full_and_never_stacked(
    path: Path, library: ClipLibrary
) -> None:
    player = run_routine(path, library, CountStyle.DOWN)
    holds = [p for p in player.played if p.cue.kind in (CueKind.HOLD, CueKind.NEXT_EXERCISE)]
    assert holds and all(p.verdict is Verdict.PLAY for p in holds), "a hold start was not heard"
    assert player.played[-1].cue.kind is CueKind.ROUTINE_COMPLETE
    assert player.played[-1].verdict is Verdict.PLAY
    # Nothing is ever cut short on the bundled routines: every utterance ends
    # before the next one starts.
    assert not [p for p in player.played if p.verdict is Verdict.CUT_AND_PLAY]
    # Numbers only yield to the opening words, never to anything else.
    for p in player.played:
        if p.verdict is Verdict.DROP_BUSY:
            assert p.cue.kind in (CueKind.COUNT, CueKind.LAST_THREE, CueKind.HALFWAY)


def test_muted_plays_nothing_but_keeps_time(library: ClipLibrary) -> None:
    clock = FakeClock(0.0)
    player = RecordingCuePlayer(library=library, clock=clock, muted=True)
    path = bundled_routine_files()[0]
    session = Session(make_plan(load_routine(path)), clock)
    session.subscribe(lambda e: player.play(e.cue, e.late) if isinstance(e, CueDue) else None)
    session.start()
    session.tick()
    assert player.played and not player.heard


def test_connect_driver_plays_the_cues_of_a_session_driver(qtbot, library: ClipLibrary) -> None:
    from spasmtimer.services.session_driver import SessionDriver

    clock = FakeClock(50.0)
    session = Session(make_plan(load_routine(bundled_routine_files()[0])), clock)
    driver = SessionDriver(session)
    player = RecordingCuePlayer(library=library, clock=clock)
    connect_driver(driver, player)
    driver.start()
    driver.tick_now()
    assert player.heard[0][0] in {"phrase-next-exercise", "exercise-prayer-stretch"}
    driver.pause()
    assert player.stops == 1
    driver.set_session(None)


def test_settings_are_remembered(tmp_path: Path) -> None:
    qs = QSettings(str(tmp_path / "s.conf"), QSettings.Format.IniFormat)
    assert Settings(qsettings=qs).audio() == AudioSettings()
    chosen = AudioSettings(volume=0.35, muted=True, voice=False, count_style=CountStyle.LAST_THREE)
    Settings(qsettings=qs).set_audio(chosen)
    again = QSettings(str(tmp_path / "s.conf"), QSettings.Format.IniFormat)
    assert Settings(qsettings=again).audio() == chosen


def test_unreadable_settings_take_their_defaults(tmp_path: Path) -> None:
    path = tmp_path / "s.conf"
    path.write_text("[audio]\nvolume=loud\ncount_style=sideways\nmuted=perhaps\n")
    qs = QSettings(str(path), QSettings.Format.IniFormat)
    assert Settings(qsettings=qs).audio() == AudioSettings()
    assert AudioSettings().with_volume(7).volume == 1.0
    path.write_text("[audio]\nvolume=7\n")
    assert Settings(path).get(VOLUME) == 1.0  # clamped, as the slider shows it


NO_SERVER = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QCoreApplication, QEventLoop
    from PySide6.QtWidgets import QApplication
    from spasmtimer.audio import create_player
    from spasmtimer.core.session.cues import Cue, CueKind
    app = QApplication([])
    player = create_player()
    player.play(Cue(CueKind.HOLD, "Hold"), 0.0)
    player.play(Cue(CueKind.COUNT, "3", number=3), 0.0)
    player.stop_all()
    print("available", player.available)
    print("problem", player.problem)
    end = time.monotonic() + 3  # a few seconds of a session: no flood of warnings
    while time.monotonic() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        player.play(Cue(CueKind.COUNT, "2", number=2), 0.0)
        time.sleep(0.05)
    print("still available", player.available, flush=True)
    """
)


def test_without_a_sound_server_the_player_says_so_and_never_hangs(tmp_path: Path) -> None:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        PULSE_SERVER=f"unix:{tmp_path}/no-such-server",
        XDG_RUNTIME_DIR=str(tmp_path),
        PULSE_RUNTIME_PATH=str(tmp_path / "pulse"),
    )
    result = subprocess.run(
        [sys.executable, "-c", NO_SERVER],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "available False" in result.stdout
    assert "silent" in result.stdout
    assert "still available False" in result.stdout
    # The notice once; not a line per cue or per retry (QSoundEffect wrote ~176).
    assert len(result.stderr.splitlines()) <= 12, result.stderr


class FakeStream:
    """Stands in for the output stream: notes what is placed, taken back, kept."""

    def __init__(self) -> None:
        self.placed: list[tuple[int | None, float, str]] = []  # (group, due, clip)
        self.cancelled: set[int] = set()
        self.confirmed: set[int] = set()

    def place(self, tag: str, samples: object, due: float, group: int | None = None,
              **info: object) -> float:  # fmt: skip
        self.placed.append((group, due, tag))
        return due

    def cut(self, due: float | None = None, by: int | None = None) -> None:
        if due is None:  # at once: everything placed ahead goes too
            self.cancelled |= {g for g, _d, _t in self.placed if g not in self.confirmed and g}

    def cancel(self, groups: set[int]) -> None:
        assert not groups & self.confirmed, "a cue that came was taken back"
        self.cancelled |= groups

    def confirm(self, group: int) -> None:
        assert group not in self.cancelled, "a cue taken back was kept"
        self.confirmed.add(group)

    def heard(self) -> list[str]:
        kept = [(d, t) for g, d, t in self.placed if g is None or g in self.confirmed]
        return [t for _d, t in sorted(kept, key=lambda x: x[0])]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_cues_placed_ahead_are_decided_exactly_as_when_they_come(
    qtbot, library: ClipLibrary, seed: int
) -> None:
    # The app's player, handed what falls due 1.6 s ahead after every tick (as
    # connect_driver does), ends up saying exactly what the policy says for the
    # cues as they come (the recording player), on a routine whose one-second
    # prepare steps cut the "Next: ..." words short, with ticks up to 100 ms late.
    import random

    from session_helpers import routine

    from spasmtimer.audio.qt_player import QtCuePlayer
    from spasmtimer.core.routines.routine import Exercise, Hold, Sides

    clock = FakeClock(1000.0)
    qt = QtCuePlayer(library=library, clock=clock)
    qt.close()
    stream = FakeStream()
    qt.stream = stream  # type: ignore[assignment]
    qt._problem = ""
    recording = RecordingCuePlayer(library=library, clock=clock)
    plan = make_plan(
        routine(
            Exercise("Knee to chest", Hold.fixed(10), reps=2, sides=Sides.EACH, prepare=1, rest=1),
            Exercise("Cat-cow", Hold.fixed(4), reps=2, prepare=1, rest=1),
        )
    )
    session = Session(plan, clock)
    session.subscribe(functools.partial(hear, qt))
    session.subscribe(functools.partial(hear, recording))
    rng = random.Random(seed)
    session.start()
    while (wait := session.seconds_until_next_event()) is not None:
        qt.prefetch(session.upcoming(1.6))
        clock.advance(min(wait, 1.0) + rng.uniform(0.0, 0.1))
        session.tick()
    verdicts = {p.verdict for p in recording.played}
    assert Verdict.CUT_AND_PLAY in verdicts  # the policy had choices to make
    assert stream.confirmed, "nothing was placed ahead"
    assert stream.heard() == [key for keys in recording.heard for key in keys]


def test_with_no_server_the_stream_tries_less_and_less_often_and_wakes_calmly(qtbot) -> None:
    from spasmtimer.audio import engine

    clock = FakeClock(100.0)
    tries: list[float] = []

    def no_server() -> object:
        tries.append(clock())
        raise OSError("Connection refused")

    stream = engine.OutputStream(clock=clock, device=no_server)
    try:
        for _ in range(200):  # 20 s of watches, 0.1 s apart
            clock.advance(0.1)
            stream._on_watch_timeout()
        assert stream.state == "none"
        gaps = [b - a for a, b in itertools.pairwise(tries)]  # watched every 0.1 s
        assert gaps[:3] == pytest.approx([0.5, 1.0, 2.0], abs=0.11)  # backing off...
        assert len(gaps) >= 8  # ...to every IDLE_RETRY_SECONDS (2 s)
        assert gaps[3:] == pytest.approx([engine.IDLE_RETRY_SECONDS] * len(gaps[3:]), abs=0.11)
        assert stream._watch.interval() == engine.CALM_WATCH_MS
    finally:
        stream.close()
