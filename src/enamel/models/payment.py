"""`payment` (money received) and `paysplit` (how it is allocated to patients, providers and
procedures). A payment's splits add up to its amount exactly."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Index
from sqlalchemy.orm import Mapped

from enamel.models.base import (
    Base,
    date,
    dt,
    edit_timestamp,
    entry_date,
    flag,
    money,
    num,
    pk,
    ref,
    text,
    timestamp,
    varchar,
)


class Payment(Base):
    __tablename__ = "payment"
    __table_args__ = (
        Index("ix_payment_PatNum", "PatNum"),
        Index("ix_payment_PayDate", "PayDate"),
    )

    PayNum: Mapped[int] = pk()
    PayType: Mapped[int] = ref()
    PayDate: Mapped[dt.date] = date()
    PayAmt: Mapped[Decimal] = money()
    CheckNum: Mapped[str] = varchar()
    BankBranch: Mapped[str] = varchar()
    PayNote: Mapped[str] = text()
    IsSplit: Mapped[bool] = flag()
    PatNum: Mapped[int] = ref()
    ClinicNum: Mapped[int] = ref()
    DateEntry: Mapped[dt.date] = entry_date()
    DepositNum: Mapped[int] = ref()
    Receipt: Mapped[str] = text()
    IsRecurringCC: Mapped[bool] = flag()
    SecUserNumEntry: Mapped[int] = ref()
    SecDateTEdit: Mapped[dt.datetime] = edit_timestamp()
    PaymentSource: Mapped[int] = num()
    ProcessStatus: Mapped[int] = num()
    RecurringChargeDate: Mapped[dt.date] = date()
    ExternalId: Mapped[str] = varchar()
    PaymentStatus: Mapped[int] = num()
    IsCcCompleted: Mapped[bool] = flag()
    MerchantFee: Mapped[Decimal] = money()
    DateTStamp: Mapped[dt.datetime] = timestamp()
    SecurityHash: Mapped[str] = varchar()
    """Enamel's row seal (Open Dental's payment table has no such column)."""


class PaySplit(Base):
    __tablename__ = "paysplit"
    __table_args__ = (
        Index("ix_paysplit_PayNum", "PayNum"),
        Index("ix_paysplit_PatNum", "PatNum"),
        Index("ix_paysplit_ProcNum", "ProcNum"),
    )

    SplitNum: Mapped[int] = pk()
    SplitAmt: Mapped[Decimal] = money()
    PatNum: Mapped[int] = ref()
    ProcDate: Mapped[dt.date] = date()
    PayNum: Mapped[int] = ref()
    IsDiscount: Mapped[bool] = flag()
    DiscountType: Mapped[int] = num()
    ProvNum: Mapped[int] = ref()
    PayPlanNum: Mapped[int] = ref()
    DatePay: Mapped[dt.date] = date()
    ProcNum: Mapped[int] = ref()
    DateEntry: Mapped[dt.date] = entry_date()
    UnearnedType: Mapped[int] = ref()
    ClinicNum: Mapped[int] = ref()
    SecUserNumEntry: Mapped[int] = ref()
    SecDateTEdit: Mapped[dt.datetime] = edit_timestamp()
    FSplitNum: Mapped[int] = ref()
    AdjNum: Mapped[int] = ref()
    PayPlanChargeNum: Mapped[int] = ref()
    PayPlanDebitType: Mapped[int] = num()
    SecurityHash: Mapped[str] = varchar()
    DateTStamp: Mapped[dt.datetime] = timestamp()
