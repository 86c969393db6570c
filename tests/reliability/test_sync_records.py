"""The rows-against-chain check (kmjudge.audit.verify_records) at the city office: marks,
check-ins, registrations and theory scores merged from venue packages, and conflicts resolved
either way, are not mistaken for edits behind the app's back - while a real edit after all
that still is.

Uses the sync tests' venues and conflict scenario (tests/sync). Skipped until kmjudge.sync
exists.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

pytest.importorskip("kmjudge.sync")

from kmjudge import audit, sync
from kmjudge.maintenance import check_database
from tests.sync.conftest import City, venue_copy, venue_templates  # noqa: F401
from tests.sync.test_conflicts import _scenario
from tests.sync.venues import Venue


def test_merged_and_resolved_rows_agree_with_the_chain_and_edits_are_still_found(
    venue_copy: Callable[[str], Venue],  # noqa: F811
    db: object,
    tmp_path: Path,
) -> None:
    from tests.sync.conftest import make_city

    city: City = make_city(db)  # type: ignore[arg-type]
    _scenario(venue_copy, city, tmp_path)
    assert audit.verify_records(city.db) == []
    found = sorted(sync.list_conflicts(city.db, city.admin), key=lambda c: (c.kind, c.subject))
    for i, c in enumerate(found):  # the mark: take incoming; the others alternate
        choice = sync.TAKE_INCOMING if c.kind == "score" or i % 2 else sync.KEEP_LOCAL
        sync.resolve_conflict(city.db, city.admin, c.id, choice, "核对原始记录")
    assert audit.verify_records(city.db) == [], [
        p.message_en for p in audit.verify_records(city.db)
    ]
    assert check_database(city.db).ok
    assert city.db.path is not None
    con = sqlite3.connect(city.db.path)
    # a value different from the stored one (setting '0' changed nothing when the mark was 0)
    con.execute(
        "UPDATE score SET value = CASE WHEN CAST(value AS REAL) = 0 THEN '1' ELSE '0' END "
        "WHERE rowid = (SELECT min(rowid) FROM score)"
    )
    con.commit()
    assert [p.kind for p in audit.verify_records(city.db)] == ["row_edited"]
    # a merged contestant's status and a merged theory score, edited at the city
    con.execute(
        "UPDATE registration SET status = 'disqualified' WHERE rowid = "
        "(SELECT min(rowid) FROM registration WHERE status = 'checked_in')"
    )
    con.execute(
        "UPDATE theory_score SET value = CASE WHEN CAST(value AS REAL) = 60 THEN '61' "
        "ELSE '60' END WHERE rowid = (SELECT min(rowid) FROM theory_score)"
    )
    # and the person of the ID-number conflict (resolved above), renamed at the city
    renamed = con.execute(
        "UPDATE contestant SET name = '张伟' WHERE name IN ('张卫东', '张卫栋')"
    ).rowcount
    assert renamed == 1
    con.commit()
    con.close()
    found = audit.verify_records(city.db)
    kinds = [p.kind for p in found]
    assert kinds == ["row_edited"] * len(kinds) and len(kinds) >= 4, [p.message_en for p in found]
    assert sum("张伟" in p.message_zh for p in found) == len(kinds) - 3
    assert any("status" in p.message_en for p in found)
    assert any("theory score" in p.message_en for p in found)


def test_a_person_taken_from_the_incoming_package_is_not_an_edit(
    venue_copy: Callable[[str], Venue],  # noqa: F811
    db: object,
    tmp_path: Path,
) -> None:
    """The ID-number conflict (one ID, two names from two venues) resolved by taking the
    incoming name: the person's registrations at both venues now carry it, and that is what
    the chain says (the resolution is the newest word on the name); a rename in SQLite after
    that is still found."""
    from tests.sync.conftest import make_city

    city: City = make_city(db)  # type: ignore[arg-type]
    _scenario(venue_copy, city, tmp_path)
    (person,) = [c for c in sync.list_conflicts(city.db, city.admin) if c.kind == "contestant"]
    assert audit.verify_records(city.db) == []  # open: the conflict itself lists it
    sync.resolve_conflict(city.db, city.admin, person.id, sync.TAKE_INCOMING, "以身份证为准")
    assert audit.verify_records(city.db) == [], [
        p.message_en for p in audit.verify_records(city.db)
    ]
    assert city.db.path is not None
    con = sqlite3.connect(city.db.path)
    assert con.execute("SELECT count(*) FROM contestant WHERE name = '张卫栋'").fetchone() == (1,)
    con.execute("UPDATE contestant SET name = '张卫东' WHERE name = '张卫栋'")
    con.commit()
    con.close()
    found = audit.verify_records(city.db)
    assert found and all(p.kind == "row_edited" and "张卫栋" in p.message_zh for p in found)


def _sheet(path: Path, name: str, id_number: str, phone: str) -> Path:
    import csv

    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["姓名", "身份证号码", "联系电话"])
        w.writerow([name, id_number, phone])
    return path


def test_a_person_renamed_by_a_set_up_package_is_not_an_edit(
    venue_copy: Callable[[str], Venue],  # noqa: F811
    tmp_path: Path,
) -> None:
    """A set-up package carries rows but no audit entries. A laptop set up from the venue
    imports a sheet naming one of its contestants (a phone number changed: an entry naming
    the person); then the venue corrects that person's name and sends a new set-up package.
    The laptop's package import records whom it renamed, so the new name is not taken for
    an edit behind the app's back; a rename in SQLite afterwards still is."""
    from kmjudge.db.models import Contestant, Registration
    from kmjudge.registration import service as registration
    from tests.sync.venues import laptop_from_setup

    wuhua = venue_copy("wuhua")
    laptop = laptop_from_setup(wuhua, tmp_path / "laptop", "五华第二台笔记本")
    with laptop.db.read() as s:
        name, idn = s.execute(
            select(Contestant.name, Contestant.id_number)
            .join(Registration, Registration.contestant_id == Contestant.id)
            .where(Registration.event_id == laptop.event_id)
            .order_by(Registration.ticket_no)
        ).first()  # type: ignore[misc]
    registration.import_file(
        laptop.db,
        laptop.admin,
        laptop.event_id,
        _sheet(tmp_path / "a.csv", name, idn, "13888000001"),
    )
    registration.import_file(
        wuhua.db,
        wuhua.admin,
        wuhua.event_id,
        _sheet(tmp_path / "b.csv", "更名者", idn, "13888000001"),
    )
    assert audit.verify_records(laptop.db) == []
    pkg = sync.export_setup(wuhua.db, wuhua.admin, tmp_path / "usb2", [wuhua.event_id])
    sync.import_package(laptop.db, laptop.admin, pkg.path, pkg.fingerprint)
    with laptop.db.read() as s:
        assert s.scalar(select(Contestant.name).where(Contestant.id_number == idn)) == "更名者"
    assert audit.verify_records(laptop.db) == [], [
        p.message_en for p in audit.verify_records(laptop.db)
    ]
    assert laptop.db.path is not None
    con = sqlite3.connect(laptop.db.path)
    con.execute("UPDATE contestant SET name = '冒名者' WHERE name = '更名者'")
    con.commit()
    con.close()
    (found,) = audit.verify_records(laptop.db)
    assert (
        found.kind == "row_edited" and "冒名者" in found.message_zh and "更名者" in found.message_zh
    )
