"""The conflicts screen: what two laptops disagree on is listed with both versions side by
side, what differs highlighted, and resolved by a person choosing a version with a reason."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kmjudge import sync
from kmjudge.db.models import CheckIn, Contestant, Registration, Score
from kmjudge.judging import entry
from tests.sync.venues import Venue, laptop_from_setup, registrations
from ui.context import AppContext
from ui.sync.conflicts_page import ConflictsPage

from .conftest import TWICE, WAIT_MS, City

MakeCtx = Callable[..., AppContext]


def _to_city(city: City, *venues: Venue, usb: Path) -> None:
    for v in venues:
        res = sync.export_package(v.db, v.admin, usb)
        sync.import_package(city.db, city.admin, res.path, res.fingerprint)


def _page(qtbot: QtBot, ctx: AppContext) -> ConflictsPage:
    page = ConflictsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 760)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=WAIT_MS)
    return page


def _select(qtbot: QtBot, page: ConflictsPage, kind: str) -> sync.ConflictView:
    row = next(i for i, c in enumerate(page.conflicts) if c.kind == kind)
    rect = page.table.visualRect(page.model.index(row, 2))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    c = page.selected()
    assert c is not None and c.kind == kind
    return c


def _resolve(qtbot: QtBot, page: ConflictsPage, take_incoming: bool, note: str) -> None:
    radio = page.take_radio if take_incoming else page.keep_radio
    assert not page.resolve_button.isEnabled()
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))
    assert not page.resolve_button.isEnabled()  # a reason is needed too
    qtbot.keyClicks(page.note, note)
    assert page.resolve_button.isEnabled()
    qtbot.mouseClick(page.resolve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.banner.kind == "success" and not page.running, timeout=WAIT_MS)


def test_one_contestant_checked_in_at_two_venues_is_shown_and_resolved(
    qtbot: QtBot, venue: Callable[[str], Venue], city: City, make_ctx: MakeCtx, tmp_path: Path
) -> None:
    """李晓敏 checked in at 五华 and at 盘龙 on the same day: the city sees one check-in
    conflict with the two venues side by side (highlighted); keeping 盘龙's undoes 五华's
    check-in, and the conflict moves to the resolved list with who and why."""
    wuhua, panlong = venue("wuhua"), venue("panlong")
    _to_city(city, wuhua, panlong, usb=tmp_path / "usb")
    page = _page(qtbot, make_ctx(city.db, city.city))
    c = _select(qtbot, page, sync.CONFLICT_CHECKIN)
    assert "李晓敏" in c.subject
    texts = page.compare_texts()
    venue_row = next(r for r in texts if r[0] == "赛点")
    assert wuhua.spec.venue in venue_row[1] and panlong.spec.venue in venue_row[2]
    assert "venue" in page.highlighted_fields() and "device_id" in page.highlighted_fields()
    assert "五华赛点笔记本" in page.compare_model.headerData(1, Qt.Orientation.Horizontal)
    assert "盘龙赛点笔记本" in page.compare_model.headerData(2, Qt.Orientation.Horizontal)
    assert "盘龙赛点笔记本" in page.take_radio.text()

    _resolve(qtbot, page, take_incoming=True, note="sign-in sheet says Panlong")
    resolved = sync.list_conflicts(city.db, city.admin, status="resolved")
    assert [r.id for r in resolved] == [c.id]
    with city.db.read() as s:
        rows = s.execute(
            select(CheckIn.undone_at, Registration.event_id)
            .join(Registration, CheckIn.registration_id == Registration.id)
            .join(Contestant, Registration.contestant_id == Contestant.id)
            .where(Contestant.id_number == TWICE.id_number)
        ).all()
    by_event = {ev: undone for undone, ev in rows}
    assert by_event[wuhua.event_id] is not None  # 五华's check-in undone
    assert by_event[panlong.event_id] is None  # 盘龙's kept

    # The open list no longer shows it; the resolved list does, with who and why.
    qtbot.waitUntil(lambda: all(x.id != c.id for x in page.conflicts), timeout=WAIT_MS)
    page.status_combo.setCurrentIndex(page.status_combo.findData("resolved"))
    qtbot.waitUntil(lambda: any(x.id == c.id for x in page.conflicts), timeout=WAIT_MS)
    row = next(i for i, x in enumerate(page.conflicts) if x.id == c.id)
    assert "city" in page.model.text(row, 6) and "采用传入" in page.model.text(row, 6)
    page.table.selectRow(row)
    assert page.resolve_box.isHidden()
    assert "sign-in sheet says Panlong" in page.resolved_label.text()


def test_one_mark_with_two_values_is_shown_and_the_chosen_value_stored(
    qtbot: QtBot, venue: Callable[[str], Venue], city: City, make_ctx: MakeCtx, tmp_path: Path
) -> None:
    """Judge j1 marks one contestant on the venue's main laptop and, with another value, on a
    second laptop set up from it. At the city the mark appears once with both values (the
    value highlighted); taking the second laptop's stores its value."""
    wuhua = venue("wuhua")
    laptop = laptop_from_setup(wuhua, tmp_path / "laptop", "五华第二台笔记本", pins=("j1",))
    try:
        regs = registrations(wuhua)
        station = next(r.station_no for r in regs if r.station_no)
        assert station is not None
        entry.enter_score(laptop.db, laptop.actor("j1"), wuhua.event_id, station, "M2", "1")
        _to_city(city, wuhua, laptop, usb=tmp_path / "usb")
        page = _page(qtbot, make_ctx(city.db, city.city))
        c = _select(qtbot, page, sync.CONFLICT_SCORE)
        local_value, incoming_value = c.fields["value"]
        assert incoming_value == "1" and local_value != "1"
        mark = next(r for r in page.compare_texts() if r[0] == "分值")
        assert mark[1:] == [local_value, incoming_value]
        assert page.highlighted_fields()[0] == "value"
        assert "M2" in page.summary.text() and "j1" in page.summary.text()

        _resolve(qtbot, page, take_incoming=True, note="paper sheet says 1")
        with city.db.read() as s:
            stored = s.scalar(select(Score.value).where(Score.id == uuid.UUID(c.local_id)))
        assert stored == Decimal("1")
        assert sync.list_conflicts(city.db, city.admin, kind=sync.CONFLICT_SCORE) == []
    finally:
        laptop.db.dispose()


