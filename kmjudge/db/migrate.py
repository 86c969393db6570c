"""Alembic, driven from code: the schema's revision state and upgrades.

Migrations live in ``kmjudge/db/migrations/versions`` and are numbered (0001, 0002, ...).
Opening a database that is already current must stay fast, so Alembic (a quarter of a
second to import) is only loaded when a database is new, older or newer than ``HEAD``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

#: The newest revision in migrations/versions (tests/core/test_db.py keeps this honest).
HEAD = "0003"


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


@dataclass(frozen=True)
class SchemaState:
    current: str | None
    head: str
    known: bool

    @property
    def needs_upgrade(self) -> bool:
        return self.current != self.head and (self.current is None or self.known)

    @property
    def newer_than_code(self) -> bool:
        return self.current is not None and not self.known


def head_revision() -> str:
    """The head according to Alembic's script directory (slow; for tests and upgrades)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        try:
            row: Any = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        except DBAPIError:
            conn.rollback()
            return None
    return str(row[0]) if row else None


def state(engine: Engine) -> SchemaState:
    current = current_revision(engine)
    if current == HEAD:
        return SchemaState(current=current, head=HEAD, known=True)
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    known = True
    if current is not None:
        try:
            known = script.get_revision(current) is not None
        except Exception:
            known = False
    head = script.get_current_head()
    assert head is not None
    return SchemaState(current=current, head=head, known=known)


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(engine), revision)
