"""Revision 0001, the practice data core: the appointment table."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


def create() -> None:
    op.create_table(
        "appointment",
        sa.Column(
            "AptNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "PatNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("AptStatus", sa.SmallInteger(), server_default="1", nullable=False),
        sa.Column("Pattern", sa.String(length=255), server_default="", nullable=False),
        sa.Column(
            "Confirmed",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("TimeLocked", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column(
            "Op",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("Note", sa.Text(), server_default="", nullable=False),
        sa.Column(
            "ProvNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "ProvHyg",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "AptDateTime", sa.DateTime(), server_default="0001-01-01 00:00:00", nullable=False
        ),
        sa.Column(
            "NextAptNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "UnschedStatus",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("IsNewPatient", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("ProcDescript", sa.String(length=255), server_default="", nullable=False),
        sa.Column(
            "Assistant",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "ClinicNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("IsHygiene", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column(
            "DateTimeArrived", sa.DateTime(), server_default="0001-01-01 00:00:00", nullable=False
        ),
        sa.Column(
            "DateTimeSeated", sa.DateTime(), server_default="0001-01-01 00:00:00", nullable=False
        ),
        sa.Column(
            "DateTimeDismissed", sa.DateTime(), server_default="0001-01-01 00:00:00", nullable=False
        ),
        sa.Column(
            "InsPlan1",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "InsPlan2",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "DateTimeAskedToArrive",
            sa.DateTime(),
            server_default="0001-01-01 00:00:00",
            nullable=False,
        ),
        sa.Column("ProcsColored", sa.Text(), server_default="", nullable=False),
        sa.Column(
            "ColorOverride",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "AppointmentTypeNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "SecUserNumEntry",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "SecDateTEntry",
            sa.DateTime(),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.Column("Priority", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("ProvBarText", sa.String(length=255), server_default="", nullable=False),
        sa.Column("PatternSecondary", sa.String(length=255), server_default="", nullable=False),
        sa.Column("SecurityHash", sa.String(length=255), server_default="", nullable=False),
        sa.Column("ItemOrderPlanned", sa.Integer(), server_default="0", nullable=False),
        sa.Column(
            "DateTStamp", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.PrimaryKeyConstraint("AptNum", name=op.f("pk_appointment")),
    )
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.create_index("ix_appointment_AptDateTime", ["AptDateTime"], unique=False)
        batch_op.create_index(batch_op.f("ix_appointment_DateTStamp"), ["DateTStamp"], unique=False)
        batch_op.create_index("ix_appointment_Op_AptDateTime", ["Op", "AptDateTime"], unique=False)
        batch_op.create_index("ix_appointment_PatNum", ["PatNum"], unique=False)


def drop() -> None:
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.drop_index("ix_appointment_PatNum")
        batch_op.drop_index("ix_appointment_Op_AptDateTime")
        batch_op.drop_index(batch_op.f("ix_appointment_DateTStamp"))
        batch_op.drop_index("ix_appointment_AptDateTime")

    op.drop_table("appointment")
