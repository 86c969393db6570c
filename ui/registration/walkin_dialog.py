"""现场报名: register one contestant at the desk.

Every check is the core's ``check_walkin``; this dialog runs it as the registrar types and shows
each problem under its field in red. A field's problems appear once it has been left (or, for the
ID number, once 18 characters are in), so nobody is scolded for a name they have not typed yet.
A valid ID number immediately shows the gender and birth date it encodes. Enter submits.
"""

from __future__ import annotations

import datetime
import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kmjudge.errors import Issue, KmError
from kmjudge.registration import service as registration
from kmjudge.registration.idcard import IdCardError, age_on, normalize_id_text, parse_id_number
from kmjudge.registration.service import RegistrationView, WalkIn, check_walkin
from kmjudge.setupfile import KUNMING_DISTRICTS
from ui.context import AppContext
from ui.registration.models import guarded
from ui.widgets import MessageBanner, heading, hint

WALKIN_STYLE = """
QLabel#fieldError { color: #c0392b; }
QLabel#idInfo { color: #1d6b2c; }
QLineEdit[invalid="true"], QComboBox[invalid="true"] { border: 1px solid #d9534f; }
QLabel#ticketNumber { font-size: 30pt; font-weight: bold; color: #1d5fa7; }
QLabel#doneTitle { font-size: 14pt; font-weight: bold; color: #1d6b2c; }
"""

#: check_walkin names each field in ``Issue.where``; these are the keys of our fields.
_WHERE_TO_FIELD = {"姓名": "name", "身份证号码": "id_number", "性别": "gender", "联系电话": "phone"}


