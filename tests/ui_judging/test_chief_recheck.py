"""The chief judge's 复核 tab, driven with clicks and typing on a marked event of 25
contestants: the drawn sample is exactly the core's top 10 plus 15 % of the rest; one error in
the sample shows the rate and the red full-recheck banner; the list prints as xlsx; every
action is in the audit trail."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kmjudge import audit, judges
from kmjudge.db.engine import open_database
from kmjudge.db.models import AuditEntry
from kmjudge.judging import entry, recheck
from tests.judging.conftest import Venue, build_venue
from ui.context import AppContext
from ui.judging.chief_page import ChiefPage
from ui.worker import Worker

from .chief_typing import ime_type
from .conftest import WAIT_MS

N = 25


@pytest.fixture
def marked(tmp_path: Path) -> Iterator[Venue]:
    """25 stations, every counting mark in (one counting judge, j1, to keep it quick: j2 and
    j3 are taken off the panel); B1.1 = 20 + station, so station 25 ranks first and no two
    totals tie."""
    db = open_database(tmp_path / "marked.sqlite3")
    v = build_venue(db, tmp_path, n=N)
    for a in judges.list_assignments(db, v.event_id):
        if a.username in ("j2", "j3"):
            judges.remove_assignment(db, v.admin, a.id)
    for j in ("j1",):
        judge = v.actor(j)
        for st in range(1, N + 1):
            for code, value in (("A1.1", "10"), ("A1.2", "8.5"), ("B1.1", str(20 + st)),
                                ("B1.2", "2")):  # fmt: skip
                entry.enter_score(db, judge, v.event_id, st, code, value)
    yield v
    db.dispose()


@pytest.fixture
def page(qtbot: QtBot, marked: Venue) -> Iterator[ChiefPage]:
    worker = Worker()
    p = ChiefPage(AppContext(marked.db, marked.chief, worker, "zh", marked.event_id))
    qtbot.addWidget(p)
    p.resize(1300, 760)
    with qtbot.waitSignal(p.refreshed, timeout=WAIT_MS):
        p.show()
    qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT_MS)
    p.tabs.setCurrentWidget(p.recheck_tab)
    yield p
    worker.shutdown()


def _click(qtbot: QtBot, page: ChiefPage, button, what: str) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.done, timeout=WAIT_MS) as sig:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert sig.args == [what], page.banner.text()
    qtbot.waitUntil(lambda: not page.ctx.worker.busy, timeout=WAIT_MS)


def test_draw_shows_top_10_and_15_percent_then_one_error_demands_a_full_recheck(
    qtbot: QtBot, page: ChiefPage, marked: Venue, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    tab = page.recheck_tab
    assert tab.draw_button.isVisible() and "尚未抽取" in tab.status_label.text()
    assert not tab.ok_button.isEnabled()
    ranks = recheck.default_ranking(marked.db, marked.event_id)  # the core's ranking
    station = {marked.registration(st).id: st for st in range(1, N + 1)}
    top = {station[r] for r, k in ranks.items() if k <= 10}
    assert top == set(range(16, 26))

    monkeypatch.setattr(tab, "confirm_draw", lambda: True)
    _click(qtbot, page, tab.draw_button, "draw")
    assert page.banner.kind == "success" and not tab.draw_button.isVisible()
    rows = tab.model.rows
    drawn_top = {int(r[0]) for r in rows if r[1].startswith("排名前 10 名")}
    drawn_sample = [int(r[0]) for r in rows if r[1] == "随机抽样"]
    assert drawn_top == top
    assert len(drawn_sample) == recheck.sample_size(N - len(top)) == 3
    assert not set(drawn_sample) & top
    first = next(r for r in rows if r[0] == "25")
    assert first[1] == "排名前 10 名（第 1 名）" and first[2] == "待复核"
    assert "已复核 0/13" in tab.status_label.text() and not tab.full_banner.isVisible()
    assert "暂不能锁定" in tab.lock_note.text()

    # the first station on the list is selected: Alt+N records "no error"
    assert tab.selected() is not None and tab.selected().station_no == int(rows[0][0])
    qtbot.waitExposed(page)
    page.activateWindow()
    tab.table.setFocus()
    with qtbot.waitSignal(page.done, timeout=WAIT_MS) as sig:
        qtbot.keyClick(tab.table, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert sig.args == ["recheck"]
    qtbot.waitUntil(lambda: not page.ctx.worker.busy, timeout=WAIT_MS)
    assert tab.model.rows[0][2] == "无误" and tab.model.rows[0][3] == "郑裁判长"
    assert tab.selected() is not None and tab.selected().station_no == int(rows[1][0])

    # an error needs a note: refused on the screen, nothing recorded
    qtbot.mouseClick(tab.error_button, Qt.MouseButton.LeftButton)
    assert page.banner.kind == "error" and "请先写明" in page.banner.text()
    assert recheck.recheck_status(marked.db, marked.chief, marked.event_id).errors == 0
    qtbot.keyClicks(tab.note_edit, "B1.1 ")
    ime_type(tab.note_edit, "合计算错 2 分")
    _click(qtbot, page, tab.error_button, "recheck")
    assert tab.note_edit.text() == ""

    # 1 error in 13 = 7.7 % > 5 %: the red banner, everyone else added, the lock waits
    assert "差错 1 处" in tab.status_label.text() and "差错率 7.7%" in tab.status_label.text()
    assert tab.full_banner.isVisible() and tab.full_banner.kind == "error"
    assert "须全部复核" in tab.full_banner.text() and "已追加 12 人" in tab.full_banner.text()
    assert tab.model.rowCount() == N
    assert "还有 23 个工位待复核" in tab.lock_note.text()
    assert any("复核未完成" in r[1] and "全部复核" in r[1] for r in page.blocker_model.rows)
    status = recheck.recheck_status(marked.db, marked.chief, marked.event_id)
    assert status.full_required and len(status.items) == N

    # the printable list
    out = tmp_path / "复核清单.xlsx"
    monkeypatch.setattr(tab, "ask_save_path", lambda _suggested: str(out))
    _click(qtbot, page, tab.export_button, "export")
    ws = openpyxl.load_workbook(out).active
    assert ws is not None
    body = [r for r in ws.iter_rows(values_only=True) if isinstance(r[0], int)]
    assert len(body) == N and sum(1 for r in body if r[3] == "有差错") == 1

    with marked.db.read() as s:
        actions = list(
            s.scalars(select(AuditEntry.action).where(AuditEntry.action.like("recheck.%")))
        )
    assert sorted(actions) == [
        "recheck.draw",
        "recheck.full_required",
        "recheck.record",
        "recheck.record",
    ]
    assert audit.verify(marked.db).ok
