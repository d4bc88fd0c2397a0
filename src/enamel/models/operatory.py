"""`operatory`: a chair; appointments are booked into one (`appointment.Op`)."""

from __future__ import annotations

from sqlalchemy.orm import Mapped

from enamel.models.base import Base, dt, flag, num, pk, ref, timestamp, varchar


class Operatory(Base):
    __tablename__ = "operatory"

    OperatoryNum: Mapped[int] = pk()
    OpName: Mapped[str] = varchar()
    Abbrev: Mapped[str] = varchar()
    ItemOrder: Mapped[int] = num()
    IsHidden: Mapped[bool] = flag()
    ProvDentist: Mapped[int] = ref()
    ProvHygienist: Mapped[int] = ref()
    IsHygiene: Mapped[bool] = flag()
    ClinicNum: Mapped[int] = ref()
    SetProspective: Mapped[bool] = flag()
    IsWebSched: Mapped[bool] = flag()
    IsNewPatAppt: Mapped[bool] = flag()
    DateTStamp: Mapped[dt.datetime] = timestamp()
