"""The accounts page: adding a user (then signing in as them), refusals, resetting a PIN."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QWidget
from pytestqt.qtbot import QtBot

from kmjudge import accounts
from kmjudge.accounts import Role
from kmjudge.errors import AuthError
from tests.ui.conftest import PIN, WAIT_MS, Keep, Venue, ime_type
from tests.ui.test_login import choose_user, open_login, type_pin_and_enter
from ui.users_page import ResetPinDialog, UsersPage
from ui.worker import Worker


def open_users(qtbot: QtBot, keep: Keep, venue: Venue, worker: Worker) -> UsersPage:
    page = UsersPage(venue.ctx(worker))
    keep(page)
    page.resize(1176, 680)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 6, timeout=WAIT_MS)
    return page


def click(qtbot: QtBot, widget: QWidget) -> None:
    """Click a button; a check box on its box (its label may be far narrower than the cell)."""
    if isinstance(widget, QCheckBox):
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))
    else:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_added_user_appears_in_the_list_and_can_sign_in(
    qtbot: QtBot, keep: Keep, venue: Venue, worker: Worker
) -> None:
    """Filling in the add-account form (roles ticked by clicking 裁判员) creates the account:
    it shows in the table with its Chinese role, and the new judge signs in at the login
    screen with the PIN that was typed."""
    page = open_users(qtbot, keep, venue, worker)
    form = page.form
    qtbot.keyClicks(form.username, "judge9")
    ime_type(form.display_name, "钱九")
    ime_type(form.employer, "昆明冶金高等专科学校")
    click(qtbot, form.role_boxes[Role.JUDGE])
    qtbot.keyClicks(form.pin, "t9t9x")
    qtbot.keyClicks(form.pin2, "t9t9x")
    click(qtbot, form.button)
    qtbot.waitUntil(lambda: form.banner.kind != "", timeout=WAIT_MS)
    assert form.banner.kind == "success", form.banner.text()
    assert "钱九（judge9）" in form.banner.text()
    qtbot.waitUntil(lambda: page.model.rowCount() == 7, timeout=WAIT_MS)
    row = next(u for u in page.model.rows if u.username == "judge9")
    assert row.employer == "昆明冶金高等专科学校"
    r = page.model.rows.index(row)
    assert page.model.index(r, 2).data() == "裁判员"
    assert form.username.text() == "" and not form.role_boxes[Role.JUDGE].isChecked()

    login = open_login(keep, venue.db, worker)
    choose_user(qtbot, login, "judge9")
    with qtbot.waitSignal(login.signed_in, timeout=WAIT_MS) as signed:
        type_pin_and_enter(qtbot, login, "t9t9x")
    assert signed.args[0].roles == frozenset({Role.JUDGE})


def test_refusals_are_inline_in_chinese_and_create_nothing(
    qtbot: QtBot, keep: Keep, venue: Venue, worker: Worker
) -> None:
    """No role ticked, an existing username, and a trivial PIN are each refused with the
    core's Chinese message under the form; the list keeps its six accounts."""
    page = open_users(qtbot, keep, venue, worker)
    form = page.form
    qtbot.keyClicks(form.username, "newbie")
    qtbot.keyClicks(form.pin, "q1w2")
    qtbot.keyClicks(form.pin2, "q1w2")
    click(qtbot, form.button)
    qtbot.waitUntil(lambda: form.banner.kind == "error", timeout=WAIT_MS)
    assert "至少选择一个角色" in form.banner.text()

    form.username.clear()
    qtbot.keyClicks(form.username, "judge1")
    click(qtbot, form.role_boxes[Role.JUDGE])
    form.banner.clear()
    click(qtbot, form.button)
    qtbot.waitUntil(lambda: form.banner.kind == "error", timeout=WAIT_MS)
    assert "用户名 judge1 已存在" in form.banner.text()

    form.username.clear()
    qtbot.keyClicks(form.username, "newbie")
    for field in (form.pin, form.pin2):
        field.clear()
        qtbot.keyClicks(field, "1111")
    form.banner.clear()
    click(qtbot, form.button)
    qtbot.waitUntil(lambda: form.banner.kind == "error", timeout=WAIT_MS)
    assert "过于简单" in form.banner.text()
    assert [u.username for u in accounts.list_users(venue.db, venue.admin)] == [
        "admin", "chief", "city", "clerk1", "judge1", "registrar",
    ]  # fmt: skip


def test_reset_pin_lifts_a_lockout(qtbot: QtBot, keep: Keep, venue: Venue, worker: Worker) -> None:
    """A registrar locked out by five wrong PINs shows as 已锁定; the admin selects the row,
    clicks 重置 PIN…, types a new PIN twice and confirms; the registrar signs in with it."""
    for _ in range(5):
        with contextlib.suppress(AuthError):
            accounts.login(venue.db, "registrar", "nope1")
    page = open_users(qtbot, keep, venue, worker)
    row = next(i for i, u in enumerate(page.model.rows) if u.username == "registrar")
    assert page.model.index(row, 4).data() == "已锁定"
    table = page.table
    rect = table.visualRect(page.model.index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    click(qtbot, page.reset_button)
    dialog = page.reset_dialog
    assert isinstance(dialog, ResetPinDialog) and dialog.isVisible()
    assert dialog.user.username == "registrar"
    qtbot.keyClicks(dialog.pin, "r3g1")
    qtbot.keyClicks(dialog.pin2, "r3g1")
    qtbot.keyClick(dialog.pin2, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.banner.kind == "success", timeout=WAIT_MS)
    assert "李检录" in page.banner.text()
    qtbot.waitUntil(lambda: page.model.index(row, 4).data() == "正常", timeout=WAIT_MS)
    assert accounts.login(venue.db, "registrar", "r3g1").username == "registrar"
    QApplication.processEvents()


def test_reset_pin_refusal_keeps_the_dialog_open(
    qtbot: QtBot, keep: Keep, venue: Venue, worker: Worker
) -> None:
    """A PIN the core refuses (too short) is shown inside the dialog, which stays open; the
    old PIN still works."""
    page = open_users(qtbot, keep, venue, worker)
    row = next(i for i, u in enumerate(page.model.rows) if u.username == "judge1")
    page.table.selectRow(row)
    click(qtbot, page.reset_button)
    dialog = page.reset_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.pin, "12")
    qtbot.keyClicks(dialog.pin2, "12")
    qtbot.keyClick(dialog.pin2, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.banner.kind == "error", timeout=WAIT_MS)
    assert "至少 4 位" in dialog.banner.text()
    assert dialog.isVisible()
    assert accounts.login(venue.db, "judge1", PIN).username == "judge1"
    dialog.reject()
