"""选手报名: the contestant list of the selected event, searchable as you type.

The list is loaded on the worker (it may be 10,000 rows) and a search index is built once per
load; each keystroke only filters. People who may not see names (judges mark blind) get a
message instead of the list, and the list is never even fetched for them.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kmjudge import events
from kmjudge.accounts import Actor, Perm
from kmjudge.db.engine import Database
from kmjudge.registration import service as registration
from kmjudge.registration.service import RegistrationView, SearchIndex
from ui.context import AppContext
from ui.registration.import_wizard import ImportWizard
from ui.registration.models import RegistrationTableModel, guarded
from ui.registration.walkin_dialog import WalkInDialog
from ui.widgets import MessageBanner, heading, hint

_Loaded = tuple[uuid.UUID, str, list[RegistrationView], SearchIndex]


def load_contestants(db: Database, actor: Actor, event_id: uuid.UUID) -> _Loaded:
    """Runs on the worker: the event's title, its registrations and their search index."""
    summary = events.get_event(db, actor, event_id).summary
    rows = registration.list_registrations(db, actor, event_id)
    title = summary.name if summary.trade in summary.name else f"{summary.name}（{summary.trade}）"
    return event_id, title, rows, SearchIndex(rows)


class ContestantsPage(QWidget):
    """The contestant list with search, import and walk-in entry."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.event_id: uuid.UUID | None = None
        self.import_wizard: ImportWizard | None = None
        self.walkin_dialog: WalkInDialog | None = None
        self._loading = 0
        self.setObjectName("page")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 20, 24, 16)
        lay.setSpacing(10)

        title_row = QHBoxLayout()
        title_row.setSpacing(12)
        title_row.addWidget(heading(self.tr("Contestants"), self))
        self.event_label = hint("", self)
        self.event_label.setObjectName("eventTitle")
        self.event_label.setWordWrap(False)
        title_row.addWidget(self.event_label, 1, Qt.AlignmentFlag.AlignBottom)
        lay.addLayout(title_row)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.search = QLineEdit(self)
        self.search.setObjectName("searchField")
        self.search.setPlaceholderText(self.tr("Search by name, ID number or ticket number"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(340)
        self.search.textChanged.connect(self._search_changed)
        bar.addWidget(self.search)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.count_label.setMinimumWidth(160)
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        self.import_button = QPushButton(self.tr("Import registration sheet…"), self)
        self.import_button.setObjectName("importButton")
        self.import_button.clicked.connect(self.open_import_wizard)
        bar.addWidget(self.import_button)
        self.walkin_button = QPushButton(self.tr("Walk-in entry…"), self)
        self.walkin_button.setObjectName("walkinButton")
        self.walkin_button.clicked.connect(self.open_walkin_dialog)
        bar.addWidget(self.walkin_button)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.clicked.connect(self.reload)
        bar.addWidget(self.refresh_button)
        lay.addLayout(bar)

        self.banner = MessageBanner(self)
        lay.addWidget(self.banner)

        self.model = RegistrationTableModel(ctx.lang, self)
        self.table = QTableView(self)
        self.table.setObjectName("contestantsTable")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(RegistrationTableModel.TICKET, Qt.SortOrder.AscendingOrder)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        for col, width in enumerate(RegistrationTableModel.WIDTHS):
            self.table.setColumnWidth(col, width)
        header.setSectionResizeMode(RegistrationTableModel.EMPLOYER, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(44)

        self.empty = QLabel(self)
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("QLabel#emptyState { color: #5d6975; font-size: 12pt; }")

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        lay.addWidget(self.stack, 1)

        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search, self.search.clear)

        can_import = ctx.actor.can(Perm.IMPORT_REGISTRATIONS)
        can_edit = ctx.actor.can(Perm.EDIT_REGISTRATIONS)
        self.import_button.setVisible(can_import)
        self.walkin_button.setVisible(can_edit)

        ctx.bus.event_changed.connect(self.set_event)
        ctx.bus.registrations_changed.connect(self._registrations_changed)
        self.set_event(ctx.event_id)

    # ------------------------------------------------------------------ state

    @property
    def can_view(self) -> bool:
        return self.ctx.actor.can(Perm.VIEW_NAMES)

    def set_event(self, event_id: uuid.UUID | None) -> None:
        self.event_id = event_id
        self.model.clear()
        self.event_label.setText("")
        self.banner.clear()
        self.reload()

    def _registrations_changed(self, event_id: object) -> None:
        if event_id is None or event_id == self.event_id:
            self.reload()

    def reload(self) -> None:
        """Fetch the list again (after an import, a walk-in, or the 刷新 button)."""
        has_event = self.event_id is not None
        for w in (self.import_button, self.walkin_button):
            w.setEnabled(has_event and self.can_view)
        self.refresh_button.setEnabled(has_event and self.can_view)
        self.search.setEnabled(has_event and self.can_view)
        self.search.setVisible(self.can_view)
        self.refresh_button.setVisible(self.can_view)
        if not self.can_view:
            self.model.clear()
            self._show_empty(
                self.tr(
                    "Your account cannot see contestants' names or personal details.\n"
                    "Judges mark by station number only, so that marking stays blind."
                )
            )
            self._update_count()
            return
        if self.event_id is None:
            self._show_empty(
                self.tr("Please select a competition event first (at the top of the window).")
            )
            self._update_count()
            return
        self._loading += 1
        self.refresh_button.setEnabled(False)
        self.ctx.worker.run(
            load_contestants,
            self.ctx.db,
            self.ctx.actor,
            self.event_id,
            **guarded(self, self._loaded, self._load_failed),
        )

    def _loaded(self, result: _Loaded) -> None:
        self._loading -= 1
        self.refresh_button.setEnabled(True)
        event_id, title, rows, index = result
        if event_id != self.event_id:
            return  # the event changed while this list was loading
        self.event_label.setText(title)
        self.model.set_rows(rows, index)
        self._update_count()
        if rows:
            self.stack.setCurrentWidget(self.table)
        else:
            self._show_empty(
                self.tr(
                    "Nobody is registered for this event yet.\n"
                    "Import the registration sheet, or enter walk-in contestants one by one."
                )
            )

    def _load_failed(self, exc: BaseException) -> None:
        self._loading -= 1
        self.refresh_button.setEnabled(True)
        self.banner.error(self.ctx.error_text(exc))

    @property
    def loading(self) -> bool:
        return self._loading > 0

    def _show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty)

    def _search_changed(self, text: str) -> None:
        self.model.set_query(text)
        self._update_count()

    def _update_count(self) -> None:
        total, shown = self.model.total_count, self.model.shown_count
        if not self.can_view or self.event_id is None:
            self.count_label.setText("")
        elif self.model.query.strip():
            self.count_label.setText(
                self.tr("{total} in all, {shown} shown").format(total=total, shown=shown)
            )
        else:
            self.count_label.setText(self.tr("{total} in all").format(total=total))

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # ------------------------------------------------------------------ actions

    def open_import_wizard(self) -> ImportWizard | None:
        if self.event_id is None or not self.ctx.actor.can(Perm.IMPORT_REGISTRATIONS):
            return None
        self.import_wizard = ImportWizard(self.ctx, self.event_id, self)
        self.import_wizard.open()
        return self.import_wizard

    def open_walkin_dialog(self) -> WalkInDialog | None:
        if self.event_id is None or not self.ctx.actor.can(Perm.EDIT_REGISTRATIONS):
            return None
        self.walkin_dialog = WalkInDialog(self.ctx, self.event_id, self)
        self.walkin_dialog.open()
        return self.walkin_dialog

    def selected(self) -> RegistrationView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def table_texts(self) -> list[list[Any]]:
        """What the table shows, row by row (for tests and screen readers)."""
        m = self.model
        return [
            [m.data(m.index(r, c)) for c in range(m.columnCount())] for r in range(m.rowCount())
        ]
