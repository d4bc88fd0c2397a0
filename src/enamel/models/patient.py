"""`patient`: one person, and the family they belong to through `Guarantor`."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Index
from sqlalchemy.orm import Mapped

from enamel.models.base import (
    Base,
    date,
    datetime,
    dt,
    entry_date,
    enum_col,
    flag,
    money,
    pk,
    ref,
    text,
    timestamp,
    varchar,
)
from enamel.models.enums import (
    YN,
    ContactMethod,
    PatientGender,
    PatientPosition,
    PatientStatus,
)


class Patient(Base):
    __tablename__ = "patient"
    __table_args__ = (
        Index("ix_patient_LName_FName", "LName", "FName"),
        Index("ix_patient_Guarantor", "Guarantor"),
    )

    PatNum: Mapped[int] = pk()
    LName: Mapped[str] = varchar()
    FName: Mapped[str] = varchar()
    MiddleI: Mapped[str] = varchar()
    Preferred: Mapped[str] = varchar()
    PatStatus: Mapped[PatientStatus] = enum_col(PatientStatus, PatientStatus.Patient)
    Gender: Mapped[PatientGender] = enum_col(PatientGender, PatientGender.Unknown)
    Position: Mapped[PatientPosition] = enum_col(PatientPosition, PatientPosition.Single)
    Birthdate: Mapped[dt.date] = date()
    SSN: Mapped[str] = varchar()
    Address: Mapped[str] = varchar()
    Address2: Mapped[str] = varchar()
    City: Mapped[str] = varchar()
    State: Mapped[str] = varchar()
    Zip: Mapped[str] = varchar()
    Country: Mapped[str] = varchar()
    HmPhone: Mapped[str] = varchar()
    WkPhone: Mapped[str] = varchar()
    WirelessPhone: Mapped[str] = varchar()
    Guarantor: Mapped[int] = ref()
    Email: Mapped[str] = varchar()
    Salutation: Mapped[str] = varchar()
    Title: Mapped[str] = varchar()
    EstBalance: Mapped[Decimal] = money()
    PriProv: Mapped[int] = ref()
    SecProv: Mapped[int] = ref()
    FeeSched: Mapped[int] = ref()
    BillingType: Mapped[int] = ref()
    ChartNumber: Mapped[str] = varchar()
    MedicaidID: Mapped[str] = varchar()
    Bal_0_30: Mapped[Decimal] = money()
    Bal_31_60: Mapped[Decimal] = money()
    Bal_61_90: Mapped[Decimal] = money()
    BalOver90: Mapped[Decimal] = money()
    InsEst: Mapped[Decimal] = money()
    BalTotal: Mapped[Decimal] = money()
    EmployerNum: Mapped[int] = ref()
    AddrNote: Mapped[str] = text()
    FamFinUrgNote: Mapped[str] = text()
    MedUrgNote: Mapped[str] = varchar()
    ApptModNote: Mapped[str] = varchar()
    DateFirstVisit: Mapped[dt.date] = date()
    ClinicNum: Mapped[int] = ref()
    HasIns: Mapped[str] = varchar()
    Premed: Mapped[bool] = flag()
    PreferConfirmMethod: Mapped[ContactMethod] = enum_col(ContactMethod, ContactMethod.None_)
    PreferContactMethod: Mapped[ContactMethod] = enum_col(ContactMethod, ContactMethod.None_)
    PreferRecallMethod: Mapped[ContactMethod] = enum_col(ContactMethod, ContactMethod.None_)
    Language: Mapped[str] = varchar()
    AdmitDate: Mapped[dt.date] = date()
    ResponsParty: Mapped[int] = ref()
    SuperFamily: Mapped[int] = ref()
    TxtMsgOk: Mapped[YN] = enum_col(YN, YN.Unknown)
    DateTimeDeceased: Mapped[dt.datetime] = datetime()
    DateTStamp: Mapped[dt.datetime] = timestamp()
    SecUserNumEntry: Mapped[int] = ref()
    SecDateEntry: Mapped[dt.date] = entry_date()
    SecurityHash: Mapped[str] = varchar()
