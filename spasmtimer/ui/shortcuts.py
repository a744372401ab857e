"""Every keyboard shortcut, as data, and the dialog that lists them.

One table feeds the key handling of the main window, the tooltips of the
buttons and the help dialog (``?`` or F1, :mod:`shortcuts_dialog`), so the
three can never disagree.
"""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

# The table is built on first use: importing ``Qt`` makes PySide build ~100
# enums, which the picker's first paint does not need (see picker.py).


class Action(enum.Enum):
    """Something the user can ask for with a key or a button."""

    CHOOSE = enum.auto()  # picker: open the overview of the selected routine
    UP = enum.auto()  # picker and overview: the row above
    DOWN = enum.auto()
    OPEN_FILE = enum.auto()
    START = enum.auto()
    BACK_TO_PICKER = enum.auto()
    LEVEL_UP = enum.auto()
    LEVEL_DOWN = enum.auto()
    PRINT = enum.auto()
    PAUSE = enum.auto()
    SKIP = enum.auto()
    BACK = enum.auto()
    NEXT_EXERCISE = enum.auto()
    PREVIOUS_EXERCISE = enum.auto()
    MUTE = enum.auto()
    FULL_SCREEN = enum.auto()
    STOP = enum.auto()
    HURTS = enum.auto()  # session: "This hurts" (pause, ask, advise, record)
    HISTORY = enum.auto()
    RATE = enum.auto()  # pain 0-10: the digit keys, T for 10 (see pain_for_key)
    SKIP_RATING = enum.auto()
    HELP = enum.auto()
    QUIT = enum.auto()
    TODAY = enum.auto()  # a key of the Today screen: the view handles it (today_view.KEYS)
    SHOW_TODAY = enum.auto()  # back to the Today screen
    TAKE_OFFER = enum.auto()  # overview: take the hold change on offer (1-9, see take_offer)
    NEW_ROUTINE = enum.auto()  # picker: the routine editor, blank
    EDIT = enum.auto()  # picker: edit your routine, or a copy of a bundled one
    EDIT_COPY = enum.auto()
    DELETE = enum.auto()  # picker: delete your routine (asks first)
    UNDO_DELETE = enum.auto()


class Screen(enum.Enum):
    TODAY = enum.auto()  # the first screen: what to do today
    PICKER = enum.auto()
    OVERVIEW = enum.auto()
    PAIN = enum.auto()  # "How bad is the pain right now?" between Start and the session
    SESSION = enum.auto()
    FINISH = enum.auto()
    EDITOR = enum.auto()  # the routine editor: its keys are its own (editor_keys.py)


# The editor is left out: there, letters are typed into fields.
ALL = frozenset(Screen) - {Screen.EDITOR}


@dataclass(frozen=True)
class Shortcut:
    """Keys that trigger ``action`` on ``screens``; ``label`` is how the help names them."""

    action: Action
    keys: tuple[int, ...]
    label: str
    description: str
    screens: frozenset[Screen]


