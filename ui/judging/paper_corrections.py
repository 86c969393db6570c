"""差异核对: the cells where the two blind passes of a paper sheet differ, side by side.

The chief judge sees pass 1 | pass 2 | a third entry | a mark already given on screen, and
decides a value with a written reason (``paper.resolve_difference``). A score clerk sees who
typed each pass but not the values (the core hides them) and types the cell a third time,
blind, from the paper: if it matches one of the passes that value counts; otherwise the cell
waits for the chief judge. A clerk who typed either pass cannot make the third entry (the
core refuses it; the panel says so before anyone tries).
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kmjudge.accounts import Perm
from kmjudge.judging import paper, rules
from kmjudge.judging.views import AspectColumn, PaperSheetView, ScoreView, SheetDifference
from ui.context import AppContext
from ui.judging.models import SimpleTableModel, fmt_value
from ui.widgets import MessageBanner, alive, hint


def table(parent: QWidget, name: str, model: SimpleTableModel) -> QTableView:
    t = QTableView(parent)
    t.setObjectName(name)
    t.setModel(model)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setAlternatingRowColors(True)
    t.verticalHeader().hide()
    t.verticalHeader().setDefaultSectionSize(30)
    t.horizontalHeader().setStretchLastSection(True)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return t


class CorrectionPanel(QWidget):
    """The correction list of the event, and the decision for the selected cell."""

    resolved = Signal(object)  # ScoreView | None (None: a third entry matching neither pass)
    failed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.chief = ctx.actor.can(Perm.REVIEW_SCORES)
        self.diffs: list[SheetDifference] = []
        self.sheets: dict[str, PaperSheetView] = {}
        self.event_id: uuid.UUID | None = None
        self.busy = False

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 8, 0, 0)
        lay.setSpacing(8)
        if self.chief:
            text = self.tr(
                "Cells where the two passes differ (or agree but differ from a mark the judge "
                "gave on screen). Look at the paper sheet, then decide the value with a "
                "written reason."
            )
        else:
            text = self.tr(
                "Cells where the two passes differ. The values are hidden: take the paper "
                "sheet and type the cell a third time. If it matches one of the passes, that "
                "value counts; otherwise the chief judge decides. Only a clerk who typed "
                "neither pass can do this."
            )
        lay.addWidget(hint(text, self))
        self.model = SimpleTableModel(
            [
                self.tr("Sheet"),
                self.tr("Judge"),
                self.tr("Station"),
                self.tr("Aspect"),
                self.tr("Pass 1"),
                self.tr("Pass 2"),
                self.tr("Third entry"),
                self.tr("Mark on screen"),
                self.tr("Why"),
            ],
            self,
        )
        self.table = table(self, "differenceTable", self.model)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        lay.addWidget(self.table, 1)

        box = QGroupBox(self.tr("Selected cell"), self)
        box.setObjectName("correctionBox")
        form = QFormLayout(box)
        self.cell_label = QLabel(self.tr("Select a cell in the list."), box)
        self.cell_label.setObjectName("correctionCell")
        self.cell_label.setWordWrap(True)
        self.cell_label.setStyleSheet("QLabel#correctionCell { font-size: 12pt; }")
        form.addRow(self.cell_label)
        value_row = QHBoxLayout()
        self.value_edit = QLineEdit(box)
        self.value_edit.setObjectName("correctionValue")
        self.value_edit.setMaximumWidth(140)
        self.value_edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.value_edit.textChanged.connect(self._check_value)
        self.value_edit.returnPressed.connect(self._value_entered)
        value_row.addWidget(self.value_edit)
        self.use1 = QPushButton(box)
        self.use1.setObjectName("usePass1")
        self.use1.clicked.connect(lambda: self._use(1))
        self.use2 = QPushButton(box)
        self.use2.setObjectName("usePass2")
        self.use2.clicked.connect(lambda: self._use(2))
        value_row.addWidget(self.use1)
        value_row.addWidget(self.use2)
        value_row.addStretch(1)
        form.addRow(
            self.tr("Value on the paper:") if not self.chief else self.tr("Decided value:"),
            value_row,
        )
        self.reason_edit = QLineEdit(box)
        self.reason_edit.setObjectName("correctionReason")
        self.reason_edit.setPlaceholderText(
            self.tr("e.g. checked against the paper sheet: pass 1 is right")
        )
        self.reason_edit.returnPressed.connect(self.resolve_selected)
        if self.chief:
            form.addRow(self.tr("Reason (required):"), self.reason_edit)
        else:
            self.reason_edit.hide()
            self.use1.hide()
            self.use2.hide()
        self.value_error = MessageBanner(box)
        form.addRow(self.value_error)
        self.resolve_button = QPushButton(
            self.tr("Decide") if self.chief else self.tr("Save third entry"), box
        )
        self.resolve_button.setObjectName("primary")
        self.resolve_button.clicked.connect(self.resolve_selected)
        button_row = QHBoxLayout()
        button_row.addStretch(1)
        button_row.addWidget(self.resolve_button)
        form.addRow(button_row)
        lay.addWidget(box)
        self.banner = MessageBanner(self)
        lay.addWidget(self.banner)
        self._selected()

    # ---------------------------------------------------------------- list

    def set_differences(self, diffs: list[SheetDifference]) -> None:
        keep = self.selected()
        self.diffs = list(diffs)
        rows, colors = [], []
        for d in self.diffs:
            rows.append(self.row_texts(d))
            colors.append("#a61b1b" if d.kind == "passes_differ" else "#7a5500")
        self.model.set_rows(rows, payload=self.diffs, colors=colors)
        target = 0
        if keep is not None:
            for i, d in enumerate(self.diffs):
                if (d.code, d.station_no, d.aspect_code) == (
                    keep.code,
                    keep.station_no,
                    keep.aspect_code,
                ):
                    target = i
        if self.diffs:
            self.table.selectRow(target)
        self._selected()

    def _value(self, value: Decimal | None, clerk: str, hidden: bool) -> str:
        if not clerk:
            return "—"
        if hidden:
            return self.tr("typed by {clerk}").format(clerk=clerk)
        return f"{fmt_value(value)}  ({clerk})"

    def row_texts(self, d: SheetDifference) -> list[str]:
        hidden = d.values_hidden
        why = (
            self.tr("passes differ")
            if d.kind == "passes_differ"
            else self.tr("passes agree, differ from the mark on screen")
        )
        if d.pass3_clerk and not (d.pass3 is not None and d.pass3 in (d.pass1, d.pass2)):
            why += self.tr("; third entry matches neither: chief judge decides")
        return [
            d.code,
            d.judge_username,
            self.tr("No. {no}").format(no=d.station_no),
            d.aspect_code,
            self._value(d.pass1, d.pass1_clerk, hidden),
            self._value(d.pass2, d.pass2_clerk, hidden),
            self._value(d.pass3, d.pass3_clerk, hidden),
            "—" if hidden or d.existing is None else fmt_value(d.existing),
            why,
        ]

    def selected(self) -> SheetDifference | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.diffs):
            return None
        return self.diffs[rows[0].row()]

    # ---------------------------------------------------------------- the selected cell

    def _aspect(self, d: SheetDifference) -> AspectColumn | None:
        sheet = self.sheets.get(d.code)
        if sheet is None:
            return None
        return next((a for a in sheet.aspects if a.code == d.aspect_code), None)

    def _selected(self) -> None:
        d = self.selected()
        self.value_edit.clear()
        self.reason_edit.clear()
        self.value_error.clear()
        if d is None:
            self.cell_label.setText(self.tr("Select a cell in the list."))
            for w in (self.value_edit, self.reason_edit, self.resolve_button, self.use1, self.use2):
                w.setEnabled(False)
            return
        aspect = self._aspect(d)
        rule = (aspect.hint_zh if self.ctx.lang == "zh" else aspect.hint_en) if aspect else ""
        title = f"{aspect.title}（{rule}）" if aspect else ""
        text = self.tr("Sheet {code} · judge {judge} · station {no} · {aspect} {title}").format(
            code=d.code, judge=d.judge_username, no=d.station_no, aspect=d.aspect_code, title=title
        )
        blocked = self.blocked_reason(d)
        if blocked:
            text += "\n" + blocked
        self.cell_label.setText(text)
        ok = not blocked
        for w in (self.value_edit, self.reason_edit, self.resolve_button):
            w.setEnabled(ok)
        if self.chief:
            self.use1.setText(self.tr("Use pass 1: {v}").format(v=fmt_value(d.pass1)))
            self.use2.setText(self.tr("Use pass 2: {v}").format(v=fmt_value(d.pass2)))
            self.use1.setEnabled(ok and d.pass1 is not None)
            self.use2.setEnabled(ok and d.pass2 is not None)
        if ok:
            self.value_edit.setFocus()
        if aspect is None:
            self._fetch_sheet(d.code)

    def blocked_reason(self, d: SheetDifference) -> str:
        """Why the signed-in user cannot settle this cell ('' = they can)."""
        me = self.ctx.actor.username
        if me in (d.pass1_clerk, d.pass2_clerk):
            if self.chief:
                return self.tr("You typed this cell, so you cannot decide it.")
            return self.tr(
                "You typed one of the passes of this cell; the third entry needs another "
                "clerk (nobody confirms their own entry)."
            )
        if self.chief:
            return ""
        if d.kind != "passes_differ":
            return self.tr(
                "Both passes agree but differ from the mark the judge gave on screen: "
                "the chief judge decides."
            )
        if d.pass3_clerk and d.pass3_clerk != me:
            return self.tr(
                "{clerk} made the third entry and it matches neither pass: the chief judge decides."
            ).format(clerk=d.pass3_clerk)
        return ""

    def _fetch_sheet(self, code: str) -> None:
        self.ctx.worker.run(
            paper.open_sheet,
            self.ctx.db,
            self.ctx.actor,
            code,
            on_success=alive(self, self._sheet_loaded),
            on_error=lambda _exc: None,  # only used for the rule hint; the core checks anyway
        )

    def _sheet_loaded(self, view: PaperSheetView) -> None:
        self.sheets[view.code] = view
        d = self.selected()
        if d is not None and d.code == view.code:
            value, reason = self.value_edit.text(), self.reason_edit.text()
            self._selected()
            self.value_edit.setText(value)
            self.reason_edit.setText(reason)

    def _problem(self, text: str) -> str:
        d = self.selected()
        if d is None or not text.strip():
            return ""
        aspect = self._aspect(d)
        if aspect is None:
            return ""
        _v, issue = rules.value_issue(aspect, text.strip(), d.aspect_code)
        if issue is None:
            return ""
        return issue.message_zh if self.ctx.lang == "zh" else issue.message_en

    def _check_value(self, text: str) -> None:
        problem = self._problem(text)
        if problem:
            self.value_error.error(problem)
        else:
            self.value_error.clear()

    def _use(self, n: int) -> None:
        d = self.selected()
        if d is None:
            return
        value = d.pass1 if n == 1 else d.pass2
        self.value_edit.setText(fmt_value(value))
        self.reason_edit.setFocus()

    def _value_entered(self) -> None:
        if self.chief and not self.reason_edit.text().strip():
            self.reason_edit.setFocus()
            return
        self.resolve_selected()

    def resolve_selected(self) -> None:
        d = self.selected()
        if d is None or self.busy:
            return
        text = self.value_edit.text().strip()
        if not text:
            self.value_error.error(self.tr("Type the value from the paper sheet."))
            self.value_edit.setFocus()
            return
        problem = self._problem(text)
        if problem:
            self.value_error.error(problem)
            return
        reason = self.reason_edit.text().strip()
        if self.chief and not reason:
            self.value_error.error(self.tr("Write the reason for this decision."))
            self.reason_edit.setFocus()
            return
        self.busy = True
        self.resolve_button.setEnabled(False)
        self.ctx.worker.run(
            paper.resolve_difference,
            self.ctx.db,
            self.ctx.actor,
            d.code,
            d.station_no,
            d.aspect_code,
            text,
            reason,
            on_success=alive(self, lambda v, d=d: self._resolved(d, v)),
            on_error=alive(self, self._failed),
        )

    def _resolved(self, d: SheetDifference, view: ScoreView | None) -> None:
        self.busy = False
        self.resolve_button.setEnabled(True)
        if view is None:
            self.banner.show_message(
                self.tr(
                    "Third entry saved for station {no} {aspect}, but it matches neither pass: "
                    "the chief judge decides."
                ).format(no=d.station_no, aspect=d.aspect_code),
                "warning",
            )
        else:
            self.banner.success(
                self.tr("Station {no} · {aspect}: {value} counts now.").format(
                    no=view.station_no, aspect=view.aspect_code, value=fmt_value(view.value)
                )
            )
        self.resolved.emit(view)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.resolve_button.setEnabled(True)
        text = self.ctx.error_text(exc)
        self.banner.error(text)
        self.failed.emit(text)
