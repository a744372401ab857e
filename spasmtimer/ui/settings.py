"""What the window remembers between runs: its geometry and the last routine.

Stored with QSettings in an INI file under organisation "SpasmTimer". The file
path is worked out on every call from ``XDG_CONFIG_HOME`` (QSettings caches
its own notion of that folder at first use, which would let one test's
settings leak into the next), so tests get a private file for free and can
also pass their own :class:`AppSettings`.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "SpasmTimer"
APPLICATION = "SpasmTimer"


def settings_path() -> Path:
    """Where QSettings' native format keeps them on Linux."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / ORGANISATION / f"{APPLICATION}.conf"


class AppSettings:
    """A thin, typed face over one QSettings file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_path()
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)

    def geometry(self) -> QByteArray | None:
        value = self._qs.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, data: QByteArray) -> None:
        self._qs.setValue("window/geometry", data)

    def last_routine(self) -> str | None:
        value = self._qs.value("session/last_routine")
        return str(value) if value else None

    def set_last_routine(self, key: str) -> None:
        self._qs.setValue("session/last_routine", key)

    def muted(self) -> bool:
        value = self._qs.value("audio/muted", False)
        return value in (True, "true", "1", 1)

    def set_muted(self, muted: bool) -> None:
        self._qs.setValue("audio/muted", bool(muted))

    def sync(self) -> None:
        self._qs.sync()
