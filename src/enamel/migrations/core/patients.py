"""Revision 0001, the practice data core: the patient table."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


def create() -> None:
    op.create_table(
        "patient",
        sa.Column(
            "PatNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("LName", sa.String(length=255), server_default="", nullable=False),
        sa.Column("FName", sa.String(length=255), server_default="", nullable=False),
        sa.Column("MiddleI", sa.String(length=255), server_default="", nullable=False),
        sa.Column("Preferred", sa.String(length=255), server_default="", nullable=False),
        sa.Column("PatStatus", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("Gender", sa.SmallInteger(), server_default="2", nullable=False),
        sa.Column("Position", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("Birthdate", sa.Date(), server_default="0001-01-01", nullable=False),
        sa.Column("SSN", sa.String(length=255), server_default="", nullable=False),
        sa.Column("Address", sa.String(length=255), server_default="", nullable=False),
        sa.Column("Address2", sa.String(length=255), server_default="", nullable=False),
        sa.Column("City", sa.String(length=255), server_default="", nullable=False),
        sa.Column("State", sa.String(length=255), server_default="", nullable=False),
        sa.Column("Zip", sa.String(length=255), server_default="", nullable=False),
        sa.Column("Country", sa.String(length=255), server_default="", nullable=False),
        sa.Column("HmPhone", sa.String(length=255), server_default="", nullable=False),
        sa.Column("WkPhone", sa.String(length=255), server_default="", nullable=False),
        sa.Column("WirelessPhone", sa.String(length=255), server_default="", nullable=False),
        sa.Column(
            "Guarantor",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("Email", sa.String(length=255), server_default="", nullable=False),
        sa.Column("Salutation", sa.String(length=255), server_default="", nullable=False),
        sa.Column("Title", sa.String(length=255), server_default="", nullable=False),
        sa.Column(
            "EstBalance", sa.Numeric(precision=20, scale=2), server_default="0", nullable=False
        ),
        sa.Column(
            "PriProv",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "SecProv",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "FeeSched",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "BillingType",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("ChartNumber", sa.String(length=255), server_default="", nullable=False),
        sa.Column("MedicaidID", sa.String(length=255), server_default="", nullable=False),
        sa.Column(
            "Bal_0_30", sa.Numeric(precision=20, scale=2), server_default="0", nullable=False
        ),
        sa.Column(
            "Bal_31_60", sa.Numeric(precision=20, scale=2), server_default="0", nullable=False
        ),
        sa.Column(
            "Bal_61_90", sa.Numeric(precision=20, scale=2), server_default="0", nullable=False
        ),
        sa.Column(
            "BalOver90", sa.Numeric(precision=20, scale=2), server_default="0", nullable=False
        ),
        sa.Column("InsEst", sa.Numeric(precision=20, scale=2), server_default="0", nullable=False),
        sa.Column(
            "BalTotal", sa.Numeric(precision=20, scale=2), server_default="0", nullable=False
        ),
        sa.Column(
            "EmployerNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("AddrNote", sa.Text(), server_default="", nullable=False),
        sa.Column("FamFinUrgNote", sa.Text(), server_default="", nullable=False),
        sa.Column("MedUrgNote", sa.String(length=255), server_default="", nullable=False),
        sa.Column("ApptModNote", sa.String(length=255), server_default="", nullable=False),
        sa.Column("DateFirstVisit", sa.Date(), server_default="0001-01-01", nullable=False),
        sa.Column(
            "ClinicNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("HasIns", sa.String(length=255), server_default="", nullable=False),
        sa.Column("Premed", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("PreferConfirmMethod", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("PreferContactMethod", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("PreferRecallMethod", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("Language", sa.String(length=255), server_default="", nullable=False),
        sa.Column("AdmitDate", sa.Date(), server_default="0001-01-01", nullable=False),
        sa.Column(
            "ResponsParty",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "SuperFamily",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("TxtMsgOk", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column(
            "DateTimeDeceased", sa.DateTime(), server_default="0001-01-01 00:00:00", nullable=False
        ),
        sa.Column(
            "DateTStamp", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "SecUserNumEntry",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("SecDateEntry", sa.Date(), server_default="0001-01-01", nullable=False),
        sa.Column("SecurityHash", sa.String(length=255), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("PatNum", name=op.f("pk_patient")),
    )
    with op.batch_alter_table("patient", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_patient_DateTStamp"), ["DateTStamp"], unique=False)
        batch_op.create_index("ix_patient_Guarantor", ["Guarantor"], unique=False)
        batch_op.create_index("ix_patient_LName_FName", ["LName", "FName"], unique=False)


def drop() -> None:
    with op.batch_alter_table("patient", schema=None) as batch_op:
        batch_op.drop_index("ix_patient_LName_FName")
        batch_op.drop_index("ix_patient_Guarantor")
        batch_op.drop_index(batch_op.f("ix_patient_DateTStamp"))

    op.drop_table("patient")
