"""Fixtures for the results screens: a scored event built through the ORM (the results tests'
``ScoredEvent``), a Chinese app with the app style, and a context per signed-in user."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kmjudge import accounts
from kmjudge.db.engine import Database
from tests.conftest import make_admin
from tests.results.helpers import PIN, ScoredEvent, marks
from ui import fonts, i18n
from ui.context import AppContext
from ui.widgets import STYLE
from ui.worker import Worker

WAIT_MS = 15_000

#: station -> (name, marks, theory, status)
CONTESTANTS = [
    (1, "张三", marks(38, [3, 2, 2, 1, 3], 27, 1), "84.5", "checked_in"),
    (2, "李四", marks("35.5", [2, 2, 2, 2, 2], 30), "90", "checked_in"),
    (3, "王五", marks(30, [1, 2, 1, 1, 2], 20), "71", "checked_in"),
    (4, "赵六", marks(36, [3, 3, 2, 3, 3], 25), "66", "checked_in"),
    (5, "钱七", None, None, "absent"),
    (6, "孙八", marks(20, [1, 1, 1, 1, 1], 15), "60", "withdrawn"),
]


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


def build_event(db: Database, extra: int = 0) -> ScoredEvent:
    """Six contestants (four ranked, one absent, one withdrawn) plus ``extra`` ranked ones."""
    admin = make_admin(db)
    ev = ScoredEvent.create(db, admin)
    accounts.create_user(db, admin, "reg", "检录员", ["registrar"], PIN)
    for station, name, m, theory, status in CONTESTANTS:
        ev.add(station, name=name, marks=m, theory=theory, status=status)
    surnames = "周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施"
    for i in range(extra):
        ev.add(
            7 + i,
            name=f"{surnames[i % len(surnames)]}晓{'明红军华'[i % 4]}",
            marks=marks(20 + i % 20, [i % 4] * 5, 10 + i % 20),
            theory=str(55 + (i * 7) % 45),
            employer=["云南建投集团", "昆明供电局", "昆明地铁运营有限公司"][i % 3],
        )
    return ev


@pytest.fixture
def ev(db: Database) -> ScoredEvent:
    return build_event(db)


@pytest.fixture
def make_ctx(ev: ScoredEvent) -> Iterator[Callable[[str], AppContext]]:
    workers: list[Worker] = []

    def make(username: str) -> AppContext:
        w = Worker()
        workers.append(w)
        return AppContext(ev.db, ev.login(username), w, "zh", ev.event_id)

    yield make
    for w in workers:
        w.shutdown()
