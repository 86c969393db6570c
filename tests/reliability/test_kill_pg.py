"""SIGKILL of a writer on PostgreSQL: the two actions a venue confirms on screen, the judges'
marks (score entry) and the check-in desk's scans, written by a child process to a PostgreSQL
database, killed at random (``KMJUDGE_KILL_ITERATIONS``, default 3). After each kill every
confirmed action is there, nothing is half-written, the chain verifies and the rows agree
with it.

Runs when ``KMJUDGE_TEST_PG_URL`` names a server (``bash scripts/test.sh`` starts a
throwaway one; CI sets it); skipped otherwise.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from kmjudge import checkin, device
from kmjudge.db.engine import Database, open_database
from tests.checkin import conftest as checkin_venue
from tests.conftest import PG_URL
from tests.judging import conftest as judging_venue
from tests.reliability import harness
from tests.reliability.operations import CHECKIN, SCORE_ENTRY

pytestmark = pytest.mark.postgres


class _Databases:
    """PostgreSQL databases made by ``CREATE DATABASE ... TEMPLATE``, dropped at the end."""

    def __init__(self) -> None:
        self.admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        self.names: list[str] = []

    def create(self, template: str | None = None) -> str:
        name = f"kmj_kill_{uuid.uuid4().hex[:10]}"
        with self.admin.connect() as c:
            c.execute(
                text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
            )
        self.names.append(name)
        return name

    def url(self, name: str) -> str:
        return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        with self.admin.connect() as c:
            for name in reversed(self.names):
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()


@pytest.fixture
def pg() -> Iterator[_Databases]:
    if not PG_URL:
        pytest.skip("no PostgreSQL server (KMJUDGE_TEST_PG_URL unset)")
    dbs = _Databases()
    yield dbs
    dbs.drop_all()


def _kill_on_postgresql(
    pg: _Databases,
    tmp_path: Path,
    op: harness.KillOperation,
    build: Callable[[Database, Path], dict[str, Any]],
) -> harness.KillReport:
    """Build a template database on the server with ``build`` (which returns the child's
    context), then SIGKILL ``op``'s child on fresh copies of it (``CREATE DATABASE ...
    TEMPLATE``) at random moments."""
    home = tmp_path / "template-home"
    template_name = pg.create()
    db = open_database(pg.url(template_name), device=device.load_or_create(home))
    ctx = build(db, tmp_path)
    db.dispose()
    template = harness.Template(Path(), home, ctx)

    def fresh(t: harness.Template, folder: Path) -> tuple[str, Path]:
        return pg.url(pg.create(template_name)), harness.copy_home(t, folder)

    n = harness.iterations()
    report = harness.run_kills(op, template, tmp_path / "work", n, harness.seed(), fresh=fresh)
    print(report.line().replace(op.name, f"{op.name} on PostgreSQL"))
    assert report.iterations == n and report.lost == 0
    assert report.confirmed > 0, "nothing was confirmed before the kills: widen the window"
    return report


def test_killed_score_entry_on_postgresql_keeps_every_confirmed_mark(
    pg: _Databases, tmp_path: Path
) -> None:
    """The score-entry child writes to PostgreSQL and is SIGKILLed at random moments (4 kills
    per copy of the database): no confirmed mark is lost, nothing is half-written, the audit
    chain verifies and the marks agree with it (``check_database``)."""

    def build(db: Database, folder: Path) -> dict[str, Any]:
        venue = judging_venue.build_venue(db, folder)
        return {"event_id": str(venue.event_id), "judges": ["j1", "j2", "j3"]}

    _kill_on_postgresql(pg, tmp_path, SCORE_ENTRY, build)


def test_killed_check_in_on_postgresql_keeps_every_confirmed_scan(
    pg: _Databases, tmp_path: Path
) -> None:
    """The check-in desk's child scans 60 tickets (then repeats) into PostgreSQL and is
    SIGKILLed at random moments: every scan the desk confirmed is stored with its verdict,
    every confirmed check-in is there with the station shown, status, check-in row and audit
    entry agree for every contestant, and no two share a station."""

    def build(db: Database, folder: Path) -> dict[str, Any]:
        v = checkin_venue.build_venue(db, folder)
        checkin_venue.add_contestants(db, v.admin, v.event_id, 52, folder, offset=300)
        tokens = [t.token for t in checkin.issue_tickets(db, v.admin, v.event_id)]
        assert len(tokens) == 60
        return {"event_id": str(v.event_id), "tokens": tokens}

    _kill_on_postgresql(pg, tmp_path, CHECKIN, build)
