"""The chief judge's desk: completeness, spread flags and overrides, lock refused/unlock."""

from __future__ import annotations

import sys
import types

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kmjudge.db.models import AuditEntry
from kmjudge.judging import entry, review
from tests.judging.conftest import PIN
from ui.judging.chief_page import ChiefPage

from .chief_typing import ime_type
from .conftest import WAIT_MS

LOW = {"A1.1": "10", "A1.2": "8.5", "B1.1": "40", "B1.2": "0"}
HIGH = {"A1.1": "10", "A1.2": "8.5", "B1.1": "40", "B1.2": "3"}


def _select(qtbot: QtBot, table, row: int) -> None:  # type: ignore[no-untyped-def]
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _page(qtbot: QtBot, ctx) -> ChiefPage:  # type: ignore[no-untyped-def]
    page = ChiefPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    with qtbot.waitSignal(page.refreshed, timeout=WAIT_MS):
        page.show()
    return page


def test_incomplete_event_lists_missing_and_lock_is_refused(qtbot: QtBot, venue, make_ctx) -> None:
    venue.fill(("j1", "j2"))
    page = _page(qtbot, make_ctx("chief"))
    # j3 has given nothing: 4 marks x 6 stations missing, counted per criterion
    assert page.missing_model.rowCount() == 24
    counts = {r[0].split()[0]: int(r[3]) for r in page.criteria_model.rows}
    assert counts == {"A": 12, "B": 12}
    assert page.blocker_model.rowCount() >= 1
    with qtbot.waitSignal(page.done, timeout=WAIT_MS) as sig:
        page.lock_button.click()
    assert sig.args == ["failed"]
    assert page.banner.kind == "error"
    assert "暂不能锁定" in page.banner.text() and "模块 A 还缺" in page.banner.text()


def test_flags_listed_and_override_needs_a_reason(qtbot: QtBot, venue, make_ctx) -> None:
    venue.fill(("j1", "j2"), LOW)
    venue.fill(("j3",), HIGH)
    page = _page(qtbot, make_ctx("chief"))
    assert page.flag_model.rowCount() == 6
    first = page.flag_model.rows[0]
    assert first[0] == "01" and first[1] == "B1.2" and first[2] == "3"
    assert "孙裁判 3" in first[4] and "赵裁判 0" in first[4]
    page.override_button.click()  # no reason written
    assert page.banner.kind == "error"
    assert len(review.spread_flags(venue.db, venue.chief, venue.event_id)) == 6
    page.reason_edit.setText("经复看作品，评分差异源于评价细则理解不同，维持原评分")
    with qtbot.waitSignal(page.done, timeout=WAIT_MS) as sig:
        page.override_button.click()
    assert sig.args == ["override"]
    qtbot.waitUntil(lambda: page.flag_model.rowCount() == 5, timeout=WAIT_MS)
    assert len(review.spread_flags(venue.db, venue.chief, venue.event_id)) == 5


def test_lock_and_unlock_with_pin_and_reason(qtbot: QtBot, venue, make_ctx) -> None:
    """With every mark in and the 复核 sample rechecked, the chief locks; unlocking needs the
    PIN and a written reason."""
    from kmjudge.judging import recheck

    venue.fill()
    sample = recheck.recheck_sample(venue.db, venue.chief, venue.event_id)
    for item in sample.items:
        assert item.station_no is not None
        recheck.record_recheck(venue.db, venue.chief, venue.event_id, item.station_no, False)
    page = _page(qtbot, make_ctx("chief"))
    qtbot.waitUntil(lambda: not page.ctx.worker.busy, timeout=WAIT_MS)
    assert page.blocker_model.rowCount() == 0, [r[1] for r in page.blocker_model.rows]
    with qtbot.waitSignal(page.done, timeout=WAIT_MS) as sig:
        page.lock_button.click()
    assert sig.args == ["lock"], page.banner.text()
    page.unlock_pin.setText("2580")
    page.unlock_button.click()  # no reason
    assert page.banner.kind == "error"
    page.unlock_reason.setText("发现录入错误需更正")
    with qtbot.waitSignal(page.done, timeout=WAIT_MS) as sig:
        page.unlock_button.click()
    assert sig.args == ["unlock"], page.banner.text()


def _click(qtbot: QtBot, page: ChiefPage, button) -> str:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.done, timeout=WAIT_MS) as sig:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.ctx.worker.busy, timeout=WAIT_MS)
    return str(sig.args[0])


def test_reopen_request_listed_and_reopened_with_a_reason(qtbot: QtBot, venue, make_ctx) -> None:
    """j1 submits criterion A and asks to reopen it; the chief sees the request, is refused
    without a reason, reopens with one; j1 can mark A again; both steps are audited."""
    venue.fill(("j1",))
    entry.submit(venue.db, venue.actor("j1"), venue.event_id, "A", PIN)
    entry.request_reopen(venue.db, venue.actor("j1"), venue.event_id, "A", "3 号工位 A1.2 写错")
    page = _page(qtbot, make_ctx("chief"))
    qtbot.waitUntil(lambda: not page.ctx.worker.busy, timeout=WAIT_MS)
    tab = page.corrections_tab
    page.tabs.setCurrentWidget(tab)
    assert [r[:3] for r in tab.request_model.rows] == [["赵裁判", "A", "3 号工位 A1.2 写错"]]
    assert any("申请重新打开" in r[1] for r in page.blocker_model.rows)
    qtbot.mouseClick(tab.reopen_button, Qt.MouseButton.LeftButton)
    assert page.banner.kind == "error" and "重新打开的理由" in page.banner.text()
    ime_type(tab.reopen_reason, "同意更正笔误")
    assert _click(qtbot, page, tab.reopen_button) == "reopen", page.banner.text()
    assert "已为 赵裁判 重新打开模块 A" in page.banner.text()
    assert tab.request_model.rowCount() == 0
    grid = entry.judge_sheet(venue.db, venue.actor("j1"), venue.event_id)
    assert not grid.criteria[0].submitted and grid.cell(3, "A1.2").editable
    with venue.db.read() as s:
        (e,) = s.scalars(select(AuditEntry).where(AuditEntry.action == "judging.reopen"))
    assert e.after["reason"] == "同意更正笔误" and e.username == "chief"


