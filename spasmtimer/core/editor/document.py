"""A routine file open for editing: a draft, its problems, and saving it back.

:class:`RoutineDocument` holds the file as a round-trip YAML tree, so
comments, key order and the author's formatting survive an edit. Every edit
changes the tree; :attr:`RoutineDocument.text` is the file as it would be
saved, and :meth:`RoutineDocument.check` passes that text through the
loader, so problems come in the loader's own words, each mapped to the
field of the form it belongs to. A file that does not load opens read-only,
with its problems and the lines they point at.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from spasmtimer import resources
from spasmtimer.core.editor import tree
from spasmtimer.core.editor.check import (
    ChangedOnDisk,
    Check,
    DraftHasProblems,
    LiveSummary,
    ReadOnlyDocument,
)
from spasmtimer.core.editor.draft import FieldRef, RoutineDraft, read_draft
from spasmtimer.core.editor.field_problems import problems_by_field
from spasmtimer.core.editor.files import (
    FileStamp,
    Recovery,
    SaveError,
    copy_name,
    discard_recovery,
    file_name_for,
    free_name,
    write_atomic,
    write_recovery,
)
from spasmtimer.core.editor.yaml_roundtrip import (
    RoundTripError,
    dump,
    guess_indent,
    make_yaml,
    merge_edits,
    parse,
)
from spasmtimer.core.routines.loader import load_routine, load_routine_text
from spasmtimer.core.routines.plan import make_plan
from spasmtimer.core.routines.plan_text import plan_table
from spasmtimer.core.routines.problems import Problem, RoutineError

__all__ = [
    "ChangedOnDisk",
    "Check",
    "DraftHasProblems",
    "LiveSummary",
    "ReadOnlyDocument",
    "RoutineDocument",
    "SaveError",
]

NEW_NAME = "new routine.yaml"


class RoutineDocument:
    """One routine being edited. Read-only when its file does not load."""

    def __init__(self, text: str, path: Path | None, *, problems: tuple[Problem, ...] = ()) -> None:
        self.path = path
        self.load_problems = problems  # why it is read-only
        self.read_only = bool(problems)
        self.recovery_key = str(path) if path is not None else f"new:{uuid.uuid4().hex}"
        # The other routines' names (casefolded) and where each is ("bundled", "yours"):
        # routines are told apart by name, so this one may not take one of them.
        self.other_names: dict[str, str] = {}
        self._yaml = make_yaml(guess_indent(text))
        self._original = text
        self._stamp = FileStamp.of(path) if path is not None else FileStamp(None)
        self._saved_text = text
        self._checks: dict[str, Check] = {}
        self._drafts: dict[str, RoutineDraft] = {}
        if self.read_only:
            self._tree: Any = None
            self._baseline = self._snapshot = self._text = text
            return
        self._tree = parse(self._yaml, text) if text.strip() else tree.new_tree()
        # The writer's own version of the file, before any edit (and the undo state).
        self._baseline = self._snapshot = dump(self._yaml, self._tree)
        self._text = text
        if not text.strip():
            self._original = self._saved_text = self._text = self._baseline

    # -- making one ---------------------------------------------------------

    @classmethod
    def blank(cls) -> RoutineDocument:
        """A new routine with no name and no exercises yet (not saved anywhere)."""
        return cls("", None)

    @classmethod
    def open(cls, path: Path) -> RoutineDocument:
        """The routine file at ``path``.

        One that does not load but is a YAML form (a mapping, its exercises a
        list of mappings) opens editable, to be fixed: ``load_problems`` says
        what was wrong and the check shows each problem at its field. Anything
        else that does not load (not YAML, not UTF-8, too big) opens
        read-only with its problems.
        """
        try:
            load_routine(path)
        except RoutineError as error:
            problems = tuple(error.problems)
            fixable = _fixable(path, problems)
            if fixable is not None:
                fixable.load_problems = problems
                return fixable
            return cls(_raw_text(path), path, problems=problems)
        text = path.read_bytes().decode("utf-8-sig")
        return cls.from_text(text, path)

    @classmethod
    def from_text(cls, text: str, path: Path | None = None) -> RoutineDocument:
        """A document of ``text`` standing for the file ``path``."""
        try:
            return cls(text, path)
        except RoundTripError as error:
            where = str(path) if path else NEW_NAME
            problem = Problem(where, 0, 0, f"this file loads but cannot be edited here: {error}")
            return cls(text, path, problems=(problem,))

    @classmethod
    def copy_of(
        cls, path: Path, folder: Path | None = None, *, rename: bool = True
    ) -> RoutineDocument:
        """An unsaved copy of the routine file ``path`` for the user to change.

        With ``rename`` (Edit a copy) its name says it is the user's copy;
        without (Import) it keeps its name and file name. It will be saved
        into ``folder`` (the user's routines) under a file name not yet taken.
        """
        original = cls.open(path)
        if original.read_only:
            return original
        folder = folder or resources.user_routines_dir()
        document = cls(original.text, None)
        document.load_problems = original.load_problems  # a broken file, to be fixed
        if rename:
            name = copy_name(original.draft.name)
            document.set_field(FieldRef("name"), name)
            document.path = free_name(folder, file_name_for(name))
        else:
            document.path = free_name(folder, path.name)
        document._stamp = FileStamp(None)
        document._saved_text = ""
        return document

    @classmethod
    def from_recovery(cls, recovery: Recovery) -> RoutineDocument:
        """A draft kept by :meth:`keep_recovery` (the app closed before it was saved).

        It shows as changed against its file as the file is now; saving it
        replaces that file (the user chose to bring the draft back).
        """
        path = recovery.path
        document = cls.from_text(recovery.text, path)
        document.recovery_key = recovery.key
        if path is not None:
            try:
                document._saved_text = path.read_bytes().decode("utf-8-sig")
            except (OSError, UnicodeDecodeError):
                document._saved_text = ""
        else:
            document._saved_text = ""
        return document

    # -- what it holds ------------------------------------------------------

    @property
    def text(self) -> str:
        """The file as it would be saved now."""
        return self._text

    @property
    def draft(self) -> RoutineDraft:
        """Every field as written (read once per text)."""
        draft = self._drafts.get(self._text)
        if draft is None:
            draft = read_draft(self._text)
            self._drafts = {self._text: draft}
        return draft

    @property
    def is_modified(self) -> bool:
        return self._text != self._saved_text

    def check(self) -> Check:
        """The loader's verdict on :attr:`text` (cached while the text is unchanged)."""
        cached = self._checks.get(self._text)
        if cached is not None:
            return cached
        name = self.path.name if self.path else NEW_NAME
        base = self.path.parent if self.path else None
        try:
            result = Check(load_routine_text(self._text, name, base))
        except RoutineError as error:
            result = Check(None, tuple(problems_by_field(self._text, error.problems)))
        routine = result.routine
        taken = self.other_names.get(routine.name.casefold()) if routine is not None else None
        if routine is not None and taken is not None:
            message = (
                f"another routine ({taken}) is already called {routine.name!r}; "
                "give this one a name of its own"
            )
            result = Check(None, ((FieldRef("name"), Problem(name, 0, 0, message)),))
        self._checks = {self._text: result}
        return result

    def summary(self, lines: int = 12) -> LiveSummary | None:
        """Length, steps and the first ``lines`` lines of ``spasmtimer plan``; None with errors."""
        routine = self.check().routine
        if routine is None:
            return None
        plan = make_plan(routine)
        shown = tuple(plan_table(plan).splitlines()[:lines])
        return LiveSummary(plan.total_seconds, len(plan.steps), plan.hold_count, shown)

    def offending_lines(self) -> list[tuple[Problem, str]]:
        """Each problem of a read-only file with the line of text it points at."""
        lines = self._original.splitlines()
        problems = self.load_problems or tuple(p for _, p in self.check().problems)
        return [(p, lines[p.line - 1] if 0 < p.line <= len(lines) else "") for p in problems]

    # -- undo ---------------------------------------------------------------

    def snapshot(self) -> str:
        """The state to come back to with :meth:`restore` (for undo and redo)."""
        return self._snapshot

    def restore(self, snapshot: str) -> None:
        self._writable()
        self._tree = parse(self._yaml, snapshot)
        self._refresh(snapshot)

    # -- edits --------------------------------------------------------------

    def _writable(self) -> None:
        if self.read_only:
            raise ReadOnlyDocument(f"{self.path}: this file has problems; it opens read-only")

    def _refresh(self, edited: str | None = None) -> None:
        """Work out the text after an edit of the tree (``edited``: its dump, if known)."""
        if edited is None:
            edited = dump(self._yaml, self._tree)
        self._snapshot = edited
        merged = merge_edits(self._original, self._baseline, edited)
        if merged != edited:
            try:  # the author's lines kept must mean what the edited tree means
                if parse(self._yaml, merged) != self._tree:
                    merged = edited
            except RoundTripError:
                merged = edited
        self._text = merged

    def set_field(self, ref: FieldRef, text: str) -> None:
        """Set one field to the text typed in the form; "" removes it (its default applies)."""
        self._writable()
        if ref.name in ("hold", "reps"):
            tree.set_range(self._tree, ref, text, "")
        else:
            tree.set_value(self._tree, ref, text)
        self._refresh()

    def set_hold(self, ref: FieldRef, low: str, high: str) -> None:
        """A fixed hold (``high`` empty) or a range ``[low, high]``."""
        self._writable()
        tree.set_hold(self._tree, ref, low, high)
        self._refresh()

    def set_reps(self, ref: FieldRef, low: str, high: str) -> None:
        """Fixed reps (``high`` empty) or a range ``[low, high]``: start at low, build up."""
        self._writable()
        tree.set_range(self._tree, FieldRef("reps", ref.exercise, ref.defaults), low, high)
        self._refresh()

    def add_exercise(self, index: int | None = None, name: str = "") -> int:
        """A new exercise at ``index`` (the end by default); returns its index."""
        self._writable()
        index = tree.add_exercise(self._tree, index, name)
        self._refresh()
        return index

    def duplicate_exercise(self, index: int) -> int:
        """A copy of exercise ``index`` right after it; returns the copy's index."""
        self._writable()
        copied = tree.duplicate_exercise(self._tree, index)
        self._refresh()
        return copied

    def remove_exercise(self, index: int) -> None:
        self._writable()
        tree.remove_exercise(self._tree, index)
        self._refresh()

    def move_exercise(self, index: int, to: int) -> None:
        """Move exercise ``index`` so that it ends up at position ``to``."""
        self._writable()
        if tree.move_exercise(self._tree, index, to):
            self._refresh()

    # -- saving -------------------------------------------------------------

    @property
    def is_bundled(self) -> bool:
        """True for a routine that ships with SpasmTimer: edit a copy, never the file."""
        return self.path is not None and _in_bundled_folder(self.path)

    def changed_on_disk(self) -> bool:
        """True when the file is no longer what was opened (or last saved)."""
        return self.path is not None and FileStamp.of(self.path) != self._stamp

    def save(self, *, force: bool = False) -> Path:
        """Write the draft to its file, atomically.

        Raises :class:`DraftHasProblems` while the loader finds problems,
        :class:`ChangedOnDisk` when the file changed since it was opened
        (unless ``force``), and :class:`SaveError` when it cannot be written;
        the draft is kept in every case.
        """
        self._writable()
        if self.path is None:
            self.path = self.suggested_path()
        if self.is_bundled:
            raise SaveError(
                f"{self.path.name} comes with SpasmTimer and is kept as it is; "
                "save your changes as your own copy instead."
            )
        self._ready()
        if not force and self.changed_on_disk():
            raise ChangedOnDisk(f"{self.path} was changed by another program since you opened it")
        write_atomic(self.path, self._text)
        self._saved(self.path)
        return self.path

    def save_as(self, path: Path) -> Path:
        """Write the draft to ``path`` (chosen by the user) and keep editing that file."""
        self._writable()
        self._ready()
        write_atomic(path, self._text)
        self.path = path
        self._saved(path)
        return path

    def export(self, path: Path) -> None:
        """Write the draft to ``path`` (anywhere); the document keeps its own file."""
        self._ready()
        write_atomic(path, self._text)

    def _ready(self) -> None:
        check = self.check()
        if not check.ok:
            raise DraftHasProblems(tuple(p for _, p in check.problems))

    def _saved(self, path: Path) -> None:
        discard_recovery(self.recovery_key)
        self.recovery_key = str(path)
        self._original = self._saved_text = self._text
        self._tree = parse(self._yaml, self._text)
        self._baseline = self._snapshot = dump(self._yaml, self._tree)
        self._stamp = FileStamp.of_bytes(self._text.encode("utf-8"))

    def suggested_path(self) -> Path:
        """Where a new routine goes: the user's routines folder, named after the routine."""
        name = self.draft.name or "routine"
        return free_name(resources.user_routines_dir(), file_name_for(name))

    def keep_recovery(self) -> Path:
        """Keep the draft on disk so it survives the app closing; raises :class:`SaveError`."""
        return write_recovery(self.recovery_key, self.path, self._text)

    def discard_recovery(self) -> None:
        discard_recovery(self.recovery_key)


def _in_bundled_folder(path: Path) -> bool:
    try:
        return path.resolve().parent == resources.bundled_routines_dir().resolve()
    except (FileNotFoundError, OSError):
        return False


def _fixable(path: Path, problems: tuple[Problem, ...]) -> RoutineDocument | None:
    """An editable document of a file that does not load, if the form can show it."""
    if not problems or any(p.line <= 0 for p in problems):
        return None  # the file as a whole: not YAML, not text, too big
    try:
        document = RoutineDocument(path.read_bytes().decode("utf-8-sig"), path)
    except (OSError, UnicodeDecodeError, RoundTripError):
        return None
    root = document._tree
    if not isinstance(root, dict):
        return None
    items = root.get("exercises", [])
    if not isinstance(items, list) or not all(isinstance(e, dict) for e in items):
        return None
    defaults = root.get("defaults", {})
    if defaults is not None and not isinstance(defaults, dict):
        return None
    return document


def _raw_text(path: Path) -> str:
    try:
        return path.read_bytes()[: 1024 * 1024].decode("utf-8-sig", errors="replace")
    except OSError:
        return ""
