"""`provider`: dentists and hygienists; referenced by patients, appointments and money."""

from __future__ import annotations

from sqlalchemy.orm import Mapped

from enamel.models.base import Base, date, dt, enum_col, flag, num, pk, ref, timestamp, varchar
from enamel.models.enums import ProviderStatus


class Provider(Base):
    __tablename__ = "provider"

    ProvNum: Mapped[int] = pk()
    Abbr: Mapped[str] = varchar()
    ItemOrder: Mapped[int] = num()
    LName: Mapped[str] = varchar()
    FName: Mapped[str] = varchar()
    MI: Mapped[str] = varchar()
    Suffix: Mapped[str] = varchar()
    PreferredName: Mapped[str] = varchar()
    FeeSched: Mapped[int] = ref()
    Specialty: Mapped[int] = ref()
    SSN: Mapped[str] = varchar()
    StateLicense: Mapped[str] = varchar()
    DEANum: Mapped[str] = varchar()
    NationalProvID: Mapped[str] = varchar()
    IsSecondary: Mapped[bool] = flag()
    ProvColor: Mapped[int] = num()
    IsHidden: Mapped[bool] = flag()
    IsNotPerson: Mapped[bool] = flag()
    IsHiddenReport: Mapped[bool] = flag()
    ProvStatus: Mapped[ProviderStatus] = enum_col(ProviderStatus, ProviderStatus.Active)
    DateTerm: Mapped[dt.date] = date()
    Email: Mapped[str] = varchar()
    DateTStamp: Mapped[dt.datetime] = timestamp()
