"""Fixtures for the registration and set-up pages.

- The bundled WenQuanYi Micro Hei is registered and made the app font, the app style sheet is
  applied, and a Chinese catalogue compiled from resources/translations/pages_zh.tsv is
  installed, so the pages are tested the way people see them: in Chinese.
- The demo venue (city-level 电工 event, 60 contestants, accounts with PIN 2580) is built once
  per session and copied for every test, so each test has its own real SQLite file.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from kmjudge import accounts, demo
from kmjudge.db.engine import Database, open_database
from ui.context import AppContext
from ui.widgets import STYLE
from ui.worker import Worker

from .catalogue import FONT, compile_catalogue, read_tsv

PIN = demo.DEMO_PIN


@pytest.fixture(scope="session")
def chinese_ui(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    font_id = QFontDatabase.addApplicationFont(str(FONT))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    family = next((f for f in families if "mono" not in f.lower()), None)
    if family:
        qapp.setFont(QFont(family, 10))
    qapp.setStyleSheet(STYLE)
    qm = compile_catalogue(read_tsv(), tmp_path_factory.mktemp("qm"))
    translator = QTranslator(qapp)
    assert translator.load(str(qm)), qm
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo venue database, built once (in its own data folder)."""
    folder = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KMJUDGE_HOME", str(folder / "home"))
        db = demo.ensure_demo(folder / "demo.sqlite3")
        db.dispose()
    return folder / "demo.sqlite3"


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the demo venue for one test."""
    target = tmp_path / "venue.sqlite3"
    shutil.copy(demo_template, target)
    db = open_database(target)
    yield db
    db.dispose()


@pytest.fixture
def event_id(demo_db: Database) -> uuid.UUID:
    """The demo event running today (the demo also holds yesterday's finished event)."""
    return demo.todays_event(demo_db)


@pytest.fixture
def make_ctx(
    chinese_ui: None, demo_db: Database, event_id: uuid.UUID
) -> Iterator[Callable[..., AppContext]]:
    """``make_ctx("registrar")`` -> an AppContext signed in as that demo account."""
    workers: list[Worker] = []

    def make(username: str = "admin", *, with_event: bool = True) -> AppContext:
        worker = Worker()
        workers.append(worker)
        actor = accounts.login(demo_db, username, PIN)
        return AppContext(
            db=demo_db,
            actor=actor,
            worker=worker,
            lang="zh",
            event_id=event_id if with_event else None,
        )

    yield make
    for worker in workers:
        worker.shutdown()


@pytest.fixture
def admin_ctx(make_ctx: Callable[..., AppContext]) -> AppContext:
    return make_ctx("admin")
