"""Opening a database: URL resolution, SQLite pragmas, write transactions, migrations.

SQLite is configured as a venue needs it: WAL, foreign keys on, synchronous=FULL (a
committed score survives a power cut), a busy timeout, and write transactions that start
with ``BEGIN IMMEDIATE`` so two processes never interleave read-then-write sequences.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, select, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from kmjudge import paths
from kmjudge.db import backup as backup_mod
from kmjudge.db import migrate
from kmjudge.device import DeviceIdentity
from kmjudge.errors import Busy, DatabaseError

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000
SQLITE_MAGIC = b"SQLite format 3\x00"
#: Refusals at open after which the newest good backup is offered (GUI dialog, CLI hint).
RESTORABLE = frozenset({"corrupt", "not_sqlite", "foreign"})


def is_busy(exc: BaseException) -> bool:
    """SQLite's "database is locked" (SQLITE_BUSY/SQLITE_LOCKED), however it is wrapped."""
    orig = getattr(exc, "orig", exc)
    return isinstance(orig, sqlite3.OperationalError) and (
        "locked" in str(orig).lower() or "busy" in str(orig).lower()
    )


def busy_error(exc: BaseException | None = None) -> Busy:
    seconds = max(1, round(BUSY_TIMEOUT_MS / 1000))
    return Busy(
        f"数据库正被另一个窗口或另一台电脑占用，等了 {seconds} 秒仍未释放。"
        "本次操作没有保存，请稍等片刻再试一次。",
        f"The database is in use by another window or computer and stayed locked for "
        f"{seconds} s. Nothing was saved; try again in a moment.",
    )


def resolve_url(target: str | os.PathLike[str] | None) -> str:
    """A path, a SQLAlchemy URL, ``KMJUDGE_DB``, or the per-user default SQLite file."""
    if target is None or str(target) == "":
        target = os.environ.get("KMJUDGE_DB") or str(paths.default_db_path())
    text_target = str(target)
    if "://" in text_target:
        try:
            make_url(text_target).port  # noqa: B018 - parses the port
        except (ArgumentError, ValueError) as exc:
            raise DatabaseError(
                f"数据库地址格式不正确：{text_target}",
                f"Not a valid database URL: {text_target} ({exc})",
            ) from exc
        return text_target
    return "sqlite:///" + str(Path(text_target).expanduser().resolve())


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not a SQLite database, or is visibly damaged, before use."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        head = fh.read(100)
    if not head.startswith(SQLITE_MAGIC):
        raise DatabaseError(
            f"文件 {path} 不是 kmjudge 数据库（不是 SQLite 文件），未打开。"
            "如果它本应是数据库，请用“从备份恢复”。",
            f"{path} is not a kmjudge database (not a SQLite file); not opened. "
            "If it should be one, restore a backup (kmjudge db restore).",
            code="not_sqlite",
        )
    # Without a -wal file nobody has the database open: read it as immutable, so that checking
    # a damaged or foreign file creates no -wal/-shm beside it. With one, read it normally
    # (another process may be writing; the files exist already).
    live = Path(f"{path}-wal").exists()
    uri = f"file:{path}?mode=ro" + ("" if live else "&immutable=1")
    names: set[str] = set()
    try:
        con = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            rows = con.execute("PRAGMA quick_check(5)").fetchall()
            if rows == [("ok",)]:
                names = {
                    str(r[0])
                    for r in con.execute(
                        "SELECT name FROM sqlite_master WHERE type = 'table' "
                        "AND name NOT LIKE 'sqlite_%'"
                    )
                }
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            f"数据库文件 {path} 已损坏，无法读取（{exc}）。请从最近的备份恢复。",
            f"The database file {path} is damaged and cannot be read ({exc}). "
            "Restore the newest good backup.",
            code="corrupt",
        ) from exc
    problems = [r[0] for r in rows if r[0] != "ok"]
    if problems:
        raise DatabaseError(
            f"数据库文件 {path} 已损坏：{problems[0]}。请从最近的备份恢复。",
            f"The database file {path} is damaged: {'; '.join(problems)}. "
            "Restore the newest good backup.",
            code="corrupt",
        )
    _refuse_foreign(path, names)


