"""打印评分表: make the paper marking sheets of an event (or reprint some) into one PDF.

For the admin and the chief judge. Choose the event, the criterion, the judge(s) who mark it
and the stations (every station the judge marks, or a list such as ``1-10,12``); the core
creates the sheets for every chosen judge in one transaction (``paper.create_sheets_for``)
and writes them into one PDF (``paper.write_sheets_pdf``) on the worker. The core reports each
sheet to a plain progress object that a timer here reads (no Qt object is touched from the
worker); Cancel sets a ``threading.Event`` the core checks between sheets, and as the PDF is
written beside its name and renamed at the end, a cancelled run leaves no file. A station is
on one sheet per judge and criterion, so sheets already made are reprinted with their own
codes (补打), here or from the list of sheets.

When the PDF is written it opens in a preview (QtPdf) with where it was saved; without QtPdf
it opens in the system's PDF viewer.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kmjudge import events
from kmjudge.accounts import Actor
from kmjudge.checkin import Cancelled
from kmjudge.db.engine import Database
from kmjudge.errors import KmError
from kmjudge.judging import paper
from kmjudge.judging.paper import SheetPrintOptions
from kmjudge.judging.views import PaperSheetInfo
from ui.checkin.common import ask_save_path, default_folder, safe_filename
from ui.context import AppContext
from ui.widgets import MessageBanner, alive, heading, hint

POLL_MS = 100


class Progress:
    """Filled in by the worker thread, read by the GUI's timer; plain attributes only."""

    def __init__(self) -> None:
        self.done = 0
        self.total = 0
        self.created: list[PaperSheetInfo] = []
        self.cancel = threading.Event()

    def __call__(self, done: int, total: int) -> None:
        self.done, self.total = done, total


@dataclass(frozen=True)
class SheetsPdf:
    path: Path
    sheets: tuple[PaperSheetInfo, ...] = field(default_factory=tuple)
    codes: tuple[str, ...] = ()
    reprint: bool = False


def make_sheets(
    db: Database,
    actor: Actor,
    event_id: uuid.UUID,
    judges: Sequence[str],
    stations: Sequence[int] | None,
    criterion: str,
    per_sheet: int,
    path: str,
    progress: Progress,
) -> SheetsPdf:
    """Runs on the worker: create the sheets (one transaction), then write their PDF."""
    infos = paper.create_sheets_for(db, actor, event_id, judges, stations, criterion, per_sheet)
    progress.created = infos
    codes = [i.code for i in infos]
    out = paper.write_sheets_pdf(db, actor, codes, path, progress=progress, cancel=progress.cancel)
    return SheetsPdf(out, tuple(infos), tuple(codes))


def reprint_sheets(
    db: Database, actor: Actor, codes: Sequence[str], path: str, progress: Progress
) -> SheetsPdf:
    """Runs on the worker: the PDF of sheets that exist already (same codes)."""
    out = paper.write_sheets_pdf(
        db, actor, list(codes), path, progress=progress, cancel=progress.cancel
    )
    return SheetsPdf(out, (), tuple(codes), reprint=True)


class PdfPreviewDialog(QDialog):
    """The PDF just written, with where it is and a button for the system viewer (to print)."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        super().__init__(parent)
        self.path = path
        self.setObjectName("pdfPreview")
        self.setWindowTitle(self.tr("Preview: {name}").format(name=path.name))
        self.resize(980, 720)
        lay = QVBoxLayout(self)
        where = QLabel(self.tr("Saved as {path}").format(path=path), self)
        where.setObjectName("pdfPath")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where.setWordWrap(True)
        lay.addWidget(where)
        self.document = QPdfDocument(self)
        self.document.load(str(path))
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        lay.addWidget(self.view, 1)
        buttons = QHBoxLayout()
        self.pages = QLabel(self.tr("{n} page(s)").format(n=self.document.pageCount()), self)
        buttons.addWidget(self.pages)
        buttons.addStretch(1)
        folder = QPushButton(self.tr("Open the folder"), self)
        folder.setObjectName("openFolder")
        folder.setAutoDefault(False)
        folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
        )
        buttons.addWidget(folder)
        system = QPushButton(self.tr("Open in the PDF viewer to print"), self)
        system.setObjectName("openSystem")
        system.setAutoDefault(False)
        system.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
        buttons.addWidget(system)
        close = QPushButton(self.tr("Close"), self)
        close.setObjectName("closePreview")
        close.clicked.connect(self.close)
        buttons.addWidget(close)
        lay.addLayout(buttons)


def show_pdf(path: Path, parent: QWidget | None = None) -> QDialog | None:
    """Preview ``path`` in the app (QtPdf), else open it in the system's viewer."""
    try:
        dlg = PdfPreviewDialog(path, parent)
    except ImportError:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return None
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.show()
    return dlg


