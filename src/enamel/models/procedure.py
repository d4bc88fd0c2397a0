"""`procedurecode` (the fee-schedule codes, e.g. D0120) and `procedurelog` (a procedure
planned or done for a patient)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Index, Time
from sqlalchemy.orm import Mapped, mapped_column

from enamel.models.base import (
    Base,
    date,
    dt,
    entry_datetime,
    enum_col,
    flag,
    money,
    num,
    pk,
    ref,
    text,
    timestamp,
    varchar,
)
from enamel.models.enums import ProcStat


class ProcedureCode(Base):
    __tablename__ = "procedurecode"

    CodeNum: Mapped[int] = pk()
    ProcCode: Mapped[str] = varchar(unique=True)
    Descript: Mapped[str] = varchar()
    AbbrDesc: Mapped[str] = varchar()
    ProcTime: Mapped[str] = varchar()
    ProcCat: Mapped[int] = ref()
    TreatArea: Mapped[int] = num()
    NoBillIns: Mapped[bool] = flag()
    IsProsth: Mapped[bool] = flag()
    DefaultNote: Mapped[str] = text()
    IsHygiene: Mapped[bool] = flag()
    PaintType: Mapped[int] = num()
    IsTaxed: Mapped[bool] = flag()
    ProvNumDefault: Mapped[int] = ref()
    BaseUnits: Mapped[int] = num()
    IsCanadianLab: Mapped[bool] = flag()
    IsHidden: Mapped[bool] = flag()
    DateTStamp: Mapped[dt.datetime] = timestamp()


class ProcedureLog(Base):
    __tablename__ = "procedurelog"
    __table_args__ = (
        Index("ix_procedurelog_PatNum", "PatNum"),
        Index("ix_procedurelog_AptNum", "AptNum"),
        Index("ix_procedurelog_ProcDate", "ProcDate"),
    )

    ProcNum: Mapped[int] = pk()
    PatNum: Mapped[int] = ref()
    AptNum: Mapped[int] = ref()
    ProcDate: Mapped[dt.date] = date()
    ProcFee: Mapped[Decimal] = money()
    Surf: Mapped[str] = varchar()
    ToothNum: Mapped[str] = varchar()
    ToothRange: Mapped[str] = varchar()
    Priority: Mapped[int] = ref()
    ProcStatus: Mapped[ProcStat] = enum_col(ProcStat, ProcStat.TP)
    ProvNum: Mapped[int] = ref()
    Dx: Mapped[int] = ref()
    PlannedAptNum: Mapped[int] = ref()
    PlaceService: Mapped[int] = num()
    ClinicNum: Mapped[int] = ref()
    CodeNum: Mapped[int] = ref()
    CodeMod1: Mapped[str] = varchar()
    UnitQty: Mapped[int] = num()
    BaseUnits: Mapped[int] = num()
    DateTP: Mapped[dt.date] = date()
    DateEntryC: Mapped[dt.date] = date()
    ProcTime: Mapped[dt.time] = mapped_column(
        Time, nullable=False, default=dt.time(0), server_default="00:00:00"
    )
    ProcTimeEnd: Mapped[dt.time] = mapped_column(
        Time, nullable=False, default=dt.time(0), server_default="00:00:00"
    )
    IsLocked: Mapped[bool] = flag()
    BillingNote: Mapped[str] = varchar()
    Discount: Mapped[Decimal] = money()
    DateComplete: Mapped[dt.date] = date()
    DateTStamp: Mapped[dt.datetime] = timestamp()
    SecUserNumEntry: Mapped[int] = ref()
    SecDateEntry: Mapped[dt.datetime] = entry_datetime()
    DateOriginalProsth: Mapped[dt.date] = date()
    SecurityHash: Mapped[str] = varchar()
    """Enamel's row seal (Open Dental's procedurelog has no such column)."""
