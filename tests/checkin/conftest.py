"""A venue ready for check-in: the example set-up (电工 + 焊工), contestants imported through
the registration service, the electrician event's check-in window open now."""

from __future__ import annotations

import csv
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from kmjudge import accounts, events
from kmjudge.accounts import Actor
from kmjudge.db.engine import Database
from kmjudge.registration import service as registration
from kmjudge.registration.idcard import make_id_number
from kmjudge.registration.service import RegistrationView
from tests.conftest import EXAMPLES, make_admin

SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞"


def person(k: int) -> tuple[str, str]:
    """A fictitious name and a checksum-valid ID number, distinct for every k."""
    name = SURNAMES[k % 20] + GIVEN[(k // 20) % 20] + GIVEN[(k * 7 + 3) % 20]
    birth = date(1970, 1, 1) + timedelta(days=41 * (k // 300) + k % 300)
    return name, make_id_number("530102", birth, 100 + k % 400, "M" if k % 3 else "F")


def add_contestants(
    db: Database, admin: Actor, event_id: uuid.UUID, n: int, folder: Path, offset: int = 0
) -> list[RegistrationView]:
    sheet = folder / f"reg-{event_id.hex[:6]}-{offset}.csv"
    with sheet.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["姓名", "身份证号码", "工作单位", "所属区县"])
        for k in range(offset, offset + n):
            name, idn = person(k)
            w.writerow([name, idn, f"昆明第{k % 7 + 1}机械厂", "五华区"])
    registration.import_file(db, admin, event_id, sheet)
    return registration.list_registrations(db, admin, event_id)


def open_window(db: Database, admin: Actor, event_id: uuid.UUID) -> None:
    """Move the event to today, with check-in open from an hour ago for two hours."""
    now = datetime.now().replace(microsecond=0)
    events.update_event(
        db,
        admin,
        event_id,
        start_at=now + timedelta(hours=2),
        end_at=now + timedelta(hours=8),
        checkin_opens_at=now - timedelta(hours=1),
        checkin_closes_at=now + timedelta(hours=1),
    )


@dataclass
class Venue:
    db: Database
    admin: Actor
    registrar: Actor
    event_id: uuid.UUID  # 电工, window open now
    other_event_id: uuid.UUID  # 焊工
    regs: list[RegistrationView]
    folder: Path

    def event_detail(self) -> events.EventDetail:
        return events.get_event(self.db, self.admin, self.event_id)


def build_venue(db: Database, folder: Path, n: int = 8, n_other: int = 3) -> Venue:
    admin = make_admin(db)
    accounts.create_user(db, admin, "reg1", "李检录", ["registrar"], "2580")
    registrar = accounts.login(db, "reg1", "2580")
    ev, other = events.import_setup_file(db, admin, EXAMPLES / "event-setup.toml")
    open_window(db, admin, ev)
    open_window(db, admin, other)
    regs = add_contestants(db, admin, ev, n, folder)
    add_contestants(db, admin, other, n_other, folder, offset=5000)
    return Venue(db, admin, registrar, ev, other, regs, folder)


@pytest.fixture
def venue(any_db: Database, tmp_path: Path) -> Iterator[Venue]:
    """On SQLite (and PostgreSQL when configured)."""
    yield build_venue(any_db, tmp_path)


@pytest.fixture
def sqlite_venue(db: Database, tmp_path: Path) -> Iterator[Venue]:
    yield build_venue(db, tmp_path)