def test_keeping_this_databases_value_changes_no_mark(
    qtbot: QtBot, venue: Callable[[str], Venue], city: City, make_ctx: MakeCtx, tmp_path: Path
) -> None:
    """Choosing "keep this database's version" leaves the mark as it was and records the
    decision with its reason."""
    wuhua = venue("wuhua")
    laptop = laptop_from_setup(wuhua, tmp_path / "laptop", "五华第二台笔记本", pins=("j1",))
    try:
        station = next(r.station_no for r in registrations(wuhua) if r.station_no)
        assert station is not None
        entry.enter_score(laptop.db, laptop.actor("j1"), wuhua.event_id, station, "M2", "1")
        _to_city(city, wuhua, laptop, usb=tmp_path / "usb")
        page = _page(qtbot, make_ctx(city.db, city.city))
        c = _select(qtbot, page, sync.CONFLICT_SCORE)
        before = Decimal(c.fields["value"][0])
        _resolve(qtbot, page, take_incoming=False, note="venue laptop is right")
        with city.db.read() as s:
            assert s.scalar(select(Score.value).where(Score.id == uuid.UUID(c.local_id))) == before
        done = sync.list_conflicts(city.db, city.admin, status="resolved")
        assert [(d.resolution, d.note) for d in done] == [
            (sync.KEEP_LOCAL, "venue laptop is right")
        ]
    finally:
        laptop.db.dispose()
