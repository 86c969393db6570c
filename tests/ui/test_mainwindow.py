"""The main window: navigation by role, event selector, status bar, backups, sign-out."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kmjudge import paths
from tests.ui.conftest import PIN, WAIT_MS, Keep, Venue
from ui import i18n, mainwindow
from ui.app import Shell
from ui.home import HomePage
from ui.mainwindow import MainWindow, PageSpec, PlaceholderPage
from ui.worker import Worker

EXPECTED_NAV = {
    "admin": [
        "首页", "竞赛设置", "选手报名", "检录", "裁判分工", "纸质评分表", "成绩", "证书打印",
        "证书查验", "数据交换", "数据冲突", "市级汇总", "账号管理", "数据与备份",
    ],
    "registrar": ["首页", "选手报名", "检录", "证书查验"],
    "chief": [
        "首页", "选手报名", "裁判分工", "裁判长审核", "纸质评分表", "成绩", "证书打印",
        "证书查验", "数据交换", "数据冲突",
    ],
    "judge1": ["首页", "评分", "证书查验"],
    "clerk1": ["首页", "纸质评分表", "证书查验"],
    "city": ["首页", "证书查验", "数据交换", "数据冲突", "市级汇总"],
}  # fmt: skip


def open_main(keep: Keep, venue: Venue, worker: Worker, username: str = "admin") -> MainWindow:
    win = MainWindow(venue.ctx(worker, username))
    keep(win)
    win.resize(1366, 768)
    win.show()
    return win


@pytest.mark.parametrize("username", list(EXPECTED_NAV))
def test_navigation_shows_only_what_the_role_may_use(
    qtbot: QtBot, keep: Keep, venue: Venue, worker: Worker, username: str
) -> None:
    """Each role sees its own menu, in Chinese; a judge sees neither 账号管理 nor 竞赛设置."""
    win = open_main(keep, venue, worker, username)
    assert win.nav_titles() == EXPECTED_NAV[username]
    if username == "judge1":
        assert not win.show_page("users")
        assert not win.show_page("setup")
        assert "users" not in win.pages and "setup" not in win.pages


def test_clicking_the_navigation_switches_pages(
    qtbot: QtBot, keep: Keep, venue: Venue, worker: Worker
) -> None:
    """Clicking 账号管理 in the left list shows the accounts page."""
    win = open_main(keep, venue, worker)
    nav = win.nav
    item = nav.item(win.nav_keys().index("users"))
    qtbot.mouseClick(
        nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(item).center()
    )
    assert win.current_page_key() == "users"
    assert win.stack.currentWidget() is win.pages["users"]


def test_status_bar_shows_user_role_and_device(
    qtbot: QtBot, keep: Keep, venue: Venue, worker: Worker
) -> None:
    """The status bar names the signed-in person with their role in Chinese, and this
    device's name and key fingerprint."""
    win = open_main(keep, venue, worker, "chief")
    assert win.status_user.text() == "郑裁判长 · 裁判长"
    device = venue.db.device
    assert device.name in win.status_device.text()
    assert device.fingerprint in win.status_device.text()


def test_event_selector_lists_events_and_sets_the_context(
    qtbot: QtBot, keep: Keep, venue: Venue, worker: Worker
) -> None:
    """The events of the set-up file fill the selector; choosing one makes it the selected
    event everywhere (context, status bar, home page)."""
    win = open_main(keep, venue, worker)
    combo = win.event_combo
    qtbot.waitUntil(lambda: combo.count() == 2 and win.ctx.event_id is not None, timeout=WAIT_MS)
    home = win.pages["home"]
    assert isinstance(home, HomePage)
    first = win.ctx.event_id
    other = 1 - combo.currentIndex()
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down if other == 1 else Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: win.ctx.event_id not in (None, first), timeout=WAIT_MS)
    chosen = win.selected_event()
    assert chosen is not None and str(chosen.id) == combo.currentData()
    assert chosen.name in win.status_event.text()
    qtbot.waitUntil(
        lambda: home.detail is not None and home.detail.summary.id == chosen.id, timeout=WAIT_MS
    )
    assert home.title.text() == chosen.name


