"""Every user intent, as one table: its keys, menu text, help text and screens.

:data:`TABLE` is the one place an intent is declared. From it come the key
handling (:meth:`Intents.press`, the window's event filter calls it), the
menu bar (:data:`MENUS` only orders the entries: their text and key hint are
the table's), the list of keys (``?`` or F1, :func:`help_rows`), the Today
screen's keys, the buttons' tooltips (:func:`label_for`) and the routine
editor's shortcuts (its rows' ``sequences``, with Ctrl or Alt, which the
editor makes its actions from: there, plain letters go to its fields). The
handler of an intent is registered by the feature it belongs to
(:meth:`Intents.register`), for all the intent's screens or some of them.

The table is plain data, keys named as ``Qt.Key`` names them without the
``Key_`` prefix: naming a ``Qt`` enum builds all of them (~15 ms), which the
first paint does without; the key codes are looked up on the first key.
"""

from __future__ import annotations

import enum
import functools
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import Qt


class Screen(enum.Enum):
    TODAY = enum.auto()  # the first screen: what to do today
    PICKER = enum.auto()
    OVERVIEW = enum.auto()
    PAIN = enum.auto()  # "How bad is the pain right now?" between Start and the session
    SESSION = enum.auto()
    FINISH = enum.auto()
    EDITOR = enum.auto()  # the routine editor: its keys have Ctrl or Alt (``sequences``)


class Intent(enum.Enum):
    """Something the user can ask for, with a key, a menu entry or a button."""

    # Today
    DO_SELECTED = enum.auto()
    SELECT_UP = enum.auto()
    SELECT_DOWN = enum.auto()
    CONFIRM_DONE = enum.auto()
    DESK_BREAK = enum.auto()
    WELCOME_ROUTINE = enum.auto()
    SHOW_ROUTINES = enum.auto()
    SPASM_BEGAN = enum.auto()
    PAIN_EASED = enum.auto()
    SHOW_TODAY = enum.auto()
    # the routines and the overview
    UP = enum.auto()
    DOWN = enum.auto()
    CHOOSE = enum.auto()
    OPEN_FILE = enum.auto()
    START = enum.auto()
    LEVEL_UP = enum.auto()
    LEVEL_DOWN = enum.auto()
    TAKE_OFFER = enum.auto()  # overview: the hold change on offer (1-9)
    PRINT = enum.auto()
    BACK = enum.auto()  # Backspace or Esc: the screen before
    NEW_ROUTINE = enum.auto()
    EDIT = enum.auto()
    EDIT_COPY = enum.auto()
    DELETE = enum.auto()
    UNDO_DELETE = enum.auto()
    # the pain questions and the session
    RATE = enum.auto()  # pain 0-10: the digit keys, T for 10 (see pain_for_key)
    SKIP_RATING = enum.auto()
    PAUSE = enum.auto()
    SKIP = enum.auto()
    STEP_BACK = enum.auto()
    NEXT_EXERCISE = enum.auto()
    PREVIOUS_EXERCISE = enum.auto()
    HURTS = enum.auto()  # "This hurts" (pause, ask, advise, record)
    STOP = enum.auto()
    # anywhere
    HISTORY = enum.auto()
    SOUND = enum.auto()
    MUTE = enum.auto()
    FULL_SCREEN = enum.auto()
    HELP = enum.auto()
    QUIT = enum.auto()
    ICE_HEAT = enum.auto()
    REMINDERS = enum.auto()
    SAFETY = enum.auto()
    LEARN = enum.auto()
    ABOUT = enum.auto()
    # the routine editor
    SAVE = enum.auto()
    UNDO = enum.auto()
    REDO = enum.auto()
    ADD_EXERCISE = enum.auto()
    DUPLICATE_EXERCISE = enum.auto()
    REMOVE_EXERCISE = enum.auto()
    MOVE_UP = enum.auto()
    MOVE_DOWN = enum.auto()
    TRY = enum.auto()
    EXPORT = enum.auto()
    HANDOUT = enum.auto()
    CLOSE_EDITOR = enum.auto()


