"""纸质评分表: the paper path of judging, for score clerks, the chief judge and the admin.

Three tabs over the selected event:

- 录入 (``paper_entry.PaperEntryPanel``): scan a sheet's barcode, type one blind pass of it;
- 评分表 list: every sheet with its state (未录入 / 已录一遍 / 两遍录入中 / 有差异 / 已完成),
  who typed each pass and the cell counts (``paper.sheet_states``); open a sheet from here, or
  reprint the selected sheets (admin, chief judge);
- 差异核对 (``paper_corrections.CorrectionPanel``): pass 1 | pass 2 side by side, a third
  blind entry by another clerk or the chief judge's decision.

The counters at the top say what is left: sheets waiting for a first or a second pass, cells
in the correction list. The toolbar opens the print dialog (``sheets_dialog``) and the theory
score import (``theory_wizard``) for those allowed to use them.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kmjudge.accounts import Perm
from kmjudge.judging import paper
from kmjudge.judging.paper import SheetState
from kmjudge.judging.views import SheetDifference
from ui.context import AppContext
from ui.judging.models import SimpleTableModel
from ui.judging.paper_corrections import CorrectionPanel, table
from ui.judging.paper_entry import PaperEntryPanel
from ui.widgets import MessageBanner, alive, heading, hint

STATE_COLORS = {
    "not_entered": "#5d6975",
    "one_pass": "#1d5fa7",
    "both": "#1d5fa7",
    "differences": "#a61b1b",
    "done": "#1d6b2c",
}


class PaperPage(QWidget):
    """纸质评分表: entry, list of sheets with their state, corrections, printing, theory."""

    refreshed = Signal()

    ENTRY, SHEETS, DIFFERENCES = range(3)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("page")
        self.event_id: uuid.UUID | None = None
        self.states: list[SheetState] = []
        self.diffs: list[SheetDifference] = []
        actor = ctx.actor
        self.can_print = actor.can(Perm.ASSIGN_JUDGES) or actor.can(Perm.REVIEW_SCORES)
        self.can_theory = actor.can(Perm.IMPORT_REGISTRATIONS) or actor.can(Perm.REVIEW_SCORES)
        self.can_correct = actor.can(Perm.REVIEW_SCORES) or actor.can(Perm.ENTER_PAPER_SCORES)
        self.dialogs: list[QWidget] = []

        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 18, 24, 14)
        lay.setSpacing(8)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Paper sheets"), self))
        self.event_label = hint("", self)
        self.event_label.setObjectName("eventTitle")
        top.addWidget(self.event_label, 1)
        self.print_button = QPushButton(self.tr("Print sheets…"), self)
        self.print_button.setObjectName("printSheets")
        self.print_button.clicked.connect(self.open_print_dialog)
        self.print_button.setVisible(self.can_print)
        top.addWidget(self.print_button)
        self.theory_button = QPushButton(self.tr("Import theory scores…"), self)
        self.theory_button.setObjectName("theoryButton")
        self.theory_button.clicked.connect(self.open_theory)
        self.theory_button.setVisible(self.can_theory)
        top.addWidget(self.theory_button)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.clicked.connect(self.refresh)
        top.addWidget(self.refresh_button)
        lay.addLayout(top)

        self.counters = QLabel("", self)
        self.counters.setObjectName("paperCounters")
        self.counters.setStyleSheet(
            "QLabel#paperCounters { background: white; border: 1px solid #dde3ea; "
            "border-radius: 6px; padding: 6px 12px; font-size: 11pt; }"
        )
        lay.addWidget(self.counters)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("paperTabs")
        lay.addWidget(self.tabs, 1)

        self.entry = PaperEntryPanel(ctx, self)
        self.entry.saved.connect(lambda _r: self.refresh())
        self.tabs.addTab(self.entry, self.tr("Type a sheet"))

        sheets = QWidget(self)
        sl = QVBoxLayout(sheets)
        sl.setContentsMargins(0, 8, 0, 0)
        filter_row = QHBoxLayout()
        filter_row.addWidget(QLabel(self.tr("Show:"), sheets))
        self.filter_combo = QComboBox(sheets)
        self.filter_combo.setObjectName("stateFilter")
        self.filter_combo.addItem(self.tr("All sheets"), "")
        self.filter_combo.addItem(self.tr("Not finished"), "open")
        for key in ("not_entered", "one_pass", "both", "differences", "done"):
            self.filter_combo.addItem(self.state_text(key), key)
        self.filter_combo.currentIndexChanged.connect(lambda _i: self._fill_sheets())
        filter_row.addWidget(self.filter_combo)
        filter_row.addStretch(1)
        self.reprint_button = QPushButton(self.tr("Reprint selected…"), sheets)
        self.reprint_button.setObjectName("reprintSelected")
        self.reprint_button.clicked.connect(self.reprint_selected)
        self.reprint_button.setVisible(self.can_print)
        filter_row.addWidget(self.reprint_button)
        self.open_button = QPushButton(self.tr("Open for typing"), sheets)
        self.open_button.setObjectName("openSelected")
        self.open_button.clicked.connect(self.open_selected)
        filter_row.addWidget(self.open_button)
        sl.addLayout(filter_row)
        self.sheet_model = SimpleTableModel(
            [
                self.tr("Sheet"),
                self.tr("Criterion"),
                self.tr("Judge"),
                self.tr("Stations"),
                self.tr("State"),
                self.tr("Pass 1"),
                self.tr("Pass 2"),
                self.tr("Marks in"),
                self.tr("Differences"),
            ],
            self,
        )
        self.sheet_table = table(sheets, "sheetTable", self.sheet_model)
        self.sheet_table.setSelectionMode(self.sheet_table.SelectionMode.ExtendedSelection)
        self.sheet_table.doubleClicked.connect(self._double_clicked)
        sl.addWidget(self.sheet_table, 1)
        sl.addWidget(
            hint(
                self.tr(
                    "Double-click a sheet (or select it and press Open for typing) to type it. "
                    "“Marks in” counts the marks of the sheet that count already."
                ),
                sheets,
            )
        )
        self.tabs.addTab(sheets, self.tr("Sheets"))

        self.corrections = CorrectionPanel(ctx, self)
        self.corrections.resolved.connect(lambda _v: self.refresh())
        if self.can_correct:
            self.tabs.addTab(self.corrections, self.tr("Differences"))
        else:
            self.corrections.hide()

        self.banner = MessageBanner(self)
        lay.addWidget(self.banner)

        ctx.bus.event_changed.connect(self._event_changed)
        if ctx.event_id is not None:
            self._event_changed(ctx.event_id)

    # ---------------------------------------------------------------- loading

    def state_text(self, key: str) -> str:
        return {
            "not_entered": self.tr("not typed"),
            "one_pass": self.tr("one pass typed"),
            "both": self.tr("both passes under way"),
            "differences": self.tr("differences"),
            "done": self.tr("done"),
        }.get(key, key)

    def _event_changed(self, event_id: uuid.UUID | None) -> None:
        self.event_id = event_id
        self.refresh()

    def refresh(self) -> None:
        if self.event_id is None:
            self.event_label.setText(self.tr("Choose an event at the top."))
            return
        self.ctx.worker.run(
            paper.sheet_states,
            self.ctx.db,
            self.ctx.actor,
            self.event_id,
            on_success=alive(self, self._states_loaded),
            on_error=alive(self, lambda exc: self.banner.error(self.ctx.error_text(exc))),
        )

    def _states_loaded(self, states: list[SheetState]) -> None:
        self.states = list(states)
        self._fill_sheets()
        if self.can_correct and self.event_id is not None:
            self.ctx.worker.run(
                paper.sheet_differences,
                self.ctx.db,
                self.ctx.actor,
                self.event_id,
                on_success=alive(self, self._diffs_loaded),
                on_error=alive(self, lambda exc: self.banner.error(self.ctx.error_text(exc))),
            )
        else:
            self._diffs_loaded([])

    def _diffs_loaded(self, diffs: list[SheetDifference]) -> None:
        self.diffs = list(diffs)
        self.corrections.set_differences(self.diffs)
        if self.can_correct:
            self.tabs.setTabText(
                self.DIFFERENCES, self.tr("Differences ({n})").format(n=len(self.diffs))
            )
        self._update_counters()
        self.refreshed.emit()

    def _fill_sheets(self) -> None:
        wanted = self.filter_combo.currentData()
        shown = [
            s
            for s in self.states
            if not wanted or s.state == wanted or (wanted == "open" and s.state != "done")
        ]
        rows = []
        for s in shown:
            stations = (
                f"{s.stations[0]}–{s.stations[-1]}" if len(s.stations) > 1 else str(s.stations[0])
            )
            rows.append(
                [
                    s.code,
                    f"{s.criterion_code} {s.criterion_title}",
                    f"{s.judge_name}（{s.judge_username}）",
                    stations,
                    self.state_text(s.state),
                    f"{s.pass1}/{s.cells}" + (f"  {s.pass1_clerk}" if s.pass1_clerk else ""),
                    f"{s.pass2}/{s.cells}" + (f"  {s.pass2_clerk}" if s.pass2_clerk else ""),
                    f"{s.settled_required}/{s.required}",
                    str(s.differing) if s.differing else "",
                ]
            )
        self.sheet_model.set_rows(
            rows, payload=shown, colors=[STATE_COLORS[s.state] for s in shown]
        )

    def _update_counters(self) -> None:
        by: dict[str, int] = {}
        for s in self.states:
            by[s.state] = by.get(s.state, 0) + 1
        cells = sum(s.differing for s in self.states)
        if not self.states:
            text = self.tr("No marking sheets for this event yet.")
            if self.can_print:
                text += " " + self.tr("Print them with “Print sheets…”.")
        else:
            text = self.tr(
                "{total} sheet(s): {new} not typed · {one} waiting for the second pass · "
                "{both} under way · {diff} with differences ({cells} cell(s)) · {done} done"
            ).format(
                total=len(self.states),
                new=by.get("not_entered", 0),
                one=by.get("one_pass", 0),
                both=by.get("both", 0),
                diff=by.get("differences", 0),
                cells=cells,
                done=by.get("done", 0),
            )
        self.counters.setText(text)
        self.event_label.setText("")

    # ---------------------------------------------------------------- actions

    def selected_states(self) -> list[SheetState]:
        rows = sorted({i.row() for i in self.sheet_table.selectionModel().selectedRows()})
        return [self.sheet_model.payload[r] for r in rows if r < len(self.sheet_model.payload)]

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_code(self.sheet_model.payload[index.row()].code)

    def open_selected(self) -> None:
        chosen = self.selected_states()
        if chosen:
            self.open_code(chosen[0].code)

    def open_code(self, code: str) -> None:
        self.tabs.setCurrentIndex(self.ENTRY)
        self.entry.open_code(code)

    def open_print_dialog(self) -> None:
        if self.event_id is None:
            return
        from ui.judging.sheets_dialog import PrintSheetsDialog

        dlg = PrintSheetsDialog(self.ctx, self.event_id, self)
        self._keep(dlg)
        dlg.written.connect(lambda _r: self.refresh())
        dlg.show()

    def reprint_selected(self) -> None:
        chosen = self.selected_states()
        if self.event_id is None or not chosen:
            self.banner.error(self.tr("Select the sheets to reprint in the list."))
            return
        from ui.judging.sheets_dialog import PrintSheetsDialog

        dlg = PrintSheetsDialog(self.ctx, self.event_id, self, codes=[s.code for s in chosen])
        self._keep(dlg)
        dlg.show()

    def open_theory(self) -> None:
        if self.event_id is None:
            return
        from ui.judging.theory_wizard import open_theory_wizard

        wizard = open_theory_wizard(self.ctx, self, self.event_id)
        self._keep(wizard)

    def _keep(self, dlg: QWidget) -> None:
        """The last dialog opened (tests and screenshots reach it here)."""
        self.dialogs = [d for d in self.dialogs[-4:] if _alive(d)] + [dlg]


def _alive(w: QWidget) -> bool:
    import shiboken6

    return shiboken6.isValid(w)