def test_correct_a_mark_from_a_spread_flag(qtbot: QtBot, venue, make_ctx) -> None:
    """From a flag, "correct a judge's mark" opens that panel; the chief picks j3's grade,
    types the right one and a reason; the flag clears and the correction is listed."""
    venue.fill(("j1", "j2"), LOW)
    venue.fill(("j3",), HIGH)
    page = _page(qtbot, make_ctx("chief"))
    qtbot.waitUntil(lambda: not page.ctx.worker.busy, timeout=WAIT_MS)
    page.tabs.setCurrentIndex(1)
    assert page.flag_model.rows[0][:2] == ["01", "B1.2"]
    tab = page.corrections_tab
    qtbot.mouseClick(page.correct_flag_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.panel is not None, timeout=WAIT_MS)
    assert page.tabs.currentWidget() is tab
    assert tab.panel is not None and (tab.panel.station_no, tab.panel.aspect_code) == (1, "B1.2")
    names = [r[0] for r in tab.panel_model.rows]
    assert names == ["赵裁判", "钱裁判", "孙裁判", "见习裁判（见习）"]
    assert [r[1] for r in tab.panel_model.rows] == ["0", "0", "3", ""]
    assert tab.panel_model.rows[3][2] == "尚未评分"
    _select(qtbot, tab.panel_table, 2)
    qtbot.keyClicks(tab.value_edit, "1")
    ime_type(tab.correct_reason, "复看作品，按评价细则应为 1")
    assert _click(qtbot, page, tab.correct_button) == "correct", page.banner.text()
    assert "孙裁判 的评分已更正为 1" in page.banner.text()
    assert [r[1] for r in tab.panel_model.rows] == ["0", "0", "1", ""]
    assert [r[1:6] for r in tab.history_model.rows] == [["01", "B1.2", "j3", "3", "1"]]
    assert all(f.station_no != 1 for f in review.spread_flags(venue.db, venue.chief,
                                                             venue.event_id))  # fmt: skip
    with venue.db.read() as s:
        (e,) = s.scalars(select(AuditEntry).where(AuditEntry.action == "score.correct"))
    assert e.before["value"] == "3" and e.after["value"] == "1"


def test_theory_import_button_only_when_the_wizard_exists(
    qtbot: QtBot, venue, make_ctx, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without ui.judging.theory_wizard the page works and shows no button; with it the
    button opens the wizard for this event."""
    from ui.judging import chief_page

    monkeypatch.setattr(chief_page, "THEORY_WIZARD", "ui.judging.no_such_wizard")
    page = _page(qtbot, make_ctx("chief"))
    assert page.theory_button is None and page.criteria_model.rowCount() == 2
    calls = []
    fake = types.ModuleType("fake_theory_wizard")
    fake.open_theory_wizard = lambda ctx, parent, event_id: calls.append(event_id)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fake_theory_wizard", fake)
    monkeypatch.setattr(chief_page, "THEORY_WIZARD", "fake_theory_wizard")
    page2 = _page(qtbot, make_ctx("chief"))
    assert page2.theory_button is not None and page2.theory_button.text() == "导入理论成绩…"
    qtbot.mouseClick(page2.theory_button, Qt.MouseButton.LeftButton)
    assert calls == [venue.event_id]


def test_lock_and_unlock_one_criterion(qtbot: QtBot, venue, make_ctx) -> None:
    """Criterion A locks on its own once its marks are in; unlocking it asks for the PIN and
    a reason; both show a result banner and are audited."""
    venue.fill()
    page = _page(qtbot, make_ctx("chief"))
    qtbot.waitUntil(lambda: not page.ctx.worker.busy, timeout=WAIT_MS)
    page.tabs.setCurrentWidget(page.lock_tab)
    page.lock_criterion_combo.setCurrentIndex(page.lock_criterion_combo.findData("A"))
    assert _click(qtbot, page, page.lock_criterion_button) == "lock_criterion", page.banner.text()
    assert page.banner.text() == "模块 A 已锁定。"
    assert page.lock_criterion_combo.currentText() == "A 安全文明（已锁定）"
    page.unlock_scope.setCurrentIndex(page.unlock_scope.findData("A"))
    ime_type(page.unlock_reason, "复核发现 A1.2 录入错误")
    qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)  # no PIN yet
    assert page.banner.kind == "error" and "PIN" in page.banner.text()
    qtbot.keyClicks(page.unlock_pin, "1111")
    assert _click(qtbot, page, page.unlock_button) == "failed"  # wrong PIN: refused
    assert page.unlock_reason.text() == "复核发现 A1.2 录入错误"
    qtbot.keyClicks(page.unlock_pin, PIN)
    assert _click(qtbot, page, page.unlock_button) == "unlock_criterion", page.banner.text()
    assert page.banner.text() == "模块 A 已解除锁定。"
    with venue.db.read() as s:
        actions = list(
            s.scalars(select(AuditEntry.action).where(AuditEntry.action.like("judging.%lock%")))
        )
    assert actions == ["judging.lock_criterion", "judging.unlock_criterion"]
