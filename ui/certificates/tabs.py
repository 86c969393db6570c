"""The calibration, issued-certificates and print-log tabs of the certificates page.

The calibration tab does its own work (offsets, the calibration page) through the page's
shared pieces: the printer box, the banner, the print dialog and the job progress."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kmjudge import certificates as certs
from kmjudge.certificates import CertificateRow, CertificateSettings, PrintLogEntry
from ui.certificates.jobs import JobProgress, calibration_print_job, print_folder
from ui.certificates.models import IssuedModel, LogModel
from ui.checkin.common import default_folder, safe_filename
from ui.widgets import alive, hint

if TYPE_CHECKING:
    from ui.certificates.page import CertificatesPage

MAX_OFFSET_MM = 30.0


def make_table(parent: QWidget, name: str, model: IssuedModel | LogModel) -> QTableView:
    t = QTableView(parent)
    t.setObjectName(name)
    t.setModel(model)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setAlternatingRowColors(True)
    t.setWordWrap(False)
    t.verticalHeader().hide()
    t.verticalHeader().setDefaultSectionSize(28)
    header = t.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return t


class CalibrationTab(QWidget):
    """Per-printer X/Y offsets for printing on pre-printed stock, and the ruler-grid page."""

    def __init__(self, page: CertificatesPage) -> None:
        super().__init__(page)
        self.page = page
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 10, 8, 8)
        lay.setSpacing(10)
        lay.addWidget(
            hint(
                self.tr(
                    "For pre-printed certificate stock every printer shifts the print a little.\n"
                    "1. Print the calibration page at actual size (100 %, not “fit to page”) on "
                    "plain paper.\n"
                    "2. Measure the distance of the top-left cross from the left and from the top "
                    "edge of the paper: both should be 30 mm.\n"
                    "3. New X = current X + (30 − measured left distance); new Y = current Y + "
                    "(30 − measured top distance), in millimetres (+ moves the print right / "
                    "down). Save, and print the page again to check: the crosses now land where "
                    "their labels say."
                ),
                self,
            )
        )
        box = QGroupBox(self.tr("Offsets for the selected printer"), self)
        form = QFormLayout(box)
        self.printer_label = QLabel(box)
        self.printer_label.setObjectName("calibrationPrinter")
        form.addRow(self.tr("Printer:"), self.printer_label)
        self.dx = self._spin(box, "offsetX")
        self.dy = self._spin(box, "offsetY")
        form.addRow(self.tr("X offset (+ right):"), self.dx)
        form.addRow(self.tr("Y offset (+ down):"), self.dy)
        row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save offsets for this printer"), box)
        self.save_button.setObjectName("saveOffsets")
        self.save_button.clicked.connect(self.save_offsets)
        row.addWidget(self.save_button)
        self.state_label = hint("", box)
        self.state_label.setObjectName("offsetsState")
        row.addWidget(self.state_label, 1)
        form.addRow(row)
        lay.addWidget(box)

        out = QHBoxLayout()
        self.save_pdf_button = QPushButton(self.tr("Save calibration page PDF…"), self)
        self.save_pdf_button.setObjectName("saveCalibration")
        self.save_pdf_button.clicked.connect(self.save_calibration)
        out.addWidget(self.save_pdf_button)
        self.print_button = QPushButton(self.tr("Print calibration page…"), self)
        self.print_button.setObjectName("printCalibration")
        self.print_button.clicked.connect(self.print_calibration)
        out.addWidget(self.print_button)
        out.addStretch(1)
        lay.addLayout(out)
        self.mode_hint = hint("", self)
        self.mode_hint.setObjectName("calibrationModeHint")
        lay.addWidget(self.mode_hint)
        lay.addStretch(1)

    def _spin(self, parent: QWidget, name: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(parent)
        spin.setObjectName(name)
        spin.setRange(-MAX_OFFSET_MM, MAX_OFFSET_MM)
        spin.setDecimals(1)
        spin.setSingleStep(0.5)
        spin.setSuffix(" mm")
        spin.setKeyboardTracking(True)
        spin.setMinimumWidth(110)
        spin.setMaximumWidth(150)
        spin.valueChanged.connect(self.page.offsets_edited)
        return spin

    def offsets(self) -> tuple[float, float]:
        return (round(self.dx.value(), 2), round(self.dy.value(), 2))

    def set_offsets(self, dx: float, dy: float) -> None:
        for spin, v in ((self.dx, dx), (self.dy, dy)):
            spin.blockSignals(True)
            spin.setValue(v)
            spin.blockSignals(False)

    def save_offsets(self) -> None:
        page = self.page
        name = page.printer_name()
        if not name:
            page.banner.error(self.tr("Enter the printer's name first."))
            page.printer_combo.setFocus()
            return
        dx, dy = page.offsets()
        page.ctx.worker.run(
            certs.save_printer_offsets,
            page.ctx.db,
            page.ctx.actor,
            name,
            dx,
            dy,
            on_success=alive(self, lambda _r: self._offsets_saved(name, dx, dy)),
            on_error=alive(page, page._failed),
        )

    def _offsets_saved(self, name: str, dx: float, dy: float) -> None:
        page = self.page
        offsets = dict(page.settings.offsets)
        offsets[name] = (dx, dy)
        page.settings = CertificateSettings(page.settings.layout, page.settings.issuers, offsets)
        page._update_mode()
        page.banner.success(
            self.tr("Offsets for %1 saved: X %2 mm, Y %3 mm.")
            .replace("%1", name)
            .replace("%2", f"{dx:+.1f}")
            .replace("%3", f"{dy:+.1f}")
        )
        page.done.emit("offsets")

    # ------------------------------------------------------------------ the calibration page

    def save_calibration(self) -> None:
        page = self.page
        path = page.ask_save_path(
            self.tr("Save the calibration page as"),
            default_folder()
            / safe_filename(f"证书套打校准页-{page.printer_name() or 'printer'}.pdf"),
        )
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        page.ctx.worker.run(
            certs.calibration_pdf,
            path,
            orientation=page.orientation,
            offsets=page.offsets(),
            printer=page.printer_name(),
            pool=True,
            on_success=alive(self, lambda _b: self._calibration_saved(path)),
            on_error=alive(page, page._failed),
        )

    def _calibration_saved(self, path: str) -> None:
        page = self.page
        page.banner.success(self.tr("Calibration page saved: %1").replace("%1", path))
        page.done.emit("calibration")

    def print_calibration(self) -> None:
        page = self.page
        if page.running:
            return
        printer = page.pick_printer(self.tr("Print the calibration page"))
        if printer is None:
            return
        path = print_folder() / "calibration.pdf"
        job = page._start(self.tr("Printing the calibration page…"), self.tr("Page %1 of %2"))
        page._printer = printer
        page.ctx.worker.run(
            calibration_print_job,
            path,
            page.orientation,
            page.offsets(),
            page.printer_name(),
            printer,
            job.progress,
            pool=True,
            on_success=alive(self, lambda _n: self._calibration_printed(job, path)),
            on_error=alive(page, lambda e: page._job_failed(job, e)),
        )

    def _calibration_printed(self, job: JobProgress, path: Path) -> None:
        page = self.page
        page._stop(job)
        path.unlink(missing_ok=True)
        page.banner.success(
            self.tr(
                "Calibration page sent to the printer. Measure the top-left cross: new X = "
                "current X + (30 − distance from the left edge), new Y = current Y + (30 − "
                "distance from the top edge)."
            )
        )
        page.done.emit("calibration")


class IssuedTab(QWidget):
    """Every certificate issued for the event: reprint (补发) or revoke one."""

    def __init__(self, page: CertificatesPage) -> None:
        super().__init__(page)
        self.page = page
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 10, 8, 8)
        self.model = IssuedModel(self)
        self.table = make_table(self, "issuedTable", self.model)
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.count_label = hint("", self)
        row.addWidget(self.count_label, 1)
        self.reprint_button = QPushButton(self.tr("Reprint (补发)…"), self)
        self.reprint_button.setObjectName("reprintButton")
        self.reprint_button.clicked.connect(page.reprint_selected)
        row.addWidget(self.reprint_button)
        self.revoke_button = QPushButton(self.tr("Revoke…"), self)
        self.revoke_button.setObjectName("revokeButton")
        self.revoke_button.clicked.connect(page.revoke_selected)
        row.addWidget(self.revoke_button)
        lay.addLayout(row)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.update_buttons())
        self.update_buttons()

    def set_rows(self, rows: list[CertificateRow]) -> None:
        self.model.set_rows(rows)
        valid = sum(1 for r in rows if r.revoked_at is None)
        self.count_label.setText(
            self.tr("%1 certificate(s) issued, %2 revoked")
            .replace("%1", str(valid))
            .replace("%2", str(len(rows) - valid))
        )
        self.update_buttons()

    def selected(self) -> CertificateRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.rows[rows[0].row()]

    def select_number(self, number: str) -> bool:
        for i, r in enumerate(self.model.rows):
            if r.number == number:
                self.table.selectRow(i)
                return True
        return False

    def update_buttons(self) -> None:
        row = self.selected()
        ok = row is not None and row.revoked_at is None and self.page.lock_state == "locked"
        self.reprint_button.setEnabled(ok)
        self.revoke_button.setEnabled(row is not None and row.revoked_at is None)


class LogTab(QWidget):
    """The print log: who printed how many, when; reprints one per line."""

    def __init__(self, page: CertificatesPage) -> None:
        super().__init__(page)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 10, 8, 8)
        self.model = LogModel(self)
        self.table = make_table(self, "logTable", self.model)
        lay.addWidget(self.table, 1)
        self.total_label = hint("", self)
        self.total_label.setObjectName("logTotals")
        lay.addWidget(self.total_label)

    def set_rows(self, rows: list[PrintLogEntry]) -> None:
        self.model.set_rows(rows)
        printed = sum(r.count for r in rows)
        reprints = sum(r.count for r in rows if r.reprint)
        self.total_label.setText(
            self.tr("%1 certificate(s) printed in %2 run(s), of which %3 reprint(s) (补发)")
            .replace("%1", str(printed))
            .replace("%2", str(len(rows)))
            .replace("%3", str(reprints))
        )