# The editor is left out: there, letters are typed into fields.
ALL = frozenset(Screen) - {Screen.EDITOR}
_ = frozenset
TODAY, PICKER, OVERVIEW = _({Screen.TODAY}), _({Screen.PICKER}), _({Screen.OVERVIEW})
PAIN, SESSION, FINISH = _({Screen.PAIN}), _({Screen.SESSION}), _({Screen.FINISH})
NOWHERE: frozenset[Screen] = frozenset()  # a menu entry only
DIGITS = tuple(str(n) for n in range(10))
ENTER = ("Return", "Enter")


@dataclass(frozen=True)
class Row:
    """``keys`` trigger ``intent`` on ``screens``; ``label`` is how the help names them.

    ``menu``: the entry's text in the menu bar (with its ``&``); ``hint``: the
    key it shows there (default ``label``). ``repeats``: a held key acts again.
    ``sequences``: shortcuts with Ctrl or Alt (``QKeySequence`` strings), which
    the screen that owns them turns into its actions (the editor's).
    """

    intent: Intent
    keys: tuple[str, ...]
    label: str
    help: str
    screens: frozenset[Screen]
    menu: str = ""
    hint: str | None = None
    repeats: bool = False
    sequences: tuple[str, ...] = ()


# fmt: off
TABLE: tuple[Row, ...] = (
    Row(Intent.DO_SELECTED, (*ENTER, "Space"), "Enter", "Do the selected item", TODAY),
    Row(Intent.SELECT_UP, ("Up",), "↑ ↓", "Select an item", TODAY),
    Row(Intent.SELECT_DOWN, ("Down",), "↑ ↓", "Select an item", TODAY),
    Row(Intent.CONFIRM_DONE, ("D",), "D", "A walk or desk break is done", TODAY),
    Row(Intent.DESK_BREAK, ("B",), "B", "Start the desk-break routine", TODAY),
    Row(Intent.WELCOME_ROUTINE, ("W",), "W", "Start the routine offered after a break", TODAY),
    Row(Intent.SHOW_ROUTINES, ("R",), "R", "All routines", TODAY, "All &routines"),
    Row(Intent.SPASM_BEGAN, ("S",), "S", "Say when the spasm began", TODAY),
    Row(
        Intent.PAIN_EASED,
        ("E",),
        "E",
        "The pain has eased (while a spasm is timed); E again: not after all",
        TODAY,
    ),
    Row(Intent.SHOW_TODAY, ("T", "Escape"), "T or Esc", "Back to Today", PICKER, "&Today", "T"),
    Row(Intent.UP, ("Up",), "↑", "The routine or exercise above", PICKER | OVERVIEW, repeats=True),
    Row(
        Intent.DOWN,
        ("Down",),
        "↓",
        "The routine or exercise below",
        PICKER | OVERVIEW,
        repeats=True,
    ),
    Row(Intent.CHOOSE, ENTER, "Enter", "Open the chosen routine", PICKER),
    Row(Intent.OPEN_FILE, ("O",), "O", "Open a routine file", PICKER, "&Open routine file…"),
    Row(
        Intent.START,
        (*ENTER, "Space", "MediaPlay", "MediaTogglePlayPause"),
        "Enter or Space",
        "Start the routine",
        OVERVIEW,
    ),
    Row(
        Intent.LEVEL_UP,
        ("Plus", "Equal"),
        "+",
        "Hold longer (a range hold: one level up)",
        OVERVIEW | SESSION,
        repeats=True,
    ),
    Row(
        Intent.LEVEL_DOWN,
        ("Minus", "Underscore"),
        "−",
        "Hold shorter (one level down)",
        OVERVIEW | SESSION,
        repeats=True,
    ),
    Row(
        Intent.TAKE_OFFER,
        DIGITS[1:],
        "1–9",
        "Take the hold change on offer (longer, shorter or skip)",
        OVERVIEW,
    ),
    Row(Intent.PRINT, ("Print",), "Print", "Print a handout of the routine", OVERVIEW),
    Row(
        Intent.RATE,
        (*DIGITS, "T"),
        "0–9, T for 10",
        "Rate the pain (0 none, 10 the worst)",
        PAIN | FINISH,
    ),
    Row(
        Intent.SKIP_RATING,
        ("S", "Escape", *ENTER, "Space"),
        "S, Esc, Enter or Space",
        "Start without rating the pain",
        PAIN,
    ),
    Row(Intent.SKIP_RATING, ("S",), "S", "Skip the pain question", FINISH),
    Row(Intent.BACK, ("Backspace",), "Backspace", "Back to the exercises, not started", PAIN),
    Row(
        Intent.PAUSE,
        ("Space", "MediaPlay", "MediaTogglePlayPause", "MediaPause"),
        "Space, Play/Pause",
        "Pause or resume",
        SESSION,
    ),
    Row(Intent.SKIP, ("Right",), "→", "Skip this step", SESSION),
    Row(Intent.STEP_BACK, ("Left",), "←", "Back one step", SESSION),
    Row(Intent.NEXT_EXERCISE, ("N", "MediaNext"), "N, Next track", "Next exercise", SESSION),
    Row(
        Intent.PREVIOUS_EXERCISE,
        ("P", "MediaPrevious"),
        "P, Previous track",
        "Previous exercise",
        SESSION,
    ),
    Row(Intent.HURTS, ("H",), "H", "This hurts: stop and get advice", SESSION),
    Row(
        Intent.HISTORY,
        ("Y",),
        "Y",
        "History: sessions, streak and pain",
        TODAY | PICKER | FINISH,
        "&History…",
    ),
    Row(Intent.NEW_ROUTINE, ("N",), "N", "New routine", PICKER, "&New routine…"),
    Row(Intent.EDIT, ("E",), "E", "Edit your routine", PICKER),
    Row(Intent.EDIT_COPY, ("C",), "C", "Edit a copy", PICKER),
    Row(Intent.DELETE, ("Delete",), "Delete", "Delete your routine (asks)", PICKER),
    Row(Intent.UNDO_DELETE, ("U",), "U", "Undo the delete", PICKER),
    Row(Intent.MUTE, ("M",), "M", "Sound off or on", ALL),
    Row(Intent.FULL_SCREEN, ("F", "F11"), "F or F11", "Full screen", ALL),
    Row(Intent.STOP, ("Escape", "MediaStop"), "Esc", "Stop the session (asks first)", SESSION),
    Row(Intent.BACK, ("Escape", "Backspace"), "Esc", "Back to the routines", OVERVIEW),
    Row(
        Intent.BACK,
        (*ENTER, "Space", "Escape", "Backspace"),
        "Enter or Esc",
        "Back to Today",
        FINISH,
    ),
    Row(
        Intent.HELP, ("Question", "F1"), "? or F1", "This list of keys", ALL, "&Keyboard shortcuts"
    ),
    Row(Intent.QUIT, ("Q",), "Ctrl+Q", "Quit", ALL, "&Quit"),
    Row(Intent.SOUND, (), "", "", NOWHERE, "&Sound…"),
    Row(Intent.ICE_HEAT, (), "", "", NOWHERE, "&Ice and heat…"),
    Row(Intent.REMINDERS, (), "", "", NOWHERE, "&Reminders…"),
    Row(Intent.SAFETY, (), "", "", NOWHERE, "&Seek care now if…"),
    Row(Intent.LEARN, (), "", "", NOWHERE, "&Learn about your back"),
    Row(Intent.ABOUT, (), "", "", NOWHERE, "&About SpasmTimer"),
    *(
        Row(intent, (), ", ".join(keys).replace("Up", "↑").replace("Down", "↓"), what,
            frozenset({Screen.EDITOR}), sequences=keys)
        for intent, keys, what in (
            (Intent.SAVE, ("Ctrl+S",), "Save the routine file"),
            (Intent.UNDO, ("Ctrl+Z",), "Undo the last change"),
            (Intent.REDO, ("Ctrl+Shift+Z", "Ctrl+Y"), "Redo what was undone"),
            (Intent.ADD_EXERCISE, ("Ctrl+Shift+N",), "Add an exercise after this one"),
            (Intent.DUPLICATE_EXERCISE, ("Ctrl+D",), "Duplicate this exercise"),
            (Intent.REMOVE_EXERCISE, ("Alt+Delete",), "Remove this exercise"),
            (Intent.MOVE_UP, ("Alt+Up",), "Move this exercise up"),
            (Intent.MOVE_DOWN, ("Alt+Down",), "Move this exercise down"),
            (Intent.TRY, ("Ctrl+T",), "Start the routine as it stands"),
            (Intent.EXPORT, ("Ctrl+E",), "Write the routine file anywhere"),
            (Intent.HANDOUT, ("Ctrl+P",), "Print a handout of the routine"),
            (Intent.CLOSE_EDITOR, ("Ctrl+W", "Esc"), "Close the editor"),
        )
    ),
)
# fmt: on

