"""`adjustment`: a change to a patient's balance that is not a payment (discounts, write-offs,
finance charges); its type is a definition of category AdjTypes."""

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
    money,
    pk,
    ref,
    text,
    timestamp,
)


class Adjustment(Base):
    __tablename__ = "adjustment"
    __table_args__ = (Index("ix_adjustment_PatNum", "PatNum"),)

    AdjNum: Mapped[int] = pk()
    AdjDate: Mapped[dt.date] = date()
    AdjAmt: Mapped[Decimal] = money()
    PatNum: Mapped[int] = ref()
    AdjType: Mapped[int] = ref()
    ProvNum: Mapped[int] = ref()
    AdjNote: Mapped[str] = text()
    ProcDate: Mapped[dt.date] = date()
    ProcNum: Mapped[int] = ref()
    DateEntry: Mapped[dt.date] = entry_date()
    ClinicNum: Mapped[int] = ref()
    StatementNum: Mapped[int] = ref()
    SecUserNumEntry: Mapped[int] = ref()
    SecDateTEdit: Mapped[dt.datetime] = edit_timestamp()
    TaxTransID: Mapped[int] = ref()
    DateTStamp: Mapped[dt.datetime] = timestamp()
