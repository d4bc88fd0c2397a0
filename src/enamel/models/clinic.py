"""`clinic`: a location of the practice; 0 in a `ClinicNum` column means "no clinic"."""

from __future__ import annotations

from sqlalchemy.orm import Mapped

from enamel.models.base import Base, dt, flag, num, pk, ref, timestamp, varchar


class Clinic(Base):
    __tablename__ = "clinic"

    ClinicNum: Mapped[int] = pk()
    Description: Mapped[str] = varchar()
    Abbr: Mapped[str] = varchar()
    Address: Mapped[str] = varchar()
    Address2: Mapped[str] = varchar()
    City: Mapped[str] = varchar()
    State: Mapped[str] = varchar()
    Zip: Mapped[str] = varchar()
    Phone: Mapped[str] = varchar()
    Fax: Mapped[str] = varchar()
    Email: Mapped[str] = varchar()
    DefaultProv: Mapped[int] = ref()
    IsHidden: Mapped[bool] = flag()
    ItemOrder: Mapped[int] = num()
    DateTStamp: Mapped[dt.datetime] = timestamp()
