"""竞赛设置 page: event list, settings form with live weights sum, scheme tree and imports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from kmjudge import demo, demo_finished, events
from ui.context import AppContext
from ui.setup import EventsPage
from ui.setup.scheme_view import SchemeView

from .typing import type_text

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "resources" / "examples"

SCHEME_95 = """
schema_version = 1
title = "少了 5 分的评分标准"

[[criteria]]
code = "A"
title = "实操作品"

  [[criteria.subcriteria]]
  code = "A1"
  title = "作品质量"

    [[criteria.subcriteria.aspects]]
    code = "A1.1"
    title = "尺寸符合图纸"
    kind = "M"
    max_mark = 50
    step = 1

    [[criteria.subcriteria.aspects]]
    code = "A1.2"
    title = "工艺美观"
    kind = "J"
    max_mark = 45
"""

BROKEN_SETUP = """
[competition]
name = "2026年测试竞赛"
year = 2026

[[events]]
name = "测试场次"
trade = "电工"
level = "city"
organiser = "昆明市总工会"
start = 2026-09-19T08:30:00
end = 2026-09-19T17:30:00
theory_weight = 40
practical_weight = 70
scheme = "scheme-electrician.toml"
"""


def open_page(qtbot: QtBot, ctx: AppContext) -> EventsPage:
    page = EventsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1176, 660)
    page.show()
    qtbot.waitUntil(lambda: not page.loading and page.model.rowCount() > 0, timeout=10_000)
    if ctx.event_id is not None:
        qtbot.waitUntil(lambda: page.detail is not None, timeout=10_000)
    return page


def answer_open(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )


def test_list_and_scheme_tree_show_the_event_with_total_100(
    qtbot: QtBot, admin_ctx: AppContext
) -> None:
    """The demo event is listed in Chinese and its scheme tree shows 合计 100 分 in green
    (yesterday's finished demo event is listed too, oldest first)."""
    page = open_page(qtbot, admin_ctx)
    m = page.model
    names = [m.data(m.index(r, m.NAME)) for r in range(m.rowCount())]
    assert names == [demo_finished.event_name(date.today()), demo.todays_event_name()]
    row = 1
    assert m.data(m.index(row, m.NAME)).endswith("年昆明市职工职业技能竞赛（电工）")
    assert m.data(m.index(row, m.LEVEL)) == "市级"
    assert m.data(m.index(row, m.STATUS)) == "筹备"
    assert m.data(m.index(row, m.ENTRIES)) == "60"
    assert m.data(m.index(0, m.STATUS)) == "进行中" and m.data(m.index(0, m.ENTRIES)) == "23"
    assert page.table.selectionModel().selectedRows()[0].row() == row
    view = page.scheme_view
    assert view.total_label.text() == "合计 100 分"
    assert "#1d6b2c" in view.total_label.styleSheet()
    rows = view.rows_text()
    a = next(r for r in rows if r[SchemeView.CODE] == "A")
    assert a[SchemeView.MARK] == "15"
    a11 = next(r for r in rows if r[SchemeView.CODE] == "A1.1")
    assert a11[SchemeView.KIND] == "测量" and a11[SchemeView.STEP] == "全有或全无"
    a23 = next(r for r in rows if r[SchemeView.CODE] == "A2.3")
    assert a23[SchemeView.KIND] == "评价" and a23[SchemeView.RULE] == "去掉最高最低"
    a31 = next(r for r in rows if r[SchemeView.CODE] == "A3.1")
    assert a31[SchemeView.KIND] == "扣分" and a31[SchemeView.CAP] == "15"
    assert page.tabs.tabText(1) == "评分标准"


def test_scheme_totalling_95_is_refused_with_the_core_message(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, admin_ctx: AppContext, tmp_path: Path
) -> None:
    """Importing a scheme whose marks add up to 95 lists the core's reason; nothing changes."""
    path = tmp_path / "少5分.toml"
    path.write_text(SCHEME_95, encoding="utf-8")
    page = open_page(qtbot, admin_ctx)
    page.tabs.setCurrentWidget(page.scheme_view)
    view = page.scheme_view
    answer_open(monkeypatch, path)
    qtbot.mouseClick(view.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.issues_dialog is not None, timeout=10_000)
    dialog = view.issues_dialog
    assert dialog is not None and dialog.isVisible()
    assert "合计为 95 分，应为 100 分（少 5 分）" in dialog.text()
    assert view.banner.kind == "error"
    assert "未导入" in view.banner.text() and "应为 100 分" in view.banner.text()
    assert view.total_label.text() == "合计 100 分"  # the tree still shows the old scheme
    assert admin_ctx.event_id is not None
    stored = events.get_event(admin_ctx.db, admin_ctx.actor, admin_ctx.event_id).scheme
    assert stored is not None and stored.title == "电工职业技能竞赛实操评分标准"


def test_valid_scheme_file_replaces_the_scheme(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, admin_ctx: AppContext, tmp_path: Path
) -> None:
    """A scheme whose total is 100 (here from Excel) is imported and shown at once."""
    page = open_page(qtbot, admin_ctx)
    view = page.scheme_view
    answer_open(monkeypatch, EXAMPLES / "scheme-electrician.xlsx")
    with qtbot.waitSignal(admin_ctx.bus.events_changed, timeout=10_000):
        qtbot.mouseClick(view.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.banner.kind == "success", timeout=10_000)
    assert "合计 100 分" in view.banner.text()
    assert view.total_label.text() == "合计 100 分"


def test_weights_sum_turns_red_and_saving_is_refused(qtbot: QtBot, admin_ctx: AppContext) -> None:
    """Theory 25 + practical 70 shows 合计 95% in red; 保存 gets the core's refusal."""
    page = open_page(qtbot, admin_ctx)
    form = page.form
    assert form.weights_sum.text() == "合计 100%"
    form.theory.setFocus()
    form.theory.selectAll()
    qtbot.keyClicks(form.theory, "25")
    assert form.theory.value() == 25
    assert form.weights_sum.text() == "合计 95%（应为 100%）"
    assert "#c0392b" in form.weights_sum.styleSheet()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.banner.kind == "error", timeout=10_000)
    assert "理论与实操权重之和须为 100%" in form.banner.text()
    assert admin_ctx.event_id is not None
    stored = events.get_event(admin_ctx.db, admin_ctx.actor, admin_ctx.event_id)
    assert stored.theory_weight == 30


