"""The chief judge's desk (裁判长审核): completeness, spread flags and overrides, 复核
recheck, 申诉 appeals, corrections and reopen requests, lock/unlock.

The page owns the banner, the summary and the completeness/flags/lock tabs; the recheck,
appeals and corrections tabs live in ``chief_recheck``, ``chief_appeals`` and
``chief_corrections`` and act through :meth:`ChiefPage.finished` / :meth:`ChiefPage.failed`,
so every action ends in one result banner and one ``done`` signal.
"""

from __future__ import annotations

import importlib
import uuid
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kmjudge.errors import ValidationFailed
from kmjudge.judging import lock, review
from kmjudge.judging.views import ReviewList, SpreadFlag
from ui.context import AppContext
from ui.judging.chief_appeals import AppealsTab
from ui.judging.chief_common import ChiefTab, make_table, selected_row
from ui.judging.chief_corrections import CorrectionsTab
from ui.judging.chief_recheck import RecheckTab
from ui.judging.models import SimpleTableModel, flag_row, missing_row
from ui.widgets import MessageBanner, alive, heading, hint, pin_field

THEORY_WIZARD = "ui.judging.theory_wizard"


def theory_wizard() -> Any | None:
    """``open_theory_wizard(ctx, parent, event_id)`` when that module is installed."""
    try:
        module = importlib.import_module(THEORY_WIZARD)
    except ImportError:
        return None
    return getattr(module, "open_theory_wizard", None)


