"""tamper evidence: change capture, the security-log chain head, findings, row seals on
procedurelog, and the transaction marker on securitylog

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 13:32:25.442202
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


LONG_TEXT = sa.Text().with_variant(mysql.LONGTEXT(), "mysql", "mariadb")
"""Whole rows as JSON can exceed MariaDB's TEXT (64 KiB)."""


def upgrade() -> None:
    op.create_table(
        "auditchainhead",
        sa.Column(
            "ChainHeadNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "LinkCount",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "LastLogNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("LastHash", sa.String(length=64), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("ChainHeadNum", name=op.f("pk_auditchainhead")),
    )
    op.create_table(
        "auditchange",
        sa.Column(
            "ChangeNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("TableName", sa.String(length=64), server_default="", nullable=False),
        sa.Column(
            "RowKey",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("Action", sa.String(length=1), server_default="", nullable=False),
        sa.Column("ChangedAt", sa.DateTime(), server_default="0001-01-01 00:00:00", nullable=False),
        sa.Column("DbAccount", sa.String(length=255), server_default="", nullable=False),
        sa.Column("ClientHost", sa.String(length=255), server_default="", nullable=False),
        sa.Column("Application", sa.String(length=255), server_default="", nullable=False),
        sa.Column(
            "ConnectionId",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("TransactionId", sa.String(length=64), server_default="", nullable=False),
        sa.Column("OldRow", LONG_TEXT, server_default="", nullable=False),
        sa.Column("NewRow", LONG_TEXT, server_default="", nullable=False),
        sa.PrimaryKeyConstraint("ChangeNum", name=op.f("pk_auditchange")),
    )
    with op.batch_alter_table("auditchange", schema=None) as batch_op:
        batch_op.create_index("ix_auditchange_ChangedAt", ["ChangedAt"], unique=False)
        batch_op.create_index(
            "ix_auditchange_TableName_RowKey", ["TableName", "RowKey"], unique=False
        )
        batch_op.create_index("ix_auditchange_TransactionId", ["TransactionId"], unique=False)

    op.create_table(
        "auditfinding",
        sa.Column(
            "AuditFindingNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("Fingerprint", sa.String(length=64), server_default="", nullable=False),
        sa.Column("Kind", sa.String(length=40), server_default="", nullable=False),
        sa.Column("TableName", sa.String(length=64), server_default="", nullable=False),
        sa.Column(
            "RowKey",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("Detail", sa.Text(), server_default="", nullable=False),
        sa.Column("DbAccount", sa.String(length=255), server_default="", nullable=False),
        sa.Column("ClientHost", sa.String(length=255), server_default="", nullable=False),
        sa.Column("ChangedAt", sa.DateTime(), server_default="0001-01-01 00:00:00", nullable=False),
        sa.Column("FirstSeen", sa.DateTime(), server_default="0001-01-01 00:00:00", nullable=False),
        sa.Column("LastSeen", sa.DateTime(), server_default="0001-01-01 00:00:00", nullable=False),
        sa.Column("AckUserName", sa.String(length=255), server_default="", nullable=False),
        sa.Column(
            "AckDateTime", sa.DateTime(), server_default="0001-01-01 00:00:00", nullable=False
        ),
        sa.Column("AckReason", sa.Text(), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("AuditFindingNum", name=op.f("pk_auditfinding")),
        sa.UniqueConstraint("Fingerprint", name=op.f("uq_auditfinding_Fingerprint")),
    )
    with op.batch_alter_table("auditfinding", schema=None) as batch_op:
        batch_op.create_index("ix_auditfinding_AckDateTime", ["AckDateTime"], unique=False)

    op.create_table(
        "auditrefusal",
        sa.Column(
            "RefusalNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("TableName", sa.String(length=64), server_default="", nullable=False),
        sa.Column(
            "RowKey",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("Action", sa.String(length=1), server_default="", nullable=False),
        sa.Column("RefusedAt", sa.DateTime(), server_default="0001-01-01 00:00:00", nullable=False),
        sa.Column("DbAccount", sa.String(length=255), server_default="", nullable=False),
        sa.Column("ClientHost", sa.String(length=255), server_default="", nullable=False),
        sa.Column(
            "ConnectionId",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("RefusalNum", name=op.f("pk_auditrefusal")),
        mysql_engine="Aria",
    )
    op.create_table(
        "auditsession",
        sa.Column("TransactionId", sa.String(length=64), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("TransactionId", name=op.f("pk_auditsession")),
    )
    op.create_table(
        "auditstate",
        sa.Column("Name", sa.String(length=64), server_default="", nullable=False),
        sa.Column("Value", sa.Text(), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("Name", name=op.f("pk_auditstate")),
    )
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("SecurityHash", sa.String(length=255), server_default="", nullable=False)
        )

    with op.batch_alter_table("procedurelog", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("SecurityHash", sa.String(length=255), server_default="", nullable=False)
        )

    with op.batch_alter_table("securitylog", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("TransactionId", sa.String(length=64), server_default="", nullable=False)
        )
        batch_op.create_index(
            batch_op.f("ix_securitylog_TransactionId"), ["TransactionId"], unique=False
        )

    # The chain's one head row, which every writer locks to append.
    head = sa.table(
        "auditchainhead",
        sa.column("ChainHeadNum", sa.BigInteger()),
        sa.column("LinkCount", sa.BigInteger()),
        sa.column("LastLogNum", sa.BigInteger()),
        sa.column("LastHash", sa.String()),
    )
    op.bulk_insert(head, [{"ChainHeadNum": 1, "LinkCount": 0, "LastLogNum": 0, "LastHash": ""}])


def downgrade() -> None:
    with op.batch_alter_table("securitylog", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_securitylog_TransactionId"))
        batch_op.drop_column("TransactionId")

    with op.batch_alter_table("procedurelog", schema=None) as batch_op:
        batch_op.drop_column("SecurityHash")

    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.drop_column("SecurityHash")

    op.drop_table("auditstate")
    op.drop_table("auditsession")
    op.drop_table("auditrefusal")
    with op.batch_alter_table("auditfinding", schema=None) as batch_op:
        batch_op.drop_index("ix_auditfinding_AckDateTime")

    op.drop_table("auditfinding")
    with op.batch_alter_table("auditchange", schema=None) as batch_op:
        batch_op.drop_index("ix_auditchange_TransactionId")
        batch_op.drop_index("ix_auditchange_TableName_RowKey")
        batch_op.drop_index("ix_auditchange_ChangedAt")

    op.drop_table("auditchange")
    op.drop_table("auditchainhead")
