"""The batch tab of the certificates page: award tiers, the plan, warnings, Save PDF / Print.

The plan comes from ``kmjudge.certificates.plan_batch`` (reads only) and is made again when a
tier, the participation or the reprint option, or the layout changes. Warnings the core marks
*blocking* (a character that no font has: it would print as an empty box) keep the Save and
Print buttons disabled until the person ticks that they have read them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kmjudge.certificates import TIERS, CertificatePlan, PlanEntry
from ui.certificates.models import PlanModel
from ui.widgets import hint

if TYPE_CHECKING:
    from ui.certificates.page import CertificatesPage

REPLAN_MS = 150
NOTICES_MAX_PX = 120
KINDS = (*TIERS, "participation")


TIER_SOURCES: dict[str, str] = {
    "first": str(QT_TRANSLATE_NOOP("CertTier", "First prize")),
    "second": str(QT_TRANSLATE_NOOP("CertTier", "Second prize")),
    "third": str(QT_TRANSLATE_NOOP("CertTier", "Third prize")),
    "merit": str(QT_TRANSLATE_NOOP("CertTier", "Merit award")),
    "participation": str(QT_TRANSLATE_NOOP("CertTier", "Participation")),
}


def tier_name(tier: str) -> str:
    """一等奖 … 参赛证书 in the UI language."""
    return QCoreApplication.translate("CertTier", TIER_SOURCES.get(tier, tier))


class BatchTab(QWidget):
    def __init__(self, page: CertificatesPage) -> None:
        super().__init__(page)
        self.page = page
        self.ctx = page.ctx
        self.plan: CertificatePlan | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 10, 8, 8)
        lay.setSpacing(8)

        tiers = QHBoxLayout()
        tiers.setSpacing(14)
        tiers.addWidget(QLabel(self.tr("Print:"), self))
        self.tier_boxes: dict[str, QCheckBox] = {}
        for kind in KINDS:
            box = QCheckBox(tier_name(kind), self)
            box.setObjectName(f"tier_{kind}")
            box.setChecked(kind != "participation")
            box.toggled.connect(self.schedule_plan)
            tiers.addWidget(box)
            self.tier_boxes[kind] = box
        tiers.addSpacing(12)
        self.reprint_box = QCheckBox(self.tr("Reprint certificates already issued (补发)"), self)
        self.reprint_box.setObjectName("reprintIssued")
        self.reprint_box.toggled.connect(self.schedule_plan)
        tiers.addWidget(self.reprint_box)
        tiers.addStretch(1)
        lay.addLayout(tiers)

        self.model = PlanModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("planTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PlanModel.EMPLOYER, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: page.refresh_preview())
        lay.addWidget(self.table, 1)

        self.summary = QLabel(self)
        self.summary.setObjectName("planSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: bold; font-size: 11pt;")
        lay.addWidget(self.summary)

        self.notices = QListWidget(self)
        self.notices.setObjectName("planNotices")
        self.notices.setWordWrap(True)
        self.notices.setMaximumHeight(NOTICES_MAX_PX)
        self.notices.setStyleSheet(
            "QListWidget#planNotices { background: #fffaf0; border: 1px solid #e9cf8c; }"
        )
        self.notices.hide()
        lay.addWidget(self.notices)
        self.ack_box = QCheckBox(
            self.tr(
                "I have read the warnings in red. Print anyway: those characters will be "
                "missing on paper and must be written in by hand."
            ),
            self,
        )
        self.ack_box.setObjectName("ackWarnings")
        self.ack_box.setStyleSheet("QCheckBox#ackWarnings { color: #a61b1b; font-weight: bold; }")
        self.ack_box.toggled.connect(self.update_buttons)
        self.ack_box.hide()
        lay.addWidget(self.ack_box)

        reason_row = QHBoxLayout()
        self.reason_label = QLabel(self.tr("Reason for the reprints:"), self)
        reason_row.addWidget(self.reason_label)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("batchReprintReason")
        self.reason_edit.setPlaceholderText(self.tr("e.g. the first print was damaged"))
        reason_row.addWidget(self.reason_edit, 1)
        lay.addLayout(reason_row)
        self._reason_widgets = (self.reason_label, self.reason_edit)
        for w in self._reason_widgets:
            w.hide()

        buttons = QHBoxLayout()
        self.blocked_hint = hint("", self)
        self.blocked_hint.setObjectName("blockedHint")
        buttons.addWidget(self.blocked_hint, 1)
        self.save_button = QPushButton(self.tr("Save PDF…"), self)
        self.save_button.setObjectName("savePdfButton")
        self.save_button.clicked.connect(page.save_batch)
        buttons.addWidget(self.save_button)
        self.print_button = QPushButton(self.tr("Print…"), self)
        self.print_button.setObjectName("primary")
        self.print_button.setProperty("role", "printBatch")
        self.print_button.clicked.connect(page.print_batch)
        buttons.addWidget(self.print_button)
        lay.addLayout(buttons)

        self.plan_timer = QTimer(self)
        self.plan_timer.setSingleShot(True)
        self.plan_timer.setInterval(REPLAN_MS)
        self.plan_timer.timeout.connect(page.reload_plan)
        self.update_buttons()

    # ------------------------------------------------------------------ options

    def selected_tiers(self) -> tuple[str, ...]:
        return tuple(t for t in TIERS if self.tier_boxes[t].isChecked())

    @property
    def participation(self) -> bool:
        return self.tier_boxes["participation"].isChecked()

    def schedule_plan(self) -> None:
        self.plan_timer.start()

    def reason(self) -> str:
        return " ".join(self.reason_edit.text().split())

    # ------------------------------------------------------------------ showing the plan

    def clear(self, text: str = "") -> None:
        self.plan = None
        self.model.set_entries([])
        self.summary.setText(text)
        self.notices.clear()
        self.notices.hide()
        self.ack_box.hide()
        self.ack_box.setChecked(False)
        for w in self._reason_widgets:
            w.hide()
        self.update_buttons()

    def show_plan(self, plan: CertificatePlan) -> None:
        previous = self.current_entry()
        self.plan = plan
        self.model.set_entries(list(plan.entries))
        by_tier = plan.by_tier
        parts = [f"{tier_name(t)} {n}" for t, n in by_tier.items()]
        total = len(plan.to_print)
        if total:
            text = self.tr("%1 certificate(s) to print").replace("%1", str(total))
            text += "：" if self.ctx.lang == "zh" else ": "
            text += " · ".join(parts)
            text += (
                self.tr(" — %1 new, %2 reprint(s)")
                .replace("%1", str(plan.new_count))
                .replace("%2", str(plan.reprint_count))
            )
        elif plan.entries:
            text = self.tr("Everyone listed already holds a certificate; nothing to print.")
        else:
            text = self.tr("Nobody in the chosen tiers.")
        self.summary.setText(text)
        self._show_notices(plan)
        reprints = plan.reprint_count > 0
        for w in self._reason_widgets:
            w.setVisible(reprints)
        # keep the selected person selected, else the first to print
        rows = [
            i
            for i, e in enumerate(plan.entries)
            if previous
            and e.registration_id == previous.registration_id
            and e.kind == previous.kind
        ]
        row = rows[0] if rows else next((i for i, e in enumerate(plan.entries) if e.prints), 0)
        if plan.entries:
            self.table.selectRow(row)
        self.update_buttons()

    def _show_notices(self, plan: CertificatePlan) -> None:
        self.notices.clear()
        zh = self.ctx.lang == "zh"
        for n in sorted(plan.notices, key=lambda n: not n.blocking):
            text = n.message_zh if zh else n.message_en
            item = QListWidgetItem(("⚠ " if n.blocking else "• ") + text, self.notices)
            if n.blocking:
                item.setForeground(QBrush(QColor("#a61b1b")))
        self.notices.setVisible(bool(plan.notices))
        # as tall as its lines (up to a limit), so the table keeps the room
        rows = sum(self.notices.sizeHintForRow(i) for i in range(self.notices.count()))
        self.notices.setFixedHeight(min(NOTICES_MAX_PX, rows + 2 * self.notices.frameWidth() + 4))
        blocking = bool(plan.blocking)
        if not blocking:
            self.ack_box.setChecked(False)
        self.ack_box.setVisible(blocking)

    def current_entry(self) -> PlanEntry | None:
        idx = self.table.currentIndex()
        if self.plan is None or not idx.isValid() or idx.row() >= len(self.model.entries):
            return None
        return self.model.entries[idx.row()]

    # ------------------------------------------------------------------ buttons

    def blocked_reason(self) -> str:
        """Why the batch cannot be printed now ('' when it can)."""
        page = self.page
        if page.lock_state != "locked" or self.plan is None:
            return ""  # the banner above says why (not locked, no event, an error)
        if not self.plan.to_print:
            return self.tr("Nothing to print.")
        if self.plan.blocking and not self.ack_box.isChecked():
            return self.tr("Read the warnings in red and tick the box before printing.")
        return ""

    def update_buttons(self) -> None:
        why = self.blocked_reason()
        ok = self.plan is not None and not why and self.page.allowed
        for b in (self.save_button, self.print_button):
            b.setEnabled(ok)
            b.setToolTip(why)
        # the summary already says when there is nothing to print; the hint is for the ticks
        self.blocked_hint.setText(why if self.plan is not None and self.plan.blocking else "")
