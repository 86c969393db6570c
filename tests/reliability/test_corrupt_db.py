"""A damaged, truncated or foreign database file is refused at open with a clear message, the
newest good backup is offered, and the file is never opened silently nor modified.

Each kind of damage is made from a real venue database (accounts, events, contestants):
cut short, random bytes, a zip or a text file renamed, a healthy SQLite file of another
program, a good header over damaged pages, a 0-byte file where a database with backups was.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from kmjudge import accounts, events, paths
from kmjudge.cli import main
from kmjudge.db import backup as backup_mod
from kmjudge.db.engine import RESTORABLE, open_database, restore_offer
from kmjudge.errors import DatabaseError
from tests.conftest import EXAMPLES

PAGE = 4096


def _venue(path: Path) -> Path:
    """A real venue database with data, and two backups of it (the newer one is offered)."""
    db = open_database(path)
    accounts.create_first_admin(db, "admin", "管理员", "2580")
    admin = accounts.login(db, "admin", "2580")
    events.import_setup_file(db, admin, EXAMPLES / "event-setup.toml")
    db.backup("manual")
    db.backup("hourly")
    db.dispose()
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return path


def _root_page(data: bytes, table: str) -> int:
    """The page number where ``table``'s b-tree starts (read from a scratch copy)."""
    scratch = Path(os.environ["KMJUDGE_HOME"]) / "scratch.sqlite3"
    scratch.write_bytes(data)
    con = sqlite3.connect(scratch)
    try:
        row = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    finally:
        con.close()
        scratch.unlink()
    return int(row[0])


def _overwrite_page(data: bytes, page: int, rng: random.Random) -> bytes:
    start = (page - 1) * PAGE
    return data[:start] + rng.randbytes(PAGE) + data[start + PAGE :]


def _zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    return buf.getvalue()


def _foreign_sqlite(_data: bytes) -> bytes:
    scratch = Path(os.environ["KMJUDGE_HOME"]) / "foreign.sqlite3"
    con = sqlite3.connect(scratch)
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    con.executemany("INSERT INTO customers(name) VALUES (?)", [("张三",), ("李四",)])
    con.commit()
    con.close()
    out = scratch.read_bytes()
    scratch.unlink()
    return out


def _foreign_alembic(_data: bytes) -> bytes:
    """Another program's database that also uses Alembic (its own revision id)."""
    scratch = Path(os.environ["KMJUDGE_HOME"]) / "alembic.sqlite3"
    con = sqlite3.connect(scratch)
    con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    con.execute("INSERT INTO alembic_version VALUES ('ae1027a6acf')")
    con.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    out = scratch.read_bytes()
    scratch.unlink()
    return out


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "truncated_half": lambda d: d[: len(d) // 2],
    "truncated_to_header": lambda d: d[:100],
    "truncated_last_page": lambda d: d[:-PAGE],
    "empty_with_backups": lambda d: b"",
    "random_bytes": lambda d: random.Random(1).randbytes(len(d)),
    "zip_renamed": lambda d: _zip_bytes(),
    "text_renamed": lambda d: "姓名,身份证号码\n张三,530102199001011234\n".encode(),
    "foreign_sqlite": _foreign_sqlite,
    "foreign_alembic_app": _foreign_alembic,
    "header_ok_pages_random": lambda d: d[:PAGE] + random.Random(2).randbytes(len(d) - PAGE),
    "audit_root_page_damaged": lambda d: _overwrite_page(
        d, _root_page(d, "audit_entry"), random.Random(3)
    ),
    "user_root_page_zeroed": lambda d: (
        d[: (_root_page(d, "app_user") - 1) * PAGE]
        + bytes(PAGE)
        + d[_root_page(d, "app_user") * PAGE :]
    ),
}


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()
    }


@pytest.fixture
def damaged(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, bytes]:
    folder = tmp_path / "venue"
    folder.mkdir()
    path = _venue(folder / "venue.sqlite3")
    bad = DAMAGE[request.param](path.read_bytes())
    path.write_bytes(bad)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return path, bad


