"""Open Dental's enums: the numbers are what the database stores, the names are the API labels.

Source: OpenDental/opendental `OpenDentBusiness/Db/Enumerations.cs` and the table types; see
../shared/OPENDENTAL.md section 9.
"""

from __future__ import annotations

import enum
from typing import TypeVar

from enamel.errors import InvalidInput

E = TypeVar("E", bound=enum.IntEnum)


class ApptStatus(enum.IntEnum):
    # 0 is "None" in Open Dental, a placeholder no appointment should hold.
    Scheduled = 1
    Complete = 2
    UnschedList = 3
    ASAP = 4  # deprecated in Open Dental 17.4 (Priority holds it now); kept for old rows
    Broken = 5
    Planned = 6
    PtNote = 7
    PtNoteCompleted = 8


class ApptPriority(enum.IntEnum):
    Normal = 0
    ASAP = 1


class ProcStat(enum.IntEnum):
    TP = 1  # treatment planned
    C = 2  # complete
    EC = 3  # existing, current provider
    EO = 4  # existing, other provider
    R = 5  # referred out
    D = 6  # deleted
    Cn = 7  # condition
    TPi = 8  # treatment planned, inactive


class PatientStatus(enum.IntEnum):
    Patient = 0
    NonPatient = 1
    Inactive = 2
    Archived = 3
    Deleted = 4
    Deceased = 5
    Prospective = 6


class PatientGender(enum.IntEnum):
    Male = 0
    Female = 1
    Unknown = 2
    Other = 3


class PatientPosition(enum.IntEnum):
    Single = 0
    Married = 1
    Child = 2
    Widowed = 3
    Divorced = 4


class ContactMethod(enum.IntEnum):
    None_ = 0
    DoNotCall = 1
    HmPhone = 2
    WkPhone = 3
    WirelessPh = 4
    Email = 5
    SeeNotes = 6
    Mail = 7
    TextMessage = 8


class YN(enum.IntEnum):
    Unknown = 0
    Yes = 1
    No = 2


class ClaimProcStatus(enum.IntEnum):
    NotReceived = 0
    Received = 1
    Preauth = 2
    Adjustment = 3
    Supplemental = 4
    CapClaim = 5
    Estimate = 6
    CapComplete = 7
    CapEstimate = 8
    InsHist = 9


class ProviderStatus(enum.IntEnum):
    Active = 0
    Deleted = 1


def label(value: enum.IntEnum) -> str:
    """The API label of an enum value (`ContactMethod.None_` is "None")."""
    return value.name.rstrip("_")


def enum_input(enum_class: type[E], value: object, field: str) -> E:
    """`value` as a member of `enum_class`, or 400 naming `field` and the allowed labels."""
    try:
        return enum_class(value)  # type: ignore[arg-type]
    except ValueError:
        allowed = ", ".join(label(m) for m in enum_class)
        raise InvalidInput(f"{field} must be one of: {allowed}", field=field) from None


class EnumPermType(enum.IntEnum):
    """Open Dental's permission types that Enamel uses; `securitylog.PermType` stores the
    number (src: OpenDentBusiness/TableTypes/GroupPermission.cs)."""

    Setup = 8
    ProcComplEdit = 10
    PaymentCreate = 15
    PaymentEdit = 16
    AdjustmentCreate = 17
    AdjustmentEdit = 18
    UserQuery = 19
    ProcComplCreate = 23
    SecurityAdmin = 24
    AppointmentCreate = 25
    AppointmentMove = 26
    AppointmentEdit = 27
    TreatPlanEdit = 38
    ProcDelete = 49
    ProviderEdit = 51
    ProcFeeEdit = 64
    Copy = 68
    """Open Dental: tracks copying of patient information ("Required by EHR"); Enamel logs
    each program-link launch with it, as a disclosure of the fields sent."""
    AppointmentCompleteEdit = 96
    ProcEdit = 100
    PatientCreate = 106
    PatientEdit = 108
    ApptConfirmStatusEdit = 120
    CommandQuery = 151
    ProcCodeEdit = 157
    ProcCompleteStatusEdit = 185
    ProcCompleteEdit = 189
    DefEdit = 220
    ProviderAdd = 232
    ClinicEdit = 233
    AppointmentDelete = 237


class LogSources(enum.IntEnum):
    """Where a security-log entry came from (`securitylog.LogSource`;
    src: OpenDentBusiness/TableTypes/SecurityLog.cs)."""

    None_ = 0
    WebSched = 1
    InsPlanImport834 = 2
    HL7 = 3
    DBM = 4
    FHIR = 5
    PatientPortal = 6
    WebSchedNewPatAppt = 7
    AutoConfirmations = 8
    Diagnostic = 9
    MobileWeb = 10
    CanadaEobAutoImport = 11
    WebSchedASAP = 12
    OpenDentalService = 13
    BroadcastMonitor = 14
    AutoLogOff = 15
    ODMobile = 16
    TextMessaging = 17
    CareCredit = 18
    WebSchedExistingPatient = 19
    eRx = 20
    SignupPortal = 21
    EmployerImport834 = 22
    API = 23
    ClaimReceiveAutomatic = 24
    PaymentPortal = 25
