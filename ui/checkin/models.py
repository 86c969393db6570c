"""Table models of the check-in screens, over plain core objects.

- :class:`LookupModel`: contestants found by name, ID number or ticket number (manual check-in).
- :class:`RecentScansModel`: the newest scans of the event, from every desk.
- :class:`DrawListModel`: the station draw list.

Display strings are made once when the rows arrive, as in ``ui.registration.models``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from kmjudge.checkin import ScanLogRow, VerdictKind
from kmjudge.checkin.draw import DrawListRow
from kmjudge.registration.service import RegistrationView, SearchIndex
from ui.checkin.verdict_panel import COLOURS, look_of
from ui.registration.models import STATUS_COLORS, status_text
from ui.tablemodel import HeaderedTableModel

_Index = QModelIndex | QPersistentModelIndex
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_DISPLAY = Qt.ItemDataRole.DisplayRole


class _Table(HeaderedTableModel):
    """Rows of ready-made strings; subclasses fill ``_texts`` and ``_headers``."""

    CENTERED: frozenset[int] = frozenset()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers: list[str] = []
        self._texts: list[tuple[str, ...]] = []
        self._colors: list[QColor | None] = []
        self._color_column = -1

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._texts)

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if role == _DISPLAY:
            return self._texts[row][col]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTER if col in self.CENTERED else _LEFT
        if role == Qt.ItemDataRole.ForegroundRole and col == self._color_column:
            return self._colors[row] if row < len(self._colors) else None
        return None

    def texts(self) -> list[tuple[str, ...]]:
        return list(self._texts)


class LookupModel(_Table):
    """Contestants matching the search text (all of them while it is blank)."""

    TICKET, NAME, ID4, STATUS, STATION = range(5)
    CENTERED = frozenset({ID4, STATUS, STATION})
    WIDTHS = (92, 78, 54, 66, 44)

    def __init__(self, lang: str = "zh", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._headers = [
            self.tr("Ticket no."),
            self.tr("Name"),
            self.tr("Last 4"),
            self.tr("Status"),
            self.tr("Station"),
        ]
        self._color_column = self.STATUS
        self._index = SearchIndex([])
        self._visible: list[int] = []
        self._all_texts: list[tuple[str, ...]] = []
        self._all_colors: list[QColor | None] = []
        self.query = ""

    def set_rows(self, rows: Sequence[RegistrationView], index: SearchIndex | None = None) -> None:
        self._index = index if index is not None else SearchIndex(rows)
        colors = {k: QColor(v) for k, v in STATUS_COLORS.items()}
        self._all_texts = [self._texts_of(r) for r in self._index.rows]
        self._all_colors = [colors.get(r.status) for r in self._index.rows]
        self._refilter()

    def update_person(self, registration_id: object, status: str, station_no: int | None) -> bool:
        """One contestant's new status and station (after a scan), without reloading the list.
        Returns whether they are in it."""
        rows = self._index.rows
        i = next((k for k, r in enumerate(rows) if r.id == registration_id), -1)
        if i < 0:
            return False
        r = replace(rows[i], status=status, station_no=station_no)
        rows[i] = r
        self._all_texts[i] = self._texts_of(r)
        self._all_colors[i] = QColor(STATUS_COLORS[status]) if status in STATUS_COLORS else None
        if i in self._visible:
            pos = self._visible.index(i)
            self._texts[pos] = self._all_texts[i]
            self._colors[pos] = self._all_colors[i]
            self.dataChanged.emit(self.index(pos, 0), self.index(pos, self.columnCount() - 1))
        return True

    def _texts_of(self, r: RegistrationView) -> tuple[str, ...]:
        return (
            r.ticket_no,
            r.name,
            r.last4,
            status_text(r.status, self.lang),
            "" if r.station_no is None else str(r.station_no),
        )

    def set_query(self, text: str) -> None:
        self.query = text
        self._refilter()

    def _refilter(self) -> None:
        self.beginResetModel()
        self._visible = self._index.search(self.query)
        self._texts = [self._all_texts[i] for i in self._visible]
        self._colors = [self._all_colors[i] for i in self._visible]
        self.endResetModel()

    def row_at(self, row: int) -> RegistrationView:
        return self._index.rows[self._visible[row]]

    def row_of(self, registration_id: object) -> int:
        for pos, i in enumerate(self._visible):
            if self._index.rows[i].id == registration_id:
                return pos
        return -1

    @property
    def total(self) -> int:
        return len(self._index.rows)


class RecentScansModel(_Table):
    """The newest scans (time, result, ticket number, who scanned)."""

    TIME, RESULT, TICKET, USER = range(4)
    CENTERED = frozenset({TIME})
    WIDTHS = (64, 120, 100, 70)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = [self.tr("Time"), self.tr("Result"), self.tr("Ticket no."), self.tr("By")]
        self._color_column = self.RESULT
        self._kinds = {
            VerdictKind.VALID: self.tr("Checked in"),
            VerdictKind.ALREADY: self.tr("Already in"),
            VerdictKind.MALFORMED: self.tr("Not a ticket"),
            VerdictKind.FORGED: self.tr("Invalid (signature)"),
            VerdictKind.WRONG_EVENT: self.tr("Wrong event"),
            VerdictKind.UNKNOWN: self.tr("Not registered"),
            VerdictKind.WITHDRAWN: self.tr("Withdrawn"),
            VerdictKind.DISQUALIFIED: self.tr("Disqualified"),
            VerdictKind.REVOKED: self.tr("Cancelled ticket"),
            VerdictKind.EXPIRED: self.tr("Expired"),
            VerdictKind.NOT_OPEN: self.tr("Not open yet"),
            VerdictKind.CLOSED: self.tr("Closed"),
        }

    def set_rows(self, rows: Sequence[ScanLogRow]) -> None:
        self.beginResetModel()
        self._texts = [
            (
                r.scanned_at.strftime("%H:%M:%S"),
                self._kinds.get(r.verdict, r.verdict.value),
                r.ticket_no or "—",
                r.username,
            )
            for r in rows
        ]
        self._colors = [QColor(COLOURS[look_of(r.verdict)]) for r in rows]
        self.endResetModel()


class DrawListModel(_Table):
    """工位抽签表 on screen: station, ticket number, name, employer, status."""

    STATION, TICKET, NAME, EMPLOYER, STATUS = range(5)
    CENTERED = frozenset({STATION, STATUS})
    WIDTHS = (70, 110, 90, 300, 80)

    def __init__(self, lang: str = "zh", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._headers = [
            self.tr("Station"),
            self.tr("Ticket no."),
            self.tr("Name"),
            self.tr("Employer"),
            self.tr("Status"),
        ]
        self._none = self.tr("not drawn")

    def set_rows(self, rows: Sequence[DrawListRow]) -> None:
        self.beginResetModel()
        self._texts = [
            (
                str(r.station_no) if r.station_no else self._none,
                r.ticket_no,
                r.name,
                r.employer,
                status_text(r.status, self.lang),
            )
            for r in rows
        ]
        self.endResetModel()
