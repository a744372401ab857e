"""Which screen shows: a lazy factory per screen, and the stack that holds them.

Each feature registers the factories of its screens (:meth:`Navigator.register`);
a screen is made the first time it is asked for (:meth:`Navigator.view`) or
shown, and stays. The routine editor is made per routine and dropped when
closed (:meth:`Navigator.put`, :meth:`Navigator.drop`). Nothing here knows
what a screen does: features listen to :attr:`Navigator.shown` to act as
their screen comes up (refresh it) or as another one does (let go of theirs).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from spasmtimer.ui.intents import Screen


class Navigator(QObject):
    """Owns the window's stack of screens.

    Signals:
        made(object, object): the :class:`Screen` and its widget, just made.
        aboutToShow(): a screen is about to be shown (the window starts
            catching keys then).
        shown(object): this :class:`Screen` is now the one showing.
    """

    made = Signal(object, object)
    aboutToShow = Signal()
    shown = Signal(object)

    def __init__(self, stack: QStackedWidget) -> None:
        super().__init__(stack)
        self.stack = stack
        # Held weakly: a feature holds the navigator, never the other way round.
        self._factories: dict[Screen, weakref.WeakMethod[Callable[[], QWidget]]] = {}
        self._views: dict[Screen, QWidget] = {}

    def register(self, screen: Screen, factory: Callable[[], QWidget]) -> None:
        """``factory`` (a feature's bound method) makes ``screen`` when first needed."""
        self._factories[screen] = weakref.WeakMethod(factory)

    def view(self, screen: Screen) -> QWidget:
        """``screen``'s widget, made now if it is not yet."""
        view = self._views.get(screen)
        if view is None:
            factory = self._factories[screen]()
            assert factory is not None, f"the feature that makes {screen} is gone"
            view = factory()
            self.put(screen, view)
        return view

    def peek(self, screen: Screen) -> QWidget | None:
        """``screen``'s widget if it was made, without making it."""
        return self._views.get(screen)

    def put(self, screen: Screen, view: QWidget) -> None:
        """Hold ``view`` as ``screen`` (made by its feature, e.g. the editor)."""
        self._views[screen] = view
        self.stack.addWidget(view)
        self.made.emit(screen, view)

    def drop(self, screen: Screen) -> None:
        """Let go of ``screen``'s widget (deleted from the event loop)."""
        view = self._views.pop(screen, None)
        if view is not None:
            self.stack.removeWidget(view)
            view.deleteLater()

    def show(self, screen: Screen) -> QWidget:
        self.aboutToShow.emit()
        view = self.view(screen)
        self.stack.setCurrentWidget(view)
        view.setFocus()
        self.shown.emit(screen)
        return view

    def current(self) -> Screen:
        widget = self.stack.currentWidget()
        for screen, view in self._views.items():
            if view is widget:
                return screen
        return Screen.PICKER

    def views(self) -> Iterator[QWidget]:
        """Every screen made so far."""
        return iter(tuple(self._views.values()))
