"""The handover slip (数据移交单): the core writes the PDF, this dialog shows it (QtPdf), and
prints it, opens it in the PDF viewer or saves a copy (e.g. onto the USB stick).

The slip goes with the stick: the receiving side compares the fingerprint printed on it with
the import screen before trusting a new laptop, and both people sign it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kmjudge import paths, sync
from kmjudge.sync import ExportResult
from ui.checkin.common import ask_save_path, safe_filename
from ui.context import AppContext
from ui.widgets import MessageBanner, alive, heading, hint


def slip_path(result: ExportResult) -> Path:
    """Where the slip of a package is written: the data folder's ``slips`` folder."""
    return paths.data_dir() / "slips" / safe_filename(f"{result.path.stem}-数据移交单.pdf")


class SlipDialog(QDialog):
    """Writes the slip of ``result`` at once and shows it."""

    written = Signal(str)  # the PDF's path

    def __init__(
        self, ctx: AppContext, result: ExportResult, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.package = result
        self.pdf: Path | None = None
        self.setObjectName("slipDialog")
        self.setWindowTitle(self.tr("Handover slip"))
        self.resize(760, 860)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(18, 14, 18, 14)
        lay.setSpacing(8)
        lay.addWidget(heading(self.tr("Handover slip (数据移交单)"), self, 2))
        lay.addWidget(
            hint(
                self.tr(
                    "Print it and give it with the USB stick. The receiving side compares the "
                    "fingerprint and the SHA-256 on it with their import screen; both sign."
                ),
                self,
            )
        )
        form = QFormLayout()
        self.giver = QLineEdit(ctx.actor.display_name, self)
        self.giver.setObjectName("slipGiver")
        self.receiver = QLineEdit(self)
        self.receiver.setObjectName("slipReceiver")
        self.receiver.setPlaceholderText(self.tr("(left blank: signed by hand)"))
        form.addRow(self.tr("Handed over by"), self.giver)
        form.addRow(self.tr("Received by"), self.receiver)
        lay.addLayout(form)
        self.banner = MessageBanner(self)
        lay.addWidget(self.banner)

        self.doc = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("slipView")
        self.view.setDocument(self.doc)
        self.view.setPageMode(QPdfView.PageMode.SinglePage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.view.setStyleSheet("QPdfView { background: #d9dee4; border: 1px solid #c9d3de; }")
        lay.addWidget(self.view, 1)

        row = QHBoxLayout()
        self.update_button = QPushButton(self.tr("Update names"), self)
        self.update_button.setObjectName("slipUpdate")
        self.update_button.clicked.connect(self.write)
        row.addWidget(self.update_button)
        row.addStretch(1)
        self.print_button = QPushButton(self.tr("Print…"), self)
        self.print_button.setObjectName("primary")
        self.print_button.clicked.connect(self.print_slip)
        row.addWidget(self.print_button)
        self.open_button = QPushButton(self.tr("Open in PDF viewer"), self)
        self.open_button.setObjectName("slipOpen")
        self.open_button.clicked.connect(self.open_external)
        row.addWidget(self.open_button)
        self.save_button = QPushButton(self.tr("Save a copy…"), self)
        self.save_button.setObjectName("slipSave")
        self.save_button.clicked.connect(self.save_copy)
        row.addWidget(self.save_button)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.accept)
        row.addWidget(close)
        lay.addLayout(row)
        self._enable(False)
        self.write()

    def _enable(self, ready: bool) -> None:
        for b in (self.print_button, self.open_button, self.save_button):
            b.setEnabled(ready)
        self.update_button.setEnabled(ready)

    def write(self) -> None:
        self._enable(False)
        target = slip_path(self.package)
        target.parent.mkdir(parents=True, exist_ok=True)
        self.doc.close()  # release the file before it is replaced (Windows)
        self.ctx.worker.run(
            sync.handover_slip_pdf,
            self.ctx.db,
            self.ctx.actor,
            self.package,
            target,
            handed_over_by=self.giver.text().strip(),
            received_by=self.receiver.text().strip(),
            on_success=alive(self, self._written),
            on_error=alive(self, self._failed),
            progress=(self, self.tr("Writing the handover slip…")),
        )

    def _written(self, path: Path) -> None:
        self.pdf = Path(path)
        self.doc.load(str(self.pdf))
        self._enable(True)
        self.banner.success(self.tr("Slip written: {path}").format(path=self.pdf))
        self.written.emit(str(self.pdf))

    def _failed(self, exc: BaseException) -> None:
        self.update_button.setEnabled(True)
        self.banner.error(self.ctx.error_text(exc))

    def open_external(self) -> None:
        if self.pdf is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.pdf)))

    def save_copy(self) -> None:
        if self.pdf is None:
            return
        suggested = self.package.path.parent / self.pdf.name
        target = ask_save_path(
            self, self.tr("Save the handover slip"), suggested, self.tr("PDF files (*.pdf)")
        )
        if not target:
            return
        try:
            shutil.copyfile(self.pdf, target)
        except OSError as exc:
            self.banner.error(self.tr("Could not save the copy: {error}").format(error=exc))
            return
        self.banner.success(self.tr("Copy saved: {path}").format(path=target))

    def print_slip(self) -> None:
        from ui.certificates.printing import prepare_printer, print_pdf

        if self.pdf is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, "portrait")
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print the handover slip"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        prepare_printer(printer, "portrait")
        self.print_button.setEnabled(False)
        self._printer = printer  # alive until the pool thread is done with it
        self.ctx.worker.run(
            print_pdf,
            self.pdf,
            printer,
            pool=True,
            on_success=alive(self, self._printed),
            on_error=alive(self, self._failed_print),
            progress=(self, self.tr("Printing…")),
        )

    def _printed(self, _pages: int) -> None:
        self.print_button.setEnabled(True)
        self.banner.success(self.tr("The slip was sent to the printer."))

    def _failed_print(self, exc: BaseException) -> None:
        self.print_button.setEnabled(True)
        self.banner.error(self.ctx.error_text(exc))
