"""Desktop notifications through ``org.freedesktop.Notifications`` on the session bus.

Every desktop with a notification service (GNOME, KDE, Xfce, Cinnamon, MATE,
dunst or mako on tiling window managers) shows these, with or without a
system tray; the tray's ``showMessage`` is only the fallback where there is
no such service (:attr:`DesktopNotifications.available`).

Each notification has a key (the reminder's series): a second one with the
same key replaces the first instead of stacking under it, and
:meth:`DesktopNotifications.withdraw` takes it away once the reminder is
answered elsewhere. The calls go through a :class:`QDBusInterface`, which
knows the service's argument types (``u`` for the ids, which a Python int
would not give) and waits for the id, at most :data:`CALL_TIMEOUT_MS`.

Signals (:class:`DesktopNotifications`):
    actionInvoked(str, str): the key, and the action the user chose
        ("default" is a click on the notification itself).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, SLOT, QMetaObject, QObject, Qt, Signal, Slot
from PySide6.QtDBus import QDBusConnection, QDBusInterface

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
        self._interface: QDBusInterface | None = None
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
        return sorted(self._ids)

    def notify(
        self, key: str, summary: str, body: str, actions: Sequence[tuple[str, str]] = ()
    ) -> bool:
        """Show (or replace) the key's notification; ``actions``: (id, label) pairs.

        False when no service took it (the caller falls back to the tray).
        """
        flat: list[str] = []
        for action, label in actions:
            flat += [action, label]
        remote = self._remote()
        if remote is None:
            return False
        ident = QMetaObject.invokeMethod(
            remote, "Notify", Qt.ConnectionType.DirectConnection, Q_RETURN_ARG("uint"),
            Q_ARG(str, APP_NAME), Q_ARG("uint", self._ids.get(key, 0)), Q_ARG(str, ICON),
            Q_ARG(str, summary), Q_ARG(str, body), Q_ARG("QStringList", flat),
            Q_ARG("QVariantMap", {"desktop-entry": DESKTOP_ENTRY}), Q_ARG(int, EXPIRE_DEFAULT),
        )  # fmt: skip
        error = remote.lastError()
        if not isinstance(ident, int) or error.isValid():
            log.warning("the notification was not shown: %s", error.message())
            return False
        self._ids[key] = ident
        return True

    def withdraw(self, key: str) -> None:
        """Take the key's notification away (the reminder was answered elsewhere)."""
        ident = self._ids.pop(key, None)
        remote = self._remote() if ident is not None else None
        if remote is not None:
            QMetaObject.invokeMethod(
                remote, "CloseNotification", Qt.ConnectionType.DirectConnection,
                Q_ARG("uint", ident),
            )  # fmt: skip

    def _remote(self) -> QDBusInterface | None:
        """The service's interface (asked for its methods once: the types the calls need)."""
        if self._interface is None or not self._interface.isValid():
            if not self.available:
                return None
            remote = QDBusInterface(SERVICE, PATH, INTERFACE, self.bus, self)
            remote.setTimeout(CALL_TIMEOUT_MS)
            if not remote.isValid():
                log.warning(
                    "the notification service does not answer: %s", remote.lastError().message()
                )
                return None
            self._interface = remote
        return self._interface

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
