"""`definition`: Open Dental's configurable lists (payment types, confirmation states...),
one list per `Category` (DefCat)."""

from __future__ import annotations

import enum

from sqlalchemy import Index
from sqlalchemy.orm import Mapped

from enamel.models.base import Base, dt, enum_col, flag, num, pk, timestamp, varchar


class DefCat(enum.IntEnum):
    """The definition categories Enamel uses (numbers as in Open Dental's `DefCat`)."""

    AccountColors = 0
    AdjTypes = 1
    ApptConfirmed = 2
    ApptProcsQuickAdd = 3
    BillingTypes = 4
    PaymentTypes = 10
    ProcCodeCats = 11
    RecallUnschedStatus = 13


class Definition(Base):
    __tablename__ = "definition"
    __table_args__ = (Index("ix_definition_Category", "Category"),)

    DefNum: Mapped[int] = pk()
    Category: Mapped[DefCat] = enum_col(DefCat, DefCat.AccountColors)
    ItemOrder: Mapped[int] = num()
    ItemName: Mapped[str] = varchar()
    ItemValue: Mapped[str] = varchar()
    ItemColor: Mapped[int] = num()
    IsHidden: Mapped[bool] = flag()
    DateTStamp: Mapped[dt.datetime] = timestamp()
