"""The chief judge's desk: completeness, spread flags and overrides, lock refused/unlock."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kmjudge.judging import review
from ui.judging.chief_page import ChiefPage

from .conftest import WAIT_MS

LOW = {"A1.1": "10", "A1.2": "8.5", "B1.1": "40", "B1.2": "0"}
HIGH = {"A1.1": "10", "A1.2": "8.5", "B1.1": "40", "B1.2": "3"}


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
