"""评分标准: an event's marking scheme as a tree, its total, import and the blank template.

The scheme is shown criterion → sub-criterion → aspect with each aspect's kind, mark, step,
panel rule and deduction cap. Whether it is acceptable is the core's decision: importing a file
goes through ``events.import_scheme_file``, and every refusal (a total of 95, scores already
entered, a locked event) is shown with the core's own words.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from kmjudge import events
from kmjudge.accounts import Perm
from kmjudge.errors import Issue, ValidationFailed
from kmjudge.scheme import (
    KIND_NAMES_ZH,
    PANEL_RULE_NAMES_ZH,
    AspectSpec,
    SchemeSpec,
    decimal_text,
    write_scheme_xlsx,
)
from ui.context import AppContext
from ui.registration.models import guarded
from ui.widgets import MessageBanner, hint

KIND_NAMES_EN = {"M": "Measurement", "J": "Judgement", "D": "Deduction"}
PANEL_RULE_NAMES_EN = {
    "mean": "Mean",
    "trim1": "Drop highest and lowest",
    "trim2": "Drop 2 highest and 2 lowest",
    "median": "Median",
}
OK_COLOR = "#1d6b2c"
BAD_COLOR = "#c0392b"


class IssuesDialog(QDialog):
    """Every problem the core found in a file, one line each: where, and what is wrong."""

    def __init__(
        self,
        title: str,
        intro: str,
        issues: Sequence[Issue],
        lang: str = "zh",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("issuesDialog")
        self.setWindowTitle(title)
        self.resize(860, 460)
        self.issues = list(issues)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.setSpacing(10)
        self.intro = QLabel(intro, self)
        self.intro.setObjectName("issuesIntro")
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet(f"color: {BAD_COLOR}; font-weight: bold;")
        lay.addWidget(self.intro)
        self.table = QTableWidget(len(self.issues), 2, self)
        self.table.setObjectName("issuesTable")
        self.table.setHorizontalHeaderLabels([self.tr("Where"), self.tr("Problem")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        for r, issue in enumerate(self.issues):
            where = QTableWidgetItem(issue.where)
            where.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            text = issue.message_zh if lang == "zh" else issue.message_en
            msg = QTableWidgetItem(text)
            msg.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            self.table.setItem(r, 0, where)
            self.table.setItem(r, 1, msg)
        self.table.setColumnWidth(0, 200)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setCurrentCell(-1, -1)
        lay.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        copy = QPushButton(self.tr("Copy all"), self)
        copy.setObjectName("copyIssues")
        copy.setAutoDefault(False)
        copy.clicked.connect(self.copy_all)
        buttons.addWidget(copy)
        buttons.addStretch(1)
        close = QPushButton(self.tr("Close"), self)
        close.setObjectName("primary")
        close.setDefault(True)
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        lay.addLayout(buttons)

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self.table.resizeRowsToContents()

    def text(self) -> str:
        """All issues as text, one per line (what 复制全部 copies)."""
        rows = []
        for r in range(self.table.rowCount()):
            where_item, msg_item = self.table.item(r, 0), self.table.item(r, 1)
            where = where_item.text() if where_item else ""
            msg = msg_item.text() if msg_item else ""
            rows.append(f"{where}：{msg}" if where else msg)
        return "\n".join([self.intro.text(), *rows])

    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText(self.text())


def issues_of(exc: BaseException) -> list[Issue]:
    return list(exc.issues) if isinstance(exc, ValidationFailed) else []


class SchemeView(QWidget):
    """The marking scheme of one event; emits ``scheme_replaced`` after an import."""

    scheme_replaced = Signal(object)  # event id

    CODE, TITLE, KIND, MARK, STEP, RULE, CAP = range(7)
    WIDTHS = (84, 420, 64, 70, 96, 120, 76)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.event_id: uuid.UUID | None = None
        self.scheme: SchemeSpec | None = None
        self.issues_dialog: IssuesDialog | None = None
        self.busy = False

        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 12, 12, 8)
        lay.setSpacing(8)
        top = QHBoxLayout()
        top.setSpacing(10)
        self.title_label = QLabel(self)
        self.title_label.setObjectName("h2")
        top.addWidget(self.title_label)
        self.total_label = QLabel(self)
        self.total_label.setObjectName("schemeTotal")
        top.addWidget(self.total_label)
        self.count_label = hint("", self)
        self.count_label.setWordWrap(False)
        top.addWidget(self.count_label)
        top.addStretch(1)
        self.import_button = QPushButton(self.tr("Import marking scheme…"), self)
        self.import_button.setObjectName("importScheme")
        self.import_button.clicked.connect(self.import_scheme)
        top.addWidget(self.import_button)
        self.template_button = QPushButton(self.tr("Export scheme template…"), self)
        self.template_button.setObjectName("exportTemplate")
        self.template_button.clicked.connect(self.export_template)
        top.addWidget(self.template_button)
        lay.addLayout(top)

        self.banner = MessageBanner(self)
        lay.addWidget(self.banner)

        self.model = QStandardItemModel(0, 7, self)
        self.model.setHorizontalHeaderLabels(
            [
                self.tr("Code"),
                self.tr("Content"),
                self.tr("Kind"),
                self.tr("Marks"),
                self.tr("Step"),
                self.tr("Panel rule"),
                self.tr("Deduction cap"),
            ]
        )
        self.tree = QTreeView(self)
        self.tree.setObjectName("schemeTree")
        self.tree.setModel(self.model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setIndentation(16)
        header = self.tree.header()
        header.setStretchLastSection(False)
        for col, width in enumerate(self.WIDTHS):
            self.tree.setColumnWidth(col, width)
        header.setSectionResizeMode(self.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for col in (self.KIND, self.MARK, self.STEP, self.RULE, self.CAP):
            self.model.setHeaderData(
                col,
                Qt.Orientation.Horizontal,
                Qt.AlignmentFlag.AlignCenter,
                Qt.ItemDataRole.TextAlignmentRole,
            )
        lay.addWidget(self.tree, 1)
        self.empty = hint("", self)
        self.empty.setObjectName("schemeEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.empty, 1)

        self._can_edit = ctx.actor.can(Perm.SETUP_EVENTS)
        self.import_button.setVisible(self._can_edit)
        self.set_scheme(None, None)

    # ------------------------------------------------------------------ content

    def set_scheme(
        self, event_id: uuid.UUID | None, scheme: SchemeSpec | None, *, locked: bool = False
    ) -> None:
        if event_id != self.event_id:
            self.banner.clear()
        self.event_id = event_id
        self.scheme = scheme
        self.model.removeRows(0, self.model.rowCount())
        self.import_button.setEnabled(event_id is not None and not locked and not self.busy)
        if scheme is None:
            self.title_label.setText(self.tr("Marking scheme"))
            self.total_label.clear()
            self.count_label.clear()
            self.tree.hide()
            self.empty.setText(
                self.tr("Please select a competition event first.")
                if event_id is None
                else self.tr(
                    "This event has no marking scheme yet. Import one (Excel, TOML or JSON); "
                    "the blank template shows the columns."
                )
            )
            self.empty.show()
            return
        self.empty.hide()
        self.tree.show()
        self.title_label.setText(scheme.title or self.tr("Marking scheme"))
        bold = QFont()
        bold.setBold(True)
        n_aspects = 0
        for crit in scheme.criteria:
            crit_row = self._row(crit.code, crit.title, mark=self._subtotal(crit.total_max))
            for item in crit_row:
                item.setFont(bold)
            for sub in crit.subcriteria:
                sub_total = sum((a.max_mark for a in sub.aspects if a.counts_to_total), Decimal(0))
                has_marks = any(a.counts_to_total for a in sub.aspects)
                sub_row = self._row(
                    sub.code, sub.title, mark=self._subtotal(sub_total) if has_marks else ""
                )
                for aspect in sub.aspects:
                    sub_row[0].appendRow(self._aspect_row(aspect))
                    n_aspects += 1
                crit_row[0].appendRow(sub_row)
            self.model.appendRow(crit_row)
        self.tree.expandAll()
        total = scheme.total_max
        if total == 100:
            self.total_label.setText(self.tr("Total {total} marks").format(total="100"))
            self.total_label.setStyleSheet(f"color: {OK_COLOR}; font-weight: bold;")
        else:
            self.total_label.setText(
                self.tr("Total {total} marks (must be 100)").format(total=decimal_text(total))
            )
            self.total_label.setStyleSheet(f"color: {BAD_COLOR}; font-weight: bold;")
        self.count_label.setText(self.tr("{n} aspects").format(n=n_aspects))

    @property
    def total_ok(self) -> bool:
        return self.scheme is not None and self.scheme.total_max == 100

    def _subtotal(self, value: Decimal) -> str:
        return decimal_text(value)

    def _row(self, code: str, title: str, mark: str = "") -> list[QStandardItem]:
        items = [QStandardItem(code), QStandardItem(title)]
        items += [QStandardItem("") for _ in range(5)]
        items[self.MARK].setText(mark)
        items[self.MARK].setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        items[self.TITLE].setToolTip(title)
        return items

    def _aspect_row(self, a: AspectSpec) -> list[QStandardItem]:
        zh = self.ctx.lang == "zh"
        items = self._row(a.code, a.title)
        if a.description:
            items[self.TITLE].setToolTip(f"{a.title}\n{a.description}")
        items[self.KIND].setText((KIND_NAMES_ZH if zh else KIND_NAMES_EN)[a.kind])
        mark = decimal_text(a.max_mark)
        if a.kind == "D":
            mark = self.tr("−{mark} each").format(mark=mark)
            items[self.KIND].setForeground(QColor(BAD_COLOR))
        items[self.MARK].setText(mark)
        if a.kind == "M":
            if a.all_or_nothing:
                step = self.tr("All or nothing")
            elif a.step is not None:
                step = decimal_text(a.step)
            else:
                step = ""
        elif a.kind == "J":
            step = self.tr("0–3 scale")
        else:
            step = ""
        items[self.STEP].setText(step)
        if a.kind != "D":
            items[self.RULE].setText(
                (PANEL_RULE_NAMES_ZH if zh else PANEL_RULE_NAMES_EN).get(a.panel_rule, a.panel_rule)
            )
        if a.cap is not None:
            items[self.CAP].setText(decimal_text(a.cap))
            items[self.CAP].setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        for col in (self.KIND, self.STEP, self.RULE):
            items[col].setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        return items

    def rows_text(self) -> list[list[str]]:
        """Every line of the tree, depth first (for tests)."""
        out: list[list[str]] = []

        def walk(parent: QStandardItem) -> None:
            for r in range(parent.rowCount()):
                out.append([parent.child(r, c).text() for c in range(7)])
                walk(parent.child(r, 0))

        walk(self.model.invisibleRootItem())
        return out

    # ------------------------------------------------------------------ actions

    def import_scheme(self) -> None:
        if self.event_id is None or self.busy:
            return
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import marking scheme"),
            "",
            self.tr("Marking schemes (*.xlsx *.toml *.json);;All files (*)"),
        )
        if not path:
            return
        self.busy = True
        self.import_button.setEnabled(False)
        self.banner.info(self.tr("Checking “{name}”…").format(name=Path(path).name))
        event_id = self.event_id
        bus = self.ctx.bus
        self.ctx.worker.run(
            events.import_scheme_file,
            self.ctx.db,
            self.ctx.actor,
            event_id,
            path,
            **guarded(
                self,
                lambda scheme: self._imported(event_id, path, scheme),
                lambda exc: self._import_failed(path, exc),
                announce=bus.events_changed.emit,
            ),
            progress=(self, self.tr("Importing the marking scheme…")),
        )

    def _imported(self, event_id: uuid.UUID, path: str, scheme: SchemeSpec) -> None:
        self.busy = False
        self.import_button.setEnabled(True)
        self.banner.success(
            self.tr("Marking scheme imported from “{name}”: total {total} marks.").format(
                name=Path(path).name, total=decimal_text(scheme.total_max)
            )
        )
        if event_id == self.event_id:
            self.set_scheme(event_id, scheme)
        self.scheme_replaced.emit(event_id)

    def _import_failed(self, path: str, exc: BaseException) -> None:
        self.busy = False
        self.import_button.setEnabled(self.event_id is not None)
        issues = issues_of(exc)
        name = Path(path).name
        if issues:
            intro = self.tr(
                "The marking scheme “{name}” was not imported: {n} problems were found. "
                "The event keeps its current scheme."
            ).format(name=name, n=len(issues))
            zh = self.ctx.lang == "zh"
            lines = [
                f"{i.where}：{i.message_zh}" if zh else f"{i.where}: {i.message_en}"
                for i in issues[:3]
            ]
            if len(issues) > 3:
                lines.append("…")
            self.banner.error("\n".join([intro, *lines]))
            self.issues_dialog = IssuesDialog(
                self.tr("Marking scheme not imported"), intro, issues, self.ctx.lang, self
            )
            self.issues_dialog.open()
        else:
            self.banner.error(
                self.tr("The marking scheme “{name}” was not imported.").format(name=name)
                + "\n"
                + self.ctx.error_text(exc)
            )

    def export_template(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the blank marking scheme template"),
            self.tr("marking scheme template") + ".xlsx",
            self.tr("Excel workbook (*.xlsx)"),
        )
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        self.ctx.worker.run(
            write_scheme_xlsx,
            None,
            path,
            **guarded(
                self,
                lambda _r: self.banner.success(self.tr("Template saved: {path}").format(path=path)),
                lambda exc: self.banner.error(self.ctx.error_text(exc)),
            ),
            pool=True,
        )
