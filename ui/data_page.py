"""Data and backups (admin): where the data lives, this device, backups, health checks."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kmjudge import audit, paths
from kmjudge.db import backup as backup_mod
from kmjudge.db.backup import BackupInfo
from kmjudge.db.engine import Database
from ui.context import AppContext
from ui.widgets import MessageBanner, alive, heading, hint, human_size, local_time

_Index = QModelIndex | QPersistentModelIndex


class BackupsModel(QAbstractTableModel):
    """Rows are ``kmjudge.db.backup.BackupInfo``, newest first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[BackupInfo] = []
        self._headers = (self.tr("Time"), self.tr("Reason"), self.tr("Size"), self.tr("File"))
        self._reasons = {
            "open": self.tr("on opening"),
            "hourly": self.tr("hourly"),
            "manual": self.tr("by hand"),
            "pre-upgrade": self.tr("before upgrade"),
            "pre-restore": self.tr("before restore"),
            "pre-import": self.tr("before import"),
        }

    def set_rows(self, rows: list[BackupInfo]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        b = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                local_time(b.created, "%Y-%m-%d %H:%M:%S"),
                self._reasons.get(b.reason, b.reason),
                human_size(b.size),
                b.path.name,
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(b.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _card(title: str, parent: QWidget) -> tuple[QFrame, QVBoxLayout]:
    card = QFrame(parent)
    card.setObjectName("card")
    lay = QVBoxLayout(card)
    lay.setContentsMargins(18, 14, 18, 14)
    lay.setSpacing(8)
    lay.addWidget(heading(title, card, 2))
    return card, lay


def _value(text: str, parent: QWidget, name: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


def _list_backups(db: Database) -> list[BackupInfo]:
    stem = db.path.stem if db.path is not None else None
    return backup_mod.list_backups(paths.backups_dir(), stem)


class DataPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("page")
        db = ctx.db
        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 22, 28, 22)
        lay.setSpacing(12)
        lay.addWidget(heading(self.tr("Data and backups"), self))
        self.banner = MessageBanner(self)
        lay.addWidget(self.banner)

        top = QHBoxLayout()
        top.setSpacing(12)
        db_card, db_lay = _card(self.tr("Database"), self)
        form = QFormLayout()
        form.setHorizontalSpacing(14)
        if db.path is not None:
            where, kind = str(db.path), self.tr("SQLite file on this computer")
        else:
            where = db.engine.url.render_as_string(hide_password=True)
            kind = self.tr("PostgreSQL server")
        self.location = _value(where, db_card, "dbLocation")
        form.addRow(self.tr("Location"), self.location)
        form.addRow(self.tr("Kind"), _value(kind, db_card))
        form.addRow(self.tr("Data folder"), _value(str(paths.data_dir()), db_card))
        db_lay.addLayout(form)
        db_lay.addStretch(1)
        top.addWidget(db_card, 3)

        dev_card, dev_lay = _card(self.tr("This computer"), self)
        form = QFormLayout()
        form.setHorizontalSpacing(14)
        dev = db.device
        form.addRow(self.tr("Device name"), _value(dev.name, dev_card))
        form.addRow(self.tr("Device id"), _value(str(dev.id), dev_card, "deviceId"))
        form.addRow(self.tr("Key fingerprint"), _value(dev.fingerprint, dev_card, "fingerprint"))
        dev_lay.addLayout(form)
        dev_lay.addWidget(
            hint(
                self.tr("Other computers recognise files signed here by this fingerprint."),
                dev_card,
            )
        )
        dev_lay.addStretch(1)
        top.addWidget(dev_card, 2)
        lay.addLayout(top)

        bottom = QHBoxLayout()
        bottom.setSpacing(12)
        b_card, b_lay = _card(self.tr("Backups"), self)
        row = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("Back up now"), b_card)
        self.backup_button.setObjectName("primary")
        self.backup_button.clicked.connect(self.backup_now)
        row.addWidget(self.backup_button)
        self.folder_button = QPushButton(self.tr("Open backup folder"), b_card)
        self.folder_button.clicked.connect(self._open_folder)
        row.addWidget(self.folder_button)
        row.addStretch(1)
        b_lay.addLayout(row)
        if db.path is None:
            self.backup_button.setEnabled(False)
            b_lay.addWidget(
                hint(self.tr("Back up a PostgreSQL database with pg_dump on the server."), b_card)
            )
        else:
            b_lay.addWidget(
                hint(
                    self.tr(
                        "A backup is made on opening and every hour. Backups are kept in {folder}."
                    ).format(folder=paths.backups_dir()),
                    b_card,
                )
            )
        self.backups = BackupsModel(self)
        self.table = QTableView(b_card)
        self.table.setObjectName("backupsTable")
        self.table.setModel(self.backups)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        b_lay.addWidget(self.table, 1)
        bottom.addWidget(b_card, 3)

        c_card, c_lay = _card(self.tr("Checks"), self)
        row = QHBoxLayout()
        self.check_button = QPushButton(self.tr("Check database"), c_card)
        self.check_button.setObjectName("checkDb")
        self.check_button.clicked.connect(self.check_database)
        row.addWidget(self.check_button)
        self.verify_button = QPushButton(self.tr("Verify audit chain"), c_card)
        self.verify_button.setObjectName("verifyAudit")
        self.verify_button.clicked.connect(self.verify_audit)
        row.addWidget(self.verify_button)
        row.addStretch(1)
        c_lay.addLayout(row)
        self.check_banner = MessageBanner(c_card)
        c_lay.addWidget(self.check_banner)
        self.report = QPlainTextEdit(c_card)
        self.report.setObjectName("checkReport")
        self.report.setReadOnly(True)
        self.report.setPlaceholderText(
            self.tr(
                "Results of the checks appear here. The audit chain shows whether any "
                "record was changed behind the software's back."
            )
        )
        c_lay.addWidget(self.report, 1)
        bottom.addWidget(c_card, 2)
        lay.addLayout(bottom, 1)

        ctx.bus.backup_done.connect(lambda _p: self.refresh())
        self.refresh()

    # ------------------------------------------------------------------ backups

    def refresh(self) -> None:
        self.ctx.worker.run(
            _list_backups,
            self.ctx.db,
            pool=True,
            on_success=alive(self, self.backups.set_rows),
            on_error=alive(self, self._failed),
        )

    def _failed(self, exc: BaseException) -> None:
        self.banner.error(self.ctx.error_text(exc))

    def backup_now(self) -> None:
        self.backup_button.setEnabled(False)
        self.banner.clear()
        self.ctx.worker.run(
            self.ctx.db.backup,
            "manual",
            on_success=alive(self, self._backed_up),
            on_error=alive(self, self._backup_failed),
            progress=(self, self.tr("Backing up…")),
        )

    def _backed_up(self, path: Path) -> None:
        self.backup_button.setEnabled(True)
        self.banner.success(self.tr("Backup written: {path}").format(path=path))
        self.ctx.bus.backup_done.emit(str(path))

    def _backup_failed(self, exc: BaseException) -> None:
        self.backup_button.setEnabled(True)
        self.banner.error(self.ctx.error_text(exc))

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.backups_dir())))

    # ------------------------------------------------------------------ checks

    def check_database(self) -> None:
        try:
            maintenance = importlib.import_module("kmjudge.maintenance")
            check = maintenance.check_database
        except (ImportError, AttributeError):
            self.check_banner.info(self.tr("The database check is not available in this version."))
            return
        self._running(True)
        self.ctx.worker.run(
            check,
            self.ctx.db,
            on_success=alive(self, self._checked),
            on_error=alive(self, self._check_failed),
            progress=(self, self.tr("Checking the database…")),
        )

    def _checked(self, report: Any) -> None:
        self._running(False)
        lines = report.lines_zh if self.ctx.lang == "zh" else report.lines_en
        self.report.setPlainText("\n".join(lines))
        if report.ok:
            self.check_banner.success(self.tr("The database is healthy."))
        else:
            self.check_banner.error(
                self.tr(
                    "The database has problems: see below. Restore "
                    "the newest good backup or call support."
                )
            )

    def verify_audit(self) -> None:
        self._running(True)
        self.ctx.worker.run(
            audit.verify,
            self.ctx.db,
            on_success=alive(self, self._verified),
            on_error=alive(self, self._check_failed),
            progress=(self, self.tr("Verifying the audit chain…")),
        )

    def _verified(self, report: audit.VerifyReport) -> None:
        self._running(False)
        zh = self.ctx.lang == "zh"
        if report.ok:
            self.check_banner.success(
                self.tr("The audit chain is intact: {n} entries from {d} device(s).").format(
                    n=report.entries, d=report.devices
                )
            )
            self.report.setPlainText("")
            return
        self.check_banner.error(
            self.tr(
                "The audit chain shows {n} problem(s): records were changed outside kmjudge."
            ).format(n=len(report.problems))
        )
        self.report.setPlainText(
            "\n".join(f"✘ {p.message_zh if zh else p.message_en}" for p in report.problems)
        )

    def _check_failed(self, exc: BaseException) -> None:
        self._running(False)
        self.check_banner.error(self.ctx.error_text(exc))

    def _running(self, busy: bool) -> None:
        self.check_button.setEnabled(not busy)
        self.verify_button.setEnabled(not busy)
