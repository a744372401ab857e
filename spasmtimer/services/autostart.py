"""Start at login: an XDG autostart entry, so the day's reminders come after a restart.

The desktops that follow the XDG autostart specification (GNOME, KDE, Xfce,
Cinnamon, MATE, LXQt; most tiling setups through ``dex`` or their session)
start what ``$XDG_CONFIG_HOME/autostart/spasmtimer.desktop`` names at
login. :func:`set_enabled` writes that file atomically (never half a file)
or removes it; the file itself is the setting, so turning it off in the
desktop's own "Startup applications" is seen here too.

:data:`TOLD_KEEPS_RUNNING` is the settings key that remembers the user was
told, once, that the app keeps running for the reminders with its window
closed.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from spasmtimer.core.atomic import write_text_atomic
from spasmtimer.services.setting_values import parse_bool
from spasmtimer.services.settings import Key

FILE_NAME = "spasmtimer.desktop"

TOLD_KEEPS_RUNNING = Key(
    "desktop/told_keeps_running", parse_bool, False, "told once that closing keeps reminders"
)
OFFERED_AUTOSTART = Key(
    "desktop/offered_autostart", parse_bool, False, "start at login was offered once"
)


def autostart_path() -> Path:
    """``$XDG_CONFIG_HOME/autostart/spasmtimer.desktop`` (``~/.config`` by default)."""
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "autostart" / FILE_NAME


def is_enabled() -> bool:
    return autostart_path().is_file()


def launch_command() -> list[str]:
    """How the session starts this app: the installed command, else this Python's module."""
    installed = shutil.which("spasmtimer")
    if installed:
        return [installed]
    return [sys.executable, "-m", "spasmtimer"]


def entry_text(command: list[str] | None = None) -> str:
    exec_line = " ".join(shlex.quote(part) for part in (command or launch_command()))
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=SpasmTimer\n"
        "Comment=Reminders of today's stretches, ice and walks\n"
        f"Exec={exec_line}\n"
        "Icon=spasmtimer\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def set_enabled(enabled: bool, command: list[str] | None = None) -> None:
    """Write or remove the entry; OSError when that fails (the caller says so on screen)."""
    path = autostart_path()
    if enabled:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(path, entry_text(command), 0o644)
    else:
        path.unlink(missing_ok=True)
