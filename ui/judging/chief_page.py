"""The chief judge's desk (裁判长审核): completeness, spread flags and overrides, lock/unlock."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
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
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kmjudge.errors import ValidationFailed
from kmjudge.judging import lock, review
from kmjudge.judging.views import ReviewList, SpreadFlag
from ui.context import AppContext
from ui.judging.models import SimpleTableModel, flag_row, missing_row
from ui.widgets import MessageBanner, alive, heading, hint, pin_field


def _table(parent: QWidget, name: str, model: SimpleTableModel) -> QTableView:
    t = QTableView(parent)
    t.setObjectName(name)
    t.setModel(model)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setAlternatingRowColors(True)
    t.verticalHeader().hide()
    t.horizontalHeader().setStretchLastSection(True)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return t


class ChiefPage(QWidget):
    refreshed = Signal()
    done = Signal(str)  # what finished: override | lock | unlock

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("page")
        self.event_id: uuid.UUID | None = None
        self.review: ReviewList | None = None
        self.flags: list[SpreadFlag] = []

        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 18, 24, 14)
        lay.setSpacing(8)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Chief judge review"), self))
        self.summary = hint("", self)
        self.summary.setObjectName("summaryLabel")
        top.addWidget(self.summary, 1)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.clicked.connect(self.refresh)
        top.addWidget(self.refresh_button)
        lay.addLayout(top)
        self.banner = MessageBanner(self)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("chiefTabs")
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.banner)

        # completeness
        comp = QWidget(self)
        cl = QHBoxLayout(comp)
        self.criteria_model = SimpleTableModel(
            [
                self.tr("Criterion"),
                self.tr("Expected"),
                self.tr("Entered"),
                self.tr("Missing"),
                self.tr("State"),
            ],
            self,
        )
        self.criteria_table = _table(comp, "criteriaTable", self.criteria_model)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Per criterion"), comp))
        left.addWidget(self.criteria_table)
        cl.addLayout(left, 1)
        self.missing_model = SimpleTableModel(
            [self.tr("Judge"), self.tr("Station"), self.tr("Aspect")], self
        )
        self.missing_table = _table(comp, "missingTable", self.missing_model)
        right = QVBoxLayout()
        self.missing_caption = QLabel(self.tr("Marks still missing"), comp)
        right.addWidget(self.missing_caption)
        right.addWidget(self.missing_table)
        cl.addLayout(right, 1)
        self.tabs.addTab(comp, self.tr("Completeness"))

        # spread flags
        fl = QWidget(self)
        fv = QVBoxLayout(fl)
        fv.addWidget(
            hint(
                self.tr(
                    "Judgement panels whose spread is above the limit. Ask the judges to "
                    "re-score, or accept the grades as they stand with a written reason."
                ),
                fl,
            )
        )
        self.flag_model = SimpleTableModel(
            [
                self.tr("Station"),
                self.tr("Aspect"),
                self.tr("Spread"),
                self.tr("Limit"),
                self.tr("Grades"),
                self.tr("Reason"),
            ],
            self,
        )
        self.flag_table = _table(fl, "flagTable", self.flag_model)
        fv.addWidget(self.flag_table, 1)
        row = QHBoxLayout()
        self.reason_edit = QLineEdit(fl)
        self.reason_edit.setObjectName("overrideReason")
        self.reason_edit.setPlaceholderText(self.tr("Reason for accepting the grades (required)"))
        row.addWidget(self.reason_edit, 1)
        self.override_button = QPushButton(self.tr("Accept as scored"), fl)
        self.override_button.setObjectName("overrideButton")
        self.override_button.clicked.connect(self.override_selected)
        row.addWidget(self.override_button)
        fv.addLayout(row)
        self.tabs.addTab(fl, self.tr("Spread flags"))

        # lock
        lk = QWidget(self)
        lv = QVBoxLayout(lk)
        self.blocker_model = SimpleTableModel([self.tr("Criterion"), self.tr("What blocks")], self)
        self.blocker_table = _table(lk, "blockerTable", self.blocker_model)
        lv.addWidget(QLabel(self.tr("What still stops the lock"), lk))
        lv.addWidget(self.blocker_table, 1)
        lock_row = QHBoxLayout()
        self.lock_button = QPushButton(self.tr("Lock the event"), lk)
        self.lock_button.setObjectName("primary")
        self.lock_button.clicked.connect(self.lock_event)
        lock_row.addWidget(self.lock_button)
        lock_row.addStretch(1)
        lv.addLayout(lock_row)
        box = QGroupBox(self.tr("Unlock (needs your PIN and a reason)"), lk)
        form = QFormLayout(box)
        self.unlock_reason = QLineEdit(box)
        self.unlock_reason.setObjectName("unlockReason")
        self.unlock_pin = pin_field(box, "unlockPin")
        form.addRow(self.tr("Reason:"), self.unlock_reason)
        form.addRow(self.tr("PIN:"), self.unlock_pin)
        self.unlock_button = QPushButton(self.tr("Unlock the event"), box)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.clicked.connect(self.unlock_event)
        form.addRow("", self.unlock_button)
        lv.addWidget(box)
        self.tabs.addTab(lk, self.tr("Lock"))

        ctx.bus.event_changed.connect(self._event_changed)
        if ctx.event_id is not None:
            self._event_changed(ctx.event_id)

    def _event_changed(self, event_id: uuid.UUID | None) -> None:
        self.event_id = event_id
        self.refresh()

    def refresh(self) -> None:
        if self.event_id is None:
            return
        self.ctx.worker.run(
            review.review_list,
            self.ctx.db,
            self.ctx.actor,
            self.event_id,
            on_success=alive(self, self._loaded),
            on_error=alive(self, lambda exc: self.banner.error(self.ctx.error_text(exc))),
        )

    def _loaded(self, rl: ReviewList) -> None:
        self.review = rl
        comp = rl.completeness
        rows, colors = [], []
        for c in comp.criteria:
            state = (
                self.tr("locked")
                if c.locked
                else (self.tr("complete") if c.complete else self.tr("open"))
            )
            rows.append(
                [f"{c.code} {c.title}", str(c.expected), str(c.entered), str(len(c.missing)),
                 state]
            )  # fmt: skip
            colors.append("#1d6b2c" if c.complete else "#a61b1b")
        self.criteria_model.set_rows(rows, colors=colors)
        missing = [m for c in comp.criteria for m in c.missing]
        self.missing_model.set_rows([missing_row(m) for m in missing])
        self.missing_caption.setText(self.tr("Marks still missing: {n}").format(n=len(missing)))
        self.flags = list(rl.flags)
        self.flag_model.set_rows([flag_row(f) for f in self.flags], payload=self.flags)
        if self.flags:
            self.flag_table.selectRow(0)
        self.blocker_model.set_rows(
            [
                [b.criterion_code or self.tr("event"),
                 b.message_zh if self.ctx.lang == "zh" else b.message_en]
                for b in rl.blockers
            ]
        )  # fmt: skip
        self.summary.setText(
            self.tr(
                "{stations} active stations · {missing} marks missing · {flags} spread flag(s) "
                "· {blockers} blocker(s)"
            ).format(
                stations=comp.active_stations,
                missing=comp.missing_count,
                flags=len(self.flags),
                blockers=len(rl.blockers),
            )
        )
        self.tabs.setTabText(1, self.tr("Spread flags ({n})").format(n=len(self.flags)))
        self.refreshed.emit()

    # ---------------------------------------------------------------- actions

    def selected_flag(self) -> SpreadFlag | None:
        rows = self.flag_table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.flags[rows[0].row()]

    def override_selected(self) -> None:
        flag = self.selected_flag()
        if flag is None or self.event_id is None:
            self.banner.error(self.tr("Select a flagged panel first."))
            return
        reason = self.reason_edit.text().strip()
        if not reason:
            self.banner.error(self.tr("Write the reason for accepting these grades."))
            self.reason_edit.setFocus()
            return
        self.ctx.worker.run(
            review.override,
            self.ctx.db,
            self.ctx.actor,
            self.event_id,
            flag.station_no,
            flag.aspect_code,
            reason,
            on_success=alive(self, lambda _f: self._done("override")),
            on_error=alive(self, self._failed),
        )

    def lock_event(self) -> None:
        if self.event_id is None:
            return
        self.ctx.worker.run(
            lock.lock_event,
            self.ctx.db,
            self.ctx.actor,
            self.event_id,
            on_success=alive(self, lambda _r: self._done("lock")),
            on_error=alive(self, self._lock_failed),
        )

    def unlock_event(self) -> None:
        if self.event_id is None:
            return
        reason = self.unlock_reason.text().strip()
        if not reason:
            self.banner.error(self.tr("Write the reason for unlocking."))
            return
        self.ctx.worker.run(
            lock.unlock_event,
            self.ctx.db,
            self.ctx.actor,
            self.event_id,
            self.unlock_pin.text(),
            reason,
            on_success=alive(self, lambda _r: self._done("unlock")),
            on_error=alive(self, self._failed),
        )

    def _done(self, what: str) -> None:
        texts = {
            "override": self.tr("Grades accepted; the reason is recorded."),
            "lock": self.tr("The event is locked."),
            "unlock": self.tr("The event is unlocked."),
        }
        self.banner.success(texts[what])
        self.reason_edit.clear()
        self.unlock_pin.clear()
        self.done.emit(what)
        self.refresh()

    def _lock_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationFailed) and exc.issues:
            zh = self.ctx.lang == "zh"
            lines = [f"· {i.message_zh if zh else i.message_en}" for i in exc.issues]
            self.banner.error("\n".join([self.tr("The event cannot be locked yet:"), *lines]))
            self.done.emit("failed")
            self.refresh()
            return
        self._failed(exc)

    def _failed(self, exc: BaseException) -> None:
        self.banner.error(self.ctx.error_text(exc))
        self.done.emit("failed")
