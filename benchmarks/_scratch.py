"""A scratch database for a benchmark: a SQLite file, or a fresh database on a PostgreSQL
server (created before, dropped after)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def database_url(server: str, tmp: Path, name: str = "bench.sqlite3") -> Iterator[str]:
    """``sqlite:///tmp/name`` without ``server``; else a new database on the PostgreSQL
    ``server`` URL, dropped when the block ends."""
    if not server:
        yield f"sqlite:///{tmp / name}"
        return
    from sqlalchemy import create_engine, make_url, text

    db_name = f"kmj_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{db_name}"'))
    try:
        yield make_url(server).set(database=db_name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)'))
        admin.dispose()
