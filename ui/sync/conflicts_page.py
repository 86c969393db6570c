"""The conflicts screen: what imports found that a person must decide, never overwritten.

Every conflict is listed (kind, event, who/what, the two devices, when); the chosen one is
shown side by side, this database's version against the incoming one, with what differs
highlighted. It is resolved by choosing a version, with a reason; resolved ones stay listed
with who resolved them, when and how.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kmjudge import sync, trust
from kmjudge.accounts import Actor, Perm
from kmjudge.db.engine import Database
from kmjudge.judging.common import STATUS_ZH
from kmjudge.sync import ConflictView
from ui.context import AppContext
from ui.sync.models import GREEN, HIGHLIGHT, Row, RowsModel
from ui.widgets import MessageBanner, alive, heading, hint, local_time

#: Columns shown for context under the differing ones, in this order (when the row has them).
CONTEXT = (
    "name",
    "id_number",
    "gender",
    "employer",
    "district",
    "phone",
    "ticket_no",
    "station_no",
    "status",
    "value",
    "note",
    "reason",
    "device_id",
    "created_at",
    "updated_at",
    "version",
)


def load_conflicts(
    db: Database, actor: Actor, status: str | None, kind: str | None
) -> tuple[list[ConflictView], dict[str, str]]:
    """The conflicts, and device names by id (both spellings), for the screen."""
    rows = sync.list_conflicts(db, actor, status=status, kind=kind)
    names: dict[str, str] = {}
    for d in trust.list_devices(db):
        names[str(d.id)] = names[d.id.hex] = d.name
    return rows, names


class ConflictsPage(QWidget):
    navigate = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("page")
        self.conflicts: list[ConflictView] = []
        self.device_names: dict[str, str] = {}
        self.can_resolve = ctx.actor.can(Perm.IMPORT_PACKAGES)
        self.running = False
        self.field_names = {
            "name": self.tr("Name"),
            "id_number": self.tr("ID number"),
            "gender": self.tr("Gender"),
            "employer": self.tr("Employer"),
            "district": self.tr("District"),
            "phone": self.tr("Phone"),
            "ticket_no": self.tr("Ticket no."),
            "station_no": self.tr("Station"),
            "status": self.tr("Status"),
            "value": self.tr("Mark"),
            "note": self.tr("Note"),
            "reason": self.tr("Reason"),
            "device_id": self.tr("Device"),
            "created_at": self.tr("Created"),
            "updated_at": self.tr("Last changed"),
            "version": self.tr("Version"),
            "checkin": self.tr("Check-in"),
            "event": self.tr("Event"),
            "venue": self.tr("Venue"),
            "checked_in_at": self.tr("Checked in at"),
        }
        self.kind_names = {
            sync.CONFLICT_CONTESTANT: self.tr("Personal data differ"),
            sync.CONFLICT_CHECKIN: self.tr("Checked in twice"),
            sync.CONFLICT_SCORE: self.tr("Two values for one mark"),
            sync.CONFLICT_ROW: self.tr("Changed on two devices"),
        }

        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 20, 28, 18)
        lay.setSpacing(8)
        lay.addWidget(heading(self.tr("Conflicts from imported packages"), self))
        lay.addWidget(
            hint(
                self.tr(
                    "When two laptops disagree, kmjudge keeps what this database had and lists "
                    "the difference here. Compare the two versions, choose the right one and "
                    "say why; the choice is recorded in the audit log."
                ),
                self,
            )
        )
        filters = QHBoxLayout()
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("conflictStatus")
        for text, data in (
            (self.tr("Open"), "open"),
            (self.tr("Resolved"), "resolved"),
            (self.tr("All"), ""),
        ):
            self.status_combo.addItem(text, data)
        self.status_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        filters.addWidget(QLabel(self.tr("Show:"), self))
        filters.addWidget(self.status_combo)
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("conflictKind")
        self.kind_combo.addItem(self.tr("every kind"), "")
        for k in sync.CONFLICT_KINDS:
            self.kind_combo.addItem(self.kind_names[k], k)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        filters.addWidget(self.kind_combo)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("conflictsRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        filters.addWidget(self.refresh_button)
        filters.addStretch(1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("conflictCount")
        filters.addWidget(self.count_label)
        self.exchange_button = QPushButton(self.tr("Data exchange…"), self)
        self.exchange_button.clicked.connect(lambda: self.navigate.emit("exchange"))
        filters.addWidget(self.exchange_button)
        lay.addLayout(filters)
        self.banner = MessageBanner(self)
        lay.addWidget(self.banner)

        self.model = RowsModel(
            [
                self.tr("Kind"),
                self.tr("Event"),
                self.tr("About"),
                self.tr("Device here"),
                self.tr("Incoming from"),
                self.tr("Found"),
                self.tr("Resolution"),
            ],
            self,
        )
        self.table = QTableView(self)
        self.table.setObjectName("conflictsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 230)  # two events' names are long: elided, in the tooltip
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._show())

        detail = QFrame(self)
        detail.setObjectName("card")
        dlay = QVBoxLayout(detail)
        dlay.setContentsMargins(16, 12, 16, 12)
        dlay.setSpacing(8)
        self.summary = QLabel(detail)
        self.summary.setObjectName("conflictSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: bold;")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dlay.addWidget(self.summary)
        self.compare_model = RowsModel([self.tr("Field"), "", ""], self)
        self.compare = QTableView(detail)
        self.compare.setObjectName("conflictCompare")
        self.compare.setModel(self.compare_model)
        self.compare.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.compare.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.compare.verticalHeader().hide()
        self.compare.setWordWrap(True)
        ch = self.compare.horizontalHeader()
        ch.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        ch.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        ch.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        dlay.addWidget(self.compare, 1)

        self.resolve_box = QWidget(detail)
        rlay = QVBoxLayout(self.resolve_box)
        rlay.setContentsMargins(0, 0, 0, 0)
        choice = QHBoxLayout()
        self.choice_group = QButtonGroup(self)
        self.keep_radio = QRadioButton(self.resolve_box)
        self.keep_radio.setObjectName("keepLocal")
        self.take_radio = QRadioButton(self.resolve_box)
        self.take_radio.setObjectName("takeIncoming")
        self.choice_group.addButton(self.keep_radio, 0)
        self.choice_group.addButton(self.take_radio, 1)
        self.choice_group.idToggled.connect(lambda _i, _on: self._update_button())
        choice.addWidget(self.keep_radio)
        choice.addWidget(self.take_radio)
        choice.addStretch(1)
        rlay.addLayout(choice)
        note_row = QHBoxLayout()
        self.note = QLineEdit(self.resolve_box)
        self.note.setObjectName("conflictNote")
        self.note.setPlaceholderText(
            self.tr("Why (e.g. checked with the chief judge's paper sheet)")
        )
        self.note.textChanged.connect(lambda _t: self._update_button())
        note_row.addWidget(QLabel(self.tr("Reason:"), self.resolve_box))
        note_row.addWidget(self.note, 1)
        self.resolve_button = QPushButton(self.tr("Resolve"), self.resolve_box)
        self.resolve_button.setObjectName("primary")
        self.resolve_button.clicked.connect(self.resolve)
        note_row.addWidget(self.resolve_button)
        rlay.addLayout(note_row)
        dlay.addWidget(self.resolve_box)
        self.resolved_label = QLabel(detail)
        self.resolved_label.setObjectName("resolvedLabel")
        self.resolved_label.setWordWrap(True)
        self.resolved_label.setStyleSheet("color: #1d6b2c;")
        dlay.addWidget(self.resolved_label)

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(detail)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        lay.addWidget(split, 1)
        if not self.can_resolve:
            lay.addWidget(
                hint(
                    self.tr(
                        "Your account may look at conflicts but not resolve them "
                        "(administrator or city office)."
                    ),
                    self,
                )
            )
        self._show()
        self.refresh()

    # ------------------------------------------------------------------ loading

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.running:
            self.refresh()

    def refresh(self) -> None:
        status = str(self.status_combo.currentData() or "") or None
        kind = str(self.kind_combo.currentData() or "") or None
        self.ctx.worker.run(
            load_conflicts,
            self.ctx.db,
            self.ctx.actor,
            status,
            kind,
            on_success=alive(self, self._fill),
            on_error=alive(self, self._failed),
        )

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self._update_button()
        self.banner.error(self.ctx.error_text(exc))

    def _device(self, value: Any) -> str:
        text = str(value or "")
        return self.device_names.get(text, text[:8])

    def devices_of(self, c: ConflictView) -> tuple[str, str]:
        """The two sides' device names. A check-in conflict names them per check-in (the
        core leaves ``local_device`` empty when one side holds several check-ins)."""

        def from_checkins(data: dict[str, Any]) -> str:
            entries = data.get("checkins") or []
            names = dict.fromkeys(self._device(e.get("device_id")) for e in entries)
            return "、".join(n for n in names if n)

        local = c.local_device or from_checkins(c.local)
        incoming = c.incoming_device or from_checkins(c.incoming)
        return local, incoming

    def events_of(self, c: ConflictView) -> str:
        """The conflict's event; for one person checked in at two venues, both events."""
        if c.event_name:
            return c.event_name
        names: dict[str, None] = {}
        for side in (c.local, c.incoming):
            for e in side.get("checkins") or []:
                if e.get("event"):
                    names[str(e["event"])] = None
        return "、".join(names) or "—"

    def _resolution_text(self, c: ConflictView) -> str:
        if c.status != "resolved":
            return self.tr("open")
        how = (
            self.tr("kept this database's")
            if c.resolution == sync.KEEP_LOCAL
            else self.tr("took the incoming")
        )
        return self.tr("{how} · {who} · {when}").format(
            how=how, who=c.resolved_by, when=local_time(c.resolved_at)
        )

    def _fill(self, loaded: tuple[list[ConflictView], dict[str, str]]) -> None:
        current = self.selected()
        self.conflicts, self.device_names = loaded
        rows = [
            Row(
                [
                    self.kind_names.get(c.kind, c.kind),
                    self.events_of(c),
                    c.subject,
                    *(d or "—" for d in self.devices_of(c)),
                    local_time(c.created_at),
                    self._resolution_text(c),
                ],
                c,
                color=GREEN if c.status == "resolved" else None,
                tooltip="\n".join(
                    (self.events_of(c), c.summary_zh if self.ctx.lang == "zh" else c.summary_en)
                ),
            )
            for c in self.conflicts
        ]
        self.model.set_rows(rows)
        n_open = sum(1 for c in self.conflicts if c.status == "open")
        self.count_label.setText(
            self.tr("{n} listed, {open} open").format(n=len(self.conflicts), open=n_open)
        )
        idx = next((i for i, c in enumerate(self.conflicts) if current and c.id == current.id), 0)
        if self.conflicts:
            self.table.selectRow(idx)
        self._show()

    # ------------------------------------------------------------------ one conflict

    def selected(self) -> ConflictView | None:
        c = self.model.payload(self.table.currentIndex().row())
        return c if isinstance(c, ConflictView) else None

    def select_conflict(self, conflict_id: uuid.UUID) -> bool:
        for i, c in enumerate(self.conflicts):
            if c.id == conflict_id:
                self.table.selectRow(i)
                return True
        return False

    def _fmt(self, column: str, value: Any) -> str:
        if value is None or value == "":
            return "—"
        if column in ("device_id",):
            return self._device(value)
        if column == "status" and self.ctx.lang == "zh":
            return STATUS_ZH.get(str(value), str(value))
        if column.endswith("_at") and isinstance(value, str):
            try:
                when = datetime.fromisoformat(value)
            except ValueError:
                return value
            if when.tzinfo is not None:
                when = when.astimezone(UTC).replace(tzinfo=None)
            return local_time(when, "%Y-%m-%d %H:%M:%S")
        if column == "gender" and self.ctx.lang == "zh":
            return {"M": "男", "F": "女"}.get(str(value), str(value))
        if isinstance(value, bool):
            return self.tr("yes") if value else self.tr("no")
        return str(value)

    def _label(self, column: str) -> str:
        return self.field_names.get(column, column)

    def _compare_rows(self, c: ConflictView) -> list[Row]:
        if c.kind == sync.CONFLICT_CHECKIN:
            return self._checkin_rows(c)
        rows: list[Row] = []
        differing = list(c.fields)
        for col in differing:
            local, incoming = c.local.get(col), c.incoming.get(col)
            lt = self._fmt(col, local) if col in c.local else c.fields[col][0]
            it = self._fmt(col, incoming) if col in c.incoming else c.fields[col][1]
            rows.append(
                Row([self._label(col), lt, it], col, backgrounds={1: HIGHLIGHT, 2: HIGHLIGHT})
            )
        for col in CONTEXT:
            if col in differing or (col not in c.local and col not in c.incoming):
                continue
            lt, it = self._fmt(col, c.local.get(col)), self._fmt(col, c.incoming.get(col))
            rows.append(Row([self._label(col), lt, it], col))
        return rows

    def _checkin_rows(self, c: ConflictView) -> list[Row]:
        def side(data: dict[str, Any], key: str) -> str:
            entries: Iterable[dict[str, Any]] = data.get("checkins") or []
            out = []
            for e in entries:
                v = e.get(key)
                if key == "device_id":
                    out.append(self._device(v))
                elif key == "checked_in_at":
                    out.append(self._fmt("checked_in_at", v))
                else:
                    out.append(str(v or "—"))
            return "\n".join(out) or "—"

        rows = []
        for key in ("event", "venue", "checked_in_at", "device_id"):
            lt, it = side(c.local, key), side(c.incoming, key)
            bg = {1: HIGHLIGHT, 2: HIGHLIGHT} if lt != it else {}
            label = self._label(key)
            rows.append(Row([label, lt, it], key, backgrounds=bg))
        return rows

    def _show(self) -> None:
        c = self.selected()
        self.note.blockSignals(True)
        self.note.clear()
        self.note.blockSignals(False)
        self.choice_group.setExclusive(False)
        self.keep_radio.setChecked(False)
        self.take_radio.setChecked(False)
        self.choice_group.setExclusive(True)
        if c is None:
            self.summary.setText(
                self.tr("No conflicts.") if not self.conflicts else self.tr("Choose a conflict.")
            )
            self.compare_model.set_rows([])
            self.resolve_box.hide()
            self.resolved_label.hide()
            return
        # The core's summary names raw column names: the table below shows them in words.
        self.summary.setText(f"{self.kind_names.get(c.kind, c.kind)}：{c.subject}")
        self.summary.setToolTip(c.summary_zh if self.ctx.lang == "zh" else c.summary_en)
        local_dev, incoming_dev = self.devices_of(c)
        self.compare_model._headers = [
            self.tr("Field"),
            self.tr("This database ({device})").format(device=local_dev)
            if local_dev
            else self.tr("This database"),
            self.tr("Incoming ({device})").format(device=incoming_dev)
            if incoming_dev
            else self.tr("Incoming"),
        ]
        self.compare_model.set_rows(self._compare_rows(c))
        self.compare_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)
        self.compare.resizeRowsToContents()
        if c.kind == sync.CONFLICT_CHECKIN:
            self.keep_radio.setText(
                self.tr("Keep the check-in here ({device}), undo the incoming one").format(
                    device=local_dev or "—"
                )
            )
            self.take_radio.setText(
                self.tr("Keep the incoming check-in ({device}), undo the one here").format(
                    device=incoming_dev or "—"
                )
            )
        else:
            self.keep_radio.setText(
                self.tr("Keep this database's version ({device})").format(device=local_dev)
                if local_dev
                else self.tr("Keep this database's version")
            )
            self.take_radio.setText(
                self.tr("Take the incoming version ({device})").format(device=incoming_dev)
                if incoming_dev
                else self.tr("Take the incoming version")
            )
        if c.status == "resolved":
            self.resolve_box.hide()
            self.resolved_label.setText(
                self.tr("Resolved by {who} on {when}: {how}. Reason: {note}").format(
                    who=c.resolved_by,
                    when=local_time(c.resolved_at),
                    how=self.tr("kept this database's version")
                    if c.resolution == sync.KEEP_LOCAL
                    else self.tr("took the incoming version"),
                    note=c.note or "—",
                )
            )
            self.resolved_label.show()
        else:
            self.resolved_label.hide()
            self.resolve_box.setVisible(self.can_resolve)
        self._update_button()

    def _update_button(self) -> None:
        c = self.selected()
        ok = (
            c is not None
            and c.status == "open"
            and self.can_resolve
            and not self.running
            and self.choice_group.checkedId() >= 0
            and bool(self.note.text().strip())
        )
        self.resolve_button.setEnabled(ok)
        if c is not None and c.status == "open" and not self.note.text().strip():
            self.resolve_button.setToolTip(self.tr("Choose a version and give the reason."))
        else:
            self.resolve_button.setToolTip("")

    def resolve(self) -> None:
        c = self.selected()
        if c is None or self.choice_group.checkedId() < 0 or not self.note.text().strip():
            self.banner.error(self.tr("Choose a version and give the reason."))
            return
        resolution = sync.KEEP_LOCAL if self.keep_radio.isChecked() else sync.TAKE_INCOMING
        self.running = True
        self._update_button()
        self.ctx.worker.run(
            sync.resolve_conflict,
            self.ctx.db,
            self.ctx.actor,
            c.id,
            resolution,
            self.note.text().strip(),
            on_success=alive(self, self._resolved),
            on_error=alive(self, self._failed),
            progress=(self, self.tr("Saving…")),
        )

    def _resolved(self, c: ConflictView) -> None:
        self.running = False
        self.banner.success(
            self.tr("Resolved: {subject}. {n} left open.").format(
                subject=c.subject,
                n=sum(1 for x in self.conflicts if x.status == "open" and x.id != c.id),
            )
        )
        if c.event_id is not None:
            self.ctx.bus.registrations_changed.emit(c.event_id)
        self.refresh()

    # ------------------------------------------------------------------ for tests

    def compare_texts(self) -> list[list[str]]:
        return [list(r.cells) for r in self.compare_model.rows]

    def highlighted_fields(self) -> list[str]:
        return [str(r.payload) for r in self.compare_model.rows if r.backgrounds]


__all__ = ["ConflictsPage", "load_conflicts"]
