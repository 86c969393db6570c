"""导入报名表: choose a sheet, look at what the import would do, then confirm.

Step 1 takes a file (button or drag and drop). Step 2 runs the core's ``preview_import`` (which
writes nothing) and shows what would be added, updated and refused, row by row, with the
refusals exportable to Excel for the office that filled in the sheet. Only 确认导入 writes,
through ``commit_import`` (which takes a backup first). Step 3 says what happened.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kmjudge.registration import service as registration
from kmjudge.registration.service import ImportPreview, ImportResult
from ui.context import AppContext
from ui.registration.models import IssueTableModel, NewRowsModel, UpdatesModel, guarded
from ui.widgets import MessageBanner, hint

SHEET_SUFFIXES = (".xlsx", ".xlsm", ".csv")

WIZARD_STYLE = """
QFrame#dropArea {
    border: 2px dashed #9db5d3; border-radius: 10px; background: #f7faff;
}
QFrame#dropArea[hover="true"] { border-color: #1d5fa7; background: #e8f0fb; }
QLabel#dropTitle { font-size: 13pt; font-weight: bold; color: #17202a; }
QLabel#step { color: #8a96a3; padding: 2px 4px; }
QLabel#step[current="true"] { color: #1d5fa7; font-weight: bold; }
QFrame#countBox { background: white; border: 1px solid #dde3ea; border-radius: 6px; }
QLabel#countNumber { font-size: 18pt; font-weight: bold; }
QLabel#countCaption { color: #5d6975; }
QLabel#doneTitle { font-size: 15pt; font-weight: bold; color: #1d6b2c; }
QLabel#resultKey { color: #5d6975; }
QLabel#resultValue { font-size: 12pt; font-weight: bold; }
"""


def make_table(model: QAbstractTableModel, widths: tuple[int, ...], parent: QWidget) -> QTableView:
    """A read-only table with fixed row height, preset widths and the last column stretched."""
    view = QTableView(parent)
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(28)
    for col, width in enumerate(widths):
        view.setColumnWidth(col, width)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


class CountBox(QFrame):
    """A number with a caption under it (新增 12)."""

    def __init__(self, caption: str, color: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("countBox")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(14, 8, 14, 8)
        lay.setSpacing(0)
        self.number = QLabel("0", self)
        self.number.setObjectName("countNumber")
        self.number.setStyleSheet(f"color: {color};")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = QLabel(caption, self)
        self.caption.setObjectName("countCaption")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.number)
        lay.addWidget(self.caption)

    def set_value(self, value: int) -> None:
        self.number.setText(str(value))

    def value(self) -> int:
        return int(self.number.text())


class DropArea(QFrame):
    """The dashed box of step 1; the whole dialog accepts drops, this one shows it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dropArea")
        self.setMinimumHeight(220)

    def set_hover(self, on: bool) -> None:
        self.setProperty("hover", "true" if on else "false")
        self.style().unpolish(self)
        self.style().polish(self)


