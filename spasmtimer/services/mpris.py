"""The session as a media player on D-Bus (MPRIS): headset buttons, media keys, lock screens.

GNOME, KDE and the other desktops send media keys and headset buttons to
MPRIS players, not to the focused window, and show them in their media
controls, on the lock screen and on a paired phone (GSConnect, KDE Connect).
:class:`MprisPlayer` owns ``org.mpris.MediaPlayer2.spasmtimer`` and exports
the root and Player interfaces at ``/org/mpris/MediaPlayer2``.

The methods do nothing themselves: each becomes :attr:`MprisPlayer.requested`
with the method's name, and the window turns it into the intent the matching
key triggers (so ``PlayPause`` does exactly what Space does). The properties
follow the :class:`~spasmtimer.services.session.SessionController`:
``PlaybackStatus`` and the ``Can…`` flags on start, pause, resume and end,
``Metadata`` (the routine as album, exercise and side as title, the step's
length, the illustration as art) at each step, never each second: the
position is read when asked for, as MPRIS expects. Each change is sent as
``org.freedesktop.DBus.Properties.PropertiesChanged``.

Signals (:class:`MprisPlayer`):
    requested(str): a method was called ("PlayPause", "Play", "Pause", "Next",
        "Previous", "Stop", "Raise" or "Quit").
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import ClassInfo, Property, QMetaType, QObject, Signal, Slot
from PySide6.QtDBus import (
    QDBusAbstractAdaptor,
    QDBusArgument,
    QDBusConnection,
    QDBusMessage,
    QDBusObjectPath,
)

from spasmtimer.services.session import SessionController

if TYPE_CHECKING:
    from spasmtimer.core.routines.plan import Step

log = logging.getLogger(__name__)

SERVICE = "org.mpris.MediaPlayer2.spasmtimer"
PATH = "/org/mpris/MediaPlayer2"
ROOT = "org.mpris.MediaPlayer2"
PLAYER = "org.mpris.MediaPlayer2.Player"
PROPERTIES = "org.freedesktop.DBus.Properties"
TRACK_PATH = "/io/github/spasmtimer/step/"  # + the step's index
NO_TRACK = "/org/mpris/MediaPlayer2/TrackList/NoTrack"
MICROSECONDS = 1_000_000

ImageFinder = Callable[[str], "Path | None"]  # exercise name -> its illustration


class MprisPlayer(QObject):
    """The session's MPRIS player: its state, its metadata and the calls that come in.

    ``image_for`` gives the illustration of an exercise of the running routine
    (None: no art).

    Signals:
        requested(str): an MPRIS method was called, by name.
    """

    requested = Signal(str)

    def __init__(
        self,
        bus: QDBusConnection,
        controller: SessionController,
        image_for: ImageFinder | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.bus = bus
        self.controller = controller
        self._image_for = image_for
        self.owned = False
        self._sent: dict[str, dict[str, Any]] = {ROOT: {}, PLAYER: {}}
        self.root = _Root(self)
        self.player = _Player(self)
        controller.started.connect(self._on_controller_started)
        controller.ended.connect(self._on_controller_ended)

    def claim(self) -> bool:
        """Export the player and own its name; False without a bus or with the name taken."""
        if not self.bus.isConnected():
            return False
        options = QDBusConnection.RegisterOption.ExportAdaptors
        if not self.bus.registerObject(PATH, self, options):
            log.warning("could not export the MPRIS player")
            return False
        if not self.bus.registerService(SERVICE):
            log.warning("another program has the name %s", SERVICE)
            self.bus.unregisterObject(PATH)
            return False
        self.owned = True
        self._sent[PLAYER] = self.player_properties()
        return True

    def release(self) -> None:
        if self.owned:
            self.bus.unregisterService(SERVICE)
            self.bus.unregisterObject(PATH)
            self.owned = False

    # -- what the player shows ----------------------------------------------------

    def status(self) -> str:
        c = self.controller
        if c.is_running():
            return "Playing"
        return "Paused" if c.is_active() else "Stopped"

    def position_us(self) -> int:
        session = self.controller.session
        if session is None or not self.controller.is_active():
            return 0
        return round(session.step_elapsed() * MICROSECONDS)

    def metadata(self) -> dict[str, Any]:
        session = self.controller.session
        if session is None or not self.controller.is_active():
            return {"mpris:trackid": QDBusObjectPath(NO_TRACK)}
        step = session.step
        data: dict[str, Any] = {
            "mpris:trackid": QDBusObjectPath(f"{TRACK_PATH}{session.step_index}"),
            "mpris:length": round(step.seconds * MICROSECONDS),
            "xesam:title": step_title(step),
            "xesam:album": session.plan.routine.name,
            "xesam:artist": ["SpasmTimer"],
        }
        image = self._image_for(step.exercise) if self._image_for is not None else None
        if image is not None:
            data["mpris:artUrl"] = image.resolve().as_uri()
        return data

    def player_properties(self) -> dict[str, Any]:
        active = self.controller.is_active()
        return {
            "PlaybackStatus": self.status(),
            "Metadata": self.metadata(),
            "CanPlay": active,
            "CanPause": active,
            "CanGoNext": active,
            "CanGoPrevious": active,
            "CanSeek": False,
            "CanControl": True,
        }

    # -- following the session ------------------------------------------------------

    def _on_controller_started(self) -> None:
        driver = self.controller.driver
        if driver is not None:
            for signal in (driver.stepStarted, driver.paused, driver.resumed, driver.levelChanged):
                signal.connect(self._on_driver_changed)
        self.refresh()

    def _on_controller_ended(self, _completed: bool) -> None:
        self.refresh()

    def _on_driver_changed(self, _event: object = None) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Send what changed since the last time (PropertiesChanged), nothing if nothing did."""
        now = self.player_properties()
        before = self._sent[PLAYER]
        changed = {k: v for k, v in now.items() if before.get(k) != v}
        self._sent[PLAYER] = now
        if not changed or not self.owned:
            return
        signal = QDBusMessage.createSignal(
            PATH, "org.freedesktop.DBus.Properties", "PropertiesChanged"
        )
        signal.setArguments([PLAYER, changed, _no_strings()])
        self.bus.send(signal)


