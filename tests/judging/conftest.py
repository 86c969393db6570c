"""A small venue for the judging tests.

Scheme (100 points): criterion A — A1.1 M 10 all-or-nothing, A1.2 M 10 step 0.5, A1.3 D 5 per
occurrence cap 10; criterion B — B1.1 M 50 step 1, B1.2 J 30 (mean). Judges j1, j2, j3 mark
everything (j1 works for 昆明钢铁, like the contestants at stations 1 and 4); tj is a trainee
on everything. chief = 裁判长; clerk1..3 = 录分员. Six contestants at stations 1..6. PIN 2580.

The venue is built once per session in a SQLite file and copied for each test (accounts cost
a scrypt hash each). ``build_venue`` builds it on any database (PostgreSQL tests use it).
"""

from __future__ import annotations

import csv
import os
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from kmjudge import accounts, events, judges
from kmjudge.accounts import Actor, Role
from kmjudge.db.engine import Database, open_database
from kmjudge.db.models import Registration, User
from kmjudge.registration import service as registration
from kmjudge.registration.idcard import make_id_number
from kmjudge.setupfile import parse_setup_dict

PIN = "2580"
SCHEME = {
    "title": "测试评分标准",
    "spread_limit": 1,
    "criteria": [
        {
            "code": "A",
            "title": "安全文明",
            "subcriteria": [
                {
                    "code": "A1",
                    "title": "安全",
                    "aspects": [
                        {
                            "code": "A1.1",
                            "title": "穿戴防护用品",
                            "kind": "M",
                            "max_mark": 10,
                            "all_or_nothing": True,
                        },
                        {
                            "code": "A1.2",
                            "title": "工具使用",
                            "kind": "M",
                            "max_mark": 10,
                            "step": "0.5",
                        },
                        {
                            "code": "A1.3",
                            "title": "违反安全规程",
                            "kind": "D",
                            "max_mark": 5,
                            "cap": 10,
                        },
                    ],
                }
            ],
        },
        {
            "code": "B",
            "title": "操作",
            "subcriteria": [
                {
                    "code": "B1",
                    "title": "接线",
                    "aspects": [
                        {
                            "code": "B1.1",
                            "title": "线路连接正确",
                            "kind": "M",
                            "max_mark": 50,
                            "step": 1,
                        },
                        {"code": "B1.2", "title": "工艺美观", "kind": "J", "max_mark": 30},
                    ],
                }
            ],
        },
    ],
}
EMPLOYERS = ["昆明钢铁控股有限公司", "昆明地铁运营有限公司", "云南白药集团股份有限公司"]
NAMES = ["张伟", "王芳", "李娜", "赵敏", "刘强", "陈静", "杨磊", "黄勇"]
USERS: list[tuple[str, str, Role, str]] = [
    ("j1", "赵裁判", Role.JUDGE, "昆明钢铁控股有限公司"),
    ("j2", "钱裁判", Role.JUDGE, "昆明理工大学"),
    ("j3", "孙裁判", Role.JUDGE, ""),
    ("tj", "见习裁判", Role.JUDGE, ""),
    ("chief", "郑裁判长", Role.CHIEF, ""),
    ("clerk1", "冯录分", Role.CLERK, ""),
    ("clerk2", "陈录分", Role.CLERK, ""),
    ("clerk3", "褚录分", Role.CLERK, ""),
]
JUDGES = ("j1", "j2", "j3")
MJ_ASPECTS = ("A1.1", "A1.2", "B1.1", "B1.2")
GOOD = {"A1.1": "10", "A1.2": "8.5", "B1.1": "40", "B1.2": "2"}


