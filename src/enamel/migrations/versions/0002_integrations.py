"""integrations

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "apistate",
        sa.Column(
            "ApiStateNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("IsEnabled", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("OffReason", sa.String(length=255), server_default="", nullable=False),
        sa.Column(
            "DateTStamp", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.PrimaryKeyConstraint("ApiStateNum", name=op.f("pk_apistate")),
    )
    with op.batch_alter_table("apistate", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_apistate_DateTStamp"), ["DateTStamp"], unique=False)

    op.create_table(
        "integration",
        sa.Column(
            "IntegrationNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("Name", sa.String(length=100), server_default="", nullable=False),
        sa.Column("DeveloperKeyHash", sa.String(length=64), server_default="", nullable=False),
        sa.Column("CustomerKeyHash", sa.String(length=64), server_default="", nullable=False),
        sa.Column("Scopes", sa.Text(), server_default="", nullable=False),
        sa.Column("RateLimit", sa.Integer(), server_default="0", nullable=False),
        sa.Column("IsEnabled", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("OffReason", sa.String(length=255), server_default="", nullable=False),
        sa.Column(
            "DateTEntry", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "DateTStamp", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.PrimaryKeyConstraint("IntegrationNum", name=op.f("pk_integration")),
        sa.UniqueConstraint("CustomerKeyHash", name=op.f("uq_integration_CustomerKeyHash")),
        sa.UniqueConstraint("Name", name=op.f("uq_integration_Name")),
    )
    with op.batch_alter_table("integration", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_integration_DateTStamp"), ["DateTStamp"], unique=False)

    op.create_table(
        "integrationactivity",
        sa.Column(
            "IntegrationActivityNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "IntegrationNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("Minute", sa.DateTime(), server_default="0001-01-01 00:00:00", nullable=False),
        sa.Column("Process", sa.String(length=100), server_default="", nullable=False),
        sa.Column("Requests", sa.Integer(), server_default="0", nullable=False),
        sa.Column("Errors", sa.Integer(), server_default="0", nullable=False),
        sa.Column("LatencyMsTotal", sa.Integer(), server_default="0", nullable=False),
        sa.Column("LatencyMsMax", sa.Integer(), server_default="0", nullable=False),
        sa.Column("LastSeen", sa.DateTime(), server_default="0001-01-01 00:00:00", nullable=False),
        sa.PrimaryKeyConstraint("IntegrationActivityNum", name=op.f("pk_integrationactivity")),
        sa.UniqueConstraint(
            "IntegrationNum",
            "Minute",
            "Process",
            name=op.f("uq_integrationactivity_IntegrationNum_Minute_Process"),
        ),
    )
    with op.batch_alter_table("integrationactivity", schema=None) as batch_op:
        batch_op.create_index("ix_integrationactivity_Minute", ["Minute"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("integrationactivity", schema=None) as batch_op:
        batch_op.drop_index("ix_integrationactivity_Minute")

    op.drop_table("integrationactivity")
    with op.batch_alter_table("integration", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_integration_DateTStamp"))

    op.drop_table("integration")
    with op.batch_alter_table("apistate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_apistate_DateTStamp"))

    op.drop_table("apistate")
