"""Table models over plain core objects: the contestant list and the import preview tables.

Display strings are computed once when rows arrive (not in ``data()``), so painting and
filtering 10,000 rows stays cheap. Filtering resets a list of visible row indexes found by the
core's :class:`SearchIndex`; it is not a ``QSortFilterProxyModel`` because the index already
does the matching in one pass and a proxy would re-test every row through Python per keystroke.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, TypedDict

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from kmjudge.registration.idcard import mask_id
from kmjudge.registration.service import (
    FIELD_ZH,
    STATUS_ZH,
    RegistrationView,
    RowPlan,
    SearchIndex,
)
from kmjudge.registration.sheet import FIELD_LABELS_ZH, RowIssue
from ui.tablemodel import HeaderedTableModel

log = logging.getLogger(__name__)

STATUS_EN = {
    "registered": "Registered",
    "checked_in": "Checked in",
    "absent": "Absent",
    "withdrawn": "Withdrawn",
    "disqualified": "Disqualified",
}
STATUS_COLORS = {
    "checked_in": "#1d6b2c",
    "absent": "#8a6d00",
    "withdrawn": "#6b7580",
    "disqualified": "#a61b1b",
}

_Index = QModelIndex | QPersistentModelIndex
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def status_text(status: str, lang: str) -> str:
    table = STATUS_ZH if lang == "zh" else STATUS_EN
    return table.get(status, status)


def field_label(field: str, lang: str) -> str:
    """How a field of a sheet is named (Chinese, or the field key in English)."""
    if lang != "zh":
        return field.replace("_", " ")
    return FIELD_ZH.get(field) or FIELD_LABELS_ZH.get(field) or field


class RegistrationTableModel(HeaderedTableModel):
    """The contestant list, filtered as you type (name, ID digits, ticket number...)."""

    TICKET, STATION, NAME, GENDER, ID, EMPLOYER, DISTRICT, PHONE, STATUS, SOURCE = range(10)
    #: Column widths in pixels at the app's 10 pt font (sized for the longest usual value).
    WIDTHS = (96, 64, 90, 50, 170, 250, 90, 118, 76, 80)

    def __init__(self, lang: str = "zh", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._headers = [
            self.tr("Ticket no."),
            self.tr("Station"),
            self.tr("Name"),
            self.tr("Gender"),
            self.tr("ID number"),
            self.tr("Employer"),
            self.tr("District"),
            self.tr("Phone"),
            self.tr("Status"),
            self.tr("Source"),
        ]
        self._male = self.tr("Male")
        self._female = self.tr("Female")
        self._sources = {"import": self.tr("Imported"), "walkin": self.tr("Walk-in")}
        self._rows: list[RegistrationView] = []
        self._texts: list[tuple[str, ...]] = []
        self._colors: list[QColor | None] = []
        self._index = SearchIndex([])
        self._rank: list[int] = []  # position of each row in the current sort order
        self._visible: list[int] = []
        self._query = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # ------------------------------------------------------------------ content

    def set_rows(self, rows: Sequence[RegistrationView], index: SearchIndex | None = None) -> None:
        """Replace the list (after a reload); the current search text stays applied."""
        self.beginResetModel()
        self._index = index if index is not None else SearchIndex(rows)
        self._rows = self._index.rows
        self._texts = [self._row_texts(r) for r in self._rows]
        colors = {k: QColor(v) for k, v in STATUS_COLORS.items()}
        self._colors = [colors.get(r.status) for r in self._rows]
        self._rank = list(range(len(self._rows)))
        if self._sort is not None:
            self._apply_sort(*self._sort)
        self._visible = self._filtered()
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def set_query(self, text: str) -> None:
        """Show only the rows matching ``text`` (all rows when it is blank)."""
        if text == self._query:
            return
        self.beginResetModel()
        self._query = text
        self._visible = self._filtered()
        self.endResetModel()

    @property
    def query(self) -> str:
        return self._query

    @property
    def total_count(self) -> int:
        return len(self._rows)

    @property
    def shown_count(self) -> int:
        return len(self._visible)

    def row_at(self, row: int) -> RegistrationView:
        return self._rows[self._visible[row]]

    def visible_rows(self) -> list[RegistrationView]:
        return [self._rows[i] for i in self._visible]

    def _filtered(self) -> list[int]:
        found = self._index.search(self._query)
        if self._sort is not None:
            rank = self._rank
            found.sort(key=rank.__getitem__)
        return found

    def _row_texts(self, r: RegistrationView) -> tuple[str, ...]:
        gender = {"M": self._male, "F": self._female}.get(r.gender, r.gender)
        return (
            r.ticket_no,
            "" if r.station_no is None else str(r.station_no),
            r.name,
            gender,
            mask_id(r.id_number),
            r.employer,
            r.district,
            r.phone,
            status_text(r.status, self.lang),
            self._sources.get(r.source, r.source),
        )

    # ------------------------------------------------------------------ Qt model API

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        i = self._visible[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[i][col]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col in (self.STATION, self.GENDER, self.STATUS):
                return _CENTER
            return _LEFT
        if role == Qt.ItemDataRole.ForegroundRole and col == self.STATUS:
            return self._colors[i]
        if role == Qt.ItemDataRole.UserRole:
            return self._rows[i]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._apply_sort(column, order)
        self._visible = self._filtered()
        self.layoutChanged.emit()

    def _apply_sort(self, column: int, order: Qt.SortOrder) -> None:
        texts = self._texts
        if column == self.STATION:

            def key(i: int) -> tuple[int, str]:
                s = self._rows[i].station_no
                return (s if s is not None else 1 << 30, texts[i][self.TICKET])

        else:

            def key(i: int) -> tuple[int, str]:
                return (0, texts[i][column])

        ordered = sorted(range(len(texts)), key=key)
        if order == Qt.SortOrder.DescendingOrder:
            ordered.reverse()
        rank = [0] * len(ordered)
        for pos, i in enumerate(ordered):
            rank[i] = pos
        self._rank = rank


class IssueTableModel(QAbstractTableModel):
    """Rows of an import that were refused (or only warned about): row, column, value, reason."""

    ROW, COLUMN, VALUE, REASON = range(4)
    WIDTHS = (56, 110, 190, 520)

    def __init__(self, lang: str = "zh", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._headers = [self.tr("Row"), self.tr("Column"), self.tr("Content"), self.tr("Reason")]
        self._whole_row = self.tr("(whole row)")
        self._issues: list[RowIssue] = []

    def set_issues(self, issues: Sequence[RowIssue]) -> None:
        self.beginResetModel()
        self._issues = sorted(issues, key=lambda i: i.row)
        self.endResetModel()

    def issue_at(self, row: int) -> RowIssue:
        return self._issues[row]

    def row_numbers(self) -> list[int]:
        """The sheet row numbers listed, ascending, each once."""
        return sorted({i.row for i in self._issues})

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._issues)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        issue = self._issues[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == self.ROW:
                return str(issue.row)
            if col == self.COLUMN:
                if issue.column:
                    return issue.column
                return field_label(issue.field, self.lang) if issue.field else self._whole_row
            if col == self.VALUE:
                return issue.value
            return issue.message_zh if self.lang == "zh" else issue.message_en
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTER if col == self.ROW else _LEFT
        return None


class NewRowsModel(HeaderedTableModel):
    """The rows an import will add: row, name, gender, masked ID, employer, district."""

    WIDTHS = (56, 90, 50, 170, 260, 100)

    def __init__(self, lang: str = "zh", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._headers = [
            self.tr("Row"),
            self.tr("Name"),
            self.tr("Gender"),
            self.tr("ID number"),
            self.tr("Employer"),
            self.tr("District"),
        ]
        self._gender = {"M": self.tr("Male"), "F": self.tr("Female")}
        self._rows: list[tuple[str, ...]] = []

    def set_plans(self, plans: Sequence[RowPlan]) -> None:
        self.beginResetModel()
        self._rows = [
            (
                str(p.row.row),
                p.row.name,
                self._gender.get(p.row.gender, p.row.gender),
                mask_id(p.row.id_number),
                p.row.employer,
                p.row.district,
            )
            for p in plans
            if p.action == "new"
        ]
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTER if index.column() in (0, 2) else _LEFT
        return None


class UpdatesModel(QAbstractTableModel):
    """What an import will change for people already entered: one line per changed field."""

    ROW, NAME, FIELD, CHANGE = range(4)
    WIDTHS = (56, 90, 100, 560)

    def __init__(self, lang: str = "zh", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._headers = [
            self.tr("Row"),
            self.tr("Name"),
            self.tr("Field"),
            self.tr("Old value → new value"),
        ]
        self._empty = self.tr("(empty)")
        self._lines: list[tuple[int, str, str, str, str]] = []

    def set_plans(self, plans: Sequence[RowPlan]) -> None:
        self.beginResetModel()
        self._lines = [
            (p.row.row, p.row.name, field_label(f, self.lang), old, new)
            for p in plans
            if p.action == "update"
            for f, (old, new) in p.changes.items()
        ]
        self.endResetModel()

    def line(self, row: int) -> tuple[int, str, str, str, str]:
        return self._lines[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, name, field, old, new = self._lines[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == self.ROW:
                return str(row)
            if col == self.NAME:
                return name
            if col == self.FIELD:
                return field
            return f"{old or self._empty}  →  {new or self._empty}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTER if col == self.ROW else _LEFT
        return None


class Callbacks(TypedDict):
    on_success: Callable[[Any], None]
    on_error: Callable[[BaseException], None]


def guarded(
    widget: QObject,
    on_success: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    *,
    announce: Callable[[], None] | None = None,
) -> Callbacks:
    """Callbacks for ``ctx.worker.run(..., **guarded(self, ok, failed))``.

    Two dangers are avoided. The worker thread keeps what it was handed until the job's work
    item is dropped, on that thread; if that were the last reference to a page or dialog, the
    widget would be destroyed off the GUI thread (a crash). So the callbacks handed over are
    plain ``partial`` objects holding a number, and the real ones (which hold the widget) wait
    in a table on the GUI thread. And the work may finish after the widget is gone (window
    closed, signed out); then the callback is skipped instead of touching a dead widget.
    ``announce`` runs first on success in any case: a bus signal saying something was written,
    which other pages must hear whether or not this widget still exists.
    """
    key = next(_keys)
    _waiting[key] = (widget, on_success, on_error, announce)
    return Callbacks(
        on_success=partial(_dispatch, key, True), on_error=partial(_dispatch, key, False)
    )


_keys = itertools.count()
_waiting: dict[int, tuple[QObject, Any, Any, Callable[[], None] | None]] = {}


def _dispatch(key: int, ok: bool, value: Any) -> None:
    entry = _waiting.pop(key, None)
    if entry is None:
        return
    widget, on_success, on_error, announce = entry
    if ok and announce is not None:
        announce()
    if shiboken6.isValid(widget):
        (on_success if ok else on_error)(value)
    elif not ok:
        log.warning("background task failed after its window closed: %r", value)
