"""Accounts (admin): the list of users, adding one, resetting a PIN."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kmjudge import accounts
from kmjudge.accounts import Role, UserInfo
from ui.context import AppContext
from ui.widgets import MessageBanner, alive, heading, hint, pin_field, role_name, roles_text

_Index = QModelIndex | QPersistentModelIndex


class UsersModel(QAbstractTableModel):
    """Rows are ``accounts.UserInfo`` objects, as the core returns them."""

    COLUMNS = ("username", "display_name", "roles", "employer", "state")

    def __init__(self, lang: str = "zh", parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.rows: list[UserInfo] = []
        self._headers = (
            self.tr("Username"),
            self.tr("Name"),
            self.tr("Roles"),
            self.tr("Employer"),
            self.tr("Status"),
        )

    def set_rows(self, rows: list[UserInfo]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def state_text(self, u: UserInfo) -> str:
        if not u.active:
            return self.tr("Disabled")
        if u.locked:
            return self.tr("Locked")
        return self.tr("Active")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        u = self.rows[index.row()]
        col = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == "roles":
                return roles_text(u.roles, self.lang)
            if col == "state":
                return self.state_text(u)
            return getattr(u, col)
        if role == Qt.ItemDataRole.ForegroundRole and col == "state" and (u.locked or not u.active):
            return QColor("#a61b1b")
        if role == Qt.ItemDataRole.UserRole:
            return u
        return None

    def user_at(self, row: int) -> UserInfo | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None


class AddUserForm(QFrame):
    submitted = Signal(dict)

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(18, 14, 18, 14)
        lay.setSpacing(10)
        lay.addWidget(heading(self.tr("Add an account"), self, 2))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.username = QLineEdit(self)
        self.username.setObjectName("addUsername")
        self.username.setPlaceholderText(self.tr("letters or digits, e.g. judge6"))
        self.display_name = QLineEdit(self)
        self.display_name.setObjectName("addDisplayName")
        self.employer = QLineEdit(self)
        self.employer.setObjectName("addEmployer")
        self.employer.setPlaceholderText(self.tr("for judges: to spot conflicts of interest"))
        self.pin = pin_field(self, "addPin")
        self.pin2 = pin_field(self, "addPin2")
        form.addRow(self.tr("Username"), self.username)
        form.addRow(self.tr("Name"), self.display_name)
        roles_box = QWidget(self)
        grid = QGridLayout(roles_box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.role_boxes: dict[Role, QCheckBox] = {}
        for i, role in enumerate(Role):
            box = QCheckBox(role_name(role, lang), roles_box)
            box.setObjectName(f"role_{role.value}")
            self.role_boxes[role] = box
            grid.addWidget(box, i // 2, i % 2)
        form.addRow(self.tr("Roles"), roles_box)
        form.addRow(self.tr("Employer"), self.employer)
        form.addRow(self.tr("PIN"), self.pin)
        form.addRow(self.tr("PIN again"), self.pin2)
        lay.addLayout(form)
        self.banner = MessageBanner(self)
        lay.addWidget(self.banner)
        self.button = QPushButton(self.tr("Add account"), self)
        self.button.setObjectName("primary")
        self.button.clicked.connect(self._submit)
        lay.addWidget(self.button, 0, Qt.AlignmentFlag.AlignRight)

    def _submit(self) -> None:
        if self.pin.text() != self.pin2.text():
            self.banner.error(self.tr("The two PINs differ. Type the same PIN twice."))
            self.pin2.clear()
            self.pin2.setFocus()
            return
        self.banner.clear()
        self.submitted.emit(
            {
                "username": self.username.text(),
                "display_name": self.display_name.text(),
                "roles": [r.value for r, box in self.role_boxes.items() if box.isChecked()],
                "employer": self.employer.text(),
                "secret": self.pin.text(),
            }
        )

    def reset(self) -> None:
        for field in (self.username, self.display_name, self.employer, self.pin, self.pin2):
            field.clear()
        for box in self.role_boxes.values():
            box.setChecked(False)


class ResetPinDialog(QDialog):
    """A new PIN, typed twice. Stays open with the core's message if it is refused."""

    submitted = Signal(str)

    def __init__(self, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user = user
        self.setWindowTitle(self.tr("Reset PIN"))
        self.setMinimumWidth(420)
        lay = QVBoxLayout(self)
        lay.addWidget(
            hint(
                self.tr("New PIN for {name} ({username}). Resetting also lifts a lockout.").format(
                    name=user.display_name, username=user.username
                ),
                self,
            )
        )
        form = QFormLayout()
        self.pin = pin_field(self, "resetPin")
        self.pin2 = pin_field(self, "resetPin2")
        form.addRow(self.tr("New PIN"), self.pin)
        form.addRow(self.tr("PIN again"), self.pin2)
        lay.addLayout(form)
        self.banner = MessageBanner(self)
        lay.addWidget(self.banner)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)

    def _submit(self) -> None:
        if self.pin.text() != self.pin2.text():
            self.banner.error(self.tr("The two PINs differ. Type the same PIN twice."))
            return
        self.buttons.setEnabled(False)
        self.submitted.emit(self.pin.text())

    def reject(self) -> None:
        if not self.buttons.isEnabled():  # a reset is running; its result needs this dialog
            return
        super().reject()

    def refused(self, message: str) -> None:
        self.buttons.setEnabled(True)
        self.banner.error(message)
        self.pin.setFocus()


class UsersPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("page")
        self.reset_dialog: ResetPinDialog | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 22, 28, 22)
        lay.setSpacing(12)
        lay.addWidget(heading(self.tr("Accounts"), self))
        lay.addWidget(
            hint(
                self.tr(
                    "Everyone who uses this computer signs in with their own account. "
                    "Roles decide what each person may do."
                ),
                self,
            )
        )
        self.banner = MessageBanner(self)
        lay.addWidget(self.banner)
        body = QHBoxLayout()
        body.setSpacing(16)
        left = QVBoxLayout()
        self.model = UsersModel(ctx.lang, self)
        self.table = QTableView(self)
        self.table.setObjectName("usersTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.reset_pin())
        left.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.reset_button = QPushButton(self.tr("Reset PIN…"), self)
        self.reset_button.setObjectName("resetPin")
        self.reset_button.clicked.connect(self.reset_pin)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        left.addLayout(buttons)
        body.addLayout(left, 1)
        self.form = AddUserForm(ctx.lang, self)
        self.form.setFixedWidth(400)
        self.form.submitted.connect(self.add_user)
        body.addWidget(self.form, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(body, 1)
        self.refresh()

    def refresh(self) -> None:
        self.ctx.worker.run(
            accounts.list_users,
            self.ctx.db,
            self.ctx.actor,
            on_success=alive(self, self.model.set_rows),
            on_error=alive(self, lambda exc: self.banner.error(self.ctx.error_text(exc))),
        )

    def selected_user(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.user_at(rows[0].row()) if rows else None

    def add_user(self, values: dict[str, Any]) -> None:
        self.form.button.setEnabled(False)
        self.ctx.worker.run(
            accounts.create_user,
            self.ctx.db,
            self.ctx.actor,
            values["username"],
            values["display_name"],
            values["roles"],
            values["secret"],
            values["employer"],
            on_success=alive(self, self._added),
            on_error=alive(self, self._add_failed),
        )

    def _added(self, user: UserInfo) -> None:
        self.form.button.setEnabled(True)
        self.form.reset()
        self.form.banner.success(
            self.tr("Added {name} ({username}) as {roles}.").format(
                name=user.display_name,
                username=user.username,
                roles=roles_text(user.roles, self.ctx.lang),
            )
        )
        self.refresh()

    def _add_failed(self, exc: BaseException) -> None:
        self.form.button.setEnabled(True)
        self.form.banner.error(self.ctx.error_text(exc))

    def reset_pin(self) -> None:
        user = self.selected_user()
        if user is None:
            self.banner.info(self.tr("Select an account in the list first."))
            return
        self.banner.clear()
        dialog = ResetPinDialog(user, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(lambda pin: self._do_reset(dialog, pin))
        self.reset_dialog = dialog
        dialog.open()

    def _do_reset(self, dialog: ResetPinDialog, pin: str) -> None:
        user = dialog.user

        def done(_result: object) -> None:
            dialog.accept()
            self.reset_dialog = None
            self.banner.success(
                self.tr("The PIN of {name} was reset.").format(name=user.display_name)
            )
            self.refresh()

        self.ctx.worker.run(
            accounts.set_secret,
            self.ctx.db,
            self.ctx.actor,
            user.username,
            pin,
            on_success=alive(dialog, done),
            on_error=alive(dialog, lambda exc: dialog.refused(self.ctx.error_text(exc))),
        )
