"""program links: Open Dental's `program` and `programproperty`, with Enamel's link kind, URL
template and off reason

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "program",
        sa.Column(
            "ProgramNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("ProgName", sa.String(length=100), server_default="", nullable=False),
        sa.Column("ProgDesc", sa.String(length=255), server_default="", nullable=False),
        sa.Column("Enabled", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("Path", sa.Text(), server_default="", nullable=False),
        sa.Column("CommandLine", sa.Text(), server_default="", nullable=False),
        sa.Column("Note", sa.Text(), server_default="", nullable=False),
        sa.Column("PluginDllName", sa.String(length=255), server_default="", nullable=False),
        sa.Column("ButtonImage", sa.Text(), server_default="", nullable=False),
        sa.Column("FileTemplate", sa.Text(), server_default="", nullable=False),
        sa.Column("FilePath", sa.String(length=255), server_default="", nullable=False),
        sa.Column("IsDisabledByHq", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("CustErr", sa.String(length=255), server_default="", nullable=False),
        sa.Column("LinkKind", sa.String(length=20), server_default="", nullable=False),
        sa.Column("UrlTemplate", sa.Text(), server_default="", nullable=False),
        sa.Column("OffReason", sa.String(length=255), server_default="", nullable=False),
        sa.Column(
            "DateTEntry", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "DateTStamp", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column("SecurityHash", sa.String(length=255), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("ProgramNum", name=op.f("pk_program")),
        sa.UniqueConstraint("ProgName", name=op.f("uq_program_ProgName")),
    )
    with op.batch_alter_table("program", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_program_DateTStamp"), ["DateTStamp"], unique=False)

    op.create_table(
        "programproperty",
        sa.Column(
            "ProgramPropertyNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "ProgramNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("PropertyDesc", sa.String(length=255), server_default="", nullable=False),
        sa.Column("PropertyValue", sa.Text(), server_default="", nullable=False),
        sa.Column("ComputerName", sa.String(length=255), server_default="", nullable=False),
        sa.Column(
            "ClinicNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("IsMasked", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("IsHighSecurity", sa.SmallInteger(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("ProgramPropertyNum", name=op.f("pk_programproperty")),
    )
    with op.batch_alter_table("programproperty", schema=None) as batch_op:
        batch_op.create_index("ix_programproperty_ProgramNum", ["ProgramNum"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("programproperty", schema=None) as batch_op:
        batch_op.drop_index("ix_programproperty_ProgramNum")

    op.drop_table("programproperty")
    with op.batch_alter_table("program", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_program_DateTStamp"))

    op.drop_table("program")
