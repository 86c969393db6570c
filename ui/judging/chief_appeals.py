"""申诉 appeals tab: the appeal window (time left / closed), recording a written appeal (who,
station, when it was handed in, the text), the list, and the chief judge's written decision.

An appeal handed in after the window is refused by the core with the deadline in the message.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from kmjudge.clock import to_local
from kmjudge.judging import appeals
from kmjudge.judging.appeals import AppealDesk, AppealEntry
from ui.judging.chief_common import ChiefTab, duration_text, make_table, selected_row
from ui.judging.models import SimpleTableModel, station_text
from ui.widgets import local_time

PENDING_COLOR, UPHELD_COLOR, REJECTED_COLOR = "#a61b1b", "#1d6b2c", "#3d4852"


if TYPE_CHECKING:
    from ui.judging.chief_page import ChiefPage


class AppealsTab(ChiefTab):
    def __init__(self, page: ChiefPage) -> None:
        super().__init__(page)
        self.desk: AppealDesk | None = None
        self.entries: list[AppealEntry] = []
        lay = QVBoxLayout(self)
        self.window_label = QLabel("", self)
        self.window_label.setObjectName("appealWindow")
        self.window_label.setWordWrap(True)
        lay.addWidget(self.window_label)

        body = QHBoxLayout()
        lay.addLayout(body, 1)
        side = QVBoxLayout()
        body.addLayout(side)

        box = QGroupBox(self.tr("Record a written appeal"), self)
        form = QFormLayout(box)
        self.by_edit = QLineEdit(box)
        self.by_edit.setObjectName("appealBy")
        self.by_edit.setPlaceholderText(self.tr("contestant or team leader"))
        form.addRow(self.tr("Submitted by:"), self.by_edit)
        self.station_spin = QSpinBox(box)
        self.station_spin.setObjectName("appealStation")
        self.station_spin.setRange(0, 9999)
        self.station_spin.setSpecialValueText(self.tr("(none)"))
        form.addRow(self.tr("Station:"), self.station_spin)
        self.received_edit = QDateTimeEdit(box)
        self.received_edit.setObjectName("appealReceived")
        self.received_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.received_edit.setCalendarPopup(True)
        self.received_edit.setDateTime(QDateTime.currentDateTime())
        form.addRow(self.tr("Handed in at:"), self.received_edit)
        self.text_edit = QPlainTextEdit(box)
        self.text_edit.setObjectName("appealText")
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setPlaceholderText(self.tr("The appeal as written"))
        self.text_edit.setMaximumHeight(110)
        form.addRow(self.tr("Text:"), self.text_edit)
        self.submit_button = QPushButton(self.tr("Record the appeal"), box)
        self.submit_button.setObjectName("appealSubmit")
        self.submit_button.clicked.connect(self.submit)
        form.addRow("", self.submit_button)
        side.addWidget(box)

        dbox = QGroupBox(self.tr("Decide the selected appeal"), self)
        dform = QFormLayout(dbox)
        self.selected_label = QLabel("", dbox)
        self.selected_label.setObjectName("appealSelected")
        self.selected_label.setWordWrap(True)
        dform.addRow(self.selected_label)
        self.outcome_combo = QComboBox(dbox)
        self.outcome_combo.setObjectName("appealOutcome")
        self.outcome_combo.addItem(self.tr("Rejected"), "rejected")
        self.outcome_combo.addItem(self.tr("Upheld"), "upheld")
        dform.addRow(self.tr("Outcome:"), self.outcome_combo)
        self.decision_edit = QPlainTextEdit(dbox)
        self.decision_edit.setObjectName("appealDecision")
        self.decision_edit.setTabChangesFocus(True)
        self.decision_edit.setPlaceholderText(self.tr("Written decision (required)"))
        self.decision_edit.setMaximumHeight(90)
        dform.addRow(self.tr("Decision:"), self.decision_edit)
        self.decide_button = QPushButton(self.tr("Record the decision"), dbox)
        self.decide_button.setObjectName("appealDecide")
        self.decide_button.clicked.connect(self.decide)
        dform.addRow("", self.decide_button)
        side.addWidget(dbox)
        side.addStretch(1)
        for b in (box, dbox):
            b.setMinimumWidth(380)
            b.setMaximumWidth(440)

        self.model = SimpleTableModel(
            [
                self.tr("Handed in"),
                self.tr("By"),
                self.tr("Station"),
                self.tr("Appeal"),
                self.tr("Status"),
                self.tr("Decision"),
                self.tr("Decided by"),
                self.tr("Decided at"),
            ],
            self,
        )
        self.table = make_table(self, "appealTable", self.model)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for col in (3, 5):  # the appeal and the decision wrap; the rest fit their contents
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_a: self.table.resizeRowsToContents())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        body.addWidget(self.table, 1)

    # ---------------------------------------------------------------- loading

    def refresh(self) -> None:
        if self.event_id is None:
            return
        self.load(appeals.appeal_desk, self.ctx.db, self.ctx.actor, self.event_id, then=self._show)

    def _show(self, desk: AppealDesk) -> None:
        self.desk = desk
        self._show_window(desk)
        self.entries = list(desk.entries)
        rows: list[list[str]] = []
        colors: list[str | None] = []
        for e in self.entries:
            a = e.appeal
            rows.append(
                [
                    local_time(a.submitted_at),
                    a.submitted_by,
                    station_text(a.station_no) if a.station_no is not None else "",
                    a.text,
                    self._status(e, desk.now),
                    a.decision,
                    e.decided_by,
                    local_time(a.decided_at),
                ]
            )
            colors.append(
                {"pending": PENDING_COLOR, "upheld": UPHELD_COLOR}.get(a.outcome, REJECTED_COLOR)
            )
        keep = selected_row(self.table)
        self.model.set_rows(rows, payload=self.entries, colors=colors)
        self.table.resizeRowsToContents()
        pending = [i for i, e in enumerate(self.entries) if e.appeal.outcome == "pending"]
        if keep is not None and keep < len(self.entries):
            self.table.selectRow(keep)
        elif pending:
            self.table.selectRow(pending[0])
        title = self.tr("Appeals")
        if desk.pending:
            title = self.tr("Appeals ({n} pending)").format(n=desk.pending)
        self.page.tabs.setTabText(self.page.tabs.indexOf(self), title)
        self.loaded.emit()

    def _show_window(self, desk: AppealDesk) -> None:
        if desk.deadline is None:
            text = self.tr(
                "The event has no end time, so the appeal deadline is unknown and appeals "
                "cannot be recorded: set the end time under Competition setup."
            )
            color = "#7a5500"
        else:
            end = desk.end_at.strftime("%m-%d %H:%M") if desk.end_at else ""
            due = desk.deadline.strftime("%m-%d %H:%M")
            left = desk.time_left
            assert left is not None
            if desk.open:
                text = self.tr(
                    "Appeals are open: the event ended {end}, written appeals are accepted "
                    "until {due} — {left} left."
                ).format(end=end, due=due, left=duration_text(left))
                color = "#1d6b2c"
            else:
                text = self.tr(
                    "The appeal window closed at {due} ({ago} ago; the event ended {end}). "
                    "New appeals are refused."
                ).format(end=end, due=due, ago=duration_text(left))
                color = "#a61b1b"
        self.window_label.setText(text)
        self.window_label.setStyleSheet(f"color: {color}; font-size: 12pt; font-weight: bold;")

    def _status(self, e: AppealEntry, now: datetime) -> str:
        a = e.appeal
        if a.outcome == "upheld":
            return self.tr("upheld")
        if a.outcome == "rejected":
            return self.tr("rejected")
        local = to_local(a.submitted_at)
        assert local is not None
        waited = now - local.replace(tzinfo=None)
        return self.tr("pending (waiting {t})").format(t=duration_text(waited))

    def _selection_changed(self) -> None:
        e = self.selected()
        if e is None:
            self.selected_label.setText(self.tr("Select an appeal on the list."))
            return
        a = e.appeal
        st = station_text(a.station_no) if a.station_no is not None else "—"
        if a.outcome == "pending":
            text = self.tr("Selected: {who}, station {st}, handed in {at}.")
        else:
            text = self.tr("Selected: {who}, station {st} — decided already.")
        self.selected_label.setText(
            text.format(who=a.submitted_by, st=st, at=local_time(a.submitted_at))
        )
        self.decide_button.setEnabled(a.outcome == "pending")

    # ---------------------------------------------------------------- actions

    def submit(self) -> None:
        if self.event_id is None:
            return
        who = self.by_edit.text().strip()
        text = self.text_edit.toPlainText().strip()
        if not who:
            self.page.banner.error(self.tr("Enter who handed the appeal in."))
            self.by_edit.setFocus()
            return
        if len(text) < 5:
            self.page.banner.error(self.tr("Type the appeal's written text."))
            self.text_edit.setFocus()
            return
        received = self.received_edit.dateTime().toPython()
        assert isinstance(received, datetime)
        if received > datetime.now():
            self.page.banner.error(self.tr("The time handed in cannot be in the future."))
            self.received_edit.setFocus()
            return
        station = self.station_spin.value() or None

        def clear() -> None:
            self.by_edit.clear()
            self.text_edit.clear()
            self.station_spin.setValue(0)
            self.received_edit.setDateTime(QDateTime.currentDateTime())

        self.act(
            "appeal",
            self.tr("Appeal from {who} recorded.").format(who=who),
            appeals.submit_appeal,
            self.ctx.db,
            self.ctx.actor,
            self.event_id,
            text,
            who,
            station,
            now=received,
            on_ok=clear,
        )

    def selected(self) -> AppealEntry | None:
        row = selected_row(self.table)
        return self.entries[row] if row is not None else None

    def decide(self) -> None:
        e = self.selected()
        if e is None:
            self.page.banner.error(self.tr("Select an appeal on the list first."))
            return
        if e.appeal.outcome != "pending":
            self.page.banner.error(self.tr("This appeal was decided already."))
            return
        decision = self.decision_edit.toPlainText().strip()
        if len(decision) < 2:
            self.page.banner.error(self.tr("Write the decision."))
            self.decision_edit.setFocus()
            return
        outcome = str(self.outcome_combo.currentData())
        self.act(
            "decide",
            self.tr("Decision on the appeal from {who} recorded.").format(
                who=e.appeal.submitted_by
            ),
            appeals.decide_appeal,
            self.ctx.db,
            self.ctx.actor,
            e.appeal.id,
            outcome,
            decision,
            on_ok=self.decision_edit.clear,
        )


__all__ = ["AppealsTab"]
