"""The judge's marking grid (评分): keyboard first, blind (station numbers only).

Type a number, Enter stores it and moves right (then to the next row). Every value is checked
as it is typed with the core's own rule (``judging.rules.value_issue``); a refused value is
shown in red under the grid and never sent. Judgement columns take 0–3 as quick keys. Each
value goes through the worker to ``entry.enter_score`` (its own durable transaction) and the
cell shows ✓ once stored; a strip repeats the station number of the last stored value.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from html import escape
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
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
ALL_COLUMNS_FIT = 8  # up to this many aspects the grid shows every criterion at once


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
        self.refresh_button.setShortcut("F5")
        self.refresh_button.clicked.connect(self.refresh)
        top.addWidget(self.refresh_button)
        lay.addLayout(top)

        # The criterion chooses the columns shown and what "submit" signs.
        crit_row = QHBoxLayout()
        crit_label = QLabel(self.tr("Criterion:"), self)
        crit_row.addWidget(crit_label)
        self.criterion_combo = QComboBox(self)
        self.criterion_combo.setObjectName("criterionCombo")
        self.criterion_combo.setMinimumWidth(320)
        self.criterion_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        crit_label.setBuddy(self.criterion_combo)
        crit_row.addWidget(self.criterion_combo)
        self.submit_button = QPushButton(self.tr("Submit this criterion…"), self)
        self.submit_button.setObjectName("primary")
        self.submit_button.clicked.connect(self._ask_submit)
        crit_row.addWidget(self.submit_button)
        self.reopen_button = QPushButton(self.tr("Ask the chief judge to reopen…"), self)
        self.reopen_button.setObjectName("reopenRequestButton")
        self.reopen_button.setToolTip(
            self.tr("A submitted criterion can only be changed after the chief judge reopens it.")
        )
        self.reopen_button.clicked.connect(self._ask_reopen)
        crit_row.addWidget(self.reopen_button)
        crit_row.addStretch(1)
        lay.addLayout(crit_row)
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
        hh.setMinimumSectionSize(72)
        hh.setMinimumHeight(72)
        self.table.verticalHeader().setDefaultSectionSize(34)
        self.table.verticalHeader().setMinimumWidth(70)
        self.delegate = ScoreDelegate(self.model, ctx.lang, self.table)
        self.table.setItemDelegate(self.delegate)
        self.delegate.checked.connect(self._checked)
        self.delegate.accepted.connect(self.commit)
        self.table.quick.connect(self._quick)
        self.table.selectionModel().currentChanged.connect(self._current_changed)
        self.table.installEventFilter(self)
        lay.addWidget(self.table, 1)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("QLabel#emptyState { color: #5d6975; font-size: 13pt; }")
        self.empty_label.hide()
        lay.addWidget(self.empty_label, 1)

        # What the current column is, in full (the header has room for the start only).
        self.aspect_label = QLabel(self)
        self.aspect_label.setObjectName("aspectDetail")
        self.aspect_label.setWordWrap(True)
        self.aspect_label.setStyleSheet(
            "QLabel#aspectDetail { background: #f4f6f8; border: 1px solid #d5dbe1; "
            "border-radius: 6px; padding: 6px 12px; font-size: 11pt; }"
        )
        self.aspect_label.hide()
        lay.addWidget(self.aspect_label)

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
        self.status = MessageBanner(self)
        lay.addWidget(self.status)
        self.criterion_combo.currentIndexChanged.connect(self._criterion_chosen)

        ctx.bus.event_changed.connect(self._event_changed)
        if ctx.event_id is not None:
            self._event_changed(ctx.event_id)

    def showEvent(self, event: QShowEvent) -> None:
        """Coming back to the page reloads the grid: stations drawn at check-in since, a
        criterion the chief judge reopened or locked."""
        super().showEvent(event)
        if self.grid is not None and not self.in_flight:
            self.refresh()

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
        keep = self.criterion_combo.currentData() if self.grid is not None else None
        self.grid = grid
        self.event_label.setText(grid.event_name)
        self._fill_criteria(grid, keep)
        self.model.load(grid, self.criterion_combo.currentData() or "")
        self._show_grid((cur.row(), cur.column()) if keep is not None and cur.isValid() else None)
        self.refreshed.emit()

    def _fill_criteria(self, grid: JudgeGrid, keep: str | None) -> None:
        combo = self.criterion_combo
        combo.blockSignals(True)
        combo.clear()
        if len(grid.criteria) > 1:
            combo.addItem(self.tr("All criteria"), "")
        for c in grid.criteria:
            state = ""
            if c.locked:
                state = self.tr(" (locked)")
            elif c.reopen_requested:
                state = self.tr(" (submitted, reopen asked)")
            elif c.submitted:
                state = self.tr(" (submitted)")
            combo.addItem(f"{c.code} {c.title}{state}", c.code)
        index = combo.findData(keep) if keep is not None else -1
        if index < 0:
            index = combo.findData(self.default_criterion(grid))
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def default_criterion(self, grid: JudgeGrid) -> str:
        """All criteria when their columns fit the screen; otherwise the first criterion that
        still has marks to give (one criterion's columns stay readable)."""
        if len(grid.criteria) == 1:
            return grid.criteria[0].code
        if len(grid.aspects) <= ALL_COLUMNS_FIT:
            return ""
        for c in grid.criteria:
            if not (c.submitted or c.locked) and self._missing_in(grid, c.code):
                return c.code
        return grid.criteria[0].code if grid.criteria else ""

    @staticmethod
    def _missing_in(grid: JudgeGrid, code: str) -> int:
        cols = [i for i, a in enumerate(grid.aspects) if a.criterion_code == code and a.kind != "D"]
        return sum(1 for r in grid.stations for i in cols if r.cells[i].missing)

    def _criterion_chosen(self, _index: int) -> None:
        if self.grid is not None:
            self.error.clear()
            self.model.show_criterion(self.criterion_combo.currentData() or "")
            self._show_grid(None)

    def _show_grid(self, keep: tuple[int, int] | None) -> None:
        has_cells = self.model.rowCount() > 0 and self.model.columnCount() > 0
        self.table.setVisible(has_cells)
        self.empty_label.setVisible(not has_cells)
        if not self.model.rowCount():
            self.empty_label.setText(
                self.tr(
                    "No contestant has a station yet: stations are drawn when contestants "
                    "check in. Press Refresh (F5) once check-in has started."
                )
            )
        elif not self.model.columnCount():
            self.empty_label.setText(self.tr("Nothing of yours to mark in this criterion."))
        self._fit_headers()
        self._criterion_state()
        self._update_progress()
        if has_cells:
            if (
                keep is not None
                and keep[0] < self.model.rowCount()
                and keep[1] < len(self.model.aspects)
            ):
                r, c = keep
            else:
                first = (0, 0) if self.model.editable(0, 0) else self.model.next_editable(0, 0)
                r, c = first or (0, 0)
            self.table.setCurrentIndex(self.model.index(r, c))
            self.table.setFocus()
        self._current_changed()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.table and event.type() == QEvent.Type.Resize:
            self._fit_headers()
        return super().eventFilter(obj, event)

    def _fit_headers(self) -> None:
        """As much of each aspect's title in its header as the column width allows."""
        cols = self.model.columnCount()
        if not cols:
            return
        width = self.table.viewport().width() / cols
        char = max(1, self.table.horizontalHeader().fontMetrics().horizontalAdvance("中"))
        self.model.set_title_chars(max(3, int((width - 14) // char)))

    def _current_changed(self, *_args: object) -> None:
        """The current cell's aspect in full, with its rule, under the grid."""
        idx = self.table.currentIndex()
        if not idx.isValid() or not self.model.columnCount() or not self.table.isVisible():
            self.aspect_label.hide()
            return
        a = self.model.aspect(idx.column())
        rule = a.hint_zh if self.ctx.lang == "zh" else a.hint_en
        text = self.tr("Station {no} · <b>{code} {title}</b> · {rule}").format(
            no=station_text(self.model.stations[idx.row()]),
            code=escape(a.code),
            title=escape(a.title),
            rule=escape(rule),
        )
        if a.description:
            text += f"<br><span style='color:#5d6975'>{escape(a.description)}</span>"
        if self.model.grid_cell(idx.row(), idx.column()).cell.flagged:
            text += "<br><span style='color:#8a4b00'><b>{}</b></span>".format(
                escape(self.tr("Judges disagree by more than the limit: please re-score")),
            )
        self.aspect_label.setText(text)
        self.aspect_label.show()

    def _load_failed(self, exc: BaseException) -> None:
        self.status.error(self.ctx.error_text(exc))

    def _update_progress(self) -> None:
        missing = self.model.missing()
        crit = self._current_criterion()
        style = ""
        if not self.model.rowCount():
            text = ""  # the empty grid says why
        elif crit is None:
            text = self.tr("{n} mark(s) still to give").format(n=missing)
        elif crit.locked:
            text = self.tr("Criterion {code} is locked").format(code=crit.code)
        elif crit.submitted:
            text = self.tr("Criterion {code} submitted").format(code=crit.code)
        elif missing:
            text = self.tr("{n} mark(s) still to give in criterion {code}").format(
                n=missing, code=crit.code
            )
        else:
            text = self.tr("Criterion {code} fully marked: check it, then submit it").format(
                code=crit.code
            )
            style = "color: #1d6b2c; font-weight: bold;"
        self.progress_label.setText(text)
        self.progress_label.setStyleSheet(style)

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
            on_success=alive(
                self, lambda view, st=station, co=aspect.code: self._stored(st, co, view)
            ),
            on_error=alive(
                self, lambda exc, st=station, co=aspect.code: self._store_failed(st, co, exc)
            ),
        )
        self._move_on(row, col)

    def _move_on(self, row: int, col: int) -> None:
        nxt = self.model.next_editable(row, col)
        if nxt is not None:
            self.table.setCurrentIndex(self.model.index(*nxt))
        self.table.setFocus()

    def _stored(self, station: int, code: str, view: ScoreView) -> None:
        self.in_flight -= 1
        pos = self.model.position(station, code)
        if pos is not None:
            self.model.stored(*pos, view.value, view.version)
        else:  # another criterion is shown now: update the hidden cell
            gc = self.model.find_cell(station, code)
            if gc is not None:
                gc.cell = replace(gc.cell, value=view.value, version=view.version)
                gc.pending, gc.stored = "", True
        self.confirm.setText(self.confirmation(view))
        self.confirm.show()
        self._update_progress()
        self._criterion_state()
        self.stored.emit(view)

    def confirmation(self, view: ScoreView) -> str:
        aspect = next(a for a in self.model.all_aspects if a.code == view.aspect_code)
        if aspect.kind == "J":
            unit = self.tr("grade {v}").format(v=fmt_value(view.value))
        elif aspect.kind == "D":
            unit = self.tr("{v} time(s)").format(v=fmt_value(view.value))
        else:
            unit = self.tr("{v} points").format(v=fmt_value(view.value))
        return self.tr("Station {no} · {code} {title} · {value}").format(
            no=station_text(view.station_no), code=aspect.code, title=aspect.title, value=unit
        )

    def _store_failed(self, station: int, code: str, exc: BaseException) -> None:
        self.in_flight -= 1
        pos = self.model.position(station, code)
        if pos is not None:
            self.model.failed(*pos)
        else:
            gc = self.model.find_cell(station, code)
            if gc is not None:
                gc.pending = ""
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
        open_ = c is not None and not c.submitted and not c.locked
        ready = open_ and self.model.rowCount() > 0 and self.model.missing() == 0
        self.submit_button.setEnabled(ready)
        if c is None:
            why = self.tr("Choose one criterion to submit it.")
        elif not open_:
            why = ""
        elif not self.model.rowCount():
            why = self.tr("Nothing to submit yet: no contestant has a station.")
        elif not ready:
            why = self.tr("Give every mark of this criterion first; then submit it.")
        else:
            why = self.tr("Sign this criterion off with your PIN; its marks then cannot change.")
        self.submit_button.setToolTip(why)
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