@dataclass
class Venue:
    db: Database
    event_id: uuid.UUID
    n: int
    _actors: dict[str, Actor] = field(default_factory=dict)

    def actor(self, username: str) -> Actor:
        """The signed-in user (built from the account row: a real login costs a scrypt)."""
        if username not in self._actors:
            with self.db.read() as s:
                u = s.scalar(select(User).where(User.username == username))
                assert u is not None
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

    @property
    def chief(self) -> Actor:
        return self.actor("chief")

    def registration(self, station: int) -> Registration:
        with self.db.read() as s:
            reg = s.scalar(
                select(Registration).where(
                    Registration.event_id == self.event_id, Registration.station_no == station
                )
            )
            assert reg is not None
            return reg

    def set_status(self, station: int, status: str) -> None:
        with self.db.write() as s:
            reg = s.scalar(
                select(Registration).where(
                    Registration.event_id == self.event_id, Registration.station_no == station
                )
            )
            assert reg is not None
            reg.status = status

    def fill(self, judges_: tuple[str, ...] = JUDGES, values: dict[str, str] | None = None) -> None:
        """Every M/J mark of ``judges_`` for every active station."""
        from kmjudge.judging import entry

        vals = values or GOOD
        for j in judges_:
            grid = entry.judge_sheet(self.db, self.actor(j), self.event_id)
            for row in grid.stations:
                for a, cell in zip(grid.aspects, row.cells, strict=True):
                    if a.code in vals and cell.editable and cell.value is None:
                        entry.enter_score(
                            self.db,
                            self.actor(j),
                            self.event_id,
                            row.station_no,
                            a.code,
                            vals[a.code],
                        )


def _setup(end: str = "2026-10-20T17:30:00") -> dict[str, object]:
    return {
        "competition": {"name": "测试竞赛", "year": 2026},
        "events": [
            {
                "name": "测试场次（电工）",
                "trade": "电工",
                "level": "city",
                "organiser": "昆明市总工会",
                "venue": "实训楼",
                "start": "2026-10-20T08:30:00",
                "end": end,
                "judges_per_panel": 3,
                "scheme": SCHEME,
            }
        ],
    }


def build_venue(db: Database, tmp: Path, n: int = 6) -> Venue:
    accounts.create_first_admin(db, "admin", "管理员", PIN)
    admin = accounts.login(db, "admin", PIN)
    for username, name, role, employer in USERS:
        accounts.create_user(db, admin, username, name, [role.value], PIN, employer)
    (event_id,) = events.create_from_setup(db, admin, parse_setup_dict(_setup()))
    for j in JUDGES:
        judges.assign_judge(db, admin, event_id, j)
    judges.assign_judge(db, admin, event_id, "tj", trainee=True)
    sheet = tmp / "报名表.csv"
    with sheet.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["姓名", "身份证号码", "工作单位"])
        for i in range(n):
            birth = date(1980 + i, 1 + i % 12, 1 + i)
            w.writerow(
                [
                    NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else str(i)),
                    make_id_number("530102", birth, 100 + i, "M" if i % 2 else "F"),
                    EMPLOYERS[i % len(EMPLOYERS)],
                ]
            )
    registration.import_file(db, admin, event_id, sheet)
    with db.write() as s:
        regs = s.scalars(
            select(Registration)
            .where(Registration.event_id == event_id)
            .order_by(Registration.ticket_no)
        ).all()
        for i, reg in enumerate(regs, start=1):
            reg.station_no = i
            reg.status = "checked_in"
    return Venue(db, event_id, n)


@pytest.fixture(scope="session")
def _template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, uuid.UUID]:
    home = tmp_path_factory.mktemp("judging-template-home")
    old = os.environ.get("KMJUDGE_HOME")
    os.environ["KMJUDGE_HOME"] = str(home)
    try:
        path = home / "template.sqlite3"
        db = open_database(path)
        v = build_venue(db, home)
        db.dispose()
        con = sqlite3.connect(path)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.close()
        return path, v.event_id
    finally:
        if old is None:
            os.environ.pop("KMJUDGE_HOME", None)
        else:
            os.environ["KMJUDGE_HOME"] = old


@pytest.fixture
def venue(_template: tuple[Path, uuid.UUID], tmp_path: Path) -> Iterator[Venue]:
    """A fresh copy of the venue in a real SQLite file (this test's own device)."""
    src, event_id = _template
    dst = tmp_path / "venue.sqlite3"
    shutil.copyfile(src, dst)
    db = open_database(dst)
    yield Venue(db, event_id, 6)
    db.dispose()


@pytest.fixture
def any_venue(any_db: Database, tmp_path: Path) -> Venue:
    """The venue built on each backend (SQLite file, and PostgreSQL when available)."""
    return build_venue(any_db, tmp_path)
