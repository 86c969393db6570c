"""Small shared pieces: the inline message banner, role names, page headings, the style."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QWidget

from kmjudge.accounts import ROLE_NAMES_ZH, Role
from kmjudge.clock import to_local
from kmjudge.errors import KmError

ROLE_NAMES_EN = {
    Role.ADMIN: "Administrator",
    Role.REGISTRAR: "Registrar",
    Role.JUDGE: "Judge",
    Role.CLERK: "Score clerk",
    Role.CHIEF: "Chief judge",
    Role.CITY: "City office",
}


def role_name(role: Role | str, lang: str = "zh") -> str:
    role = Role(role)
    return ROLE_NAMES_ZH[role] if lang == "zh" else ROLE_NAMES_EN[role]


def roles_text(roles: Iterable[Role | str], lang: str = "zh") -> str:
    """Roles in a fixed order (admin first), joined the way each language lists things."""
    order = list(Role)
    names = [role_name(r, lang) for r in sorted((Role(r) for r in roles), key=order.index)]
    return ("、" if lang == "zh" else ", ").join(names)


def alive(owner: QObject, fn: Callable[[Any], object]) -> Callable[[Any], None]:
    """Wrap a worker callback so that it is dropped if ``owner`` was deleted meanwhile
    (a window closed while its query was still running)."""

    def call(value: Any) -> None:
        if shiboken6.isValid(owner):
            fn(value)

    return call


def error_text(exc: BaseException, lang: str = "zh") -> str:
    """A person-readable message for a failure (for screens that have no AppContext yet)."""
    if isinstance(exc, KmError):
        return exc.message(lang)
    return f"出现意外错误：{exc}" if lang == "zh" else f"Unexpected error: {exc}"


def local_time(value: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A stored naive-UTC time shown in local time ('' for none)."""
    local = to_local(value)
    return local.strftime(fmt) if local else ""


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def pin_field(parent: QWidget, name: str) -> QLineEdit:
    """A PIN/password field: hidden echo, no input method (digits and letters allowed)."""
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(64)
    field.setInputMethodHints(
        Qt.InputMethodHint.ImhHiddenText
        | Qt.InputMethodHint.ImhSensitiveData
        | Qt.InputMethodHint.ImhNoPredictiveText
    )
    return field


class MessageBanner(QFrame):
    """An inline message under a form: error (red), warning, success (green) or info.

    Hidden while empty, so a form does not carry a blank gap. The text is selectable, so
    people can copy a message into a phone call with the organiser.
    """

    KINDS = ("error", "warning", "success", "info")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self._label = QLabel(self)
        self._label.setObjectName("bannerText")
        self._label.setWordWrap(True)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 6)
        lay.addWidget(self._label)
        self.kind = ""
        self.hide()

    def text(self) -> str:
        return self._label.text()

    def show_message(self, text: str, kind: str = "info") -> None:
        if kind not in self.KINDS:
            raise ValueError(kind)
        self.kind = kind
        self.setProperty("kind", kind)
        self._label.setText(text)
        for w in (self, self._label):  # the colours depend on the property: restyle
            w.style().unpolish(w)
            w.style().polish(w)
        self.setVisible(bool(text))

    def error(self, text: str) -> None:
        self.show_message(text, "error")

    def success(self, text: str) -> None:
        self.show_message(text, "success")

    def info(self, text: str) -> None:
        self.show_message(text, "info")

    def clear(self) -> None:
        self.kind = ""
        self._label.setText("")
        self.hide()


def heading(text: str, parent: QWidget | None = None, level: int = 1) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("h1" if level == 1 else "h2")
    label.setWordWrap(True)
    return label


def hint(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label


PRIMARY = "#1d5fa7"

STYLE = f"""
QMainWindow, QWidget#page, QWidget#loginRoot {{ background: #f4f6f9; }}
QLabel#h1 {{ font-size: 17pt; font-weight: bold; color: #17202a; }}
QLabel#h2 {{ font-size: 12pt; font-weight: bold; color: #17202a; }}
QLabel#hint {{ color: #5d6975; }}
QLabel#brand {{ font-size: 13pt; font-weight: bold; color: white; }}
QLabel#brandSub {{ color: #d6e4f5; }}
QWidget#topBar {{ background: {PRIMARY}; }}
QWidget#topBar QLabel {{ color: white; }}
QListWidget#nav {{
    background: #ffffff; border: none; border-right: 1px solid #dde3ea;
    font-size: 11pt; padding-top: 8px; outline: 0;
}}
QListWidget#nav::item {{ padding: 10px 16px; border-left: 4px solid transparent; }}
QListWidget#nav::item:selected {{
    background: #e8f0fb; color: {PRIMARY}; border-left: 4px solid {PRIMARY};
}}
QListWidget#nav::item:hover:!selected {{ background: #f2f5f9; }}
QFrame#card {{ background: white; border: 1px solid #dde3ea; border-radius: 8px; }}
QLabel#bigNumber {{ font-size: 26pt; font-weight: bold; color: {PRIMARY}; }}
QLabel#cardCaption {{ color: #5d6975; }}
QLabel#factKey {{ color: #5d6975; }}
QLabel#chip {{
    background: #e8f0fb; color: {PRIMARY}; border-radius: 10px; padding: 2px 10px;
}}
QFrame#banner {{ border-radius: 6px; border: 1px solid #c9d6e6; background: #eef4fb; }}
QFrame#banner[kind="error"] {{ background: #fdecec; border-color: #e8a5a5; }}
QFrame#banner[kind="error"] QLabel {{ color: #a61b1b; }}
QFrame#banner[kind="warning"] {{ background: #fff6e0; border-color: #e9cf8c; }}
QFrame#banner[kind="warning"] QLabel {{ color: #7a5500; }}
QFrame#banner[kind="success"] {{ background: #eaf6ec; border-color: #9fd0a8; }}
QFrame#banner[kind="success"] QLabel {{ color: #1d6b2c; }}
QPushButton#primary {{
    background: {PRIMARY}; color: white; border: none; border-radius: 5px;
    padding: 7px 18px; font-weight: bold;
}}
QPushButton#primary:hover {{ background: #174f8c; }}
QPushButton#primary:disabled {{ background: #9db5d3; }}
QStatusBar QLabel {{ color: #3d4852; padding: 0 8px; }}
QTableView {{ background: white; alternate-background-color: #f7f9fc; }}
QListWidget#users {{ background: white; border: 1px solid #c9d3de; border-radius: 4px; }}
QListWidget#users::item {{ padding: 5px 8px; }}
QListWidget#users::item:selected {{ background: {PRIMARY}; color: white; }}
QLabel#demoHint {{
    background: #eef4fb; color: {PRIMARY}; border: 1px solid #c9d6e6; border-radius: 4px;
    padding: 6px 10px;
}}
QLineEdit {{ padding: 3px 4px; }}
"""
