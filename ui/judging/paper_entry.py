"""录入评分表: the score clerk scans a paper sheet's barcode and types one pass of it.

Keyboard first. The barcode scanner (a USB keyboard wedge) types the sheet code into the scan
field (``ui.checkin.scan_field.ScanField``: no input method, Enter/Tab/pause endings); a
letter typed anywhere else on the screen goes there too, since a sheet code starts with "S"
and a mark never holds a letter. The sheet opens as printed: rows = aspects, columns =
stations, greyed cells not to be typed. Type a number, Enter moves along the row (then to the
next row); Enter alone skips a cell (an empty deduction cell = no violation seen). Every value
is checked as it is typed with the core's own rule
(``judging.rules.value_issue``) and a refused value stays in its editor with the reason in
red under the grid — nothing invalid is ever kept. A strip repeats the station number of the
last value. After the last cell Enter moves to 保存, and Enter saves the pass
(``paper.enter_sheet_values``, one transaction). Ctrl+S saves from anywhere.

Pass 1 and pass 2 are blind: the core hands a clerk only their own values. The pass a clerk
types is suggested by the core and can be switched (two clerks who opened the same sheet at
once); the core refuses the same clerk for both passes and that refusal is shown as it is.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kmjudge.accounts import Perm
from kmjudge.errors import PermissionDenied
from kmjudge.judging import paper, rules
from kmjudge.judging.views import PaperSheetView, SheetEntryResult
from ui.checkin.scan_field import ScanField, ScanInput, is_text_input
from ui.context import AppContext
from ui.judging.models import fmt_value
from ui.judging.paper_models import SheetEntryModel
from ui.widgets import MessageBanner, alive, hint

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
EDITOR_NAME = "paperEditor"
_COMMAND_MODS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


class EntryDelegate(QStyledItemDelegate):
    """A cell editor that checks the value against the aspect's rule as it is typed."""

    checked = Signal(int, int, str)  # row, col, problem ("" = fine)
    accepted = Signal(int, int, str)  # row, col, text (Enter/Tab on a valid value)

    def __init__(self, model: SheetEntryModel, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.lang = lang

    def problem(self, row: int, col: int, text: str) -> str:
        if not text.strip():
            return ""
        aspect = self.model.aspect(row)
        station = self.model.station(col)
        where = f"{station} 号工位 {aspect.code}"
        _value, issue = rules.value_issue(aspect, text.strip(), where)
        if issue is None:
            return ""
        if self.lang == "zh":
            return f"{station} 号工位：{issue.message_zh}"
        return f"Station {station}: {issue.message_en}"

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setObjectName(EDITOR_NAME)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setMaxLength(8)
        # digits only: no input method may turn them into candidates
        editor.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        editor.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)
        row, col = index.row(), index.column()
        editor.textChanged.connect(
            lambda text, r=row, c=col: self.checked.emit(r, c, self.problem(r, c, text))
        )
        editor.setProperty("cellPos", (row, col))
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        # Opened by a key press: Qt passes that key on, so the editor starts empty and the
        # first digit replaces the old value (as in the judge's grid).
        if isinstance(editor, QLineEdit) and not editor.text():
            editor.setText("")

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex) -> None:
        """Focus left the editor (a click elsewhere): keep the text if it is valid."""
        if not isinstance(editor, QLineEdit):
            return
        text = editor.text().strip()
        if text and not self.problem(index.row(), index.column(), text):
            self.model.set_text(index.row(), index.column(), text)

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
                obj.selectAll()  # the next digits replace the refused value
                return True  # the editor stays open; nothing is kept
            self.closeEditor.emit(obj, QStyledItemDelegate.EndEditHint.NoHint)
            self.accepted.emit(row, col, text)
            return True
        return super().eventFilter(obj, event)


