"""Fixtures for the check-in screens.

- The app's own Chinese catalogue (resources/translations/kmjudge_zh_CN.qm, which update.sh
  builds from checkin_zh.tsv among others), the bundled font and the app style: the screens are
  tested the way registrars see them.
- The demo venue (电工, 60 contestants, accounts with PIN 2580) is built once per session and
  copied for every test, so each test has its own real SQLite file. Its check-in window is
  moved to "now" and its tickets are issued by the core, so scans carry real signed tokens.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kmjudge import accounts, checkin, demo, device, events
from kmjudge.accounts import Actor
from kmjudge.checkin import IssuedTicket
from kmjudge.db.engine import Database, open_database
from kmjudge.registration import service as registration
from kmjudge.registration.service import RegistrationView
from ui import fonts, i18n
from ui.context import AppContext
from ui.widgets import STYLE
from ui.worker import Worker

PIN = demo.DEMO_PIN
WAIT_MS = 15_000


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def chinese_app(qapp: QApplication) -> Iterator[None]:
    i18n.install("zh")
    fonts.apply_ui_font(qapp)
    qapp.setStyleSheet(STYLE)
    yield
    i18n.install("zh")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo venue database, built once (in its own data folder)."""
    folder = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KMJUDGE_HOME", str(folder / "home"))
        db = demo.ensure_demo(folder / "demo.sqlite3")
        db.dispose()
    return folder / "demo.sqlite3"


@dataclass
class Desk:
    """A venue ready for check-in, with what the tests need to know about it."""

    db: Database
    admin: Actor
    event_id: uuid.UUID
    regs: list[RegistrationView]
    tickets: dict[uuid.UUID, IssuedTicket]  # by registration id
    folder: Path

    def token(self, i: int) -> str:
        return self.tickets[self.regs[i].id].token

    def reg(self, i: int) -> RegistrationView:
        return self.regs[i]

    def status(self, i: int) -> str:
        rows = registration.list_registrations(self.db, self.admin, self.event_id)
        return next(r.status for r in rows if r.id == self.regs[i].id)

    def counts(self) -> checkin.CheckinCounts:
        return checkin.counters(self.db, self.event_id)

    def set_photo(self, i: int, data: bytes) -> None:
        """Put a photo on file (the core has no function for it yet: straight to the row)."""
        from kmjudge.db.models import Contestant, Registration

        with self.db.write() as s:
            reg = s.get(Registration, self.regs[i].id)
            assert reg is not None
            person = s.get(Contestant, reg.contestant_id)
            assert person is not None
            person.photo = data


def portrait_png(width: int = 300, height: int = 420) -> bytes:
    """A stand-in ID photo (a drawn head and shoulders on blue), as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#3f7fc4"))
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QColor("#20252b"))
    p.setBrush(QColor("#20252b"))
    p.drawEllipse(QRectF(width * 0.18, height * 0.72, width * 0.64, height * 0.6))
    p.setBrush(QColor("#e8c4a0"))
    p.setPen(QColor("#e8c4a0"))
    p.drawEllipse(QRectF(width * 0.3, height * 0.22, width * 0.4, height * 0.42))
    p.setBrush(QColor("#1b1b1b"))
    p.setPen(QColor("#1b1b1b"))
    p.drawChord(QRectF(width * 0.29, height * 0.18, width * 0.42, height * 0.3), 0, 180 * 16)
    p.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    return bytes(data.data())


def open_window(db: Database, admin: Actor, event_id: uuid.UUID) -> None:
    """Move the event to today: check-in open from an hour ago for two hours."""
    now = datetime.now().replace(microsecond=0)
    events.update_event(
        db,
        admin,
        event_id,
        start_at=now + timedelta(hours=2),
        end_at=now + timedelta(hours=8),
        checkin_opens_at=now - timedelta(hours=1),
        checkin_closes_at=now + timedelta(hours=1),
    )


@pytest.fixture
def desk(demo_template: Path, tmp_path: Path) -> Iterator[Desk]:
    """A private copy of the demo venue, window open now, every ticket issued. It is opened
    as the installation that created it (its device key), so this laptop is the issuer."""
    target = tmp_path / "venue.sqlite3"
    shutil.copy(demo_template, target)
    db = open_database(target, device=device.load_or_create(demo_template.parent / "home"))
    admin = accounts.login(db, "admin", PIN)
    event_id = demo.todays_event(db)
    open_window(db, admin, event_id)
    issued = checkin.issue_tickets(db, admin, event_id)
    regs = registration.list_registrations(db, admin, event_id)
    yield Desk(db, admin, event_id, regs, {t.registration_id: t for t in issued}, tmp_path)
    db.dispose()


@pytest.fixture
def worker(qtbot: QtBot) -> Iterator[Worker]:
    w = Worker()
    yield w
    qtbot.waitUntil(lambda: not w.busy, timeout=WAIT_MS)
    w.shutdown()


Keep = Callable[[QWidget], QWidget]


@pytest.fixture
def keep(qtbot: QtBot, worker: Worker) -> Iterator[Keep]:
    """Keep windows for the test; at the end let the worker deliver, then close them."""
    kept: list[QWidget] = []

    def add(w: QWidget) -> QWidget:
        kept.append(w)
        return w

    yield add
    qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT_MS)
    for w in reversed(kept):
        w.close()
        w.deleteLater()
    qtbot.wait(10)


@pytest.fixture
def make_ctx(desk: Desk, worker: Worker) -> Callable[..., AppContext]:
    def make(username: str = "registrar") -> AppContext:
        actor = accounts.login(desk.db, username, PIN)
        return AppContext(desk.db, actor, worker, "zh", event_id=desk.event_id)

    return make
