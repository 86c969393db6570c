"""The judge's marking grid (评分): keyboard first, blind (station numbers only).

Type a number, Enter stores it and moves right (then to the next row). Every value is checked
as it is typed with the core's own rule (``judging.rules.value_issue``); a refused value is
shown in red under the grid and never sent. Judgement columns take 0–3 as quick keys. Each
value goes through the worker to ``entry.enter_score`` (its own durable transaction) and the
cell shows ✓ once stored; a strip repeats the station number of the last stored value.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kmjudge.errors import ConflictError
from kmjudge.judging import entry, rules
from kmjudge.judging.views import CriterionState, JudgeGrid, ScoreView
from ui.context import AppContext
from ui.judging.models import JudgeGridModel, fmt_value, station_text
from ui.widgets import MessageBanner, alive, heading, hint, pin_field

QUICK_KEYS = {Qt.Key.Key_0: "0", Qt.Key.Key_1: "1", Qt.Key.Key_2: "2", Qt.Key.Key_3: "3"}
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ScoreDelegate(QStyledItemDelegate):
    """A line editor that checks the value against the aspect's rule as it is typed."""

    checked = Signal(int, int, str)  # row, col, problem ("" = fine)
    accepted = Signal(int, int, str)  # row, col, text (Enter on a valid value)

    def __init__(self, model: JudgeGridModel, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.lang = lang

    def problem(self, row: int, col: int, text: str) -> str:
        if not text.strip():
            return ""
        aspect = self.model.aspect(col)
        where = f"{station_text(self.model.stations[row])} 号工位 {aspect.code}"
        if self.lang != "zh":
            where = f"Station {station_text(self.model.stations[row])} {aspect.code}"
        _value, issue = rules.value_issue(aspect, text.strip(), where)
        if issue is None:
            return ""
        return issue.message_zh if self.lang == "zh" else issue.message_en

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setObjectName("scoreEditor")
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setMaxLength(8)
        editor.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)
        row, col = index.row(), index.column()
        editor.textChanged.connect(
            lambda text, r=row, c=col: self.checked.emit(r, c, self.problem(r, c, text))
        )
        editor.setProperty("cellPos", (row, col))
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        # Opened by a key press: Qt passes the key on, the editor starts empty.
        if isinstance(editor, QLineEdit) and not editor.text():
            editor.setText("")

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex) -> None:
        # Values are stored by the page (through the worker), never written here.
        return

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            isinstance(obj, QLineEdit)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (*ENTER_KEYS, Qt.Key.Key_Tab)
        ):
            row, col = obj.property("cellPos")
            text = obj.text().strip()
            problem = self.problem(row, col, text)
            if problem:
                self.checked.emit(row, col, problem)
                return True  # keep the editor open; nothing is stored
            self.closeEditor.emit(obj, QStyledItemDelegate.EndEditHint.NoHint)
            self.accepted.emit(row, col, text)
            return True
        return super().eventFilter(obj, event)


