"""One field of the editor's form: its label, its input, and the loader's words about it.

Inputs report only what the user typed (never text set by the program), so
showing a draft does not count as an edit.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QWheelEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


def is_undo_key(event: QEvent) -> bool:
    """Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y: for the editor's undo stack, not the input's own."""
    if not isinstance(event, QKeyEvent):
        return False
    return (
        event.matches(QKeySequence.StandardKey.Undo)
        or event.matches(QKeySequence.StandardKey.Redo)
        or QKeySequence(event.keyCombination()) == QKeySequence("Ctrl+Shift+Z")
        or QKeySequence(event.keyCombination()) == QKeySequence("Ctrl+Y")
    )


def pass_undo_keys_on(event: QEvent) -> bool:
    """True when ``event`` asks for an undo key the editor should have instead."""
    if event.type() == QEvent.Type.ShortcutOverride and is_undo_key(event):
        event.ignore()
        return True
    return False


class LineInput(QLineEdit):
    """One line of text. Signals: ``typed(str, str)``: the user changed field ``field``'s text."""

    typed = Signal(str, str)

    def __init__(
        self, name: str, field: str, placeholder: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.field = field
        self.setAccessibleName(name)
        self.setPlaceholderText(placeholder)
        self.textEdited.connect(self._on_self_text_edited)

    def event(self, event: QEvent) -> bool:
        return True if pass_undo_keys_on(event) else super().event(event)

    def _on_self_text_edited(self, text: str) -> None:
        self.typed.emit(self.field, text)

    def show_text(self, text: str) -> None:
        # The file keeps text without its outer spaces: "Knee " is still being typed.
        if self.text().strip() != text.strip():
            self.setText(text)
            if not self.hasFocus():
                self.setCursorPosition(0)  # show a long text from its start


class TextInput(QPlainTextEdit):
    """Several lines of text; Tab moves on. Signals: ``typed(str, str)``: field, new text."""

    typed = Signal(str, str)

    def __init__(
        self, name: str, field: str, placeholder: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.field = field
        self.setAccessibleName(name)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        self.setUndoRedoEnabled(False)  # the editor's undo covers every field
        self.setMaximumHeight(110)
        self._showing = False
        self.textChanged.connect(self._on_self_text_changed)

    def event(self, event: QEvent) -> bool:
        return True if pass_undo_keys_on(event) else super().event(event)

    def show_text(self, text: str) -> None:
        if self.toPlainText().strip() != text.strip():
            self._showing = True
            try:
                self.setPlainText(text)
            finally:
                self._showing = False

    def _on_self_text_changed(self) -> None:
        if not self._showing:
            self.typed.emit(self.field, self.toPlainText())


def keep_place(widget: QWidget) -> None:
    """Keep the room a widget takes while it is hidden (so nothing moves when it shows)."""
    policy = widget.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    widget.setSizePolicy(policy)


class ChoiceInput(QComboBox):
    """One of a few values. Signals: ``typed(str, str)``: field, the value the user chose."""

    typed = Signal(str, str)

    def __init__(
        self, name: str, field: str, choices: list[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.field = field
        self.setAccessibleName(name)
        # The wheel scrolls the form; it changes the choice only once chosen to (focus).
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for value, shown in choices:
            self.addItem(shown, value)
        self.activated.connect(self._on_self_activated)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if not self.hasFocus():
            event.ignore()  # to the scrolling form
            return
        super().wheelEvent(event)

    def show_value(self, value: str) -> None:
        index = self.findData(value)
        if index < 0:
            self.addItem(value, value)
            index = self.count() - 1
        if index != self.currentIndex():
            self.setCurrentIndex(index)

    def value(self) -> str:
        return str(self.currentData())

    def _on_self_activated(self, index: int) -> None:
        self.typed.emit(self.field, str(self.itemData(index)))


class FieldBox(QWidget):
    """A label above an input (or a row of inputs), and below it what is wrong with it."""

    def __init__(self, label: str, inputs: list[QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inputs = inputs
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.setSpacing(2)
        self.label = QLabel(label)
        self.label.setWordWrap(True)
        self.label.setBuddy(inputs[0])
        layout.addWidget(self.label)
        if len(inputs) == 1:
            layout.addWidget(inputs[0])
        else:
            row = QHBoxLayout()
            row.setSpacing(6)
            for widget in inputs:
                row.addWidget(widget)
            layout.addLayout(row)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setProperty("problem", True)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Its text (the problems) is read as its name; this says what it is about.
        self.problem.setAccessibleDescription(f"Problem with {label.replace('&', '')}")
        keep_place(self.problem)  # a line coming or going never moves the fields below
        self.problem.hide()
        layout.addWidget(self.problem)
        self.messages: list[str] = []

    def show_problems(self, messages: list[str]) -> None:
        """The loader's words about this field; none hides the line."""
        if messages == self.messages:
            return
        self.messages = list(messages)
        self.problem.setText("\n".join(f"⚠ {m}" for m in messages))
        self.problem.setVisible(bool(messages))
        for widget in self.inputs:
            widget.setProperty("invalid", bool(messages))
            widget.setAccessibleDescription("; ".join(messages))
            widget.style().unpolish(widget)
            widget.style().polish(widget)
