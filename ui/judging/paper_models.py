"""Table models of the paper screens (评分表录入, 差异核对), over the core's frozen views.

The entry model is built from a :class:`PaperSheetView` only: station numbers, the sheet's
aspects and this clerk's own values. It mirrors the printed sheet (rows = aspects, columns =
stations), so the clerk's eyes move along the paper and the screen the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from kmjudge.judging import rules
from kmjudge.judging.views import CELL_BLOCKS, AspectColumn, PaperSheetView
from ui.judging.models import CELL_BLOCKS_EN, fmt_value

_Index = QModelIndex | QPersistentModelIndex
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
HEADER_CHARS = 18  # characters of an aspect title per line in the row header


def wrap(text: str, width: int = HEADER_CHARS) -> str:
    """Break a long aspect title into lines of ``width`` characters (a header does not wrap
    by itself; Chinese has no spaces to break at)."""
    return "\n".join(text[i : i + width] for i in range(0, len(text), width)) or text


@dataclass
class EntryCell:
    blocked: str  # a key of CELL_BLOCKS ("" = to be typed)
    saved: Decimal | None  # this clerk's stored value for the pass shown
    text: str  # what the form holds ("" = empty)

    @property
    def value(self) -> Decimal | None:
        return rules.parse_number(self.text) if self.text else None

    @property
    def dirty(self) -> bool:
        """Typed but not saved yet."""
        value = self.value
        if value is None or self.saved is None:
            return (value is None) != (self.saved is None)
        return rules.canonical(value) != rules.canonical(self.saved)


class SheetEntryModel(QAbstractTableModel):
    """One paper sheet: aspects (rows) x stations (columns), as printed."""

    def __init__(self, lang: str = "zh", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.view: PaperSheetView | None = None
        self.aspects: tuple[AspectColumn, ...] = ()
        self.stations: tuple[int, ...] = ()
        self.cells: list[list[EntryCell]] = []
        self.writable = False

    # ---------------------------------------------------------------- loading

    def load(self, view: PaperSheetView | None, writable: bool) -> None:
        self.beginResetModel()
        self.view = view
        self.aspects = view.aspects if view else ()
        self.stations = view.stations if view else ()
        self.writable = writable and view is not None
        self.cells = []
        if view is not None:
            for a in view.aspects:
                row = []
                for st in view.stations:
                    saved = view.my_values.get((st, a.code))
                    blocked = view.blocked.get((st, a.code), "")
                    row.append(EntryCell(blocked, saved, fmt_value(saved)))
                self.cells.append(row)
        self.endResetModel()

    def rebase(self, own_pass: bool) -> None:
        """The pass chosen is (not) the one the loaded values were saved in: what counts as
        saved changes, what is typed stays (switching to a pass this clerk does not own makes
        every typed value one to send)."""
        if self.view is None:
            return
        for r, a in enumerate(self.aspects):
            for c, st in enumerate(self.stations):
                self.cells[r][c].saved = self.view.my_values.get((st, a.code)) if own_pass else None
        if self.cells:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.cells) - 1, len(self.stations) - 1)
            )

    def aspect(self, row: int) -> AspectColumn:
        return self.aspects[row]

    def station(self, col: int) -> int:
        return self.stations[col]

    def cell(self, row: int, col: int) -> EntryCell:
        return self.cells[row][col]

    def editable(self, row: int, col: int) -> bool:
        return self.writable and not self.cells[row][col].blocked

    def set_text(self, row: int, col: int, text: str) -> None:
        self.cells[row][col].text = text.strip()
        idx = self.index(row, col)
        self.dataChanged.emit(idx, idx)

    def next_editable(self, row: int, col: int) -> tuple[int, int] | None:
        """The next cell to type after (row, col): along the row, then the next row."""
        ncols = len(self.stations)
        pos = row * ncols + col + 1
        while pos < len(self.aspects) * ncols:
            r, c = divmod(pos, ncols)
            if self.editable(r, c):
                return r, c
            pos += 1
        return None

    def first_editable(self) -> tuple[int, int] | None:
        if self.rowCount() and self.columnCount() and self.editable(0, 0):
            return 0, 0
        return self.next_editable(0, -1) if self.rowCount() else None

    # ---------------------------------------------------------------- what to save

    def values(self) -> dict[tuple[int, str], str | None]:
        """Every typed cell, and ``None`` for a cell this clerk emptied after saving it."""
        out: dict[tuple[int, str], str | None] = {}
        for r, a in enumerate(self.aspects):
            for c, st in enumerate(self.stations):
                cell = self.cells[r][c]
                if cell.blocked:
                    continue
                if cell.text:
                    out[(st, a.code)] = cell.text
                elif cell.saved is not None:
                    out[(st, a.code)] = None
        return out

    def dirty_count(self) -> int:
        return sum(1 for row in self.cells for c in row if not c.blocked and c.dirty)

    def counts(self) -> tuple[int, int, int]:
        """(cells typed, cells to type, marks (M/J) still empty)."""
        typed = total = empty_marks = 0
        for r, a in enumerate(self.aspects):
            for cell in self.cells[r]:
                if cell.blocked:
                    continue
                total += 1
                typed += bool(cell.text)
                empty_marks += not cell.text and a.kind != "D"
        return typed, total, empty_marks

    # ---------------------------------------------------------------- Qt

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.aspects)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.stations)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal and section < len(self.stations):
                return self.tr("No. {no}").format(no=self.stations[section])
            if orientation == Qt.Orientation.Vertical and section < len(self.aspects):
                a = self.aspects[section]
                rule = a.hint_zh if self.lang == "zh" else a.hint_en
                trainee = self.tr(" (trainee)") if a.trainee else ""
                return f"{wrap(f'{a.code} {a.title}{trainee}')}\n{rule}"
        vertical = orientation == Qt.Orientation.Vertical
        if role == Qt.ItemDataRole.ToolTipRole and vertical and section < len(self.aspects):
            return self.aspects[section].description or None
        return None

    def _blocked_text(self, key: str) -> str:
        if self.lang == "zh":
            return CELL_BLOCKS.get(key, key)
        return CELL_BLOCKS_EN.get(key, key)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and self.editable(index.row(), index.column()):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        cell = self.cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if cell.blocked:
                return self._blocked_text(cell.blocked)
            if not cell.text:
                return ""
            return cell.text if cell.dirty else f"{cell.text} ✓"
        if role == Qt.ItemDataRole.EditRole:
            return cell.text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTER
        if role == Qt.ItemDataRole.BackgroundRole:
            if cell.blocked:
                return QColor("#e3e6ea")
            if cell.dirty:
                return QColor("#fff6e0")
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if cell.blocked:
                return QColor("#6b7580")
            if cell.dirty:
                return QColor("#5c4300")
            return QColor("#1d6b2c")
        if role == Qt.ItemDataRole.FontRole and cell.text:
            font = QFont()
            font.setPointSizeF(13)
            font.setBold(cell.dirty)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if cell.blocked:
                return self._blocked_text(cell.blocked)
            if cell.dirty:
                return self.tr("Typed, not saved yet")
            if cell.text:
                return self.tr("Saved")
        return None
