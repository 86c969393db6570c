"""现场报名 dialog: inline errors from the core's checks, derived gender/birth, Enter submits."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kmjudge.registration import service as registration
from kmjudge.registration.idcard import make_id_number
from ui.context import AppContext
from ui.registration import ContestantsPage, WalkInDialog

from .sheets import bad_checksum
from .typing import type_text

GOOD_ID = make_id_number("530102", datetime.date(1990, 4, 18), 871, "M")


def count(ctx: AppContext) -> int:
    assert ctx.event_id is not None
    return len(registration.list_registrations(ctx.db, ctx.actor, ctx.event_id))


def open_dialog(qtbot: QtBot, ctx: AppContext) -> WalkInDialog:
    assert ctx.event_id is not None
    dialog = WalkInDialog(ctx, ctx.event_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # so that leaving a field really moves the focus
    return dialog


def test_bad_id_shows_inline_error_and_enter_does_not_submit_then_valid_id_registers(
    qtbot: QtBot, make_ctx: Callable[..., AppContext]
) -> None:
    """A wrong check character is reported under the ID field and Enter submits nothing; with
    the right number the gender/birth date appear, Enter registers and the ticket is shown."""
    ctx = make_ctx("registrar")
    dialog = open_dialog(qtbot, ctx)
    type_text(qtbot, dialog.name, "诸葛明")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Tab)
    assert dialog.error_text("name") == ""
    type_text(qtbot, dialog.id_number, bad_checksum(GOOD_ID))
    assert "校验位不正确" in dialog.error_text("id_number")  # shown as soon as 18 are typed
    assert dialog.id_info.isHidden()
    qtbot.keyClick(dialog.id_number, Qt.Key.Key_Return)
    qtbot.wait(200)
    assert dialog.stack.currentIndex() == 0
    assert dialog.result_view is None
    assert count(ctx) == 60

    dialog.id_number.clear()
    type_text(qtbot, dialog.id_number, GOOD_ID)
    assert dialog.error_text("id_number") == ""
    assert not dialog.id_info.isHidden()
    assert "男 · 1990-04-18 出生" in dialog.id_info.text()
    type_text(qtbot, dialog.phone, "13888006006")
    with qtbot.waitSignal(ctx.bus.registrations_changed, timeout=10_000) as changed:
        qtbot.keyClick(dialog.phone, Qt.Key.Key_Return)
    assert changed.args == [ctx.event_id]
    qtbot.waitUntil(lambda: dialog.result_view is not None, timeout=10_000)
    assert dialog.stack.currentIndex() == 1
    assert dialog.ticket_label.text() == "260061"
    assert "诸葛明 报名成功" in dialog.done_title.text()
    assert count(ctx) == 61
    view = dialog.result_view
    assert view is not None and view.source == "walkin" and view.gender == "M"


def test_fifteen_digit_id_is_reported_when_the_field_is_left(
    qtbot: QtBot, make_ctx: Callable[..., AppContext]
) -> None:
    """An old 15-digit number gets the core's explanation once the registrar leaves the field."""
    dialog = open_dialog(qtbot, make_ctx("registrar"))
    type_text(qtbot, dialog.id_number, "530102900101123")
    assert dialog.error_text("id_number") == ""  # not while still typing
    qtbot.keyClick(dialog.id_number, Qt.Key.Key_Tab)
    assert "15 位的旧身份证号码" in dialog.error_text("id_number")


def test_gender_contradicting_the_id_is_shown_next_to_gender(
    qtbot: QtBot, make_ctx: Callable[..., AppContext]
) -> None:
    """Choosing 女 for a man's ID number puts the mismatch under 性别, and nothing is saved."""
    ctx = make_ctx("registrar")
    dialog = open_dialog(qtbot, ctx)
    type_text(qtbot, dialog.name, "诸葛明")
    type_text(qtbot, dialog.id_number, GOOD_ID)
    dialog.gender.setCurrentIndex(2)  # 女
    assert "所选性别与身份证号不符" in dialog.error_text("gender")
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    qtbot.wait(200)
    assert dialog.result_view is None and count(ctx) == 60


def test_empty_form_submitted_marks_required_fields(
    qtbot: QtBot, make_ctx: Callable[..., AppContext]
) -> None:
    """Pressing 报名 on an empty form shows the name and ID problems in red under each field."""
    dialog = open_dialog(qtbot, make_ctx("registrar"))
    assert dialog.error_text("name") == ""
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    assert "请填写姓名" in dialog.error_text("name")
    assert "身份证号码为空" in dialog.error_text("id_number")
    assert dialog.name.property("invalid") == "true"
    assert dialog.name.hasFocus()  # the first field with a problem


def test_someone_already_entered_is_refused_with_the_core_message(
    qtbot: QtBot, make_ctx: Callable[..., AppContext]
) -> None:
    """Registering a demo contestant again shows 已报名本场次 with their ticket number."""
    ctx = make_ctx("registrar")
    assert ctx.event_id is not None
    existing = registration.list_registrations(ctx.db, ctx.actor, ctx.event_id)[5]
    dialog = open_dialog(qtbot, ctx)
    type_text(qtbot, dialog.name, existing.name)
    type_text(qtbot, dialog.id_number, existing.id_number)
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.banner.kind == "error", timeout=10_000)
    assert "已报名本场次" in dialog.banner.text()
    assert existing.ticket_no in dialog.banner.text()
    assert dialog.stack.currentIndex() == 0
    assert count(ctx) == 60


def test_walkin_from_the_page_appears_in_the_list(
    qtbot: QtBot, make_ctx: Callable[..., AppContext]
) -> None:
    """现场报名… on the page opens the form; after registering, the list shows the newcomer."""
    ctx = make_ctx("registrar")
    page = ContestantsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.total_count == 60, timeout=10_000)
    qtbot.mouseClick(page.walkin_button, Qt.MouseButton.LeftButton)
    dialog = page.walkin_dialog
    assert dialog is not None and dialog.isVisible()
    type_text(qtbot, dialog.name, "诸葛明")
    type_text(qtbot, dialog.id_number, GOOD_ID)
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.total_count == 61, timeout=10_000)
    type_text(qtbot, page.search, "诸葛明")
    assert [r.ticket_no for r in page.model.visible_rows()] == ["260061"]
    qtbot.mouseClick(dialog.another_button, Qt.MouseButton.LeftButton)
    assert dialog.stack.currentIndex() == 0 and dialog.name.text() == ""
