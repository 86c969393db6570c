"""Table models over the results core's plain objects: one ranking group of a ResultsView (the
chief judge's page) and one page of the released public board (the big screen).

Display strings are computed once when the rows arrive, not in ``data()``.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from kmjudge.results.model import ContestantResult
from kmjudge.results.release import PublicRow, ResultsView
from ui.tablemodel import HeaderedTableModel

_Index = QModelIndex | QPersistentModelIndex
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
GREY = QColor("#8a939c")
GOLD = QColor("#8a5a00")
GREEN = QColor("#1d6b2c")


def money(value: Decimal | None) -> str:
    """A reported value with exactly two decimals ('' for none)."""
    return "" if value is None else f"{value:.2f}"


class ResultsTableModel(QAbstractTableModel):
    """The rows of one ranking group: ranked first, then the unranked (greyed, no rank)."""

    RANK, STATION, NAME, THEORY, PRACTICAL, TOTAL, AWARD, TITLE, UPGRADE, NOTE = range(10)
    WIDTHS = (80, 70, 110, 85, 85, 90, 90, 100, 90, 300)
    NUMERIC = (THEORY, PRACTICAL, TOTAL)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = [
            self.tr("Rank"),
            self.tr("Station"),
            self.tr("Name"),
            self.tr("Theory"),
            self.tr("Practical"),
            self.tr("Total"),
            self.tr("Award"),
            self.tr("Title"),
            self.tr("Upgrade eligible"),
            self.tr("Notes"),
        ]
        self._states = {
            "incomplete": self.tr("Incomplete"),
            "absent": self.tr("Absent"),
            "withdrawn": self.tr("Withdrawn"),
            "disqualified": self.tr("Disqualified"),
        }
        self._awards = {
            "first": self.tr("First prize"),
            "second": self.tr("Second prize"),
            "third": self.tr("Third prize"),
            "merit": self.tr("Merit award"),
        }
        self.rows: list[ContestantResult] = []
        self._cells: list[list[str]] = []
        self._tips: list[str] = []

    def set_rows(self, view: ResultsView, rows: Sequence[ContestantResult]) -> None:
        self.beginResetModel()
        ranked = [r for r in rows if r.state == "ranked"]
        others = [r for r in rows if r.state != "ranked"]
        self.rows = ranked + others
        self._cells = []
        self._tips = []
        for r in self.rows:
            ident = view.identity(r.key)
            is_ranked = r.state == "ranked"
            show_marks = is_ranked or r.state == "incomplete"
            # why a rank is what it is, or why there is none (the core's wording, Chinese);
            # the cell has the short form of a tie, the tooltip the whole sentence
            tips = list(r.score.problems)
            note = list(tips)
            if r.tie is not None and r.tie.text_zh():
                tips.append(r.tie.text_zh())
                note.append(r.tie.short_zh())
            if r.score.competing:
                tips.extend(r.score.notes)
                note.extend(r.score.notes)
            self._cells.append(
                [
                    str(r.rank) if is_ranked else self._states.get(r.state, ""),
                    str(r.station) if r.station is not None else "",
                    ident.name if ident is not None else "",
                    money(r.theory) if show_marks else "—",
                    money(r.practical) if show_marks else "—",
                    money(r.total) if is_ranked else "—",
                    self._awards.get(r.award, ""),
                    r.title,
                    self.tr("Eligible") if r.upgrade else "",
                    "；".join(note),
                ]
            )
            self._tips.append("\n".join(tips))
        self.endResetModel()

    def text(self, row: int, col: int) -> str:
        return self._cells[row][col]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cells)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _CENTER
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[row][col]
        r = self.rows[row]
        if role == Qt.ItemDataRole.ForegroundRole:
            if r.state != "ranked" or col == self.NOTE:
                return GREY
            if col in (self.AWARD, self.TITLE) and r.award in ("first", "second", "third"):
                return GOLD
            if col == self.UPGRADE:
                return GREEN
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col in self.NUMERIC:
                return _RIGHT
            return _LEFT if col in (self.NAME, self.NOTE) else _CENTER
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tips[row] or None
        return None


class BoardPageModel(HeaderedTableModel):
    """One page of the released board, as the big screen shows it."""

    RANK, STATION, NAME, EMPLOYER, THEORY, PRACTICAL, TOTAL, AWARD = range(8)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = [
            self.tr("Rank"),
            self.tr("Station"),
            self.tr("Name"),
            self.tr("Employer"),
            self.tr("Theory"),
            self.tr("Practical"),
            self.tr("Total"),
            self.tr("Award"),
        ]
        self.rows: list[PublicRow] = []

    def set_rows(self, rows: Sequence[PublicRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def cell(self, r: PublicRow, col: int) -> str:
        if col == self.RANK:
            return str(r.rank) if r.rank is not None and not r.state else r.state
        if col == self.STATION:
            return str(r.station) if r.station is not None else ""
        if col == self.AWARD:
            return " ".join(x for x in (r.award, r.title) if x)
        return (r.name, r.employer, r.theory, r.practical, r.total)[col - self.NAME]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(r, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            if r.state:
                return QColor("#7d8a99")
            if col == self.AWARD and r.award:
                return QColor("#ffd166")
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if col in (self.NAME, self.EMPLOYER) else _CENTER
        return None