def _no_strings() -> QDBusArgument:
    """An empty ``as`` (a Python [] would go out as ``av``, which listeners reject)."""
    empty = QDBusArgument()
    empty.beginArray(QMetaType(QMetaType.Type.QString.value))
    empty.endArray()
    return empty


def step_title(step: Step) -> str:
    """ "Knee to chest (left)", "Rest", "Switch sides": what the title line shows."""
    from spasmtimer.core.routines.plan import StepKind

    if step.kind is StepKind.HOLD:
        side = f" ({step.side.value})" if step.side is not None else ""
        return f"{step.exercise}{side}"
    if step.kind is StepKind.PREPARE:
        return f"Get ready: {step.exercise}"
    if step.kind is StepKind.SWITCH:
        return f"Switch sides: {step.exercise}"
    return f"Rest — next: {step.exercise}" if step.exercise else "Rest"


@ClassInfo({"D-Bus Interface": ROOT})  # type: ignore[call-arg]
class _Root(QDBusAbstractAdaptor):  # type: ignore[operator]
    """org.mpris.MediaPlayer2: who the player is."""

    def __init__(self, player: MprisPlayer) -> None:
        super().__init__(player)
        self._player = player

    def _identity(self) -> str:
        return "SpasmTimer"

    def _desktop_entry(self) -> str:
        return "spasmtimer"

    def _true(self) -> bool:
        return True

    def _false(self) -> bool:
        return False

    def _none(self) -> list[str]:
        return []

    Identity = Property(str, _identity)
    DesktopEntry = Property(str, _desktop_entry)
    CanRaise = Property(bool, _true)
    CanQuit = Property(bool, _true)
    HasTrackList = Property(bool, _false)
    SupportedUriSchemes = Property("QStringList", _none)  # type: ignore[arg-type]
    SupportedMimeTypes = Property("QStringList", _none)  # type: ignore[arg-type]

    @Slot()
    def Raise(self) -> None:
        self._player.requested.emit("Raise")

    @Slot()
    def Quit(self) -> None:
        self._player.requested.emit("Quit")


@ClassInfo({"D-Bus Interface": PLAYER})  # type: ignore[call-arg]
class _Player(QDBusAbstractAdaptor):  # type: ignore[operator]
    """org.mpris.MediaPlayer2.Player: the session's controls and what it plays."""

    def __init__(self, player: MprisPlayer) -> None:
        super().__init__(player)
        self._player = player

    def _status(self) -> str:
        return self._player.status()

    def _metadata(self) -> dict[str, Any]:
        return self._player.metadata()

    def _position(self) -> int:
        return self._player.position_us()

    def _active(self) -> bool:
        return self._player.controller.is_active()

    def _true(self) -> bool:
        return True

    def _false(self) -> bool:
        return False

    def _rate(self) -> float:
        return 1.0

    def _volume(self) -> float:
        return 0.0 if self._player.controller.muted else 1.0

    PlaybackStatus = Property(str, _status)
    Metadata = Property("QVariantMap", _metadata)  # type: ignore[arg-type]
    Position = Property("qlonglong", _position)  # type: ignore[arg-type]
    Rate = Property(float, _rate)
    MinimumRate = Property(float, _rate)
    MaximumRate = Property(float, _rate)
    Volume = Property(float, _volume)
    CanPlay = Property(bool, _active)
    CanPause = Property(bool, _active)
    CanGoNext = Property(bool, _active)
    CanGoPrevious = Property(bool, _active)
    CanSeek = Property(bool, _false)
    CanControl = Property(bool, _true)

    def _ask(self, method: str) -> None:
        self._player.requested.emit(method)

    @Slot()
    def PlayPause(self) -> None:
        self._ask("PlayPause")

    @Slot()
    def Play(self) -> None:
        self._ask("Play")

    @Slot()
    def Pause(self) -> None:
        self._ask("Pause")

    @Slot()
    def Next(self) -> None:
        self._ask("Next")

    @Slot()
    def Previous(self) -> None:
        self._ask("Previous")

    @Slot()
    def Stop(self) -> None:
        self._ask("Stop")

    @Slot("qlonglong")
    def Seek(self, _offset: int) -> None:
        pass

    @Slot(QDBusObjectPath, "qlonglong")
    def SetPosition(self, _track: QDBusObjectPath, _position: int) -> None:
        pass

    @Slot(str)
    def OpenUri(self, _uri: str) -> None:
        pass
