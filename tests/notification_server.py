"""A recording notification server for the tests: ``org.freedesktop.Notifications`` on a bus.

Run as ``python tests/notification_server.py LOG`` with ``DBUS_SESSION_BUS_ADDRESS``
set to a private bus. Each call is appended to LOG as a JSON line. Its
signatures are the specification's exactly (``u`` ids, ``as`` actions,
``a{sv}`` hints): a call with other types is refused, as a real server
refuses it. For the tests it also answers ``Invoke(u id, s action)`` (send
``ActionInvoked``, as a click on an action does) and closes a notification
on ``CloseNotification`` with ``NotificationClosed(id, 3)``.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Signal, Slot
from PySide6.QtDBus import QDBusAbstractAdaptor, QDBusConnection

INTERFACE = "org.freedesktop.Notifications"


@ClassInfo({"D-Bus Interface": INTERFACE})  # type: ignore[call-arg]
class Server(QDBusAbstractAdaptor):  # type: ignore[operator]
    ActionInvoked = Signal("uint", str)  # type: ignore[arg-type]
    NotificationClosed = Signal("uint", "uint")  # type: ignore[arg-type]

    def __init__(self, parent: QObject, log: str) -> None:
        super().__init__(parent)
        self.setAutoRelaySignals(True)
        self.log = log
        self.next_id = 1

    def record(self, **call: Any) -> None:
        with open(self.log, "a", encoding="utf-8") as out:
            out.write(json.dumps(call) + "\n")

    @Slot(str, "uint", str, str, str, "QStringList", "QVariantMap", int, result="uint")
    def Notify(
        self, app: str, replaces: int, icon: str, summary: str, body: str,
        actions: list[str], hints: dict[str, Any], expire: int,
    ) -> int:  # fmt: skip
        ident = replaces or self.next_id
        self.next_id += replaces == 0
        self.record(
            call="Notify", id=ident, app=app, replaces=replaces, icon=icon, summary=summary,
            body=body, actions=actions, hints={k: str(v) for k, v in hints.items()},
            expire=expire,
        )  # fmt: skip
        return ident

    @Slot("uint")
    def CloseNotification(self, ident: int) -> None:
        self.record(call="CloseNotification", id=ident)
        self.NotificationClosed.emit(ident, 3)

    @Slot(result="QStringList")
    def GetCapabilities(self) -> list[str]:
        return ["actions", "body", "icon-static"]

    @Slot("uint", str)
    def Invoke(self, ident: int, action: str) -> None:
        self.ActionInvoked.emit(ident, action)


def main() -> int:
    app = QCoreApplication(sys.argv)
    bus = QDBusConnection.sessionBus()
    holder = QObject()
    Server(holder, sys.argv[1])
    options = QDBusConnection.RegisterOption.ExportAdaptors
    if not bus.registerObject("/org/freedesktop/Notifications", holder, options):
        return 1
    if not bus.registerService(INTERFACE):
        return 1
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
