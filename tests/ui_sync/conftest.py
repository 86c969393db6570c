"""Fixtures for the data exchange and conflicts screens.

Venue laptops are real installations (own device key, own SQLite file) built once per
session with the real services (``tests/sync/venues.py``: accounts, an event, contestants
imported from a sheet, check-ins, a draw, every judge's marks, theory scores) and copied for
each test. The city office is a fresh SQLite file with an admin and a city account. The
screens run in Chinese with the app's style, and are driven through clicks and typing.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from kmjudge import accounts
from kmjudge.accounts import Actor
from kmjudge.db.engine import Database, open_database
from kmjudge.db.models import Base
from kmjudge.registration.idcard import make_id_number
from tests.sync import venues as v
from ui import fonts, i18n
from ui.context import AppContext
from ui.widgets import STYLE
from ui.worker import Worker

WAIT_MS = 60_000

#: A welder who competes at both venues on the same day: a check-in conflict at the city.
TWICE = v.Person(make_id_number("530103", date(1990, 3, 5), 123, "F"), "李晓敏", "云南某集团")

#: One ID number with two spellings of the name at two venues: a personal-data conflict.
ZHANG = v.Person(make_id_number("530102", date(1985, 4, 12), 31, "M"), "张卫东", "五华某公司")
ZHANG_GUANDU = v.Person(ZHANG.id_number, "张卫栋", "官渡区某公司")

SPECS = {
    "wuhua": v.VenueSpec(
        "wuhua",
        "五华赛点笔记本",
        "五华区",
        "五华区职业技能实训基地",
        "电工",
        11,
        shared=(TWICE, ZHANG),
    ),
    "panlong": v.VenueSpec(
        "panlong", "盘龙赛点笔记本", "盘龙区", "盘龙区技工学校", "焊工", 22, shared=(TWICE,)
    ),
    "guandu": v.VenueSpec(
        "guandu", "官渡赛点笔记本", "官渡区", "官渡区职教中心", "钳工", 33, shared=(ZHANG_GUANDU,)
    ),
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def chinese_app(qapp: QApplication) -> Iterator[None]:
    i18n.install("zh")
    fonts.apply_ui_font(qapp)
    qapp.setStyleSheet(STYLE)
    yield
    i18n.install("zh")


@pytest.fixture(scope="session")
def venue_templates(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, tuple[Path, Path, uuid.UUID]]:
    home = tmp_path_factory.mktemp("ui-sync-templates")
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
def venue(
    venue_templates: dict[str, tuple[Path, Path, uuid.UUID]], tmp_path: Path
) -> Iterator[Callable[[str], v.Venue]]:
    """``venue("wuhua")``: a fresh copy of that venue laptop (own device, own database)."""
    opened: list[v.Venue] = []

    def make(key: str) -> v.Venue:
        got = v.reopen(SPECS[key], venue_templates[key], tmp_path / "venues" / key)
        opened.append(got)
        return got

    yield make
    for got in opened:
        got.db.dispose()


@dataclass
class City:
    db: Database
    admin: Actor
    city: Actor


@pytest.fixture
def city(tmp_path: Path) -> Iterator[City]:
    """The city office: its own device and a fresh SQLite file."""
    ident = v.named_device(tmp_path / "city-device", "市总工会办公室")
    db = open_database(tmp_path / "city.sqlite3", device=ident)
    accounts.create_first_admin(db, "admin", "市总工会技能办", v.PIN)
    admin = accounts.login(db, "admin", v.PIN)
    accounts.create_user(db, admin, "city", "市级办公室", ["city"], v.PIN)
    yield City(db, admin, accounts.login(db, "city", v.PIN))
    db.dispose()


@pytest.fixture
def make_ctx() -> Iterator[Callable[[Database, Actor], AppContext]]:
    workers: list[Worker] = []

    def make(db: Database, actor: Actor, event_id: uuid.UUID | None = None) -> AppContext:
        w = Worker()
        workers.append(w)
        return AppContext(db, actor, w, "zh", event_id)

    yield make
    for w in workers:
        w.shutdown()


def table_dump(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted: two equal dumps mean an unchanged database."""
    out: dict[str, list[tuple[object, ...]]] = {}
    with db.read() as s:
        for table in Base.metadata.sorted_tables:
            rows = s.execute(select(table)).all()
            out[table.name] = sorted((tuple(r) for r in rows), key=repr)
    return out


def row_count(db: Database, model: type) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)
