"""Revision 0001, the practice data core: the practice's setup: clinics, definitions, operatories and providers."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


def create() -> None:
    op.create_table(
        "clinic",
        sa.Column(
            "ClinicNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("Description", sa.String(length=255), server_default="", nullable=False),
        sa.Column("Abbr", sa.String(length=255), server_default="", nullable=False),
        sa.Column("Address", sa.String(length=255), server_default="", nullable=False),
        sa.Column("Address2", sa.String(length=255), server_default="", nullable=False),
        sa.Column("City", sa.String(length=255), server_default="", nullable=False),
        sa.Column("State", sa.String(length=255), server_default="", nullable=False),
        sa.Column("Zip", sa.String(length=255), server_default="", nullable=False),
        sa.Column("Phone", sa.String(length=255), server_default="", nullable=False),
        sa.Column("Fax", sa.String(length=255), server_default="", nullable=False),
        sa.Column("Email", sa.String(length=255), server_default="", nullable=False),
        sa.Column(
            "DefaultProv",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("IsHidden", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("ItemOrder", sa.Integer(), server_default="0", nullable=False),
        sa.Column(
            "DateTStamp", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.PrimaryKeyConstraint("ClinicNum", name=op.f("pk_clinic")),
    )
    with op.batch_alter_table("clinic", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_clinic_DateTStamp"), ["DateTStamp"], unique=False)

    op.create_table(
        "definition",
        sa.Column(
            "DefNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("Category", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("ItemOrder", sa.Integer(), server_default="0", nullable=False),
        sa.Column("ItemName", sa.String(length=255), server_default="", nullable=False),
        sa.Column("ItemValue", sa.String(length=255), server_default="", nullable=False),
        sa.Column("ItemColor", sa.Integer(), server_default="0", nullable=False),
        sa.Column("IsHidden", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column(
            "DateTStamp", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.PrimaryKeyConstraint("DefNum", name=op.f("pk_definition")),
    )
    with op.batch_alter_table("definition", schema=None) as batch_op:
        batch_op.create_index("ix_definition_Category", ["Category"], unique=False)
        batch_op.create_index(batch_op.f("ix_definition_DateTStamp"), ["DateTStamp"], unique=False)

    op.create_table(
        "operatory",
        sa.Column(
            "OperatoryNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("OpName", sa.String(length=255), server_default="", nullable=False),
        sa.Column("Abbrev", sa.String(length=255), server_default="", nullable=False),
        sa.Column("ItemOrder", sa.Integer(), server_default="0", nullable=False),
        sa.Column("IsHidden", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column(
            "ProvDentist",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "ProvHygienist",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("IsHygiene", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column(
            "ClinicNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("SetProspective", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("IsWebSched", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("IsNewPatAppt", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column(
            "DateTStamp", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.PrimaryKeyConstraint("OperatoryNum", name=op.f("pk_operatory")),
    )
    with op.batch_alter_table("operatory", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_operatory_DateTStamp"), ["DateTStamp"], unique=False)

    op.create_table(
        "provider",
        sa.Column(
            "ProvNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("Abbr", sa.String(length=255), server_default="", nullable=False),
        sa.Column("ItemOrder", sa.Integer(), server_default="0", nullable=False),
        sa.Column("LName", sa.String(length=255), server_default="", nullable=False),
        sa.Column("FName", sa.String(length=255), server_default="", nullable=False),
        sa.Column("MI", sa.String(length=255), server_default="", nullable=False),
        sa.Column("Suffix", sa.String(length=255), server_default="", nullable=False),
        sa.Column("PreferredName", sa.String(length=255), server_default="", nullable=False),
        sa.Column(
            "FeeSched",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "Specialty",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("SSN", sa.String(length=255), server_default="", nullable=False),
        sa.Column("StateLicense", sa.String(length=255), server_default="", nullable=False),
        sa.Column("DEANum", sa.String(length=255), server_default="", nullable=False),
        sa.Column("NationalProvID", sa.String(length=255), server_default="", nullable=False),
        sa.Column("IsSecondary", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("ProvColor", sa.Integer(), server_default="0", nullable=False),
        sa.Column("IsHidden", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("IsNotPerson", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("IsHiddenReport", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("ProvStatus", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("DateTerm", sa.Date(), server_default="0001-01-01", nullable=False),
        sa.Column("Email", sa.String(length=255), server_default="", nullable=False),
        sa.Column(
            "DateTStamp", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.PrimaryKeyConstraint("ProvNum", name=op.f("pk_provider")),
    )
    with op.batch_alter_table("provider", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_provider_DateTStamp"), ["DateTStamp"], unique=False)


def drop() -> None:
    with op.batch_alter_table("provider", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_provider_DateTStamp"))

    op.drop_table("provider")

    with op.batch_alter_table("operatory", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_operatory_DateTStamp"))

    op.drop_table("operatory")

    with op.batch_alter_table("definition", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_definition_DateTStamp"))
        batch_op.drop_index("ix_definition_Category")

    op.drop_table("definition")

    with op.batch_alter_table("clinic", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_clinic_DateTStamp"))

    op.drop_table("clinic")
