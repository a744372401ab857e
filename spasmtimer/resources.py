"""Where the bundled data and the user's own files live.

Bundled routines and assets sit at the top of a checkout (``routines/``,
``assets/``); an installed wheel carries them inside the package. This is the
one module that knows both places, so nothing else joins paths to
``__file__``. The user's routines, history and settings follow the XDG base
directory conventions (what QStandardPaths also uses on Linux), and can be
moved with ``SPASMTIMER_DATA_DIR`` (tests, portable installs).

The folders are worked out from the environment on every call (QStandardPaths
caches its answer at first use, which would let one test's folders leak into
the next), and without Qt, so the command line and ``core`` can use them.

=================================  ==========================================
``user_data_dir()``                routines you added, the history database
``user_routines_dir()``            your own routine files
``history_db_path()``              ``history.sqlite3`` in the data folder
``user_cache_dir()``               the routine cache (safe to delete)
``settings_path()``                ``$XDG_CONFIG_HOME/SpasmTimer/SpasmTimer.conf``
=================================  ==========================================
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

_PACKAGE = "spasmtimer"
APP_DIR_NAME = "spasmtimer"
# The settings file keeps the folder and name QSettings gave it from the start
# (organisation and application "SpasmTimer"), so existing settings are found.
SETTINGS_DIR_NAME = "SpasmTimer"
SETTINGS_FILE_NAME = "SpasmTimer.conf"


def _package_path(package: str) -> Path:
    """The folder of an imported package (what ``importlib.resources.files`` gives for a
    package on disk, without importing ``importlib.resources``: ~3 ms of start-up)."""
    module = importlib.import_module(package)
    return Path(str(module.__file__)).parent


def _bundled(name: str) -> Path:
    inside = _package_path(_PACKAGE) / name
    if inside.is_dir():  # an installed wheel
        return inside
    checkout = _package_path(_PACKAGE).parent / name
    if checkout.is_dir():  # a checkout, or an editable install of one
        return checkout
    raise FileNotFoundError(f"the bundled {name!r} folder is missing from this installation")


def package_dir(subpackage: str) -> Path:
    """The folder of one of the app's own sub-packages, e.g. ``package_dir("core")``."""
    return _package_path(f"{_PACKAGE}.{subpackage}")


def bundled_routines_dir() -> Path:
    return _bundled("routines")


def assets_dir() -> Path:
    return _bundled("assets")


def asset(*parts: str) -> Path:
    """A bundled asset, e.g. ``asset("sounds", "hold.wav")``."""
    return assets_dir().joinpath(*parts)


def bundled_routine_files() -> list[Path]:
    return sorted(bundled_routines_dir().glob("*.yaml"))


def user_data_dir() -> Path:
    """``$XDG_DATA_HOME/spasmtimer`` (``~/.local/share/spasmtimer``)."""
    override = os.environ.get("SPASMTIMER_DATA_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP_DIR_NAME


def user_routines_dir() -> Path:
    """Where the user's own routines live; files dropped on the window go here."""
    return user_data_dir() / "routines"


def user_routine_files() -> list[Path]:
    folder = user_routines_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def history_db_path() -> Path:
    return user_data_dir() / "history.sqlite3"


def user_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/spasmtimer`` (``~/.cache/spasmtimer``), or inside a moved data folder."""
    override = os.environ.get("SPASMTIMER_DATA_DIR")
    if override:
        return Path(override) / "cache"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / APP_DIR_NAME


def routine_cache_path() -> Path:
    """The cache of loaded routine files (:mod:`spasmtimer.core.routines.library_cache`)."""
    return user_cache_dir() / "routines.json"


def user_config_dir() -> Path:
    """``$XDG_CONFIG_HOME`` (``~/.config``), where the settings file's folder is."""
    return Path(os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config"))


def settings_path() -> Path:
    """The one settings file (:mod:`spasmtimer.services.settings`)."""
    return user_config_dir() / SETTINGS_DIR_NAME / SETTINGS_FILE_NAME
