"""SQLite backups with the online backup API, rotation, verification and restore."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kmjudge import fileio
from kmjudge.clock import utcnow
from kmjudge.errors import DatabaseError

KEEP_DEFAULT = 30
_NAME = re.compile(r"^(?P<stem>.+)-(?P<ts>\d{8}-\d{6}-\d{6})-(?P<reason>[a-z0-9-]+)\.sqlite3$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime
    reason: str
    size: int


def backup_sqlite(db_path: Path, folder: Path, reason: str, *, keep: int = KEEP_DEFAULT) -> Path:
    """Copy a live database consistently (readers and writers may continue) and rotate.

    The copy is written to a ``.part`` file, fsynced, then renamed: a pulled stick or a full
    disk leaves no half-written backup behind.
    """
    reason = re.sub(r"[^a-z0-9-]", "-", reason.lower()) or "manual"
    stamp = utcnow().strftime("%Y%m%d-%H%M%S-%f")
    final = folder / f"{db_path.stem}-{stamp}-{reason}.sqlite3"
    part = final.with_suffix(".part")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        src = sqlite3.connect(str(db_path), timeout=10)
        try:
            dst = sqlite3.connect(str(part))
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        with part.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(part, final)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
        zh, en = fileio.reason(exc)
        raise DatabaseError(
            f"备份失败：{zh}（{exc}）。没有留下不完整的备份文件，数据库本身未受影响。",
            f"Backup failed: {en} ({exc}). No partial backup was left; the database itself "
            "is unchanged.",
            code="backup_failed",
        ) from exc
    rotate(folder, db_path.stem, keep)
    return final


def list_backups(folder: Path, stem: str | None = None) -> list[BackupInfo]:
    """Backups in ``folder``, newest first."""
    found: list[BackupInfo] = []
    if not folder.exists():
        return found
    for path in folder.glob("*.sqlite3"):
        m = _NAME.match(path.name)
        if not m or (stem is not None and m["stem"] != stem):
            continue
        created = datetime.strptime(m["ts"], "%Y%m%d-%H%M%S-%f")
        found.append(BackupInfo(path, created, m["reason"], path.stat().st_size))
    found.sort(key=lambda b: b.created, reverse=True)
    return found


def rotate(folder: Path, stem: str, keep: int) -> None:
    for old in list_backups(folder, stem)[keep:]:
        old.path.unlink(missing_ok=True)


def _ro_uri(path: Path) -> str:
    """Read-only; immutable when no -wal file shows the database is open somewhere, so that
    looking at a file never creates -wal/-shm files beside it."""
    return f"file:{path}?mode=ro" + ("" if Path(f"{path}-wal").exists() else "&immutable=1")


def verify_file(path: Path) -> list[str]:
    """integrity_check of a database file; an empty list means healthy."""
    try:
        con = sqlite3.connect(_ro_uri(path), uri=True)
        try:
            rows = [r[0] for r in con.execute("PRAGMA integrity_check(20)")]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [r for r in rows if r != "ok"]


#: Tables every kmjudge database has (a healthy SQLite file without them is someone else's).
_KMJUDGE_TABLES = frozenset({"alembic_version", "device", "audit_entry", "app_user"})


def database_problems(path: Path) -> list[str]:
    """Why ``path`` is not a healthy kmjudge database (empty list: it is one): integrity_check,
    not empty, and the kmjudge tables present."""
    try:
        if path.stat().st_size == 0:
            return ["the file is empty (0 bytes)"]
    except OSError as exc:
        return [str(exc)]
    problems = verify_file(path)
    if problems:
        return problems
    try:
        con = sqlite3.connect(_ro_uri(path), uri=True)
        try:
            names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    missing = sorted(_KMJUDGE_TABLES - names)
    return [f"not a kmjudge database (no table {', '.join(missing)})"] if missing else []


def newest_good_backup(folder: Path, stem: str) -> BackupInfo | None:
    """The newest backup of ``stem`` that is a healthy kmjudge database."""
    for info in list_backups(folder, stem):
        if not database_problems(info.path):
            return info
    return None


def restore_sqlite(backup: Path, db_path: Path, folder: Path) -> Path | None:
    """Replace ``db_path`` with ``backup`` after checking the backup is healthy.

    The copy is made (and fsynced) beside the database first; only then is the current file
    moved out of the way: a healthy kmjudge database is backed up as ``pre-restore``, anything
    else (damaged, empty, someone else's) is kept beside it as ``NAME.damaged-TIME``. Returns
    where the previous file went. A failure (full disk, pulled stick) leaves the current file
    where it was and no partial copy. Must be called with no other connection open.
    """
    problems = database_problems(backup)
    if problems:
        raise DatabaseError(
            f"备份文件 {backup.name} 已损坏或不是 kmjudge 数据库，未恢复：{problems[0]}",
            f"The backup {backup.name} is damaged or not a kmjudge database; nothing "
            f"restored: {problems[0]}",
            code="backup_damaged",
        )
    part = db_path.with_name(db_path.name + ".restore-part")
    try:
        src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(str(part))
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        with part.open("rb+") as fh:
            os.fsync(fh.fileno())
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
        zh, en = fileio.reason(exc)
        raise DatabaseError(
            f"恢复失败：{zh}（{exc}）。当前的数据库文件没有被改动。",
            f"Restore failed: {en} ({exc}). The current database file was not changed.",
            code="restore_failed",
        ) from exc
    saved: Path | None = None
    try:
        if db_path.exists():
            if not database_problems(db_path):
                saved = backup_sqlite(db_path, folder, "pre-restore")
            else:  # keep the damaged file for forensics instead of overwriting it
                saved = db_path.with_name(f"{db_path.name}.damaged-{utcnow():%Y%m%d-%H%M%S}")
                os.replace(db_path, saved)
                wal = Path(str(db_path) + "-wal")
                if wal.exists():
                    os.replace(wal, Path(str(saved) + "-wal"))
        for suffix in ("-wal", "-shm"):
            Path(str(db_path) + suffix).unlink(missing_ok=True)
        os.replace(part, db_path)
    finally:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
    return saved
