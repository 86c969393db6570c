"""The chief judge's 申诉 tab, driven with clicks and typing: the window shows when appeals
close; an appeal handed in after the deadline is refused with the core's message and nothing
is stored; one handed in within the window (typed in later) is recorded, decided in writing,
and shows as decided with who and when; both actions are audited."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kmjudge.db.models import Appeal, AuditEntry, Event
from kmjudge.judging import appeals
from ui.judging.chief_page import ChiefPage

from .chief_typing import ime_type
from .conftest import WAIT_MS


def _end_event(venue, ago: timedelta) -> datetime:  # type: ignore[no-untyped-def]
    """The event ended ``ago`` before now (venue wall-clock time, minutes only)."""
    end = (datetime.now() - ago).replace(second=0, microsecond=0)
    with venue.db.write() as s:
        ev = s.get(Event, venue.event_id)
        assert ev is not None
        ev.end_at = end
    return end


def _page(qtbot: QtBot, ctx) -> ChiefPage:  # type: ignore[no-untyped-def]
    page = ChiefPage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 760)
    with qtbot.waitSignal(page.refreshed, timeout=WAIT_MS):
        page.show()
    qtbot.waitUntil(lambda: not ctx.worker.busy, timeout=WAIT_MS)
    page.tabs.setCurrentWidget(page.appeals_tab)
    return page


def _click(qtbot: QtBot, page: ChiefPage, button) -> str:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.done, timeout=WAIT_MS) as sig:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.ctx.worker.busy, timeout=WAIT_MS)
    return str(sig.args[0])


def test_late_appeal_refused_timely_one_recorded_decided_and_listed(
    qtbot: QtBot, venue, make_ctx
) -> None:
    end = _end_event(venue, timedelta(hours=3))  # the window closed an hour ago
    page = _page(qtbot, make_ctx("chief"))
    tab = page.appeals_tab
    deadline = end + timedelta(hours=2)
    assert (
        "截止" in tab.window_label.text() and f"{deadline:%m-%d %H:%M}" in tab.window_label.text()
    )

    # handed in now: too late
    ime_type(tab.by_edit, "王芳")
    tab.station_spin.setFocus()
    tab.station_spin.selectAll()
    qtbot.keyClicks(tab.station_spin, "2")
    assert tab.station_spin.value() == 2
    ime_type(tab.text_edit, "对 2 号工位 B1.2 工艺美观的评分有异议，请复核。")
    assert _click(qtbot, page, tab.submit_button) == "failed"
    assert page.banner.kind == "error"
    assert "申诉须在比赛结束后 2 小时内提出" in page.banner.text()
    assert f"截止 {deadline:%Y-%m-%d %H:%M}" in page.banner.text()
    assert tab.by_edit.text() == "王芳"  # what was typed stays
    with venue.db.read() as s:
        assert s.scalars(select(Appeal)).first() is None

    # the paper says it was handed in 90 minutes after the end: on time
    handed = end + timedelta(minutes=90)
    tab.received_edit.setDateTime(QDateTime(handed))
    assert _click(qtbot, page, tab.submit_button) == "appeal", page.banner.text()
    assert page.banner.kind == "success" and "王芳" in page.banner.text()
    assert tab.by_edit.text() == "" and tab.text_edit.toPlainText() == ""
    assert tab.model.rowCount() == 1
    row = tab.model.rows[0]
    assert row[0] == f"{handed:%Y-%m-%d %H:%M}" and row[1:3] == ["王芳", "02"]
    # 90 minutes ago to the minute the form keeps; the clock may pass a minute meanwhile
    assert re.match(r"待处理（已等 1 小时 3[01] 分", row[4]), row[4]
    assert page.tabs.tabText(page.tabs.indexOf(tab)) == "申诉（1 件待处理）"
    assert any(r[1] == "1 件申诉尚未处理。" for r in page.blocker_model.rows)

    # decide: a written decision is required
    qtbot.mouseClick(tab.decide_button, Qt.MouseButton.LeftButton)
    assert page.banner.kind == "error" and "书面处理意见" in page.banner.text()
    tab.outcome_combo.setCurrentIndex(tab.outcome_combo.findData("upheld"))
    ime_type(tab.decision_edit, "经复看作品，同意将 B1.2 重新评分。")
    assert _click(qtbot, page, tab.decide_button) == "decide", page.banner.text()
    row = tab.model.rows[0]
    assert row[4] == "申诉成立" and row[5].startswith("经复看作品") and row[6] == "郑裁判长"
    assert row[7] != ""
    assert page.tabs.tabText(page.tabs.indexOf(tab)) == "申诉"
    (decided,) = appeals.list_appeals(venue.db, venue.chief, venue.event_id)
    assert decided.outcome == "upheld" and decided.station_no == 2

    # decided once: the list shows it and the decide button is off for it
    assert "已处理" in tab.selected_label.text() and not tab.decide_button.isEnabled()
    with venue.db.read() as s:
        actions = list(
            s.scalars(select(AuditEntry.action).where(AuditEntry.action.like("appeal.%")))
        )
    assert actions == ["appeal.submit", "appeal.decide"]


def test_open_window_counts_down_and_an_event_without_end_says_so(
    qtbot: QtBot, venue, make_ctx
) -> None:
    _end_event(venue, timedelta(minutes=30))
    page = _page(qtbot, make_ctx("chief"))
    text = page.appeals_tab.window_label.text()
    assert text.startswith("申诉受理中")
    assert re.search(r"还剩 1 小时 (29|30) 分", text), text  # whole minutes, rounded down
    with venue.db.write() as s:
        ev = s.get(Event, venue.event_id)
        assert ev is not None
        ev.end_at = None
    with qtbot.waitSignal(page.appeals_tab.loaded, timeout=WAIT_MS):
        qtbot.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)
    assert "未设置比赛结束时间" in page.appeals_tab.window_label.text()
