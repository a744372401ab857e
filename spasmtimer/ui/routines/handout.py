"""The overview's "Print handout": ask where, write the routine's PDF, say how it went."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QWidget

from spasmtimer.core.routines.routine import Routine
from spasmtimer.ui.dialogs import Dialogs

log = logging.getLogger(__name__)


def print_handout(parent: QWidget | None, routine: Routine) -> Path | None:
    """Ask for a file, write the handout there; returns where, or None."""
    stem = routine.path.stem if routine.path else "routine"
    target = Dialogs.choose_pdf_path(parent, Path.home() / f"{stem}.pdf")
    if target is None:
        return None
    if target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    from spasmtimer.printing.handout import HandoutError, write_handout

    try:
        pages = write_handout(routine, target)
    except HandoutError as exc:
        Dialogs.inform(parent, "Could not write the handout", f"{exc}.")
        return None
    pages_text = f"{pages} page{'s' if pages != 1 else ''}"
    Dialogs.inform(parent, "Handout written", f"The handout ({pages_text}) is in {target}")
    return target
