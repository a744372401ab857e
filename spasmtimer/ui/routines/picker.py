"""The first screen: the routines to choose from, large enough to read from the floor.

Signals:
    routineChosen(object): a :class:`RoutineEntry` to show the overview of.
    openFileRequested(): the user wants to add a routine from a file.
    helpRequested(): the shortcuts help.
    historyRequested(): the history window.
    todayRequested(): back to the Today screen.
    (New, Edit, Edit a copy, Delete: the signals of :attr:`PickerView.editing`.)
    painted(): the picker was painted (the first paint marks "start-up done").
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from spasmtimer.core.history.adherence import done_of
from spasmtimer.core.routines.durations import format_duration
from spasmtimer.core.routines.library import LibraryView, Origin, RoutineEntry
from spasmtimer.ui.announce import mark_heading
from spasmtimer.ui.routines.picker_editing import EditingBar
from spasmtimer.ui.theme import LIGHT, Theme, desktop_text_px, screen_fonts

# Nothing here touches the ``Qt`` namespace before the first paint: its first
# use makes PySide build ~100 Python enums (~20 ms, a fifth of a bare
# window's whole start-up). Qt's C++ API takes plain ints for these.
_USER_ROLE = 0x0100  # Qt.ItemDataRole.UserRole
ENTRY_ROLE = _USER_ROLE + 1
TODAY_ROLE = _USER_ROLE + 2
STREAK_ROLE = _USER_ROLE + 3
_ALIGN_LEFT_VCENTER = 0x0001 | 0x0080  # Qt.AlignLeft | Qt.AlignVCenter
_WORD_WRAP = 0x1000  # Qt.TextWordWrap

IndexLike = QModelIndex | QPersistentModelIndex


def meta_line(entry: RoutineEntry, done_today: int | None, streak: int = 0) -> str:
    """ "5 exercises · 12 min · 2 sessions a day · done today: 1 of 2 · 3-day streak"."""
    routine = entry.routine
    n = entry.exercise_count
    parts = [
        f"{n} exercise{'s' if n != 1 else ''}",
        format_duration(entry.total_seconds, whole_minutes=True),
        "once a day"
        if routine.sessions_per_day == 1
        else f"{routine.sessions_per_day} sessions a day",
    ]
    if done_today is not None:
        parts.append(f"done today: {done_of(done_today, routine.sessions_per_day)}")
    if streak > 0:
        parts.append(f"{streak}-day streak")
    if entry.origin is Origin.USER:
        parts.append("your routine")
    return "  ·  ".join(parts)


class RoutineDelegate(QStyledItemDelegate):
    """Paints a routine as three lines: name, description, figures."""

    def __init__(self, picker: PickerView) -> None:
        super().__init__(picker)
        self._picker = picker

    def _fonts(self) -> tuple[QFont, QFont, QFont]:
        s = self._picker.scale
        base = QFont(self._picker.font())
        least = desktop_text_px()  # the desktop's text size: nothing smaller
        name = QFont(base)
        name.setPixelSize(max(16, round(least * 1.3), round(30 * s)))
        name.setBold(True)
        desc = QFont(base)
        desc.setPixelSize(max(12, least, round(17 * s)))
        meta = QFont(base)
        meta.setPixelSize(max(12, least, round(18 * s)))
        meta.setBold(True)
        return name, desc, meta

    def _pad(self) -> int:
        return max(8, round(16 * self._picker.scale))

    def sizeHint(self, option: QStyleOptionViewItem, index: IndexLike) -> QSize:
        name, desc, meta = (QFontMetrics(f) for f in self._fonts())
        pad = self._pad()
        height = 2 * pad + name.height() + 2 * desc.lineSpacing() + meta.height() + pad // 2
        width = option.rect.width()
        return QSize(width or 400, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: IndexLike) -> None:
        entry = index.data(ENTRY_ROLE)
        if not isinstance(entry, RoutineEntry):
            return
        theme = self._picker.theme
        # The current row is the selected one (single selection); asking the
        # view avoids loading QStyle's many enums before the first paint.
        selected = index.row() == self._picker.list.currentRow()
        rect: QRect = option.rect
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if selected:
            painter.fillRect(rect, theme.color("accent"))
            fg, muted = theme.color("accent_text"), theme.color("accent_text")
        else:
            fg, muted = theme.color("text"), theme.color("muted")
        name_font, desc_font, meta_font = self._fonts()
        pad = self._pad()
        inner = rect.adjusted(pad + 4, pad, -pad, -pad // 2)
        if selected:  # a shape, not only a colour, marks the chosen row
            bar = QRect(rect.left(), rect.top(), max(6, pad // 2), rect.height())
            painter.fillRect(bar, theme.color("accent_text"))

        y = inner.top()
        painter.setFont(name_font)
        painter.setPen(fg)
        nm = QFontMetrics(name_font)
        painter.drawText(
            QRect(inner.left(), y, inner.width(), nm.height()),
            _ALIGN_LEFT_VCENTER,
            elide(nm, entry.routine.name, inner.width()),
        )
        y += nm.height()

        dm = QFontMetrics(desc_font)
        painter.setFont(desc_font)
        painter.setPen(muted)
        desc_rect = QRect(inner.left(), y, inner.width(), 2 * dm.lineSpacing())
        painter.drawText(desc_rect, _WORD_WRAP, _two_lines(entry, dm, inner.width()))
        y += 2 * dm.lineSpacing()

        mm = QFontMetrics(meta_font)
        painter.setFont(meta_font)
        painter.setPen(fg)
        done = index.data(TODAY_ROLE)
        streak = index.data(STREAK_ROLE)
        text = meta_line(
            entry, done if isinstance(done, int) else None, streak if isinstance(streak, int) else 0
        )
        painter.drawText(
            QRect(inner.left(), y, inner.width(), mm.height()),
            _ALIGN_LEFT_VCENTER,
            elide(mm, text, inner.width()),
        )
        painter.restore()


def elide(metrics: QFontMetrics, text: str, width: int) -> str:
    """``text`` cut with "…" to fit ``width`` (QFontMetrics.elidedText without Qt enums)."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if metrics.horizontalAdvance(text[:mid].rstrip() + "…") <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def _two_lines(entry: RoutineEntry, metrics: QFontMetrics, width: int) -> str:
    """The description cut to two lines, with an ellipsis if it goes on."""
    words = " ".join(entry.routine.description.split()).split(" ")
    lines: list[str] = []
    current = ""
    for i, word in enumerate(words):
        trial = f"{current} {word}".strip()
        if metrics.horizontalAdvance(trial) <= width or not current:
            current = trial
            continue
        lines.append(current)
        current = word
        if len(lines) == 1:
            rest = " ".join([current, *words[i + 1 :]])
            lines.append(elide(metrics, rest, width))
            return "\n".join(lines)
    lines.append(current)
    return "\n".join(lines)


