"""Fixtures for the sync tests: three venue laptops (built once per session, copied per
test) and a city-office database on each backend (``any_db``)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kmjudge import accounts
from kmjudge.accounts import Actor
from kmjudge.db.engine import Database
from kmjudge.db.models import Base
from kmjudge.registration.idcard import make_id_number
from tests.sync import venues as v

WUHUA_PERSON = v.Person(
    make_id_number("530102", date(1985, 4, 12), 31, "M"), "张卫东", "五华某公司"
)
SHARED = v.Person(make_id_number("530103", date(1990, 3, 5), 123, "F"), "李晓敏", "云南某集团")

SPECS = {
    "wuhua": v.VenueSpec(
        "wuhua",
        "五华赛点笔记本",
        "五华区",
        "五华区职业技能实训基地",
        "电工",
        11,
        shared=(SHARED, WUHUA_PERSON),
    ),
    "panlong": v.VenueSpec(
        "panlong", "盘龙赛点笔记本", "盘龙区", "盘龙区技工学校", "焊工", 22, shared=(SHARED,)
    ),
    # The same ID number as WUHUA_PERSON, with another name: a personal-data conflict.
    "guandu": v.VenueSpec(
        "guandu",
        "官渡赛点笔记本",
        "官渡区",
        "官渡区职教中心",
        "钳工",
        33,
        shared=(v.Person(WUHUA_PERSON.id_number, "张卫栋", "官渡区某公司"),),
    ),
}


@pytest.fixture(scope="session")
def venue_templates(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, tuple[Path, Path, uuid.UUID]]:
    home = tmp_path_factory.mktemp("sync-templates")
    old = os.environ.get("KMJUDGE_HOME")
    os.environ["KMJUDGE_HOME"] = str(home)
    try:
        out = {}
        for key, spec in SPECS.items():
            built = v.build(spec, home / "build" / key)
            path, dev = v.snapshot(built, home / "templates" / key)
            out[key] = (path, dev, built.event_id)
        return out
    finally:
        if old is None:
            os.environ.pop("KMJUDGE_HOME", None)
        else:
            os.environ["KMJUDGE_HOME"] = old


@pytest.fixture
def venue_copy(
    venue_templates: dict[str, tuple[Path, Path, uuid.UUID]], tmp_path: Path
) -> Iterator[Callable[[str], v.Venue]]:
    """A fresh copy of one venue laptop (its own device and database), on demand."""
    opened: list[v.Venue] = []

    def make(key: str, where: str = "") -> v.Venue:
        venue = v.reopen(SPECS[key], venue_templates[key], tmp_path / "venues" / (where or key))
        opened.append(venue)
        return venue

    yield make
    for venue in opened:
        venue.db.dispose()


@pytest.fixture
def venues(venue_copy: Callable[[str], v.Venue]) -> dict[str, v.Venue]:
    """Fresh copies of the three venue laptops."""
    return {k: venue_copy(k) for k in SPECS}


@pytest.fixture
def wuhua(venue_copy: Callable[[str], v.Venue]) -> v.Venue:
    return venue_copy("wuhua")


@dataclass
class City:
    db: Database
    admin: Actor


def make_city(db: Database) -> City:
    accounts.create_first_admin(db, "admin", "市总工会技能办", v.PIN)
    admin = accounts.login(db, "admin", v.PIN)
    accounts.create_user(db, admin, "city", "市级办公室", ["city"], v.PIN)
    return City(db, accounts.login(db, "city", v.PIN))


@pytest.fixture
def city(any_db: Database) -> City:
    """The city office's database: SQLite, and PostgreSQL when a server is available."""
    return make_city(any_db)


def table_dump(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted: two equal dumps mean an unchanged database."""
    out: dict[str, list[tuple[object, ...]]] = {}
    with db.read() as s:
        for table in Base.metadata.sorted_tables:
            rows = s.execute(select(table)).all()
            out[table.name] = sorted((tuple(r) for r in rows), key=repr)
    return out


def row_counts(db: Database) -> dict[str, int]:
    with db.read() as s:
        return {
            t.name: int(s.scalar(select(func.count()).select_from(t)) or 0)
            for t in Base.metadata.sorted_tables
        }
