"""Home's 下一步 on the demo venue: every person is sent to a page they really have."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from kmjudge import accounts, demo
from kmjudge.db.engine import Database
from ui.context import AppContext
from ui.home import HomePage
from ui.mainwindow import MainWindow
from ui.worker import Worker

from .conftest import close_all, pump_until


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = demo.ensure_demo(tmp_path_factory.mktemp("demo") / "demo.sqlite3")
    yield db
    db.dispose()


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("admin", {"registration", "users", "checkin", "assign", "data"}),
        ("registrar", {"registration", "checkin"}),
        ("judge1", {"judging"}),
        ("chief", {"assign", "chief", "results"}),
        ("clerk1", {"paper"}),
    ],
)
def test_every_next_step_opens_a_page_of_that_person(
    qtbot: QtBot, demo_db: Database, username: str, expected: set[str]
) -> None:
    """On the day, each role's steps point at their pages (check-in, marking, review, paper
    sheets…), each 前往 button opens its page in the main window, and no step promises a
    screen that "will appear here"."""
    worker = Worker()
    win = MainWindow(AppContext(demo_db, accounts.login(demo_db, username, demo.DEMO_PIN), worker))
    try:
        win.resize(1366, 768)
        win.show()
        home = win.pages["home"]
        assert isinstance(home, HomePage)
        pump_until(lambda: home.detail is not None and not worker.busy)
        buttons = [b for b in home.next_card.findChildren(QPushButton) if b.property("target")]
        targets = {str(b.property("target")) for b in buttons}
        assert targets == expected
        texts = " ".join(lbl.text() for lbl in home.next_card.findChildren(QLabel))
        assert "将在这里提供" not in texts and "will appear" not in texts
        for b in buttons:
            b.click()
            assert win.current_page_key() == b.property("target")
        assert home.status_chip.text() == "进行中"  # today's demo event is on now
    finally:
        close_all([win], [worker])
