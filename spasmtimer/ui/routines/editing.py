"""The routine editor's controller: opening it, and answering it.

The picker's *New routine*, *Edit*, *Edit a copy* and *Delete* (with
*Undo*), opening or dropping a file (it shows in the editor before it is
added), ``spasmtimer edit FILE`` and the drafts kept from a closed app all
come here. The editor is one screen of the navigator, made when opened and
dropped when closed; what it asks for (*Try it*, *Export…*, the handout, a
save) is done here.

Narrow dependencies in (the navigator, the intents, the session service,
the routines as :class:`RoutinesHost`), signals out; a Qt parent is its only
tie to the window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, SignalInstance
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QWidget

from spasmtimer import resources
from spasmtimer.core.routines.library import Origin, RoutineEntry
from spasmtimer.services.deferred import call_later
from spasmtimer.ui.intents import Intent, Intents, Screen
from spasmtimer.ui.navigator import Navigator

# The dialogs, the editor and the file handling load on first use: the
# window imports this module before its first paint.
if TYPE_CHECKING:
    from spasmtimer.core.editor.deletion import DeletedRoutine
    from spasmtimer.core.editor.document import RoutineDocument
    from spasmtimer.core.routines.routine import Routine
    from spasmtimer.ui.routines.editor import RoutineEditor
    from spasmtimer.ui.routines.picker import PickerView
    from spasmtimer.ui.theme import Theme

log = logging.getLogger(__name__)

ROUTINE_SUFFIXES = (".yaml", ".yml")


class TrySession(Protocol):
    """The session service, for *Try it*: start without a record, end, hear the end."""

    ended: SignalInstance

    def start(self, routine: Routine, levels: dict[int, int] | None = None, *,
              record: bool = True) -> None: ...  # fmt: skip

    def end(self) -> None: ...


class RoutineList(Protocol):
    """The routines on offer (to keep a new routine's name its own)."""

    def routines(self) -> list[Routine]: ...


class RoutinesHost(Protocol):
    """What the editor needs of the routines' controller."""

    @property
    def shelf(self) -> RoutineList: ...

    @property
    def picker(self) -> PickerView: ...

    def show_picker(self) -> None: ...

    def reload_library(self, select_key: str | None = None) -> None: ...


class EditorFeature(QObject):
    """Opens the :class:`RoutineEditor` and does what it asks."""

    def __init__(
        self,
        parent: QWidget,
        nav: Navigator,
        intents: Intents,
        controller: TrySession,
        routines: RoutinesHost,
        theme: Callable[[], Theme],
    ) -> None:
        super().__init__(parent)
        self.nav, self.controller, self.routines, self._theme = nav, controller, routines, theme
        self.editor: RoutineEditor | None = None
        self.deleted: DeletedRoutine | None = None  # what Undo on the picker puts back
        self._import_source: Path | None = None  # the file an unsaved import came from
        self._trying = False  # a session started by Try it: back to the editor when it ends
        controller.ended.connect(self._on_controller_ended)
        parent.setAcceptDrops(True)  # routine files dropped on the window come here
        parent.installEventFilter(self)
        picker = frozenset({Screen.PICKER})
        intents.on(Intent.NEW_ROUTINE, self.new_routine)  # the File menu's entry too
        intents.on(Intent.OPEN_FILE, self.open_routine_file)
        intents.on(Intent.EDIT, self.edit_current, screens=picker)
        intents.on(Intent.EDIT_COPY, self.edit_copy_current, screens=picker)
        intents.on(Intent.DELETE, self.delete_current, screens=picker)
        intents.on(Intent.UNDO_DELETE, self.undo_delete, screens=picker)

    def _window(self) -> QWidget | None:
        """The window, for dialogs: asked of Qt each time, never kept."""
        parent = self.parent()
        return parent if isinstance(parent, QWidget) else None

    @property
    def picker(self) -> PickerView:
        return self.routines.picker

    def reload_library(self, select_key: str | None = None) -> None:
        self.routines.reload_library(select_key)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.parent():
            return False
        if isinstance(event, QDragEnterEvent):
            self.drag_enter(event)
            return True
        if isinstance(event, QDropEvent):
            self.drop(event)
            return True
        return False

    def drag_enter(self, event: QDragEnterEvent) -> None:
        from spasmtimer.ui.routines.importing import routine_paths

        if routine_paths(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def drop(self, event: QDropEvent) -> None:
        """Routine files dropped on the window: into the editor, or added (not in a session)."""
        from spasmtimer.ui.dialogs import Dialogs
        from spasmtimer.ui.routines.importing import routine_paths

        paths = routine_paths(event.mimeData().urls())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        if self.nav.current() is Screen.SESSION:
            text = "Finish or stop the session before adding routines."
            Dialogs.inform(self._window(), "Busy", text)
            return
        self.import_paths(paths)

    def open_routine_file(self) -> None:
        from spasmtimer.ui.dialogs import Dialogs

        if (path := Dialogs.choose_routine_file(self._window(), Path.home())) is not None:
            self.import_routine_file(path)

    # -- from the picker ------------------------------------------------------

    def new_routine(self) -> None:
        from spasmtimer.core.editor.document import RoutineDocument

        self.open_editor(RoutineDocument.blank())

    def _chosen(self) -> tuple[RoutineEntry, Path] | None:
        entry = self.picker.current_entry()
        if entry is None or entry.routine.path is None:
            return None
        return entry, entry.routine.path

    def edit_current(self) -> None:
        """Edit the chosen routine: the user's own file, or a copy of a bundled one."""
        chosen = self._chosen()
        if chosen is None:
            return
        entry, path = chosen
        if entry.origin is not Origin.USER:
            self.edit_copy_current()
            return
        self.edit_file(path)

    def edit_copy_current(self) -> None:
        from spasmtimer.core.editor.document import RoutineDocument

        if (chosen := self._chosen()) is not None:
            self.open_editor(RoutineDocument.copy_of(chosen[1]))

    def delete_current(self) -> None:
        """Delete the user's chosen routine, after asking; Undo puts it back."""
        from spasmtimer.core.editor.deletion import delete_routine_file
        from spasmtimer.core.editor.files import SaveError
        from spasmtimer.ui.dialogs import Dialogs

        chosen = self._chosen()
        if chosen is None or chosen[0].origin is not Origin.USER:
            return
        entry, path = chosen
        name = entry.routine.name
        question = f"Delete “{name}” ({path.name})? You can undo it until you close SpasmTimer."
        if not Dialogs.ask(self._window(), "Delete this routine?", question):
            return
        try:
            self.deleted = delete_routine_file(path, name)
        except SaveError as error:
            Dialogs.inform(self._window(), "Could not delete the routine", str(error))
            return
        self.reload_library()
        self.picker.editing.show_undo(name)

    def undo_delete(self) -> None:
        from spasmtimer.core.editor.deletion import restore_routine_file
        from spasmtimer.core.editor.files import SaveError
        from spasmtimer.ui.dialogs import Dialogs

        if self.deleted is None:
            return
        try:
            path = restore_routine_file(self.deleted)
        except SaveError as error:
            Dialogs.inform(self._window(), "Could not put the routine back", str(error))
            return
        self.deleted = None
        self.picker.editing.show_undo(None)
        self.reload_library(str(path))

    # -- files ------------------------------------------------------------------

    def edit_file(self, path: Path) -> RoutineEditor | None:
        """The editor on ``path`` (``spasmtimer edit``): read-only with its problems if
        it does not load; a bundled routine as the user's copy."""
        from spasmtimer.core.editor.document import RoutineDocument

        document = RoutineDocument.open(path)
        if document.is_bundled and not document.read_only:
            document = RoutineDocument.copy_of(path)
        return self.open_editor(document)

    def import_routine_file(self, source: Path) -> bool:
        """Show ``source`` in the editor; saving it adds it to the user's routines.

        A file already there (the same bytes) is just chosen in the picker.
        Returns False when nothing was shown (not a routine file).
        """
        from spasmtimer.core.editor.document import RoutineDocument
        from spasmtimer.ui.dialogs import Dialogs

        if source.suffix.lower() not in ROUTINE_SUFFIXES:
            Dialogs.inform(
                self._window(),
                "This routine file cannot be used",
                f"{source.name}: a routine file ends in .yaml or .yml",
            )
            return False
        folder = resources.user_routines_dir()
        same = folder / source.name
        try:
            there = source.resolve() == same.resolve() or (
                same.is_file() and same.read_bytes() == source.read_bytes()
            )
        except OSError:
            there = False  # the editor says what is wrong with the file
        if there:
            self.reload_library(str(same))
            self.routines.show_picker()
            return True
        document = RoutineDocument.copy_of(source, folder, rename=False)
        return self.open_editor(document, import_source=source) is not None

    def add_routine_file(self, path: Path) -> bool:
        """Check and copy ``path`` into the user's routines as it is, then list it."""
        from spasmtimer.ui.routines.importing import import_with_dialogs

        added = import_with_dialogs(self._window(), path)
        if added is None:
            return False
        self.reload_library(str(added))
        self.routines.show_picker()  # what was done today read again there
        return True

    def import_paths(self, paths: Sequence[Path]) -> None:
        """Dropped files: one opens in the editor; several are added as they are."""
        if len(paths) == 1:
            self.import_routine_file(paths[0])
            return
        for path in paths:
            self.add_routine_file(path)

    # -- the editor -------------------------------------------------------------

    def open_editor(
        self, document: RoutineDocument, *, import_source: Path | None = None
    ) -> RoutineEditor | None:
        """Show ``document`` in the editor; None if an open editor's changes were kept."""
        from spasmtimer.ui.routines.editor import RoutineEditor

        if self.editor is not None:
            if not self.editor.maybe_close():
                self.nav.show(Screen.EDITOR)
                return None
            self._drop_editor()
        from spasmtimer.core.routines.loader import is_bundled

        document.other_names = {
            r.name.casefold(): "bundled" if is_bundled(r) else "yours"
            for r in self.routines.shelf.routines()
            if document.path is None
            or r.path is None
            or r.path.resolve() != document.path.resolve()
        }
        editor = RoutineEditor(document)
        editor.apply_theme(self._theme())
        editor.tryRequested.connect(self._on_editor_tryRequested)
        editor.exportRequested.connect(self._on_editor_exportRequested)
        editor.handoutRequested.connect(self._on_editor_handoutRequested)
        editor.saved.connect(self._on_editor_saved)
        editor.finished.connect(self._on_editor_finished)
        self.nav.put(Screen.EDITOR, editor)
        self.editor = editor
        self._import_source = import_source
        self.show_editor()
        return editor

    def show_editor(self) -> None:
        editor = self.editor
        if editor is None:
            return
        self.nav.show(Screen.EDITOR)
        if not editor.document.read_only:
            editor.panels.routine_form.name.setFocus()

    def may_close(self) -> bool:
        """Closing the window: True unless the user keeps unsaved changes open."""
        return self.editor is None or self.editor.maybe_close()

    def _drop_editor(self) -> None:
        self.editor = None
        self._import_source = None
        self.nav.drop(Screen.EDITOR)

    def _on_editor_finished(self) -> None:
        self._drop_editor()
        self.routines.show_picker()

    def _on_editor_saved(self, path: Path) -> None:
        source, self._import_source = self._import_source, None
        if source is not None:
            copy_pictures(source, path)
        self.reload_library(str(path))

    def _on_editor_tryRequested(self, routine: Routine) -> None:
        self._trying = True
        self.controller.start(routine, {}, record=False)

    def _on_controller_ended(self, completed: bool) -> None:
        del completed
        if self._trying:
            self._trying = False
            call_later(self, 0, self._back_from_try)

    def _back_from_try(self) -> None:
        self.controller.end()
        if self.editor is not None:
            self.show_editor()
        else:
            self.routines.show_picker()

    def _on_editor_exportRequested(self) -> None:
        from spasmtimer.core.editor.files import file_name_for
        from spasmtimer.ui.dialogs import Dialogs

        editor = self.editor
        if editor is None:
            return
        document = editor.document
        name = document.path.name if document.path else file_name_for(document.draft.name)
        target = Dialogs.choose_export_path(self._window(), Path.home() / name)
        if target is None:
            return
        if target.suffix.lower() not in ROUTINE_SUFFIXES:
            target = target.with_name(target.name + ".yaml")
        editor.export_to(target)

    def _on_editor_handoutRequested(self, routine: Routine) -> None:
        from spasmtimer.ui.routines.handout import print_handout

        print_handout(self._window(), routine)

    # -- drafts kept from last time ---------------------------------------------

    def offer_recoveries(self) -> None:
        """Drafts left unsaved when the app closed: open, discard, or keep each for later."""
        from spasmtimer.core.editor.document import RoutineDocument
        from spasmtimer.core.editor.files import discard_recovery, read_recoveries
        from spasmtimer.ui.dialogs import Dialogs, Recover

        if self.editor is not None:
            return
        for recovery in read_recoveries():
            document = RoutineDocument.from_recovery(recovery)
            name = "" if document.read_only else document.draft.name
            what = f"“{name}”" if name else "a new routine"
            where = f" (for {recovery.path})" if recovery.path is not None else ""
            text = (
                f"SpasmTimer closed before your changes to {what}{where} were saved. "
                "Open them in the editor?"
            )
            choice = Dialogs.recover_draft(self._window(), text)
            if choice is Recover.OPEN:
                self.open_editor(document)
                return
            if choice is Recover.LATER:
                return
            discard_recovery(recovery.key)


def copy_pictures(source: Path, saved: Path) -> None:
    """Pictures beside an imported file travel with it, as Open routine file does."""
    from spasmtimer.core.routines.loader import RoutineError, load_routine
    from spasmtimer.ui.routines.importing import copy_pictures as copy_beside

    try:
        copy_beside(load_routine(saved), source.parent, saved.parent)
    except (RoutineError, OSError) as error:
        log.warning("could not copy the pictures of %s beside %s: %s", source, saved, error)
