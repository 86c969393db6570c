"""check-in indexes: registrations by (event, status), scans by (event, verdict)

The check-in desk counts, per scan, the contestants of an event by status (the station draw's
N) and the counters panel counts scans by verdict; with 10,000 contestants both were full
scans of the event's rows.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("registration", schema=None) as batch_op:
        batch_op.create_index("ix_registration_event_status", ["event_id", "status"], unique=False)
    with op.batch_alter_table("scan", schema=None) as batch_op:
        batch_op.create_index("ix_scan_event_verdict", ["event_id", "verdict"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("scan", schema=None) as batch_op:
        batch_op.drop_index("ix_scan_event_verdict")
    with op.batch_alter_table("registration", schema=None) as batch_op:
        batch_op.drop_index("ix_registration_event_status")
