"""Signing in: the first-run administrator form, then a list of users and a PIN field.

Every check (PIN rules, wrong PIN, lockout) is the core's; this screen only shows its
messages inline. Hashing a PIN takes a noticeable moment (scrypt), so it runs on the
worker and the button is disabled meanwhile.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kmjudge import accounts
from kmjudge.accounts import Actor
from kmjudge.db.engine import Database
from ui import i18n
from ui.widgets import MessageBanner, alive, error_text, heading, hint, pin_field
from ui.worker import Worker

LAST_USER_KEY = "login/last_user"
DEMO_PIN = "2580"


class FirstAdminForm(QWidget):
    """First run: nobody exists yet, so the person at the keyboard creates the administrator."""

    submitted = Signal(str, str, str)  # username, display name, PIN

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(10)
        lay.addWidget(heading(self.tr("First use: create the administrator"), self, level=2))
        lay.addWidget(
            hint(
                self.tr(
                    "This account sets up competitions, imports registrations and creates the "
                    "other accounts. Keep its PIN safe."
                ),
                self,
            )
        )
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setVerticalSpacing(8)
        self.username = QLineEdit("admin", self)
        self.username.setObjectName("newUsername")
        self.display_name = QLineEdit(self)
        self.display_name.setObjectName("newDisplayName")
        self.display_name.setPlaceholderText(self.tr("e.g. Zhang San"))
        self.pin = pin_field(self, "newPin")
        self.pin.setPlaceholderText(self.tr("at least 4 digits or letters"))
        self.pin2 = pin_field(self, "newPin2")
        form.addRow(self.tr("Username"), self.username)
        form.addRow(self.tr("Display name"), self.display_name)
        form.addRow(self.tr("PIN"), self.pin)
        form.addRow(self.tr("PIN again"), self.pin2)
        lay.addLayout(form)
        self.banner = MessageBanner(self)
        lay.addWidget(self.banner)
        self.button = QPushButton(self.tr("Create administrator and sign in"), self)
        self.button.setObjectName("primary")
        self.button.setDefault(True)
        self.button.clicked.connect(self._submit)
        lay.addWidget(self.button)
        for field in (self.username, self.display_name, self.pin, self.pin2):
            field.returnPressed.connect(self._submit)

    def _submit(self) -> None:
        if not self.button.isEnabled():
            return
        if self.pin.text() != self.pin2.text():
            self.banner.error(self.tr("The two PINs differ. Type the same PIN twice."))
            self.pin2.clear()
            self.pin2.setFocus()
            return
        self.banner.clear()
        self.submitted.emit(self.username.text(), self.display_name.text(), self.pin.text())


class SignInForm(QWidget):
    """Choose who you are, type the PIN, press Enter."""

    submitted = Signal(str, str)  # username, PIN

    def __init__(self, parent: QWidget | None = None, *, demo: bool = False) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(10)
        lay.addWidget(heading(self.tr("Sign in"), self, level=2))
        lay.addWidget(QLabel(self.tr("Who are you?"), self))
        self.users = QListWidget(self)
        self.users.setObjectName("users")
        self.users.setMinimumHeight(180)
        self.users.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.users.itemActivated.connect(lambda _item: self.pin.setFocus())
        self.users.itemClicked.connect(lambda _item: self.pin.setFocus())
        lay.addWidget(self.users, 1)
        row = QHBoxLayout()
        pin_label = QLabel(self.tr("PIN"), self)
        self.pin = pin_field(self, "pin")
        self.pin.setPlaceholderText(self.tr("type your PIN and press Enter"))
        pin_label.setBuddy(self.pin)
        row.addWidget(pin_label)
        row.addWidget(self.pin, 1)
        lay.addLayout(row)
        self.banner = MessageBanner(self)
        lay.addWidget(self.banner)
        self.button = QPushButton(self.tr("Sign in"), self)
        self.button.setObjectName("primary")
        self.button.setDefault(True)
        self.button.clicked.connect(self._submit)
        self.pin.returnPressed.connect(self._submit)
        lay.addWidget(self.button)
        self.demo_hint = hint(self.tr("Every demo account's PIN is 2580."), self)
        self.demo_hint.setObjectName("demoHint")
        self.demo_hint.setVisible(demo)
        lay.addWidget(self.demo_hint)

    def set_users(self, names: list[tuple[str, str]], select: str | None) -> None:
        self.users.clear()
        current = 0
        for i, (username, display) in enumerate(names):
            text = display if display == username else f"{display}（{username}）"
            item = QListWidgetItem(text, self.users)
            item.setData(Qt.ItemDataRole.UserRole, username)
            if username == select:
                current = i
        if names:
            self.users.setCurrentRow(current)
            # Show everyone without scrolling when it fits (up to ~12 accounts).
            rows = min(len(names), 12) * max(self.users.sizeHintForRow(0), 20)
            self.users.setMinimumHeight(max(180, rows + 2 * self.users.frameWidth()))

    def username(self) -> str:
        item = self.users.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def select(self, username: str) -> bool:
        for i in range(self.users.count()):
            if self.users.item(i).data(Qt.ItemDataRole.UserRole) == username:
                self.users.setCurrentRow(i)
                return True
        return False

    def _submit(self) -> None:
        if not self.button.isEnabled():
            return
        if not self.username():
            self.banner.error(self.tr("Choose your name in the list first."))
            return
        if not self.pin.text():
            self.banner.error(self.tr("Type your PIN."))
            self.pin.setFocus()
            return
        self.submitted.emit(self.username(), self.pin.text())


class LoginWindow(QWidget):
    """The window shown before anyone is signed in. Emits ``signed_in(Actor)``."""

    signed_in = Signal(object)

    def __init__(
        self,
        db: Database,
        worker: Worker,
        *,
        lang: str = "zh",
        demo: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.worker = worker
        self.lang = lang
        self.demo = demo
        self.setObjectName("loginRoot")
        self.setWindowTitle(self.tr("kmjudge — sign in"))
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        center = QHBoxLayout()
        center.addStretch(1)
        card = QFrame(self)
        card.setObjectName("card")
        card.setFixedWidth(460)
        card.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Maximum)
        card_lay = QVBoxLayout(card)
        card_lay.setContentsMargins(32, 28, 32, 24)
        card_lay.setSpacing(14)
        title = heading(self.tr("kmjudge on-site judging"), card)
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        card_lay.addWidget(title)
        sub = hint(self.tr("Worker skills competition · check-in, scoring, results"), card)
        sub.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        card_lay.addWidget(sub)
        line = QFrame(card)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color: #dde3ea;")
        card_lay.addWidget(line)
        # Only one of these is visible at a time; hidden ones take no space, so the card
        # is as tall as the form it shows.
        self.loading = QLabel(self.tr("Opening…"), card)
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading.setWordWrap(True)
        self.first = FirstAdminForm(card)
        self.sign_in = SignInForm(card, demo=demo)
        for w in (self.loading, self.first, self.sign_in):
            card_lay.addWidget(w, 1)
        self._show_form(self.loading)
        where = db.path.name if db.path is not None else db.engine.url.render_as_string()
        self.db_hint = hint(self.tr("Database: {where}").format(where=where), card)
        self.db_hint.setToolTip(str(db.path) if db.path else where)
        self.db_hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        card_lay.addWidget(self.db_hint)
        center.addWidget(card)
        center.addStretch(1)
        outer.addLayout(center, 4)
        outer.addStretch(1)
        self.first.submitted.connect(self._create_admin)
        self.sign_in.submitted.connect(self._login)
        self.refresh()

    # ------------------------------------------------------------------ state

    def _show_form(self, which: QWidget) -> None:
        for w in (self.loading, self.first, self.sign_in):
            w.setVisible(w is which)

    def current_form(self) -> QWidget:
        return next(w for w in (self.loading, self.first, self.sign_in) if not w.isHidden())

    def refresh(self) -> None:
        """Ask the database whether this is the first run, then show the right form."""
        self._show_form(self.loading)
        self.worker.run(
            _login_state,
            self.db,
            on_success=alive(self, self._show_state),
            on_error=alive(self, self._show_fatal),
        )

    def _show_state(self, state: tuple[bool, list[tuple[str, str]]]) -> None:
        first_run, names = state
        if first_run:
            self._show_form(self.first)
            self.first.display_name.setFocus()
            return
        last = str(i18n.settings().value(LAST_USER_KEY, "") or "")
        if not last and self.demo:
            last = "admin"
        self.sign_in.set_users(names, last)
        self._show_form(self.sign_in)
        self.sign_in.pin.setFocus()

    def _show_fatal(self, exc: BaseException) -> None:
        self.loading.setText(error_text(exc, self.lang))

    # ------------------------------------------------------------------ actions

    def _create_admin(self, username: str, display_name: str, pin: str) -> None:
        self.first.button.setEnabled(False)
        self.worker.run(
            _create_and_login,
            self.db,
            username,
            display_name,
            pin,
            on_success=alive(self, self._done),
            on_error=alive(self, lambda exc: self._failed(self.first, exc)),
        )

    def _login(self, username: str, pin: str) -> None:
        self.sign_in.button.setEnabled(False)
        self.sign_in.banner.info(self.tr("Checking…"))
        self.worker.run(
            accounts.login,
            self.db,
            username,
            pin,
            on_success=alive(self, self._done),
            on_error=alive(self, lambda exc: self._failed(self.sign_in, exc)),
        )

    def _failed(self, form: FirstAdminForm | SignInForm, exc: BaseException) -> None:
        form.button.setEnabled(True)
        form.banner.error(error_text(exc, self.lang))
        if isinstance(form, SignInForm):
            form.pin.clear()
            form.pin.setFocus()

    def _done(self, actor: Actor) -> None:
        s = i18n.settings()
        s.setValue(LAST_USER_KEY, actor.username)
        s.sync()
        for form in (self.first, self.sign_in):
            form.button.setEnabled(True)
            form.banner.clear()
        self.sign_in.pin.clear()
        # Let the button repaint before the main window is built.
        QTimer.singleShot(0, lambda: self.signed_in.emit(actor))


def _login_state(db: Database) -> tuple[bool, list[tuple[str, str]]]:
    return accounts.needs_first_admin(db), accounts.login_names(db)


def _create_and_login(db: Database, username: str, display_name: str, pin: str) -> Any:
    info = accounts.create_first_admin(db, username, display_name, pin)
    return accounts.login(db, info.username, pin)
