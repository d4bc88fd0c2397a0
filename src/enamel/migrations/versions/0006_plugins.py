"""plug-ins: the whitelist of approved plug-ins

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 13:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pluginallow",
        sa.Column(
            "PluginAllowNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("Name", sa.String(length=100), server_default="", nullable=False),
        sa.Column("Distribution", sa.String(length=100), server_default="", nullable=False),
        sa.Column("Version", sa.String(length=64), server_default="", nullable=False),
        sa.Column("FilesHash", sa.String(length=64), server_default="", nullable=False),
        sa.Column("Scopes", sa.Text(), server_default="", nullable=False),
        sa.Column("IsEnabled", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("OffReason", sa.String(length=255), server_default="", nullable=False),
        sa.Column("ApprovedBy", sa.String(length=255), server_default="", nullable=False),
        sa.Column(
            "DateTApproved", sa.DateTime(), server_default="0001-01-01 00:00:00", nullable=False
        ),
        sa.Column("LoadProblem", sa.String(length=255), server_default="", nullable=False),
        sa.Column(
            "DateTLoaded", sa.DateTime(), server_default="0001-01-01 00:00:00", nullable=False
        ),
        sa.Column(
            "DateTStamp", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.PrimaryKeyConstraint("PluginAllowNum", name=op.f("pk_pluginallow")),
        sa.UniqueConstraint("Name", name=op.f("uq_pluginallow_Name")),
    )
    with op.batch_alter_table("pluginallow", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pluginallow_DateTStamp"), ["DateTStamp"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("pluginallow", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pluginallow_DateTStamp"))
    op.drop_table("pluginallow")