class PrintSheetsDialog(QDialog):
    """Create and print marking sheets, or (``codes``) reprint existing ones."""

    written = Signal(object)  # SheetsPdf
    loaded = Signal()

    def __init__(
        self,
        ctx: AppContext,
        event_id: uuid.UUID,
        parent: QWidget | None = None,
        *,
        codes: Sequence[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.event_id = event_id
        self.codes = list(codes or [])
        self.reprint_mode = bool(self.codes)
        self.options: SheetPrintOptions | None = None
        self._judges_for: object = None  # the criterion the judge list was filled for
        self.progress: Progress | None = None
        self.result_pdf: SheetsPdf | None = None
        self.preview: QDialog | None = None
        self.running = False
        self.setObjectName("printSheetsDialog")
        self.setMinimumWidth(760)
        self.setWindowTitle(
            self.tr("Reprint marking sheets")
            if self.reprint_mode
            else self.tr("Print marking sheets")
        )

        lay = QVBoxLayout(self)
        lay.setContentsMargins(22, 18, 22, 16)
        lay.setSpacing(10)
        if self.reprint_mode:
            lay.addWidget(heading(self.tr("Reprint marking sheets"), self))
            lay.addWidget(
                hint(
                    self.tr(
                        "The sheets are printed again with their own codes: {codes}. Values "
                        "already typed from them are kept."
                    ).format(
                        codes="、".join(self.codes[:12]) + ("…" if len(self.codes) > 12 else "")
                    ),
                    self,
                )
            )
        else:
            lay.addWidget(heading(self.tr("Print marking sheets (评分表)"), self))
            lay.addWidget(
                hint(
                    self.tr(
                        "One sheet per judge, criterion and block of stations, with a barcode "
                        "the score clerks scan. Stations are shown by number only. Stations a "
                        "judge may not mark (回避, 缺考, another group) print greyed."
                    ),
                    self,
                )
            )

        form = QFormLayout()
        form.setHorizontalSpacing(12)
        self.event_combo = QComboBox(self)
        self.event_combo.setObjectName("eventCombo")
        self.event_combo.currentIndexChanged.connect(self._event_picked)
        self.criterion_combo = QComboBox(self)
        self.criterion_combo.setObjectName("criterionCombo")
        self.criterion_combo.currentIndexChanged.connect(lambda _i: self._fill_judges())
        self.judge_list = QListWidget(self)
        self.judge_list.setObjectName("judgeList")
        self.judge_list.setMaximumHeight(150)
        self.judge_list.itemChanged.connect(lambda _i: self._update_existing())
        judge_box = QVBoxLayout()
        judge_box.addWidget(self.judge_list)
        judge_buttons = QHBoxLayout()
        self.all_button = QPushButton(self.tr("All judges"), self)
        self.all_button.setObjectName("allJudges")
        self.all_button.setAutoDefault(False)
        self.all_button.clicked.connect(lambda: self._check_all(True))
        self.none_button = QPushButton(self.tr("None"), self)
        self.none_button.setObjectName("noJudges")
        self.none_button.setAutoDefault(False)
        self.none_button.clicked.connect(lambda: self._check_all(False))
        judge_buttons.addWidget(self.all_button)
        judge_buttons.addWidget(self.none_button)
        judge_buttons.addStretch(1)
        judge_box.addLayout(judge_buttons)

        stations_box = QVBoxLayout()
        self.station_group = QButtonGroup(self)
        self.all_stations = QRadioButton(
            self.tr("Every station the judge marks (still competing)"), self
        )
        self.all_stations.setObjectName("allStations")
        self.some_stations = QRadioButton(self.tr("These stations:"), self)
        self.some_stations.setObjectName("someStations")
        self.station_group.addButton(self.all_stations, 0)
        self.station_group.addButton(self.some_stations, 1)
        self.all_stations.setChecked(True)
        some_row = QHBoxLayout()
        some_row.addWidget(self.some_stations)
        self.stations_edit = QLineEdit(self)
        self.stations_edit.setObjectName("stationsEdit")
        self.stations_edit.setPlaceholderText(self.tr("e.g. 1-10,12"))
        self.stations_edit.textEdited.connect(self._stations_typed)
        some_row.addWidget(self.stations_edit, 1)
        self.stations_note = hint("", self)
        self.stations_note.setObjectName("stationsNote")
        stations_box.addWidget(self.all_stations)
        stations_box.addLayout(some_row)
        stations_box.addWidget(self.stations_note)
        self.per_sheet = QSpinBox(self)
        self.per_sheet.setObjectName("perSheet")
        self.per_sheet.setRange(1, 20)
        self.per_sheet.setValue(paper.STATIONS_PER_SHEET)
        self.per_sheet.setSuffix(self.tr(" stations per sheet"))
        self.existing = hint("", self)
        self.existing.setObjectName("existingSheets")
        self.reprint_button = QPushButton(self.tr("Reprint these sheets"), self)
        self.reprint_button.setObjectName("reprintExisting")
        self.reprint_button.setAutoDefault(False)
        self.reprint_button.clicked.connect(self.reprint_existing)
        existing_row = QHBoxLayout()
        existing_row.addWidget(self.existing, 1)
        existing_row.addWidget(self.reprint_button)
        if not self.reprint_mode:
            form.addRow(self.tr("Event:"), self.event_combo)
            form.addRow(self.tr("Criterion:"), self.criterion_combo)
            form.addRow(self.tr("Judges:"), judge_box)
            form.addRow(self.tr("Stations:"), stations_box)
            form.addRow("", self.per_sheet)
            form.addRow(self.tr("Already printed:"), existing_row)
        else:
            for w in (self.event_combo, self.criterion_combo, self.judge_list, self.all_button,
                      self.none_button, self.all_stations, self.some_stations,
                      self.stations_edit, self.stations_note, self.per_sheet, self.existing,
                      self.reprint_button):  # fmt: skip
                w.hide()

        path_row = QHBoxLayout()
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("pdfPath")
        path_row.addWidget(self.path_edit, 1)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.setObjectName("browseButton")
        browse.setAutoDefault(False)
        browse.clicked.connect(self._browse)
        path_row.addWidget(browse)
        form.addRow(self.tr("Save as:"), path_row)
        lay.addLayout(form)

        self.bar = QProgressBar(self)
        self.bar.setObjectName("sheetsProgress")
        self.bar.setFormat(self.tr("%v of %m sheets"))
        self.bar.hide()
        lay.addWidget(self.bar)
        self.banner = MessageBanner(self)
        lay.addWidget(self.banner)

        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Preview the PDF"), self)
        self.open_button.setObjectName("openPdf")
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self.open_preview)
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
            self.tr("Reprint") if self.reprint_mode else self.tr("Create and make the PDF"), self
        )
        self.generate_button.setObjectName("primary")
        self.generate_button.setDefault(True)
        self.generate_button.clicked.connect(self.generate)
        buttons.addWidget(self.generate_button)
        lay.addLayout(buttons)

        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)

        self._suggest_path("")
        if self.reprint_mode:
            self.loaded.emit()
        else:
            self.generate_button.setEnabled(False)
            self._load_events()

    # ------------------------------------------------------------------ loading

    def _load_events(self) -> None:
        self.ctx.worker.run(
            events.list_events,
            self.ctx.db,
            self.ctx.actor,
            on_success=alive(self, self._events_loaded),
            on_error=alive(self, lambda exc: self.banner.error(self.ctx.error_text(exc))),
        )

    def _events_loaded(self, summaries: list[events.EventSummary]) -> None:
        self.event_combo.blockSignals(True)
        self.event_combo.clear()
        for e in summaries:
            name = e.name if not e.trade or e.trade in e.name else f"{e.name}（{e.trade}）"
            # str, not the UUID: findData cannot match a Python object it did not store
            self.event_combo.addItem(name, str(e.id))
        index = self.event_combo.findData(str(self.event_id))
        self.event_combo.setCurrentIndex(max(index, 0))
        self.event_combo.blockSignals(False)
        self._event_picked()

    def _event_picked(self, _index: int = 0) -> None:
        data = self.event_combo.currentData()
        if not data:
            return
        event_id = uuid.UUID(str(data))
        self.event_id = event_id
        self.generate_button.setEnabled(False)
        self.ctx.worker.run(
            paper.print_options,
            self.ctx.db,
            self.ctx.actor,
            event_id,
            on_success=alive(self, self._options_loaded),
            on_error=alive(self, lambda exc: self.banner.error(self.ctx.error_text(exc))),
        )

    def _options_loaded(self, options: SheetPrintOptions) -> None:
        self.options = options
        keep = self.criterion_combo.currentData()
        self.criterion_combo.blockSignals(True)
        self.criterion_combo.clear()
        for code, title, locked in options.criteria:
            suffix = self.tr(" (locked)") if locked else ""
            self.criterion_combo.addItem(f"{code} {title}{suffix}", code)
        index = self.criterion_combo.findData(keep)
        self.criterion_combo.setCurrentIndex(max(index, 0))
        self.criterion_combo.blockSignals(False)
        self._fill_judges()
        self._stations_typed(self.stations_edit.text())
        self.generate_button.setEnabled(True)
        if options.locked:
            self.banner.show_message(
                self.tr("This event is locked: no new sheets; existing ones can be reprinted."),
                "warning",
            )
        self.loaded.emit()

    def _fill_judges(self) -> None:
        code = self.criterion_combo.currentData()
        # the same criterion again (options reloaded after printing): keep the ticks
        keep = set(self.judges()) if code == self._judges_for else None
        self._judges_for = code
        self.judge_list.blockSignals(True)
        self.judge_list.clear()
        if self.options is not None:
            for j in self.options.judges:
                if code not in j.criteria:
                    continue
                text = f"{j.display_name}（{j.username}）"
                if j.trainee:
                    text += self.tr(" · trainee")
                item = QListWidgetItem(text, self.judge_list)
                item.setData(Qt.ItemDataRole.UserRole, j.username)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                on = keep is None or j.username in keep
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.judge_list.blockSignals(False)
        self._update_existing()
        self._suggest_path(code or "")

    def _check_all(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        self.judge_list.blockSignals(True)
        for i in range(self.judge_list.count()):
            self.judge_list.item(i).setCheckState(state)
        self.judge_list.blockSignals(False)
        self._update_existing()

    def set_judges(self, usernames: Sequence[str]) -> None:
        """Check exactly these judges (as a person would tick them)."""
        self.judge_list.blockSignals(True)
        for i in range(self.judge_list.count()):
            item = self.judge_list.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in usernames
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.judge_list.blockSignals(False)
        self._update_existing()

    def judges(self) -> list[str]:
        out = []
        for i in range(self.judge_list.count()):
            item = self.judge_list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def existing_sheets(self) -> list[PaperSheetInfo]:
        """Sheets already made for the chosen judges and criterion."""
        if self.options is None:
            return []
        code = self.criterion_combo.currentData()
        chosen = set(self.judges())
        return [
            s
            for s in self.options.sheets
            if s.criterion_code == code and s.judge_username in chosen
        ]

    def _update_existing(self) -> None:
        found = self.existing_sheets()
        if found:
            self.existing.setText(
                self.tr("{n} sheet(s) for the chosen judge(s) and criterion: {codes}").format(
                    n=len(found),
                    codes="、".join(s.code for s in found[:6]) + ("…" if len(found) > 6 else ""),
                )
            )
        else:
            self.existing.setText(self.tr("none yet"))
        self.reprint_button.setEnabled(bool(found))

    def _stations_typed(self, text: str) -> list[int] | None:
        """Check the station list as it is typed; the parsed stations or None."""
        if not text.strip():
            self.stations_note.setText("")
            return None
        self.some_stations.setChecked(True)
        try:
            stations = paper.parse_stations(text)
        except KmError as exc:
            self.stations_note.setText(self.ctx.error_text(exc))
            self.stations_note.setStyleSheet("color: #a61b1b;")
            return None
        unknown = []
        if self.options is not None:
            known = set(self.options.stations)
            unknown = [s for s in stations if s not in known]
        if unknown:
            self.stations_note.setText(
                self.tr("No such station here: {list}").format(
                    list="、".join(map(str, unknown[:10]))
                )
            )
            self.stations_note.setStyleSheet("color: #a61b1b;")
            return None
        self.stations_note.setText(self.tr("{n} station(s)").format(n=len(stations)))
        self.stations_note.setStyleSheet("")
        return stations

    def _suggest_path(self, criterion: str) -> None:
        if self.path_edit.isModified():
            return
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        if self.reprint_mode:
            name = f"评分表-补打-{stamp}.pdf"
        else:
            event = (
                self.event_combo.currentText().split("（")[0] if self.event_combo.count() else ""
            )
            name = f"评分表-{event}-{criterion}-{stamp}.pdf".replace("--", "-")
        self.path_edit.setText(str(default_folder() / safe_filename(name)))

    def _browse(self) -> None:
        path = ask_save_path(
            self, self.tr("Save the sheets as"), Path(self.path_edit.text()), "PDF (*.pdf)"
        )
        if path:
            self.path_edit.setText(path if path.lower().endswith(".pdf") else path + ".pdf")
            self.path_edit.setModified(True)

    # ------------------------------------------------------------------ actions

    def _path(self) -> str:
        path = self.path_edit.text().strip()
        if not path:
            self.banner.error(self.tr("Choose where to save the PDF."))
            return ""
        return path if path.lower().endswith(".pdf") else path + ".pdf"

    def generate(self) -> bool:
        if self.running:
            return False
        if self.reprint_mode:
            return self._reprint(self.codes)
        path = self._path()
        if not path:
            return False
        judges = self.judges()
        if not judges:
            self.banner.error(self.tr("Tick at least one judge."))
            return False
        stations: list[int] | None = None
        if self.some_stations.isChecked():
            stations = self._stations_typed(self.stations_edit.text())
            if stations is None:
                self.banner.error(
                    self.stations_note.text() or self.tr("Type the stations, e.g. 1-10,12.")
                )
                self.stations_edit.setFocus()
                return False
        self.banner.clear()
        self.progress = Progress()
        self._start()
        self.ctx.worker.run(
            make_sheets,
            self.ctx.db,
            self.ctx.actor,
            self.event_id,
            judges,
            stations,
            str(self.criterion_combo.currentData()),
            self.per_sheet.value(),
            path,
            self.progress,
            on_success=alive(self, self._written),
            on_error=alive(self, self._failed),
        )
        return True

    def reprint_existing(self) -> bool:
        found = self.existing_sheets()
        if not found or self.running:
            return False
        return self._reprint([s.code for s in found])

    def _reprint(self, codes: list[str]) -> bool:
        path = self._path()
        if not path:
            return False
        self.banner.clear()
        self.progress = Progress()
        self._start()
        self.ctx.worker.run(
            reprint_sheets,
            self.ctx.db,
            self.ctx.actor,
            codes,
            path,
            self.progress,
            on_success=alive(self, self._written),
            on_error=alive(self, self._failed),
        )
        return True

    def _start(self) -> None:
        self.running = True
        self.open_button.hide()
        self.generate_button.setEnabled(False)
        self.reprint_button.setEnabled(False)
        self.bar.setRange(0, 0)
        self.bar.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.timer.start()

    def _poll(self) -> None:
        p = self.progress
        if p is not None and p.total:
            self.bar.setRange(0, p.total)
            self.bar.setValue(p.done)

    def cancel(self) -> None:
        """Stop the run between two sheets; no PDF is written."""
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
        self._update_existing()

    def _written(self, result: SheetsPdf) -> None:
        self._stop()
        self.result_pdf = result
        if result.reprint:
            head = self.tr("{n} sheet(s) reprinted.").format(n=len(result.codes))
        else:
            head = self.tr("{n} sheet(s) created: {codes}").format(
                n=len(result.codes),
                codes="、".join(result.codes[:8]) + ("…" if len(result.codes) > 8 else ""),
            )
        self.banner.success(
            head
            + "\n"
            + self.tr("Saved as {name} in {folder}").format(
                name=result.path.name, folder=result.path.parent
            )
        )
        self.open_button.show()
        if not self.reprint_mode:
            self._event_picked()  # the new sheets now count as already printed
        self.written.emit(result)
        self.open_preview()

    def open_preview(self) -> None:
        if self.result_pdf is not None:
            self.preview = show_pdf(self.result_pdf.path, self)

    def _failed(self, exc: BaseException) -> None:
        self._stop()
        created = self.progress.created if self.progress is not None else []
        cancelled = isinstance(exc, Cancelled)
        text = self.tr("Cancelled. No file was written.") if cancelled else self.ctx.error_text(exc)
        if created:  # the sheets were made, the PDF was not
            text += "\n" + self.tr(
                "The {n} sheet(s) created meanwhile exist; reprint them when needed "
                "(Reprint these sheets)."
            ).format(n=len(created))
            self._event_picked()
        if cancelled:
            self.banner.info(text)
        else:
            self.banner.error(text)

    def reject(self) -> None:  # Escape
        self.cancel()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.cancel()  # a run still going stops (and writes nothing)
        super().closeEvent(event)
