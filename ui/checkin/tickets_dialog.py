"""准考证 PDF: the whole event (6, 4 or 1 per A4 page), or one reprint (补发) that cancels the old
ticket.

The PDF is written by the core (``write_tickets_pdf`` / ``reprint_ticket_pdf``) on the worker.
The core reports each ticket to a plain progress object that a timer here reads (no Qt object
is touched from the worker thread); Cancel sets a ``threading.Event`` the core checks between
tickets. The core writes to a temporary file and renames it at the end, so a cancelled run
leaves no file at all. The dialog is not modal: the desk can go on scanning meanwhile.
"""

from __future__ import annotations

import threading
import uuid
from pathlib import Path

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kmjudge import checkin
from kmjudge.accounts import Actor
from kmjudge.checkin import Cancelled, TicketsPdf
from kmjudge.db.engine import Database
from kmjudge.registration.service import RegistrationView
from ui.checkin.common import ask_save_path, default_folder, safe_filename
from ui.context import AppContext
from ui.registration.models import guarded
from ui.widgets import MessageBanner, heading, hint

POLL_MS = 100


class Progress:
    """Filled in by the worker thread, read by the GUI's timer; plain attributes only."""

    def __init__(self) -> None:
        self.done = 0
        self.total = 0
        self.cancel = threading.Event()

    def __call__(self, done: int, total: int) -> None:
        self.done, self.total = done, total


def make_tickets(
    db: Database,
    actor: Actor,
    event_id: uuid.UUID,
    path: str,
    per_page: int,
    progress: Progress,
) -> TicketsPdf:
    """Runs on the worker. (Worker.run keeps its own ``progress=`` keyword, so the core's
    progress and cancel are handed over here.)"""
    return checkin.write_tickets_pdf(
        db, actor, event_id, path, per_page=per_page, progress=progress, cancel=progress.cancel
    )


