"""Writing a file whole or not at all: the one way the app replaces a file.

Every writer (routines and imports, drafts, PDFs, CSV, the routine cache)
writes to a temporary file in the same folder, flushes it, ``fsync``s it and
renames it over the target, then ``fsync``s the folder so the rename itself
survives a power cut. On any failure (a full disk, a folder made read-only)
the temporary file is removed and the old file is left exactly as it was;
the ``OSError`` is raised for the caller to show in its own words. The
settings go through Qt's ``QSaveFile`` the same way
(:meth:`spasmtimer.settings.Settings.sync`).

:func:`inside` is the other half of keeping the user's files safe: a path
read on a routine's behalf (its pictures) must not lead, through a link, out
of the routine's folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = [
    "atomic_path",
    "copy_atomic",
    "inside",
    "open_atomic",
    "write_bytes_atomic",
    "write_text_atomic",
]


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


@contextlib.contextmanager
def atomic_path(path: Path, mode: int | None = None) -> Iterator[Path]:
    """A temporary path beside ``path`` for a writer that wants a file name
    (a ``QPdfWriter``); once the block ends without an exception it is synced
    and renamed over ``path``. ``mode``: the new file's permissions (by
    default those of the file it replaces, or 0o644)."""
    path = Path(path)
    folder = path.parent
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o777
        except OSError:
            mode = 0o644
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        with temporary.open("rb+") as written:
            os.fsync(written.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    _sync_folder(folder)


@contextlib.contextmanager
def open_atomic(path: Path, mode: str = "w", **options: Any) -> Iterator[Any]:
    """``open()`` for writing, whole or not at all (``"w"`` or ``"wb"``)."""
    if mode not in ("w", "wb"):
        raise ValueError(f"open_atomic writes a whole file: mode 'w' or 'wb', not {mode!r}")
    with atomic_path(path) as temporary, temporary.open(mode, **options) as stream:
        yield stream
        stream.flush()


def write_bytes_atomic(path: Path, data: bytes, mode: int | None = None) -> None:
    with atomic_path(path, mode) as temporary, temporary.open("wb") as stream:
        stream.write(data)
        stream.flush()


def write_text_atomic(path: Path, text: str, mode: int | None = None) -> None:
    write_bytes_atomic(path, text.encode("utf-8"), mode)


def copy_atomic(source: Path, target: Path, mode: int = 0o644) -> None:
    """Copy the bytes of ``source`` (not its permissions) to ``target``."""
    with (
        open(source, "rb") as stream,
        atomic_path(target, mode) as temporary,
        temporary.open("wb") as out,
    ):
        shutil.copyfileobj(stream, out)
        out.flush()


def inside(folder: Path, path: Path) -> bool:
    """True when ``path``, with every link followed, is a file inside ``folder``.

    A routine's pictures must sit beside it: ``pics -> /etc`` or a picture that
    is a link to ``~/.ssh/id_rsa`` is outside, and is never read or copied.
    """
    try:
        real = path.resolve(strict=True)
        return real.is_file() and real.is_relative_to(folder.resolve(strict=True))
    except (OSError, RuntimeError, ValueError):  # missing, a link loop, a bad name
        return False
