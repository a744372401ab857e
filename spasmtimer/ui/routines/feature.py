"""The routines' controller: the picker, the overview, and the hold changes on offer.

The picker lists the library (:class:`~spasmtimer.core.routines.library.Shelf`) with
what was done today (and follows the user's routines folder, so a file copied
in shows at once); choosing a routine shows its overview, where the history
says what to offer for each exercise
(:func:`spasmtimer.core.history.level_changes.offers`: a longer hold, then
more reps, after 3 good sessions; a shorter one or a skip after "This hurts"
or pain 2 points worse). Taking one records the change with its reason and
sets the level the next session uses, in one transaction; a skip also leaves
the exercise out next time, as the "This hurts" dialog's choice does, and the
overview's "Put … back" undoes that.

Narrow dependencies in (the navigator, the intents, the shelf, the history,
the settings), signals out; a Qt parent is its only tie to the window.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from spasmtimer.core.routines.routine import Routine
from spasmtimer.ui.intents import Intent, Intents, Screen, pain_for_key
from spasmtimer.ui.navigator import Navigator

if TYPE_CHECKING:
    from spasmtimer.core.guidance.progression import Offer
    from spasmtimer.core.history.store import HistoryStore
    from spasmtimer.core.routines.library import LibraryView, RoutineEntry
    from spasmtimer.ui.routines.overview import OverviewView
    from spasmtimer.ui.routines.picker import PickerView
    from spasmtimer.ui.theme import Theme

PICKER, OVERVIEW = frozenset({Screen.PICKER}), frozenset({Screen.OVERVIEW})


class Library(Protocol):
    """The routines on offer (the shelf)."""

    @property
    def view(self) -> LibraryView: ...

    def reload(self) -> LibraryView: ...

    def routines(self) -> list[Routine]: ...


class RoutineHistory(Protocol):
    """What the picker and the overview read and write of the history."""

    @property
    def store(self) -> HistoryStore | None: ...

    def notice(self) -> str: ...

    def done_today(self, routine: str) -> int: ...

    def streak(self, routine: Routine) -> int: ...

    def levels_for(self, routine: Routine) -> dict[int, int]: ...

    def save_level(self, routine: Routine, index: int, level: int) -> None: ...


class RoutineChoices(Protocol):
    """What the settings remember of the routines: the last one, the exercises skipped."""

    def set_last_routine(self, key: str) -> None: ...

    def skipped_exercises(self, routine: str) -> set[str]: ...

    def set_skipped(self, routine: str, exercise: str, skip: bool = True) -> None: ...


class RoutinesFeature(QObject):
    """Makes the picker and the overview and answers them.

    Signals:
        startRequested(object, object): start this :class:`Routine` at these
            levels (index → level), from the overview.
    """

    startRequested = Signal(object, object)

    def __init__(
        self,
        parent: QWidget,
        nav: Navigator,
        intents: Intents,
        shelf: Library,
        history: RoutineHistory,
        settings: RoutineChoices,
        theme: Callable[[], Theme],
    ) -> None:
        super().__init__(parent)
        self.nav, self.intents, self.shelf = nav, intents, shelf
        self.history, self.settings, self._theme = history, settings, theme
        self._picker: PickerView | None = None
        self._overview: OverviewView | None = None
        self._select: str | None = None  # the routine to select when the picker is made
        self._ready = False  # the first screen was painted: the picker may finish its setup
        nav.register(Screen.PICKER, self._make_picker)
        nav.register(Screen.OVERVIEW, self._make_overview)
        nav.shown.connect(self._on_nav_shown)
        intents.on(Intent.SHOW_ROUTINES, self.show_picker)
        intents.on(Intent.CHOOSE, self._choose)
        intents.on(Intent.UP, self._move_picker, -1, screens=PICKER)
        intents.on(Intent.DOWN, self._move_picker, 1, screens=PICKER)
        intents.on(Intent.UP, self._move_overview, -1, screens=OVERVIEW)
        intents.on(Intent.DOWN, self._move_overview, 1, screens=OVERVIEW)
        intents.on(Intent.LEVEL_UP, self._change_level, 1, screens=OVERVIEW)
        intents.on(Intent.LEVEL_DOWN, self._change_level, -1, screens=OVERVIEW)
        intents.on(Intent.BACK, self.show_picker, screens=OVERVIEW)
        intents.on(Intent.START, self.start)
        intents.on(Intent.PRINT, self.print_handout)
        intents.register(Intent.TAKE_OFFER, self._on_offer_key)

    # -- the screens ------------------------------------------------------------

    @property
    def picker(self) -> PickerView:
        """The routines (R from Today): made when first needed."""
        self.nav.view(Screen.PICKER)
        assert self._picker is not None
        return self._picker

    @property
    def overview(self) -> OverviewView:
        self.nav.view(Screen.OVERVIEW)
        assert self._overview is not None
        return self._overview

    def _make_picker(self) -> QWidget:
        from spasmtimer.ui.routines.picker import PickerView

        picker = self._picker = PickerView()
        picker.routineChosen.connect(self._on_picker_routineChosen)
        for signal, intent in (
            (picker.openFileRequested, Intent.OPEN_FILE),
            (picker.helpRequested, Intent.HELP),
            (picker.historyRequested, Intent.HISTORY),
            (picker.todayRequested, Intent.SHOW_TODAY),
            (picker.editing.newRequested, Intent.NEW_ROUTINE),
            (picker.editing.editRequested, Intent.EDIT),
            (picker.editing.editCopyRequested, Intent.EDIT_COPY),
            (picker.editing.deleteRequested, Intent.DELETE),
            (picker.editing.undoDeleteRequested, Intent.UNDO_DELETE),
        ):
            signal.connect(partial(self.intents.trigger, intent))
        picker.apply_theme(self._theme())
        picker.set_library(self.shelf.view, self._select)
        from spasmtimer import resources
        from spasmtimer.ui.routines.folder_watch import FolderWatch

        self.folder_watch = FolderWatch(resources.user_routines_dir(), self)
        self.folder_watch.changed.connect(self._on_folder_watch_changed)
        if self._ready:
            picker.finish_setup()
            self.refresh()
        return picker

    def _make_overview(self) -> QWidget:
        from spasmtimer.ui.routines.overview import OverviewView

        view = self._overview = OverviewView()
        view.startRequested.connect(self.start)
        view.backRequested.connect(self.show_picker)
        view.levelChanged.connect(self._on_overview_levelChanged)
        view.printRequested.connect(self.print_handout)
        view.routineSet.connect(self._on_overview_routineSet)
        view.offerTaken.connect(self._on_overview_offerTaken)
        view.putBackRequested.connect(self._on_overview_putBackRequested)
        return view

    def after_first_paint(self) -> None:
        """What waits until the first screen (Today) is on screen."""
        self._ready = True
        if self._picker is not None:
            self._picker.finish_setup()
        self.refresh()

    def show_picker(self) -> None:
        self.nav.show(Screen.PICKER)

    def show_overview(self, routine: Routine) -> None:
        from spasmtimer.core.guidance.safety import routine_without

        # Leave out what the user chose to skip after "This hurts" (and say so).
        whole = routine
        routine = routine_without(whole, self.settings.skipped_exercises(whole.name))
        shown = {ex.name for ex in routine.exercises}
        left_out = tuple(ex.name for ex in whole.exercises if ex.name not in shown)
        levels = self.history.levels_for(routine)
        self.overview.set_routine(routine, levels, left_out=left_out, whole=whole)
        self.nav.show(Screen.OVERVIEW)

    def reload_library(self, select_key: str | None = None) -> None:
        library = self.shelf.reload()
        if self._picker is None:
            self._select = select_key
        else:
            self._picker.set_library(library, select_key)
            self.refresh()  # the new cards show today's counts too

    def refresh(self) -> None:
        """What was done today (what went wrong with the history file is told over
        every screen, by the window's notice strip)."""
        if self._picker is None or self.history.store is None:
            return  # the picker reads them when it is made
        routines = self.shelf.routines()
        self._picker.set_done_today(
            {r.name: self.history.done_today(r.name) for r in routines},
            {r.name: self.history.streak(r) for r in routines},
        )

    def start(self) -> None:
        routine = self.overview.routine
        if routine is not None:
            self.startRequested.emit(routine, dict(self.overview.levels))

    def print_handout(self) -> None:
        from spasmtimer.ui.routines.handout import print_handout

        parent = self.parent()
        if self.overview.routine is not None and isinstance(parent, QWidget):
            print_handout(parent, self.overview.routine)

    # -- slots ------------------------------------------------------------------

    def _on_nav_shown(self, screen: Screen) -> None:
        if screen is Screen.PICKER:
            self.refresh()

    def _on_picker_routineChosen(self, entry: RoutineEntry) -> None:
        self.settings.set_last_routine(entry.key)
        self.show_overview(entry.routine)

    def _on_overview_levelChanged(self, index: int, level: int) -> None:
        if self.overview.routine is not None:
            self.history.save_level(self.overview.routine, index, level)

    def _on_overview_routineSet(self) -> None:
        from spasmtimer.core.history import level_changes

        view = self.overview
        routine, store = view.routine, self.history.store
        if routine is None or store is None:
            return
        levels = {ex.name: view.levels.get(i, 0) for i, ex in enumerate(routine.exercises)}
        view.offers.set_offers(level_changes.offers(store.connection, routine, levels))

    def _on_overview_offerTaken(self, offer: Offer) -> None:
        from spasmtimer.core.guidance.progression import Change
        from spasmtimer.core.history import level_changes

        view = self.overview
        routine, store = view.routine, self.history.store
        if routine is None or store is None:
            return
        at = store.now()  # the clock the sessions it follows were stamped by
        if not level_changes.record(store.connection, routine.name, offer, at):
            return  # logged; the level stays as it was
        if offer.change is Change.SKIP:
            self.settings.set_skipped(routine.name, offer.exercise)
            self.show_overview(routine)  # shown again without it
            return
        index = next(i for i, ex in enumerate(routine.exercises) if ex.name == offer.exercise)
        view.set_level(index, offer.to_level)
        self._on_overview_routineSet()

    def _on_overview_putBackRequested(self, exercise: str) -> None:
        """Undo "leave it out next time": the exercise is back from now on."""
        from spasmtimer.core.guidance.safety import PUT_BACK_EVENT_KIND

        whole = self.overview.whole_routine
        if whole is None:
            return
        self.settings.set_skipped(whole.name, exercise, False)
        store = self.history.store
        if store is not None:
            store.record_event(None, PUT_BACK_EVENT_KIND, exercise)
        self.show_overview(whole)

    def _on_folder_watch_changed(self) -> None:
        """A routine file was copied in, removed or changed by another program."""
        entry = self._picker.current_entry() if self._picker is not None else None
        self.reload_library(entry.key if entry is not None else None)

    def _choose(self) -> None:
        self.picker.choose_current()

    def _move_picker(self, delta: int) -> None:
        self.picker.move_selection(delta)

    def _move_overview(self, delta: int) -> None:
        self.overview.move_selection(delta)

    def _change_level(self, delta: int) -> None:
        self.overview.change_level(delta)

    def _on_offer_key(self, key: int) -> bool:
        """A digit key on the overview: take the offer of that number."""
        number = pain_for_key(key)  # the digit
        return number is not None and self.overview.offers.take(number)
