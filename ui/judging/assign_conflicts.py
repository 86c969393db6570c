"""The 回避 tab of the judges page: judges and contestants from the same employer, the
"exclude" action, and the exclusions in force (lifting one needs a reason)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kmjudge import judges
from kmjudge.judges import ConflictPair, ExclusionView
from ui.judging.chief_common import make_table, selected_row
from ui.judging.models import SimpleTableModel, station_text
from ui.widgets import hint

if TYPE_CHECKING:
    from ui.judging.assign_page import AssignPage

RED, GREY = "#a61b1b", "#6b7580"


class ConflictsTab(QWidget):
    def __init__(self, page: AssignPage) -> None:
        super().__init__(page)
        self.page = page
        self.conflicts: list[ConflictPair] = []
        self.exclusions: list[ExclusionView] = []
        cl = QVBoxLayout(self)
        cl.addWidget(
            hint(
                self.tr(
                    'Judges and contestants from the same employer. "Same" matches after '
                    'ignoring spaces, brackets and full-width characters; "contains" means '
                    "one name contains the other — worth a look. Excluding removes the "
                    "contestant from the judge's grid (marks already given are deleted and "
                    "kept in the audit trail)."
                ),
                self,
            )
        )
        self.conflict_model = SimpleTableModel(
            [
                self.tr("Judge"),
                self.tr("Judge's employer"),
                self.tr("Station"),
                self.tr("Ticket"),
                self.tr("Contestant"),
                self.tr("Contestant's employer"),
                self.tr("Match"),
                self.tr("State"),
            ],
            self,
        )
        self.conflict_table = make_table(self, "conflictTable", self.conflict_model)
        cl.addWidget(self.conflict_table, 2)
        xr = QHBoxLayout()
        xr.addWidget(QLabel(self.tr("Reason:"), self))
        self.exclude_reason = QLineEdit(self.tr("same employer"), self)
        self.exclude_reason.setObjectName("excludeReason")
        xr.addWidget(self.exclude_reason, 1)
        self.exclude_button = QPushButton(self.tr("Exclude the judge from this contestant"), self)
        self.exclude_button.setObjectName("excludeButton")
        self.exclude_button.clicked.connect(self.exclude_selected)
        xr.addWidget(self.exclude_button)
        cl.addLayout(xr)
        self.exclusions_caption = QLabel(self.tr("Exclusions (回避) in force"), self)
        cl.addWidget(self.exclusions_caption)
        self.exclusion_model = SimpleTableModel(
            [
                self.tr("Judge"),
                self.tr("Station"),
                self.tr("Ticket"),
                self.tr("Contestant"),
                self.tr("Reason"),
            ],
            self,
        )
        self.exclusion_table = make_table(self, "exclusionTable", self.exclusion_model)
        cl.addWidget(self.exclusion_table, 1)
        lr = QHBoxLayout()
        self.lift_reason = QLineEdit(self)
        self.lift_reason.setObjectName("liftReason")
        self.lift_reason.setPlaceholderText(self.tr("Reason for lifting the exclusion (required)"))
        lr.addWidget(self.lift_reason, 1)
        self.lift_button = QPushButton(self.tr("Lift the selected exclusion"), self)
        self.lift_button.setObjectName("liftButton")
        self.lift_button.clicked.connect(self.lift_selected)
        lr.addWidget(self.lift_button)
        cl.addLayout(lr)

    def show_conflicts(self, pairs: list[ConflictPair]) -> None:
        self.conflicts = pairs
        self.conflict_model.set_rows(
            [
                [
                    self.page.judge_text(c.judge_username, c.judge_name),
                    c.judge_employer,
                    station_text(c.station_no) if c.station_no is not None else "",
                    c.ticket_no,
                    c.contestant_name,
                    c.contestant_employer,
                    self.tr("same") if c.exact else self.tr("contains"),
                    self.tr("excluded") if c.excluded else self.tr("not excluded"),
                ]
                for c in pairs
            ],
            payload=pairs,
            colors=[GREY if c.excluded else RED for c in pairs],
        )
        open_ = sum(1 for c in pairs if not c.excluded)
        tabs = self.page.tabs
        tabs.setTabText(
            tabs.indexOf(self), self.tr("Conflicts of interest (回避): {n} open").format(n=open_)
        )
        first = next((i for i, c in enumerate(pairs) if not c.excluded), None)
        if first is not None:
            self.conflict_table.selectRow(first)

    def show_exclusions(self, rows: list[ExclusionView]) -> None:
        self.exclusions = rows
        self.exclusion_model.set_rows(
            [
                [self.page.judge_text(x.judge_username, x.judge_name),
                 station_text(x.station_no) if x.station_no is not None else "",
                 x.ticket_no, x.contestant_name, x.reason]
                for x in rows
            ],
            payload=rows,
        )  # fmt: skip
        self.exclusions_caption.setText(
            self.tr("Exclusions (回避) in force: {n}").format(n=len(rows))
        )

    def exclude_selected(self) -> None:
        row = selected_row(self.conflict_table)
        if row is None or self.page.event_id is None:
            self.page.banner.error(self.tr("Select a conflict first."))
            return
        c = self.conflicts[row]
        if c.excluded:
            self.page.banner.error(self.tr("This judge is excluded from that contestant already."))
            return
        reason = self.exclude_reason.text().strip() or self.tr("same employer")
        self.page.act(
            "exclude",
            self.tr("{judge} is excluded from station {s} ({name}).").format(
                judge=self.page.judge_text(c.judge_username, c.judge_name),
                s=station_text(c.station_no) if c.station_no is not None else "—",
                name=c.contestant_name,
            ),
            judges.exclude,
            self.page.event_id,
            c.judge_username,
            registration_id=c.registration_id,
            reason=reason,
        )

    def lift_selected(self) -> None:
        row = selected_row(self.exclusion_table)
        if row is None:
            self.page.banner.error(self.tr("Select an exclusion first."))
            return
        reason = self.lift_reason.text().strip()
        if len(reason) < 2:
            self.page.banner.error(self.tr("Write the reason for lifting the exclusion."))
            self.lift_reason.setFocus()
            return
        x = self.exclusions[row]
        self.page.act(
            "lift",
            self.tr("Exclusion lifted: {judge}, station {s}.").format(
                judge=self.page.judge_text(x.judge_username, x.judge_name),
                s=station_text(x.station_no) if x.station_no is not None else "—",
            ),
            judges.remove_exclusion,
            x.id,
            reason,
            on_ok=self.lift_reason.clear,
        )
