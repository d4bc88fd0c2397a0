"""practice data core

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "adjustment",
        sa.Column(
            "AdjNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("AdjDate", sa.Date(), server_default="0001-01-01", nullable=False),
        sa.Column("AdjAmt", sa.Numeric(precision=20, scale=2), server_default="0", nullable=False),
        sa.Column(
            "PatNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "AdjType",
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
        sa.Column("AdjNote", sa.Text(), server_default="", nullable=False),
        sa.Column("ProcDate", sa.Date(), server_default="0001-01-01", nullable=False),
        sa.Column(
            "ProcNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("DateEntry", sa.Date(), server_default="0001-01-01", nullable=False),
        sa.Column(
            "ClinicNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "StatementNum",
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
            "SecDateTEdit",
            sa.DateTime(),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.Column(
            "TaxTransID",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "DateTStamp", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.PrimaryKeyConstraint("AdjNum", name=op.f("pk_adjustment")),
    )
    with op.batch_alter_table("adjustment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_adjustment_DateTStamp"), ["DateTStamp"], unique=False)
        batch_op.create_index("ix_adjustment_PatNum", ["PatNum"], unique=False)

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

    op.create_table(
        "claimproc",
        sa.Column(
            "ClaimProcNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "ProcNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "ClaimNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "PatNum",
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
        sa.Column(
            "FeeBilled", sa.Numeric(precision=20, scale=2), server_default="0", nullable=False
        ),
        sa.Column(
            "InsPayEst", sa.Numeric(precision=20, scale=2), server_default="0", nullable=False
        ),
        sa.Column(
            "DedApplied", sa.Numeric(precision=20, scale=2), server_default="0", nullable=False
        ),
        sa.Column("Status", sa.SmallInteger(), server_default="6", nullable=False),
        sa.Column(
            "InsPayAmt", sa.Numeric(precision=20, scale=2), server_default="0", nullable=False
        ),
        sa.Column("Remarks", sa.String(length=255), server_default="", nullable=False),
        sa.Column(
            "ClaimPaymentNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "PlanNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("DateCP", sa.Date(), server_default="0001-01-01", nullable=False),
        sa.Column(
            "WriteOff", sa.Numeric(precision=20, scale=2), server_default="0", nullable=False
        ),
        sa.Column("CodeSent", sa.String(length=255), server_default="", nullable=False),
        sa.Column(
            "AllowedOverride", sa.Numeric(precision=20, scale=2), server_default="0", nullable=False
        ),
        sa.Column("Percentage", sa.Integer(), server_default="0", nullable=False),
        sa.Column("PercentOverride", sa.Integer(), server_default="0", nullable=False),
        sa.Column(
            "CopayAmt", sa.Numeric(precision=20, scale=2), server_default="0", nullable=False
        ),
        sa.Column("NoBillIns", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column(
            "PaidOtherIns", sa.Numeric(precision=20, scale=2), server_default="0", nullable=False
        ),
        sa.Column("BaseEst", sa.Numeric(precision=20, scale=2), server_default="0", nullable=False),
        sa.Column(
            "CopayOverride", sa.Numeric(precision=20, scale=2), server_default="0", nullable=False
        ),
        sa.Column("ProcDate", sa.Date(), server_default="0001-01-01", nullable=False),
        sa.Column("DateEntry", sa.Date(), server_default="0001-01-01", nullable=False),
        sa.Column(
            "LineNumber",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("DedEst", sa.Numeric(precision=20, scale=2), server_default="0", nullable=False),
        sa.Column(
            "DedEstOverride", sa.Numeric(precision=20, scale=2), server_default="0", nullable=False
        ),
        sa.Column(
            "InsEstTotal", sa.Numeric(precision=20, scale=2), server_default="0", nullable=False
        ),
        sa.Column(
            "InsEstTotalOverride",
            sa.Numeric(precision=20, scale=2),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "PaidOtherInsOverride",
            sa.Numeric(precision=20, scale=2),
            server_default="0",
            nullable=False,
        ),
        sa.Column("EstimateNote", sa.String(length=255), server_default="", nullable=False),
        sa.Column(
            "WriteOffEst", sa.Numeric(precision=20, scale=2), server_default="0", nullable=False
        ),
        sa.Column(
            "WriteOffEstOverride",
            sa.Numeric(precision=20, scale=2),
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
            "InsSubNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "PaymentRow",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "PayPlanNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "ClaimPaymentTracking",
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
        sa.Column("SecDateEntry", sa.Date(), server_default="0001-01-01", nullable=False),
        sa.Column("DateSuppReceived", sa.Date(), server_default="0001-01-01", nullable=False),
        sa.Column("DateInsFinalized", sa.Date(), server_default="0001-01-01", nullable=False),
        sa.Column("IsTransfer", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("ClaimAdjReasonCodes", sa.String(length=255), server_default="", nullable=False),
        sa.Column("IsOverpay", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("SecurityHash", sa.String(length=255), server_default="", nullable=False),
        sa.Column(
            "DateTStamp", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.PrimaryKeyConstraint("ClaimProcNum", name=op.f("pk_claimproc")),
    )
    with op.batch_alter_table("claimproc", schema=None) as batch_op:
        batch_op.create_index("ix_claimproc_ClaimNum", ["ClaimNum"], unique=False)
        batch_op.create_index(batch_op.f("ix_claimproc_DateTStamp"), ["DateTStamp"], unique=False)
        batch_op.create_index("ix_claimproc_PatNum", ["PatNum"], unique=False)
        batch_op.create_index("ix_claimproc_ProcNum", ["ProcNum"], unique=False)

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

    op.create_table(
        "payment",
        sa.Column(
            "PayNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "PayType",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("PayDate", sa.Date(), server_default="0001-01-01", nullable=False),
        sa.Column("PayAmt", sa.Numeric(precision=20, scale=2), server_default="0", nullable=False),
        sa.Column("CheckNum", sa.String(length=255), server_default="", nullable=False),
        sa.Column("BankBranch", sa.String(length=255), server_default="", nullable=False),
        sa.Column("PayNote", sa.Text(), server_default="", nullable=False),
        sa.Column("IsSplit", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column(
            "PatNum",
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
        sa.Column("DateEntry", sa.Date(), server_default="0001-01-01", nullable=False),
        sa.Column(
            "DepositNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("Receipt", sa.Text(), server_default="", nullable=False),
        sa.Column("IsRecurringCC", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column(
            "SecUserNumEntry",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "SecDateTEdit",
            sa.DateTime(),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.Column("PaymentSource", sa.Integer(), server_default="0", nullable=False),
        sa.Column("ProcessStatus", sa.Integer(), server_default="0", nullable=False),
        sa.Column("RecurringChargeDate", sa.Date(), server_default="0001-01-01", nullable=False),
        sa.Column("ExternalId", sa.String(length=255), server_default="", nullable=False),
        sa.Column("PaymentStatus", sa.Integer(), server_default="0", nullable=False),
        sa.Column("IsCcCompleted", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column(
            "MerchantFee", sa.Numeric(precision=20, scale=2), server_default="0", nullable=False
        ),
        sa.Column(
            "DateTStamp", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.PrimaryKeyConstraint("PayNum", name=op.f("pk_payment")),
    )
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payment_DateTStamp"), ["DateTStamp"], unique=False)
        batch_op.create_index("ix_payment_PatNum", ["PatNum"], unique=False)
        batch_op.create_index("ix_payment_PayDate", ["PayDate"], unique=False)

    op.create_table(
        "paysplit",
        sa.Column(
            "SplitNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "SplitAmt", sa.Numeric(precision=20, scale=2), server_default="0", nullable=False
        ),
        sa.Column(
            "PatNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("ProcDate", sa.Date(), server_default="0001-01-01", nullable=False),
        sa.Column(
            "PayNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("IsDiscount", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("DiscountType", sa.Integer(), server_default="0", nullable=False),
        sa.Column(
            "ProvNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "PayPlanNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("DatePay", sa.Date(), server_default="0001-01-01", nullable=False),
        sa.Column(
            "ProcNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("DateEntry", sa.Date(), server_default="0001-01-01", nullable=False),
        sa.Column(
            "UnearnedType",
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
            "SecUserNumEntry",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "SecDateTEdit",
            sa.DateTime(),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.Column(
            "FSplitNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "AdjNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "PayPlanChargeNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("PayPlanDebitType", sa.Integer(), server_default="0", nullable=False),
        sa.Column("SecurityHash", sa.String(length=255), server_default="", nullable=False),
        sa.Column(
            "DateTStamp", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.PrimaryKeyConstraint("SplitNum", name=op.f("pk_paysplit")),
    )
    with op.batch_alter_table("paysplit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_paysplit_DateTStamp"), ["DateTStamp"], unique=False)
        batch_op.create_index("ix_paysplit_PatNum", ["PatNum"], unique=False)
        batch_op.create_index("ix_paysplit_PayNum", ["PayNum"], unique=False)
        batch_op.create_index("ix_paysplit_ProcNum", ["ProcNum"], unique=False)

    op.create_table(
        "procedurecode",
        sa.Column(
            "CodeNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("ProcCode", sa.String(length=255), server_default="", nullable=False),
        sa.Column("Descript", sa.String(length=255), server_default="", nullable=False),
        sa.Column("AbbrDesc", sa.String(length=255), server_default="", nullable=False),
        sa.Column("ProcTime", sa.String(length=255), server_default="", nullable=False),
        sa.Column(
            "ProcCat",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("TreatArea", sa.Integer(), server_default="0", nullable=False),
        sa.Column("NoBillIns", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("IsProsth", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("DefaultNote", sa.Text(), server_default="", nullable=False),
        sa.Column("IsHygiene", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("PaintType", sa.Integer(), server_default="0", nullable=False),
        sa.Column("IsTaxed", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column(
            "ProvNumDefault",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("BaseUnits", sa.Integer(), server_default="0", nullable=False),
        sa.Column("IsCanadianLab", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("IsHidden", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column(
            "DateTStamp", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.PrimaryKeyConstraint("CodeNum", name=op.f("pk_procedurecode")),
        sa.UniqueConstraint("ProcCode", name=op.f("uq_procedurecode_ProcCode")),
    )
    with op.batch_alter_table("procedurecode", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_procedurecode_DateTStamp"), ["DateTStamp"], unique=False
        )

    op.create_table(
        "procedurelog",
        sa.Column(
            "ProcNum",
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
        sa.Column(
            "AptNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("ProcDate", sa.Date(), server_default="0001-01-01", nullable=False),
        sa.Column("ProcFee", sa.Numeric(precision=20, scale=2), server_default="0", nullable=False),
        sa.Column("Surf", sa.String(length=255), server_default="", nullable=False),
        sa.Column("ToothNum", sa.String(length=255), server_default="", nullable=False),
        sa.Column("ToothRange", sa.String(length=255), server_default="", nullable=False),
        sa.Column(
            "Priority",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("ProcStatus", sa.SmallInteger(), server_default="1", nullable=False),
        sa.Column(
            "ProvNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "Dx",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "PlannedAptNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("PlaceService", sa.Integer(), server_default="0", nullable=False),
        sa.Column(
            "ClinicNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "CodeNum",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column("CodeMod1", sa.String(length=255), server_default="", nullable=False),
        sa.Column("UnitQty", sa.Integer(), server_default="0", nullable=False),
        sa.Column("BaseUnits", sa.Integer(), server_default="0", nullable=False),
        sa.Column("DateTP", sa.Date(), server_default="0001-01-01", nullable=False),
        sa.Column("DateEntryC", sa.Date(), server_default="0001-01-01", nullable=False),
        sa.Column("ProcTime", sa.Time(), server_default="00:00:00", nullable=False),
        sa.Column("ProcTimeEnd", sa.Time(), server_default="00:00:00", nullable=False),
        sa.Column("IsLocked", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("BillingNote", sa.String(length=255), server_default="", nullable=False),
        sa.Column(
            "Discount", sa.Numeric(precision=20, scale=2), server_default="0", nullable=False
        ),
        sa.Column("DateComplete", sa.Date(), server_default="0001-01-01", nullable=False),
        sa.Column(
            "DateTStamp", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "SecUserNumEntry",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "SecDateEntry",
            sa.DateTime(),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.Column("DateOriginalProsth", sa.Date(), server_default="0001-01-01", nullable=False),
        sa.PrimaryKeyConstraint("ProcNum", name=op.f("pk_procedurelog")),
    )
    with op.batch_alter_table("procedurelog", schema=None) as batch_op:
        batch_op.create_index("ix_procedurelog_AptNum", ["AptNum"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_procedurelog_DateTStamp"), ["DateTStamp"], unique=False
        )
        batch_op.create_index("ix_procedurelog_PatNum", ["PatNum"], unique=False)
        batch_op.create_index("ix_procedurelog_ProcDate", ["ProcDate"], unique=False)

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


def downgrade() -> None:
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
    with op.batch_alter_table("provider", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_provider_DateTStamp"))

    op.drop_table("provider")
    with op.batch_alter_table("procedurelog", schema=None) as batch_op:
        batch_op.drop_index("ix_procedurelog_ProcDate")
        batch_op.drop_index("ix_procedurelog_PatNum")
        batch_op.drop_index(batch_op.f("ix_procedurelog_DateTStamp"))
        batch_op.drop_index("ix_procedurelog_AptNum")

    op.drop_table("procedurelog")
    with op.batch_alter_table("procedurecode", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_procedurecode_DateTStamp"))

    op.drop_table("procedurecode")
    with op.batch_alter_table("paysplit", schema=None) as batch_op:
        batch_op.drop_index("ix_paysplit_ProcNum")
        batch_op.drop_index("ix_paysplit_PayNum")
        batch_op.drop_index("ix_paysplit_PatNum")
        batch_op.drop_index(batch_op.f("ix_paysplit_DateTStamp"))

    op.drop_table("paysplit")
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.drop_index("ix_payment_PayDate")
        batch_op.drop_index("ix_payment_PatNum")
        batch_op.drop_index(batch_op.f("ix_payment_DateTStamp"))

    op.drop_table("payment")
    with op.batch_alter_table("patient", schema=None) as batch_op:
        batch_op.drop_index("ix_patient_LName_FName")
        batch_op.drop_index("ix_patient_Guarantor")
        batch_op.drop_index(batch_op.f("ix_patient_DateTStamp"))

    op.drop_table("patient")
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
    with op.batch_alter_table("claimproc", schema=None) as batch_op:
        batch_op.drop_index("ix_claimproc_ProcNum")
        batch_op.drop_index("ix_claimproc_PatNum")
        batch_op.drop_index(batch_op.f("ix_claimproc_DateTStamp"))
        batch_op.drop_index("ix_claimproc_ClaimNum")

    op.drop_table("claimproc")
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.drop_index("ix_appointment_PatNum")
        batch_op.drop_index("ix_appointment_Op_AptDateTime")
        batch_op.drop_index(batch_op.f("ix_appointment_DateTStamp"))
        batch_op.drop_index("ix_appointment_AptDateTime")

    op.drop_table("appointment")
    with op.batch_alter_table("adjustment", schema=None) as batch_op:
        batch_op.drop_index("ix_adjustment_PatNum")
        batch_op.drop_index(batch_op.f("ix_adjustment_DateTStamp"))

    op.drop_table("adjustment")
