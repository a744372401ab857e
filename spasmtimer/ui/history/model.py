"""The list of sessions as a Qt table model, sortable by any column."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from spasmtimer.core.history.store import EventRecord, SessionRecord, SessionStatus

SORT_ROLE = Qt.ItemDataRole.UserRole + 1

COLUMNS = (
    "Date",
    "Time",
    "Routine",
    "Status",
    "Holds done",
    "Skipped",
    "Duration",
    "Pain before",
    "Pain after",
    "Note",
)
_NUMERIC = {4, 5, 6, 7, 8}
Index = QModelIndex | QPersistentModelIndex


# How an event kind reads in the Note column ("hurts" is "This hurts").
EVENT_WORDS = {"hurts": "This hurts"}


def events_by_session(events: Sequence[EventRecord]) -> dict[int, list[str]]:
    """Each session's events as short texts, in order ("This hurts: Knee hug: …")."""
    grouped: dict[int, list[str]] = {}
    for event in events:
        if event.session_id is not None:
            word = EVENT_WORDS.get(event.kind, event.kind)
            text = f"{word}: {event.detail}" if event.detail else word
            grouped.setdefault(event.session_id, []).append(text)
    return grouped


def _duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}"


class SessionTableModel(QAbstractTableModel):
    """Sessions, one per row; display text, and raw values under :data:`SORT_ROLE`.

    Rows are turned into text only when the view asks for them, so ten years of
    sessions load as fast as the store reads them.
    """

    def __init__(self, sessions: Sequence[SessionRecord] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._sessions: list[SessionRecord] = list(sessions)
        self._events: Mapping[int, list[str]] = {}

    def set_sessions(
        self, sessions: Sequence[SessionRecord], events: Mapping[int, list[str]] | None = None
    ) -> None:
        """The rows, and what happened during them (shown with the note)."""
        self.beginResetModel()
        self._sessions = list(sessions)
        self._events = events or {}
        self.endResetModel()

    def note_text(self, s: SessionRecord) -> str:
        return "  ·  ".join([*([s.note] if s.note else []), *self._events.get(s.id, [])])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in Python, by raw value (a proxy model would call back per comparison)."""
        self.layoutAboutToBeChanged.emit()
        last = len(COLUMNS) - 1
        self._sessions.sort(
            key=lambda s: (
                self.note_text(s).casefold() if column == last else self._raw(s, column),
                s.started.timestamp(),
            ),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self.layoutChanged.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._sessions)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        s = self._sessions[index.row()]
        column = index.column()
        if column == len(COLUMNS) - 1 and role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            SORT_ROLE,
        ):
            text = self.note_text(s)
            return text.casefold() if role == SORT_ROLE else text
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(s, column)
        if role == SORT_ROLE:
            return self._raw(s, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and column == 3
            and s.status is SessionStatus.INTERRUPTED
        ):
            return "The app closed before this session ended; the holds done until then are kept."
        return None

    @staticmethod
    def _text(s: SessionRecord, column: int) -> str:
        match column:
            case 0:
                return s.local_date.isoformat()
            case 1:
                return s.started.astimezone().strftime("%H:%M")
            case 2:
                return s.routine
            case 3:
                return s.status.value.capitalize()
            case 4:
                return str(s.holds_done)
            case 5:
                return str(s.holds_skipped)
            case 6:
                return _duration(s.duration_seconds)
            case 7:
                return "" if s.pain_before is None else str(s.pain_before)
            case 8:
                return "" if s.pain_after is None else str(s.pain_after)
            case _:
                return s.note or ""

    @staticmethod
    def _raw(s: SessionRecord, column: int) -> Any:
        match column:
            case 0 | 1:
                return s.started.timestamp()
            case 2:
                return s.routine.casefold()
            case 3:
                return s.status.value
            case 4:
                return s.holds_done
            case 5:
                return s.holds_skipped
            case 6:
                return s.duration_seconds
            case 7:
                return -1 if s.pain_before is None else s.pain_before
            case 8:
                return -1 if s.pain_after is None else s.pain_after
            case _:
                return (s.note or "").casefold()