def test_no_events_yet_is_said_plainly(qtbot: QtBot, keep: Keep, empty_db, worker: Worker) -> None:
    """Before any set-up file is imported the selector is disabled and home says so."""
    from kmjudge import accounts
    from ui.context import AppContext

    accounts.create_first_admin(empty_db, "admin", "王管理", PIN)
    ctx = AppContext(empty_db, accounts.login(empty_db, "admin", PIN), worker)
    win = MainWindow(ctx)
    keep(win)
    qtbot.waitUntil(lambda: win.event_combo.count() == 1, timeout=WAIT_MS)
    assert not win.event_combo.isEnabled()
    assert win.event_combo.currentText() == "（尚无竞赛场次）"
    assert win.pages["home"].title.text() == "还没有竞赛场次"  # type: ignore[attr-defined]


def test_a_missing_page_module_shows_a_placeholder(
    qtbot: QtBot, keep: Keep, venue: Venue, worker: Worker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A registry entry whose module is not installed gives a placeholder, not a crash."""
    pages = (*mainwindow.PAGES, PageSpec("ghost", "Home", "ui.not_there:GhostPage"))
    monkeypatch.setattr(mainwindow, "PAGES", pages)
    win = open_main(keep, venue, worker)
    assert isinstance(win.pages["ghost"], PlaceholderPage)
    assert win.show_page("ghost")


def test_automatic_backup_runs_on_the_timer(
    qtbot: QtBot, keep: Keep, venue: Venue, worker: Worker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With KMJUDGE_BACKUP_INTERVAL_S=1 an 'hourly' backup file appears on disk within
    seconds and the status bar shows the time of the last backup."""
    monkeypatch.setenv("KMJUDGE_BACKUP_INTERVAL_S", "1")
    win = open_main(keep, venue, worker)
    assert win.backup_timer.interval() == 1000
    folder = paths.backups_dir()
    qtbot.waitUntil(lambda: any(folder.glob("*-hourly.sqlite3")), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: win.status_backup.text().startswith("上次备份"), timeout=WAIT_MS)


def test_sign_out_goes_back_to_the_login_screen(
    qtbot: QtBot, keep: Keep, venue: Venue, worker: Worker
) -> None:
    """Clicking 退出登录 closes the main window and shows the login list again."""
    shell = Shell(venue.db, worker, "zh")
    win = shell.signed_in(venue.admin)
    keep(win)
    qtbot.mouseClick(win.sign_out_button, Qt.MouseButton.LeftButton)
    assert shell.main is None
    login = shell.login
    assert login is not None
    keep(login)
    assert login.isVisible() and not win.isVisible()
    qtbot.waitUntil(lambda: login.sign_in.users.count() == 6, timeout=WAIT_MS)


def test_switching_to_english_rebuilds_the_window_and_is_remembered(
    qtbot: QtBot, keep: Keep, venue: Venue, worker: Worker
) -> None:
    """设置 → 语言 → English: the window comes back in English with the same user and event,
    and the choice is saved for the next start."""
    shell = Shell(venue.db, worker, "zh")
    win = shell.signed_in(venue.admin)
    keep(win)
    qtbot.waitUntil(lambda: win.ctx.event_id is not None, timeout=WAIT_MS)
    event_id = win.ctx.event_id
    win.lang_actions["en"].trigger()
    new = shell.main
    assert new is not None and new is not win
    keep(new)
    assert new.nav_titles() == [
        "Home", "Competition setup", "Registration", "Check-in", "Judges", "Paper sheets",
        "Results", "Certificates", "Verify certificate", "Data exchange", "Conflicts",
        "City overview", "Accounts", "Data and backups",
    ]  # fmt: skip
    assert new.ctx.event_id == event_id and new.ctx.actor == venue.admin
    assert new.status_user.text() == "王管理 · Administrator"
    assert i18n.saved_lang() == "en"
    new.lang_actions["zh"].trigger()
    assert shell.main is not None
    keep(shell.main)
    assert shell.main.nav_titles() == EXPECTED_NAV["admin"]
    assert i18n.saved_lang() == "zh"
