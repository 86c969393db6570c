"""Real conflicts are listed and resolved by a person, never silently overwritten."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from kmjudge import checkin, sync
from kmjudge.db.models import AuditEntry, CheckIn, Contestant, Registration, Score
from kmjudge.judging import entry
from tests.sync.conftest import WUHUA_PERSON, City
from tests.sync.venues import Venue, laptop_from_setup, registrations


def _scenario(
    venue_copy: Callable[[str], Venue], city: City, tmp_path: Path
) -> tuple[Venue, Venue, Venue]:
    """五华's main laptop and a second laptop set up from it both work on the same event;
    官渡 has WUHUA_PERSON's ID number under another name. All three go to the city."""
    wuhua = venue_copy("wuhua")
    guandu = venue_copy("guandu")
    laptop = laptop_from_setup(wuhua, tmp_path / "laptop", "五华第二台笔记本", pins=("j1",))
    regs = registrations(wuhua)
    late, contested = regs[-1], regs[2]
    # The latecomer is checked in at both laptops.
    checkin.manual_checkin(wuhua.db, wuhua.admin, late.id, "迟到，核验身份证")
    checkin.manual_checkin(laptop.db, laptop.admin, late.id, "迟到，核验身份证")
    # One registration changed differently on each laptop.
    checkin.withdraw(wuhua.db, wuhua.admin, contested.id, "本人申请退赛")
    checkin.disqualify(laptop.db, laptop.admin, contested.id, "冒名顶替")
    # j1 marks a contestant on the second laptop too, with another value.
    j1 = laptop.actor("j1")
    station = next(r.station_no for r in regs if r.station_no and r.id != contested.id)
    assert station is not None
    entry.enter_score(laptop.db, j1, wuhua.event_id, station, "M2", "1")
    for v in (wuhua, laptop, guandu):
        res = sync.export_package(v.db, v.admin, tmp_path / "usb")
        sync.import_package(city.db, city.admin, res.path, res.fingerprint)
    return wuhua, laptop, guandu


def test_each_conflict_kind_is_listed_and_the_local_value_kept(
    venue_copy: Callable[[str], Venue], city: City, tmp_path: Path
) -> None:
    _scenario(venue_copy, city, tmp_path)
    found = sync.list_conflicts(city.db, city.admin)
    kinds = sorted(c.kind for c in found)
    # checkin twice: the latecomer on two laptops, WUHUA_PERSON at two venues on one day.
    assert kinds == ["checkin", "checkin", "contestant", "row", "score"], kinds
    by_kind = {c.kind: c for c in found}
    person = by_kind["contestant"]
    assert person.fields["name"] == ("张卫东", "张卫栋")
    assert "身份证号" in person.summary_zh and person.incoming_device == "官渡赛点笔记本"
    score = by_kind["score"]
    assert score.fields["value"][1] == "1" and score.fields["value"][0] != "1"
    assert "M2" in score.subject and "j1" in score.subject
    row = by_kind["row"]
    assert row.table == "registration"
    assert row.fields["status"] == ("withdrawn", "disqualified")
    venues_seen = {c.subject for c in found if c.kind == "checkin"}
    assert any("两台设备" in s for s in venues_seen) and any("两个赛点" in s for s in venues_seen)
    # Nothing was overwritten: the city keeps what came first.
    with city.db.read() as s:
        assert (
            s.scalar(select(Contestant.name).where(Contestant.id_number == WUHUA_PERSON.id_number))
            == "张卫东"
        )
        assert s.get(Registration, row_id(row.local_id)).status == "withdrawn"
        assert s.scalar(select(Score.value).where(Score.id == row_id(score.local_id))) == Decimal(
            score.fields["value"][0]
        )


def row_id(text: str):  # type: ignore[no-untyped-def]
    import uuid

    return uuid.UUID(text)


def test_resolving_conflicts_applies_the_choice_and_is_audited(
    venue_copy: Callable[[str], Venue], city: City, tmp_path: Path
) -> None:
    _scenario(venue_copy, city, tmp_path)
    found = {
        c.kind + (c.subject if c.kind == "checkin" else ""): c
        for c in sync.list_conflicts(city.db, city.admin)
    }
    person = next(c for c in found.values() if c.kind == "contestant")
    score = next(c for c in found.values() if c.kind == "score")
    row = next(c for c in found.values() if c.kind == "row")
    two_devices = next(c for c in found.values() if c.kind == "checkin" and "两台设备" in c.subject)

    done = sync.resolve_conflict(city.db, city.admin, person.id, sync.TAKE_INCOMING, "以身份证为准")
    assert done.status == "resolved" and done.resolved_by == "city"
    sync.resolve_conflict(
        city.db, city.admin, score.id, sync.TAKE_INCOMING, "以裁判签字的评分表为准"
    )
    sync.resolve_conflict(city.db, city.admin, row.id, sync.KEEP_LOCAL, "退赛申请在先")
    sync.resolve_conflict(city.db, city.admin, two_devices.id, sync.KEEP_LOCAL, "重复检录")
    with city.db.read() as s:
        assert (
            s.scalar(select(Contestant.name).where(Contestant.id_number == WUHUA_PERSON.id_number))
            == "张卫栋"
        )
        sc = s.get(Score, row_id(score.local_id))
        assert sc is not None and sc.value == Decimal("1") and sc.version >= 2
        reg = s.get(Registration, row_id(row.local_id))
        assert reg is not None and reg.status == "withdrawn" and reg.version >= 3
        active = s.scalars(
            select(CheckIn).where(
                CheckIn.registration_id
                == row_id(two_devices.local["checkins"][0]["registration_id"]),
                CheckIn.undone_at.is_(None),
            )
        ).all()
        assert len(active) == 1  # the incoming duplicate was undone
        actions = list(
            s.scalars(
                select(AuditEntry.action).where(AuditEntry.action == "sync.conflict_resolved")
            )
        )
    assert len(actions) == 4
    still_open = sync.list_conflicts(city.db, city.admin)
    assert [c.kind for c in still_open] == ["checkin"]
    assert len(sync.list_conflicts(city.db, city.admin, status=None)) == 5
