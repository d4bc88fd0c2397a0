"""Revision 0001, the practice data core: payments, their splits, and adjustments."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


def create() -> None:
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


def drop() -> None:
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

    with op.batch_alter_table("adjustment", schema=None) as batch_op:
        batch_op.drop_index("ix_adjustment_PatNum")
        batch_op.drop_index(batch_op.f("ix_adjustment_DateTStamp"))

    op.drop_table("adjustment")
