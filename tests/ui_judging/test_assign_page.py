"""The judges page (裁判分工), driven by the admin with clicks: an unassigned judge is shown
as such (and sees nothing to mark); assigning judge j1 to one criterion gives j1's grid exactly
those aspects; a conflict of interest (same employer) is listed and "exclude" blocks that
cell for the judge; naming the chief judge; every action audited."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kmjudge import audit, judges
from kmjudge.db.models import AuditEntry
from kmjudge.errors import PermissionDenied
from kmjudge.judging import entry
from ui.judging.assign_page import AssignPage

from .conftest import WAIT_MS


def _page(qtbot: QtBot, ctx) -> AssignPage:  # type: ignore[no-untyped-def]
    page = AssignPage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 760)
    with qtbot.waitSignal(page.refreshed, timeout=WAIT_MS):
        page.show()
    return page


def _click(qtbot: QtBot, page: AssignPage, button) -> str:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.done, timeout=WAIT_MS) as sig:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.ctx.worker.busy, timeout=WAIT_MS)  # the refresh
    return str(sig.args[0])


def _select(qtbot: QtBot, table, row: int) -> None:  # type: ignore[no-untyped-def]
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_unassigned_judge_then_assigned_to_one_criterion(qtbot: QtBot, venue, make_ctx) -> None:
    whole = next(
        a.id
        for a in judges.list_assignments(venue.db, venue.event_id)
        if a.username == "j1" and not a.criterion_code
    )
    page = _page(qtbot, make_ctx("admin"))
    assert page.banner.kind == ""
    assert page.gaps.text() == "有 2 对裁判与选手来自同一工作单位，尚未回避（见“回避”页）。"

    # take j1's whole-event assignment away: j1 is now unassigned and sees nothing
    row = next(i for i, a in enumerate(page.assignments) if a.id == whole)
    _select(qtbot, page.assign_table, row)
    assert _click(qtbot, page, page.remove_button) == "unassign", page.banner.text()
    j1 = next(r for r in page.judge_model.rows if r[0] == "赵裁判（j1）")
    assert j1[3].startswith("未分工") and j1[2] == ""
    assert page.gaps.isVisible() and "赵裁判（j1）" in page.gaps.text()
    assert "看不到任何评分任务" in page.gaps.text()
    assert "少于计划（现有/计划）：A1.1（2/3）、A1.2（2/3）" in page.gaps.text()
    with pytest.raises(PermissionDenied):
        entry.judge_sheet(venue.db, venue.actor("j1"), venue.event_id)

    # pick j1 in the list (the form follows), choose criterion A, add
    _select(qtbot, page.judge_table, page.judge_model.rows.index(j1))
    assert page.judge_combo.currentData() == "j1"
    page.scope_combo.setCurrentIndex(page.scope_combo.findData("A|"))
    assert page.scope_combo.currentText() == "模块 A 安全文明"
    assert _click(qtbot, page, page.add_button) == "assign", page.banner.text()
    assert page.banner.kind == "success" and "模块 A 安全文明" in page.banner.text()
    j1 = next(r for r in page.judge_model.rows if r[0] == "赵裁判（j1）")
    assert j1[2] == "模块 A 安全文明" and j1[3] == "已分工"
    assert "尚未分工" not in page.gaps.text() and "A1.1" not in page.gaps.text()
    grid = entry.judge_sheet(venue.db, venue.actor("j1"), venue.event_id)
    assert [a.code for a in grid.aspects] == ["A1.1", "A1.2", "A1.3"]

    # the same again is refused with the core's message
    assert _click(qtbot, page, page.add_button) == "failed"
    assert page.banner.kind == "error" and "已在该评分组中" in page.banner.text()

    # name the chief judge
    assert "尚未指定" in page.chief_label.text()
    assert _click(qtbot, page, page.chief_button) == "chief"
    assert "已指定：郑裁判长（chief）" in page.chief_label.text()
    with venue.db.read() as s:
        actions = list(
            s.scalars(select(AuditEntry.action).where(AuditEntry.action.like("judge.%")))
        )
    assert actions[-3:] == ["judge.unassign", "judge.assign", "judge.assign_chief"]
    assert audit.verify(venue.db).ok


def test_conflict_listed_and_exclude_blocks_the_cell(qtbot: QtBot, venue, make_ctx) -> None:
    page = _page(qtbot, make_ctx("admin"))
    tab = page.conflicts_tab
    page.tabs.setCurrentWidget(tab)
    # j1 works for 昆明钢铁控股有限公司, like the contestants at stations 1 and 4
    rows = tab.conflict_model.rows
    assert [(r[0], r[2], r[6], r[7]) for r in rows] == [
        ("赵裁判（j1）", "01", "相同", "未回避"),
        ("赵裁判（j1）", "04", "相同", "未回避"),
    ]
    assert rows[0][5] == "昆明钢铁控股有限公司"
    assert page.tabs.tabText(1) == "回避（2 项待处理）"
    assert entry.judge_sheet(venue.db, venue.actor("j1"), venue.event_id).cell(1, "A1.1").editable

    _select(qtbot, tab.conflict_table, 0)
    assert _click(qtbot, page, tab.exclude_button) == "exclude", page.banner.text()
    assert "已对 01 号工位" in page.banner.text()
    assert tab.conflict_model.rows[0][7] == "已回避"
    assert [r[:2] for r in tab.exclusion_model.rows] == [["赵裁判（j1）", "01"]]
    assert tab.exclusion_model.rows[0][4] == "同一工作单位"
    assert page.tabs.tabText(1) == "回避（1 项待处理）"
    grid = entry.judge_sheet(venue.db, venue.actor("j1"), venue.event_id)
    assert {c.blocked for c in next(r for r in grid.stations if r.station_no == 1).cells} == {
        "excluded"
    }
    assert grid.cell(4, "A1.1").editable  # station 4 not excluded yet

    # lifting needs a reason
    _select(qtbot, tab.exclusion_table, 0)
    qtbot.mouseClick(tab.lift_button, Qt.MouseButton.LeftButton)
    assert page.banner.kind == "error" and "撤销回避的理由" in page.banner.text()
    with venue.db.read() as s:
        (entry_,) = s.scalars(select(AuditEntry).where(AuditEntry.action == "judge.exclude"))
    assert entry_.after["station"] == 1 and entry_.after["judge"] == "j1"


def test_chief_judge_sees_the_page_judges_do_not(venue) -> None:
    """The page is for the admin and the chief judge; the core refuses judges."""
    from ui.mainwindow import pages_for

    assert "assign" in [p.key for p in pages_for(venue.actor("chief"))]
    assert "assign" in [p.key for p in pages_for(venue.admin)]
    assert "assign" not in [p.key for p in pages_for(venue.actor("j1"))]
    with pytest.raises(PermissionDenied):
        judges.judges_overview(venue.db, venue.actor("j1"), venue.event_id)