class TicketsDialog(QDialog):
    """Batch tickets for the event, or (with ``person``) one reprint."""

    written = Signal(object)  # TicketsPdf

    def __init__(
        self,
        ctx: AppContext,
        event_id: uuid.UUID,
        event_title: str = "",
        parent: QWidget | None = None,
        *,
        person: RegistrationView | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.event_id = event_id
        self.person = person
        self.progress: Progress | None = None
        self.result_pdf: TicketsPdf | None = None
        self.running = False
        self.setObjectName("ticketsDialog")
        self.setMinimumWidth(720)
        reprint = person is not None
        self.setWindowTitle(self.tr("Reprint a ticket") if reprint else self.tr("Print tickets"))

        lay = QVBoxLayout(self)
        lay.setContentsMargins(22, 18, 22, 16)
        lay.setSpacing(10)
        if person is not None:
            lay.addWidget(heading(self.tr("Reprint a ticket"), self))
            lay.addWidget(
                hint(
                    self.tr(
                        "A new ticket for {name} (ticket no. {ticket}). The old ticket is "
                        "cancelled at once: scanning it will say so."
                    ).format(name=person.name, ticket=person.ticket_no),
                    self,
                )
            )
        else:
            lay.addWidget(heading(self.tr("Print admission tickets"), self))
            lay.addWidget(
                hint(
                    self.tr(
                        "Every contestant of {event}, except those withdrawn or disqualified. "
                        "Tickets already issued are printed again unchanged."
                    ).format(event=event_title or self.tr("this event")),
                    self,
                )
            )

        form = QFormLayout()
        form.setHorizontalSpacing(12)
        per_page = QHBoxLayout()
        self.per_page_group = QButtonGroup(self)
        self.per_page_buttons: dict[int, QRadioButton] = {}
        for n, text in (
            (6, self.tr("6 per page")),
            (4, self.tr("4 per page")),
            (1, self.tr("1 per page (large)")),
        ):
            button = QRadioButton(text, self)
            button.setObjectName(f"perPage{n}")
            self.per_page_group.addButton(button, n)
            self.per_page_buttons[n] = button
            per_page.addWidget(button)
        per_page.addStretch(1)
        self.per_page_buttons[1 if reprint else 6].setChecked(True)
        form.addRow(self.tr("Layout:"), per_page)

        self.reason = QComboBox(self)
        self.reason.setObjectName("reprintReason")
        self.reason.setEditable(True)
        self.reason.addItems([self.tr("Ticket lost"), self.tr("Ticket damaged")])
        self.reason.setCurrentIndex(-1)
        self.reason.setEditText("")
        if reprint:
            form.addRow(self.tr("Reason:"), self.reason)
        else:
            self.reason.hide()

        path_row = QHBoxLayout()
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("pdfPath")
        name = (
            f"准考证-补发-{person.ticket_no}-{person.name}.pdf"
            if person is not None
            else f"准考证-{event_title or 'event'}.pdf"
        )
        self.path_edit.setText(str(default_folder() / safe_filename(name)))
        path_row.addWidget(self.path_edit, 1)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.setObjectName("browseButton")
        browse.setAutoDefault(False)
        browse.clicked.connect(self._browse)
        path_row.addWidget(browse)
        form.addRow(self.tr("Save as:"), path_row)
        lay.addLayout(form)

        self.bar = QProgressBar(self)
        self.bar.setObjectName("ticketsProgress")
        self.bar.setFormat(self.tr("%v of %m tickets"))
        self.bar.hide()
        lay.addWidget(self.bar)
        self.banner = MessageBanner(self)
        lay.addWidget(self.banner)

        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open the PDF"), self)
        self.open_button.setObjectName("openPdf")
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self._open_pdf)
        self.open_button.hide()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel printing"), self)
        self.cancel_button.setObjectName("cancelPrinting")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        buttons.addWidget(self.cancel_button)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setObjectName("closeButton")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close)
        buttons.addWidget(self.close_button)
        self.generate_button = QPushButton(
            self.tr("Reprint") if reprint else self.tr("Make the PDF"), self
        )
        self.generate_button.setObjectName("primary")
        self.generate_button.setDefault(True)
        self.generate_button.clicked.connect(self.generate)
        buttons.addWidget(self.generate_button)
        lay.addLayout(buttons)

        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)

    # ------------------------------------------------------------------ actions

    @property
    def per_page(self) -> int:
        return self.per_page_group.checkedId()

    def _browse(self) -> None:
        path = ask_save_path(
            self, self.tr("Save the tickets as"), Path(self.path_edit.text()), "PDF (*.pdf)"
        )
        if path:
            self.path_edit.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def generate(self) -> bool:
        if self.running:
            return False
        path = self.path_edit.text().strip()
        if not path:
            self.banner.error(self.tr("Choose where to save the PDF."))
            return False
        ctx = self.ctx
        self.banner.clear()
        self.open_button.hide()
        if self.person is not None:
            reason = " ".join(self.reason.currentText().split())
            if len(reason) < 2:
                self.banner.error(self.tr("Please give the reason for the reprint."))
                self.reason.setFocus()
                return False
            self._start(busy_only=True)
            ctx.worker.run(
                checkin.reprint_ticket_pdf,
                ctx.db,
                ctx.actor,
                self.person.id,
                path,
                reason,
                per_page=self.per_page,
                **guarded(self, self._written, self._failed),
            )
            return True
        self.progress = Progress()
        self._start(busy_only=False)
        ctx.worker.run(
            make_tickets,
            ctx.db,
            ctx.actor,
            self.event_id,
            path,
            self.per_page,
            self.progress,
            **guarded(self, self._written, self._failed),
        )
        return True

    def _start(self, *, busy_only: bool) -> None:
        self.running = True
        self.generate_button.setEnabled(False)
        self.bar.setRange(0, 0)
        self.bar.show()
        self.cancel_button.setVisible(not busy_only)
        self.cancel_button.setEnabled(True)
        self.timer.start()

    def _poll(self) -> None:
        p = self.progress
        if p is not None and p.total:
            self.bar.setRange(0, p.total)
            self.bar.setValue(p.done)

    def cancel(self) -> None:
        """Stop the run between two tickets; nothing is written."""
        if self.progress is not None and self.running:
            self.progress.cancel.set()
            self.cancel_button.setEnabled(False)
            self.banner.info(self.tr("Cancelling…"))

    def _stop(self) -> None:
        self.running = False
        self.timer.stop()
        self.bar.hide()
        self.cancel_button.hide()
        self.generate_button.setEnabled(True)

    def _written(self, result: TicketsPdf) -> None:
        self._stop()
        self.result_pdf = result
        self.banner.success(
            self.tr("{tickets} ticket(s) on {pages} page(s).").format(
                tickets=result.tickets, pages=result.pages
            )
            + "\n"
            + self.tr("Saved as {name} in {folder}").format(
                name=result.path.name, folder=result.path.parent
            )
        )
        self.open_button.show()
        self.adjustSize()
        self.written.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._stop()
        if isinstance(exc, Cancelled):
            self.banner.info(self.tr("Cancelled. No file was written."))
        else:
            self.banner.error(self.ctx.error_text(exc))

    def _open_pdf(self) -> None:
        if self.result_pdf is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result_pdf.path)))

    def reject(self) -> None:  # Escape
        self.cancel()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.cancel()  # a run still going stops (and writes nothing)
        super().closeEvent(event)