# The menu bar: each menu's entries in order (None: a separator).
MENUS: tuple[tuple[str, tuple[Intent | None, ...]], ...] = (
    ("&File", (
        Intent.SHOW_TODAY, Intent.SHOW_ROUTINES, None, Intent.OPEN_FILE, Intent.NEW_ROUTINE,
        Intent.HISTORY, Intent.SOUND, None, Intent.QUIT,
    )),
    ("&Care", (Intent.ICE_HEAT, Intent.REMINDERS)),
    ("&Help", (Intent.SAFETY, Intent.LEARN, None, Intent.HELP, None, Intent.ABOUT)),
)  # fmt: skip


def menu_text(intent: Intent) -> str:
    """The entry's text, with its key after a tab when it has one."""
    row = next(r for r in TABLE if r.intent is intent and r.menu)
    hint = row.label if row.hint is None else row.hint
    return f"{row.menu}\t{hint}" if hint else row.menu


def label_for(intent: Intent) -> str:
    return next((r.label for r in TABLE if r.intent is intent), "")


def pain_for_key(key: int) -> int | None:
    """The pain rating a key gives: the digits 0-9, and T ("ten") for 10."""
    from PySide6.QtCore import Qt

    if key == Qt.Key.Key_T:
        return 10
    if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
        return int(key - Qt.Key.Key_0)
    return None


