"""理论成绩导入: choose the exam system's export, look at what the import would do, confirm.

For the chief judge and the admin. Step 1 takes a file (.xlsx or .csv; button or drag and
drop). Step 2 runs the core's ``preview_theory_import`` (which writes nothing) on the pool and
shows the counts and, row by row, what is refused with its row (as Excel numbers it), column
and reason in Chinese, what would be imported, and the 缺考 rows that are skipped. Only
确认导入 writes, through ``commit_theory_import(..., skip_rejected=True)``: the rows without a
problem in one transaction, the refused rows left out (correct them and import the file again;
rows already imported stay as they are). Step 3 says what happened.

``open_theory_wizard(ctx, parent, event_id)`` opens it from any page (the paper page's
toolbar, the chief judge's page).
"""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kmjudge.judging import theory
from kmjudge.judging.theory import TheoryPreview
from kmjudge.judging.views import TheoryImportResult
from ui.context import AppContext
from ui.judging.models import SimpleTableModel, fmt_value
from ui.registration.import_wizard import (
    WIZARD_STYLE,
    CountBox,
    DropArea,
    FileWizard,
    make_table,
)
from ui.widgets import MessageBanner, alive, hint

SUFFIXES = (".xlsx", ".xlsm", ".csv")


class TheoryWizard(FileWizard):
    """Import theory scores into one event: choose → check → done."""

    previewed = Signal(object)  # TheoryPreview
    imported = Signal(object)  # TheoryImportResult
    failed = Signal(str)

    def __init__(self, ctx: AppContext, event_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.event_id = event_id
        self.preview: TheoryPreview | None = None
        self.import_result: TheoryImportResult | None = None
        self.busy = False
        self.setObjectName("theoryWizard")
        self.setWindowTitle(self.tr("Import theory scores"))
        self.setStyleSheet(WIZARD_STYLE)
        self.setAcceptDrops(True)
        self.resize(1000, 640)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.setSpacing(10)
        steps = QHBoxLayout()
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
        drop.addStretch(1)
        title = QLabel(self.tr("Drag the theory score export (.xlsx or .csv) here"), page)
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
                    "The header row needs a 准考证号 (ticket number) or 身份证号 (ID number) "
                    "column and a score column (理论成绩, 成绩, 分数 …); a 姓名 column is "
                    "checked against the registration. Scores are 0–100 with at most two "
                    "decimals; rows saying 缺考 are skipped. Nothing is saved until you "
                    "confirm."
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
        self.columns_label = hint("", page)
        self.columns_label.setObjectName("columnsLabel")
        lay.addWidget(self.columns_label)
        counts = QHBoxLayout()
        counts.setSpacing(10)
        self.count_new = CountBox(self.tr("New"), "#1d6b2c", page)
        self.count_update = CountBox(self.tr("Changed"), "#1d5fa7", page)
        self.count_unchanged = CountBox(self.tr("Unchanged"), "#5d6975", page)
        self.count_rejected = CountBox(self.tr("Rejected rows"), "#a61b1b", page)
        self.count_skipped = CountBox(self.tr("Absent (skipped)"), "#8a6d00", page)
        for box in (
            self.count_new,
            self.count_update,
            self.count_unchanged,
            self.count_rejected,
            self.count_skipped,
        ):
            box.setMinimumWidth(120)
            counts.addWidget(box)
        counts.addStretch(1)
        lay.addLayout(counts)

        self.rejected_model = SimpleTableModel(
            [self.tr("Row"), self.tr("Column"), self.tr("Content"), self.tr("Reason")], self
        )
        self.rows_model = SimpleTableModel(
            [
                self.tr("Row"),
                self.tr("Ticket no."),
                self.tr("Name"),
                self.tr("Theory score"),
                self.tr("Before"),
                self.tr("What happens"),
            ],
            self,
        )
        self.skipped_model = SimpleTableModel(
            [self.tr("Row"), self.tr("Column"), self.tr("Content"), self.tr("Note")], self
        )
        self.rejected_table = make_table(self.rejected_model, (56, 100, 170, 520), page)
        self.rejected_table.setObjectName("rejectedTable")
        self.rejected_table.setWordWrap(True)
        self.rows_table = make_table(self.rows_model, (56, 110, 110, 100, 100, 160), page)
        self.rows_table.setObjectName("rowsTable")
        self.skipped_table = make_table(self.skipped_model, (56, 100, 100, 400), page)
        self.skipped_table.setObjectName("skippedTable")
        self.tabs = QTabWidget(page)
        self.tabs.setObjectName("previewTabs")
        self.tabs.addTab(self.rejected_table, "")
        self.tabs.addTab(self.rows_table, "")
        self.tabs.addTab(self.skipped_table, "")
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
        done = QLabel(self.tr("✓  Theory scores imported"), page)
        done.setObjectName("doneTitle")
        lay.addWidget(done)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(10)
        self.result_labels: dict[str, QLabel] = {}
        rows = (
            ("created", self.tr("New scores")),
            ("updated", self.tr("Changed scores")),
            ("unchanged", self.tr("Unchanged")),
            ("skipped", self.tr("Absent (skipped)")),
            ("rejected", self.tr("Rejected rows (not imported)")),
        )
        for r, (key, caption) in enumerate(rows):
            k = QLabel(caption, page)
            k.setObjectName("resultKey")
            v = QLabel(page)
            v.setObjectName("resultValue")
            grid.addWidget(k, r, 0)
            grid.addWidget(v, r, 1)
            self.result_labels[key] = v
        grid.setColumnStretch(2, 1)
        lay.addLayout(grid)
        self.done_hint = hint("", page)
        lay.addWidget(self.done_hint)
        lay.addStretch(1)
        return page

    # ------------------------------------------------------------------ step 1

    def file_dialog_texts(self) -> tuple[str, str]:
        return (
            self.tr("Choose the theory score file"),
            self.tr("Score files (*.xlsx *.xlsm *.csv);;All files (*)"),
        )

    def load_file(self, path: str) -> None:
        """Check the file against the event (on the pool); nothing is written."""
        if self.busy:
            return
        self._set_busy(True)
        self.file_banner.info(self.tr("Checking “{name}”…").format(name=Path(path).name))
        self.ctx.worker.run(
            theory.preview_theory_import,
            self.ctx.db,
            self.ctx.actor,
            self.event_id,
            path,
            on_success=alive(self, self._previewed),
            on_error=alive(self, lambda exc: self._preview_failed(path, exc)),
            progress=(self, self.tr("Checking the theory scores…")),
            pool=True,
        )

    def _preview_failed(self, path: str, exc: BaseException) -> None:
        self._set_busy(False)
        self._go(self.CHOOSE)
        text = (
            self.tr("“{name}” cannot be imported:").format(name=Path(path).name)
            + "\n"
            + self.ctx.error_text(exc)
        )
        self.file_banner.error(text)
        self.failed.emit(text)

    # ------------------------------------------------------------------ step 2

    def _action(self, action: str) -> str:
        return {
            "new": self.tr("new"),
            "update": self.tr("changed"),
            "unchanged": self.tr("unchanged"),
        }.get(action, action)

    def _previewed(self, preview: TheoryPreview) -> None:
        self._set_busy(False)
        self.preview = preview
        zh = self.ctx.lang == "zh"
        self.file_banner.clear()
        self.preview_banner.clear()
        self.file_label.setText(self.tr("File: {name}").format(name=Path(preview.path).name))
        found = "，".join(
            f"{theory.COLUMN_ZH.get(k, k)} ← “{v}”" for k, v in preview.columns.items()
        )
        self.columns_label.setText(self.tr("Columns found: {cols}").format(cols=found))
        rejected = preview.rejected_rows
        self.count_new.set_value(preview.count("new"))
        self.count_update.set_value(preview.count("update"))
        self.count_unchanged.set_value(preview.count("unchanged"))
        self.count_rejected.set_value(len(rejected))
        self.count_skipped.set_value(len(preview.skipped))
        self.rejected_model.set_rows(
            [
                [str(i.row), i.column, i.value, i.message_zh if zh else i.message_en]
                for i in preview.issues
            ],
            payload=list(preview.issues),
        )
        colors = {"new": "#1d6b2c", "update": "#1d5fa7", "unchanged": "#5d6975"}
        self.rows_model.set_rows(
            [
                [
                    str(r.row),
                    r.ticket_no,
                    r.name,
                    fmt_value(r.value),
                    fmt_value(r.old),
                    self._action(r.action),
                ]
                for r in preview.rows
            ],
            payload=list(preview.rows),
            colors=[colors.get(r.action) for r in preview.rows],
        )
        self.skipped_model.set_rows(
            [
                [str(i.row), i.column, i.value, i.message_zh if zh else i.message_en]
                for i in preview.skipped
            ]
        )
        self.tabs.setTabText(0, self.tr("Rejected ({n})").format(n=len(preview.issues)))
        self.tabs.setTabText(1, self.tr("To import ({n})").format(n=len(preview.rows)))
        self.tabs.setTabText(2, self.tr("Absent ({n})").format(n=len(preview.skipped)))
        self.tabs.setCurrentIndex(0 if preview.issues else 1)
        writable = preview.writable
        self.commit_button.setEnabled(writable > 0)
        if writable == 0:
            self.plan_label.setText(
                self.tr(
                    "There is nothing to import: no row of this file is new or changed. "
                    "Correct the rejected rows and import the file again."
                )
                if rejected or not preview.rows
                else self.tr("Every score in this file is already imported with the same value.")
            )
        elif rejected:
            self.plan_label.setText(
                self.tr(
                    "Confirming imports {new} new and {update} changed score(s). The {n} "
                    "rejected row(s) are not imported: correct them in the file and import it "
                    "again (scores already imported stay as they are)."
                ).format(new=preview.count("new"), update=preview.count("update"), n=len(rejected))
            )
        else:
            self.plan_label.setText(
                self.tr("Confirming imports {new} new and {update} changed score(s).").format(
                    new=preview.count("new"), update=preview.count("update")
                )
            )
        self._go(self.PREVIEW)
        if self.rejected_model.rowCount() <= 500:
            self.rejected_table.resizeRowsToContents()
        self.previewed.emit(preview)

    def back_to_choose(self) -> None:
        if self.busy:
            return
        self.preview = None
        self._go(self.CHOOSE)

    # ------------------------------------------------------------------ step 3

    def commit(self) -> None:
        """Write the rows without a problem (the only step that writes)."""
        if self.preview is None or self.busy or not self.commit_button.isEnabled():
            return
        self._set_busy(True)
        self.preview_banner.clear()
        self.ctx.worker.run(
            theory.commit_theory_import,
            self.ctx.db,
            self.ctx.actor,
            self.preview,
            skip_rejected=True,
            on_success=alive(self, self._committed),
            on_error=alive(self, self._commit_failed),
            progress=(self, self.tr("Importing…")),
        )

    def _committed(self, result: TheoryImportResult) -> None:
        self._set_busy(False)
        self.import_result = result
        rejected = len(self.preview.rejected_rows) if self.preview else 0
        people = self.tr("{n} contestant(s)")
        self.result_labels["created"].setText(people.format(n=result.created))
        self.result_labels["updated"].setText(people.format(n=result.updated))
        self.result_labels["unchanged"].setText(people.format(n=result.unchanged))
        self.result_labels["skipped"].setText(self.tr("{n} row(s)").format(n=result.skipped))
        self.result_labels["rejected"].setText(self.tr("{n} row(s)").format(n=rejected))
        self.done_hint.setText(
            self.tr(
                "The theory scores count in the results from now on. Rejected rows can be "
                "corrected in the file and imported again; the import is recorded in the "
                "audit trail."
            )
        )
        self._go(self.DONE)
        self.imported.emit(result)

    def _commit_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        text = self.tr("Nothing was imported.") + "\n" + self.ctx.error_text(exc)
        self.preview_banner.error(text)
        self.failed.emit(text)

    # ------------------------------------------------------------------ common

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for w in (self.choose_button, self.back_button, self.cancel_button):
            w.setEnabled(not busy)
        if busy:
            self.commit_button.setEnabled(False)
        elif self.preview is not None:
            self.commit_button.setEnabled(self.preview.writable > 0)

    def reject(self) -> None:
        if self.busy:
            return  # an import in progress finishes first; it is one transaction
        super().reject()


def open_theory_wizard(
    ctx: AppContext, parent: QWidget | None, event_id: uuid.UUID
) -> TheoryWizard:
    """Open the theory score import for ``event_id`` (window-modal, not blocking) and return
    it; connect to its ``imported`` signal to refresh what shows theory scores."""
    wizard = TheoryWizard(ctx, event_id, parent)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.open()
    return wizard
