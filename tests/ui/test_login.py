"""The login screen, driven with keys and clicks: first run, wrong PINs, lockout, Enter."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kmjudge import accounts
from kmjudge.accounts import Role
from kmjudge.db.engine import Database
from tests.ui.conftest import PIN, WAIT_MS, Keep, Venue, ime_type
from ui.login import LoginWindow
from ui.worker import Worker


def open_login(keep: Keep, db: Database, worker: Worker, *, demo: bool = False) -> LoginWindow:
    win = LoginWindow(db, worker, demo=demo)
    keep(win)
    win.resize(1366, 768)
    win.show()
    return win


def choose_user(qtbot: QtBot, win: LoginWindow, username: str) -> None:
    """Click the user's line in the list, as a person would."""
    users = win.sign_in.users
    qtbot.waitUntil(lambda: users.count() > 0, timeout=WAIT_MS)
    for i in range(users.count()):
        item = users.item(i)
        if item.data(Qt.ItemDataRole.UserRole) == username:
            users.scrollToItem(item)
            qtbot.mouseClick(
                users.viewport(), Qt.MouseButton.LeftButton, pos=users.visualItemRect(item).center()
            )
            assert win.sign_in.username() == username
            return
    raise AssertionError(f"{username} is not in the login list")


def type_pin_and_enter(qtbot: QtBot, win: LoginWindow, pin: str) -> None:
    qtbot.waitUntil(lambda: win.sign_in.button.isEnabled(), timeout=WAIT_MS)
    qtbot.keyClicks(win.sign_in.pin, pin)
    qtbot.keyClick(win.sign_in.pin, Qt.Key.Key_Return)


def test_first_run_creates_the_admin_then_signs_in(
    qtbot: QtBot, keep: Keep, empty_db: Database, worker: Worker
) -> None:
    """An empty database shows the create-administrator form; filling it in creates the
    admin in the database and signs them straight in."""
    win = open_login(keep, empty_db, worker)
    qtbot.waitUntil(lambda: win.current_form() is win.first, timeout=WAIT_MS)
    form = win.first
    assert form.username.text() == "admin"
    ime_type(form.display_name, "张主任")
    qtbot.keyClicks(form.pin, "k7m2")
    qtbot.keyClicks(form.pin2, "k7m2")
    with qtbot.waitSignal(win.signed_in, timeout=WAIT_MS) as signed:
        qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    actor = signed.args[0]
    assert actor.username == "admin"
    assert actor.display_name == "张主任"
    assert actor.roles == frozenset({Role.ADMIN})
    assert not accounts.needs_first_admin(empty_db)
    assert accounts.login(empty_db, "admin", "k7m2").username == "admin"


def test_first_run_refusals_are_shown_inline_and_nothing_is_created(
    qtbot: QtBot, keep: Keep, empty_db: Database, worker: Worker
) -> None:
    """Different PINs, then a too-short PIN (the core's own message), leave no account."""
    win = open_login(keep, empty_db, worker)
    qtbot.waitUntil(lambda: win.current_form() is win.first, timeout=WAIT_MS)
    form = win.first
    qtbot.keyClicks(form.pin, "k7m2")
    qtbot.keyClicks(form.pin2, "k7m3")
    qtbot.keyClick(form.pin2, Qt.Key.Key_Return)
    assert form.banner.isVisible()
    assert "两次输入的 PIN 不一致" in form.banner.text()

    form.pin.clear()
    qtbot.keyClicks(form.pin, "12")
    qtbot.keyClicks(form.pin2, "12")
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "至少 4 位" in form.banner.text(), timeout=WAIT_MS)
    assert form.button.isEnabled()
    assert accounts.needs_first_admin(empty_db)


def test_wrong_pin_shows_the_core_message_with_attempts_left(
    qtbot: QtBot, keep: Keep, venue: Venue, worker: Worker
) -> None:
    """A wrong PIN is refused inline in Chinese with the attempts left; the PIN field is
    cleared for the next try and the window stays."""
    win = open_login(keep, venue.db, worker)
    choose_user(qtbot, win, "judge1")
    type_pin_and_enter(qtbot, win, "9999x")
    banner = win.sign_in.banner
    qtbot.waitUntil(lambda: banner.kind == "error", timeout=WAIT_MS)
    assert "用户名或 PIN 不正确（还可再试 4 次）" in banner.text()
    assert win.sign_in.pin.text() == ""
    assert win.isVisible()


def test_five_wrong_pins_lock_the_account(
    qtbot: QtBot, keep: Keep, venue: Venue, worker: Worker
) -> None:
    """The fifth wrong PIN locks the account; after that even the right PIN is refused with
    the lockout message and nobody is signed in."""
    win = open_login(keep, venue.db, worker)
    signed: list[object] = []
    win.signed_in.connect(signed.append)
    choose_user(qtbot, win, "registrar")
    banner = win.sign_in.banner
    for attempt in range(1, 6):
        type_pin_and_enter(qtbot, win, f"wrong{attempt}")
        qtbot.waitUntil(
            lambda: banner.kind == "error" and win.sign_in.button.isEnabled(), timeout=WAIT_MS
        )
        if attempt < 5:
            assert f"还可再试 {5 - attempt} 次" in banner.text()
    assert "账号已锁定" in banner.text()

    type_pin_and_enter(qtbot, win, PIN)
    qtbot.waitUntil(
        lambda: banner.kind == "error" and win.sign_in.button.isEnabled(), timeout=WAIT_MS
    )
    assert "锁定" in banner.text()
    assert signed == []


def test_enter_in_the_pin_field_signs_in_the_chosen_user(
    qtbot: QtBot, keep: Keep, venue: Venue, worker: Worker
) -> None:
    """Choosing a user, typing the PIN and pressing Enter signs that user in."""
    win = open_login(keep, venue.db, worker)
    choose_user(qtbot, win, "chief")
    with qtbot.waitSignal(win.signed_in, timeout=WAIT_MS) as signed:
        type_pin_and_enter(qtbot, win, PIN)
    assert signed.args[0].username == "chief"
    assert signed.args[0].roles == frozenset({Role.CHIEF})


def test_the_last_user_is_preselected_next_time(
    qtbot: QtBot, keep: Keep, venue: Venue, worker: Worker
) -> None:
    """After judge1 signed in on this computer, the next login screen starts on judge1."""
    win = open_login(keep, venue.db, worker)
    choose_user(qtbot, win, "judge1")
    with qtbot.waitSignal(win.signed_in, timeout=WAIT_MS):
        type_pin_and_enter(qtbot, win, PIN)
    again = open_login(keep, venue.db, worker)
    qtbot.waitUntil(lambda: again.sign_in.users.count() > 0, timeout=WAIT_MS)
    assert again.sign_in.username() == "judge1"


@pytest.mark.parametrize("demo", [True, False])
def test_demo_pin_hint_only_in_demo_mode(
    qtbot: QtBot, keep: Keep, venue: Venue, worker: Worker, demo: bool
) -> None:
    """The hint '演示账号的 PIN 均为 2580' shows with --demo and never on a real venue."""
    win = open_login(keep, venue.db, worker, demo=demo)
    qtbot.waitUntil(lambda: win.current_form() is win.sign_in, timeout=WAIT_MS)
    assert win.sign_in.demo_hint.isVisible() is demo
    assert win.sign_in.demo_hint.text() == "演示账号的 PIN 均为 2580"