def test_valid_settings_are_saved(qtbot: QtBot, admin_ctx: AppContext) -> None:
    """New venue and 20/80 weights are saved through the core and the list shows the venue."""
    page = open_page(qtbot, admin_ctx)
    form = page.form
    form.venue.selectAll()
    type_text(qtbot, form.venue, "昆明市技师学院实训中心")
    form.theory.setValue(20)
    form.practical.setValue(80)
    assert form.weights_sum.text() == "合计 100%"
    assert set(form.changes()) == {"venue", "theory_weight", "practical_weight"}
    with qtbot.waitSignal(admin_ctx.bus.events_changed, timeout=10_000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.banner.kind == "success", timeout=10_000)
    assert admin_ctx.event_id is not None
    stored = events.get_event(admin_ctx.db, admin_ctx.actor, admin_ctx.event_id)
    assert stored.summary.venue == "昆明市技师学院实训中心"
    assert (stored.theory_weight, stored.practical_weight) == (Decimal(20), Decimal(80))
    m = page.model
    qtbot.waitUntil(
        lambda: m.data(m.index(m.row_of(stored.summary.id), m.VENUE)) == "昆明市技师学院实训中心",
        timeout=10_000,
    )
    # The list and the form's details reload one after the other (two background reads).
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    assert form.detail is not None and form.detail.summary.venue == "昆明市技师学院实训中心"
    assert form.changes() == {}


def test_setup_file_import_creates_events_and_selects_the_first(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, admin_ctx: AppContext
) -> None:
    """Importing the example set-up file adds its two events and makes the first current."""
    page = open_page(qtbot, admin_ctx)
    demo_events = page.model.rowCount()  # today's and yesterday's demo events
    answer_open(monkeypatch, EXAMPLES / "event-setup.toml")
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == demo_events + 2, timeout=10_000)
    qtbot.waitUntil(
        lambda: (
            page.detail is not None
            and page.detail.summary.name == "2026年昆明市职工职业技能竞赛电工项目"
        ),
        timeout=10_000,
    )
    assert admin_ctx.event_id == page.detail.summary.id
    assert "新建 2 个竞赛场次" in page.banner.text()
    row = page.model.row_of(admin_ctx.event_id)
    assert page.table.selectionModel().selectedRows()[0].row() == row
    welding = page.model.events.index(next(e for e in page.model.events if e.trade == "焊工"))
    page.select_event_row(welding)
    qtbot.waitUntil(
        lambda: page.detail is not None and page.detail.summary.trade == "焊工", timeout=10_000
    )
    assert admin_ctx.event_id == page.detail.summary.id  # selecting here selects app-wide
    assert page.scheme_view.total_label.text() == "合计 100 分"
    assert page.model.data(page.model.index(welding, page.model.LEVEL)) == "区级·五华区"


def test_broken_setup_file_lists_every_problem_and_creates_nothing(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, admin_ctx: AppContext, tmp_path: Path
) -> None:
    """A set-up file without a venue and with weights 40 + 70 gets a dialog listing both."""
    (tmp_path / "scheme-electrician.toml").write_text(
        (EXAMPLES / "scheme-electrician.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    path = tmp_path / "坏的设置.toml"
    path.write_text(BROKEN_SETUP, encoding="utf-8")
    before = len(events.list_events(admin_ctx.db, admin_ctx.actor))
    page = open_page(qtbot, admin_ctx)
    answer_open(monkeypatch, path)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.issues_dialog is not None, timeout=10_000)
    dialog = page.issues_dialog
    assert dialog is not None
    text = dialog.text()
    assert "没有创建任何场次" in text
    assert "应为 100%" in text
    assert "venue" in text
    assert dialog.table.rowCount() >= 2
    assert all(dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount()))
    assert page.banner.kind == "error"
    assert len(events.list_events(admin_ctx.db, admin_ctx.actor)) == before


def test_blank_template_is_exported(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, admin_ctx: AppContext, tmp_path: Path
) -> None:
    """导出评分标准模板… saves an .xlsx that a spreadsheet program can open."""
    page = open_page(qtbot, admin_ctx)
    target = tmp_path / "模板"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    qtbot.mouseClick(page.scheme_view.template_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.scheme_view.banner.kind == "success", timeout=10_000)
    wb = openpyxl.load_workbook(target.with_suffix(".xlsx"))
    assert wb.sheetnames


def test_no_event_selected_shows_friendly_state(
    qtbot: QtBot, make_ctx: Callable[..., AppContext]
) -> None:
    """With no current event, the detail area asks for one instead of showing an empty form."""
    ctx = make_ctx("admin", with_event=False)
    page = open_page(qtbot, ctx)
    assert page.detail_stack.currentWidget() is page.detail_empty
    assert "请先选择竞赛场次" in page.detail_empty.text()
    page.select_event_row(0)
    qtbot.waitUntil(lambda: page.detail is not None, timeout=10_000)
    assert ctx.event_id == page.detail.summary.id
    assert page.detail_stack.currentWidget() is page.tabs
