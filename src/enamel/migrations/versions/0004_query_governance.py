"""query governance: a per-integration switch for SQL reads, and the log of governed reads

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 12:21:15.045492
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "queryrun",
        sa.Column(
            "QueryRunNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("Integration", sa.String(length=100), server_default="", nullable=False),
        sa.Column("StartedAt", sa.DateTime(), server_default="0001-01-01 00:00:00", nullable=False),
        sa.Column("Millis", sa.Integer(), server_default="0", nullable=False),
        sa.Column("RowCount", sa.Integer(), server_default="0", nullable=False),
        sa.Column("Outcome", sa.String(length=16), server_default="", nullable=False),
        sa.Column("SqlText", sa.Text(), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("QueryRunNum", name=op.f("pk_queryrun")),
    )
    with op.batch_alter_table("queryrun", schema=None) as batch_op:
        batch_op.create_index(
            "ix_queryrun_Integration_StartedAt", ["Integration", "StartedAt"], unique=False
        )

    with op.batch_alter_table("integration", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("SqlEnabled", sa.SmallInteger(), server_default="1", nullable=False)
        )
        batch_op.add_column(
            sa.Column("SqlOffReason", sa.String(length=255), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("SqlAccount", sa.String(length=80), server_default="", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("integration", schema=None) as batch_op:
        batch_op.drop_column("SqlAccount")
        batch_op.drop_column("SqlOffReason")
        batch_op.drop_column("SqlEnabled")

    with op.batch_alter_table("queryrun", schema=None) as batch_op:
        batch_op.drop_index("ix_queryrun_Integration_StartedAt")

    op.drop_table("queryrun")