def dropped_file(event: QDragEnterEvent | QDropEvent) -> str | None:
    """The one local file being dragged, if there is exactly one."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return None
    urls = [u for u in mime.urls() if u.isLocalFile()]
    if len(urls) != 1:
        return None
    return urls[0].toLocalFile()


class FileWizard(QDialog):
    """What the file import wizards share: the three steps choose → preview → done, choosing
    the file by dialog or by dropping it. Subclasses build ``pages``, ``step_labels``, the
    buttons and ``drop_area``, keep ``busy``, and define ``load_file``, ``file_dialog_texts``
    (translated caption and filter) and, for buttons of their own, ``show_step_buttons``."""

    CHOOSE, PREVIEW, DONE = range(3)
    busy: bool

    def file_dialog_texts(self) -> tuple[str, str]:
        raise NotImplementedError

    def load_file(self, path: str) -> None:
        raise NotImplementedError

    def show_step_buttons(self, step: int) -> None:
        """Buttons a subclass adds (shown or hidden per step)."""

    def _go(self, step: int) -> None:
        self.pages.setCurrentIndex(step)
        for i, label in enumerate(self.step_labels):
            label.setProperty("current", "true" if i == step else "false")
            label.style().unpolish(label)
            label.style().polish(label)
        self.show_step_buttons(step)
        self.back_button.setVisible(step == self.PREVIEW)
        self.commit_button.setVisible(step == self.PREVIEW)
        self.cancel_button.setVisible(step != self.DONE)
        self.finish_button.setVisible(step == self.DONE)
        if step == self.DONE:
            self.finish_button.setDefault(True)
            self.finish_button.setFocus()
        elif step == self.PREVIEW:
            self.commit_button.setDefault(True)
        else:
            self.choose_button.setDefault(True)

    @property
    def step(self) -> int:
        return int(self.pages.currentIndex())

    def choose_file(self) -> None:
        caption, filters = self.file_dialog_texts()
        path, _ = QFileDialog.getOpenFileName(self, caption, "", filters)
        if path:
            self.load_file(path)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.step == self.CHOOSE and not self.busy and dropped_file(event):
            event.acceptProposedAction()
            self.drop_area.set_hover(True)
        else:
            event.ignore()

    def dragLeaveEvent(self, event: object) -> None:
        self.drop_area.set_hover(False)

    def dropEvent(self, event: QDropEvent) -> None:
        self.drop_area.set_hover(False)
        path = dropped_file(event)
        if path and self.step == self.CHOOSE and not self.busy:
            event.acceptProposedAction()
            self.load_file(path)


class ImportWizard(FileWizard):
    """Import a registration sheet into one event: choose → preview → done."""

    def __init__(self, ctx: AppContext, event_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.event_id = event_id
        self.preview: ImportPreview | None = None
        self.import_result: ImportResult | None = None
        self.busy = False
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("Import registration sheet"))
        self.setStyleSheet(WIZARD_STYLE)
        self.setAcceptDrops(True)
        self.resize(1040, 660)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.setSpacing(10)

        steps = QHBoxLayout()
        steps.setSpacing(6)
        self.step_labels: list[QLabel] = []
        for i, text in enumerate(
            (self.tr("1  Choose file"), self.tr("2  Check"), self.tr("3  Done"))
        ):
            if i:
                arrow = QLabel("›", self)
                arrow.setObjectName("step")
                steps.addWidget(arrow)
            label = QLabel(text, self)
            label.setObjectName("step")
            self.step_labels.append(label)
            steps.addWidget(label)
        steps.addStretch(1)
        lay.addLayout(steps)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_choose_page())
        self.pages.addWidget(self._build_preview_page())
        self.pages.addWidget(self._build_done_page())
        lay.addWidget(self.pages, 1)

        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        self.export_button = QPushButton(self.tr("Export error list…"), self)
        self.export_button.setObjectName("exportErrors")
        self.export_button.clicked.connect(self.export_errors)
        buttons.addWidget(self.export_button)
        self.back_button = QPushButton(self.tr("Choose another file"), self)
        self.back_button.setObjectName("backButton")
        self.back_button.clicked.connect(self.back_to_choose)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.cancel_button)
        self.commit_button = QPushButton(self.tr("Confirm import"), self)
        self.commit_button.setObjectName("primary")
        self.commit_button.clicked.connect(self.commit)
        buttons.addWidget(self.commit_button)
        self.finish_button = QPushButton(self.tr("Finish"), self)
        self.finish_button.setObjectName("primary")
        self.finish_button.clicked.connect(self.accept)
        buttons.addWidget(self.finish_button)
        lay.addLayout(buttons)

        self._go(self.CHOOSE)

    # ------------------------------------------------------------------ pages

    def _build_choose_page(self) -> QWidget:
        page = QWidget(self)
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 6, 0, 0)
        lay.setSpacing(12)
        self.file_banner = MessageBanner(page)
        lay.addWidget(self.file_banner)
        self.drop_area = DropArea(page)
        drop = QVBoxLayout(self.drop_area)
        drop.setContentsMargins(24, 24, 24, 24)
        drop.setSpacing(12)
        drop.addStretch(1)
        title = QLabel(self.tr("Drag the registration sheet (.xlsx or .csv) here"), page)
        title.setObjectName("dropTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        drop.addWidget(title)
        self.choose_button = QPushButton(self.tr("Choose file…"), page)
        self.choose_button.setObjectName("chooseFile")
        self.choose_button.setMinimumWidth(160)
        self.choose_button.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.choose_button)
        row.addStretch(1)
        drop.addLayout(row)
        drop.addStretch(1)
        lay.addWidget(self.drop_area, 1)
        lay.addWidget(
            hint(
                self.tr(
                    "The header row needs at least the columns 姓名 (name) and 身份证号码 (ID "
                    "number). Title rows, merged cells, full-width characters and CSV in GBK or "
                    "UTF-8 are all fine. Nothing is saved until you confirm the import."
                ),
                page,
            )
        )
        return page

    def _build_preview_page(self) -> QWidget:
        page = QWidget(self)
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(10)
        self.file_label = QLabel(page)
        self.file_label.setObjectName("h2")
        self.file_label.setWordWrap(True)
        lay.addWidget(self.file_label)
        self.sheet_label = hint("", page)
        lay.addWidget(self.sheet_label)

        counts = QHBoxLayout()
        counts.setSpacing(10)
        self.count_new = CountBox(self.tr("New"), "#1d6b2c", page)
        self.count_update = CountBox(self.tr("Updated"), "#1d5fa7", page)
        self.count_unchanged = CountBox(self.tr("Unchanged"), "#5d6975", page)
        self.count_rejected = CountBox(self.tr("Rejected rows"), "#a61b1b", page)
        self.count_warnings = CountBox(self.tr("Notes"), "#8a6d00", page)
        for box in (
            self.count_new,
            self.count_update,
            self.count_unchanged,
            self.count_rejected,
            self.count_warnings,
        ):
            box.setMinimumWidth(120)
            counts.addWidget(box)
        counts.addStretch(1)
        lay.addLayout(counts)

        self.rejected_model = IssueTableModel(self.ctx.lang, self)
        self.warnings_model = IssueTableModel(self.ctx.lang, self)
        self.updates_model = UpdatesModel(self.ctx.lang, self)
        self.new_model = NewRowsModel(self.ctx.lang, self)
        self.rejected_table = make_table(self.rejected_model, IssueTableModel.WIDTHS, page)
        self.rejected_table.setObjectName("rejectedTable")
        self.rejected_table.setWordWrap(True)
        self.warnings_table = make_table(self.warnings_model, IssueTableModel.WIDTHS, page)
        self.warnings_table.setObjectName("warningsTable")
        self.warnings_table.setWordWrap(True)
        self.updates_table = make_table(self.updates_model, UpdatesModel.WIDTHS, page)
        self.updates_table.setObjectName("updatesTable")
        self.new_table = make_table(self.new_model, NewRowsModel.WIDTHS, page)
        self.new_table.setObjectName("newTable")
        self.tabs = QTabWidget(page)
        self.tabs.setObjectName("previewTabs")
        self.tabs.addTab(self.rejected_table, "")
        self.tabs.addTab(self.warnings_table, "")
        self.tabs.addTab(self.updates_table, "")
        self.tabs.addTab(self.new_table, "")
        lay.addWidget(self.tabs, 1)

        self.plan_label = QLabel(page)
        self.plan_label.setObjectName("planLabel")
        self.plan_label.setWordWrap(True)
        lay.addWidget(self.plan_label)
        self.preview_banner = MessageBanner(page)
        lay.addWidget(self.preview_banner)
        return page

    def _build_done_page(self) -> QWidget:
        page = QWidget(self)
        lay = QVBoxLayout(page)
        lay.setContentsMargins(8, 16, 8, 8)
        lay.setSpacing(14)
        done = QLabel(self.tr("✓  Import finished"), page)
        done.setObjectName("doneTitle")
        lay.addWidget(done)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(10)
        self.result_labels: dict[str, QLabel] = {}
        rows = (
            ("created", self.tr("Added")),
            ("updated", self.tr("Updated")),
            ("unchanged", self.tr("Unchanged")),
            ("rejected", self.tr("Rejected rows (not imported)")),
            ("backup", self.tr("Backup taken before the import")),
        )
        for r, (key, caption) in enumerate(rows):
            k = QLabel(caption, page)
            k.setObjectName("resultKey")
            v = QLabel(page)
            v.setObjectName("resultValue")
            v.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(k, r, 0)
            grid.addWidget(v, r, 1)
            self.result_labels[key] = v
        grid.setColumnStretch(2, 1)
        lay.addLayout(grid)
        self.done_hint = hint("", page)
        lay.addWidget(self.done_hint)
        lay.addStretch(1)
        return page

    def show_step_buttons(self, step: int) -> None:
        self.export_button.setVisible(step == self.PREVIEW)

    # ------------------------------------------------------------------ step 1

    def file_dialog_texts(self) -> tuple[str, str]:
        return (
            self.tr("Choose the registration sheet"),
            self.tr("Registration sheets (*.xlsx *.xlsm *.csv);;All files (*)"),
        )

    def load_file(self, path: str) -> None:
        """Check the sheet against the event (on the worker); nothing is written."""
        if self.busy:
            return
        self._set_busy(True)
        self.file_banner.info(self.tr("Checking “{name}”…").format(name=Path(path).name))
        self.ctx.worker.run(
            registration.preview_import,
            self.ctx.db,
            self.ctx.actor,
            self.event_id,
            path,
            **guarded(self, self._previewed, lambda exc: self._preview_failed(path, exc)),
            progress=(self, self.tr("Checking the registration sheet…")),
            pool=True,
        )

    def _preview_failed(self, path: str, exc: BaseException) -> None:
        self._set_busy(False)
        self._go(self.CHOOSE)
        self.file_banner.error(
            self.tr("“{name}” cannot be imported:").format(name=Path(path).name)
            + "\n"
            + self.ctx.error_text(exc)
        )

    # ------------------------------------------------------------------ step 2

    def _previewed(self, preview: ImportPreview) -> None:
        self._set_busy(False)
        self.preview = preview
        self.file_banner.clear()
        self.preview_banner.clear()
        sheet = preview.sheet
        self.file_label.setText(self.tr("File: {name}").format(name=Path(preview.path).name))
        details = self.tr("Sheet “{sheet}”, header in row {header}, {rows} rows of data.").format(
            sheet=sheet.sheet_name, header=sheet.header_row, rows=sheet.total_data_rows
        )
        if sheet.ignored_columns:
            details += "\n" + self.tr("Columns not recognised (not imported): {cols}").format(
                cols="、".join(sheet.ignored_columns)
            )
        self.sheet_label.setText(details)

        n_new = preview.count("new")
        n_update = preview.count("update")
        n_rejected = len(preview.rejected_rows)
        self.count_new.set_value(n_new)
        self.count_update.set_value(n_update)
        self.count_unchanged.set_value(preview.count("unchanged"))
        self.count_rejected.set_value(n_rejected)
        self.count_warnings.set_value(len(preview.warnings))

        self.rejected_model.set_issues(preview.rejected)
        self.warnings_model.set_issues(preview.warnings)

        self.updates_model.set_plans(preview.plans)
        self.new_model.set_plans(preview.plans)
        self.tabs.setTabText(0, self.tr("Rejected ({n})").format(n=len(preview.rejected)))
        self.tabs.setTabText(1, self.tr("Notes ({n})").format(n=len(preview.warnings)))
        self.tabs.setTabText(2, self.tr("To update ({n})").format(n=n_update))
        self.tabs.setTabText(3, self.tr("To add ({n})").format(n=n_new))
        self.tabs.setCurrentIndex(0 if n_rejected else 3 if n_new else 2 if n_update else 1)

        self.export_button.setEnabled(bool(preview.rejected or preview.warnings))
        writable = n_new + n_update
        self.commit_button.setEnabled(writable > 0)
        if writable == 0:
            self.plan_label.setText(
                self.tr(
                    "There is nothing to import: no row of this sheet is new or changed. "
                    "Correct the rejected rows (export the error list) and import again."
                )
                if n_rejected or not preview.plans
                else self.tr("Everyone in this sheet is already registered with the same details.")
            )
        else:
            if n_rejected:
                text = self.tr(
                    "Confirming adds {new} and updates {update} contestants; the {n} rejected "
                    "rows are not imported (export the error list, have them corrected and import "
                    "the sheet again). A backup is taken first."
                ).format(new=n_new, update=n_update, n=n_rejected)
            else:
                text = self.tr(
                    "Confirming adds {new} and updates {update} contestants. "
                    "A backup is taken first."
                ).format(new=n_new, update=n_update)
            self.plan_label.setText(text)
        self._go(self.PREVIEW)
        for table in (self.rejected_table, self.warnings_table):
            if table.model().rowCount() <= 500:  # long reasons wrap; cheap for a few hundred
                table.resizeRowsToContents()

    def back_to_choose(self) -> None:
        if self.busy:
            return
        self.preview = None
        self._go(self.CHOOSE)

    def export_errors(self) -> None:
        if self.preview is None:
            return
        source = Path(self.preview.path)
        label = self.tr("error list")
        suggested = str(source.with_name(f"{source.stem}-{label}.xlsx"))
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the error list"), suggested, self.tr("Excel workbook (*.xlsx)")
        )
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        self.ctx.worker.run(
            self.preview.export_rejections,
            path,
            **guarded(
                self,
                lambda _r: self.preview_banner.success(
                    self.tr("Error list saved: {path}").format(path=path)
                ),
                lambda exc: self.preview_banner.error(
                    self.tr("The error list could not be saved: {error}").format(
                        error=self.ctx.error_text(exc)
                    )
                ),
            ),
            pool=True,
        )

    # ------------------------------------------------------------------ step 3

    def commit(self) -> None:
        """Write the accepted rows (the only step that writes)."""
        if self.preview is None or self.busy or not self.commit_button.isEnabled():
            return
        self._set_busy(True)
        self.preview_banner.clear()
        bus, event_id = self.ctx.bus, self.event_id
        self.ctx.worker.run(
            registration.commit_import,
            self.ctx.db,
            self.ctx.actor,
            self.preview,
            **guarded(
                self,
                self._committed,
                self._commit_failed,
                # announced even if this dialog is gone by then: the data did change
                announce=lambda: bus.registrations_changed.emit(event_id),
            ),
            progress=(self, self.tr("Importing…")),
        )

    def _committed(self, result: ImportResult) -> None:
        self._set_busy(False)
        self.import_result = result
        people = self.tr("{n} people")
        self.result_labels["created"].setText(people.format(n=result.created))
        self.result_labels["updated"].setText(people.format(n=result.updated))
        self.result_labels["unchanged"].setText(people.format(n=result.unchanged))
        self.result_labels["rejected"].setText(self.tr("{n} rows").format(n=result.rejected))
        self.result_labels["backup"].setText(result.backup.name if result.backup else "—")
        if result.backup:
            self.result_labels["backup"].setToolTip(str(result.backup))
        self.done_hint.setText(
            self.tr(
                "The contestant list has been updated. If this import was a mistake, the "
                "database can be restored from the backup above (数据与备份)."
            )
        )
        self._go(self.DONE)

    def _commit_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.preview_banner.error(
            self.tr("Nothing was imported.") + "\n" + self.ctx.error_text(exc)
        )

    # ------------------------------------------------------------------ common

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for w in (self.choose_button, self.back_button, self.cancel_button, self.export_button):
            w.setEnabled(not busy)
        if busy:
            self.commit_button.setEnabled(False)
        elif self.preview is not None:
            self.commit_button.setEnabled(
                self.preview.count("new") + self.preview.count("update") > 0
            )
        if not busy and self.preview is not None:
            self.export_button.setEnabled(bool(self.preview.rejected or self.preview.warnings))

    def reject(self) -> None:
        if self.busy:
            return  # an import in progress finishes first; it is one transaction
        super().reject()
