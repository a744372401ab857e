"""Watching the user's routines folder, so a file copied in shows without a restart.

A routine copied into (or removed from, or changed in) the folder by another
program appears in the list within a moment; a burst of changes (a copy
written in pieces, a save) makes one reload.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

SETTLE_MS = 300  # a file being written in pieces settles first


class FolderWatch(QObject):
    """Says when the files in ``folder`` change.

    Signals:
        changed(): something in the folder changed (after it settled).
    """

    changed = Signal()

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self._watcher = QFileSystemWatcher(self)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.changed)
        self._watcher.directoryChanged.connect(self._on_watcher_directoryChanged)
        self._watcher.fileChanged.connect(self._on_watcher_directoryChanged)
        self.rewatch()

    def rewatch(self) -> None:
        """Watch the folder and its routine files as they are now (the folder may be new)."""
        wanted = []
        try:
            if self.folder.is_dir():
                wanted.append(str(self.folder))
                wanted += [str(p) for p in self.folder.iterdir() if p.suffix in (".yaml", ".yml")]
            elif self.folder.parent.is_dir():  # not made yet: its making is a change too
                wanted.append(str(self.folder.parent))
        except OSError:
            pass  # unreadable: nothing to watch, the list stays as it is
        stale = set(self._watcher.directories() + self._watcher.files()) - set(wanted)
        if stale:
            self._watcher.removePaths(sorted(stale))
        new = [p for p in wanted if p not in self._watcher.directories() + self._watcher.files()]
        if new:
            self._watcher.addPaths(new)

    def _on_watcher_directoryChanged(self, path: str) -> None:
        del path
        self.rewatch()
        self._settle.start()