@functools.cache
def codes(row: Row) -> frozenset[int]:
    from PySide6.QtCore import Qt

    return frozenset(int(getattr(Qt.Key, f"Key_{name}").value) for name in row.keys)


def row_for(screen: Screen, key: int, modifiers: Qt.KeyboardModifier) -> Row | None:
    """The row ``key`` (with ``modifiers``) triggers on ``screen``, or None."""
    from PySide6.QtCore import Qt

    ctrl = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
    if modifiers & Qt.KeyboardModifier.AltModifier:
        return None
    quit_row = next(r for r in TABLE if r.intent is Intent.QUIT)
    if key == Qt.Key.Key_Q:
        return quit_row if ctrl else None
    if ctrl:
        return None
    if screen is Screen.EDITOR:  # letters go to its fields; F1 still helps
        return next(r for r in TABLE if r.intent is Intent.HELP) if key == Qt.Key.Key_F1 else None
    return next((r for r in TABLE if screen in r.screens and key in codes(r)), None)


def intent_for(screen: Screen, key: int, modifiers: Qt.KeyboardModifier) -> Intent | None:
    row = row_for(screen, key, modifiers)
    return row.intent if row is not None else None


_SCREEN_TITLES = {
    Screen.TODAY: "Today",
    Screen.PICKER: "Routines",
    Screen.OVERVIEW: "Before you start",
    Screen.PAIN: "Pain question",
    Screen.SESSION: "During a session",
    Screen.FINISH: "At the end",
    Screen.EDITOR: "Routine editor",
}
_ORDER = (Screen.TODAY, Screen.PICKER, Screen.OVERVIEW, Screen.PAIN, Screen.SESSION, Screen.FINISH)


