"""Kill-harness operation at the city office: importing a stick's worth of signed venue
packages (``kmjudge.sync.import_package``), killed at random.

Three small venue laptops (tests/sync/venues.py: 6 contestants each, marks, check-ins, theory
scores; 五华 and 官渡 share one ID number under two names, so the imports find a real
conflict) each export a series of five packages: a full one, then incremental ones after a
judge corrects a mark, a latecomer is checked in, a contestant withdraws. The child imports
the fifteen packages in a fixed interleaved order, one by one, then imports all of them again
(each a duplicate) and again.

Because the order is fixed, "each package wholly in or wholly out" can be checked exactly:
``build`` imports the packages into a copy of the city database without any kill and keeps a
digest of the city's data after each one (``city_state``). After a kill, the packages the
city's log lists must be a prefix of that order, and the data must equal the digest recorded
after exactly that prefix: every row, the package-log rows and every venue's audit segment.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select

from kmjudge import checkin, device, sync
from kmjudge.accounts import Actor, Role
from kmjudge.db.engine import Database, open_database
from kmjudge.db.models import (
    AuditEntry,
    CheckIn,
    Contestant,
    Device,
    PackageLog,
    Registration,
    Score,
    TheoryScore,
    User,
)
from kmjudge.db.models import SyncConflict as Conflict
from tests.reliability.harness import KillOperation, Template, checkpoint
from tests.reliability.operations import _template_db

VENUES = ("wuhua", "panlong", "guandu")
PACKAGES_PER_VENUE = 5


def city_state(db: Database) -> dict[str, str]:
    """A digest per part of what packages bring to the city: marks, check-ins, registrations,
    people, theory scores, the venues' audit entries and chain heads, the package log and the
    conflicts found. Ids come from the venues, so two cities that imported the same packages
    in the same order have equal digests."""
    local = db.device.id
    with db.read() as s:
        parts: dict[str, list[Any]] = {
            "score": [(str(r.id), str(r.value), r.version) for r in s.scalars(select(Score))],
            "checkin": [
                (str(r.id), str(r.registration_id), r.undone_at is None)
                for r in s.scalars(select(CheckIn))
            ],
            "registration": [
                (str(r.id), r.status, r.station_no, r.version)
                for r in s.scalars(select(Registration))
            ],
            "contestant": [(c.id_number, c.name) for c in s.scalars(select(Contestant))],
            "theory": [
                (str(t.registration_id), str(t.value), t.version)
                for t in s.scalars(select(TheoryScore))
            ],
            "audit": [
                (str(e.device_id), e.seq, e.hash)
                for e in s.scalars(select(AuditEntry).where(AuditEntry.device_id != local))
            ],
            "devices": [
                (str(d.id), d.audit_seq, d.audit_head)
                for d in s.scalars(select(Device).where(Device.id != local))
            ],
            "package_log": [
                (str(p.device_id), p.seq, p.sha256)
                for p in s.scalars(select(PackageLog).where(PackageLog.direction != "export"))
            ],
            "conflicts": [
                (c.kind, c.table_name, c.local_id, c.incoming_id, c.status)
                for c in s.scalars(select(Conflict))
            ],
        }
    return {
        name: hashlib.sha256(json.dumps(sorted(rows), default=str).encode()).hexdigest()
        for name, rows in parts.items()
    }


def city_actor(db: Database) -> Actor:
    with db.read() as s:
        u = s.scalar(select(User).where(User.username == "city"))
        assert u is not None
        return Actor(
            u.id, u.username, u.display_name, frozenset(Role(r) for r in u.roles), db.device.id
        )


def _series(venue: Any, out: Path) -> list[sync.ExportResult]:
    """Five packages of one venue laptop, with real changes between them."""
    from tests.sync import venues as v

    regs = v.registrations(venue)
    stations = v.stations(venue)
    made = [sync.export_package(venue.db, venue.admin, out)]
    changes = [
        lambda: v.change_mark(venue, "j1", stations[0], "M2", "11"),
        lambda: checkin.manual_checkin(venue.db, venue.admin, regs[-1].id, "迟到，核验身份证"),
        lambda: v.change_mark(venue, "j2", stations[1], "M1", "25"),
        lambda: checkin.withdraw(venue.db, venue.admin, regs[1].id, "本人申请退赛"),
    ]
    for change in changes[: PACKAGES_PER_VENUE - 1]:
        change()
        made.append(sync.export_package(venue.db, venue.admin, out))
    return made


def build_city(folder: Path) -> Template:
    """Three venues' package series, the city database, and its state after each import."""
    from tests.sync import venues as v
    from tests.sync.conftest import SPECS, make_city

    series = []
    for key in VENUES:
        venue = v.build(dataclasses.replace(SPECS[key], n=6), folder / "venues" / key)
        series.append(_series(venue, folder / "usb" / key))
        venue.db.dispose()
    order = [p for step in zip(*series, strict=True) for p in step]
    db_path, home, db = _template_db(folder, "city.sqlite3")
    make_city(db)
    db.dispose()
    checkpoint(db_path)
    # the reference run: the same imports, never killed
    ref_path = folder / "reference" / "city.sqlite3"
    ref_path.parent.mkdir()
    shutil.copyfile(db_path, ref_path)
    ref = open_database(ref_path, device=device.load_or_create(home))
    city = city_actor(ref)
    states = [city_state(ref)]
    for p in order:
        res = sync.import_package(ref, city, p.path, p.fingerprint, backup=False)
        assert res.status == sync.STATUS_IMPORTED, res.message_en
        states.append(city_state(ref))
    ref.dispose()
    packages = [
        {"path": str(p.path), "fingerprint": p.fingerprint, "sha": p.sha256, "seq": p.seq}
        for p in order
    ]
    return Template(db_path, home, {"packages": packages, "states": states})