class PickerView(QWidget):
    """The list of routines, the broken files apart, and "Open routine file…"."""

    routineChosen = Signal(object)
    openFileRequested = Signal()
    helpRequested = Signal()
    historyRequested = Signal()
    todayRequested = Signal()
    painted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("All routines")
        self.scale = 1.0
        self._painted_once = False
        self.theme: Theme = LIGHT
        self._library = LibraryView()

        self.title = mark_heading(QLabel("Choose a routine"))
        self.title.setObjectName("pickerTitle")
        self.open_button = QPushButton("Open routine file…")
        self.open_button.setToolTip(
            "Add a routine from a .yaml file (O). You can also drop it here."
        )
        self.open_button.clicked.connect(self.openFileRequested)
        self.history_button = QPushButton("History (Y)")
        self.history_button.setToolTip("Your sessions, streak and pain over time (Y)")
        self.history_button.clicked.connect(self.historyRequested)
        self.today_button = QPushButton("Today (T)")
        self.today_button.setToolTip("Back to what to do today (T or Esc)")
        self.today_button.clicked.connect(self.todayRequested)
        self.help_button = QPushButton("Keys (?)")
        self.help_button.setToolTip("Keyboard shortcuts (? or F1)")
        self.help_button.clicked.connect(self.helpRequested)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.today_button)
        top.addWidget(self.open_button)
        top.addWidget(self.history_button)
        top.addWidget(self.help_button)

        self.list = QListWidget()
        self.list.setItemDelegate(RoutineDelegate(self))
        self.list.setUniformItemSizes(True)
        self.list.setAccessibleName("Routines")
        self.list.itemActivated.connect(self._on_list_itemActivated)
        self.editing = EditingBar()
        self.list.currentRowChanged.connect(self._on_list_currentRowChanged)

        self.empty = QLabel("No routines yet. Open a routine file, or drop one on this window.")
        self.empty.setWordWrap(True)
        self.empty.hide()

        self.broken_label = QLabel()
        self.broken_label.setProperty("notice", True)
        self.broken_label.setWordWrap(True)
        self.broken_label.hide()
        self._broken_scroll: QScrollArea | None = None  # made when a file is broken

        self.hint = QLabel(
            "↑ ↓ to choose, Enter to open  ·  N new, E edit  ·  T today  ·  Y history  ·  "
            "drop a .yaml file here to add it  ·  ? for all keys"
        )
        self.hint.setProperty("muted", True)
        self.hint.setWordWrap(True)

        # A message about the history (a damaged file moved aside...): shown, never blocking.
        self.banner = QLabel()
        self.banner.setObjectName("pickerBanner")
        self.banner.setProperty("notice", True)
        self.banner.setWordWrap(True)
        self.banner_close = QPushButton("OK")
        self.banner_close.setToolTip("Hide this message")
        self.banner_close.clicked.connect(self.hide_banner)
        self._banner_row = QWidget()
        banner_layout = QHBoxLayout(self._banner_row)
        banner_layout.setContentsMargins(0, 0, 0, 0)
        banner_layout.addWidget(self.banner, 1)
        banner_layout.addWidget(self.banner_close)
        self._banner_row.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._banner_row)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.editing)
        layout.addWidget(self.hint)
        self._layout = layout
        self.setFocusProxy(self.list)

    # -- content ------------------------------------------------------------

    def set_library(self, library: LibraryView, select_key: str | None = None) -> None:
        self._library = library
        self.list.clear()
        for entry in library.entries:
            item = QListWidgetItem(entry.routine.name)
            item.setData(ENTRY_ROLE, entry)
            item.setToolTip(entry.routine.description)
            self.list.addItem(item)
        has_entries = bool(library.entries)
        if not has_entries:
            from PySide6.QtCore import Qt

            self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.list.setVisible(has_entries)
        self.empty.setVisible(not has_entries)
        self._show_broken(library)
        self.select(select_key)

    def _show_broken(self, library: LibraryView) -> None:
        lines: list[str] = []
        if library.broken:
            n = len(library.broken)
            lines.append(
                f"{n} routine file{'s' if n != 1 else ''} could not be loaded "
                "(the others are fine):"
            )
            for broken in library.broken:
                lines.extend(f"  {message}" for message in broken.messages)
        self.broken_label.setText("\n".join(lines))
        if lines or self._broken_scroll is not None:
            self.broken_scroll.setVisible(bool(lines))

    @property
    def broken_scroll(self) -> QScrollArea:
        """The broken files' messages, scrollable when there are many."""
        from PySide6.QtCore import Qt

        if self._broken_scroll is None:
            self.broken_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(self.broken_label)
            self.broken_label.show()
            scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
            scroll.setMaximumHeight(max(60, round(self.height() * 0.22)))
            self._layout.insertWidget(self._layout.indexOf(self.hint), scroll)
            self._broken_scroll = scroll
        return self._broken_scroll

    def set_done_today(self, counts: dict[str, int], streaks: dict[str, int] | None = None) -> None:
        """Show "done today: x of n" and the streak (routine name -> count, days)."""
        streaks = streaks or {}
        for row in range(self.list.count()):
            item = self.list.item(row)
            entry = item.data(ENTRY_ROLE)
            if not isinstance(entry, RoutineEntry):
                continue
            if entry.routine.name in counts:
                item.setData(TODAY_ROLE, counts[entry.routine.name])
            if entry.routine.name in streaks:
                item.setData(STREAK_ROLE, streaks[entry.routine.name])

    def show_banner(self, text: str) -> None:
        """A message over the list until the user hides it (it asks nothing)."""
        self.banner.setText(text)
        self._banner_row.show()

    def hide_banner(self) -> None:
        self._banner_row.hide()

    @property
    def banner_text(self) -> str | None:
        return self.banner.text() if not self._banner_row.isHidden() else None

    def select(self, key: str | None) -> None:
        row = 0
        for i, entry in enumerate(self._library.entries):
            if key is not None and entry.key == key:
                row = i
                break
        if self.list.count():
            self.list.setCurrentRow(row)

    def current_entry(self) -> RoutineEntry | None:
        item = self.list.currentItem()
        entry = item.data(ENTRY_ROLE) if item is not None else None
        return entry if isinstance(entry, RoutineEntry) else None

    @property
    def library(self) -> LibraryView:
        return self._library

    def move_selection(self, delta: int) -> None:
        """Up or down a row, whatever has the keyboard focus (the window may have none)."""
        rows, row = self.list.count(), self.list.currentRow()
        if rows:
            self.list.setCurrentRow(max(0, min(rows - 1, row + delta)))
            self.list.setFocus()

    def choose_current(self) -> None:
        entry = self.current_entry()
        if entry is not None:
            self.routineChosen.emit(entry)

    def _on_list_currentRowChanged(self, row: int) -> None:
        self.editing.set_entry(self.current_entry())

    def _on_list_itemActivated(self, item: QListWidgetItem) -> None:
        self.list.setCurrentItem(item)
        self.choose_current()

    # -- looks --------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self._painted_once = True
        self.painted.emit()

    def finish_setup(self) -> None:
        """What waits until after the first paint (it needs the ``Qt`` enums)."""
        from PySide6.QtCore import Qt

        # the list keeps the keyboard
        buttons = (
            self.today_button,
            self.open_button,
            self.history_button,
            self.help_button,
            self.banner_close,
        )
        for b in (*buttons, *self.editing.buttons, self.editing.undo_button):
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        if self._painted_once:  # viewport() before the first paint costs start-up time
            self.list.viewport().update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.scale, title, body = screen_fonts(self)
        s = self.scale
        self.title.setFont(title)
        for w in (
            self.today_button,
            self.open_button,
            self.history_button,
            self.help_button,
            self.hint,
            self.empty,
            self.broken_label,
            self.banner,
            self.banner_close,
        ):
            w.setFont(body)
        self.editing.set_fonts(body)
        m = max(8, round(20 * s))
        self._layout.setContentsMargins(m, m, m, m)
        self._layout.setSpacing(max(6, round(12 * s)))
        if self._broken_scroll is not None:
            self._broken_scroll.setMaximumHeight(max(60, round(self.height() * 0.22)))
        # Item heights depend on the fonts: make the view ask the delegate again.
        self.list.setUniformItemSizes(False)
        self.list.setUniformItemSizes(True)
        self.list.doItemsLayout()
