"""Long certificate jobs: the core call on the worker, a progress dialog with Cancel.

The core reports each page to a plain :class:`Progress` object (no Qt object is touched from
the worker thread); a timer here reads it. The dialog appears only when the job takes longer
than ``PROGRESS_DELAY_MS`` (quick jobs do not flash a window). Cancel sets a
``threading.Event`` the core checks between pages: the core then writes nothing and leaves no
file.
"""

from __future__ import annotations

import threading
import uuid
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QProgressDialog, QWidget

from kmjudge import certificates as certs
from kmjudge import paths
from kmjudge.accounts import Actor
from kmjudge.certificates import CertificatePlan, CertificatesPdf
from kmjudge.db.engine import Database
from ui.certificates.printing import print_pdf

PROGRESS_DELAY_MS = 600
POLL_MS = 100


def print_folder() -> Path:
    """Where a batch sent to the printer is kept while it prints (and after a failure)."""
    folder = paths.data_dir() / "certificates"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Progress:
    """Filled in by the worker thread, read by the GUI's timer; plain attributes only."""

    def __init__(self) -> None:
        self.done = 0
        self.total = 0
        self.cancel = threading.Event()

    def __call__(self, done: int, total: int) -> None:
        self.done, self.total = done, total

    def restart(self) -> None:
        self.done = self.total = 0


def issue_job(
    db: Database,
    actor: Actor,
    plan: CertificatePlan,
    path: str,
    progress: Progress,
    *,
    overlay: bool,
    printer: str,
    offsets: tuple[float, float],
    force: bool,
    reason: str,
) -> CertificatesPdf:
    """Runs on the worker. (Worker.run keeps its own ``progress=`` keyword, so the core's
    progress and cancel are handed over here.)"""
    return certs.issue_certificates(
        db,
        actor,
        plan,
        path,
        overlay=overlay,
        printer=printer or None,
        offsets=offsets if overlay else None,
        force=force,
        reason=reason,
        progress=progress,
        cancel=progress.cancel,
    )


def reprint_job(
    db: Database,
    actor: Actor,
    number: str,
    path: str,
    reason: str,
    progress: Progress,
    *,
    layout: str,
    overlay: bool,
    printer: str,
    offsets: tuple[float, float],
    force: bool,
) -> CertificatesPdf:
    return certs.reprint_certificate(
        db,
        actor,
        number,
        path,
        reason,
        layout=layout,
        overlay=overlay,
        printer=printer or None,
        offsets=offsets if overlay else None,
        force=force,
        progress=progress,
        cancel=progress.cancel,
    )


def print_job(path: str | Path, printer: QPrinter, progress: Progress) -> int:
    """Runs on the pool: the PDF's pages onto the printer at actual size."""
    return print_pdf(path, printer, progress, progress.cancel)


def calibration_print_job(
    path: Path,
    orientation: str,
    offsets: tuple[float, float],
    printer_name: str,
    printer: QPrinter,
    progress: Progress,
) -> int:
    """Runs on the pool: write the calibration page (the printer's offsets applied), print it."""
    certs.calibration_pdf(path, orientation=orientation, offsets=offsets, printer=printer_name)
    return print_pdf(path, printer, progress, progress.cancel)


def plan_job(
    db: Database,
    actor: Actor,
    event_id: uuid.UUID,
    tiers: tuple[str, ...],
    participation: bool,
    reprint_issued: bool,
    layout: str,
) -> CertificatePlan:
    return certs.plan_batch(
        db,
        actor,
        event_id,
        tiers=tiers,
        participation=participation,
        reprint_issued=reprint_issued,
        layout=layout,
    )


class JobProgress(QObject):
    """A progress dialog for one job: shown after ``PROGRESS_DELAY_MS``, Cancel sets the
    job's event, the bar follows :class:`Progress`. Call :meth:`finish` when the job ends."""

    def __init__(self, parent: QWidget, label: str, unit: str) -> None:
        super().__init__(parent)
        self.progress = Progress()
        self.dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, parent)
        self.dialog.setObjectName("certProgress")
        self.dialog.setWindowTitle(self.tr("Certificates"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumDuration(24 * 3600 * 1000)  # shown by our own timer instead
        self.dialog.canceled.connect(self.cancel)
        self.dialog.hide()
        self.unit = unit
        self.shown = False
        self.show_timer = QTimer(self)
        self.show_timer.setSingleShot(True)
        self.show_timer.timeout.connect(self._show)
        self.show_timer.start(PROGRESS_DELAY_MS)
        self.poll = QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self._poll)
        self.poll.start()

    def set_stage(self, label: str, unit: str) -> None:
        self.progress.restart()
        self.unit = unit
        self.dialog.setLabelText(label)
        self.dialog.setRange(0, 0)

    def _show(self) -> None:
        if not self.progress.cancel.is_set():
            self.shown = True
            self.dialog.show()

    def _poll(self) -> None:
        p = self.progress
        if p.total:
            self.dialog.setRange(0, p.total)
            self.dialog.setValue(p.done)
            self.dialog.setLabelText(
                self.dialog.labelText().split("\n")[0]
                + "\n"
                + self.unit.replace("%1", str(p.done)).replace("%2", str(p.total))
            )

    def cancel(self) -> None:
        self.progress.cancel.set()
        self.dialog.setLabelText(self.tr("Cancelling…"))

    @property
    def cancelled(self) -> bool:
        return self.progress.cancel.is_set()

    def finish(self) -> None:
        self.show_timer.stop()
        self.poll.stop()
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.close()
        self.dialog.deleteLater()
        self.deleteLater()
