"""One SpasmTimer per desktop session: a second start asks the first to show itself.

The first app owns the well-known name :data:`SERVICE` on the D-Bus session
bus and answers two methods at :data:`PATH` (interface :data:`INTERFACE`):
``Activate()`` (raise the window) and ``StartRoutine(s)`` (``spasmtimer start
ROUTINE``: open that routine and start it). A second start that finds the
name taken calls one of them and exits: two copies of the app would each
write the history and could lose a session.

Where there is no session bus (a bare container, a test) the app runs as
before, alone or not: nothing here fails the start.

Signals (:class:`AppInstance`):
    activateRequested(): another start asked to show the window.
    startRequested(str): another start asked to start a routine (a name or an absolute path).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import ClassInfo, QObject, Signal, Slot
from PySide6.QtDBus import QDBusAbstractAdaptor, QDBusConnection, QDBusInterface, QDBusMessage

log = logging.getLogger(__name__)

SERVICE = "io.github.spasmtimer.SpasmTimer"
PATH = "/io/github/spasmtimer/SpasmTimer"
INTERFACE = "io.github.spasmtimer.SpasmTimer"
CALL_TIMEOUT_MS = 5000  # the first app may be busy painting; it answers within a frame


class AppInstance(QObject):
    """The running app's end of the single-instance name.

    Signals:
        activateRequested(): another start asked to show the window.
        startRequested(str): another start asked to start this routine.
    """

    activateRequested = Signal()
    startRequested = Signal(str)

    def __init__(self, bus: QDBusConnection, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.owned = False
        self._adaptor = _Adaptor(self)

    def claim(self) -> bool:
        """Own the name; False when another app has it (or there is no bus: then True, alone)."""
        if not self.bus.isConnected():
            log.info("no D-Bus session bus: a second start cannot find this one")
            return True
        options = QDBusConnection.RegisterOption.ExportAdaptors
        if not self.bus.registerObject(PATH, self, options):
            log.warning("could not export %s on the session bus", PATH)
        if not self.bus.registerService(SERVICE):
            self.bus.unregisterObject(PATH)
            return False
        self.owned = True
        return True

    def release(self) -> None:
        if self.owned:
            self.bus.unregisterService(SERVICE)
            self.bus.unregisterObject(PATH)
            self.owned = False


@ClassInfo({"D-Bus Interface": INTERFACE})  # type: ignore[call-arg]
class _Adaptor(QDBusAbstractAdaptor):  # type: ignore[operator]
    """What the bus sees of :class:`AppInstance`."""

    def __init__(self, instance: AppInstance) -> None:
        super().__init__(instance)
        self._instance = instance

    @Slot()
    def Activate(self) -> None:
        self._instance.activateRequested.emit()

    @Slot(str)
    def StartRoutine(self, routine: str) -> None:
        self._instance.startRequested.emit(routine)


def ask_running_app(bus: QDBusConnection, routine: str | None = None) -> bool:
    """Ask the running app to show itself (and start ``routine``); False if none answered."""
    if not bus.isConnected():
        return False
    names = bus.interface()
    if names is None or not names.isServiceRegistered(SERVICE).value():
        return False
    remote = QDBusInterface(SERVICE, PATH, INTERFACE, bus)
    remote.setTimeout(CALL_TIMEOUT_MS)
    reply = remote.call("Activate") if routine is None else remote.call("StartRoutine", routine)
    if reply.type() == QDBusMessage.MessageType.ErrorMessage:
        log.warning("the running SpasmTimer did not answer: %s", reply.errorMessage())
        return False
    return True
