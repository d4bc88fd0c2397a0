"""`appointment`: a patient's visit booked into an operatory at `AptDateTime`, as long as its
`Pattern` (one character per 5 minutes)."""

from __future__ import annotations

from sqlalchemy import Index
from sqlalchemy.orm import Mapped

from enamel.models.base import (
    Base,
    datetime,
    dt,
    entry_datetime,
    enum_col,
    flag,
    num,
    pk,
    ref,
    text,
    timestamp,
    varchar,
)
from enamel.models.enums import ApptPriority, ApptStatus


class Appointment(Base):
    __tablename__ = "appointment"
    __table_args__ = (
        Index("ix_appointment_Op_AptDateTime", "Op", "AptDateTime"),
        Index("ix_appointment_PatNum", "PatNum"),
        Index("ix_appointment_AptDateTime", "AptDateTime"),
    )

    AptNum: Mapped[int] = pk()
    PatNum: Mapped[int] = ref()
    AptStatus: Mapped[ApptStatus] = enum_col(ApptStatus, ApptStatus.Scheduled)
    Pattern: Mapped[str] = varchar()
    Confirmed: Mapped[int] = ref()
    TimeLocked: Mapped[bool] = flag()
    Op: Mapped[int] = ref()
    Note: Mapped[str] = text()
    ProvNum: Mapped[int] = ref()
    ProvHyg: Mapped[int] = ref()
    AptDateTime: Mapped[dt.datetime] = datetime()
    NextAptNum: Mapped[int] = ref()
    UnschedStatus: Mapped[int] = ref()
    IsNewPatient: Mapped[bool] = flag()
    ProcDescript: Mapped[str] = varchar()
    Assistant: Mapped[int] = ref()
    ClinicNum: Mapped[int] = ref()
    IsHygiene: Mapped[bool] = flag()
    DateTimeArrived: Mapped[dt.datetime] = datetime()
    DateTimeSeated: Mapped[dt.datetime] = datetime()
    DateTimeDismissed: Mapped[dt.datetime] = datetime()
    InsPlan1: Mapped[int] = ref()
    InsPlan2: Mapped[int] = ref()
    DateTimeAskedToArrive: Mapped[dt.datetime] = datetime()
    ProcsColored: Mapped[str] = text()
    ColorOverride: Mapped[int] = ref()
    AppointmentTypeNum: Mapped[int] = ref()
    SecUserNumEntry: Mapped[int] = ref()
    SecDateTEntry: Mapped[dt.datetime] = entry_datetime()
    Priority: Mapped[ApptPriority] = enum_col(ApptPriority, ApptPriority.Normal)
    ProvBarText: Mapped[str] = varchar()
    PatternSecondary: Mapped[str] = varchar()
    SecurityHash: Mapped[str] = varchar()
    ItemOrderPlanned: Mapped[int] = num()
    DateTStamp: Mapped[dt.datetime] = timestamp()
