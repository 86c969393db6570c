"""sync: package kind/state, conflicts, the city office's yearly targets and training counts

- ``package_log`` gains ``kind`` (venue | setup), ``full``, ``info`` (counts, events) and
  ``state`` (an export's per-chunk digests, what the next incremental export compares with).
- ``sync_conflict``: real conflicts found by imports, listed until a person resolves them.
- ``year_target`` and ``training_count``: the campaign's targets per year and district, and
  training head counts, as data (every year has a new notice).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kmjudge.db.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("package_log", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=10), nullable=False, server_default="venue")
        )
        batch_op.add_column(
            sa.Column("full", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch_op.add_column(sa.Column("info", kmjudge.db.types.JSONText(), nullable=True))
        batch_op.add_column(sa.Column("state", kmjudge.db.types.JSONText(), nullable=True))

    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=True),
        sa.Column("local_id", sa.String(length=40), nullable=False),
        sa.Column("incoming_id", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("fields", kmjudge.db.types.JSONText(), nullable=False),
        sa.Column("local", kmjudge.db.types.JSONText(), nullable=True),
        sa.Column("incoming", kmjudge.db.types.JSONText(), nullable=True),
        sa.Column("local_device_id", sa.Uuid(), nullable=True),
        sa.Column("incoming_device_id", sa.Uuid(), nullable=True),
        sa.Column("package_sha256", sa.String(length=64), nullable=False),
        sa.Column("dedupe_key", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("resolution", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["resolved_by"], ["app_user.id"], name=op.f("fk_sync_conflict_resolved_by_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflict")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_sync_conflict_dedupe_key")),
    )
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.create_index("ix_sync_conflict_status", ["status", "kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_sync_conflict_event_id"), ["event_id"], unique=False)

    op.create_table(
        "year_target",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("district", sa.String(length=60), nullable=False),
        sa.Column("competitions", sa.Integer(), nullable=False),
        sa.Column("trades", sa.Integer(), nullable=False),
        sa.Column("trained", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_year_target")),
        sa.UniqueConstraint("year", "district", name=op.f("uq_year_target_year")),
    )
    op.create_table(
        "training_count",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("district", sa.String(length=60), nullable=False),
        sa.Column("organiser", sa.String(length=200), nullable=False),
        sa.Column("trade", sa.String(length=100), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=60), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("imported_by", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["imported_by"], ["app_user.id"], name=op.f("fk_training_count_imported_by_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_count")),
    )
    with op.batch_alter_table("training_count", schema=None) as batch_op:
        batch_op.create_index("ix_training_count_year", ["year", "district"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("training_count", schema=None) as batch_op:
        batch_op.drop_index("ix_training_count_year")
    op.drop_table("training_count")
    op.drop_table("year_target")
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_conflict_event_id"))
        batch_op.drop_index("ix_sync_conflict_status")
    op.drop_table("sync_conflict")
    with op.batch_alter_table("package_log", schema=None) as batch_op:
        batch_op.drop_column("state")
        batch_op.drop_column("info")
        batch_op.drop_column("full")
        batch_op.drop_column("kind")