SYNC_CHILD = """
from kmjudge import sync
city = actor("city")
ready()
first = True
while True:  # the stick's packages in order, then all of them again (duplicates)
    for i, p in enumerate(ctx["packages"]):
        res = sync.import_package(db, city, p["path"], p["fingerprint"], backup=first)
        first = False
        confirm(index=i, status=res.status, sha=res.sha256, changed=res.changed)
"""


def _imported(db: Database) -> set[str]:
    with db.read() as s:
        return set(
            s.scalars(select(PackageLog.sha256).where(PackageLog.direction != "export")).all()
        )


def check_city(db: Database, confirmed: Sequence[dict[str, Any]], ctx: dict[str, Any]) -> None:
    """The packages in the city's log are a prefix of the stick's order, and the city's data
    is exactly what importing that prefix gives (each package wholly in or out: rows, log
    row, audit segment); every confirmed import is in; a duplicate changed nothing. Then, on
    a copy, importing everything again completes: the ones in are duplicates (no change),
    the rest go in, and the city ends as if never killed."""
    shas = [p["sha"] for p in ctx["packages"]]
    done = _imported(db)
    n = len(done)
    assert done == set(shas[:n]), f"imported {n} packages, not the first {n} of the stick"
    state = city_state(db)
    want = ctx["states"][n]
    bad = [part for part in want if state[part] != want[part]]
    assert not bad, f"after {n} packages the city's {', '.join(bad)} differ: half-imported"
    for c in confirmed:
        if c["status"] == sync.STATUS_IMPORTED:
            assert c["sha"] in done, f"confirmed import of package {c['index']} lost"
        else:
            assert c["status"] == sync.STATUS_DUPLICATE and c["changed"] == 0, c
    # re-run everything on a copy (the kill run goes on with this database)
    assert db.path is not None
    copy = db.path.parent / "rerun" / db.path.name
    if copy.parent.exists():
        shutil.rmtree(copy.parent)
    copy.parent.mkdir()
    src, dst = sqlite3.connect(db.path), sqlite3.connect(copy)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    again = open_database(copy, device=device.load_or_create(db.path.parent / "home"))
    try:
        city = city_actor(again)
        for i, p in enumerate(ctx["packages"]):
            res = sync.import_package(again, city, p["path"], p["fingerprint"], backup=False)
            if i < n:
                assert res.status == sync.STATUS_DUPLICATE and res.changed == 0, (i, res.status)
            else:
                assert res.status == sync.STATUS_IMPORTED, (i, res.message_en)
        assert city_state(again) == ctx["states"][-1], "re-run after the kill lost something"
    finally:
        again.dispose()


PACKAGE_IMPORT = KillOperation(
    "package_import", build_city, SYNC_CHILD, check_city, window_s=0.6, chain=2
)

SYNC_OPERATIONS = [PACKAGE_IMPORT]
