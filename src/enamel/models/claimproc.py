"""`claimproc`: insurance's share of one procedure (estimate or received payment). Schema and
demo rows only for now, so that Open Dental SQL joining it runs."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Index
from sqlalchemy.orm import Mapped

from enamel.models.base import (
    Base,
    date,
    dt,
    entry_date,
    enum_col,
    flag,
    money,
    num,
    pk,
    ref,
    timestamp,
    varchar,
)
from enamel.models.enums import ClaimProcStatus


class ClaimProc(Base):
    __tablename__ = "claimproc"
    __table_args__ = (
        Index("ix_claimproc_ProcNum", "ProcNum"),
        Index("ix_claimproc_PatNum", "PatNum"),
        Index("ix_claimproc_ClaimNum", "ClaimNum"),
    )

    ClaimProcNum: Mapped[int] = pk()
    ProcNum: Mapped[int] = ref()
    ClaimNum: Mapped[int] = ref()
    PatNum: Mapped[int] = ref()
    ProvNum: Mapped[int] = ref()
    FeeBilled: Mapped[Decimal] = money()
    InsPayEst: Mapped[Decimal] = money()
    DedApplied: Mapped[Decimal] = money()
    Status: Mapped[ClaimProcStatus] = enum_col(ClaimProcStatus, ClaimProcStatus.Estimate)
    InsPayAmt: Mapped[Decimal] = money()
    Remarks: Mapped[str] = varchar()
    ClaimPaymentNum: Mapped[int] = ref()
    PlanNum: Mapped[int] = ref()
    DateCP: Mapped[dt.date] = date()
    WriteOff: Mapped[Decimal] = money()
    CodeSent: Mapped[str] = varchar()
    AllowedOverride: Mapped[Decimal] = money()
    Percentage: Mapped[int] = num()
    PercentOverride: Mapped[int] = num()
    CopayAmt: Mapped[Decimal] = money()
    NoBillIns: Mapped[bool] = flag()
    PaidOtherIns: Mapped[Decimal] = money()
    BaseEst: Mapped[Decimal] = money()
    CopayOverride: Mapped[Decimal] = money()
    ProcDate: Mapped[dt.date] = date()
    DateEntry: Mapped[dt.date] = entry_date()
    LineNumber: Mapped[int] = ref()
    DedEst: Mapped[Decimal] = money()
    DedEstOverride: Mapped[Decimal] = money()
    InsEstTotal: Mapped[Decimal] = money()
    InsEstTotalOverride: Mapped[Decimal] = money()
    PaidOtherInsOverride: Mapped[Decimal] = money()
    EstimateNote: Mapped[str] = varchar()
    WriteOffEst: Mapped[Decimal] = money()
    WriteOffEstOverride: Mapped[Decimal] = money()
    ClinicNum: Mapped[int] = ref()
    InsSubNum: Mapped[int] = ref()
    PaymentRow: Mapped[int] = ref()
    PayPlanNum: Mapped[int] = ref()
    ClaimPaymentTracking: Mapped[int] = ref()
    SecUserNumEntry: Mapped[int] = ref()
    SecDateEntry: Mapped[dt.date] = entry_date()
    DateSuppReceived: Mapped[dt.date] = date()
    DateInsFinalized: Mapped[dt.date] = date()
    IsTransfer: Mapped[bool] = flag()
    ClaimAdjReasonCodes: Mapped[str] = varchar()
    IsOverpay: Mapped[bool] = flag()
    SecurityHash: Mapped[str] = varchar()
    DateTStamp: Mapped[dt.datetime] = timestamp()