def help_rows() -> list[tuple[str, str, str]]:
    """(where, keys, what) for every row with keys, in the order of the screens;
    the keys that work anywhere, then the editor's, last."""
    rows: list[tuple[str, str, str]] = []
    anywhere: list[tuple[str, str, str]] = []
    editor = [("Routine editor", r.label, r.help) for r in TABLE if r.sequences]
    keyed = [r for r in TABLE if r.keys]
    for r in sorted(keyed, key=lambda r: min(_ORDER.index(x) for x in r.screens)):
        if r.screens == ALL:
            anywhere.append(("Anywhere", r.label, r.help))
            continue
        where = ", ".join(_SCREEN_TITLES[x] for x in _ORDER if x in r.screens)
        row = (where[0] + where[1:].lower(), r.label, r.help)
        if row not in rows:
            rows.append(row)
    return rows + anywhere + editor


Handler = Callable[[int], "bool | None"]  # the key (0 from a menu or a button); False: not used
EVERYWHERE = frozenset(Screen)


class Intents:
    """The handlers the features registered, and the dispatch of keys, menus and buttons.

    ``screen_now`` says which screen shows (a handler registered for some
    screens only is used there only). Handlers are bound methods, held
    weakly: the table never keeps a feature (or the window) alive.
    """

    def __init__(self, screen_now: Callable[[], Screen]) -> None:
        self.screen_now = screen_now
        self._handlers: dict[Intent, list[tuple[frozenset[Screen], _Weak]]] = {}

    def register(
        self, intent: Intent, handler: Handler, *, screens: frozenset[Screen] = EVERYWHERE
    ) -> None:
        """``handler(key)`` does ``intent`` on ``screens`` (a bound method)."""
        self._handlers.setdefault(intent, []).insert(0, (screens, _Weak(handler, (), True)))

    def on(
        self,
        intent: Intent,
        slot: Callable[..., object],
        *args: object,
        screens: frozenset[Screen] = EVERYWHERE,
    ) -> None:
        """``slot(*args)`` does ``intent`` on ``screens`` (a bound method; False: not used)."""
        self._handlers.setdefault(intent, []).insert(0, (screens, _Weak(slot, args, False)))

    def trigger(self, intent: Intent, key: int = 0) -> bool:
        """Do ``intent`` on the screen showing; False when nobody handled it."""
        screen = self.screen_now()
        for screens, handler in self._handlers.get(intent, ()):
            if screen in screens:
                return handler(key) is not False
        return False

    def press(self, key: int, modifiers: Qt.KeyboardModifier, repeat: bool = False) -> bool:
        """A key: do its intent on the screen showing; True when the key was used."""
        row = row_for(self.screen_now(), key, modifiers)
        if row is None:
            return False
        if repeat and not row.repeats:
            return True  # a held key must not pause and resume ten times
        return self.trigger(row.intent, key) or row.intent not in _PASS_ON


class _Weak:
    """A bound method held weakly, with the arguments it is called with."""

    def __init__(self, method: Callable[..., object], args: tuple[object, ...], key: bool) -> None:
        self.method = weakref.WeakMethod(method)
        self.args = args
        self.key = key  # pass the key pressed

    def __call__(self, key: int) -> object:
        method = self.method()
        if method is None:
            return False
        return method(*self.args, key) if self.key else method(*self.args)


# Keys that go on to the focused widget when their handler had no use for them
# (Today's E with no spasm timed, a digit with no offer).
_PASS_ON = frozenset(r.intent for r in TABLE if r.screens == TODAY) | {Intent.TAKE_OFFER}
