"""Alembic environment: always run with the engine kmjudge passes in (no alembic.ini URL)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from kmjudge.db.models import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    engine = config.attributes.get("engine")
    if engine is None:  # e.g. `alembic revision --autogenerate` by a developer
        url = config.get_main_option("sqlalchemy.url")
        assert url, "pass an engine in config.attributes['engine'] or set sqlalchemy.url"
        engine = create_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run()