@functools.cache
def shortcuts() -> tuple[Shortcut, ...]:
    """Every shortcut (built on first use)."""
    from PySide6.QtCore import Qt

    Key = Qt.Key
    PICKER = frozenset({Screen.PICKER})
    _DIGIT_KEYS = tuple(Key(Key.Key_0 + n) for n in range(10))
    return (
        *_today_shortcuts(),
        Shortcut(
            Action.UP,
            (Key.Key_Up,),
            "↑",
            "The routine or exercise above",
            frozenset({Screen.PICKER, Screen.OVERVIEW}),
        ),
        Shortcut(
            Action.DOWN,
            (Key.Key_Down,),
            "↓",
            "The routine or exercise below",
            frozenset({Screen.PICKER, Screen.OVERVIEW}),
        ),
        Shortcut(
            Action.CHOOSE,
            (Key.Key_Return, Key.Key_Enter),
            "Enter",
            "Open the chosen routine",
            frozenset({Screen.PICKER}),
        ),
        Shortcut(
            Action.OPEN_FILE,
            (Key.Key_O,),
            "O",
            "Open a routine file",
            frozenset({Screen.PICKER}),
        ),
        Shortcut(
            Action.START,
            (
                Key.Key_Return,
                Key.Key_Enter,
                Key.Key_Space,
                Key.Key_MediaPlay,
                Key.Key_MediaTogglePlayPause,
            ),
            "Enter or Space",
            "Start the routine",
            frozenset({Screen.OVERVIEW}),
        ),
        Shortcut(
            Action.LEVEL_UP,
            (Key.Key_Plus, Key.Key_Equal),
            "+",
            "Hold longer (a range hold: one level up)",
            frozenset({Screen.OVERVIEW, Screen.SESSION}),
        ),
        Shortcut(
            Action.LEVEL_DOWN,
            (Key.Key_Minus, Key.Key_Underscore),
            "−",
            "Hold shorter (one level down)",
            frozenset({Screen.OVERVIEW, Screen.SESSION}),
        ),
        Shortcut(
            Action.TAKE_OFFER,
            _DIGIT_KEYS[1:],
            "1–9",
            "Take the hold change on offer (longer, shorter or skip)",
            frozenset({Screen.OVERVIEW}),
        ),
        Shortcut(
            Action.PRINT,
            (Key.Key_Print,),
            "Print",
            "Print a handout of the routine",
            frozenset({Screen.OVERVIEW}),
        ),
        Shortcut(
            Action.RATE,
            (*_DIGIT_KEYS, Key.Key_T),
            "0–9, T for 10",
            "Rate the pain (0 none, 10 the worst)",
            frozenset({Screen.PAIN, Screen.FINISH}),
        ),
        Shortcut(
            Action.SKIP_RATING,
            (Key.Key_S, Key.Key_Escape, Key.Key_Return, Key.Key_Enter, Key.Key_Space),
            "S, Esc, Enter or Space",
            "Start without rating the pain",
            frozenset({Screen.PAIN}),
        ),
        Shortcut(
            Action.SKIP_RATING,
            (Key.Key_S,),
            "S",
            "Skip the pain question",
            frozenset({Screen.FINISH}),
        ),
        Shortcut(
            Action.BACK_TO_PICKER,
            (Key.Key_Backspace,),
            "Backspace",
            "Back to the exercises, not started",
            frozenset({Screen.PAIN}),
        ),
        Shortcut(
            Action.PAUSE,
            (Key.Key_Space, Key.Key_MediaPlay, Key.Key_MediaTogglePlayPause, Key.Key_MediaPause),
            "Space, Play/Pause",
            "Pause or resume",
            frozenset({Screen.SESSION}),
        ),
        Shortcut(
            Action.SKIP,
            (Key.Key_Right,),
            "→",
            "Skip this step",
            frozenset({Screen.SESSION}),
        ),
        Shortcut(
            Action.BACK,
            (Key.Key_Left,),
            "←",
            "Back one step",
            frozenset({Screen.SESSION}),
        ),
        Shortcut(
            Action.NEXT_EXERCISE,
            (Key.Key_N, Key.Key_MediaNext),
            "N, Next track",
            "Next exercise",
            frozenset({Screen.SESSION}),
        ),
        Shortcut(
            Action.PREVIOUS_EXERCISE,
            (Key.Key_P, Key.Key_MediaPrevious),
            "P, Previous track",
            "Previous exercise",
            frozenset({Screen.SESSION}),
        ),
        Shortcut(
            Action.HURTS,
            (Key.Key_H,),
            "H",
            "This hurts: stop and get advice",
            frozenset({Screen.SESSION}),
        ),
        Shortcut(
            Action.HISTORY,
            (Key.Key_Y,),
            "Y",
            "History: sessions, streak and pain",
            frozenset({Screen.TODAY, Screen.PICKER, Screen.FINISH}),
        ),
        Shortcut(Action.NEW_ROUTINE, (Key.Key_N,), "N", "New routine", PICKER),
        Shortcut(Action.EDIT, (Key.Key_E,), "E", "Edit your routine", PICKER),
        Shortcut(Action.EDIT_COPY, (Key.Key_C,), "C", "Edit a copy", PICKER),
        Shortcut(Action.DELETE, (Key.Key_Delete,), "Delete", "Delete your routine (asks)", PICKER),
        Shortcut(Action.UNDO_DELETE, (Key.Key_U,), "U", "Undo the delete", PICKER),
        Shortcut(Action.MUTE, (Key.Key_M,), "M", "Sound off or on", ALL),
        Shortcut(Action.FULL_SCREEN, (Key.Key_F, Key.Key_F11), "F or F11", "Full screen", ALL),
        Shortcut(
            Action.STOP,
            (Key.Key_Escape, Key.Key_MediaStop),
            "Esc",
            "Stop the session (asks first)",
            frozenset({Screen.SESSION}),
        ),
        Shortcut(
            Action.BACK_TO_PICKER,
            (Key.Key_Escape, Key.Key_Backspace),
            "Esc",
            "Back to the routines",
            frozenset({Screen.OVERVIEW}),
        ),
        Shortcut(
            Action.BACK_TO_PICKER,
            (Key.Key_Return, Key.Key_Enter, Key.Key_Space, Key.Key_Escape, Key.Key_Backspace),
            "Enter or Esc",
            "Back to Today",
            frozenset({Screen.FINISH}),
        ),
        Shortcut(Action.HELP, (Key.Key_Question, Key.Key_F1), "? or F1", "This list of keys", ALL),
        Shortcut(
            Action.QUIT,
            (Key.Key_Q,),
            "Ctrl+Q",
            "Quit",
            ALL,
        ),
    )


