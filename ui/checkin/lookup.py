"""Manual look-up: find a contestant by name, ID number or ticket number and act on them.

For those without a ticket (forgotten, lost, unreadable): manual check-in after the registrar
has compared the ID card. The same panel undoes a check-in made in error (administrators),
withdraws, disqualifies or reinstates a contestant, and asks for a reprinted ticket.

Every action asks for its reason in an inline row under the list (never a modal dialog: the
scanner must be able to go on typing into the scan field). A reason is required.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kmjudge import checkin
from kmjudge.accounts import Actor, Perm, Role
from kmjudge.db.engine import Database
from kmjudge.registration import service as registration
from kmjudge.registration.service import RegistrationView, SearchIndex
from ui.checkin.models import LookupModel
from ui.context import AppContext
from ui.registration.models import guarded, status_text
from ui.widgets import MessageBanner

_Loaded = tuple[uuid.UUID, list[RegistrationView], SearchIndex]
MIN_REASON = 2


def load_lookup(db: Database, actor: Actor, event_id: uuid.UUID) -> _Loaded:
    """Runs on the worker: everyone entered in the event, and their search index."""
    rows = registration.list_registrations(db, actor, event_id)
    return event_id, rows, SearchIndex(rows)


@dataclass(frozen=True)
class Action:
    key: str
    button: str
    prompt: str  # "{name}" is filled in
    confirm: str
    presets: tuple[str, ...]
    allowed: bool
    statuses: frozenset[str]  # the statuses it applies to


class LookupPanel(QWidget):
    """Search, pick a person, choose an action, give the reason, confirm."""

    verdict = Signal(object)  # kmjudge.checkin.Verdict of a manual check-in
    changed = Signal()  # someone's status changed
    reprint_requested = Signal(object)  # RegistrationView
    done = Signal()  # an action ended (the scan field may take the focus back)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.event_id: uuid.UUID | None = None
        self.pending: Action | None = None
        self.busy = False
        self._loading = 0
        self._stale = True
        self._keep: uuid.UUID | None = None
        actor = ctx.actor
        admin = actor.has_role(Role.ADMIN)
        self.specs = {
            a.key: a
            for a in (
                Action(
                    "checkin",
                    self.tr("Manual check-in"),
                    self.tr("Check in {name} without a ticket. Compare the ID card first."),
                    self.tr("Check in"),
                    (
                        self.tr("No ticket; ID card checked"),
                        self.tr("Ticket lost; ID card checked"),
                        self.tr("QR code unreadable; ID card checked"),
                    ),
                    actor.can(Perm.CHECKIN),
                    frozenset({"registered", "absent"}),
                ),
                Action(
                    "undo",
                    self.tr("Undo check-in"),
                    self.tr("Undo the check-in of {name}; the station is freed."),
                    self.tr("Undo check-in"),
                    (self.tr("Checked in the wrong person"), self.tr("Scanned by mistake")),
                    admin,
                    frozenset({"checked_in"}),
                ),
                Action(
                    "withdraw",
                    self.tr("Withdraw"),
                    self.tr("{name} withdraws from the event; the ticket is cancelled."),
                    self.tr("Withdraw"),
                    (self.tr("Withdrew of their own accord"), self.tr("Illness")),
                    actor.can(Perm.EDIT_REGISTRATIONS),
                    frozenset({"registered", "checked_in", "absent"}),
                ),
                Action(
                    "disqualify",
                    self.tr("Disqualify"),
                    self.tr("Disqualify {name}; the ticket is cancelled."),
                    self.tr("Disqualify"),
                    (
                        self.tr("Identity does not match the ID card"),
                        self.tr("Serious breach of the rules"),
                    ),
                    actor.can(Perm.SETUP_EVENTS) or actor.can(Perm.LOCK),
                    frozenset({"registered", "checked_in", "absent", "withdrawn"}),
                ),
                Action(
                    "reinstate",
                    self.tr("Reinstate"),
                    self.tr("Reinstate {name} (the status was set in error)."),
                    self.tr("Reinstate"),
                    (self.tr("Status set in error"),),
                    admin,
                    frozenset({"absent", "withdrawn", "disqualified"}),
                ),
                Action(
                    "reprint",
                    self.tr("Reprint ticket…"),
                    "",
                    "",
                    (),
                    actor.can(Perm.PRINT_TICKETS),
                    frozenset({"registered", "checked_in", "absent"}),
                ),
            )
        }

        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.setSpacing(6)
        self.search = QLineEdit(self)
        self.search.setObjectName("lookupSearch")
        self.search.setPlaceholderText(self.tr("Name, ID number or ticket number"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(self._search_entered)
        lay.addWidget(self.search)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("lookupCount")
        lay.addWidget(self.count_label)

        self.model = LookupModel(ctx.lang, self)
        self.table = QTableView(self)
        self.table.setObjectName("lookupTable")
        self.table.setModel(self.model)
        self.table.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        for col, width in enumerate(LookupModel.WIDTHS):
            self.table.setColumnWidth(col, width)
        header.setSectionResizeMode(LookupModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        lay.addWidget(self.table, 1)

        self.detail = QLabel(self)
        self.detail.setObjectName("lookupDetail")
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet("QLabel#lookupDetail { font-size: 12pt; }")
        lay.addWidget(self.detail)

        grid = QGridLayout()
        grid.setSpacing(6)
        self.buttons: dict[str, QPushButton] = {}
        shown = [a for a in self.specs.values() if a.allowed]
        for i, action in enumerate(shown):
            button = QPushButton(action.button, self)
            button.setObjectName(f"lookup_{action.key}")
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            if action.key == "checkin":
                button.setObjectName("primary")
                button.setProperty("action", "checkin")
            button.clicked.connect(lambda _c=False, k=action.key: self.request(k))
            self.buttons[action.key] = button
            grid.addWidget(button, i // 3, i % 3)
        lay.addLayout(grid)

        self.confirm_box = QFrame(self)
        self.confirm_box.setObjectName("confirmBox")
        self.confirm_box.setStyleSheet(
            "QFrame#confirmBox { background: #fff6e0; border: 1px solid #e9cf8c;"
            " border-radius: 6px; }"
        )
        box = QVBoxLayout(self.confirm_box)
        box.setContentsMargins(8, 6, 8, 6)
        self.confirm_text = QLabel(self.confirm_box)
        self.confirm_text.setObjectName("confirmText")
        self.confirm_text.setWordWrap(True)
        box.addWidget(self.confirm_text)
        reason_row = QHBoxLayout()
        reason_row.addWidget(QLabel(self.tr("Reason:"), self.confirm_box))
        self.reason = QComboBox(self.confirm_box)
        self.reason.setObjectName("reasonBox")
        self.reason.setEditable(True)
        self.reason.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = self.reason.lineEdit()
        assert line is not None
        line.setPlaceholderText(self.tr("Required"))
        line.returnPressed.connect(self.confirm)
        reason_row.addWidget(self.reason, 1)
        box.addLayout(reason_row)
        confirm_row = QHBoxLayout()
        confirm_row.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"), self.confirm_box)
        self.cancel_button.setObjectName("confirmCancel")
        self.cancel_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.cancel_button.clicked.connect(self.cancel)
        confirm_row.addWidget(self.cancel_button)
        self.confirm_button = QPushButton(self.confirm_box)
        self.confirm_button.setObjectName("primary")
        self.confirm_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.confirm_button.clicked.connect(self.confirm)
        confirm_row.addWidget(self.confirm_button)
        box.addLayout(confirm_row)
        self.confirm_box.hide()
        lay.addWidget(self.confirm_box)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.confirm_box, self.cancel)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.banner = MessageBanner(self)
        lay.addWidget(self.banner)
        self._update_buttons()

    # ------------------------------------------------------------------ data

    def set_event(self, event_id: uuid.UUID | None) -> None:
        self.event_id = event_id
        self.cancel()
        self.banner.clear()
        self.model.set_rows([])
        self._stale = True
        if self.isVisible():
            self.reload()
        self._update_buttons()

    def mark_stale(self) -> None:
        """Statuses changed elsewhere (a scan): reload now if shown, else when next shown."""
        self._stale = True
        if self.isVisible():
            self.reload()

    def apply_checkin(self, registration_id: uuid.UUID, station_no: int | None) -> None:
        """A scan checked someone in: show it in the list without fetching it again."""
        if not self.model.update_person(registration_id, "checked_in", station_no):
            self.mark_stale()
        elif self.selected() is not None:
            self._update_buttons()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    @property
    def loading(self) -> bool:
        return self._loading > 0

    def reload(self) -> None:
        if self.event_id is None or not self.ctx.actor.can(Perm.VIEW_NAMES):
            return
        self._stale = False
        self._loading += 1
        current = self.selected()
        self._keep = current.id if current else self._keep
        self.ctx.worker.run(
            load_lookup,
            self.ctx.db,
            self.ctx.actor,
            self.event_id,
            **guarded(self, self._loaded, self._load_failed),
        )

    def _loaded(self, result: _Loaded) -> None:
        self._loading -= 1
        event_id, rows, index = result
        if event_id != self.event_id:
            return
        self.model.set_rows(rows, index)
        self._update_count()
        if self._keep is not None:
            self.select_registration(self._keep)
        self._update_buttons()

    def _load_failed(self, exc: BaseException) -> None:
        self._loading -= 1
        self.banner.error(self.ctx.error_text(exc))

    def _update_count(self) -> None:
        self.count_label.setText(
            self.tr("{shown} of {total} shown").format(
                shown=self.model.rowCount(), total=self.model.total
            )
        )

    # ------------------------------------------------------------------ selection

    def _search_changed(self, text: str) -> None:
        self.model.set_query(text)
        self._update_count()
        if self.model.rowCount() == 1:
            self.table.selectRow(0)
        self._update_buttons()

    def _search_entered(self) -> None:
        if self.model.rowCount() >= 1 and self.selected() is None:
            self.table.selectRow(0)

    def select_registration(self, registration_id: uuid.UUID) -> bool:
        row = self.model.row_of(registration_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def selected(self) -> RegistrationView | None:
        model = self.table.selectionModel()
        rows = model.selectedRows() if model is not None else []
        return self.model.row_at(rows[0].row()) if rows else None

    def _row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        if self.pending is not None:
            self.cancel()
        self._update_buttons()

    def _update_buttons(self) -> None:
        person = self.selected()
        for key, button in self.buttons.items():
            action = self.specs[key]
            button.setEnabled(
                not self.busy and person is not None and person.status in action.statuses
            )
        if person is None:
            self.detail.setText(self.tr("Select a contestant in the list."))
            return
        station = (
            self.tr("station {n}").format(n=person.station_no)
            if person.station_no is not None
            else self.tr("no station")
        )
        self.detail.setText(
            f"<b>{_html(person.name)}</b>　{_html(person.id_masked)}<br>"
            + self.tr("ID last 4: {last4} · {status} · {station}").format(
                last4=f"<b style='font-size:16pt'>{_html(person.last4)}</b>",
                status=status_text(person.status, self.ctx.lang),
                station=station,
            )
        )

    # ------------------------------------------------------------------ actions

    def request(self, key: str) -> bool:
        """Start an action for the selected person: show its reason row (or, for a reprint,
        hand over to the tickets dialog)."""
        person = self.selected()
        action = self.specs[key]
        if person is None or not action.allowed or person.status not in action.statuses:
            return False
        self.banner.clear()
        if key == "reprint":
            self.reprint_requested.emit(person)
            return True
        self.pending = action
        self.confirm_text.setText(action.prompt.format(name=person.name))
        self.reason.clear()
        self.reason.addItems(list(action.presets))
        if key == "checkin":
            self.reason.setCurrentIndex(0)
        else:
            self.reason.setCurrentIndex(-1)
            self.reason.setEditText("")
        self.confirm_button.setText(action.confirm)
        self.confirm_box.show()
        self.reason.setFocus()
        return True

    def cancel(self) -> None:
        was = self.pending is not None
        self.pending = None
        self.confirm_box.hide()
        if was:
            self.done.emit()

    def confirm(self) -> bool:
        """Run the pending action with the reason given; refused (with a message) if the
        reason is missing."""
        action, person = self.pending, self.selected()
        if action is None or person is None or self.busy or self.event_id is None:
            return False
        reason = " ".join(self.reason.currentText().split())
        if len(reason) < MIN_REASON:
            self.banner.error(self.tr("Please give a reason first."))
            self.reason.setFocus()
            return False
        ctx = self.ctx
        fns: dict[str, Callable[..., Any]] = {
            "checkin": checkin.manual_checkin,
            "undo": checkin.undo_checkin,
            "withdraw": checkin.withdraw,
            "disqualify": checkin.disqualify,
            "reinstate": checkin.reinstate,
        }
        self.busy = True
        self._update_buttons()
        self.confirm_button.setEnabled(False)
        self._keep = person.id
        ctx.worker.run(
            fns[action.key],
            ctx.db,
            ctx.actor,
            person.id,
            reason,
            **guarded(
                self,
                partial(self._acted, action, person),
                self._failed,
            ),
        )
        return True

    def _acted(self, action: Action, person: RegistrationView, result: Any) -> None:
        self.busy = False
        self.confirm_button.setEnabled(True)
        self.pending = None
        self.confirm_box.hide()
        messages = {
            "undo": self.tr("Check-in of {name} undone."),
            "withdraw": self.tr("{name} has withdrawn."),
            "disqualify": self.tr("{name} is disqualified."),
            "reinstate": self.tr("{name} is reinstated."),
        }
        if action.key == "checkin":
            self.verdict.emit(result)
            if getattr(result, "ok", False):
                self.banner.success(
                    self.tr("{name}: {message}").format(
                        name=person.name, message=result.message(self.ctx.lang)
                    )
                )
            else:
                self.banner.error(result.message(self.ctx.lang))
        else:
            self.banner.success(messages[action.key].format(name=person.name))
        self.changed.emit()
        self.reload()
        self.done.emit()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.confirm_button.setEnabled(True)
        self._update_buttons()
        self.banner.error(self.ctx.error_text(exc))


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