class ChiefPage(QWidget):
    refreshed = Signal()
    # what finished: override | lock | unlock | draw | recheck | export | appeal | decide |
    # reopen | correct | lock_criterion | unlock_criterion | failed
    done = Signal(str)

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
        self.theory_button: QPushButton | None = None
        if theory_wizard() is not None:
            self.theory_button = QPushButton(self.tr("Import theory scores…"), self)
            self.theory_button.setObjectName("theoryButton")
            self.theory_button.clicked.connect(self.open_theory_wizard)
            top.addWidget(self.theory_button)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.setShortcut("F5")
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
        self.criteria_table = make_table(comp, "criteriaTable", self.criteria_model)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Per criterion"), comp))
        left.addWidget(self.criteria_table)
        self.unsubmitted_label = hint("", comp)
        self.unsubmitted_label.setObjectName("unsubmittedLabel")
        self.unsubmitted_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        left.addWidget(self.unsubmitted_label)
        cl.addLayout(left, 1)
        self.missing_model = SimpleTableModel(
            [self.tr("Judge"), self.tr("Station"), self.tr("Aspect")], self
        )
        self.missing_table = make_table(comp, "missingTable", self.missing_model)
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
        self.flag_table = make_table(fl, "flagTable", self.flag_model)
        fv.addWidget(self.flag_table, 1)
        row = QHBoxLayout()
        self.reason_edit = QLineEdit(fl)
        self.reason_edit.setObjectName("overrideReason")
        self.reason_edit.setPlaceholderText(self.tr("Reason for accepting the grades (required)"))
        self.reason_edit.returnPressed.connect(self.override_selected)
        row.addWidget(self.reason_edit, 1)
        self.override_button = QPushButton(self.tr("Accept as scored"), fl)
        self.override_button.setObjectName("overrideButton")
        self.override_button.clicked.connect(self.override_selected)
        row.addWidget(self.override_button)
        self.correct_flag_button = QPushButton(self.tr("Correct a judge's mark…"), fl)
        self.correct_flag_button.setObjectName("correctFlagButton")
        self.correct_flag_button.clicked.connect(self.correct_selected_flag)
        row.addWidget(self.correct_flag_button)
        fv.addLayout(row)
        self.tabs.addTab(fl, self.tr("Spread flags"))

        self.recheck_tab = RecheckTab(self)
        self.tabs.addTab(self.recheck_tab, self.tr("Recheck"))
        self.appeals_tab = AppealsTab(self)
        self.tabs.addTab(self.appeals_tab, self.tr("Appeals"))
        self.corrections_tab = CorrectionsTab(self)
        self.tabs.addTab(self.corrections_tab, self.tr("Corrections and reopening"))
        self.sub_tabs: list[ChiefTab] = [self.recheck_tab, self.appeals_tab, self.corrections_tab]

        # lock
        lk = QWidget(self)
        lv = QVBoxLayout(lk)
        self.blocker_model = SimpleTableModel([self.tr("Criterion"), self.tr("What blocks")], self)
        self.blocker_table = make_table(lk, "blockerTable", self.blocker_model)
        lv.addWidget(QLabel(self.tr("What still stops the lock"), lk))
        lv.addWidget(self.blocker_table, 1)
        lock_row = QHBoxLayout()
        self.lock_button = QPushButton(self.tr("Lock the event"), lk)
        self.lock_button.setObjectName("primary")
        self.lock_button.clicked.connect(self.lock_event)
        lock_row.addWidget(self.lock_button)
        lock_row.addSpacing(24)
        lock_row.addWidget(QLabel(self.tr("One criterion:"), lk))
        self.lock_criterion_combo = QComboBox(lk)
        self.lock_criterion_combo.setObjectName("lockCriterionCombo")
        lock_row.addWidget(self.lock_criterion_combo)
        self.lock_criterion_button = QPushButton(self.tr("Lock this criterion"), lk)
        self.lock_criterion_button.setObjectName("lockCriterionButton")
        self.lock_criterion_button.clicked.connect(self.lock_criterion)
        lock_row.addWidget(self.lock_criterion_button)
        lock_row.addStretch(1)
        lv.addLayout(lock_row)
        box = QGroupBox(self.tr("Unlock (needs your PIN and a reason)"), lk)
        self.unlock_box = box
        box.setEnabled(False)  # until something is locked (see _show_lock_state)
        form = QFormLayout(box)
        self.unlock_scope = QComboBox(box)
        self.unlock_scope.setObjectName("unlockScope")
        form.addRow(self.tr("What:"), self.unlock_scope)
        self.unlock_reason = QLineEdit(box)
        self.unlock_reason.setObjectName("unlockReason")
        self.unlock_pin = pin_field(box, "unlockPin")
        self.unlock_pin.returnPressed.connect(self.unlock_event)
        form.addRow(self.tr("Reason:"), self.unlock_reason)
        form.addRow(self.tr("PIN:"), self.unlock_pin)
        self.unlock_button = QPushButton(self.tr("Unlock the event"), box)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.clicked.connect(self.unlock_event)
        form.addRow("", self.unlock_button)
        lv.addWidget(box)
        self.lock_tab = lk
        self.tabs.addTab(lk, self.tr("Lock"))

        ctx.bus.event_changed.connect(self._event_changed)
        if ctx.event_id is not None:
            self._event_changed(ctx.event_id)

    def showEvent(self, event: QShowEvent) -> None:
        """Coming back to the page shows the desk as it is now (judges keep marking)."""
        super().showEvent(event)
        if self.review is not None:
            self.refresh()

    def _event_changed(self, event_id: uuid.UUID | None) -> None:
        self.event_id = event_id
        self.banner.clear()
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
        self.ctx.worker.run(
            review.desk_choices,
            self.ctx.db,
            self.ctx.actor,
            self.event_id,
            on_success=alive(self, self._choices),
        )
        for tab in self.sub_tabs:
            tab.refresh()

    def _choices(self, choices: review.DeskChoices) -> None:
        self.corrections_tab.set_choices(choices)
        keep = self.lock_criterion_combo.currentData()
        self.lock_criterion_combo.clear()
        scope = self.unlock_scope.currentData()
        self.unlock_scope.clear()
        self.unlock_scope.addItem(self.tr("The whole event"), "")
        for code, title, locked in choices.criteria:
            state = self.tr(" (locked)") if locked else ""
            self.lock_criterion_combo.addItem(f"{code} {title}{state}", code)
            self.unlock_scope.addItem(self.tr("Criterion {c}").format(c=f"{code} {title}"), code)
        for combo, value in ((self.lock_criterion_combo, keep), (self.unlock_scope, scope)):
            i = combo.findData(value)
            if i >= 0:
                combo.setCurrentIndex(i)
        self._show_lock_state(
            choices.event_locked, choices.event_locked or any(c[2] for c in choices.criteria)
        )

    def _show_lock_state(self, event_locked: bool, any_locked: bool) -> None:
        """Unlocking is offered only when something is locked (typing a reason and the PIN
        for nothing would only be refused); the event locks once."""
        self.unlock_box.setEnabled(any_locked)
        self.unlock_box.setToolTip("" if any_locked else self.tr("Nothing is locked yet."))
        self.lock_button.setEnabled(not event_locked)
        self.lock_button.setText(
            self.tr("The event is locked") if event_locked else self.tr("Lock the event")
        )

    def _loaded(self, rl: ReviewList) -> None:
        self.review = rl
        comp = rl.completeness
        rows: list[list[str]] = []
        colors: list[str | None] = []
        for c in comp.criteria:
            if c.locked:
                state, color = self.tr("locked"), "#1d6b2c"
            elif not c.expected:  # nobody with a station yet: nothing is complete
                state, color = self.tr("nothing to mark yet"), "#6b7580"
            elif c.complete:
                state, color = self.tr("complete"), "#1d6b2c"
            else:
                state, color = self.tr("open"), "#a61b1b"
            rows.append(
                [f"{c.code} {c.title}", str(c.expected), str(c.entered), str(len(c.missing)),
                 state]
            )  # fmt: skip
            colors.append(color)
        self.criteria_model.set_rows(rows, colors=colors)
        self.unsubmitted_label.setText(
            self.unsubmitted_text(comp.unsubmitted) if comp.active_stations else ""
        )
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
        self.corrections_tab.show_requests(list(rl.reopen_requests))
        self.refreshed.emit()

    def unsubmitted_text(self, unsubmitted: tuple[tuple[str, str], ...]) -> str:
        """Which judges have not yet signed off (submitted) which criteria."""
        if not unsubmitted:
            return self.tr("Every judge has submitted (signed) every criterion.")
        by_judge: dict[str, list[str]] = {}
        for username, code in unsubmitted:
            by_judge.setdefault(username, []).append(code)
        parts = [f"{u} {'、'.join(codes)}" for u, codes in sorted(by_judge.items())]
        return self.tr("Not yet submitted (signed) by the judge: {list}").format(
            list="；".join(parts)
        )

    # ---------------------------------------------------------------- actions

    def selected_flag(self) -> SpreadFlag | None:
        row = selected_row(self.flag_table)
        return self.flags[row] if row is not None else None

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
            on_error=alive(self, self.failed),
        )

    def correct_selected_flag(self) -> None:
        flag = self.selected_flag()
        if flag is None:
            self.banner.error(self.tr("Select a flagged panel first."))
            return
        self.tabs.setCurrentWidget(self.corrections_tab)
        self.corrections_tab.prefill(flag.station_no, flag.aspect_code)

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

    def lock_criterion(self) -> None:
        code = self.lock_criterion_combo.currentData()
        if self.event_id is None or not code:
            return
        self.ctx.worker.run(
            lock.lock_criterion,
            self.ctx.db,
            self.ctx.actor,
            self.event_id,
            code,
            on_success=alive(
                self,
                lambda _r: self.finished(
                    "lock_criterion", self.tr("Criterion {c} is locked.").format(c=code)
                ),
            ),
            on_error=alive(self, self.failed),
        )

    def unlock_event(self) -> None:
        if self.event_id is None:
            return
        reason = self.unlock_reason.text().strip()
        if not reason:
            self.banner.error(self.tr("Write the reason for unlocking."))
            self.unlock_reason.setFocus()
            return
        if not self.unlock_pin.text():
            self.banner.error(self.tr("Enter your PIN to unlock."))
            self.unlock_pin.setFocus()
            return
        code = self.unlock_scope.currentData() or ""
        if code:
            fn: Any = lock.unlock_criterion
            args: tuple[Any, ...] = (code, self.unlock_pin.text(), reason)
            ok = lambda _r: self.finished(  # noqa: E731
                "unlock_criterion", self.tr("Criterion {c} is unlocked.").format(c=code)
            )
        else:
            fn, args = lock.unlock_event, (self.unlock_pin.text(), reason)
            ok = lambda _r: self._done("unlock")  # noqa: E731
        self.ctx.worker.run(
            fn,
            self.ctx.db,
            self.ctx.actor,
            self.event_id,
            *args,
            on_success=alive(self, ok),
            on_error=alive(self, self.failed),
        )

    def open_theory_wizard(self) -> None:
        opener = theory_wizard()
        if opener is None or self.event_id is None:
            return
        opener(self.ctx, self, self.event_id)
        self.refresh()

    # ---------------------------------------------------------------- results

    def _done(self, what: str) -> None:
        texts = {
            "override": self.tr("Grades accepted; the reason is recorded."),
            "lock": self.tr("The event is locked."),
            "unlock": self.tr("The event is unlocked."),
        }
        self.finished(what, texts[what])

    def finished(self, what: str, message: str) -> None:
        """An action succeeded: green banner, fields that held it cleared, page refreshed."""
        self.banner.success(message)
        if what in ("lock", "lock_criterion"):
            self._show_lock_state(what == "lock", True)
        if what == "override":
            self.reason_edit.clear()
        if what in ("unlock", "unlock_criterion"):
            self.unlock_reason.clear()
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
        self.failed(exc)

    def failed(self, exc: BaseException) -> None:
        self.banner.error(self.ctx.error_text(exc))
        self.unlock_pin.clear()
        self.done.emit("failed")
