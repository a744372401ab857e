"""Desktop notifications through ``org.freedesktop.Notifications`` on the session bus.

Every desktop with a notification service (GNOME, KDE, Xfce, Cinnamon, MATE,
dunst or mako on tiling window managers) shows these, with or without a
system tray; the tray's ``showMessage`` is only the fallback where there is
no such service (:attr:`DesktopNotifications.available`).

Each notification has a key (the reminder's series): a second one with the
same key replaces the first instead of stacking under it, and
:meth:`DesktopNotifications.withdraw` takes it away once the reminder is
answered elsewhere. The calls do not wait: the ids come back later and are
remembered per key. The ids are ``u`` on the wire, which no Python value
becomes through PySide (an int goes as ``i``, or ``q`` through
``QDBusArgument <<``); :func:`_uint` calls Qt's own
``QDBusArgument::operator<<(uint)``. Were that ever missing, the tray's
balloons are used.

Signals (:class:`DesktopNotifications`):
    actionInvoked(str, str): the key, and the action the user chose
        ("default" is a click on the notification itself).
"""

from __future__ import annotations

import ctypes
import functools
import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import SLOT, QObject, Signal, Slot
from PySide6.QtDBus import QDBusArgument, QDBusConnection, QDBusMessage, QDBusPendingCallWatcher

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
APP_NAME = "SpasmTimer"
ICON = "spasmtimer"  # the icon theme name the desktop entry gives
DESKTOP_ENTRY = "spasmtimer"
DEFAULT_ACTION = "default"
EXPIRE_DEFAULT = -1  # the server's own timeout
CALL_TIMEOUT_MS = 2000


class DesktopNotifications(QObject):
    """Notifications of the app, one per key, over D-Bus.

    Signals:
        actionInvoked(str, str): key and action id chosen by the user.
    """

    actionInvoked = Signal(str, str)

    def __init__(self, bus: QDBusConnection, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self._ids: dict[str, int] = {}  # key -> the server's id
        self._pending: dict[str, QDBusPendingCallWatcher] = {}  # ids on the way
        self._withdrawn: set[str] = set()  # withdrawn before the id came back
        self._queued: dict[str, tuple[str, str, tuple[tuple[str, str], ...]]] = {}
        if bus.isConnected():
            for name, slot in (
                ("ActionInvoked", "_on_server_ActionInvoked(uint,QString)"),
                ("NotificationClosed", "_on_server_NotificationClosed(uint,uint)"),
            ):
                bus.connect(SERVICE, PATH, INTERFACE, name, self, SLOT(slot))  # type: ignore[call-overload]

    @property
    def available(self) -> bool:
        """A notification service runs on the session bus (else: the tray's balloons)."""
        if not self.bus.isConnected():
            return False
        names = self.bus.interface()
        return names is not None and bool(names.isServiceRegistered(SERVICE).value())

    def shown(self) -> list[str]:
        """The keys whose notification is on screen (as far as the app knows)."""
        return sorted(set(self._ids) | set(self._pending))

    def notify(
        self, key: str, summary: str, body: str, actions: Sequence[tuple[str, str]] = ()
    ) -> bool:
        """Show (or replace) the key's notification; ``actions``: (id, label) pairs.

        False when there is no service to take it (the caller falls back to
        the tray). The call does not wait: the id comes back later.
        """
        if key in self._pending:  # sent once its first has an id, to replace it
            self._queued[key] = (summary, body, tuple(actions))
            self._withdrawn.discard(key)
            return True
        replaces = _uint(self._ids.get(key, 0))
        if replaces is None or not self.available:
            return False
        flat: list[str] = []
        for action, label in actions:
            flat += [action, label]
        message = QDBusMessage.createMethodCall(SERVICE, PATH, INTERFACE, "Notify")
        hints = {"desktop-entry": DESKTOP_ENTRY}
        message.setArguments(
            [APP_NAME, replaces, ICON, summary, body, _strings(flat), hints, EXPIRE_DEFAULT]
        )
        watcher = QDBusPendingCallWatcher(self.bus.asyncCall(message, CALL_TIMEOUT_MS), self)
        self._pending[key] = watcher
        watcher.finished.connect(functools.partial(self._on_notify_finished, key, watcher))
        return True

    def withdraw(self, key: str) -> None:
        """Take the key's notification away (the reminder was answered elsewhere)."""
        self._queued.pop(key, None)
        if key in self._pending:  # its id is still on the way
            self._withdrawn.add(key)
        ident = _uint(self._ids.pop(key, 0))
        if ident is not None and key not in self._withdrawn:
            message = QDBusMessage.createMethodCall(SERVICE, PATH, INTERFACE, "CloseNotification")
            message.setArguments([ident])
            self.bus.send(message)

    def _on_notify_finished(self, key: str, watcher: QDBusPendingCallWatcher, *_: object) -> None:
        if self._pending.get(key) is watcher:
            del self._pending[key]
        reply = watcher.reply()
        watcher.deleteLater()
        arguments = reply.arguments()
        if reply.type() != QDBusMessage.MessageType.ReplyMessage or not arguments:
            log.warning("the notification was not shown: %s", reply.errorMessage())
            self._queued.pop(key, None)
            return
        self._ids[key] = int(arguments[0])
        if key in self._withdrawn:
            self._withdrawn.discard(key)
            self.withdraw(key)
        elif (queued := self._queued.pop(key, None)) is not None:
            self.notify(key, *queued)

    def _key_of(self, ident: int) -> str | None:
        return next((k for k, i in self._ids.items() if i == ident), None)

    @Slot("uint", str)
    def _on_server_ActionInvoked(self, ident: int, action: str) -> None:
        key = self._key_of(ident)
        if key is not None:
            self.actionInvoked.emit(key, action)

    @Slot("uint", "uint")
    def _on_server_NotificationClosed(self, ident: int, _reason: int) -> None:
        """Gone (expired, or dismissed by the user): the next one is a new one."""
        key = self._key_of(ident)
        if key is not None:
            del self._ids[key]


def _strings(items: Sequence[str]) -> QDBusArgument:
    """``as`` on the wire (a Python list in the arguments would go as ``av``)."""
    array = QDBusArgument()
    array << list(items)  # the QStringList overload, even when empty
    if array.currentSignature() != "as":  # never seen; a server would refuse the call
        raise TypeError(f"QtDBus wrote {array.currentSignature()!r} for a list of strings")
    return array


@functools.cache
def _append_uint() -> Callable[[int, int], object] | None:
    """Qt's ``QDBusArgument::operator<<(uint)`` (the Qt 6 ABI), or None if not found."""
    try:
        function = ctypes.CDLL("libQt6DBus.so.6")["_ZN13QDBusArgumentlsEj"]
    except (OSError, AttributeError):
        log.warning("QtDBus's uint marshalling not found: notifications through the tray")
        return None
    function.restype = ctypes.c_void_p
    function.argtypes = [ctypes.c_void_p, ctypes.c_uint]
    return function


def _uint(value: int) -> QDBusArgument | None:
    """``value`` as a D-Bus ``u`` argument; None where that cannot be made."""
    import shiboken6

    append = _append_uint()
    if append is None:
        return None
    argument = QDBusArgument()
    (pointer,) = shiboken6.getCppPointer(argument)
    append(pointer, value)
    if argument.currentSignature() != "u":
        return None
    return argument
