"""Shared test set-up.

- Qt runs offscreen; the session owns one QApplication (pytest-qt's ``qapp``).
- Every test gets its own data folder (``KMJUDGE_HOME``), so nothing touches a real one.
- ``any_db`` runs a test on a real SQLite file and, when ``KMJUDGE_TEST_PG_URL`` names a
  PostgreSQL server (scripts/test.sh starts one), on a fresh PostgreSQL database too.
"""

from __future__ import annotations

import gc
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KMJUDGE_BACKUP_INTERVAL_S", "3600")

from kmjudge import accounts, device
from kmjudge.accounts import Actor
from kmjudge.db.engine import Database, open_database
from tests.reruns import mark_gui_reruns

PG_URL = os.environ.get("KMJUDGE_TEST_PG_URL", "")
ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "resources" / "examples"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    mark_gui_reruns(config, items, Path(__file__).resolve().parent)


@pytest.fixture(autouse=True)
def _cheap_pin_hashing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """scrypt at the production cost (N=2**14) takes ~45 ms a hash here, and the suite creates
    and signs in thousands of accounts; N=2**10 keeps every check the same (the cost is
    stored in each hash) at ~2 ms. Tests about the hashing itself are marked ``real_scrypt``.
    Subprocesses (kill tests) use the production cost."""
    if request.node.get_closest_marker("real_scrypt") is None:
        monkeypatch.setattr(accounts, "_SCRYPT_N", 2**10)


@pytest.fixture(scope="session", autouse=True)
def _collect_garbage_on_the_main_thread() -> Iterator[None]:
    """As the app does (ui/gcguard.py): no automatic collection, which could run in a worker
    thread and destroy a Qt widget there; collect on the main thread after every test."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def _main_thread_gc() -> Iterator[None]:
    yield
    gc.collect()


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    home = tmp_path_factory.mktemp("kmhome")
    monkeypatch.setenv("KMJUDGE_HOME", str(home))
    monkeypatch.delenv("KMJUDGE_DB", raising=False)
    return home


def _pg_database() -> Iterator[str]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"kmj_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL on each backend: a real SQLite file, and PostgreSQL when available."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'venue.sqlite3'}"
        return
    if not PG_URL:
        pytest.skip("no PostgreSQL server (KMJUDGE_TEST_PG_URL unset)")
    yield from _pg_database()


@pytest.fixture
def any_db(any_db_url: str) -> Iterator[Database]:
    db = open_database(any_db_url)
    yield db
    db.dispose()


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """A fresh venue database in a real SQLite file."""
    database = open_database(tmp_path / "venue.sqlite3")
    yield database
    database.dispose()


def make_admin(database: Database) -> Actor:
    accounts.create_first_admin(database, "admin", "管理员", "2580")
    return accounts.login(database, "admin", "2580")


@pytest.fixture
def admin(db: Database) -> Actor:
    return make_admin(db)


def other_device(tmp_path: Path, name: str = "other") -> device.DeviceIdentity:
    return device.load_or_create(tmp_path / f"device-{name}")
