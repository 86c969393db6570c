"""Corrections and reopening: judges' requests to reopen a submitted criterion (the chief
reopens with a reason), the chief judge's correction of one judge's mark (reason required;
the PIN again when the marks are locked), and every correction made so far.

The correction form shows every judge's mark on the chosen station and aspect first
(``review.panel_marks``), so the chief judge corrects what they see, with its version.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from kmjudge.judging import entry, review
from kmjudge.judging.review import CorrectionView, DeskChoices, PanelMark, PanelMarks
from kmjudge.judging.views import ReopenRequest
from ui.judging.chief_common import ChiefTab, make_table, selected_row
from ui.judging.models import SimpleTableModel, fmt_value, station_text
from ui.widgets import hint, local_time, pin_field

if TYPE_CHECKING:
    from ui.judging.chief_page import ChiefPage


class CorrectionsTab(ChiefTab):
    def __init__(self, page: ChiefPage) -> None:
        super().__init__(page)
        self.requests: list[ReopenRequest] = []
        self.panel: PanelMarks | None = None
        self.marks: list[PanelMark] = []
        lay = QHBoxLayout(self)

        # left: reopen requests, then the corrections made
        left = QVBoxLayout()
        lay.addLayout(left, 1)
        self.requests_caption = QLabel(self.tr("Judges asking to reopen a submitted criterion"))
        left.addWidget(self.requests_caption)
        self.request_model = SimpleTableModel(
            [self.tr("Judge"), self.tr("Criterion"), self.tr("Reason"), self.tr("Asked at")], self
        )
        self.request_table = make_table(self, "reopenTable", self.request_model)
        left.addWidget(self.request_table, 1)
        rr = QHBoxLayout()
        self.reopen_reason = QLineEdit(self)
        self.reopen_reason.setObjectName("reopenReason")
        self.reopen_reason.setPlaceholderText(self.tr("Reason for reopening (required)"))
        self.reopen_reason.returnPressed.connect(self.reopen)
        rr.addWidget(self.reopen_reason, 1)
        self.reopen_button = QPushButton(self.tr("Reopen for the judge"), self)
        self.reopen_button.setObjectName("reopenButton")
        self.reopen_button.clicked.connect(self.reopen)
        rr.addWidget(self.reopen_button)
        left.addLayout(rr)
        left.addWidget(QLabel(self.tr("Corrections made (newest first)"), self))
        self.history_model = SimpleTableModel(
            [
                self.tr("When"),
                self.tr("Station"),
                self.tr("Aspect"),
                self.tr("Judge"),
                self.tr("Was"),
                self.tr("Now"),
                self.tr("Reason"),
                self.tr("By"),
            ],
            self,
        )
        self.history_table = make_table(self, "correctionTable", self.history_model)
        left.addWidget(self.history_table, 1)

        # right: the correction form
        box = QGroupBox(self.tr("Correct a judge's mark"), self)
        box.setMinimumWidth(400)
        box.setMaximumWidth(470)
        lay.addWidget(box)
        form = QVBoxLayout(box)
        pick = QFormLayout()
        self.station_spin = QSpinBox(box)
        self.station_spin.setObjectName("correctStation")
        self.station_spin.setRange(1, 9999)
        pick.addRow(self.tr("Station:"), self.station_spin)
        self.aspect_combo = QComboBox(box)
        self.aspect_combo.setObjectName("correctAspect")
        pick.addRow(self.tr("Aspect:"), self.aspect_combo)
        self.show_button = QPushButton(self.tr("Show the marks"), box)
        self.show_button.setObjectName("correctShow")
        self.show_button.clicked.connect(self.show_panel)
        pick.addRow("", self.show_button)
        form.addLayout(pick)
        self.panel_hint = hint("", box)
        self.panel_hint.setObjectName("panelHint")
        form.addWidget(self.panel_hint)
        self.panel_model = SimpleTableModel(
            [self.tr("Judge"), self.tr("Mark"), self.tr("State")], self
        )
        self.panel_table = make_table(box, "panelTable", self.panel_model)
        form.addWidget(self.panel_table, 1)
        fix = QFormLayout()
        self.value_edit = QLineEdit(box)
        self.value_edit.setObjectName("correctValue")
        fix.addRow(self.tr("Correct mark:"), self.value_edit)
        self.correct_reason = QLineEdit(box)
        self.correct_reason.setObjectName("correctReason")
        self.correct_reason.setPlaceholderText(self.tr("e.g. the paper sheet says 9"))
        fix.addRow(self.tr("Reason:"), self.correct_reason)
        self.correct_pin = pin_field(box, "correctPin")
        self.correct_pin.setPlaceholderText(self.tr("only for locked marks"))
        fix.addRow(self.tr("PIN:"), self.correct_pin)
        form.addLayout(fix)
        self.correct_button = QPushButton(self.tr("Correct the selected judge's mark"), box)
        self.correct_button.setObjectName("correctButton")
        self.correct_button.clicked.connect(self.correct)
        self.correct_reason.returnPressed.connect(self.correct)
        form.addWidget(self.correct_button)
        self._show_panel(None)

    # ---------------------------------------------------------------- loading

    def set_choices(self, choices: DeskChoices) -> None:
        keep = self.aspect_combo.currentData()
        self.aspect_combo.clear()
        for code, title, _crit, _kind in choices.aspects:
            self.aspect_combo.addItem(f"{code} {title}", code)
        i = self.aspect_combo.findData(keep)
        if i >= 0:
            self.aspect_combo.setCurrentIndex(i)
        if choices.stations:
            self.station_spin.setRange(
                min(s for s, _ in choices.stations), max(s for s, _ in choices.stations)
            )

    def refresh(self) -> None:
        if self.event_id is None:
            return
        self.load(
            review.corrections, self.ctx.db, self.ctx.actor, self.event_id, then=self._history
        )
        if self.panel is not None:
            self.show_panel()

    def show_requests(self, requests: list[ReopenRequest]) -> None:
        """From the page's review list (it already gathers the reopen requests)."""
        self.requests = requests
        self.request_model.set_rows(
            [
                [r.judge_name or r.judge_username, r.criterion_code, r.reason,
                 local_time(_parse(r.requested_at))]
                for r in requests
            ],
            payload=requests,
        )  # fmt: skip
        if requests and selected_row(self.request_table) is None:
            self.request_table.selectRow(0)
        self.requests_caption.setText(
            self.tr("Judges asking to reopen a submitted criterion: {n}").format(n=len(requests))
        )

    def _history(self, rows: list[CorrectionView]) -> None:
        self.history_model.set_rows(
            [
                [
                    local_time(c.at),
                    station_text(c.station_no) if c.station_no is not None else "",
                    c.aspect_code,
                    c.judge_username,
                    fmt_value(c.before) if c.before is not None else self.tr("(none)"),
                    fmt_value(c.after),
                    c.reason + (self.tr(" [locked, PIN]") if c.locked else ""),
                    c.by_name or c.by,
                ]
                for c in rows
            ]
        )
        self.loaded.emit()

    def prefill(self, station_no: int, aspect_code: str) -> None:
        """From a spread flag: show that panel, ready for the correct mark."""
        self.station_spin.setValue(station_no)
        i = self.aspect_combo.findData(aspect_code)
        if i >= 0:
            self.aspect_combo.setCurrentIndex(i)
        self.show_panel()
        self.value_edit.setFocus()

    def show_panel(self) -> None:
        code = self.aspect_combo.currentData()
        if self.event_id is None or not code:
            return
        self.load(
            review.panel_marks,
            self.ctx.db,
            self.ctx.actor,
            self.event_id,
            self.station_spin.value(),
            str(code),
            then=self._show_panel,
        )

    def _show_panel(self, panel: PanelMarks | None) -> None:
        self.panel = panel
        self.marks = list(panel.marks) if panel is not None else []
        keep = selected_row(self.panel_table)
        rows = []
        for m in self.marks:
            name = m.judge_name + (self.tr(" (trainee)") if m.trainee else "")
            if m.excluded:
                state = self.tr("excluded (回避)")
            elif m.value is None:
                state = self.tr("no mark yet")
            else:
                state = self.tr("{status} · {source} · version {v}").format(
                    status=self.status_text(m.status),
                    source=self.tr("paper") if m.source == "paper" else self.tr("screen"),
                    v=m.version,
                )
            rows.append([name, fmt_value(m.value), state])
        self.panel_model.set_rows(rows, payload=self.marks)
        if self.marks:
            self.panel_table.selectRow(keep if keep is not None and keep < len(rows) else 0)
        if panel is None:
            self.panel_hint.setText(self.tr("Choose a station and an aspect, then show the marks."))
        else:
            lock = self.tr(" Locked: your PIN is needed.") if panel.locked else ""
            self.panel_hint.setText(
                self.tr("Station {s} · {a} {t} · allowed: {h}.").format(
                    s=station_text(panel.station_no),
                    a=panel.aspect_code,
                    t=panel.aspect_title,
                    h=panel.hint_zh if self.zh() else panel.hint_en,
                )
                + lock
            )
        self.correct_pin.setEnabled(bool(panel and panel.locked))

    def status_text(self, status: str) -> str:
        return {
            "entered": self.tr("entered"),
            "confirmed": self.tr("confirmed"),
            "accepted": self.tr("accepted by the chief"),
            "corrected": self.tr("corrected"),
        }.get(status, status)

    # ---------------------------------------------------------------- actions

    def reopen(self) -> None:
        row = selected_row(self.request_table)
        if row is None or self.event_id is None:
            self.page.banner.error(self.tr("Select a reopen request first."))
            return
        r = self.requests[row]
        reason = self.reopen_reason.text().strip()
        if len(reason) < 2:
            self.page.banner.error(self.tr("Write the reason for reopening."))
            self.reopen_reason.setFocus()
            return
        self.act(
            "reopen",
            self.tr("Criterion {c} is open again for {j}.").format(
                c=r.criterion_code, j=r.judge_name or r.judge_username
            ),
            entry.reopen,
            self.ctx.db,
            self.ctx.actor,
            self.event_id,
            r.criterion_code,
            r.judge_username,
            reason,
            on_ok=self.reopen_reason.clear,
        )

    def correct(self) -> None:
        panel = self.panel
        row = selected_row(self.panel_table)
        if panel is None or row is None or self.event_id is None:
            self.page.banner.error(self.tr("Show the marks and select the judge first."))
            return
        m = self.marks[row]
        value = self.value_edit.text().strip()
        reason = self.correct_reason.text().strip()
        if not value:
            self.page.banner.error(self.tr("Enter the correct mark."))
            self.value_edit.setFocus()
            return
        if len(reason) < 2:
            self.page.banner.error(self.tr("Write the reason for the correction."))
            self.correct_reason.setFocus()
            return
        if panel.locked and not self.correct_pin.text():
            self.page.banner.error(self.tr("These marks are locked: enter your PIN."))
            self.correct_pin.setFocus()
            return

        def clear() -> None:
            self.value_edit.clear()
            self.correct_reason.clear()
            self.correct_pin.clear()

        self.act(
            "correct",
            self.tr("Station {s} {a}: {j}'s mark is now {v}.").format(
                s=station_text(panel.station_no), a=panel.aspect_code, j=m.judge_name, v=value
            ),
            entry.correct_score,
            self.ctx.db,
            self.ctx.actor,
            self.event_id,
            panel.station_no,
            panel.aspect_code,
            m.judge_username,
            value,
            reason,
            secret=self.correct_pin.text() if panel.locked else None,
            expected_version=m.version,
            on_ok=clear,
        )


def _parse(text: str) -> datetime | None:
    """The core's ISO UTC text (2026-10-20T09:30:00.000000Z) as a naive UTC datetime."""
    try:
        return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ")
    except ValueError:
        return None


__all__ = ["CorrectionsTab"]
