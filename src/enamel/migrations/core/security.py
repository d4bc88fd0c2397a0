"""Revision 0001, the practice data core: the security log, its hashes, and the office users."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


def create() -> None:
    op.create_table(
        "securitylog",
        sa.Column(
            "SecurityLogNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("PermType", sa.SmallInteger(), server_default="8", nullable=False),
        sa.Column(
            "UserNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "LogDateTime", sa.DateTime(), server_default="0001-01-01 00:00:00", nullable=False
        ),
        sa.Column("LogText", sa.Text(), server_default="", nullable=False),
        sa.Column(
            "PatNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("CompName", sa.String(length=255), server_default="", nullable=False),
        sa.Column(
            "FKey",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("LogSource", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column(
            "DefNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "DefNumError",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "DateTPrevious", sa.DateTime(), server_default="0001-01-01 00:00:00", nullable=False
        ),
        sa.Column("ActorKind", sa.String(length=20), server_default="", nullable=False),
        sa.Column("ActorName", sa.String(length=255), server_default="", nullable=False),
        sa.Column("RequestId", sa.String(length=64), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("SecurityLogNum", name=op.f("pk_securitylog")),
    )
    with op.batch_alter_table("securitylog", schema=None) as batch_op:
        batch_op.create_index("ix_securitylog_FKey", ["FKey"], unique=False)
        batch_op.create_index("ix_securitylog_LogDateTime", ["LogDateTime"], unique=False)
        batch_op.create_index("ix_securitylog_PatNum", ["PatNum"], unique=False)
        batch_op.create_index("ix_securitylog_PermType", ["PermType"], unique=False)

    op.create_table(
        "securityloghash",
        sa.Column(
            "SecurityLogHashNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "SecurityLogNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("LogHash", sa.String(length=255), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("SecurityLogHashNum", name=op.f("pk_securityloghash")),
    )
    with op.batch_alter_table("securityloghash", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_securityloghash_SecurityLogNum"), ["SecurityLogNum"], unique=False
        )

    op.create_table(
        "userod",
        sa.Column(
            "UserNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("UserName", sa.String(length=255), server_default="", nullable=False),
        sa.Column("Password", sa.String(length=255), server_default="", nullable=False),
        sa.Column(
            "UserGroupNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "EmployeeNum",
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
        sa.Column(
            "ProvNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("IsHidden", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("PasswordIsStrong", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("ClinicIsRestricted", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("DateTFail", sa.DateTime(), server_default="0001-01-01 00:00:00", nullable=False),
        sa.Column("FailedAttempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("IsPasswordResetRequired", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column(
            "DateTLastLogin", sa.DateTime(), server_default="0001-01-01 00:00:00", nullable=False
        ),
        sa.Column(
            "DateTStamp", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.PrimaryKeyConstraint("UserNum", name=op.f("pk_userod")),
        sa.UniqueConstraint("UserName", name=op.f("uq_userod_UserName")),
    )
    with op.batch_alter_table("userod", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_userod_DateTStamp"), ["DateTStamp"], unique=False)


def drop() -> None:
    with op.batch_alter_table("userod", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_userod_DateTStamp"))

    op.drop_table("userod")

    with op.batch_alter_table("securityloghash", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_securityloghash_SecurityLogNum"))

    op.drop_table("securityloghash")

    with op.batch_alter_table("securitylog", schema=None) as batch_op:
        batch_op.drop_index("ix_securitylog_PermType")
        batch_op.drop_index("ix_securitylog_PatNum")
        batch_op.drop_index("ix_securitylog_LogDateTime")
        batch_op.drop_index("ix_securitylog_FKey")

    op.drop_table("securitylog")
