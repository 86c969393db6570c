"""Trusted devices (with untrust, and trusting from a key file) and the package log."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kmjudge import sync, trust
from kmjudge.accounts import Perm
from kmjudge.trust import DeviceInfo, DeviceKey
from ui.context import AppContext
from ui.sync import common
from ui.sync.models import GREEN, GREY, RED, Row, RowsModel
from ui.sync.trust_dialog import TrustDialog
from ui.widgets import MessageBanner, alive, hint, local_time


def _table(parent: QWidget, name: str, model: RowsModel, stretch: int) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class DevicesPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.allowed = ctx.actor.can(Perm.IMPORT_PACKAGES) or ctx.actor.can(Perm.MANAGE_USERS)
        self.trust_dialog: TrustDialog | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 10, 0, 0)
        lay.setSpacing(8)
        lay.addWidget(
            hint(
                self.tr(
                    "Packages (and certificates) signed by these laptops are accepted here. "
                    "Stop trusting a laptop that was lost or given away: what it sent stays, "
                    "new packages from it are refused."
                ),
                self,
            )
        )
        self.banner = MessageBanner(self)
        lay.addWidget(self.banner)
        self.model = RowsModel(
            [
                self.tr("Device"),
                self.tr("Fingerprint"),
                self.tr("Trusted"),
                self.tr("Since"),
                self.tr("Last package imported"),
                self.tr("Device id"),
            ],
            self,
        )
        self.table = _table(self, "devicesTable", self.model, 5)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._update())
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.reason = QLineEdit(self)
        self.reason.setObjectName("untrustReason")
        self.reason.setPlaceholderText(self.tr("Reason (e.g. laptop lost)"))
        self.reason.textChanged.connect(lambda _t: self._update())
        row.addWidget(self.reason, 1)
        self.untrust_button = QPushButton(self.tr("Stop trusting this device"), self)
        self.untrust_button.setObjectName("untrust")
        self.untrust_button.clicked.connect(self.untrust)
        row.addWidget(self.untrust_button)
        row.addSpacing(20)
        self.key_button = QPushButton(self.tr("Trust from a key file…"), self)
        self.key_button.setObjectName("trustKeyFile")
        self.key_button.clicked.connect(self.trust_key_file)
        row.addWidget(self.key_button)
        self.save_key_button = QPushButton(self.tr("Save this computer's key file…"), self)
        self.save_key_button.setObjectName("saveKeyFile")
        self.save_key_button.clicked.connect(self.save_key_file)
        row.addWidget(self.save_key_button)
        lay.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        self.ctx.worker.run(
            common.devices,
            self.ctx.db,
            on_success=alive(self, self._fill),
            on_error=alive(self, self._failed),
        )

    def _fill(self, rows: list[DeviceInfo]) -> None:
        out = []
        for d in sorted(rows, key=lambda d: (not d.is_local, not d.trusted, d.name)):
            if d.is_local:
                state, color = self.tr("this computer"), GREEN
            elif d.trusted:
                state, color = self.tr("yes"), None
            else:
                state, color = self.tr("no"), GREY
            last = (
                self.tr("no. {seq}, {when}").format(
                    seq=d.last_import_seq, when=local_time(d.last_import_at)
                )
                if d.last_import_seq
                else ""
            )
            out.append(
                Row(
                    [d.name, d.fingerprint, state, local_time(d.trusted_at), last, str(d.id)],
                    d,
                    color=color,
                    bold=d.is_local,
                )
            )
        self.model.set_rows(out)
        self._update()

    def _failed(self, exc: BaseException) -> None:
        self.banner.error(self.ctx.error_text(exc))

    def selected(self) -> DeviceInfo | None:
        d = self.model.payload(self.table.currentIndex().row())
        return d if isinstance(d, DeviceInfo) else None

    def select_device(self, device_id: uuid.UUID) -> bool:
        for i, r in enumerate(self.model.rows):
            if r.payload.id == device_id:
                self.table.selectRow(i)
                return True
        return False

    def _update(self) -> None:
        d = self.selected()
        ok = d is not None and d.trusted and not d.is_local
        self.untrust_button.setEnabled(self.allowed and ok and bool(self.reason.text().strip()))
        self.key_button.setEnabled(self.allowed)

    def untrust(self) -> None:
        d = self.selected()
        if d is None:
            return
        self.ctx.worker.run(
            trust.untrust_device,
            self.ctx.db,
            self.ctx.actor,
            d.id,
            self.reason.text().strip(),
            on_success=alive(self, lambda _r: self._untrusted(d)),
            on_error=alive(self, self._failed),
        )

    def _untrusted(self, d: DeviceInfo) -> None:
        self.reason.clear()
        self.banner.success(
            self.tr("{name} is no longer trusted: its new packages will be refused.").format(
                name=d.name
            )
        )
        self.refresh()

    def trust_key_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("The other laptop's key file"),
            str(common.remembered_folder(common.IMPORT_FOLDER_KEY)),
            self.tr("Device key files (*.txt);;All files (*)"),
        )
        if path:
            self.trust_from(Path(path))

    def trust_from(self, path: Path) -> None:
        try:
            key = trust.read_key_file(path)
        except trust.TrustError as exc:
            self.banner.error(self.ctx.error_text(exc))
            return
        dialog = TrustDialog(
            key.name,
            key.device_id,
            key.fingerprint,
            self,
            what=self.tr(
                "A key file can be copied by anyone. Ask the person at that laptop to read "
                "the fingerprint from its Data exchange page, and type it below."
            ),
            accept_text=self.tr("Trust this device"),
        )
        self.trust_dialog = dialog
        dialog.finished.connect(lambda code: self._key_answer(key, dialog, code))
        dialog.open()

    def _key_answer(self, key: DeviceKey, dialog: TrustDialog, code: int) -> None:
        self.trust_dialog = None
        dialog.deleteLater()
        if code != TrustDialog.DialogCode.Accepted or not dialog.matches():
            self.banner.info(self.tr("Nothing changed: the device was not trusted."))
            return
        self.ctx.worker.run(
            trust.trust_device,
            self.ctx.db,
            self.ctx.actor,
            key,
            dialog.typed(),
            on_success=alive(self, self._trusted),
            on_error=alive(self, self._failed),
        )

    def _trusted(self, d: DeviceInfo) -> None:
        self.banner.success(self.tr("{name} is trusted now.").format(name=d.name))
        self.refresh()

    def save_key_file(self) -> None:
        from ui.checkin.common import ask_save_path, safe_filename

        dev = self.ctx.db.device
        suggested = common.remembered_folder(common.EXPORT_FOLDER_KEY) / safe_filename(
            f"{dev.name}-device-key.txt"
        )
        target = ask_save_path(self, self.tr("Save this computer's key file"), suggested, "*.txt")
        if not target:
            return
        self.ctx.worker.run(
            trust.write_key_file,
            self.ctx.db,
            target,
            on_success=alive(
                self,
                lambda _k: self.banner.success(
                    self.tr("Key file saved: {path}").format(path=target)
                ),
            ),
            on_error=alive(self, self._failed),
        )


class LogPanel(QWidget):
    """Every package exported from or imported into this database, newest first."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 10, 0, 0)
        self.banner = MessageBanner(self)
        lay.addWidget(self.banner)
        self.model = RowsModel(
            [
                self.tr("Time"),
                self.tr("Direction"),
                self.tr("Device"),
                self.tr("No."),
                self.tr("Kind"),
                self.tr("Rows"),
                self.tr("SHA-256"),
                self.tr("File"),
            ],
            self,
            right=(3, 5),
        )
        self.table = _table(self, "logTable", self.model, 7)
        lay.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        if not (self.ctx.actor.can(Perm.EXPORT) or self.ctx.actor.can(Perm.IMPORT_PACKAGES)):
            return
        self.ctx.worker.run(
            sync.package_log,
            self.ctx.db,
            self.ctx.actor,
            on_success=alive(self, self._fill),
            on_error=alive(self, lambda e: self.banner.error(self.ctx.error_text(e))),
        )

    def _fill(self, rows: list[sync.PackageLogView]) -> None:
        names = {
            "export": self.tr("exported"),
            "import": self.tr("imported"),
            "setup-out": self.tr("set-up exported"),
            "setup-in": self.tr("set-up imported"),
        }
        out = []
        for r in rows:
            scope = self.tr("full") if r.full else self.tr("incremental")
            out.append(
                Row(
                    [
                        local_time(r.created_at),
                        names.get(r.direction, r.direction),
                        r.device_name,
                        str(r.seq),
                        scope,
                        str(sum(r.counts.values())),
                        r.sha256[:16] + "…",
                        Path(r.path).name,
                    ],
                    r,
                    color=RED if not r.sha256 else None,
                    tooltip=f"{r.sha256}\n{r.path}",
                )
            )
        self.model.set_rows(out)
