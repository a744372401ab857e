"""The Today screen's keys, as a table: the view's tooltips and the ? dialog come from here.

Apart from the view, because naming a key builds all of Qt's ``Qt`` enums
(~15 ms), which the screen's first paint does without.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

Key = Qt.Key

# (keys, label, what it does)
KEYS: tuple[tuple[tuple[Key, ...], str, str], ...] = (
    ((Key.Key_Return, Key.Key_Enter, Key.Key_Space), "Enter", "Do the selected item"),
    ((Key.Key_Up, Key.Key_Down), "↑ ↓", "Select an item"),
    ((Key.Key_D,), "D", "A walk or desk break is done"),
    ((Key.Key_B,), "B", "Start the desk-break routine"),
    ((Key.Key_W,), "W", "Start the routine offered after a break"),
    ((Key.Key_R,), "R", "All routines"),
    ((Key.Key_S,), "S", "Say when the spasm began"),
    ((Key.Key_E,), "E", "The pain has eased (while a spasm is timed)"),
)
