"""Fixtures for the certificates screens: a scored event in a real SQLite file (the results
tests' ``ScoredEvent``), locked or not; a Chinese app with the app style; a context per user.

Certificate fonts come only from ``resources/fonts`` here (``KMJUDGE_FONT_DIRS`` empty), so
which characters have no glyph does not depend on the machine's fonts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kmjudge.certificates import fonts as cert_fonts
from kmjudge.db.engine import Database
from tests.conftest import make_admin
from tests.results.helpers import ScoredEvent, marks
from ui import fonts, i18n
from ui.context import AppContext
from ui.widgets import STYLE
from ui.worker import Worker

WAIT_MS = 20_000

#: station -> (name, marks, theory, status); twelve ranked, one absent, one withdrawn.
#: Ratios 10/20/30 % of 12 ranked: 一等奖 1 (or 2 on a tie), 二等奖 2, 三等奖 4, 优胜奖 the rest.
PEOPLE: list[tuple[int, str, dict[str, list[object]] | None, str | None, str]] = [
    (1, "张三", marks(38, [3, 3, 3, 3, 3], 29), "95", "checked_in"),
    (2, "李四", marks(36, [3, 3, 2, 3, 3], 28), "90", "checked_in"),
    (3, "王五", marks(35, [2, 3, 2, 3, 2], 27), "88", "checked_in"),
    (4, "赵六", marks(34, [2, 2, 2, 3, 2], 26), "85", "checked_in"),
    (5, "钱七", marks(33, [2, 2, 2, 2, 2], 25), "82", "checked_in"),
    (6, "孙八", marks(32, [2, 2, 1, 2, 2], 24), "80", "checked_in"),
    (7, "周九", marks(31, [1, 2, 1, 2, 1], 23), "78", "checked_in"),
    (8, "吴十", marks(30, [1, 1, 1, 2, 1], 22), "75", "checked_in"),
    (9, "郑一", marks(29, [1, 1, 1, 1, 1], 21), "72", "checked_in"),
    (10, "冯二", marks(28, [1, 1, 0, 1, 1], 20), "70", "checked_in"),
    (11, "陈三", marks(27, [0, 1, 0, 1, 0], 19), "66", "checked_in"),
    (12, "褚四", marks(26, [0, 0, 0, 1, 0], 18), "62", "checked_in"),
    (13, "卫五", None, None, "absent"),
    (14, "蒋六", marks(20, [1, 1, 1, 1, 1], 15), "60", "withdrawn"),
]
RANKED = [p[1] for p in PEOPLE if p[4] == "checked_in"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def chinese_app(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("KMJUDGE_FONT_DIRS", "")
    cert_fonts.reset()
    i18n.install("zh")
    fonts.apply_ui_font(qapp)
    qapp.setStyleSheet(STYLE)
    yield
    i18n.install("zh")
    cert_fonts.reset()


def build_event(db: Database, *, rename: dict[int, str] | None = None) -> ScoredEvent:
    """The fourteen people of ``PEOPLE`` (``rename``: station -> another name)."""
    admin = make_admin(db)
    ev = ScoredEvent.create(db, admin)
    for station, name, m, theory, status in PEOPLE:
        ev.add(
            station,
            name=(rename or {}).get(station, name),
            marks=m,
            theory=theory,
            status=status,
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
