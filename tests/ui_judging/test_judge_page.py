"""The judge's grid: keyboard-only entry, inline refusals, blindness."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kmjudge.judging import entry
from kmjudge.judging.views import CELL_BLOCKS
from ui.judging.judge_page import JudgePage
from ui.judging.models import JudgeGridModel

from .conftest import WAIT_MS


def _page(qtbot: QtBot, ctx) -> JudgePage:  # type: ignore[no-untyped-def]
    page = JudgePage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    with qtbot.waitSignal(page.refreshed, timeout=WAIT_MS):
        page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    page.table.setFocus()
    return page


def _type(qtbot: QtBot, text: str) -> None:
    """Key presses to whatever has the keyboard focus (the grid, then its editor)."""
    for ch in text:
        w = QApplication.focusWidget()
        assert isinstance(w, QWidget)
        qtbot.keyClick(w, ch)


def _enter(qtbot: QtBot) -> None:
    w = QApplication.focusWidget()
    assert w is not None
    qtbot.keyClick(w, Qt.Key.Key_Return)


def _wait_idle(qtbot: QtBot, page: JudgePage) -> None:
    qtbot.waitUntil(lambda: page.in_flight == 0 and not page.ctx.worker.busy, timeout=WAIT_MS)


def test_a_full_station_by_keyboard_is_stored(qtbot: QtBot, venue, make_ctx) -> None:
    page = _page(qtbot, make_ctx("j1"))
    codes = [a.code for a in page.model.aspects]
    assert codes == ["A1.1", "A1.2", "A1.3", "B1.1", "B1.2"]
    assert page.model.stations == [1, 2, 3, 4, 5, 6]
    assert page.table.currentIndex().row() == 0 and page.table.currentIndex().column() == 0
    for text in ("10", "8.5", "1", "40"):
        _type(qtbot, text)
        _enter(qtbot)
    _type(qtbot, "2")  # judgement column: a quick key stores at once, no Enter
    _wait_idle(qtbot, page)
    # moved on to the first cell of the next station
    assert (page.table.currentIndex().row(), page.table.currentIndex().column()) == (1, 0)
    grid = entry.judge_sheet(venue.db, venue.actor("j1"), venue.event_id)
    got = {a.code: grid.cell(1, a.code).value for a in grid.aspects}
    assert got == {
        "A1.1": Decimal("10"),
        "A1.2": Decimal("8.5"),
        "A1.3": Decimal("1"),
        "B1.1": Decimal("40"),
        "B1.2": Decimal("2"),
    }
    # each cell shows it is stored, and the strip repeats the station number
    shown = [page.model.index(0, c).data() for c in range(5)]
    assert all(s.endswith("✓") for s in shown), shown
    assert page.confirm.text() == "工位 01 · B1.2 工艺美观 · 评价 2"
    assert page.error.isHidden()


def test_range_error_inline_and_nothing_stored(qtbot: QtBot, venue, make_ctx) -> None:
    page = _page(qtbot, make_ctx("j1"))
    page.table.setCurrentIndex(page.model.index(0, 1))  # A1.2: 0–10 in steps of 0.5
    _type(qtbot, "7.3")
    assert page.error.isVisible() and page.error.kind == "error"
    assert "0.5" in page.error.text() and "A1.2" in page.error.text()
    _enter(qtbot)  # refused: the editor stays open, nothing is sent
    assert page.table.state() == page.table.State.EditingState
    _type(qtbot, "\b\b\b")
    editor = QApplication.focusWidget()
    editor.clear()  # type: ignore[union-attr]
    _type(qtbot, "12")  # over the maximum
    assert "10" in page.error.text()
    _enter(qtbot)
    _wait_idle(qtbot, page)
    grid = entry.judge_sheet(venue.db, venue.actor("j1"), venue.event_id)
    assert grid.cell(1, "A1.2").value is None
    editor = QApplication.focusWidget()
    editor.clear()  # type: ignore[union-attr]
    _type(qtbot, "7.5")
    assert page.error.isHidden()
    _enter(qtbot)
    _wait_idle(qtbot, page)
    grid = entry.judge_sheet(venue.db, venue.actor("j1"), venue.event_id)
    assert grid.cell(1, "A1.2").value == Decimal("7.5")


def test_judgement_quick_keys_refuse_4(qtbot: QtBot, venue, make_ctx) -> None:
    page = _page(qtbot, make_ctx("j1"))
    page.table.setCurrentIndex(page.model.index(2, 4))
    _type(qtbot, "4")  # not a quick key: opens the editor, the rule refuses it
    assert "0、1、2、3" in page.error.text()
    _enter(qtbot)
    _wait_idle(qtbot, page)
    assert (
        entry.judge_sheet(venue.db, venue.actor("j1"), venue.event_id).cell(3, "B1.2").value is None
    )


def test_no_name_in_the_model(qtbot: QtBot, venue, make_ctx) -> None:
    from tests.judging.conftest import EMPLOYERS, NAMES

    venue.fill(("j1",))
    page = _page(qtbot, make_ctx("j1"))
    m: JudgeGridModel = page.model
    texts: list[str] = []
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.EditRole,
    ):
        for r in range(m.rowCount()):
            texts.append(str(m.headerData(r, Qt.Orientation.Vertical, role)))
            for c in range(m.columnCount()):
                texts.append(str(m.index(r, c).data(role)))
        for c in range(m.columnCount()):
            texts.append(str(m.headerData(c, Qt.Orientation.Horizontal, role)))
    blob = "\n".join(texts)
    reg = venue.registration(1)
    for secret in [*NAMES, *EMPLOYERS, reg.ticket_no]:
        assert secret not in blob
    assert "工位 01" in blob


def test_submitted_cells_are_read_only(qtbot: QtBot, venue, make_ctx) -> None:
    venue.fill(("j1",))
    page = _page(qtbot, make_ctx("j1"))
    with qtbot.waitSignal(page.refreshed, timeout=WAIT_MS):
        page.submit_criterion("A", "2580")
    assert "A" in page.status.text()
    col = page.model.aspects.index(next(a for a in page.model.aspects if a.code == "A1.1"))
    assert page.model.grid_cell(0, col).cell.blocked == "submitted"
    assert not page.model.flags(page.model.index(0, col)) & Qt.ItemFlag.ItemIsEditable
    assert (
        CELL_BLOCKS["submitted"] in page.model.index(0, 2).data()
        or page.model.index(0, 2).data() == ""
    )


def test_judge_asks_to_reopen_a_submitted_criterion(
    qtbot: QtBot, venue, make_ctx, monkeypatch
) -> None:
    """After submitting, the judge's button asks the chief judge to reopen, with a reason; the
    request reaches the chief judge's list and the button is then disabled."""
    from PySide6.QtWidgets import QInputDialog

    from kmjudge.judging import review

    venue.fill(("j1",))
    page = _page(qtbot, make_ctx("j1"))
    page.criterion_combo.setCurrentIndex(page.criterion_combo.findData("A"))
    assert page.submit_button.isEnabled() and not page.reopen_button.isEnabled()
    with qtbot.waitSignal(page.refreshed, timeout=WAIT_MS):
        page.submit_criterion("A", "2580")
    page.criterion_combo.setCurrentIndex(page.criterion_combo.findData("A"))
    assert page.reopen_button.isEnabled() and not page.submit_button.isEnabled()

    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *a, **k: ("3 号工位 A1.2 写错了", True))
    )
    with qtbot.waitSignal(page.refreshed, timeout=WAIT_MS):
        qtbot.mouseClick(page.reopen_button, Qt.MouseButton.LeftButton)
    assert "A" in page.status.text()
    page.criterion_combo.setCurrentIndex(page.criterion_combo.findData("A"))
    assert not page.reopen_button.isEnabled()
    desk = review.review_list(venue.db, venue.actor("chief"), venue.event_id)
    assert [(r.criterion_code, r.judge_username, r.reason) for r in desk.reopen_requests] == [
        ("A", "j1", "3 号工位 A1.2 写错了")
    ]


