"""Venue laptops for the sync tests, built with the real services.

Each venue is its own installation (its own device key in its own folder) with its own
database: accounts, one event with a 4-aspect scheme (M, J, M, D), contestants imported from
a CSV sheet, check-ins, a station draw, every judge's marks through the judge entry service
and theory scores through the theory import. Built once per session and copied per test
(scrypt hashes and a few hundred transactions are the slow part).
"""

from __future__ import annotations

import csv
import json
import random
import shutil
import sqlite3
import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlalchemy import select

from kmjudge import accounts, checkin, device, events, judges
from kmjudge.accounts import Actor, Role
from kmjudge.db.engine import Database, open_database
from kmjudge.db.models import Registration, User
from kmjudge.judging import entry, theory
from kmjudge.registration import service as registration
from kmjudge.registration.idcard import make_id_number
from kmjudge.results.engine import compute
from kmjudge.results.load import load_event
from kmjudge.setupfile import parse_setup_dict

PIN = "2580"
SCHEME: dict[str, Any] = {
    "title": "同步测试评分标准",
    "spread_limit": 3,
    "criteria": [
        {
            "code": "A",
            "title": "实操",
            "subcriteria": [
                {
                    "code": "A1",
                    "title": "分项",
                    "aspects": [
                        {"code": "M1", "title": "尺寸", "kind": "M", "max_mark": 40, "step": 0.5},
                        {"code": "J1", "title": "工艺美观", "kind": "J", "max_mark": 30},
                        {"code": "M2", "title": "功能", "kind": "M", "max_mark": 30, "step": 1},
                        {"code": "D1", "title": "安全违规", "kind": "D", "max_mark": 5, "cap": 10},
                    ],
                }
            ],
        }
    ],
}
JUDGES = ("j1", "j2", "j3")
SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞"


@dataclass(frozen=True)
class Person:
    id_number: str
    name: str
    employer: str


@dataclass(frozen=True)
class VenueSpec:
    key: str
    device_name: str
    district: str
    venue: str
    trade: str
    seed: int
    n: int = 8
    #: people who also appear at another venue (same ID number)
    shared: tuple[Person, ...] = ()


@dataclass
class Venue:
    spec: VenueSpec
    path: Path
    device_dir: Path
    event_id: uuid.UUID
    db: Database
    _actors: dict[str, Actor] = field(default_factory=dict)

    def actor(self, username: str) -> Actor:
        if username not in self._actors:
            with self.db.read() as s:
                u = s.scalar(select(User).where(User.username == username))
                assert u is not None, username
                self._actors[username] = Actor(
                    u.id,
                    u.username,
                    u.display_name,
                    frozenset(Role(r) for r in u.roles),
                    self.db.device.id,
                )
        return self._actors[username]

    @property
    def admin(self) -> Actor:
        return self.actor("admin")

    def results(self) -> list[tuple[Any, ...]]:
        return results_of(self.db, self.event_id)


def results_of(db: Database, event_id: uuid.UUID) -> list[tuple[Any, ...]]:
    """Every contestant's result, keyed by ID number (ids of contestants may differ)."""
    loaded = load_event(db, event_id)
    res = compute(loaded.inputs)
    with db.read() as s:
        from kmjudge.db.models import Contestant

        ids = {
            str(r.id): c.id_number
            for r, c in s.execute(
                select(Registration, Contestant)
                .join(Contestant, Registration.contestant_id == Contestant.id)
                .where(Registration.event_id == event_id)
            ).all()
        }
    return sorted(
        (
            ids[r.key],
            r.state,
            r.rank,
            r.station,
            r.theory,
            r.practical,
            r.total,
            r.award,
            r.title,
            r.upgrade,
            r.group,
        )
        for r in res.rows
    )


def named_device(folder: Path, name: str) -> device.DeviceIdentity:
    ident = device.load_or_create(folder)
    (folder / "device.json").write_text(
        json.dumps({"id": str(ident.id), "name": name}, ensure_ascii=False), "utf-8"
    )
    return device.load_or_create(folder)


def people(spec: VenueSpec) -> list[Person]:
    rng = random.Random(spec.seed)
    out: list[Person] = list(spec.shared)
    seen = {p.id_number for p in out}
    while len(out) < spec.n:
        birth = date(rng.randint(1975, 2000), rng.randint(1, 12), rng.randint(1, 28))
        idn = make_id_number("530102", birth, rng.randint(1, 499), rng.choice("MF"))  # type: ignore[arg-type]
        if idn in seen:
            continue
        seen.add(idn)
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        out.append(Person(idn, name, f"{spec.district}某公司{rng.randint(1, 9)}"))
    return out


def _setup(spec: VenueSpec) -> dict[str, Any]:
    day = date.today().isoformat()
    return {
        "competition": {"name": f"昆明地区{date.today().year}年职工职业技能竞赛", "year": 2026},
        "events": [
            {
                "name": f"{spec.district}职工职业技能竞赛（{spec.trade}）",
                "trade": spec.trade,
                "level": "district",
                "district": spec.district,
                "organiser": f"{spec.district}总工会",
                "venue": spec.venue,
                "start": f"{day}T08:30:00",
                "end": f"{day}T23:59:00",
                "checkin_opens": f"{day}T00:00:00",
                "checkin_closes": f"{day}T23:59:00",
                "judges_per_panel": 3,
                "scheme": SCHEME,
            }
        ],
    }


