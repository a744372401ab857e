"""The one seam through which the app asks the user something.

Every modal question goes through :class:`Dialogs`, whose methods are plain
class methods, so tests replace them with ``monkeypatch.setattr`` and never
see a real dialog block the event loop.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TypeVar

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


class Conflict(enum.Enum):
    """What to do when an imported routine's file name is already taken."""

    KEEP_BOTH = enum.auto()
    REPLACE = enum.auto()
    CANCEL = enum.auto()


class Recover(enum.Enum):
    """What to do with a draft the app kept when it closed before the draft was saved."""

    OPEN = enum.auto()  # show it in the editor
    DISCARD = enum.auto()
    LATER = enum.auto()  # keep it on disk and ask again next time


class Dialogs:
    """Modal questions; patch these in tests."""

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str) -> bool:
        """A yes/no question; True for yes."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
        yes = box.addButton("Yes", QMessageBox.ButtonRole.YesRole)
        no = box.addButton("No", QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(no)
        box.setEscapeButton(no)
        box.exec()
        return box.clickedButton() is yes

    @classmethod
    def inform(cls, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    @classmethod
    def choose_routine_file(cls, parent: QWidget | None, start: Path) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            parent, "Open a routine file", str(start), "Routine files (*.yaml *.yml)"
        )
        return Path(name) if name else None

    @classmethod
    def choose_pdf_path(cls, parent: QWidget | None, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            parent, "Save the handout", str(suggested), "PDF files (*.pdf)"
        )
        return Path(name) if name else None

    @classmethod
    def choose_export_path(cls, parent: QWidget | None, suggested: Path) -> Path | None:
        """Where to write a copy of a routine file (the editor's Export…)."""
        name, _ = QFileDialog.getSaveFileName(
            parent, "Export the routine file", str(suggested), "Routine files (*.yaml *.yml)"
        )
        return Path(name) if name else None

    @classmethod
    def recover_draft(cls, parent: QWidget | None, text: str) -> Recover:
        """Open, discard or keep for later a draft left unsaved when the app closed."""
        return ask_three_ways(
            parent,
            "An unsaved routine",
            text,
            ("Open it", Recover.OPEN),
            ("Discard it", Recover.DISCARD),
            ("Not now", Recover.LATER),
        )

    @classmethod
    def resolve_conflict(cls, parent: QWidget | None, file_name: str) -> Conflict:
        return ask_three_ways(
            parent,
            "A routine with this file name exists",
            f"You already have a routine file called “{file_name}”.\n"
            "Keep both (the new one gets another name), or replace the old one?",
            ("Keep both", Conflict.KEEP_BOTH),
            ("Replace", Conflict.REPLACE),
            ("Cancel", Conflict.CANCEL),
        )


T = TypeVar("T")


def ask_three_ways(
    parent: QWidget | None,
    title: str,
    text: str,
    yes: tuple[str, T],
    destructive: tuple[str, T],
    back: tuple[str, T],
) -> T:
    """A modal question with three answers: ``yes`` is the default, ``back`` is Esc.

    Each answer is (button text, value returned); closing the box returns
    ``back``'s value. Tests never reach this: they patch the class methods.
    """
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    roles = (
        QMessageBox.ButtonRole.AcceptRole,
        QMessageBox.ButtonRole.DestructiveRole,
        QMessageBox.ButtonRole.RejectRole,
    )
    buttons = {
        box.addButton(label, role): value
        for (label, value), role in zip((yes, destructive, back), roles, strict=True)
    }
    first, *_, last = buttons
    box.setDefaultButton(first)
    box.setEscapeButton(last)
    box.exec()
    clicked = box.clickedButton()
    return next((value for b, value in buttons.items() if b is clicked), back[1])