@pytest.mark.parametrize("damaged", list(DAMAGE), indirect=True)
def test_damaged_file_is_refused_untouched_and_the_newest_good_backup_offered(
    damaged: tuple[Path, bytes],
) -> None:
    """open_database refuses with a zh/en message naming the file and a restore; not a byte
    of the folder changes; the offer is the newest backup that is a healthy kmjudge file."""
    path, bad = damaged
    before = _snapshot(path.parent)
    with pytest.raises(DatabaseError) as info:
        open_database(path)
    exc = info.value
    assert exc.code in RESTORABLE, (exc.code, exc.message_en)
    assert str(path) in exc.message_zh and str(path) in exc.message_en
    assert "恢复" in exc.message_zh and "restore" in exc.message_en.lower()
    assert _snapshot(path.parent) == before, "the refused file (or its folder) was modified"
    # A damaged newest backup is skipped: the offer is the newest *good* one.
    newest = backup_mod.list_backups(paths.backups_dir(), "venue")
    fake = paths.backups_dir() / "venue-29991231-235959-000000-hourly.sqlite3"
    fake.write_bytes(bad)
    offer = restore_offer(path, exc)
    assert offer is not None and offer.path == newest[0].path and offer.reason == "hourly"


@pytest.mark.parametrize(
    "damaged",
    ["random_bytes", "foreign_sqlite", "empty_with_backups", "audit_root_page_damaged"],
    indirect=True,
)
def test_cli_names_the_backup_then_db_restore_brings_the_venue_back(
    damaged: tuple[Path, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    """`kmjudge db check` exits 1 naming the newest good backup and `kmjudge db restore`;
    `kmjudge db restore` puts it back (the admin can sign in) and keeps the bad file aside."""
    path, bad = damaged
    assert main(["db", "check", "--db", str(path), "--lang", "zh"]) == 1
    err = capsys.readouterr().err
    good = backup_mod.newest_good_backup(paths.backups_dir(), "venue")
    assert good is not None
    assert "最近的完好备份" in err and str(good.path) in err and "kmjudge db restore" in err
    assert main(["db", "restore", "--db", str(path)]) == 0
    capsys.readouterr()
    db = open_database(path)
    try:
        assert accounts.login(db, "admin", "2580").username == "admin"
    finally:
        db.dispose()
    kept = list(path.parent.glob("venue.sqlite3.damaged-*"))
    assert [k.read_bytes() for k in kept] == [bad], "the bad file was not kept aside"
    # ... and it never becomes a "good backup" offered next time.
    again = backup_mod.newest_good_backup(paths.backups_dir(), "venue")
    assert again is not None and backup_mod.database_problems(again.path) == []
    assert again.path.read_bytes() != bad


def test_a_foreign_file_is_not_restored_over_the_venue(tmp_path: Path) -> None:
    """`db restore FILE` with someone else's SQLite file refuses and changes nothing."""
    path = _venue(tmp_path / "venue.sqlite3")
    before = path.read_bytes()
    other = tmp_path / "other.sqlite3"
    other.write_bytes(_foreign_sqlite(b""))
    with pytest.raises(DatabaseError) as info:
        backup_mod.restore_sqlite(other, path, paths.backups_dir())
    assert info.value.code == "backup_damaged" and "不是 kmjudge" in info.value.message_zh
    assert path.read_bytes() == before


def test_gui_offers_the_backup_for_a_foreign_file_and_restores_it(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The start-up dialog treats someone else's SQLite file like a damaged one: it explains
    (in Chinese) that this is not a kmjudge database, offers the newest good backup, and
    restoring brings the venue back while the foreign file is kept aside untouched."""
    from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

    from tests.ui.conftest import answer_dialog
    from ui import app as app_mod

    path = _venue(tmp_path / "venue.sqlite3")
    foreign = _foreign_sqlite(b"")
    path.write_bytes(foreign)
    texts: list[str] = []

    def restore(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        texts.append(box.text() + "\n" + box.informativeText())
        button = box.findChild(QPushButton, "restoreButton")
        assert button is not None, "no restore button offered"
        button.click()

    seen = answer_dialog("recoveryDialog", restore)
    db = app_mod.open_database_interactive(str(path))
    assert seen and db is not None
    try:
        assert "不是 kmjudge 的数据库" in texts[0] and "customers" in texts[0]
        # (the informative text is in the catalogue's language; no translator loaded here)
        assert "最近的完好备份" in texts[0] or "newest good backup" in texts[0]
        assert accounts.login(db, "admin", "2580").username == "admin"
    finally:
        db.dispose()
    kept = list(tmp_path.glob("venue.sqlite3.damaged-*"))
    assert [k.read_bytes() for k in kept] == [foreign]
