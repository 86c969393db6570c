"""The database layer: pragmas, migrations, backups, restore, refusal of bad files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from kmjudge import paths
from kmjudge.db import backup as backup_mod
from kmjudge.db import migrate
from kmjudge.db.engine import Database, open_database, resolve_url
from kmjudge.db.models import Base
from kmjudge.errors import DatabaseError


def test_sqlite_is_configured_for_durability(db: Database) -> None:
    """WAL, synchronous=FULL (2), foreign keys on and a busy timeout on every connection."""
    with db.write() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA synchronous")).scalar() == 2
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_migrations_build_exactly_the_models(any_db: Database) -> None:
    """The numbered migrations produce the schema the ORM models describe (no drift)."""
    with any_db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    assert migrate.state(any_db.engine).current == migrate.head_revision()


def test_every_table_exists_on_both_backends(any_db: Database) -> None:
    """The whole domain's tables are created (registration to audit)."""
    names = set(inspect(any_db.engine).get_table_names())
    for table in (
        "competition",
        "event",
        "trade",
        "contestant",
        "registration",
        "app_user",
        "judge_assignment",
        "aspect",
        "score",
        "checkin",
        "scan",
        "ticket",
        "certificate",
        "audit_entry",
        "device",
        "theory_score",
        "appeal",
    ):
        assert table in names


def test_opening_an_older_database_backs_it_up_then_upgrades(tmp_path: Path) -> None:
    """A database at an older revision (here: none, i.e. pre-0001 empty schema) is backed
    up before it is upgraded."""
    path = tmp_path / "old.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    con.commit()
    con.close()
    db = open_database(path)
    assert migrate.state(db.engine).current == migrate.head_revision()
    db.dispose()
    reasons = [b.reason for b in backup_mod.list_backups(paths.backups_dir(), "old")]
    assert "pre-upgrade" in reasons


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    """Unknown (newer) revisions are refused with a message; the file is not changed."""
    path = tmp_path / "newer.sqlite3"
    open_database(path).dispose()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError) as info:
        open_database(path)
    assert info.value.code == "newer"
    assert "更新版本" in info.value.message_zh
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"this is a spreadsheet, not a database" * 10, "not_sqlite"),
        (b"SQLite format 3\x00" + bytes(range(256)) * 40, "corrupt"),
    ],
)
def test_a_wrong_or_corrupt_file_is_refused_at_open(
    tmp_path: Path, content: bytes, code: str
) -> None:
    """A file that isn't SQLite, or is damaged, is never opened silently."""
    path = tmp_path / "bad.sqlite3"
    path.write_bytes(content)
    with pytest.raises(DatabaseError) as info:
        open_database(path)
    assert info.value.code == code
    assert "备份" in info.value.message_zh
    assert path.read_bytes() == content


def test_truncated_database_is_detected(tmp_path: Path, db: Database, admin: object) -> None:
    """A database cut short (a pulled stick during copy) is detected at open."""
    assert db.path is not None
    db.dispose()
    data = db.path.read_bytes()
    bad = tmp_path / "cut.sqlite3"
    bad.write_bytes(data[: len(data) // 2])
    with pytest.raises(DatabaseError):
        open_database(bad)


def test_backup_is_consistent_rotated_and_restorable(db: Database, admin: object) -> None:
    """Backups use the online API (readable copy), keep the last N, and restore works."""
    assert db.path is not None
    first = db.backup("manual")
    assert backup_mod.verify_file(first) == []
    con = sqlite3.connect(first)
    assert con.execute("SELECT count(*) FROM app_user").fetchone()[0] == 1
    con.close()
    for _ in range(5):
        backup_mod.backup_sqlite(db.path, paths.backups_dir(), "hourly", keep=3)
    assert len(backup_mod.list_backups(paths.backups_dir(), db.path.stem)) == 3


def test_restore_replaces_a_damaged_file_and_keeps_it(tmp_path: Path) -> None:
    """Restore puts a good backup in place and keeps the damaged file for inspection."""
    path = tmp_path / "venue.sqlite3"
    db = open_database(path)
    good = db.backup("manual")
    db.dispose()
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    saved = backup_mod.restore_sqlite(good, path, paths.backups_dir())
    assert saved is not None and saved.exists() and "damaged" in saved.name
    open_database(path).dispose()


def test_a_damaged_backup_is_not_restored(tmp_path: Path) -> None:
    path = tmp_path / "venue.sqlite3"
    open_database(path).dispose()
    bad = tmp_path / "bad-backup.sqlite3"
    bad.write_bytes(b"garbage" * 100)
    before = path.read_bytes()
    with pytest.raises(DatabaseError):
        backup_mod.restore_sqlite(bad, path, paths.backups_dir())
    assert path.read_bytes() == before


def test_backup_on_open_and_failed_backup_leaves_no_partial(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """backup_on_open writes a backup; a backup into an unwritable place raises and leaves
    no .part file."""
    path = tmp_path / "v.sqlite3"
    open_database(path).dispose()
    db = open_database(path, backup_on_open=True)
    assert any(b.reason == "open" for b in backup_mod.list_backups(paths.backups_dir(), "v"))
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where a folder should be")
    with pytest.raises(DatabaseError):
        backup_mod.backup_sqlite(path, blocked / "sub", "manual")
    db.dispose()


def test_url_resolution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A path becomes a SQLite URL; KMJUDGE_DB overrides the default; bad URLs are refused."""
    assert resolve_url(tmp_path / "a.sqlite3").startswith("sqlite:///")
    monkeypatch.setenv("KMJUDGE_DB", str(tmp_path / "env.sqlite3"))
    assert resolve_url(None).endswith("env.sqlite3")
    monkeypatch.delenv("KMJUDGE_DB")
    assert resolve_url(None).endswith("kmjudge.sqlite3")
    with pytest.raises(DatabaseError):
        resolve_url("postgresql+psycopg://user@host:notaport/db")


def test_head_constant_matches_the_migration_scripts() -> None:
    """The fast-path HEAD constant names the newest migration (update it with each one)."""
    assert migrate.head_revision() == migrate.HEAD


def test_device_identity_created_once_under_a_race(tmp_path: Path) -> None:
    """Processes starting together on a fresh data folder all end up with one identity."""
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from kmjudge import device; "
        "print(device.load_or_create(Path(sys.argv[1])).id)"
    )
    root = Path(__file__).resolve().parents[2]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(tmp_path / "home")],
            stdout=subprocess.PIPE,
            text=True,
            cwd=root,
        )
        for _ in range(6)
    ]
    ids = {p.communicate(timeout=60)[0].strip() for p in procs}
    assert all(p.returncode == 0 for p in procs)
    assert len(ids) == 1 and "" not in ids
    from kmjudge import device

    assert str(device.load_or_create(tmp_path / "home").id) in ids
