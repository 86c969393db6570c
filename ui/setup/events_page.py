"""竞赛设置: the events on this machine, and the settings and marking scheme of the selected one.

Selecting an event here selects it for the whole app (``ctx.select_event``), the same as the
event selector at the top of the window. Events are created from a set-up file (.toml) through
``events.import_setup_file``; every problem the core finds in the file is listed in a dialog.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kmjudge import events
from kmjudge.accounts import Perm
from kmjudge.events import LEVEL_ZH, EventDetail, EventSummary
from kmjudge.events import STATUS_ZH as EVENT_STATUS_ZH
from ui.context import AppContext
from ui.registration.models import guarded
from ui.setup.event_form import LEVEL_EN, EventForm
from ui.setup.scheme_view import IssuesDialog, SchemeView, issues_of
from ui.tablemodel import HeaderedTableModel
from ui.widgets import MessageBanner, heading, hint

EVENT_STATUS_EN = {
    "setup": "In preparation",
    "open": "Running",
    "locked": "Locked",
    "released": "Published",
}

_Index = QModelIndex | QPersistentModelIndex


def _when(value: datetime | None) -> str:
    # Event times are the venue's wall-clock times, shown as entered.
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


class EventListModel(HeaderedTableModel):
    """The events: year, name, trade, level, venue, start, status, entries."""

    YEAR, NAME, TRADE, LEVEL, VENUE, START, STATUS, ENTRIES = range(8)
    WIDTHS = (52, 330, 70, 104, 230, 136, 64, 72)

    def __init__(self, lang: str = "zh", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._headers = [
            self.tr("Year"),
            self.tr("Event"),
            self.tr("Trade"),
            self.tr("Level"),
            self.tr("Venue"),
            self.tr("Starts"),
            self.tr("Status"),
            self.tr("Entries"),
        ]
        self.events: list[EventSummary] = []

    def set_events(self, rows: list[EventSummary]) -> None:
        self.beginResetModel()
        self.events = list(rows)
        self.endResetModel()

    def row_of(self, event_id: uuid.UUID | None) -> int:
        for i, e in enumerate(self.events):
            if e.id == event_id:
                return i
        return -1

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.events)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        e = self.events[index.row()]
        col = index.column()
        zh = self.lang == "zh"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == self.YEAR:
                return str(e.year)
            if col == self.NAME:
                return e.name
            if col == self.TRADE:
                return e.trade
            if col == self.LEVEL:
                level = (LEVEL_ZH if zh else LEVEL_EN).get(e.level, e.level)
                return f"{level}·{e.district}" if e.district else level
            if col == self.VENUE:
                return e.venue
            if col == self.START:
                return _when(e.start_at)
            if col == self.STATUS:
                return (EVENT_STATUS_ZH if zh else EVENT_STATUS_EN).get(e.status, e.status)
            return str(e.registered)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col in (self.YEAR, self.LEVEL, self.STATUS, self.ENTRIES):
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return e.id
        return None


class EventsPage(QWidget):
    """Competition set-up: events, their settings, their marking schemes."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.event_id: uuid.UUID | None = ctx.event_id
        self.detail: EventDetail | None = None
        self.issues_dialog: IssuesDialog | None = None
        self._selecting = False
        self._pending = 0
        self.setObjectName("page")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 20, 24, 16)
        lay.setSpacing(10)
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(heading(self.tr("Competition setup"), self))
        top.addStretch(1)
        self.import_button = QPushButton(self.tr("Import competition set-up file…"), self)
        self.import_button.setObjectName("importSetup")
        self.import_button.clicked.connect(self.import_setup)
        top.addWidget(self.import_button)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.clicked.connect(self.reload)
        top.addWidget(self.refresh_button)
        lay.addLayout(top)

        self.banner = MessageBanner(self)
        lay.addWidget(self.banner)

        self.model = EventListModel(ctx.lang, self)
        self.table = QTableView(self)
        self.table.setObjectName("eventsTable")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        for col, width in enumerate(EventListModel.WIDTHS):
            self.table.setColumnWidth(col, width)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(EventListModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        self.list_empty = QLabel(self)
        self.list_empty.setObjectName("emptyState")
        self.list_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.list_empty.setWordWrap(True)
        self.list_empty.setText(
            self.tr(
                "There are no competition events yet. Import the set-up file (.toml) "
                "that the organising office provides."
            )
        )
        self.list_stack = QStackedWidget(self)
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.list_empty)

        self.form = EventForm(ctx, self)
        self.form.saved.connect(self._form_saved)
        self.scheme_view = SchemeView(ctx, self)
        self.scheme_view.scheme_replaced.connect(self._scheme_replaced)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("eventTabs")
        self.tabs.addTab(self.form, self.tr("Event settings"))
        self.tabs.addTab(self.scheme_view, self.tr("Marking scheme"))

        self.detail_empty = hint(self.tr("Please select a competition event first."), self)
        self.detail_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail_stack = QStackedWidget(self)
        self.detail_stack.addWidget(self.tabs)
        self.detail_stack.addWidget(self.detail_empty)

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setChildrenCollapsible(False)
        split.addWidget(self.list_stack)
        split.addWidget(self.detail_stack)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setSizes([150, 450])
        lay.addWidget(split, 1)

        self.import_button.setVisible(ctx.actor.can(Perm.SETUP_EVENTS))
        ctx.bus.event_changed.connect(self.set_event)
        ctx.bus.events_changed.connect(self.reload)
        self.reload()

    # ------------------------------------------------------------------ loading

    @property
    def loading(self) -> bool:
        return self._pending > 0

    def reload(self) -> None:
        """Fetch the list of events again, then the selected event's details."""
        self._pending += 1
        self.ctx.worker.run(
            events.list_events,
            self.ctx.db,
            self.ctx.actor,
            **guarded(self, self._listed, self._failed),
        )

    def _listed(self, rows: list[EventSummary]) -> None:
        self._pending -= 1
        self.model.set_events(rows)
        self.list_stack.setCurrentWidget(self.table if rows else self.list_empty)
        self._select_row(self.event_id)
        self._load_detail()

    def _failed(self, exc: BaseException) -> None:
        self._pending -= 1
        self.banner.error(self.ctx.error_text(exc))

    def _load_detail(self) -> None:
        event_id = self.event_id
        if event_id is None or self.model.row_of(event_id) < 0:
            self.detail = None
            self.form.set_event(None)
            self.scheme_view.set_scheme(None, None)
            self.detail_stack.setCurrentWidget(self.detail_empty)
            return
        self._pending += 1
        self.ctx.worker.run(
            events.get_event,
            self.ctx.db,
            self.ctx.actor,
            event_id,
            **guarded(self, self._detail_loaded, self._failed),
        )

    def _detail_loaded(self, detail: EventDetail) -> None:
        self._pending -= 1
        if detail.summary.id != self.event_id:
            return  # another event was selected meanwhile
        self.detail = detail
        self.form.set_event(detail)
        locked = detail.summary.status in ("locked", "released")
        self.scheme_view.set_scheme(detail.summary.id, detail.scheme, locked=locked)
        self._update_scheme_tab()
        self.detail_stack.setCurrentWidget(self.tabs)

    def _update_scheme_tab(self) -> None:
        if self.scheme_view.scheme is None:
            self.tabs.setTabText(1, self.tr("Marking scheme (none yet)"))
        elif self.scheme_view.total_ok:
            self.tabs.setTabText(1, self.tr("Marking scheme"))
        else:
            self.tabs.setTabText(1, self.tr("Marking scheme (total is not 100)"))

    # ------------------------------------------------------------------ selection

    def set_event(self, event_id: uuid.UUID | None) -> None:
        """The app's selected event changed (here or elsewhere)."""
        if event_id == self.event_id and self.detail is not None:
            return
        self.event_id = event_id
        self._select_row(event_id)
        self._load_detail()

    def _select_row(self, event_id: uuid.UUID | None) -> None:
        row = self.model.row_of(event_id)
        self._selecting = True
        try:
            if row < 0:
                self.table.clearSelection()
            else:
                self.table.selectRow(row)
        finally:
            self._selecting = False

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._selecting or not current.isValid():
            return
        event_id = self.model.events[current.row()].id
        if event_id != self.ctx.event_id:
            self.ctx.select_event(event_id)  # tells every page, this one included
        else:
            self.set_event(event_id)

    def select_event_row(self, row: int) -> None:
        """Select the event on ``row`` as a click would."""
        self.table.selectRow(row)

    # ------------------------------------------------------------------ changes

    def _form_saved(self, event_id: uuid.UUID) -> None:
        # The form announced events_changed (which reloads this list); the detail must reload
        # too, even though the selected event is the same.
        self.detail = None
        self._load_detail()

    def _scheme_replaced(self, event_id: uuid.UUID) -> None:
        self._update_scheme_tab()  # the view announced events_changed already

    def import_setup(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import competition set-up file"),
            "",
            self.tr("Competition set-up files (*.toml);;All files (*)"),
        )
        if not path:
            return
        self.import_button.setEnabled(False)
        self.banner.info(self.tr("Checking “{name}”…").format(name=Path(path).name))
        bus = self.ctx.bus
        self.ctx.worker.run(
            events.import_setup_file,
            self.ctx.db,
            self.ctx.actor,
            path,
            **guarded(
                self,
                lambda ids: self._setup_imported(path, ids),
                lambda exc: self._setup_failed(path, exc),
                announce=bus.events_changed.emit,
            ),
            progress=(self, self.tr("Importing the competition set-up…")),
        )

    def _setup_imported(self, path: str, ids: list[uuid.UUID]) -> None:
        self.import_button.setEnabled(True)
        self.banner.success(
            self.tr("“{name}” imported: {n} events created.").format(
                name=Path(path).name, n=len(ids)
            )
        )
        if ids:  # the list is reloading (events_changed); make the first new event current
            self.ctx.select_event(ids[0])

    def _setup_failed(self, path: str, exc: BaseException) -> None:
        self.import_button.setEnabled(True)
        issues = issues_of(exc)
        name = Path(path).name
        if issues:
            intro = self.tr(
                "“{name}” was not imported: {n} problems were found. Nothing was created."
            ).format(name=name, n=len(issues))
            self.banner.error(intro)
            self.issues_dialog = IssuesDialog(
                self.tr("Set-up file not imported"), intro, issues, self.ctx.lang, self
            )
            self.issues_dialog.open()
        else:
            self.banner.error(
                self.tr("“{name}” was not imported.").format(name=name)
                + "\n"
                + self.ctx.error_text(exc)
            )
