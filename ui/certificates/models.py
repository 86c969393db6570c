"""Table models of the certificates page: the batch plan, issued certificates, the print log.

Adapters over the core's frozen objects (``PlanEntry``, ``CertificateRow``, ``PrintLogEntry``);
they only format, never compute.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from kmjudge.certificates import CertificateRow, PlanEntry, PrintLogEntry
from ui.tablemodel import HeaderedTableModel
from ui.widgets import local_time

_Index = QModelIndex | QPersistentModelIndex
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
RED = QColor("#a61b1b")
GREY = QColor("#8a939c")
GREEN = QColor("#1d6b2c")
AMBER = QColor("#7a5500")


class PlanModel(HeaderedTableModel):
    """The batch: who gets which certificate, and whether it is new, a reprint or skipped."""

    STATION, NAME, EMPLOYER, AWARD, TITLE, NUMBER, STATE = range(7)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = [
            self.tr("Station"),
            self.tr("Name"),
            self.tr("Employer"),
            self.tr("Award"),
            self.tr("Title"),
            self.tr("Number"),
            self.tr("State"),
        ]
        self.entries: list[PlanEntry] = []

    def set_entries(self, entries: list[PlanEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def state_text(self, e: PlanEntry) -> str:
        if e.action == "new":
            return self.tr("new")
        if e.action == "reprint":
            return self.tr("reprint (补发)")
        return self.tr("issued, not printed")

    def text(self, row: int, col: int) -> str:
        e = self.entries[row]
        if col == self.STATION:
            return str(e.station) if e.station is not None else ""
        if col == self.NAME:
            return e.name
        if col == self.EMPLOYER:
            return e.employer
        if col == self.AWARD:
            return e.award
        if col == self.TITLE:
            return e.title
        if col == self.NUMBER:
            return e.number
        return self.state_text(e)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        e = self.entries[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.STATION, self.STATE):
            return _CENTER
        if role == Qt.ItemDataRole.ForegroundRole:
            if e.missing_chars and col == self.NAME:
                return QBrush(RED)
            if e.action == "skip":
                return QBrush(GREY)
            if e.action == "reprint" and col == self.STATE:
                return QBrush(AMBER)
        if role == Qt.ItemDataRole.ToolTipRole and e.missing_chars:
            return self.tr("No installed font has “%1”: it would print as an empty box.").replace(
                "%1", e.missing_chars
            )
        return None


class IssuedModel(HeaderedTableModel):
    """Certificates already issued for the event (revoked ones greyed)."""

    NUMBER, NAME, AWARD, TITLE, ISSUED, BY, PRINTED, STATE = range(8)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = [
            self.tr("Number"),
            self.tr("Name"),
            self.tr("Award"),
            self.tr("Title"),
            self.tr("Issued"),
            self.tr("By"),
            self.tr("Printed"),
            self.tr("State"),
        ]
        self.rows: list[CertificateRow] = []

    def set_rows(self, rows: list[CertificateRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def text(self, row: int, col: int) -> str:
        r = self.rows[row]
        values = [
            r.number,
            r.name,
            r.award,
            r.title,
            local_time(r.issued_at),
            r.issued_by,
            self.tr("%1×").replace("%1", str(r.printed)),
            self.tr("revoked") if r.revoked_at is not None else self.tr("valid"),
        ]
        return values[col]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.ForegroundRole and r.revoked_at is not None:
            return QBrush(GREY)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (
            self.PRINTED,
            self.STATE,
        ):
            return _CENTER
        return None


class LogModel(HeaderedTableModel):
    """The print log: who printed how many, when; reprints (补发) one per line with a reason."""

    WHEN, WHO, DEVICE, COUNT, KIND, NUMBER, NAME, REASON = range(8)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = [
            self.tr("When"),
            self.tr("Who"),
            self.tr("Device"),
            self.tr("Count"),
            self.tr("Kind"),
            self.tr("Number"),
            self.tr("Name"),
            self.tr("Reason"),
        ]
        self.rows: list[PrintLogEntry] = []

    def set_rows(self, rows: list[PrintLogEntry]) -> None:
        self.beginResetModel()
        self.rows = list(reversed(rows))  # newest first
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def text(self, row: int, col: int) -> str:
        r = self.rows[row]
        values = [
            local_time(r.printed_at, "%Y-%m-%d %H:%M:%S"),
            r.user,
            r.device,
            str(r.count),
            self.tr("reprint (补发)") if r.reprint else self.tr("batch"),
            r.number,
            r.name,
            r.reason,
        ]
        return values[col]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.ForegroundRole and r.reprint and index.column() == self.KIND:
            return QBrush(AMBER)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.COUNT:
            return _CENTER
        return None
