"""Data and backups: back up now, the backup list, database check, audit-chain check."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kmjudge import paths
from tests.ui.conftest import WAIT_MS, Keep, Venue
from ui.data_page import DataPage
from ui.worker import Worker


def open_data(qtbot: QtBot, keep: Keep, venue: Venue, worker: Worker) -> DataPage:
    page = DataPage(venue.ctx(worker))
    keep(page)
    page.resize(1176, 680)
    page.show()
    # The database was opened with backup_on_open, but it was new then: no backup yet.
    qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT_MS)
    return page


def test_shows_where_the_data_is_and_this_device(
    qtbot: QtBot, keep: Keep, venue: Venue, worker: Worker
) -> None:
    """The database file's path, the device id and its key fingerprint are on the page."""
    page = open_data(qtbot, keep, venue, worker)
    assert page.location.text() == str(venue.db.path)
    texts = [w.text() for w in page.findChildren(type(page.location))]
    assert str(venue.db.device.id) in texts
    assert venue.db.device.fingerprint in texts


def test_back_up_now_writes_a_backup_file_and_lists_it(
    qtbot: QtBot, keep: Keep, venue: Venue, worker: Worker
) -> None:
    """立即备份 writes a new '-manual' backup into the data folder's backups/, which then
    appears in the list with reason 手动, and the app is told (backup_done)."""
    page = open_data(qtbot, keep, venue, worker)
    folder = paths.backups_dir()
    before = set(folder.glob("*.sqlite3"))
    rows_before = page.backups.rowCount()
    with qtbot.waitSignal(page.ctx.bus.backup_done, timeout=WAIT_MS) as done:
        qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    new = set(folder.glob("*.sqlite3")) - before
    assert len(new) == 1
    path = new.pop()
    assert path.name.endswith("-manual.sqlite3") and path.stat().st_size > 0
    assert done.args == [str(path)]
    assert page.banner.kind == "success"
    qtbot.waitUntil(lambda: page.backups.rowCount() == rows_before + 1, timeout=WAIT_MS)
    assert page.backups.index(0, 1).data() == "手动"
    assert page.backups.index(0, 3).data() == path.name


def test_audit_chain_check_is_clean_then_catches_tampering(
    qtbot: QtBot, keep: Keep, venue: Venue, worker: Worker
) -> None:
    """校验审计链 reports an intact chain; after an audit row is edited with the sqlite3 tool
    (behind the app's back) the same button reports the problem in Chinese."""
    page = open_data(qtbot, keep, venue, worker)
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.check_banner.kind != "", timeout=WAIT_MS)
    assert page.check_banner.kind == "success", page.check_banner.text()
    assert "审计链完整" in page.check_banner.text()

    con = sqlite3.connect(str(venue.db.path))
    with con:
        con.execute("UPDATE audit_entry SET username = 'mallory' WHERE seq = 2")
    con.close()
    page.check_banner.clear()
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.check_banner.kind != "", timeout=WAIT_MS)
    assert page.check_banner.kind == "error"
    assert "第 2 条审计记录" in page.report.toPlainText()


def test_database_check_reports_in_chinese(
    qtbot: QtBot, keep: Keep, venue: Venue, worker: Worker
) -> None:
    """检查数据库 runs the core's check and shows its Chinese lines with a verdict."""
    page = open_data(qtbot, keep, venue, worker)
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.check_banner.kind != "", timeout=WAIT_MS)
    assert page.check_banner.kind == "success", page.report.toPlainText()
    assert "数据库文件完整" in page.report.toPlainText()
    assert page.check_button.isEnabled()
