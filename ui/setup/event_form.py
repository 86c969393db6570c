"""场次设置: the editable settings of one event.

Saving sends only the fields that changed to ``events.update_event``; the core decides what is
acceptable (weights adding up to 100, a locked event) and its message is shown under the form.
The weights' sum is shown live so nobody has to add 30 and 70 in their head at 7 a.m.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kmjudge import events
from kmjudge.accounts import Perm
from kmjudge.events import LEVEL_ZH, EventDetail
from kmjudge.scheme import decimal_text
from kmjudge.setupfile import KUNMING_DISTRICTS
from ui.context import AppContext
from ui.registration.models import guarded
from ui.widgets import MessageBanner, hint

LEVEL_EN = {
    "city": "City",
    "district": "District",
    "county": "County",
    "park": "Park",
    "industry": "Industry",
}
OK_COLOR = "#1d6b2c"
BAD_COLOR = "#c0392b"
DATETIME_FORMAT = "yyyy-MM-dd HH:mm"


def _dec(value: float) -> Decimal:
    """A spin box value as the Decimal the core stores (one decimal place at most)."""
    return Decimal(str(round(value, 1))).normalize() + Decimal(0)


def _same(a: Decimal | None, b: Decimal) -> bool:
    return a is not None and Decimal(a) == b


class EventForm(QWidget):
    """Name, place, organiser, dates, weights, pass mark and panel size of one event."""

    saved = Signal(object)  # event id

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: EventDetail | None = None
        self.busy = False
        self.setObjectName("eventForm")

        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 12, 12, 8)
        lay.setSpacing(10)
        self.facts = hint("", self)
        self.facts.setObjectName("eventFacts")
        lay.addWidget(self.facts)

        cols = QHBoxLayout()
        cols.setSpacing(32)
        left = QFormLayout()
        left.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        left.setVerticalSpacing(8)
        left.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        right = QFormLayout()
        right.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        right.setVerticalSpacing(8)

        self.name = QLineEdit(self)
        self.name.setObjectName("eventName")
        self.name.setMaxLength(200)
        self.venue = QLineEdit(self)
        self.venue.setObjectName("eventVenue")
        self.organiser = QLineEdit(self)
        self.organiser.setObjectName("eventOrganiser")
        self.district = QComboBox(self)
        self.district.setObjectName("eventDistrict")
        self.district.setEditable(True)
        self.district.addItem("")
        self.district.addItems(list(KUNMING_DISTRICTS))
        self.district.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.start = self._datetime_edit("eventStart")
        self.end = self._datetime_edit("eventEnd")
        left.addRow(self.tr("Event name"), self.name)
        left.addRow(self.tr("Venue"), self.venue)
        left.addRow(self.tr("Organiser"), self.organiser)
        left.addRow(self.tr("District"), self.district)
        left.addRow(self.tr("Starts"), self.start)
        left.addRow(self.tr("Ends"), self.end)

        self.theory = self._percent("theoryWeight")
        self.practical = self._percent("practicalWeight")
        self.weights_sum = QLabel(self)
        self.weights_sum.setObjectName("weightsSum")
        self.pass_mark = QDoubleSpinBox(self)
        self.pass_mark.setObjectName("passMark")
        self.pass_mark.setRange(0, 100)
        self.pass_mark.setDecimals(1)
        self.pass_mark.setSuffix(self.tr(" marks"))
        self.judges = QSpinBox(self)
        self.judges.setObjectName("judgesPerPanel")
        self.judges.setRange(1, 99)
        self.judges.setSuffix(self.tr(" judges"))
        for spin in (self.theory, self.practical, self.pass_mark, self.judges):
            spin.setMinimumWidth(120)
            spin.setMaximumWidth(170)
            spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.UpDownArrows)
        right.addRow(self.tr("Theory weight"), self.theory)
        right.addRow(self.tr("Practical weight"), self.practical)
        right.addRow("", self.weights_sum)
        right.addRow(self.tr("Pass mark"), self.pass_mark)
        right.addRow(self.tr("Judges per panel"), self.judges)
        cols.addLayout(left, 3)
        cols.addLayout(right, 2)
        lay.addLayout(cols)

        self.banner = MessageBanner(self)
        lay.addWidget(self.banner)

        buttons = QHBoxLayout()
        self.locked_hint = hint("", self)
        buttons.addWidget(self.locked_hint, 1)
        self.revert_button = QPushButton(self.tr("Undo changes"), self)
        self.revert_button.setObjectName("revertButton")
        self.revert_button.clicked.connect(self.revert)
        buttons.addWidget(self.revert_button)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        lay.addLayout(buttons)
        lay.addStretch(1)

        self.theory.valueChanged.connect(self._update_sum)
        self.practical.valueChanged.connect(self._update_sum)
        self._can_edit = ctx.actor.can(Perm.SETUP_EVENTS)
        self.set_event(None)

    def _datetime_edit(self, name: str) -> QDateTimeEdit:
        edit = QDateTimeEdit(self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(DATETIME_FORMAT)
        edit.setMinimumWidth(180)
        return edit

    def _percent(self, name: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self)
        spin.setObjectName(name)
        spin.setRange(0, 100)
        spin.setDecimals(1)
        spin.setSuffix(" %")
        return spin

    # ------------------------------------------------------------------ content

    @property
    def event_id(self) -> uuid.UUID | None:
        return self.detail.summary.id if self.detail else None

    def set_event(self, detail: EventDetail | None) -> None:
        if detail is None or self.detail is None or detail.summary.id != self.detail.summary.id:
            self.banner.clear()
        self.detail = detail
        self.revert()

    def revert(self) -> None:
        """Show the stored values again (discarding unsaved edits)."""
        d = self.detail
        editable = d is not None and self._can_edit and d.summary.status not in ("locked",)
        for w in self._inputs():
            w.setEnabled(editable)
        self.save_button.setEnabled(editable)
        self.revert_button.setEnabled(editable)
        if d is None:
            self.facts.setText("")
            self.locked_hint.setText("")
            for edit in (self.name, self.venue, self.organiser):
                edit.clear()
            self.district.setCurrentText("")
            self._update_sum()
            return
        s = d.summary
        level = (LEVEL_ZH if self.ctx.lang == "zh" else LEVEL_EN).get(s.level, s.level)
        trade = s.trade + (f"（{d.trade_grade}）" if d.trade_grade else "")
        self.facts.setText(
            self.tr("{competition} · {year} · trade: {trade} · level: {level}").format(
                competition=s.competition, year=s.year, trade=trade, level=level
            )
        )
        self.name.setText(s.name)
        self.venue.setText(s.venue)
        self.organiser.setText(d.organiser)
        self.district.setCurrentText(s.district)
        self._set_dt(self.start, s.start_at)
        self._set_dt(self.end, d.end_at)
        self.theory.setValue(float(d.theory_weight))
        self.practical.setValue(float(d.practical_weight))
        self.pass_mark.setValue(float(d.pass_mark))
        self.judges.setValue(d.judges_per_panel)
        self._update_sum()
        if s.status == "locked":
            self.locked_hint.setText(self.tr("This event is locked; its settings cannot change."))
        elif not self._can_edit:
            self.locked_hint.setText(self.tr("Only an administrator can change these settings."))
        else:
            self.locked_hint.setText("")

    def _inputs(self) -> list[QWidget]:
        return [
            self.name,
            self.venue,
            self.organiser,
            self.district,
            self.start,
            self.end,
            self.theory,
            self.practical,
            self.pass_mark,
            self.judges,
        ]

    @staticmethod
    def _set_dt(edit: QDateTimeEdit, value: datetime | None) -> None:
        edit.setDateTime(QDateTime(value) if value else QDateTime.currentDateTime())

    @staticmethod
    def _get_dt(edit: QDateTimeEdit) -> datetime:
        value = edit.dateTime().toPython()
        assert isinstance(value, datetime)
        return value.replace(second=0, microsecond=0)

    def weights_total(self) -> Decimal:
        return _dec(self.theory.value()) + _dec(self.practical.value())

    def _update_sum(self) -> None:
        total = self.weights_total()
        ok = total == 100
        text = decimal_text(total)
        if ok:
            self.weights_sum.setText(self.tr("Total {total}%").format(total=text))
        else:
            self.weights_sum.setText(self.tr("Total {total}% (must be 100%)").format(total=text))
        self.weights_sum.setProperty("ok", ok)
        self.weights_sum.setStyleSheet(
            f"color: {OK_COLOR if ok else BAD_COLOR}; font-weight: bold;"
        )

    @property
    def weights_ok(self) -> bool:
        return self.weights_total() == 100

    def changes(self) -> dict[str, Any]:
        """The fields whose value differs from what is stored."""
        d = self.detail
        if d is None:
            return {}
        s = d.summary
        out: dict[str, Any] = {}
        for key, new, old in (
            ("name", self.name.text().strip(), s.name),
            ("venue", self.venue.text().strip(), s.venue),
            ("organiser", self.organiser.text().strip(), d.organiser),
            ("district", self.district.currentText().strip(), s.district),
        ):
            if new != old:
                out[key] = new
        for key, edit, old_dt in (
            ("start_at", self.start, s.start_at),
            ("end_at", self.end, d.end_at),
        ):
            new_dt = self._get_dt(edit)
            if old_dt is None or new_dt != old_dt.replace(second=0, microsecond=0):
                out[key] = new_dt
        for key, spin, old_dec in (
            ("theory_weight", self.theory, d.theory_weight),
            ("practical_weight", self.practical, d.practical_weight),
            ("pass_mark", self.pass_mark, d.pass_mark),
        ):
            value = _dec(spin.value())
            if not _same(old_dec, value):
                out[key] = value
        if self.judges.value() != d.judges_per_panel:
            out["judges_per_panel"] = self.judges.value()
        return out

    # ------------------------------------------------------------------ save

    def save(self) -> None:
        d = self.detail
        if d is None or self.busy:
            return
        self.banner.clear()
        changes = self.changes()
        if not changes:
            self.banner.info(self.tr("Nothing has changed."))
            return
        if "name" in changes and not changes["name"]:
            self.banner.error(self.tr("The event needs a name."))
            self.name.setFocus()
            return
        if self._get_dt(self.end) < self._get_dt(self.start):
            self.banner.error(self.tr("The end time is before the start time."))
            self.end.setFocus()
            return
        self.busy = True
        self.save_button.setEnabled(False)
        event_id = d.summary.id
        bus = self.ctx.bus
        self.ctx.worker.run(
            events.update_event,
            self.ctx.db,
            self.ctx.actor,
            event_id,
            **guarded(
                self,
                lambda _r: self._saved(event_id),
                self._save_failed,
                announce=bus.events_changed.emit,
            ),
            **changes,
        )

    def _saved(self, event_id: uuid.UUID) -> None:
        self.busy = False
        self.save_button.setEnabled(True)
        self.banner.success(self.tr("Settings saved."))
        self.saved.emit(event_id)  # events_changed has been emitted already

    def _save_failed(self, exc: BaseException) -> None:
        self.busy = False
        self.save_button.setEnabled(True)
        self.banner.error(self.tr("Not saved: {error}").format(error=self.ctx.error_text(exc)))