def build(spec: VenueSpec, folder: Path, *, marks: bool = True) -> Venue:
    folder.mkdir(parents=True, exist_ok=True)
    dev_dir = folder / f"device-{spec.key}"
    ident = named_device(dev_dir, spec.device_name)
    path = folder / f"{spec.key}.sqlite3"
    db = open_database(path, device=ident)
    accounts.create_first_admin(db, "admin", f"{spec.district}管理员", PIN)
    admin = accounts.login(db, "admin", PIN)
    for username, name, role in [
        ("chief", "裁判长", Role.CHIEF),
        ("j1", "赵裁判", Role.JUDGE),
        ("j2", "钱裁判", Role.JUDGE),
        ("j3", "孙裁判", Role.JUDGE),
    ]:
        accounts.create_user(db, admin, username, name, [role.value], PIN)
    (event_id,) = events.create_from_setup(db, admin, parse_setup_dict(_setup(spec)))
    for j in JUDGES:
        judges.assign_judge(db, admin, event_id, j)
    judges.assign_chief(db, admin, event_id, "chief")
    sheet = folder / f"{spec.key}-报名表.csv"
    with sheet.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["姓名", "身份证号码", "工作单位", "所属区县"])
        for p in people(spec):
            w.writerow([p.name, p.id_number, p.employer, spec.district])
    registration.import_file(db, admin, event_id, sheet)
    venue = Venue(spec, path, dev_dir, event_id, db)
    if not marks:
        return venue
    with db.read() as s:
        regs = list(
            s.scalars(
                select(Registration)
                .where(Registration.event_id == event_id)
                .order_by(Registration.ticket_no)
            )
        )
    # Everyone but the last contestant comes; the draw gives stations.
    for reg in regs[:-1]:
        checkin.manual_checkin(db, admin, reg.id, "核验身份证")
    checkin.draw_all(db, admin, event_id)
    rng = random.Random(spec.seed * 7)
    for j in JUDGES:
        actor = venue.actor(j)
        grid = entry.judge_sheet(db, actor, event_id)
        for row in grid.stations:
            for a, cell in zip(grid.aspects, row.cells, strict=True):
                if not cell.editable:
                    continue
                value = {
                    "M1": str(Decimal(rng.randint(40, 80)) / 2),
                    "J1": str(rng.randint(1, 3)),
                    "M2": str(rng.randint(10, 30)),
                    "D1": str(rng.choice([0, 0, 1])),
                }[a.code]
                entry.enter_score(db, actor, event_id, row.station_no, a.code, value)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["准考证号", "姓名", "理论成绩"])
    with db.read() as s:
        from kmjudge.db.models import Contestant

        for reg, c in s.execute(
            select(Registration, Contestant)
            .join(Contestant, Registration.contestant_id == Contestant.id)
            .where(Registration.event_id == event_id, Registration.status == "checked_in")
        ).all():
            ws.append([reg.ticket_no, c.name, rng.randint(55, 98)])
    xlsx = folder / f"{spec.key}-理论.xlsx"
    wb.save(xlsx)
    theory.import_theory_xlsx(db, admin, event_id, xlsx)
    return venue


def snapshot(src: Venue, dest: Path) -> tuple[Path, Path]:
    """Close and checkpoint a built venue, keeping its file and device folder as a template."""
    src.db.dispose()
    con = sqlite3.connect(src.path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(src.path, dest / src.path.name)
    shutil.copytree(src.device_dir, dest / src.device_dir.name, dirs_exist_ok=True)
    return dest / src.path.name, dest / src.device_dir.name


def reopen(spec: VenueSpec, template: tuple[Path, Path, uuid.UUID], folder: Path) -> Venue:
    path, dev_dir, event_id = template
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, folder / path.name)
    shutil.copytree(dev_dir, folder / dev_dir.name, dirs_exist_ok=True)
    db = open_database(folder / path.name, device=device.load_or_create(folder / dev_dir.name))
    return Venue(spec, folder / path.name, folder / dev_dir.name, event_id, db)


def change_mark(venue: Venue, judge: str, station: int, aspect: str, value: str) -> None:
    """A judge corrects one of their marks (with the version their screen shows)."""
    actor = venue.actor(judge)
    grid = entry.judge_sheet(venue.db, actor, venue.event_id)
    row = next(r for r in grid.stations if r.station_no == station)
    i = [a.code for a in grid.aspects].index(aspect)
    entry.enter_score(venue.db, actor, venue.event_id, station, aspect, value, row.cells[i].version)


def stations(venue: Venue) -> list[int]:
    with venue.db.read() as s:
        return sorted(
            n
            for n in s.scalars(
                select(Registration.station_no).where(Registration.event_id == venue.event_id)
            )
            if n is not None
        )


def laptop_from_setup(
    source: Venue, folder: Path, name: str, *, pins: tuple[str, ...] = ()
) -> Venue:
    """A second laptop at the same venue, set up from the venue's set-up package (the way a
    judge's or registrar's laptop is prepared): its own device and admin; ``pins`` are the
    imported accounts the admin gives a PIN to."""
    from kmjudge import sync

    folder.mkdir(parents=True, exist_ok=True)
    ident = named_device(folder / "device", name)
    db = open_database(folder / "laptop.sqlite3", device=ident)
    accounts.create_first_admin(db, "admin", f"{name}管理员", PIN)
    admin = accounts.login(db, "admin", PIN)
    pkg = sync.export_setup(source.db, source.admin, folder / "usb", [source.event_id])
    sync.import_package(db, admin, pkg.path, pkg.fingerprint)
    for username in pins:
        accounts.set_secret(db, admin, username, PIN)
    return Venue(source.spec, folder / "laptop.sqlite3", folder / "device", source.event_id, db)


def registrations(venue: Venue) -> list[Registration]:
    with venue.db.read() as s:
        return list(
            s.scalars(
                select(Registration)
                .where(Registration.event_id == venue.event_id)
                .order_by(Registration.ticket_no)
            )
        )
