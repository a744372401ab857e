"""The dialog that lists every keyboard shortcut (``?`` or F1)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from spasmtimer.ui.intents import help_rows
from spasmtimer.ui.theme import desktop_text_px


class ShortcutsDialog(QDialog):
    """The list of every key, opened with ``?`` or F1."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts — SpasmTimer")
        layout = QVBoxLayout(self)
        intro = QLabel("Everything can be done from the keyboard, or from a media remote.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        rows = help_rows()
        table = QTableWidget(len(rows), 3, self)
        table.setHorizontalHeaderLabels(["Where", "Keys", "What it does"])
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                table.setItem(r, c, item)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setAccessibleName("Keyboard shortcuts")
        table.setTabKeyNavigation(False)  # Tab goes on to Close; the arrows read the rows
        self.table = table
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        # Big enough to read every row without scrolling, from a little way off.
        # (A style sheet, not setFont: the main window's style sheet would win.)
        size = max(17, desktop_text_px())  # never below the desktop's text size
        self.setStyleSheet(
            f"QLabel, QTableWidget, QHeaderView, QPushButton {{ font-size: {size}px; }}"
        )
        table.resizeColumnsToContents()
        table.resizeRowsToContents()
        height = table.horizontalHeader().height() + sum(
            table.rowHeight(r) for r in range(table.rowCount())
        )
        screen = (parent or self).screen()
        room = screen.availableGeometry().height() * 0.9 if screen is not None else 1000
        self.resize(760, round(min(height + 130, room)))
