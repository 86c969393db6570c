"""Two processes on one SQLite file: a short lock is waited out, a long one gives a clear
"busy" message (zh/en) instead of a driver error, and nothing is lost either way.

The other process is a real one (another laptop's kmjudge on a shared file, or a second
window) holding a write transaction open.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from kmjudge import accounts, audit, checkin
from kmjudge.cli import main
from kmjudge.db import engine as engine_mod
from kmjudge.db.engine import Database, open_database
from kmjudge.db.models import AuditEntry
from kmjudge.errors import Busy, KmError
from tests.checkin.conftest import Venue, build_venue

ROOT = Path(__file__).resolve().parents[2]

HOLDER = """
import sys, time
from kmjudge import audit
from kmjudge.db.engine import open_database
db = open_database(sys.argv[1])
with db.write() as s:
    audit.record(s, db, None, "test.hold_lock", entity="test")
    print("LOCKED", flush=True)
    time.sleep(float(sys.argv[2]))
print("RELEASED", flush=True)
"""


class Holder:
    """Another process holding the database's write lock for ``seconds``."""

    def __init__(self, db_path: Path, home: Path, seconds: float) -> None:
        env = {**os.environ, "KMJUDGE_HOME": str(home), "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(db_path), str(seconds)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        assert line.strip() == "LOCKED", self.proc.stderr.read() if self.proc.stderr else ""

    def finish(self) -> None:
        out, err = self.proc.communicate(timeout=60)
        assert self.proc.returncode == 0 and "RELEASED" in out, err


@pytest.fixture
def venue(db: Database, tmp_path: Path) -> Venue:
    return build_venue(db, tmp_path)


@pytest.fixture
def short_timeout(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A 300 ms busy timeout (the app waits 10 s) so the tests stay quick."""
    monkeypatch.setattr(engine_mod, "BUSY_TIMEOUT_MS", 300)
    yield


def _held_entries(db: Database) -> int:
    with db.read() as s:
        return len(s.scalars(select(AuditEntry).where(AuditEntry.action == "test.hold_lock")).all())


def test_a_short_lock_from_another_process_is_waited_out(venue: Venue, tmp_path: Path) -> None:
    """Another process holds the write lock for 1 s; a scan here waits (busy timeout 10 s)
    and succeeds; both writes are in the file and the audit chains verify."""
    assert venue.db.path is not None
    t = checkin.issue_tickets(venue.db, venue.admin, venue.event_id)[0]
    holder = Holder(venue.db.path, tmp_path / "laptop2", 1.0)
    verdict = checkin.scan(venue.db, venue.registrar, venue.event_id, t.token)
    holder.finish()
    assert verdict.ok
    assert _held_entries(venue.db) == 1
    assert audit.verify(venue.db).ok


def test_a_long_lock_gives_a_clear_busy_message_and_nothing_half_done(
    venue: Venue, tmp_path: Path, short_timeout: None
) -> None:
    """The lock outlasts the busy timeout: a scan and an account change are refused with
    Busy (a KmError with zh/en text saying nothing was saved), they left no trace, and once
    the other process is done the same actions succeed."""
    assert venue.db.path is not None
    db = open_database(venue.db.path, device=venue.db.device)  # connections with the 300 ms
    try:
        t = checkin.issue_tickets(db, venue.admin, venue.event_id)[0]
        holder = Holder(db.path, tmp_path / "laptop2", 1.5)  # type: ignore[arg-type]
        with pytest.raises(Busy) as scan_busy:
            checkin.scan(db, venue.registrar, venue.event_id, t.token)
        with pytest.raises(Busy) as user_busy:
            accounts.create_user(db, venue.admin, "judge9", "九号", ["judge"], "2468")
        for exc in (scan_busy.value, user_busy.value):
            assert isinstance(exc, KmError) and exc.code == "busy"
            assert "占用" in exc.message_zh and "没有保存" in exc.message_zh
            assert "in use" in exc.message_en and "Nothing was saved" in exc.message_en
        holder.finish()
        assert checkin.counters(db, venue.event_id).checked_in == 0
        assert "judge9" not in {u.username for u in accounts.list_users(db, venue.admin)}
        assert checkin.scan(db, venue.registrar, venue.event_id, t.token).ok
        accounts.create_user(db, venue.admin, "judge9", "九号", ["judge"], "2468")
        assert _held_entries(db) == 1
        assert audit.verify(db).ok
    finally:
        db.dispose()


def test_cli_says_busy_in_words(
    venue: Venue,
    tmp_path: Path,
    short_timeout: None,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`kmjudge user add` while another process holds the lock: exit 1, one readable Chinese
    line on stderr (no traceback), and the account is not there."""
    assert venue.db.path is not None
    holder = Holder(venue.db.path, tmp_path / "laptop2", 1.5)
    monkeypatch.setenv("KMJUDGE_USER", "admin")
    monkeypatch.setenv("KMJUDGE_SECRET", "2580")
    monkeypatch.setenv("KMJUDGE_NEW_SECRET", "2468")
    code = main(
        ["user", "add", "judge9", "--role", "judge", "--db", str(venue.db.path), "--lang", "zh"]
    )
    err = capsys.readouterr().err
    holder.finish()
    assert code == 1, err
    assert "占用" in err and "Traceback" not in err
    assert "judge9" not in {u.username for u in accounts.list_users(venue.db, venue.admin)}


def test_busy_is_recognised_however_the_driver_wraps_it() -> None:
    """The detector sees SQLite's busy/locked errors, raw or wrapped by SQLAlchemy, and
    nothing else."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    raw = sqlite3.OperationalError("database is locked")
    assert engine_mod.is_busy(raw)
    assert engine_mod.is_busy(OperationalError("INSERT", {}, raw))
    assert engine_mod.is_busy(sqlite3.OperationalError("database table is locked"))
    assert not engine_mod.is_busy(sqlite3.OperationalError("no such table: x"))
    assert not engine_mod.is_busy(ValueError("database is locked"))
