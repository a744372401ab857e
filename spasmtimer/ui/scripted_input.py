"""Keys and menu choices read from standard input: the screen-reader check drives the app so.

Only with ``SPASMTIMER_SCRIPTED_INPUT=1`` (never in ordinary use). Each line
on standard input is one thing a user does, and the app answers each with
``ok N`` (or ``error N why``) on standard output once it has been handled, or
once a dialog it opened runs its own event loop:

    key R                 a key, as Qt spells it (``Ctrl+Y``, ``Shift+Tab``, ``F1``)
    type hello            each character as a key, into the focused field
    menu File/Sound…      the menu bar's entry with that visible text
    activate              only make that window the active one
    close                 close the window a user looks at (a window manager's Alt+F4)
    texts                 the texts on screen in the window a user looks at, as
                          ``texts N [...]`` (JSON): what the check expects a screen
                          reader to be able to say

Keys go where the keyboard's would: to the focused widget of the active
window. With no window manager (a virtual display) nothing gives a new window
the focus, so before each line the window a user would be looking at (the
open modal dialog, else the newest visible window) is activated, as a window
manager does. Nothing reads the app's state here: the check reads it over
the accessibility bus, as a screen reader does.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, QSocketNotifier, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import QKeyCombination

log = logging.getLogger(__name__)

ENV = "SPASMTIMER_SCRIPTED_INPUT"


def wanted() -> bool:
    return os.environ.get(ENV) == "1"


class ScriptedInput(QObject):
    """Reads lines from a file descriptor and does what they say."""

    def __init__(self, window: QMainWindow, fd: int = 0) -> None:
        super().__init__(window)
        self._window = window
        self._fd = fd
        self._buffer = b""
        self._count = 0
        os.set_blocking(fd, False)
        self._notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_notifier_activated)
        self._shown: list[QWidget] = []  # windows in the order they were shown
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and watched.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog)
        ):
            if watched in self._shown:
                self._shown.remove(watched)
            self._shown.append(watched)
        return False

    def _on_notifier_activated(self, *_: object) -> None:
        try:
            chunk = os.read(self._fd, 4096)
        except BlockingIOError:
            return
        if not chunk:  # the other end went away
            self._notifier.setEnabled(False)
            return
        self._buffer += chunk
        while b"\n" in self._buffer:
            line, self._buffer = self._buffer.split(b"\n", 1)
            self._count += 1
            self._do(self._count, line.decode().strip())

    def _answer(self, text: str) -> None:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()

    def _do(self, number: int, line: str) -> None:
        verb, _, rest = line.partition(" ")
        try:
            self._activate()
            if verb == "key":
                self._key(rest)
            elif verb == "type":
                for char in rest:
                    self._key(char, text=char)
            elif verb == "activate":
                pass  # done above
            elif verb == "close":
                QTimer.singleShot(0, self._target_window().close)
            elif verb == "texts":
                self._answer(f"texts {number} {json.dumps(visible_texts(self._target_window()))}")
            elif verb == "menu":
                action = self._menu_action(rest)
                QTimer.singleShot(0, action.trigger)  # a dialog's own loop must not block us
            else:
                raise ValueError(f"unknown command {verb!r}")
        except Exception as error:
            log.exception("scripted input %r", line)
            self._answer(f"error {number} {error}")
            return
        # Posted after the events above, so it runs once they are handled (or in
        # the event loop of a dialog they opened).
        QTimer.singleShot(0, lambda: self._answer(f"ok {number}"))

    def _target_window(self) -> QWidget:
        """The open modal dialog, else the window shown last that is still open."""
        modal = QApplication.activeModalWidget()
        if modal is not None:
            return modal
        self._shown = [w for w in self._shown if _alive(w) and w.isVisible()]
        return self._shown[-1] if self._shown else self._window

    def _activate(self) -> None:
        target = self._target_window()
        if QApplication.activeWindow() is not target:
            target.activateWindow()
            target.raise_()

    def _key(self, spec: str, text: str | None = None) -> None:
        """Press and release the key ``spec`` names (or the one that types ``text``)."""
        if text is not None:
            spec = "Space" if text == " " else text.upper()
        sequence = QKeySequence(spec)
        if sequence.count() != 1:
            raise ValueError(f"not one key: {spec!r}")
        combination = cast("QKeyCombination", sequence[0])  # type: ignore[index]
        key, modifiers = combination.key(), combination.keyboardModifiers()
        if text is None:
            plain = QKeySequence(key).toString()
            text = " " if spec == "Space" else plain.lower() if len(plain) == 1 else ""
            if modifiers & ~Qt.KeyboardModifier.ShiftModifier:
                text = ""  # Ctrl+Y types nothing
        elif text != text.lower():
            modifiers |= Qt.KeyboardModifier.ShiftModifier
        window = self._target_window()
        receiver = QApplication.focusWidget() or window.focusWidget() or window
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.postEvent(receiver, QKeyEvent(kind, key, modifiers, text))

    def _menu_action(self, path: str) -> QAction:
        names = [part.strip() for part in path.split("/")]
        bar = self._window.menuBar()
        actions = bar.actions()
        found = None
        for depth, name in enumerate(names):
            found = next((a for a in actions if _plain(a.text()) == name), None)
            if found is None:
                raise LookupError(f"no menu entry {name!r} in {path!r}")
            if depth < len(names) - 1:
                menu = found.menu()
                if not isinstance(menu, QMenu):
                    raise LookupError(f"{name!r} is not a menu")
                actions = menu.actions()
        assert found is not None
        return found


def _alive(widget: QWidget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)


def visible_texts(window: QWidget) -> list[str]:
    """Every text ``window`` shows: labels, buttons, group titles, tabs, list and table cells."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import Qt as GuiQt
    from PySide6.QtGui import QTextDocumentFragment
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QGroupBox,
        QHeaderView,
        QLabel,
        QListView,
        QTabBar,
    )

    found: list[str] = []
    for widget in [window, *window.findChildren(QWidget)]:
        if not widget.isVisible() or widget.window() is not window:
            continue
        if isinstance(widget, QLabel):
            text = widget.text()
            if widget.textFormat() == Qt.TextFormat.RichText or GuiQt.mightBeRichText(text):
                text = QTextDocumentFragment.fromHtml(text).toPlainText()
            found.append(text)
        elif isinstance(widget, QAbstractButton):
            found.append(widget.text())
        elif isinstance(widget, QGroupBox):
            found.append(widget.title())
        elif isinstance(widget, QTabBar):
            found.extend(widget.tabText(i) for i in range(widget.count()))
        elif isinstance(widget, QHeaderView):
            model = widget.model()
            if model is not None:
                found.extend(
                    str(model.headerData(i, widget.orientation()) or "")
                    for i in range(widget.count())
                    if not widget.isSectionHidden(i)
                )
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            root = widget.rootIndex()
            columns = 1 if isinstance(widget, QListView) else model.columnCount(root)
            for row in range(min(model.rowCount(root), 30)):
                for column in range(columns):
                    index = model.index(row, column, root)
                    if widget.visualRect(index).intersects(widget.viewport().rect()):
                        found.append(str(model.data(index) or ""))
    return [" ".join(t.split()) for t in found if t and t.strip()]


def _plain(text: str) -> str:
    """A menu entry's text as shown: no ``&`` marks, no shortcut after a tab."""
    return text.split("\t", 1)[0].replace("&&", "\0").replace("&", "").replace("\0", "&")


def attach(window: QMainWindow) -> ScriptedInput | None:
    """Read scripted input for ``window`` when the environment asks for it."""
    if not wanted():
        return None
    log.info("reading scripted input from standard input")
    return ScriptedInput(window)
