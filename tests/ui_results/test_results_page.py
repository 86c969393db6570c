"""The results page (chief judge, admin) and the big screen, against the results core."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kmjudge.db.engine import Database
from kmjudge.results.release import view_results
from tests.results.helpers import ScoredEvent
from tests.ui_results.conftest import WAIT_MS, build_event
from ui.context import AppContext
from ui.mainwindow import pages_for
from ui.results.board_window import BoardWindow
from ui.results.models import ResultsTableModel as M
from ui.results.results_page import ResultsPage
from ui.worker import Worker

Make = Callable[[str], AppContext]
NAMES = ("张三", "李四", "王五", "赵六", "钱七", "孙八")


def open_page(qtbot: QtBot, ctx: AppContext) -> ResultsPage:
    page = ResultsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitUntil(lambda: page.view is not None, timeout=WAIT_MS)
    return page


def cells(page: ResultsPage) -> list[list[str]]:
    model = page.models[0]
    return [[model.text(r, c) for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_provisional_results_show_stations_but_no_names(qtbot: QtBot, make_ctx: Make) -> None:
    page = open_page(qtbot, make_ctx("chief"))
    assert "暂定成绩（未锁定，仅裁判长和管理员可见）" in page.stage_label.text()
    table = page.tables[0]
    assert table.isColumnHidden(M.NAME)
    rows = cells(page)
    text = repr(rows)
    assert not any(n in text for n in NAMES)
    assert all(r[M.NAME] == "" for r in rows)
    assert {r[M.STATION] for r in rows} == {"1", "2", "3", "4", "5", "6"}
    header = page.models[0].headerData
    assert header(M.STATION, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == "工位号"


def test_table_totals_match_the_core(qtbot: QtBot, ev: ScoredEvent, make_ctx: Make) -> None:
    ctx = make_ctx("admin")
    page = open_page(qtbot, ctx)
    core = view_results(ev.db, ev.login("admin"), ev.event_id)
    model = page.models[0]
    ranked = core.results.ranked
    assert len(ranked) == 4
    for i, r in enumerate(ranked):
        assert model.text(i, M.STATION) == str(r.station)
        assert model.text(i, M.RANK) == str(r.rank)
        assert model.text(i, M.TOTAL) == f"{r.total:.2f}"
        assert model.text(i, M.THEORY) == f"{r.theory:.2f}"
        assert model.text(i, M.PRACTICAL) == f"{r.practical:.2f}"
        assert model.text(i, M.AWARD) == r.award_zh
        assert model.text(i, M.TITLE) == r.title
    # the absent and the withdrawn come last, unranked and greyed
    tail = cells(page)[4:]
    assert sorted(r[M.RANK] for r in tail) == ["缺考", "退赛"]
    assert all(r[M.TOTAL] == "—" for r in tail)
    assert model.data(model.index(5, M.TOTAL), 9).name() == "#8a939c"  # ForegroundRole
    assert model.data(model.index(0, M.TOTAL), 9) is None
    # admin has no release permission: the button is not offered
    assert page.buttons["release"].isHidden()


def test_exports_write_files_that_read_back(
    qtbot: QtBot, ev: ScoredEvent, make_ctx: Make, tmp_path: Path
) -> None:
    import openpyxl
    from pypdf import PdfReader

    ev.lock()
    page = open_page(qtbot, make_ctx("chief"))
    assert not page.tables[0].isColumnHidden(M.NAME)
    assert "已锁定" in page.stage_label.text()
    outputs = {
        "boardPdf": tmp_path / "board.pdf",
        "boardXlsx": tmp_path / "board.xlsx",
        "winners": tmp_path / "winners.pdf",
        "transcripts": tmp_path / "transcripts.pdf",
        "signoff": tmp_path / "signoff.pdf",
    }
    for key, path in outputs.items():
        page.ask_save_path = lambda _s, _f, p=path: str(p)  # type: ignore[method-assign]
        page.buttons[key].click()
        qtbot.waitUntil(
            lambda p=path: page.banner.kind == "success" and str(p) in page.banner.text(),
            timeout=WAIT_MS,
        )
    text = "".join(pg.extract_text() for pg in PdfReader(outputs["boardPdf"]).pages)
    assert "成绩公示表" in text and "李四" in text
    core = view_results(ev.db, ev.login("chief"), ev.event_id)
    assert f"{core.results.ranked[0].total:.2f}" in text
    assert "李四" in "".join(pg.extract_text() for pg in PdfReader(outputs["winners"]).pages)
    assert len(PdfReader(outputs["transcripts"]).pages) >= 4
    assert "裁判长" in "".join(pg.extract_text() for pg in PdfReader(outputs["signoff"]).pages)
    wb = openpyxl.load_workbook(outputs["boardXlsx"])
    values = {str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row}
    assert "李四" in values


def test_cancelled_save_dialog_writes_nothing(qtbot: QtBot, make_ctx: Make) -> None:
    page = open_page(qtbot, make_ctx("chief"))
    page.ask_save_path = lambda _s, _f: ""  # type: ignore[method-assign]
    page.buttons["boardPdf"].click()
    assert page.banner.isHidden()


def test_release_refused_before_lock_and_allowed_after(
    qtbot: QtBot, ev: ScoredEvent, make_ctx: Make
) -> None:
    """Before the lock the release button is disabled and says why (a click could only be
    refused); the core refuses a release all the same; after the lock it publishes."""
    page = open_page(qtbot, make_ctx("chief"))
    page.confirm_release = lambda: True  # type: ignore[method-assign]
    assert not page.buttons["release"].isEnabled()
    assert "锁定" in page.buttons["release"].toolTip()
    page.ask_release()  # what the button would do: the core says no
    qtbot.waitUntil(lambda: page.banner.kind == "error", timeout=WAIT_MS)
    assert "成绩尚未锁定，不能公布" in page.banner.text()
    assert page.view is not None and page.view.stage == "provisional"

    ev.lock()
    page.reload()
    qtbot.waitUntil(lambda: page.view is not None and page.view.stage == "locked", timeout=WAIT_MS)
    page.buttons["release"].click()
    qtbot.waitUntil(
        lambda: page.view is not None and page.view.stage == "released", timeout=WAIT_MS
    )
    assert "已公布" in page.stage_label.text()
    assert not page.buttons["release"].isEnabled()


def test_board_shows_nothing_before_release_and_names_after(
    qtbot: QtBot, ev: ScoredEvent, make_ctx: Make
) -> None:
    ctx = make_ctx("chief")
    board = BoardWindow(ctx, ev.event_id)
    qtbot.addWidget(board)
    board.resize(1366, 768)
    board.show()
    qtbot.waitUntil(lambda: "成绩尚未公布" in board.empty_label.text(), timeout=WAIT_MS)
    qtbot.wait(200)
    assert board.stack.currentIndex() == 1 and board.model.rowCount() == 0
    assert not board.released

    ev.lock()
    from kmjudge.results.release import release

    release(ev.db, ev.login("chief"), ev.event_id)
    board.reload()
    qtbot.waitUntil(lambda: board.released, timeout=WAIT_MS)
    assert board.stack.currentIndex() == 0
    shown = {board.model.cell(r, board.model.NAME) for r in board.model.rows}
    assert {"李四", "张三", "王五", "赵六"} <= shown
    assert "ID" not in repr(board.model.rows)


def test_board_pages_through_long_lists(qtbot: QtBot, db: Database) -> None:
    ev = build_event(db, extra=30)
    ev.lock()
    worker = Worker()
    try:
        ctx = AppContext(db, ev.login("chief"), worker, "zh", ev.event_id)
        from kmjudge.results.release import release

        release(db, ctx.actor, ev.event_id)
        board = BoardWindow(ctx, ev.event_id)
        qtbot.addWidget(board)
        board.resize(1366, 768)
        board.show()
        qtbot.waitUntil(lambda: board.released, timeout=WAIT_MS)
        assert len(board.pages) >= 2
        assert sum(len(p.rows) for p in board.pages) == 36
        first = board.model.rows[0]
        board.page_timer.setInterval(50)
        board.page_timer.start()
        qtbot.waitUntil(lambda: board.page_index == 1, timeout=WAIT_MS)
        assert board.model.rows[0] != first
        assert "第 2 页" in board.pager.text()
        # every row fits on screen: no scrolling on a big screen
        assert board.model.rowCount() * board.row_height <= board.table.viewport().height()
    finally:
        worker.shutdown()


@pytest.mark.parametrize("username", ["judge1", "reg"])
def test_judges_and_registrars_cannot_reach_the_page(
    make_ctx: Make, qtbot: QtBot, username: str
) -> None:
    ctx = make_ctx(username)
    assert "results" not in [p.key for p in pages_for(ctx.actor)]
    page = ResultsPage(ctx)
    qtbot.addWidget(page)
    qtbot.wait(100)
    assert page.view is None and not page.tables
    assert "只有裁判长和管理员" in page.empty.text()
    assert not page.buttons["boardPdf"].isEnabled()
