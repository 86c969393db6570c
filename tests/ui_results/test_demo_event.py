"""The demo's finished event on the results screens, the way a newcomer meets it: the chief
judge's results page shows provisional results by station (with the ties explained), the lock
reveals the names, the page's release button publishes, and the big screen shows them."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kmjudge import accounts, demo, device
from kmjudge.db.engine import Database, open_database
from kmjudge.judging import lock
from tests.ui_results.conftest import WAIT_MS
from ui.context import AppContext
from ui.results.board_window import BoardWindow
from ui.results.models import ResultsTableModel as M
from ui.results.results_page import ResultsPage
from ui.worker import Worker


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KMJUDGE_HOME", str(folder / "home"))
        demo.ensure_demo(folder / "demo.sqlite3").dispose()
    return folder / "demo.sqlite3", folder / "home"


@pytest.fixture
def venue(demo_file: tuple[Path, Path], tmp_path: Path) -> Iterator[Database]:
    shutil.copy(demo_file[0], tmp_path / "demo.sqlite3")
    db = open_database(tmp_path / "demo.sqlite3", device=device.load_or_create(demo_file[1]))
    yield db
    db.dispose()


@pytest.fixture
def chief_ctx(venue: Database) -> Iterator[AppContext]:
    worker = Worker()
    chief = accounts.login(venue, "chief", demo.DEMO_PIN)
    yield AppContext(venue, chief, worker, "zh", demo.finished_event(venue))
    worker.shutdown()


def _rows(page: ResultsPage) -> list[list[str]]:
    m = page.models[0]
    return [[m.text(r, c) for c in range(m.columnCount())] for r in range(m.rowCount())]


def test_chief_locks_releases_and_the_big_screen_shows_the_demo_results(
    qtbot: QtBot, chief_ctx: AppContext
) -> None:
    page = ResultsPage(chief_ctx)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitUntil(lambda: page.view is not None, timeout=WAIT_MS)
    assert "暂定成绩" in page.stage_label.text()
    assert page.tables[0].isColumnHidden(M.NAME)
    rows = _rows(page)
    assert [(r[M.RANK], r[M.STATION], r[M.TOTAL]) for r in rows[:3]] == [
        ("1", "13", "89.42"),
        ("2", "6", "88.68"),
        ("3", "8", "88.68"),
    ]
    assert rows[1][M.NOTE] == "与另 1 人同分，实操高者在前"
    assert [r[M.RANK] for r in rows[5:7]] == ["6", "6"]
    assert rows[5][M.NOTE].startswith("名次并列")
    assert [r[M.RANK] for r in rows[-3:]] == ["缺考", "缺考", "退赛"]
    assert page.tabs.tabText(0) == "全部（排名 20 人），未排名 3 人"

    # the chief judge locks (as on the chief judge's page) and refreshes: names appear
    lock.lock_event(chief_ctx.db, chief_ctx.actor, chief_ctx.event_id)  # type: ignore[arg-type]
    page.buttons["refresh"].click()
    qtbot.waitUntil(lambda: page.view is not None and page.view.stage == "locked", timeout=WAIT_MS)
    assert not page.tables[0].isColumnHidden(M.NAME)
    names = [r[M.NAME] for r in _rows(page)]
    assert all(names) and len(set(names)) == 23

    page.confirm_release = lambda: True  # type: ignore[method-assign]
    page.buttons["release"].click()
    qtbot.waitUntil(
        lambda: page.view is not None and page.view.stage == "released", timeout=WAIT_MS
    )

    page.buttons["bigScreen"].click()
    board = page.board_window
    assert isinstance(board, BoardWindow)
    qtbot.addWidget(board)  # closed (and deleted) at the end of the test
    qtbot.waitUntil(lambda: board.released, timeout=WAIT_MS)
    top = board.model.rows[0]
    assert (top.name, top.total, top.title) == (names[0], "89.42", "技术状元")
