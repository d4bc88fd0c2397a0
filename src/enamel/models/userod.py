"""`userod`: an office user of Open Dental (and of Enamel's office pages)."""

from __future__ import annotations

from sqlalchemy.orm import Mapped

from enamel.models.base import Base, datetime, dt, flag, num, pk, ref, timestamp, varchar


class Userod(Base):
    __tablename__ = "userod"

    UserNum: Mapped[int] = pk()
    UserName: Mapped[str] = varchar(unique=True)
    Password: Mapped[str] = varchar()
    UserGroupNum: Mapped[int] = ref()
    EmployeeNum: Mapped[int] = ref()
    ClinicNum: Mapped[int] = ref()
    ProvNum: Mapped[int] = ref()
    IsHidden: Mapped[bool] = flag()
    PasswordIsStrong: Mapped[bool] = flag()
    ClinicIsRestricted: Mapped[bool] = flag()
    DateTFail: Mapped[dt.datetime] = datetime()
    FailedAttempts: Mapped[int] = num()
    IsPasswordResetRequired: Mapped[bool] = flag()
    DateTLastLogin: Mapped[dt.datetime] = datetime()
    DateTStamp: Mapped[dt.datetime] = timestamp()