def test_one_criterion_at_a_time_keeps_what_was_stored(qtbot: QtBot, venue, make_ctx) -> None:
    """Choosing criterion B in the criterion box shows B's columns only (headers with the
    code, the start of the title and the rule; the full title under the grid); a mark typed
    there is still shown after going back to all criteria; 提交 waits until B is complete and
    says why."""
    page = _page(qtbot, make_ctx("j1"))
    assert page.criterion_combo.currentData() == ""  # 5 columns fit: all criteria
    page.criterion_combo.setCurrentIndex(page.criterion_combo.findData("B"))
    assert [a.code for a in page.model.aspects] == ["B1.1", "B1.2"]
    header = page.model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert header.splitlines()[0] == "B1.1" and header.splitlines()[-1] == "满分 50"
    assert "B1.1 线路连接正确" in page.aspect_label.text()
    assert not page.submit_button.isEnabled() and "评完" in page.submit_button.toolTip()
    page.table.setFocus()
    _type(qtbot, "40")
    _enter(qtbot)
    _wait_idle(qtbot, page)
    assert page.progress_label.text() == "模块 B 尚有 11 项未评"
    page.criterion_combo.setCurrentIndex(page.criterion_combo.findData(""))
    col = [a.code for a in page.model.aspects].index("B1.1")
    assert page.model.index(0, col).data() == "40 ✓"
    assert not page.submit_button.isEnabled() and "选择一个模块" in page.submit_button.toolTip()


def test_no_station_yet_is_said_plainly(qtbot: QtBot, venue, make_ctx) -> None:
    """Before anyone has a station the grid is replaced by a sentence saying why and what to
    do, and there is nothing to submit."""
    from sqlalchemy import update

    from kmjudge.db.models import Registration

    with venue.db.write() as s:
        s.execute(update(Registration).values(station_no=None, status="registered"))
    page = _page(qtbot, make_ctx("j1"))
    assert page.model.rowCount() == 0
    assert page.empty_label.isVisible() and not page.table.isVisible()
    assert "检录" in page.empty_label.text() and "刷新" in page.empty_label.text()
    assert page.progress_label.text() == ""
    page.criterion_combo.setCurrentIndex(page.criterion_combo.findData("A"))
    assert not page.submit_button.isEnabled()