def _today_shortcuts() -> tuple[Shortcut, ...]:
    """The Today screen's keys, from its own table (the view handles them)."""
    from PySide6.QtCore import Qt

    from spasmtimer.ui.today.keys import KEYS

    today = frozenset({Screen.TODAY})
    back = Shortcut(
        Action.SHOW_TODAY, (Qt.Key.Key_T, Qt.Key.Key_Escape), "T or Esc", "Back to Today",
        frozenset({Screen.PICKER}),
    )  # fmt: skip
    return (
        *(Shortcut(Action.TODAY, keys, label, what, today) for keys, label, what in KEYS),
        back,
    )


def pain_for_key(key: int) -> int | None:
    """The pain rating a key gives: the digits 0-9, and T ("ten") for 10."""
    from PySide6.QtCore import Qt

    if key == Qt.Key.Key_T:
        return 10
    if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
        return int(key - Qt.Key.Key_0)
    return None


def __getattr__(name: str) -> Any:
    """``SHORTCUTS`` as a module attribute, built when first asked for."""
    if name == "SHORTCUTS":
        return shortcuts()
    raise AttributeError(name)


def action_for(screen: Screen, key: int, modifiers: Qt.KeyboardModifier) -> Action | None:
    """The action ``key`` triggers on ``screen``, or None."""
    from PySide6.QtCore import Qt

    ctrl = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
    alt = bool(modifiers & Qt.KeyboardModifier.AltModifier)
    if alt:
        return None
    if key == Qt.Key.Key_Q:
        return Action.QUIT if ctrl else None
    if ctrl:
        return None
    if screen is Screen.EDITOR:  # letters go to its fields; F1 still helps
        return Action.HELP if key == Qt.Key.Key_F1 else None
    for shortcut in shortcuts():
        if screen in shortcut.screens and key in shortcut.keys:
            return shortcut.action
    return None


def label_for(action: Action) -> str:
    for shortcut in shortcuts():
        if shortcut.action is action:
            return shortcut.label
    return ""


_SCREEN_TITLES = {
    Screen.TODAY: "Today",
    Screen.PICKER: "Routines",
    Screen.OVERVIEW: "Before you start",
    Screen.PAIN: "Pain question",
    Screen.SESSION: "During a session",
    Screen.FINISH: "At the end",
    Screen.EDITOR: "Routine editor",
}


def help_rows() -> list[tuple[str, str, str]]:
    """(where, keys, what) for every shortcut, in the order of the screens."""
    order = (
        Screen.TODAY,
        Screen.PICKER,
        Screen.OVERVIEW,
        Screen.PAIN,
        Screen.SESSION,
        Screen.FINISH,
    )
    rows: list[tuple[str, str, str]] = []
    anywhere: list[tuple[str, str, str]] = []
    for s in sorted(shortcuts(), key=lambda s: min(order.index(x) for x in s.screens)):
        if s.screens == ALL:
            anywhere.append(("Anywhere", s.label, s.description))
            continue
        where = ", ".join(_SCREEN_TITLES[x] for x in order if x in s.screens)
        row = (where[0] + where[1:].lower(), s.label, s.description)
        if row not in rows:
            rows.append(row)
    return rows + anywhere
