"""Table models for the judging screens, over the core's frozen views.

The judge's grid model is built from a :class:`JudgeGrid` only — a type with no field for a
name — so nothing it shows can identify a contestant except the station number.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from kmjudge.judging.views import (
    CELL_BLOCKS,
    AspectColumn,
    Cell,
    JudgeGrid,
    MissingCell,
    SpreadFlag,
)

_Index = QModelIndex | QPersistentModelIndex
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

CELL_BLOCKS_EN = {
    "not_assigned": "not yours",
    "excluded": "excluded",
    "absent": "absent",
    "withdrawn": "withdrawn",
    "disqualified": "disqualified",
    "locked": "locked",
    "submitted": "submitted",
}


def fmt_value(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text


def station_text(no: int) -> str:
    return f"{no:02d}"


@dataclass
class GridCell:
    cell: Cell
    stored: bool = False  # committed in this session (shows ✓)
    pending: str = ""  # value sent, waiting for the database


class JudgeGridModel(QAbstractTableModel):
    """Stations (rows, by number only) x the judge's aspects (columns)."""

    def __init__(self, lang: str = "zh", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.aspects: tuple[AspectColumn, ...] = ()
        self.stations: list[int] = []
        self.cells: list[list[GridCell]] = []
        self.all_aspects: tuple[AspectColumn, ...] = ()
        self.all_cells: list[list[GridCell]] = []
        self.criterion = ""  # the criterion shown ("" = every criterion of the grid)
        self.title_chars = 8  # how much of an aspect's title fits in a column header

    # ---------------------------------------------------------------- loading

    def load(self, grid: JudgeGrid, criterion: str = "") -> None:
        """Take a fresh grid and show ``criterion`` (see :meth:`show_criterion`)."""
        self.all_aspects = grid.aspects
        self.stations = [r.station_no for r in grid.stations]
        self.all_cells = [[GridCell(c, c.version > 0) for c in r.cells] for r in grid.stations]
        self.show_criterion(criterion)

    def show_criterion(self, criterion: str) -> None:
        """Only the aspects of ``criterion`` ("" = all): one criterion's columns stay readable
        where the 20+ columns of a whole scheme do not. The cells are shared with the full
        grid, so what was stored in one view is there in every other."""
        cols = [
            i
            for i, a in enumerate(self.all_aspects)
            if not criterion or a.criterion_code == criterion
        ]
        self.beginResetModel()
        self.criterion = criterion
        self.aspects = tuple(self.all_aspects[i] for i in cols)
        self.cells = [[row[i] for i in cols] for row in self.all_cells]
        self.endResetModel()

    def position(self, station_no: int, aspect_code: str) -> tuple[int, int] | None:
        """Where a station's aspect is shown now (None: not in this view)."""
        try:
            row = self.stations.index(station_no)
            col = next(i for i, a in enumerate(self.aspects) if a.code == aspect_code)
        except (ValueError, StopIteration):
            return None
        return row, col

    def find_cell(self, station_no: int, aspect_code: str) -> GridCell | None:
        """A cell of the full grid, shown or not."""
        try:
            row = self.stations.index(station_no)
            col = next(i for i, a in enumerate(self.all_aspects) if a.code == aspect_code)
        except (ValueError, StopIteration):
            return None
        return self.all_cells[row][col]

    def set_title_chars(self, n: int) -> None:
        if n != self.title_chars:
            self.title_chars = n
            if self.aspects:
                self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.aspects) - 1)

    def missing(self) -> int:
        """Marks still to give in the columns shown (an empty deduction = none seen)."""
        marked = [c for c, a in enumerate(self.aspects) if a.kind != "D"]
        return sum(1 for row in self.cells for c in marked if row[c].cell.missing)

    def aspect(self, col: int) -> AspectColumn:
        return self.aspects[col]

    def grid_cell(self, row: int, col: int) -> GridCell:
        return self.cells[row][col]

    def editable(self, row: int, col: int) -> bool:
        gc = self.cells[row][col]
        return gc.cell.editable and not gc.pending

    def set_pending(self, row: int, col: int, text: str) -> None:
        self.cells[row][col].pending = text
        self._changed(row, col)

    def stored(self, row: int, col: int, value: Decimal, version: int) -> None:
        gc = self.cells[row][col]
        gc.cell = replace(gc.cell, value=value, version=version, status=gc.cell.status or "entered")
        gc.pending = ""
        gc.stored = True
        self._changed(row, col)

    def failed(self, row: int, col: int) -> None:
        self.cells[row][col].pending = ""
        self._changed(row, col)

    def _changed(self, row: int, col: int) -> None:
        idx = self.index(row, col)
        self.dataChanged.emit(idx, idx)

    def next_editable(self, row: int, col: int) -> tuple[int, int] | None:
        """The next editable cell after (row, col): right, then the next row."""
        ncols = len(self.aspects)
        pos = row * ncols + col + 1
        while pos < len(self.stations) * ncols:
            r, c = divmod(pos, ncols)
            if self.cells[r][c].cell.editable:
                return r, c
            pos += 1
        return None

    # ---------------------------------------------------------------- Qt

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.stations)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.aspects)

    def range_text(self, a: AspectColumn) -> str:
        """Short enough for a narrow column; the full rule is under the grid."""
        if a.kind == "J":
            return self.tr("grade 0–3 · {max}").format(max=fmt_value(a.max_mark))
        if a.kind == "D":
            return self.tr("count · −{max} each").format(max=fmt_value(a.max_mark))
        return self.tr("max {max}").format(max=fmt_value(a.max_mark))

    def header_text(self, col: int) -> str:
        """Three lines: the code, the start of the title, what may be entered. (The whole title
        is in the tooltip and under the grid for the current column.)"""
        a = self.aspects[col]
        title = a.title
        if len(title) > self.title_chars:
            title = title[: max(1, self.title_chars - 1)] + "…"
        return f"{a.code}\n{title}\n{self.range_text(a)}"

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal and section < len(self.aspects):
                return self.header_text(section)
            if orientation == Qt.Orientation.Vertical and section < len(self.stations):
                return self.tr("Station {no}").format(no=station_text(self.stations[section]))
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and orientation == Qt.Orientation.Horizontal
            and section < len(self.aspects)
        ):
            a = self.aspects[section]
            return f"{a.code} {a.title}\n{a.hint_zh if self.lang == 'zh' else a.hint_en}"
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and self.editable(index.row(), index.column()):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        gc = self.cells[index.row()][index.column()]
        c = gc.cell
        if role == Qt.ItemDataRole.DisplayRole:
            if gc.pending:
                return f"{gc.pending} …"
            if c.blocked and c.value is None:
                return CELL_BLOCKS[c.blocked] if self.lang == "zh" else CELL_BLOCKS_EN[c.blocked]
            if c.value is None:
                return ""
            mark = " ✓" if gc.stored else ""
            return f"{fmt_value(c.value)}{mark}"
        if role == Qt.ItemDataRole.EditRole:
            return fmt_value(c.value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTER
        if role == Qt.ItemDataRole.BackgroundRole:
            if c.blocked:
                return QColor("#e9ecef")
            if c.flagged:
                return QColor("#fff1d6")
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if c.blocked:
                return QColor("#6b7580")
            if gc.pending:
                return QColor("#8a6d00")
            if gc.stored:
                return QColor("#1d6b2c")
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if c.flagged:
                return self.tr("Judges disagree by more than the limit: please re-score")
            if c.blocked:
                return CELL_BLOCKS[c.blocked] if self.lang == "zh" else CELL_BLOCKS_EN[c.blocked]
        return None


class SimpleTableModel(QAbstractTableModel):
    """Rows of display strings with fixed headers (the chief judge's lists)."""

    def __init__(self, headers: list[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = headers
        self.rows: list[list[str]] = []
        self.payload: list[Any] = []
        self.colors: list[str | None] = []

    def set_rows(
        self,
        rows: list[list[str]],
        payload: list[Any] | None = None,
        colors: list[str | None] | None = None,
    ) -> None:
        self.beginResetModel()
        self.rows = rows
        self.payload = payload if payload is not None else [None] * len(rows)
        self.colors = colors if colors is not None else [None] * len(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT
        if role == Qt.ItemDataRole.ForegroundRole and self.colors[index.row()]:
            return QColor(self.colors[index.row()])
        return None


def flag_row(f: SpreadFlag) -> list[str]:
    grades = "，".join(f"{v.judge_name} {fmt_value(v.value)}" for v in f.values)
    return [
        station_text(f.station_no),
        f.aspect_code,
        fmt_value(f.spread),
        fmt_value(f.limit),
        grades,
        f.reason,
    ]


def missing_row(m: MissingCell) -> list[str]:
    return [m.judge_name or m.judge_username, station_text(m.station_no), m.aspect_code]