class WalkInDialog(QDialog):
    """The walk-in form; ``registered`` carries the new registration after a success."""

    registered = Signal(object)  # RegistrationView

    def __init__(self, ctx: AppContext, event_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.event_id = event_id
        self.busy = False
        self.result_view: RegistrationView | None = None
        self.touched: set[str] = set()
        self.setObjectName("walkinDialog")
        self.setWindowTitle(self.tr("Walk-in entry"))
        self.setStyleSheet(WALKIN_STYLE)
        self.setMinimumWidth(560)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(22, 18, 22, 16)
        lay.setSpacing(10)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._build_form())
        self.stack.addWidget(self._build_done())
        lay.addWidget(self.stack)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setObjectName("closeButton")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.close_button)
        self.another_button = QPushButton(self.tr("Register another"), self)
        self.another_button.setObjectName("primary")
        self.another_button.clicked.connect(self.reset)
        buttons.addWidget(self.another_button)
        self.submit_button = QPushButton(self.tr("Register"), self)
        self.submit_button.setObjectName("primary")
        self.submit_button.clicked.connect(self.submit)
        buttons.addWidget(self.submit_button)
        lay.addLayout(buttons)
        self._show_form()

    # ------------------------------------------------------------------ layout

    def _build_form(self) -> QWidget:
        page = QWidget(self)
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(8)
        lay.addWidget(heading(self.tr("Walk-in entry"), page, level=2))
        lay.addWidget(
            hint(
                self.tr(
                    "Check the ID card and type the 18-character number; gender and birth date "
                    "are read from it. Fields marked * are required."
                ),
                page,
            )
        )
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(4)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.name = QLineEdit(page)
        self.name.setObjectName("nameField")
        self.name.setMaxLength(40)
        self.id_number = QLineEdit(page)
        self.id_number.setObjectName("idField")
        self.id_number.setMaxLength(24)
        self.id_number.setPlaceholderText(self.tr("18 characters, the last may be X"))
        # An ID number is digits: keep the Chinese input method out of this field.
        self.id_number.setInputMethodHints(
            Qt.InputMethodHint.ImhPreferNumbers | Qt.InputMethodHint.ImhNoPredictiveText
        )
        self.gender = QComboBox(page)
        self.gender.setObjectName("genderField")
        self.gender.addItem(self.tr("Read from the ID number"), "")
        self.gender.addItem(self.tr("Male"), "M")
        self.gender.addItem(self.tr("Female"), "F")
        self.phone = QLineEdit(page)
        self.phone.setObjectName("phoneField")
        self.phone.setMaxLength(20)
        self.phone.setPlaceholderText(self.tr("Mobile (11 digits) or landline"))
        self.employer = QLineEdit(page)
        self.employer.setObjectName("employerField")
        self.employer.setMaxLength(100)
        self.district = QComboBox(page)
        self.district.setObjectName("districtField")
        self.district.setEditable(True)
        self.district.addItem("")
        self.district.addItems(list(KUNMING_DISTRICTS))
        self.district.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.remarks = QLineEdit(page)
        self.remarks.setObjectName("remarksField")
        self.remarks.setMaxLength(200)

        self.errors: dict[str, QLabel] = {}
        self.inputs: dict[str, QWidget] = {
            "name": self.name,
            "id_number": self.id_number,
            "gender": self.gender,
            "phone": self.phone,
        }
        self.id_info = QLabel(page)
        self.id_info.setObjectName("idInfo")
        rows: list[tuple[str, QWidget, str | None]] = [
            (self.tr("Name *"), self.name, "name"),
            (self.tr("ID number *"), self.id_number, "id_number"),
            (self.tr("Gender"), self.gender, "gender"),
            (self.tr("Phone"), self.phone, "phone"),
            (self.tr("Employer"), self.employer, None),
            (self.tr("District"), self.district, None),
            (self.tr("Remarks"), self.remarks, None),
        ]
        for caption, widget, key in rows:
            box = QWidget(page)
            col = QVBoxLayout(box)
            col.setContentsMargins(0, 0, 0, 4)
            col.setSpacing(2)
            col.addWidget(widget)
            if key == "id_number":
                col.addWidget(self.id_info)
            if key is not None:
                err = QLabel(box)
                err.setObjectName("fieldError")
                err.setWordWrap(True)
                err.hide()
                col.addWidget(err)
                self.errors[key] = err
            label = QLabel(caption, page)
            label.setBuddy(widget)
            form.addRow(label, box)
        lay.addLayout(form)
        self.banner = MessageBanner(page)
        lay.addWidget(self.banner)

        for key, edit in (
            ("name", self.name),
            ("id_number", self.id_number),
            ("phone", self.phone),
        ):
            edit.textChanged.connect(self._revalidate)
            edit.editingFinished.connect(lambda k=key: self._touch(k))
        self.gender.currentIndexChanged.connect(lambda _i: self._touch("gender"))
        return page

    def _build_done(self) -> QWidget:
        page = QWidget(self)
        lay = QVBoxLayout(page)
        lay.setContentsMargins(8, 16, 8, 16)
        lay.setSpacing(10)
        self.done_title = QLabel(page)
        self.done_title.setObjectName("doneTitle")
        self.done_title.setWordWrap(True)
        lay.addWidget(self.done_title)
        caption = QLabel(self.tr("Ticket number"), page)
        caption.setObjectName("hint")
        lay.addWidget(caption)
        self.ticket_label = QLabel(page)
        self.ticket_label.setObjectName("ticketNumber")
        self.ticket_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.ticket_label)
        self.done_hint = hint(
            self.tr("Tell the contestant this number; the admission ticket can be printed now."),
            page,
        )
        lay.addWidget(self.done_hint)
        lay.addStretch(1)
        return page

    def _show_form(self) -> None:
        self.stack.setCurrentIndex(0)
        self.submit_button.show()
        self.another_button.hide()
        self.submit_button.setDefault(True)
        self.name.setFocus()

    # ------------------------------------------------------------------ validation

    def walkin(self) -> WalkIn:
        return WalkIn(
            name=self.name.text(),
            id_number=self.id_number.text(),
            phone=self.phone.text(),
            employer=self.employer.text(),
            district=self.district.currentText(),
            gender=str(self.gender.currentData() or ""),
            remarks=self.remarks.text(),
        )

    def _touch(self, key: str) -> None:
        self.touched.add(key)
        self._revalidate()

    def _revalidate(self) -> list[Issue]:
        """Run the core's checks on the form and show the problems of the touched fields."""
        self._show_id_info()
        if len(normalize_id_safe(self.id_number.text())) >= 18:
            self.touched.add("id_number")
        issues = check_walkin(self.walkin())
        by_field: dict[str, list[str]] = {}
        general: list[str] = []
        for issue in issues:
            text = issue.message_zh if self.ctx.lang == "zh" else issue.message_en
            key = _WHERE_TO_FIELD.get(issue.where)
            if key is None:
                general.append(text)
            else:
                by_field.setdefault(key, []).append(text)
        for key, label in self.errors.items():
            texts = by_field.get(key, []) if key in self.touched else []
            label.setText("\n".join(texts))
            label.setVisible(bool(texts))
            widget = self.inputs[key]
            widget.setProperty("invalid", "true" if texts else "false")
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        if general and self.touched >= set(self.errors):
            self.banner.error("\n".join(general))
        return issues

    def _show_id_info(self) -> None:
        try:
            info = parse_id_number(self.id_number.text())
        except IdCardError:
            self.id_info.clear()
            self.id_info.hide()
            return
        gender = self.tr("Male") if info.gender == "M" else self.tr("Female")
        self.id_info.setText(
            self.tr("✓ {gender} · born {birth} · {age} years old").format(
                gender=gender,
                birth=info.birth_date.isoformat(),
                age=age_on(info.birth_date, datetime.date.today()),
            )
        )
        self.id_info.show()

    def error_text(self, key: str) -> str:
        """The inline error shown under a field ('' when none)."""
        label = self.errors[key]
        return "" if label.isHidden() else label.text()

    # ------------------------------------------------------------------ submit

    def submit(self) -> None:
        if self.busy or self.stack.currentIndex() != 0:
            return
        self.banner.clear()
        self.touched.update(self.errors)
        issues = self._revalidate()
        if issues:
            first = _WHERE_TO_FIELD.get(issues[0].where)
            if first in self.inputs:
                self.inputs[first].setFocus()
            return
        self.busy = True
        self.submit_button.setEnabled(False)
        bus, event_id = self.ctx.bus, self.event_id
        self.ctx.worker.run(
            registration.add_walkin,
            self.ctx.db,
            self.ctx.actor,
            self.event_id,
            self.walkin(),
            **guarded(
                self,
                self._added,
                self._failed,
                announce=lambda: bus.registrations_changed.emit(event_id),
            ),
            progress=(self, self.tr("Registering…")),
        )

    def _added(self, view: RegistrationView) -> None:
        self.busy = False
        self.submit_button.setEnabled(True)
        self.result_view = view
        self.done_title.setText(self.tr("✓  {name} is registered").format(name=view.name))
        self.ticket_label.setText(view.ticket_no)
        self.stack.setCurrentIndex(1)
        self.submit_button.hide()
        self.another_button.show()
        self.another_button.setDefault(True)
        self.another_button.setFocus()
        self.registered.emit(view)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.submit_button.setEnabled(True)
        self.banner.error(self.ctx.error_text(exc))
        if isinstance(exc, KmError) and exc.code in ("duplicate", "name_mismatch"):
            self.id_number.setFocus()

    def reset(self) -> None:
        """Clear the form for the next person."""
        for edit in (self.name, self.id_number, self.phone, self.employer, self.remarks):
            edit.clear()
        self.gender.setCurrentIndex(0)
        self.district.setCurrentIndex(0)
        self.touched.clear()
        self.banner.clear()
        self._revalidate()
        self.result_view = None
        self._show_form()

    def reject(self) -> None:
        if self.busy:
            return
        super().reject()


def normalize_id_safe(text: str) -> str:
    """The bare characters of what was typed into the ID field (never raises)."""
    try:
        return normalize_id_text(text)
    except IdCardError:
        return text
