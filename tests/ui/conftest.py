"""GUI test set-up: Chinese UI with the bundled font, a worker, a venue with real accounts.

Qt runs offscreen with pytest-qt's session QApplication (tests/conftest.py); every test gets
its own data folder (KMJUDGE_HOME = tmp_path/home), so settings, backups, logs and the device
key never touch a real installation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kmjudge import accounts, events
from kmjudge.accounts import Actor
from kmjudge.db.engine import Database, open_database
from tests.conftest import EXAMPLES
from ui import fonts, i18n
from ui.context import AppContext
from ui.widgets import STYLE
from ui.worker import Worker

PIN = "2580"
Keep = Callable[[QWidget], QWidget]
WAIT_MS = 15_000  # scrypt plus a busy CI machine


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/ui drives Qt widgets (``-m "not gui"`` skips it)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def ui_home(qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh data folder per test, and the app's default look: Chinese, bundled font."""
    home = tmp_path / "home"
    monkeypatch.setenv("KMJUDGE_HOME", str(home))
    i18n.install("zh")
    fonts.apply_ui_font(qapp)
    qapp.setStyleSheet(STYLE)
    yield home
    i18n.install("zh")


@pytest.fixture
def worker(qtbot: QtBot) -> Iterator[Worker]:
    """The app's worker. Torn down before qtbot closes the test's widgets: pending callbacks
    are delivered while their widgets still exist."""
    w = Worker()
    yield w
    qtbot.waitUntil(lambda: not w.busy, timeout=WAIT_MS)
    w.shutdown()


@pytest.fixture
def keep(qtbot: QtBot, worker: Worker) -> Iterator[Keep]:
    """Keep a window for the test; at the end wait until the worker has delivered every
    result, then close it. (qtbot.addWidget closes widgets before fixtures are torn down, so
    a late callback would reach a deleted widget.)"""
    kept: list[QWidget] = []

    def add(w: QWidget) -> QWidget:
        kept.append(w)
        return w

    yield add
    qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT_MS)
    for w in reversed(kept):
        if not shiboken6.isValid(w):  # the app already deleted it (e.g. after sign-out)
            continue
        w.close()
        w.deleteLater()
    qtbot.wait(10)


@dataclass
class Venue:
    db: Database
    admin: Actor
    event_id: object

    def actor(self, username: str) -> Actor:
        return accounts.login(self.db, username, PIN)

    def ctx(self, worker: Worker, username: str = "admin", lang: str = "zh") -> AppContext:
        actor = self.admin if username == "admin" else self.actor(username)
        return AppContext(self.db, actor, worker, lang)


@pytest.fixture
def empty_db(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path / "venue.sqlite3", backup_on_open=True)
    yield db
    db.dispose()


@pytest.fixture
def venue(empty_db: Database) -> Venue:
    """An administrator (王管理), one account per role, and the example set-up file's events."""
    db = empty_db
    accounts.create_first_admin(db, "admin", "王管理", PIN)
    admin = accounts.login(db, "admin", PIN)
    for username, name, role, employer in (
        ("registrar", "李检录", "registrar", ""),
        ("judge1", "赵裁判", "judge", "昆明理工大学"),
        ("chief", "郑裁判长", "chief", ""),
        ("clerk1", "冯录分", "clerk", ""),
        ("city", "市总工会技能办", "city", ""),
    ):
        accounts.create_user(db, admin, username, name, [role], PIN, employer)
    ids = events.import_setup_file(db, admin, EXAMPLES / "event-setup.toml")
    return Venue(db, admin, ids[0])


def answer_dialog(
    object_name: str, act: Callable[[QWidget], None], *, timeout_ms: int = WAIT_MS
) -> list[QWidget]:
    """When a modal dialog named ``object_name`` opens, run ``act(dialog)`` (as a person would).

    Returns a list that holds the dialog once it was seen (so the test can check it opened).
    """
    seen: list[QWidget] = []
    waited = [0]

    def poll() -> None:
        for w in QApplication.topLevelWidgets():
            if w.objectName() == object_name and w.isVisible():
                seen.append(w)
                act(w)
                return
        waited[0] += 50
        if waited[0] < timeout_ms:
            QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)
    return seen


def ime_type(widget: QWidget, text: str) -> None:
    """Type Chinese the way it really arrives: committed by an input method (拼音输入法).

    (QTest.keyClicks can only synthesise keys that exist on a keyboard.)
    """
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
