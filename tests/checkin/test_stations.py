"""Station draw: at check-in or in a batch, distinct, covering 1..N, audited, printable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from kmjudge import audit, checkin
from kmjudge.db.models import AuditEntry, Registration
from tests.checkin.conftest import Venue, add_contestants


def _check_in_all(v: Venue) -> list[checkin.Verdict]:
    return [
        checkin.scan(v.db, v.registrar, v.event_id, t.token)
        for t in checkin.issue_tickets(v.db, v.admin, v.event_id)
    ]


def test_draw_at_check_in_gives_distinct_stations_covering_1_to_n(venue: Venue) -> None:
    """When everyone checks in, the stations are exactly 1..N (N = contestants)."""
    verdicts = _check_in_all(venue)
    stations = sorted(v.station_no for v in verdicts if v.station_no is not None)
    assert stations == list(range(1, len(venue.regs) + 1))


def test_batch_draw_for_checked_in_contestants_without_a_station(venue: Venue) -> None:
    """With the draw at check-in off, draw_all afterwards gives every checked-in contestant a
    distinct station in 1..N and logs the full result in the audit trail."""
    checkin.set_settings(venue.db, venue.admin, venue.event_id, draw_at_checkin=False)
    verdicts = _check_in_all(venue)
    assert all(v.station_no is None for v in verdicts)
    result = checkin.draw_all(venue.db, venue.registrar, venue.event_id)
    assert result.stations == len(venue.regs) and result.left_without == 0
    assert sorted(d.station_no for d in result.drawn) == list(range(1, len(venue.regs) + 1))
    with venue.db.read() as s:
        got = dict(
            s.execute(
                select(Registration.ticket_no, Registration.station_no).where(
                    Registration.event_id == venue.event_id
                )
            ).all()
        )
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "checkin.draw_all")).one()
    assert got == {d.ticket_no: d.station_no for d in result.drawn}
    assert entry.after["method"] == "secrets"
    assert {(r["ticket"], r["station"]) for r in entry.after["result"]} == set(got.items())
    again = checkin.draw_all(venue.db, venue.registrar, venue.event_id)
    assert again.drawn == []  # nobody left without a station
    assert audit.verify(venue.db).ok


def test_batch_draw_fills_only_free_stations_after_walk_ins(venue: Venue) -> None:
    """Stations already held are never drawn again; newcomers get the free ones."""
    first = _check_in_all(venue)
    held = {v.station_no for v in first}
    checkin.set_settings(venue.db, venue.admin, venue.event_id, draw_at_checkin=False)
    add_contestants(venue.db, venue.admin, venue.event_id, 3, venue.folder, offset=900)
    _check_in_all(venue)
    result = checkin.draw_all(venue.db, venue.registrar, venue.event_id)
    new = {d.station_no for d in result.drawn}
    assert len(result.drawn) == 3 and not (new & held)
    assert held | new == set(range(1, len(venue.regs) + 4))


def test_a_configured_station_count_smaller_than_the_field_leaves_people_without(
    venue: Venue,
) -> None:
    """With 5 stations for 8 contestants, 5 get distinct stations in 1..5, 3 check in with a
    'no free station' notice - nobody shares one."""
    checkin.set_settings(venue.db, venue.admin, venue.event_id, stations=5)
    verdicts = _check_in_all(venue)
    got = [v.station_no for v in verdicts if v.station_no is not None]
    assert sorted(got) == [1, 2, 3, 4, 5]
    full = [v for v in verdicts if v.station_no is None]
    assert len(full) == 3 and all("工位已满" in v.message_zh for v in full)


def test_the_database_itself_refuses_two_contestants_on_one_station(venue: Venue) -> None:
    """The unique constraint (event_id, station_no) holds even for a write behind the
    service's back."""
    a, b = venue.regs[0], venue.regs[1]
    with venue.db.write() as s:
        s.execute(update(Registration).where(Registration.id == a.id).values(station_no=7))
    with pytest.raises(IntegrityError), venue.db.write() as s:
        s.execute(update(Registration).where(Registration.id == b.id).values(station_no=7))


def test_draw_list_pdf_lists_station_ticket_name_employer(venue: Venue, tmp_path: Path) -> None:
    """工位抽签表: every drawn station with its ticket number, name and employer, in station
    order, with the CJK font embedded."""
    verdicts = _check_in_all(venue)
    out = checkin.write_draw_list_pdf(venue.db, venue.registrar, venue.event_id, tmp_path / "d.pdf")
    reader = PdfReader(out)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "工位抽签表" in text
    positions = []
    for v in verdicts:
        assert v.name in text and v.ticket_no in text
        positions.append((v.station_no, text.index(v.ticket_no)))
    assert [p for _, p in sorted(positions)] == sorted(p for _, p in positions)
    assert "昆明第" in text
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for ref in fonts.values():
        font = ref.get_object()
        assert "/FontFile2" in font["/FontDescriptor"], font["/BaseFont"]
    assert not re.search(r"\d{17}[\dX]", text)


def test_rank_lookup_maps_each_rank_to_a_distinct_free_station_in_order(
    venue: Venue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The late-morning draw (few free stations): rank r of a uniform randbelow(free count) is
    the r-th free station, across block boundaries and a partial last block - so the draw is
    exactly uniform over the free stations and never returns a taken one."""
    from kmjudge.checkin import draw

    taken = [1, 256, 257, 300, 512, 513, 599, 600]
    with venue.db.write() as s:
        for reg, station in zip(venue.regs, taken, strict=True):
            s.execute(
                update(Registration).where(Registration.id == reg.id).values(station_no=station)
            )
    free = [x for x in range(1, 601) if x not in taken]
    ranks = iter(range(len(free)))
    totals: list[int] = []

    def fake_randbelow(k: int) -> int:
        totals.append(k)
        return next(ranks)

    monkeypatch.setattr(draw.secrets, "randbelow", fake_randbelow)
    with venue.db.read() as s:
        got = [draw._by_rank(s, venue.event_id, 600) for _ in free]
    assert got == free
    assert set(totals) == {len(free)}