#: Tables every kmjudge database has had since revision 0001.
_KMJUDGE_TABLES = frozenset({"alembic_version", "device", "audit_entry", "app_user"})


def _check_empty_file(path: Path) -> None:
    """A 0-byte file where a database with backups used to be was cut short (a copy to a
    pulled stick, a power cut during a restore): refuse it instead of starting an empty venue."""
    if not path.exists() or path.stat().st_size != 0:
        return
    if backup_mod.list_backups(paths.backups_dir(), path.stem):
        raise DatabaseError(
            f"数据库文件 {path} 是空的（0 字节），而它有备份：文件可能在复制或断电时被截断，"
            "未打开。请从最近的备份恢复。",
            f"The database file {path} is empty (0 bytes) although backups of it exist: it was "
            "probably cut short by a copy or a power cut; not opened. Restore the newest good "
            "backup.",
            code="corrupt",
        )


def _refuse_foreign(path: Path, names: set[str]) -> None:
    """Refuse a healthy SQLite file that belongs to some other program, before anything
    (not even ``journal_mode = WAL``) touches it. Files holding no table or only
    ``alembic_version`` are new/older kmjudge databases."""
    if not names - {"alembic_version"} or names >= _KMJUDGE_TABLES:
        return
    shown = "、".join(sorted(names)[:6]) + ("……" if len(names) > 6 else "")
    shown_en = ", ".join(sorted(names)[:6]) + (", ..." if len(names) > 6 else "")
    raise DatabaseError(
        f"文件 {path} 是 SQLite 数据库，但不是 kmjudge 的数据库（其中的表：{shown}），"
        "未打开。如果它本应是竞赛数据库，请用“从备份恢复”。",
        f"{path} is a SQLite database but not a kmjudge database (its tables: {shown_en}); "
        "not opened. If it should be one, restore a backup (kmjudge db restore).",
        code="foreign",
    )


