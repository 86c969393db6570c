"""证书打印: the chief judge's and the admin's certificates page for the selected event.

What it shows: whether the results are locked (certificates are issued only from locked
results), the batch plan by award tier, warnings (a name with a character no font has), a live
preview of the selected contestant's certificate in the chosen layout (full design landscape
or portrait, or an overlay for pre-printed stock with the printer's X/Y offsets), the issued
certificates (reprint 补发, revoke) and the print log. Everything is decided and recorded by
``kmjudge.certificates`` on the worker; this page asks, shows, and sends PDF pages to the
printer (``ui.certificates.printing``).

Printing: the core writes ONE PDF for the batch (numbers, QR tokens and the print log are
recorded only once that PDF is complete); then its pages go to the printer chosen in the
print dialog, at actual size.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kmjudge import certificates as certs
from kmjudge.accounts import Perm
from kmjudge.certificates import (
    CertificateError,
    CertificatePlan,
    CertificateSettings,
    CertificatesPdf,
    LayoutInfo,
    SampleFields,
)
from kmjudge.checkin.common import Cancelled
from ui.certificates.batch_tab import BatchTab
from ui.certificates.dialogs import ReasonDialog, reprint_reasons
from ui.certificates.jobs import (
    JobProgress,
    issue_job,
    plan_job,
    print_folder,
    print_job,
    reprint_job,
)
from ui.certificates.preview import PreviewPane
from ui.certificates.tabs import CalibrationTab, IssuedTab, LogTab
from ui.checkin.common import ask_save_path, default_folder, safe_filename
from ui.context import AppContext
from ui.widgets import MessageBanner, alive, heading, hint, local_time

BANNER_STYLE = {
    "locked": "background: #e2f4e6; color: #1d6b2c; border: 1px solid #86c596;",
    "unlocked": "background: #fdecec; color: #a61b1b; border: 1px solid #e8a5a5;",
    "none": "background: #eef4fb; color: #1d4f8a; border: 1px solid #c9d6e6;",
}


class CertificatesPage(QWidget):
    navigate = Signal(str)  # the main window shows that page
    # what finished: planned | issued | printed | print_failed | reprinted | revoked | offsets
    # | calibration | cancelled | failed | loaded
    done = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("page")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.allowed = ctx.actor.can(Perm.PRINT_CERTIFICATES)
        self.event_id: uuid.UUID | None = None
        self.lock_state = "none"  # none | locked | unlocked | error
        self.settings = CertificateSettings("landscape", (), {})
        self.layouts: list[LayoutInfo] = certs.list_layouts()
        self.running = False
        self.last_result: CertificatesPdf | None = None
        self.last_pages_printed = 0
        self._plan_ticket = 0
        self._printer: QPrinter | None = None  # kept alive while the pool prints on it
        self.job: JobProgress | None = None  # the running job's progress (and Cancel)
        self._settings_seen = False

        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 18, 24, 12)
        lay.setSpacing(8)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Certificates"), self))
        self.event_label = hint("", self)
        self.event_label.setObjectName("eventTitle")
        top.addWidget(self.event_label, 1, Qt.AlignmentFlag.AlignBottom)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.setShortcut("F5")
        self.refresh_button.clicked.connect(self.reload)
        top.addWidget(self.refresh_button)
        lay.addLayout(top)

        banner_row = QHBoxLayout()
        self.lock_banner = QLabel(self)
        self.lock_banner.setObjectName("lockBanner")
        self.lock_banner.setWordWrap(True)
        banner_row.addWidget(self.lock_banner, 1)
        self.chief_button = QPushButton(self.tr("Open chief judge review"), self)
        self.chief_button.setObjectName("openChief")
        self.chief_button.clicked.connect(lambda: self.navigate.emit("chief"))
        self.chief_button.hide()
        banner_row.addWidget(self.chief_button)
        lay.addLayout(banner_row)

        options = QHBoxLayout()
        options.setSpacing(8)
        options.addWidget(QLabel(self.tr("Layout:"), self))
        self.layout_combo = QComboBox(self)
        self.layout_combo.setObjectName("layoutCombo")
        for info in self.layouts:
            self.layout_combo.addItem(info.label, info.name)
            self.layout_combo.setItemData(
                self.layout_combo.count() - 1, info.description, Qt.ItemDataRole.ToolTipRole
            )
        self.layout_combo.currentIndexChanged.connect(self._layout_changed)
        options.addWidget(self.layout_combo)
        options.addSpacing(16)
        self.printer_caption = QLabel(self.tr("Printer (offsets):"), self)
        options.addWidget(self.printer_caption)
        self.printer_combo = QComboBox(self)
        self.printer_combo.setObjectName("printerCombo")
        self.printer_combo.setEditable(True)
        self.printer_combo.setMinimumWidth(220)
        edit = self.printer_combo.lineEdit()
        if edit is not None:
            edit.setPlaceholderText(self.tr("printer name"))
        self.printer_combo.currentTextChanged.connect(self._printer_changed)
        options.addWidget(self.printer_combo)
        self.offsets_label = hint("", self)
        self.offsets_label.setObjectName("offsetsLabel")
        self.offsets_label.setWordWrap(False)
        options.addWidget(self.offsets_label)
        options.addStretch(1)
        lay.addLayout(options)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.tabs = QTabWidget(self.splitter)
        self.tabs.setObjectName("certTabs")
        self.batch = BatchTab(self)
        self.tabs.addTab(self.batch, self.tr("Batch"))
        self.calibration = CalibrationTab(self)
        self.tabs.addTab(self.calibration, self.tr("Calibration"))
        self.issued = IssuedTab(self)
        self.tabs.addTab(self.issued, self.tr("Issued"))
        self.log = LogTab(self)
        self.tabs.addTab(self.log, self.tr("Print log"))
        right = QWidget(self.splitter)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(8, 0, 0, 0)
        self.preview_title = QLabel(right)
        self.preview_title.setObjectName("previewTitle")
        self.preview_title.setStyleSheet("font-weight: bold;")
        rl.addWidget(self.preview_title)
        self.preview = PreviewPane(ctx, right)
        rl.addWidget(self.preview, 1)
        self.stock_box = QCheckBox(self.tr("Show what the stock has pre-printed (grey)"), right)
        self.stock_box.setObjectName("showStock")
        self.stock_box.setChecked(True)
        self.stock_box.toggled.connect(self.refresh_preview)
        rl.addWidget(self.stock_box)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([640, 520])
        self.splitter.setChildrenCollapsible(False)
        lay.addWidget(self.splitter, 1)
        self.banner = MessageBanner(self)
        lay.addWidget(self.banner)

        self._fill_printers()
        self._update_mode()
        ctx.bus.event_changed.connect(self.set_event)
        self.load_settings()
        self.set_event(ctx.event_id)

    # ------------------------------------------------------------------ state

    def layout_info(self) -> LayoutInfo | None:
        name = self.layout_combo.currentData()
        return next((i for i in self.layouts if i.name == name), None)

    def layout_name(self) -> str:
        info = self.layout_info()
        return info.name if info else self.settings.layout

    @property
    def overlay(self) -> bool:
        info = self.layout_info()
        return info is not None and info.mode == "overlay"

    @property
    def orientation(self) -> str:
        info = self.layout_info()
        return info.orientation if info else "landscape"

    def printer_name(self) -> str:
        return " ".join(self.printer_combo.currentText().split())

    def offsets(self) -> tuple[float, float]:
        return self.calibration.offsets()

    def saved_offsets(self) -> tuple[float, float]:
        return self.settings.offsets.get(self.printer_name(), (0.0, 0.0))

    def _fill_printers(self) -> None:
        current = self.printer_name()
        names = list(QPrinterInfo.availablePrinterNames())
        for saved in sorted(self.settings.offsets):
            if saved not in names:
                names.append(saved)
        self.printer_combo.blockSignals(True)
        self.printer_combo.clear()
        self.printer_combo.addItems(names)
        wanted = current or QPrinterInfo.defaultPrinterName() or (names[0] if names else "")
        self.printer_combo.setEditText(wanted)
        self.printer_combo.blockSignals(False)

    def _update_mode(self) -> None:
        overlay = self.overlay
        dx, dy = self.offsets()
        saved = self.saved_offsets()
        text = self.tr("X %1 mm, Y %2 mm").replace("%1", f"{dx:+.1f}").replace("%2", f"{dy:+.1f}")
        if (dx, dy) != saved:
            text += " " + self.tr("(not saved)")
        self.offsets_label.setText(text if overlay else self.tr("(offsets apply to stock only)"))
        self.stock_box.setVisible(overlay)
        self.calibration.printer_label.setText(self.printer_name() or self.tr("(none)"))
        self.calibration.state_label.setText(
            self.tr("Saved.") if (dx, dy) == saved else self.tr("Changed, not saved yet.")
        )
        self.calibration.mode_hint.setText(
            ""
            if overlay
            else self.tr(
                "The chosen layout prints the whole design on blank paper: offsets are used "
                "only with a layout for pre-printed stock."
            )
        )

    # ------------------------------------------------------------------ loading

    def load_settings(self) -> None:
        self.ctx.worker.run(
            certs.get_settings,
            self.ctx.db,
            self.event_id,
            on_success=alive(self, self._settings_loaded),
            on_error=alive(self, lambda e: self.banner.error(self.ctx.error_text(e))),
        )

    def _settings_loaded(self, settings: CertificateSettings) -> None:
        first = not self._settings_seen
        self._settings_seen = True
        self.settings = settings
        if first:
            idx = self.layout_combo.findData(settings.layout)
            if idx >= 0 and idx != self.layout_combo.currentIndex():
                self.layout_combo.blockSignals(True)
                self.layout_combo.setCurrentIndex(idx)
                self.layout_combo.blockSignals(False)
            self._fill_printers()
            self.calibration.set_offsets(*self.saved_offsets())
            if self.event_id is not None:
                self.reload_plan()
        self._update_mode()
        self.refresh_preview()
        self.done.emit("loaded")

    def set_event(self, event_id: uuid.UUID | None) -> None:
        self.event_id = event_id
        self.batch.clear()
        self.issued.set_rows([])
        self.log.set_rows([])
        self.banner.clear()
        if not self.allowed:
            self._set_lock_state(
                "none", self.tr("Only the chief judge and the administrator print certificates.")
            )
            return
        if event_id is None:
            self.event_label.setText("")
            self._set_lock_state("none", self.tr("Choose an event first."))
            self.refresh_preview()
            return
        self.reload()

    def reload(self) -> None:
        if not self.allowed or self.event_id is None:
            return
        self.reload_plan()
        self.reload_lists()
        self.refresh_preview()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.event_id is not None and self.allowed and not self.running:
            self.reload_plan()  # the chief judge may have locked the event meanwhile

    def reload_plan(self) -> None:
        if not self.allowed or self.event_id is None:
            return
        self._plan_ticket += 1
        ticket = self._plan_ticket
        b = self.batch
        self.ctx.worker.run(
            plan_job,
            self.ctx.db,
            self.ctx.actor,
            self.event_id,
            b.selected_tiers(),
            b.participation,
            b.reprint_box.isChecked(),
            self.layout_name(),
            on_success=alive(self, lambda p: self._plan_loaded(ticket, p)),
            on_error=alive(self, lambda e: self._plan_failed(ticket, e)),
        )

    def reload_lists(self) -> None:
        if self.event_id is None:
            return
        event_id = self.event_id
        self.ctx.worker.run(
            certs.list_certificates,
            self.ctx.db,
            self.ctx.actor,
            event_id,
            on_success=alive(
                self, lambda rows: self._if_event(event_id, self.issued.set_rows, rows)
            ),
        )
        self.ctx.worker.run(
            certs.print_log,
            self.ctx.db,
            self.ctx.actor,
            event_id,
            on_success=alive(self, lambda rows: self._if_event(event_id, self.log.set_rows, rows)),
        )

    def _if_event(self, event_id: uuid.UUID, fn: Any, value: Any) -> None:
        if event_id == self.event_id:
            fn(value)

    def _plan_loaded(self, ticket: int, plan: CertificatePlan) -> None:
        if ticket != self._plan_ticket or plan.event_id != self.event_id:
            return
        self.event_label.setText(plan.event_name)
        self._set_lock_state(
            "locked",
            self.tr("Results locked on %1: certificates can be issued.").replace(
                "%1", local_time(plan.locked_at)
            ),
        )
        self.batch.show_plan(plan)
        self.issued.update_buttons()
        self.refresh_preview()
        self.done.emit("planned")

    def _plan_failed(self, ticket: int, exc: BaseException) -> None:
        if ticket != self._plan_ticket:
            return
        if isinstance(exc, CertificateError) and exc.code == "not_locked":
            self._set_lock_state(
                "unlocked",
                self.tr(
                    "The results of this event are not locked yet, so no certificate can be "
                    "issued: certificates are printed only from locked results. The chief "
                    "judge locks them on “Chief judge review” → Lock. You can already choose "
                    "the layout and calibrate the printer."
                ),
            )
            self.batch.clear(self.tr("Nothing can be issued before the lock."))
        else:
            self._set_lock_state("error", self.ctx.error_text(exc))
            self.batch.clear()
        self.issued.update_buttons()
        self.refresh_preview()
        self.done.emit("planned")

    def _set_lock_state(self, state: str, text: str) -> None:
        self.lock_state = state
        style = BANNER_STYLE.get(state, BANNER_STYLE["unlocked"])
        self.lock_banner.setText(text)
        self.lock_banner.setProperty("state", state)
        self.lock_banner.setStyleSheet(
            f"QLabel#lockBanner {{ {style} border-radius: 4px; padding: 7px 10px;"
            " font-weight: bold; font-size: 11pt; }"
        )
        self.chief_button.setVisible(state == "unlocked" and self.ctx.actor.can(Perm.LOCK))
        self.batch.update_buttons()
        self.issued.update_buttons()

    # ------------------------------------------------------------------ preview

    def preview_fields(self) -> SampleFields | None:
        e = self.batch.current_entry()
        if e is None:
            return None
        return SampleFields(
            name=e.name,
            award=e.award,
            title=e.title,
            employer=e.employer,
            number=e.number or "KM0000-XXXXXX-0000",
            kind=e.kind,
            reprint=e.action == "reprint",
        )

    def refresh_preview(self) -> None:
        fields = self.preview_fields()
        e = self.batch.current_entry()
        if e is not None:
            title = self.tr("Preview: %1 · %2").replace("%1", e.name).replace("%2", e.award)
        else:
            title = self.tr("Preview: a sample certificate")
        self.preview_title.setText(title)
        kwargs: dict[str, Any] = {
            "fields": fields,
            "offsets": self.offsets(),
            "show_stock": self.stock_box.isChecked(),
        }
        if self.event_id is None:
            self.preview.request(certs.preview_pdf, self.layout_name(), pool=True, **kwargs)
        else:
            self.preview.request(
                certs.preview_for_event,
                self.ctx.db,
                self.event_id,
                layout=self.layout_name(),
                **kwargs,
            )

    # ------------------------------------------------------------------ options changed

    def _layout_changed(self, _index: int) -> None:
        self._update_mode()
        self.refresh_preview()
        self.batch.schedule_plan()
        name = self.layout_name()
        if self.allowed and name != self.settings.layout:
            self.ctx.worker.run(
                certs.save_layout_choice,
                self.ctx.db,
                self.ctx.actor,
                name,
                on_error=alive(self, lambda e: self.banner.error(self.ctx.error_text(e))),
            )
            self.settings = CertificateSettings(name, self.settings.issuers, self.settings.offsets)

    def _printer_changed(self, _text: str) -> None:
        self.calibration.set_offsets(*self.saved_offsets())
        self._update_mode()
        if self.overlay:
            self.refresh_preview()

    def offsets_edited(self, _value: float = 0.0) -> None:
        self._update_mode()
        if self.overlay:
            self.refresh_preview()

    # ------------------------------------------------------------------ asking (tests replace)

    def ask_save_path(self, title: str, suggested: Path) -> str:
        return ask_save_path(self, title, suggested, self.tr("PDF files (*.pdf)"))

    def choose_printer(self, orientation: str, title: str) -> QPrinter | None:
        """The print dialog; the printer comes back set up for A4 at actual size."""
        from ui.certificates.printing import prepare_printer

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        name = self.printer_name()
        if name and name in QPrinterInfo.availablePrinterNames():
            printer.setPrinterName(name)
        prepare_printer(printer, orientation)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(title)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        prepare_printer(printer, orientation)  # whatever was chosen: the certificate's size
        return printer

    def pick_printer(self, title: str) -> QPrinter | None:
        """The chosen printer, always set to the certificate's A4 orientation at actual size
        (whatever the dialog, or a test's printer, left it at)."""
        from ui.certificates.printing import prepare_printer

        printer = self.choose_printer(self.orientation, title)
        if printer is not None:
            prepare_printer(printer, self.orientation)
        return printer

    def ask_reason(
        self, title: str, text: str, buttons: list[tuple[str, str]], reasons: list[str]
    ) -> tuple[str, str] | None:
        """(reason, button) or None when cancelled."""
        dialog = ReasonDialog(self, title=title, text=text, reasons=reasons, buttons=buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.text(), dialog.choice

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    # ------------------------------------------------------------------ batch

    def _ready_plan(self) -> CertificatePlan | None:
        plan = self.batch.plan
        why = self.batch.blocked_reason()
        if self.running:
            return None
        if plan is None or why:
            self.banner.error(why or self.tr("Nothing can be issued until the results are locked."))
            return None
        if plan.reprint_count and len(self.batch.reason()) < 2:
            self.banner.error(self.tr("Please give the reason for the reprints (补发)."))
            self.batch.reason_edit.setFocus()
            return None
        return plan

    def _batch_file_name(self, plan: CertificatePlan) -> str:
        return safe_filename(f"{plan.event_name}-荣誉证书.pdf")

    def save_batch(self) -> None:
        plan = self._ready_plan()
        if plan is None:
            return
        path = self.ask_save_path(
            self.tr("Save the certificates as"), default_folder() / self._batch_file_name(plan)
        )
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        self._issue(plan, path, None)

    def print_batch(self) -> None:
        plan = self._ready_plan()
        if plan is None:
            return
        printer = self.pick_printer(self.tr("Print the certificates"))
        if printer is None:
            return
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = print_folder() / safe_filename(f"{stamp}-{self._batch_file_name(plan)}")
        self._issue(plan, str(path), printer)

    def _start(self, label: str, unit: str) -> JobProgress:
        self.running = True
        self.banner.clear()
        for b in (self.batch.save_button, self.batch.print_button):
            b.setEnabled(False)
        self.job = JobProgress(self, label, unit)
        return self.job

    def _stop(self, job: JobProgress) -> None:
        job.finish()
        self.job = None
        self.running = False
        self._printer = None
        self.batch.update_buttons()

    def _issue(self, plan: CertificatePlan, path: str, printer: QPrinter | None) -> None:
        job = self._start(self.tr("Making the certificates…"), self.tr("Certificate %1 of %2"))
        self._printer = printer
        self.ctx.worker.run(
            issue_job,
            self.ctx.db,
            self.ctx.actor,
            plan,
            path,
            job.progress,
            overlay=self.overlay,
            printer=self.printer_name(),
            offsets=self.offsets(),
            force=self.batch.ack_box.isChecked(),
            reason=self.batch.reason(),
            on_success=alive(self, lambda r: self._issued(job, r, printer, "issued")),
            on_error=alive(self, lambda e: self._job_failed(job, e)),
        )

    def _issued(
        self, job: JobProgress, result: CertificatesPdf, printer: QPrinter | None, what: str
    ) -> None:
        self.last_result = result
        if printer is None:
            self._stop(job)
            self.banner.success(
                self._issued_text(result)
                + "\n"
                + self.tr("Saved: %1").replace("%1", str(result.path))
            )
            self.reload()
            self.done.emit(what)
            return
        job.set_stage(self.tr("Sending the certificates to the printer…"), self.tr("Page %1 of %2"))
        self.ctx.worker.run(
            print_job,
            result.path,
            printer,
            job.progress,
            pool=True,
            on_success=alive(self, lambda pages: self._printed(job, result, pages, what)),
            on_error=alive(self, lambda e: self._print_failed(job, result, e)),
        )

    def _issued_text(self, result: CertificatesPdf) -> str:
        numbers = [c.number for c in result.certificates]
        text = (
            self.tr("%1 new certificate(s) and %2 reprint(s), %3 page(s).")
            .replace("%1", str(result.new))
            .replace("%2", str(result.reprints))
            .replace("%3", str(result.pages))
        )
        if numbers:
            span = numbers[0] if len(numbers) == 1 else f"{numbers[0]} … {numbers[-1]}"
            text += " " + self.tr("Numbers: %1").replace("%1", span)
        return text

    def _printed(self, job: JobProgress, result: CertificatesPdf, pages: int, what: str) -> None:
        self._stop(job)
        self.last_pages_printed = pages
        result.path.unlink(missing_ok=True)
        text = (
            self._issued_text(result)
            + "\n"
            + self.tr("Sent to the printer: %1 page(s).").replace("%1", str(pages))
        )
        if self.overlay:
            dx, dy = self.offsets()
            text += " " + (
                self.tr("Overlay offsets used: X %1 mm, Y %2 mm.")
                .replace("%1", f"{dx:+.1f}")
                .replace("%2", f"{dy:+.1f}")
            )
        self.banner.success(text)
        self.reload()
        self.done.emit("printed" if what == "issued" else what)

    def _print_failed(self, job: JobProgress, result: CertificatesPdf, exc: BaseException) -> None:
        self._stop(job)
        why = (
            self.tr("printing was cancelled")
            if isinstance(exc, Cancelled)
            else self.ctx.error_text(exc)
        )
        self.banner.error(
            self.tr(
                "The certificates were issued and logged (%1), but %2. The PDF is kept at %3: "
                "print the missing pages from it; do not issue them again."
            )
            .replace("%1", self._issued_text(result))
            .replace("%2", why)
            .replace("%3", str(result.path))
        )
        self.reload()
        self.done.emit("print_failed")

    def _job_failed(self, job: JobProgress, exc: BaseException) -> None:
        self._stop(job)
        if isinstance(exc, Cancelled):
            self.banner.info(self.tr("Cancelled. No file was written and nothing was issued."))
            self.done.emit("cancelled")
            return
        self._failed(exc)
        self.reload_plan()

    def _failed(self, exc: BaseException) -> None:
        self.banner.error(self.ctx.error_text(exc))
        self.done.emit("failed")

    # ------------------------------------------------------------------ one certificate

    def reprint_selected(self, *, force: bool = False) -> None:
        row = self.issued.selected()
        if row is None or self.running:
            return
        answer = self.ask_reason(
            self.tr("Reprint certificate %1 (补发)").replace("%1", row.number),
            self.tr(
                "%1's certificate %2 is printed again with the same number and QR code, "
                "marked 补发 with today's date. The reprint is logged with your name and the "
                "reason."
            )
            .replace("%1", row.name)
            .replace("%2", row.number),
            [("print", self.tr("Print…")), ("pdf", self.tr("Save PDF…"))],
            reprint_reasons(),
        )
        if answer is None:
            return
        reason, choice = answer
        self._reprint(row.number, row.name, reason, choice, force)

    def _reprint(self, number: str, name: str, reason: str, choice: str, force: bool) -> None:
        printer: QPrinter | None = None
        file_name = safe_filename(f"证书补发-{number}-{name}.pdf")
        if choice == "print":
            printer = self.pick_printer(self.tr("Print the reprint"))
            if printer is None:
                return
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            path = str(print_folder() / f"{stamp}-{file_name}")
        else:
            path = self.ask_save_path(self.tr("Save the reprint as"), default_folder() / file_name)
            if not path:
                return
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
        job = self._start(self.tr("Making the reprint…"), self.tr("Certificate %1 of %2"))
        self._printer = printer
        self.ctx.worker.run(
            reprint_job,
            self.ctx.db,
            self.ctx.actor,
            number,
            path,
            reason,
            job.progress,
            layout=self.layout_name(),
            overlay=self.overlay,
            printer=self.printer_name(),
            offsets=self.offsets(),
            force=force,
            on_success=alive(self, lambda r: self._issued(job, r, printer, "reprinted")),
            on_error=alive(
                self, lambda e: self._reprint_failed(job, e, (number, name, reason, choice))
            ),
        )

    def _reprint_failed(
        self, job: JobProgress, exc: BaseException, again: tuple[str, str, str, str]
    ) -> None:
        if isinstance(exc, CertificateError) and exc.code == "blocked":
            self._stop(job)
            if self.confirm(self.tr("Print anyway?"), self.ctx.error_text(exc)):
                self._reprint(*again, True)
            return
        self._job_failed(job, exc)

    def revoke_selected(self) -> None:
        row = self.issued.selected()
        if row is None or self.running:
            return
        answer = self.ask_reason(
            self.tr("Revoke certificate %1").replace("%1", row.number),
            self.tr(
                "After revoking, %1's certificate %2 verifies as revoked wherever this "
                "database is known, and a new certificate can be issued (with a new number). "
                "This cannot be undone."
            )
            .replace("%1", row.name)
            .replace("%2", row.number),
            [("revoke", self.tr("Revoke"))],
            [self.tr("The award was changed after an appeal"), self.tr("Wrong name printed")],
        )
        if answer is None:
            return
        number = row.number
        self.ctx.worker.run(
            certs.revoke_certificate,
            self.ctx.db,
            self.ctx.actor,
            number,
            answer[0],
            on_success=alive(self, lambda _r: self._revoked(number)),
            on_error=alive(self, self._failed),
        )

    def _revoked(self, number: str) -> None:
        self.banner.success(self.tr("Certificate %1 is revoked.").replace("%1", number))
        self.reload()
        self.done.emit("revoked")
