"""选手报名 page: search as you type, permissions, the no-event state."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from kmjudge.registration import service as registration
from kmjudge.registration.idcard import mask_id
from kmjudge.registration.service import RegistrationView
from ui.context import AppContext
from ui.registration import ContestantsPage
from ui.registration.models import RegistrationTableModel

from .typing import type_text


def open_page(qtbot: QtBot, ctx: AppContext) -> ContestantsPage:
    page = ContestantsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1176, 640)
    page.show()
    if ctx.event_id is not None and page.can_view:
        qtbot.waitUntil(lambda: page.model.total_count > 0 and not page.loading, timeout=10_000)
    return page


def shown(page: ContestantsPage) -> list[RegistrationView]:
    return page.model.visible_rows()


def matches(r: RegistrationView, query: str) -> bool:
    """What a registrar means by a hit: the text appears in the name, ID, ticket or employer."""
    return any(query in f for f in (r.name, r.id_number, r.ticket_no, r.employer))


def everyone(ctx: AppContext) -> list[RegistrationView]:
    assert ctx.event_id is not None
    return registration.list_registrations(ctx.db, ctx.actor, ctx.event_id)


def test_list_shows_every_contestant_with_masked_id_and_chinese_status(
    qtbot: QtBot, admin_ctx: AppContext
) -> None:
    """All 60 demo contestants are listed with 共 60 人; IDs are masked, status is 已报名."""
    page = open_page(qtbot, admin_ctx)
    rows = everyone(admin_ctx)
    assert page.model.rowCount() == 60
    assert page.count_label.text() == "共 60 人"
    texts = page.table_texts()
    first = next(r for r in rows if r.ticket_no == texts[0][RegistrationTableModel.TICKET])
    assert texts[0][RegistrationTableModel.NAME] == first.name
    assert texts[0][RegistrationTableModel.ID] == mask_id(first.id_number)
    assert first.id_number not in {t[RegistrationTableModel.ID] for t in texts}
    assert {t[RegistrationTableModel.STATUS] for t in texts} == {"已报名"}
    assert {t[RegistrationTableModel.GENDER] for t in texts} <= {"男", "女"}
    header = page.model.headerData(0, Qt.Orientation.Horizontal)
    assert header == "准考证号"


def test_typing_filters_by_name_last_id_digits_and_ticket(
    qtbot: QtBot, admin_ctx: AppContext
) -> None:
    """Typing a name, the last 4 ID digits or a ticket number narrows the list to those rows."""
    page = open_page(qtbot, admin_ctx)
    rows = everyone(admin_ctx)
    target = rows[17]

    type_text(qtbot, page.search, target.name)
    hits = shown(page)
    assert target in hits
    assert hits == [r for r in sorted(rows, key=lambda r: r.ticket_no) if target.name in r.name]
    assert page.count_label.text() == f"共 60 人，显示 {len(hits)} 人"

    page.search.clear()
    assert page.model.rowCount() == 60
    qtbot.keyClicks(page.search, target.last4)
    hits = shown(page)
    assert target in hits
    assert all(matches(r, target.last4) for r in hits)
    assert len(hits) < 60

    page.search.clear()
    qtbot.keyClicks(page.search, target.ticket_no)
    assert shown(page) == [target]
    assert page.count_label.text() == "共 60 人，显示 1 人"

    page.search.clear()
    type_text(qtbot, page.search, "没有这个人")
    assert page.model.rowCount() == 0
    assert page.count_label.text() == "共 60 人，显示 0 人"

    qtbot.keyClick(page.search, Qt.Key.Key_Escape)
    assert page.search.text() == ""
    assert page.model.rowCount() == 60


def test_judge_sees_no_names(qtbot: QtBot, make_ctx: Callable[..., AppContext]) -> None:
    """A judge (no VIEW_NAMES) gets a message; no contestant's name is anywhere on the page."""
    admin_rows = everyone(make_ctx("admin"))
    ctx = make_ctx("judge1")
    page = open_page(qtbot, ctx)
    qtbot.wait(200)  # give a (wrong) background load the chance to arrive
    assert page.model.rowCount() == 0
    assert page.stack.currentWidget() is page.empty
    assert "无权查看选手姓名" in page.empty.text()
    assert not page.import_button.isVisibleTo(page)
    assert not page.walkin_button.isVisibleTo(page)
    assert not page.search.isEnabled()
    on_screen = " ".join(w.text() for w in page.findChildren(QLabel))
    assert not any(r.name in on_screen for r in admin_rows)
    ctx.bus.registrations_changed.emit(ctx.event_id)
    qtbot.wait(100)
    assert page.model.rowCount() == 0


def test_registrar_may_enter_walkins_but_not_import(
    qtbot: QtBot, make_ctx: Callable[..., AppContext]
) -> None:
    """The registrar sees 现场报名… but not 导入报名表… (only the admin imports)."""
    page = open_page(qtbot, make_ctx("registrar"))
    assert page.walkin_button.isVisibleTo(page)
    assert not page.import_button.isVisibleTo(page)
    assert page.model.rowCount() == 60


def test_no_event_shows_friendly_state_then_loads_when_one_is_chosen(
    qtbot: QtBot, make_ctx: Callable[..., AppContext], event_id: object
) -> None:
    """Without a selected event the page asks for one; selecting an event loads its list."""
    ctx = make_ctx("admin", with_event=False)
    page = open_page(qtbot, ctx)
    assert page.stack.currentWidget() is page.empty
    assert "请先选择竞赛场次" in page.empty.text()
    assert not page.import_button.isEnabled()
    ctx.select_event(event_id)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: page.model.rowCount() == 60, timeout=10_000)
    assert page.stack.currentWidget() is page.table
    assert "电工" in page.event_label.text()
    ctx.select_event(None)
    assert page.model.rowCount() == 0
    assert "请先选择竞赛场次" in page.empty.text()


def test_sorting_by_name_keeps_the_filter(qtbot: QtBot, admin_ctx: AppContext) -> None:
    """Clicking a column sorts; a search typed afterwards still shows only matching rows."""
    page = open_page(qtbot, admin_ctx)
    page.table.sortByColumn(RegistrationTableModel.TICKET, Qt.SortOrder.DescendingOrder)
    tickets = [r.ticket_no for r in shown(page)]
    assert tickets == sorted(tickets, reverse=True)
    qtbot.keyClicks(page.search, "2600")
    hits = [r.ticket_no for r in shown(page)]
    assert hits == sorted(hits, reverse=True)
    assert all("2600" in r.ticket_no or "2600" in r.id_number for r in shown(page))


def test_page_is_a_plain_widget_built_from_context(qtbot: QtBot, admin_ctx: AppContext) -> None:
    """The shell mounts pages as Page(ctx, parent): the parent is honoured."""
    holder = QWidget()
    qtbot.addWidget(holder)
    page = ContestantsPage(admin_ctx, holder)
    assert page.parent() is holder
