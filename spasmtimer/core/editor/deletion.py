"""Deleting one of the user's routine files, and taking the deletion back.

The picker's *Delete* asks first, then removes the file but keeps its bytes
in a :class:`DeletedRoutine`, so *Undo* can put it back exactly as it was
while the app is open. A bundled routine is never deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spasmtimer import resources
from spasmtimer.core.editor.files import SaveError, free_name, write_atomic

__all__ = ["DeletedRoutine", "delete_routine_file", "restore_routine_file"]


@dataclass(frozen=True)
class DeletedRoutine:
    """A routine file that was deleted: where it was, its name and its exact bytes."""

    path: Path
    name: str
    data: bytes


def delete_routine_file(path: Path, name: str) -> DeletedRoutine:
    """Remove ``path`` and return what :func:`restore_routine_file` needs; raises SaveError."""
    try:
        if path.resolve().parent == resources.bundled_routines_dir().resolve():
            raise SaveError(f"{path.name} comes with SpasmTimer and cannot be deleted.")
    except FileNotFoundError:
        pass  # no bundled folder: the file cannot be one of them
    try:
        data = path.read_bytes()
        path.unlink()
    except OSError as error:
        raise SaveError(f"Cannot delete {path}: {error.strerror or error}.") from None
    return DeletedRoutine(path, name, data)


def restore_routine_file(deleted: DeletedRoutine) -> Path:
    """Put the file back (under a free name if another took its place); raises SaveError."""
    target = deleted.path
    if target.exists():
        target = free_name(target.parent, target.name)
    # Only files that loaded can be deleted, so they are UTF-8: the text
    # decoded and written again is the same bytes, a BOM included.
    write_atomic(target, deleted.data.decode("utf-8"))
    return target
