"""Table models of the exchange and conflicts screens: rows of display strings built from the
core's plain objects, with a colour or highlight per row or cell and the object behind each
row (``payload``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from ui.tablemodel import HeaderedTableModel

_Index = QModelIndex | QPersistentModelIndex
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

RED = "#a61b1b"
GREEN = "#1d6b2c"
AMBER = "#7a5500"
GREY = "#5d6975"
HIGHLIGHT = "#fff1c7"  # what differs, in the side-by-side view


@dataclass
class Row:
    cells: list[str]
    payload: Any = None
    color: str | None = None  # text colour of the whole row
    #: column -> background colour (the differing values of a conflict)
    backgrounds: dict[int, str] = field(default_factory=dict)
    bold: bool = False
    tooltip: str = ""


class RowsModel(HeaderedTableModel):
    def __init__(
        self, headers: list[str], parent: QObject | None = None, right: tuple[int, ...] = ()
    ) -> None:
        super().__init__(parent)
        self._headers = headers
        self._right = set(right)
        self.rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def payload(self, row: int) -> Any:
        return self.rows[row].payload if 0 <= row < len(self.rows) else None

    def text(self, row: int, column: int) -> str:
        return self.rows[row].cells[column]

    def column_texts(self, column: int) -> list[str]:
        return [r.cells[column] for r in self.rows]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[col]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if col in self._right else _LEFT
        if role == Qt.ItemDataRole.ForegroundRole and row.color:
            return QColor(row.color)
        if role == Qt.ItemDataRole.BackgroundRole and col in row.backgrounds:
            return QColor(row.backgrounds[col])
        if role == Qt.ItemDataRole.FontRole and (row.bold or col in row.backgrounds):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and row.tooltip:
            return row.tooltip
        return None
