"""office users: Open Dental's user groups and group permissions, and Enamel's office sessions

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 14:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _key(name: str) -> sa.Column[int]:
    return sa.Column(name, KEY, autoincrement=True, nullable=False)


def _ref(name: str) -> sa.Column[int]:
    return sa.Column(
        name,
        sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
        server_default="0",
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "usergroup",
        _key("UserGroupNum"),
        sa.Column("Description", sa.String(length=255), server_default="", nullable=False),
        _ref("UserGroupNumCEMT"),
        sa.PrimaryKeyConstraint("UserGroupNum", name=op.f("pk_usergroup")),
    )
    op.create_table(
        "grouppermission",
        _key("GroupPermNum"),
        sa.Column("NewerDate", sa.Date(), server_default="0001-01-01", nullable=False),
        sa.Column("NewerDays", sa.Integer(), server_default="0", nullable=False),
        _ref("UserGroupNum"),
        sa.Column("PermType", sa.Integer(), server_default="0", nullable=False),
        _ref("FKey"),
        sa.PrimaryKeyConstraint("GroupPermNum", name=op.f("pk_grouppermission")),
    )
    with op.batch_alter_table("grouppermission", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_grouppermission_UserGroupNum"), ["UserGroupNum"], unique=False
        )
    op.create_table(
        "officesession",
        _key("OfficeSessionNum"),
        sa.Column("TokenHash", sa.String(length=64), server_default="", nullable=False),
        _ref("UserNum"),
        sa.Column("CsrfToken", sa.String(length=64), server_default="", nullable=False),
        sa.Column("ClientAddress", sa.String(length=255), server_default="", nullable=False),
        sa.Column(
            "DateTCreated", sa.DateTime(), server_default="0001-01-01 00:00:00", nullable=False
        ),
        sa.Column(
            "DateTLastSeen", sa.DateTime(), server_default="0001-01-01 00:00:00", nullable=False
        ),
        sa.PrimaryKeyConstraint("OfficeSessionNum", name=op.f("pk_officesession")),
        sa.UniqueConstraint("TokenHash", name=op.f("uq_officesession_TokenHash")),
    )
    with op.batch_alter_table("officesession", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_officesession_UserNum"), ["UserNum"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("officesession", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_officesession_UserNum"))
    op.drop_table("officesession")
    with op.batch_alter_table("grouppermission", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_grouppermission_UserGroupNum"))
    op.drop_table("grouppermission")
    op.drop_table("usergroup")