class EntryGrid(QTableView):
    """Digits start editing (replacing the value), Enter on a cell not being edited keeps it
    as it is and moves on (an empty deduction cell = no violation), F2 edits it, Delete
    empties it."""

    cleared = Signal(int, int)
    skipped = Signal(int, int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        idx = self.currentIndex()
        editing = self.state() == QAbstractItemView.State.EditingState
        if idx.isValid() and not editing:
            if event.key() in ENTER_KEYS:
                self.skipped.emit(idx.row(), idx.column())
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.cleared.emit(idx.row(), idx.column())
                return
        super().keyPressEvent(event)


class SheetScanRouter(QObject):
    """Application event filter while the entry panel is shown: a letter typed in its window
    outside a text field, or in a cell editor, goes to the scan field (sheet codes start with
    "S"; a mark never holds a letter). The rest of a scan follows the focus there."""

    def __init__(self, field: ScanField, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.redirected = 0

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:
        if ev.type() != QEvent.Type.KeyPress or not isinstance(obj, QWidget):
            return False
        field = self.field
        if obj is field or not field.isVisible() or not field.isEnabled():
            return False
        if obj.window() is not field.window():
            return False
        if is_text_input(obj) and obj.objectName() != EDITOR_NAME:
            return False
        assert isinstance(ev, QKeyEvent)
        text = ev.text()
        if ev.modifiers() & _COMMAND_MODS or len(text) != 1 or not text.isascii():
            return False
        if not text.isalpha():
            return False
        copy = QKeyEvent(
            ev.type(), ev.key(), ev.modifiers(), ev.text(), ev.isAutoRepeat(), ev.count()
        )
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        QApplication.sendEvent(field, copy)
        self.redirected += 1
        return True


class PaperEntryPanel(QWidget):
    """Scan a sheet, type one pass of it, save."""

    opened = Signal(object)  # PaperSheetView
    saved = Signal(object)  # SheetEntryResult
    failed = Signal(str)  # the message shown

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view: PaperSheetView | None = None
        self.busy = False
        self._discard_code = ""  # a second scan of this code drops unsaved values
        self._queued = ""  # a code scanned while the database was busy
        self.can_type = ctx.actor.can(Perm.ENTER_PAPER_SCORES)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 8, 0, 0)
        lay.setSpacing(8)

        scan_row = QHBoxLayout()
        scan_label = QLabel(self.tr("Sheet barcode:"), self)
        scan_label.setObjectName("h2")
        scan_row.addWidget(scan_label)
        self.scan = ScanField(self)
        self.scan.setObjectName("sheetScan")
        self.scan.setPlaceholderText(self.tr("Scan the barcode of the sheet, or type its code"))
        self.scan.setMinimumWidth(320)
        self.scan.scanned.connect(self._scanned)
        scan_row.addWidget(self.scan, 1)
        self.open_button = QPushButton(self.tr("Open"), self)
        self.open_button.setObjectName("openSheet")
        self.open_button.clicked.connect(lambda: self.scan.submit("enter"))
        scan_row.addWidget(self.open_button)
        lay.addLayout(scan_row)
        self.router = SheetScanRouter(self.scan, self)

        self.title = QLabel(self.tr("No sheet open."), self)
        self.title.setObjectName("sheetTitle")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("QLabel#sheetTitle { font-size: 13pt; font-weight: bold; }")
        lay.addWidget(self.title)

        pass_row = QHBoxLayout()
        pass_row.addWidget(QLabel(self.tr("You are typing:"), self))
        self.pass_group = QButtonGroup(self)
        self.pass_buttons: dict[int, QRadioButton] = {}
        for n, text in ((1, self.tr("Pass 1")), (2, self.tr("Pass 2 (blind)"))):
            button = QRadioButton(text, self)
            button.setObjectName(f"pass{n}Radio")
            button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            self.pass_group.addButton(button, n)
            self.pass_buttons[n] = button
            pass_row.addWidget(button)
        self.pass_group.idToggled.connect(self._pass_toggled)
        self.pass_info = hint("", self)
        self.pass_info.setObjectName("passInfo")
        pass_row.addWidget(self.pass_info, 1)
        lay.addLayout(pass_row)

        self.note = MessageBanner(self)
        lay.addWidget(self.note)

        self.model = SheetEntryModel(ctx.lang, self)
        self.grid = EntryGrid(self)
        self.grid.setObjectName("paperGrid")
        self.grid.setModel(self.model)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.grid.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.grid.setTabKeyNavigation(False)
        hh = self.grid.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        hh.setMinimumSectionSize(52)
        vh = self.grid.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        vh.setMinimumSectionSize(40)
        vh.setMaximumWidth(300)
        self.delegate = EntryDelegate(self.model, ctx.lang, self.grid)
        self.grid.setItemDelegate(self.delegate)
        self.delegate.checked.connect(self._checked)
        self.delegate.accepted.connect(self._accepted)
        self.grid.cleared.connect(self._cleared)
        self.grid.skipped.connect(self._move_on)
        self.model.dataChanged.connect(lambda *_: self._update_counts())
        lay.addWidget(self.grid, 1)

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
        self.counts = QLabel("", self)
        self.counts.setObjectName("entryCounts")
        bottom.addWidget(self.counts, 1)
        self.discard_button = QPushButton(self.tr("Discard changes"), self)
        self.discard_button.setObjectName("discardButton")
        self.discard_button.clicked.connect(self.discard)
        bottom.addWidget(self.discard_button)
        self.save_button = QPushButton(self.tr("Save pass"), self)
        self.save_button.setObjectName("primary")
        self.save_button.setAutoDefault(True)  # Enter on the focused button saves
        self.save_button.clicked.connect(self.save)
        bottom.addWidget(self.save_button)
        lay.addLayout(bottom)
        self.status = MessageBanner(self)
        lay.addWidget(self.status)

        save_key = QShortcut(QKeySequence.StandardKey.Save, self)
        save_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_key.activated.connect(self.save)
        scan_key = QShortcut(QKeySequence(Qt.Key.Key_F2), self)
        scan_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        scan_key.activated.connect(self.focus_scan)
        self._show_sheet()

    # ---------------------------------------------------------------- scanning

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.router)
        if self.view is None:
            self.focus_scan()

    def hideEvent(self, event: QHideEvent) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.router)
        super().hideEvent(event)

    def focus_scan(self) -> None:
        self.scan.setFocus(Qt.FocusReason.OtherFocusReason)

    def _scanned(self, scan: ScanInput) -> None:
        self.open_code(scan.text)

    def open_code(self, code: str) -> None:
        """Open the sheet with this (scanned or typed) code; unsaved values are kept unless
        the same code is scanned a second time."""
        wanted = paper.normalise_code(code)
        if not wanted:
            return
        if self.busy:  # a save or an open still running: this scan comes right after it
            self._queued = wanted
            return
        dirty = self.model.dirty_count() if self.model.writable else 0
        if dirty and self._discard_code != wanted:
            self._discard_code = wanted
            self.status.show_message(
                self.tr(
                    "Sheet {code} has {n} value(s) not saved yet. Save them first (Ctrl+S); "
                    "to drop them, scan {new} once more."
                ).format(code=self.view.code if self.view else "", n=dirty, new=wanted),
                "warning",
            )
            return
        self._discard_code = ""
        self._load(wanted)

    def _load(self, code: str, after_save: SheetEntryResult | None = None) -> None:
        self.busy = True
        self.ctx.worker.run(
            paper.open_sheet,
            self.ctx.db,
            self.ctx.actor,
            code,
            on_success=alive(self, lambda v: self._opened(v, after_save)),
            on_error=alive(self, self._open_failed),
        )

    def _open_failed(self, exc: BaseException) -> None:
        self.busy = False
        text = self.ctx.error_text(exc)
        self.status.error(text)
        self.failed.emit(text)
        self.focus_scan()
        self._take_queued()

    def _take_queued(self) -> None:
        code, self._queued = self._queued, ""
        if code:
            self.open_code(code)

    def _opened(self, view: PaperSheetView, after_save: SheetEntryResult | None) -> None:
        self.busy = False
        self.view = view
        self.error.clear()
        self.confirm.hide()
        if after_save is None:
            self.status.clear()
        self._show_sheet()
        if after_save is None and self.model.writable:
            first = self.model.first_editable()
            if first is not None:
                self.grid.setCurrentIndex(self.model.index(*first))
                self.grid.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.focus_scan()
        self.opened.emit(view)
        self._take_queued()

    def _show_sheet(self) -> None:
        view = self.view
        zh = self.ctx.lang == "zh"
        if view is None:
            self.model.load(None, False)
            self.title.setText(
                self.tr("No sheet open. Scan the barcode at the top right of a sheet.")
            )
            for b in self.pass_buttons.values():
                b.setEnabled(False)
            self.pass_info.setText("")
            self.note.clear()
            self._update_counts()
            return
        self.title.setText(
            self.tr(
                "Sheet {code} · criterion {crit} {title} · judge {judge} · stations {first}–{last}"
            ).format(
                code=view.code,
                crit=view.criterion_code,
                title=view.criterion_title,
                judge=view.judge_name,
                first=view.stations[0] if view.stations else "",
                last=view.stations[-1] if view.stations else "",
            )
        )
        writable = self.can_type and view.my_pass is not None
        self.model.load(view, writable)
        for b in self.pass_buttons.values():
            b.setEnabled(writable)
        if view.my_pass is not None:
            self.pass_buttons[view.my_pass].setChecked(True)
        else:
            self.pass_group.setExclusive(False)
            for b in self.pass_buttons.values():
                b.setChecked(False)
            self.pass_group.setExclusive(True)
        parts = []
        for n in (1, 2):
            who = view.pass_clerks.get(n)
            parts.append(
                self.tr("pass {n}: typed by {who}").format(n=n, who=who)
                if who
                else self.tr("pass {n}: not typed").format(n=n)
            )
        parts.append(
            self.tr("{ok} confirmed, {diff} in the correction list").format(
                ok=view.confirmed, diff=view.differing
            )
        )
        self.pass_info.setText(" · ".join(parts))
        note = view.note_zh if zh else view.note_en
        if not self.can_type:
            note = self.tr(
                "You can look at this sheet; typing it is for the score clerks (录分员)."
            )
        if note:
            self.note.info(note)
        else:
            self.note.clear()
        self._update_pass_label()
        self._update_counts()

    def _pass_toggled(self, pass_no: int, checked: bool) -> None:
        if checked and self.view is not None:
            self.model.rebase(own_pass=pass_no == self.view.my_pass)
            self._update_pass_label()
            self._update_counts()

    def _update_pass_label(self) -> None:
        n = self.pass_group.checkedId()
        if n in (1, 2):
            self.save_button.setText(self.tr("Save pass {n}  (Ctrl+S)").format(n=n))
        else:
            self.save_button.setText(self.tr("Save pass"))

    @property
    def pass_no(self) -> int:
        return self.pass_group.checkedId()

    # ---------------------------------------------------------------- typing

    def _checked(self, row: int, col: int, problem: str) -> None:
        if problem:
            self.error.error(problem)
        else:
            self.error.clear()

    def _accepted(self, row: int, col: int, text: str) -> None:
        """A valid value (or an empty Enter) in a cell: keep it, repeat it, move on."""
        self.error.clear()
        if text:
            self.model.set_text(row, col, text)
            self.confirm.setText(self.confirmation(row, col, text))
            self.confirm.show()
        self._move_on(row, col)

    def confirmation(self, row: int, col: int, text: str) -> str:
        aspect = self.model.aspect(row)
        value = rules.parse_number(text)
        shown = fmt_value(rules.canonical(value)) if value is not None else text
        if aspect.kind == "J":
            unit = self.tr("grade {v}").format(v=shown)
        elif aspect.kind == "D":
            unit = self.tr("{v} time(s)").format(v=shown)
        else:
            unit = self.tr("{v} points").format(v=shown)
        return self.tr("Station {no} · {code} {title} · {value}").format(
            no=self.model.station(col), code=aspect.code, title=aspect.title, value=unit
        )

    def _cleared(self, row: int, col: int) -> None:
        if self.model.editable(row, col):
            self.model.set_text(row, col, "")
            self.error.clear()

    def _move_on(self, row: int, col: int) -> None:
        nxt = self.model.next_editable(row, col)
        if nxt is not None:
            self.grid.setCurrentIndex(self.model.index(*nxt))
            self.grid.setFocus(Qt.FocusReason.OtherFocusReason)
        else:  # the last cell: Enter now saves
            self.save_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_counts(self) -> None:
        if self.view is None:
            self.counts.setText("")
            self.save_button.setEnabled(False)
            self.discard_button.setEnabled(False)
            return
        typed, total, empty = self.model.counts()
        dirty = self.model.dirty_count()
        text = self.tr("{typed} of {total} cells filled · {dirty} not saved").format(
            typed=typed, total=total, dirty=dirty
        )
        if empty and self.model.writable:
            text += self.tr(" · {n} mark(s) still empty").format(n=empty)
        self.counts.setText(text)
        self.save_button.setEnabled(self.model.writable and dirty > 0 and not self.busy)
        self.discard_button.setEnabled(self.model.writable and dirty > 0)

    # ---------------------------------------------------------------- saving

    def save(self) -> None:
        """Send this pass to the core (one transaction); the core checks everything again."""
        view = self.view
        if view is None or self.busy or not self.model.writable:
            return
        if self.grid.state() == QAbstractItemView.State.EditingState:
            # a value still in its editor: keep it if valid (as Enter would)
            editor = QApplication.focusWidget()
            if isinstance(editor, QLineEdit) and editor.objectName() == EDITOR_NAME:
                row, col = editor.property("cellPos")
                problem = self.delegate.problem(row, col, editor.text())
                if problem:
                    self.error.error(problem)
                    return
                self.model.set_text(row, col, editor.text())
                self.delegate.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
                self.grid.setFocus()
        if self.model.dirty_count() == 0:
            return
        pass_no = self.pass_no
        if pass_no not in (1, 2):
            self.status.error(self.tr("Choose pass 1 or pass 2 first."))
            return
        self.busy = True
        self.save_button.setEnabled(False)
        self.status.info(self.tr("Saving…"))
        self.ctx.worker.run(
            paper.enter_sheet_values,
            self.ctx.db,
            self.ctx.actor,
            view.code,
            pass_no,
            self.model.values(),
            on_success=alive(self, self._saved),
            on_error=alive(self, self._save_failed),
        )

    def _saved(self, result: SheetEntryResult) -> None:
        self.busy = False
        parts = [
            self.tr("Pass {n} of sheet {code} saved: {saved} value(s).").format(
                n=result.pass_no, code=result.code, saved=result.saved
            )
        ]
        if result.confirmed:
            parts.append(
                self.tr("{n} cell(s) agree with the other pass and count now.").format(
                    n=result.confirmed
                )
            )
        if result.differing:
            cells = "、".join(
                self.tr("No. {no} {code}").format(no=st, code=code)
                for st, code in result.differing[:8]
            )
            parts.append(
                self.tr(
                    "{n} cell(s) differ from the other pass and go to the correction list: {cells}."
                ).format(n=len(result.differing), cells=cells)
            )
        if result.waiting:
            parts.append(self.tr("{n} cell(s) wait for the other pass.").format(n=result.waiting))
        parts.append(self.tr("Scan the next sheet."))
        if result.differing:
            self.status.show_message("\n".join(parts), "warning")
        else:
            self.status.success("\n".join(parts))
        self.saved.emit(result)
        self._load(result.code, after_save=result)

    def _save_failed(self, exc: BaseException) -> None:
        self.busy = False
        text = self.ctx.error_text(exc)
        if isinstance(exc, PermissionDenied) and exc.code == "pass_taken":
            other = 3 - self.pass_no
            text += "\n" + self.tr(
                "Your values are still here: choose pass {n} and save again."
            ).format(n=other)
        self.status.error(self.tr("Nothing was saved.") + "\n" + text)
        self._update_counts()
        self.failed.emit(text)
        self._take_queued()  # unsaved values stay: the scan warns about them

    def discard(self) -> None:
        """Drop what was typed since the last save."""
        self._show_sheet()
        self.status.info(self.tr("Unsaved values dropped."))