def _install_sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_con: Any, _record: Any) -> None:
        # Take transaction control from the driver so BEGIN IMMEDIATE works.
        dbapi_con.isolation_level = None
        cur = dbapi_con.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get("kmjudge_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


@dataclass
class Database:
    """An open database: the engine, session factories and this installation's device."""

    url: str
    engine: Engine
    device: DeviceIdentity
    path: Path | None

    def __post_init__(self) -> None:
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(
            self.engine.execution_options(kmjudge_write=True), expire_on_commit=False
        )

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None or self.engine.dialect.name == "sqlite"

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading. Closing it ends the transaction; loaded objects stay
        readable (detached), so services may return them."""
        try:
            with self._read() as session:
                yield session
        except OperationalError as exc:
            if is_busy(exc):
                raise busy_error(exc) from exc
            raise

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: committed (durably) on success, rolled back on any error.

        Another process holding the write lock past the busy timeout raises ``Busy`` (a
        message for people), never a bare driver error; nothing of this transaction is kept.
        """
        try:
            with self._write() as session, session.begin():
                yield session
        except OperationalError as exc:
            if is_busy(exc):
                raise busy_error(exc) from exc
            raise

    def backup(self, reason: str = "manual") -> Path:
        if self.path is None:
            raise DatabaseError(
                "PostgreSQL 数据库请用 pg_dump 备份。",
                "Back up a PostgreSQL database with pg_dump.",
                code="backup_unsupported",
            )
        return backup_mod.backup_sqlite(self.path, paths.backups_dir(), reason)

    def dispose(self) -> None:
        self.engine.dispose()


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _install_sqlite_pragmas(engine)
        return engine
    return create_engine(url, pool_pre_ping=True)


def open_database(
    target: str | os.PathLike[str] | None = None,
    *,
    device: DeviceIdentity | None = None,
    backup_on_open: bool = False,
    upgrade: bool = True,
) -> Database:
    """Open (creating if needed) a database and bring its schema to the current revision.

    An existing database at an older revision is backed up first. A database written by a
    newer kmjudge is refused, never touched.
    """
    from kmjudge import device as device_mod

    url = resolve_url(target)
    path = _sqlite_path(url)
    existing = path is not None and path.exists() and path.stat().st_size > 0
    if path is not None:
        if path.exists() and path.is_dir():
            raise DatabaseError(
                f"{path} 是文件夹，不是数据库文件。",
                f"{path} is a folder, not a database file.",
                code="not_sqlite",
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        _check_empty_file(path)
        _check_sqlite_file(path)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:
        engine.dispose()
        raise DatabaseError(
            f"无法连接数据库：{exc}", f"Cannot connect to the database: {exc}", code="connect"
        ) from exc
    identity = device or device_mod.load_or_create()
    db = Database(url=url, engine=engine, device=identity, path=path)
    state = migrate.state(engine)
    if state.newer_than_code:
        engine.dispose()
        raise DatabaseError(
            f"此数据库由更新版本的 kmjudge 创建（版本 {state.current}），请升级软件后再打开。",
            f"This database was written by a newer kmjudge (revision {state.current}); "
            "upgrade the software to open it.",
            code="newer",
        )
    if existing and backup_on_open:
        db.backup("open")
    if state.needs_upgrade:
        if not upgrade:
            engine.dispose()
            raise DatabaseError(
                "数据库需要升级（kmjudge db upgrade）。",
                "The database needs an upgrade (kmjudge db upgrade).",
                code="needs_upgrade",
            )
        if existing and not backup_on_open:
            db.backup("pre-upgrade")
        migrate.upgrade(engine)
    register_device(db)
    return db


def restore_offer(
    target: str | os.PathLike[str] | None, exc: DatabaseError
) -> backup_mod.BackupInfo | None:
    """After a refusal at open: the newest backup of that SQLite file that passes
    integrity_check, if the refusal is one a restore mends (damaged, not SQLite, foreign)."""
    if exc.code not in RESTORABLE:
        return None
    path = _sqlite_path(resolve_url(target))
    if path is None:
        return None
    return backup_mod.newest_good_backup(paths.backups_dir(), path.stem)


def with_restore_offer(target: str | os.PathLike[str] | None, exc: DatabaseError) -> DatabaseError:
    """``exc`` with the newest good backup named in both languages (for the CLI)."""
    good = restore_offer(target, exc)
    if good is None:
        return exc
    when = good.created.strftime("%Y-%m-%d %H:%M:%S")
    return DatabaseError(
        f"{exc.message_zh}\n最近的完好备份：{when}（UTC），{good.path}。"
        "恢复它：kmjudge db restore（损坏的文件会保留在原处旁边）。",
        f"{exc.message_en}\nThe newest good backup is from {when} UTC: {good.path}. "
        "To restore it: kmjudge db restore (the damaged file is kept beside it).",
        code=exc.code,
    )


def register_device(db: Database) -> None:
    """Make sure this installation's device row exists (public key only)."""
    from kmjudge.db.models import Device

    with db.write() as s:
        row = s.scalar(select(Device).where(Device.id == db.device.id))
        if row is None:
            s.add(
                Device(
                    id=db.device.id,
                    name=db.device.name,
                    public_key=db.device.public_key_bytes,
                    is_local=True,
                    trusted=True,
                )
            )
        elif row.public_key != db.device.public_key_bytes:
            raise DatabaseError(
                "本机设备编号已在此数据库中登记，但密钥不同：可能复制了另一台电脑的数据文件夹。",
                "This device id is registered in the database with a different key: the data "
                "folder may have been copied from another computer.",
                code="device_key_mismatch",
            )