class GridView(QTableView):
    """The grid: digits start editing; 0–3 in a judgement column store at once."""

    quick = Signal(int, int, str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        idx = self.currentIndex()
        model = self.model()
        if (
            idx.isValid()
            and self.state() != QAbstractItemView.State.EditingState
            and isinstance(model, JudgeGridModel)
            and event.key() in QUICK_KEYS
            and event.modifiers()
            in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
            and model.aspect(idx.column()).kind == "J"
        ):
            if model.editable(idx.row(), idx.column()):
                self.quick.emit(idx.row(), idx.column(), QUICK_KEYS[Qt.Key(event.key())])
            return
        if idx.isValid() and event.key() in ENTER_KEYS and self.state() != self.State.EditingState:
            self.edit(idx)
            return
        super().keyPressEvent(event)


class PinDialog(QDialog):
    """Asks for the judge's PIN before a criterion is submitted."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Submit criterion"))
        lay = QVBoxLayout(self)
        msg = QLabel(text, self)
        msg.setWordWrap(True)
        lay.addWidget(msg)
        self.pin = pin_field(self, "submitPin")
        self.pin.setPlaceholderText(self.tr("Your PIN"))
        lay.addWidget(self.pin)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Submit"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)


class JudgePage(QWidget):
    """评分: the signed-in judge's grid for the selected event."""

    refreshed = Signal()
    stored = Signal(object)  # ScoreView
    submitted = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("page")
        self.grid: JudgeGrid | None = None
        self.event_id: uuid.UUID | None = None
        self.in_flight = 0

        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 18, 24, 14)
        lay.setSpacing(8)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Marking"), self))
        self.event_label = hint("", self)
        self.event_label.setObjectName("eventTitle")
        top.addWidget(self.event_label, 1)
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("progressLabel")
        top.addWidget(self.progress_label)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.clicked.connect(self.refresh)
        top.addWidget(self.refresh_button)
        lay.addLayout(top)
        lay.addWidget(
            hint(
                self.tr(
                    "Blind marking: contestants are shown by station number only. Type a mark "
                    "and press Enter to store it and move on; judgement columns take the keys "
                    "0–3 directly."
                ),
                self,
            )
        )

        self.model = JudgeGridModel(ctx.lang, self)
        self.table = GridView(self)
        self.table.setObjectName("judgeGrid")
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setAlternatingRowColors(True)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        hh.setMinimumHeight(48)
        self.table.verticalHeader().setDefaultSectionSize(34)
        self.table.verticalHeader().setMinimumWidth(70)
        self.delegate = ScoreDelegate(self.model, ctx.lang, self.table)
        self.table.setItemDelegate(self.delegate)
        self.delegate.checked.connect(self._checked)
        self.delegate.accepted.connect(self.commit)
        self.table.quick.connect(self._quick)
        lay.addWidget(self.table, 1)

        self.error = MessageBanner(self)
        lay.addWidget(self.error)
        self.confirm = QLabel("", self)
        self.confirm.setObjectName("confirmStrip")
        self.confirm.setStyleSheet(
            "QLabel#confirmStrip { background: #eaf6ec; color: #1d6b2c; border: 1px solid "
            "#9fd0a8; border-radius: 6px; padding: 6px 12px; font-size: 14pt; "
            "font-weight: bold; }"
        )
        self.confirm.hide()
        lay.addWidget(self.confirm)

        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(self.tr("Criterion:"), self))
        self.criterion_combo = QComboBox(self)
        self.criterion_combo.setObjectName("criterionCombo")
        self.criterion_combo.setMinimumWidth(220)
        bottom.addWidget(self.criterion_combo)
        self.submit_button = QPushButton(self.tr("Submit this criterion…"), self)
        self.submit_button.setObjectName("primary")
        self.submit_button.clicked.connect(self._ask_submit)
        bottom.addWidget(self.submit_button)
        self.reopen_button = QPushButton(self.tr("Ask the chief judge to reopen…"), self)
        self.reopen_button.setObjectName("reopenRequestButton")
        self.reopen_button.setToolTip(
            self.tr("A submitted criterion can only be changed after the chief judge reopens it.")
        )
        self.reopen_button.clicked.connect(self._ask_reopen)
        bottom.addWidget(self.reopen_button)
        self.criterion_combo.currentIndexChanged.connect(self._criterion_state)
        bottom.addStretch(1)
        self.status = MessageBanner(self)
        lay.addLayout(bottom)
        lay.addWidget(self.status)

        ctx.bus.event_changed.connect(self._event_changed)
        if ctx.event_id is not None:
            self._event_changed(ctx.event_id)

    # ---------------------------------------------------------------- loading

    def _event_changed(self, event_id: uuid.UUID | None) -> None:
        self.event_id = event_id
        self.refresh()

    def refresh(self) -> None:
        if self.event_id is None:
            return
        self.ctx.worker.run(
            entry.judge_sheet,
            self.ctx.db,
            self.ctx.actor,
            self.event_id,
            on_success=alive(self, self._loaded),
            on_error=alive(self, self._load_failed),
        )

    def _loaded(self, grid: JudgeGrid) -> None:
        cur = self.table.currentIndex()
        self.grid = grid
        self.model.load(grid)
        self.event_label.setText(grid.event_name)
        self.criterion_combo.clear()
        for c in grid.criteria:
            state = ""
            if c.locked:
                state = self.tr(" (locked)")
            elif c.reopen_requested:
                state = self.tr(" (submitted, reopen asked)")
            elif c.submitted:
                state = self.tr(" (submitted)")
            self.criterion_combo.addItem(f"{c.code} {c.title}{state}", c.code)
        self._criterion_state()
        self._update_progress()
        if self.model.rowCount() and self.model.columnCount():
            if cur.isValid() and cur.row() < self.model.rowCount():
                self.table.setCurrentIndex(self.model.index(cur.row(), cur.column()))
            else:
                first = (0, 0) if self.model.editable(0, 0) else self.model.next_editable(0, 0)
                r, c = first or (0, 0)
                self.table.setCurrentIndex(self.model.index(r, c))
            self.table.setFocus()
        self.refreshed.emit()

    def _load_failed(self, exc: BaseException) -> None:
        self.status.error(self.ctx.error_text(exc))

    def _update_progress(self) -> None:
        missing = 0
        for row in self.model.cells:
            for c, gc in enumerate(row):
                if self.model.aspect(c).kind != "D" and gc.cell.missing:
                    missing += 1
        self.progress_label.setText(self.tr("{n} mark(s) still to give").format(n=missing))

    # ---------------------------------------------------------------- entry

    def _checked(self, row: int, col: int, problem: str) -> None:
        if problem:
            self.error.error(problem)
        else:
            self.error.clear()

    def _quick(self, row: int, col: int, text: str) -> None:
        self.commit(row, col, text)

    def commit(self, row: int, col: int, text: str) -> None:
        """Store one value (already checked), then move to the next cell."""
        if self.event_id is None:
            return
        if not text:
            self._move_on(row, col)
            return
        problem = self.delegate.problem(row, col, text)
        if problem:
            self.error.error(problem)
            return
        self.error.clear()
        gc = self.model.grid_cell(row, col)
        aspect = self.model.aspect(col)
        station = self.model.stations[row]
        value, _issue = rules.value_issue(aspect, text, "")
        if gc.cell.value is not None and value == gc.cell.value:
            self._move_on(row, col)
            return
        self.model.set_pending(row, col, text)
        self.in_flight += 1
        self.ctx.worker.run(
            entry.enter_score,
            self.ctx.db,
            self.ctx.actor,
            self.event_id,
            station,
            aspect.code,
            text,
            gc.cell.version,
            on_success=alive(self, lambda view, r=row, c=col: self._stored(r, c, view)),
            on_error=alive(self, lambda exc, r=row, c=col: self._store_failed(r, c, exc)),
        )
        self._move_on(row, col)

    def _move_on(self, row: int, col: int) -> None:
        nxt = self.model.next_editable(row, col)
        if nxt is not None:
            self.table.setCurrentIndex(self.model.index(*nxt))
        self.table.setFocus()

    def _stored(self, row: int, col: int, view: ScoreView) -> None:
        self.in_flight -= 1
        self.model.stored(row, col, view.value, view.version)
        self.confirm.setText(self.confirmation(view))
        self.confirm.show()
        self._update_progress()
        self.stored.emit(view)

    def confirmation(self, view: ScoreView) -> str:
        aspect = next(a for a in self.model.aspects if a.code == view.aspect_code)
        if aspect.kind == "J":
            unit = self.tr("grade {v}").format(v=fmt_value(view.value))
        elif aspect.kind == "D":
            unit = self.tr("{v} time(s)").format(v=fmt_value(view.value))
        else:
            unit = self.tr("{v} points").format(v=fmt_value(view.value))
        return self.tr("Station {no} · {code} {title} · {value}").format(
            no=station_text(view.station_no), code=aspect.code, title=aspect.title, value=unit
        )

    def _store_failed(self, row: int, col: int, exc: BaseException) -> None:
        self.in_flight -= 1
        self.model.failed(row, col)
        self.error.error(self.ctx.error_text(exc))
        if isinstance(exc, ConflictError):
            self.refresh()

    # ---------------------------------------------------------------- submit

    def _current_criterion(self) -> CriterionState | None:
        code = self.criterion_combo.currentData()
        if self.grid is None or not code:
            return None
        return next((c for c in self.grid.criteria if c.code == code), None)

    def _criterion_state(self) -> None:
        """Submit while open; ask to reopen once submitted (and not locked, not yet asked)."""
        c = self._current_criterion()
        self.submit_button.setEnabled(c is not None and not c.submitted and not c.locked)
        self.reopen_button.setEnabled(
            c is not None and c.submitted and not c.locked and not c.reopen_requested
        )

    def _ask_submit(self) -> None:
        code = self.criterion_combo.currentData()
        if not code:
            return
        dlg = PinDialog(
            self.tr(
                "Submit criterion {code}? After submitting you cannot change its marks; "
                "enter your PIN to sign."
            ).format(code=code),
            self,
        )
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.submit_criterion(str(code), dlg.pin.text())

    def submit_criterion(self, code: str, pin: str) -> None:
        if self.event_id is None:
            return
        self.ctx.worker.run(
            entry.submit,
            self.ctx.db,
            self.ctx.actor,
            self.event_id,
            code,
            pin,
            on_success=alive(self, lambda _v, c=code: self._submitted(c)),
            on_error=alive(self, lambda exc: self.status.error(self.ctx.error_text(exc))),
        )

    def _ask_reopen(self) -> None:
        c = self._current_criterion()
        if c is None:
            return
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Ask to reopen"),
            self.tr(
                "Why must criterion {code} be reopened (station, aspect, what is wrong)?"
            ).format(code=c.code),
        )
        if ok:
            self.request_reopen(c.code, reason)

    def request_reopen(self, code: str, reason: str) -> None:
        if self.event_id is None:
            return
        self.ctx.worker.run(
            entry.request_reopen,
            self.ctx.db,
            self.ctx.actor,
            self.event_id,
            code,
            reason,
            on_success=alive(self, lambda _v, c=code: self._reopen_requested(c)),
            on_error=alive(self, lambda exc: self.status.error(self.ctx.error_text(exc))),
        )

    def _reopen_requested(self, code: str) -> None:
        self.status.success(
            self.tr(
                "Asked the chief judge to reopen criterion {code}; it stays read-only until then."
            ).format(code=code)
        )
        self.refresh()

    def _submitted(self, code: str) -> None:
        self.status.success(self.tr("Criterion {code} submitted.").format(code=code))
        self.submitted.emit(code)
        self.refresh()
