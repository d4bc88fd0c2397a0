"""Revision 0001, the practice data core: procedure codes, the procedures done or planned, and their claim lines."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


def create() -> None:
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


def drop() -> None:
    with op.batch_alter_table("claimproc", schema=None) as batch_op:
        batch_op.drop_index("ix_claimproc_ProcNum")
        batch_op.drop_index("ix_claimproc_PatNum")
        batch_op.drop_index(batch_op.f("ix_claimproc_DateTStamp"))
        batch_op.drop_index("ix_claimproc_ClaimNum")

    op.drop_table("claimproc")

    with op.batch_alter_table("procedurelog", schema=None) as batch_op:
        batch_op.drop_index("ix_procedurelog_ProcDate")
        batch_op.drop_index("ix_procedurelog_PatNum")
        batch_op.drop_index(batch_op.f("ix_procedurelog_DateTStamp"))
        batch_op.drop_index("ix_procedurelog_AptNum")

    op.drop_table("procedurelog")

    with op.batch_alter_table("procedurecode", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_procedurecode_DateTStamp"))

    op.drop_table("procedurecode")
