"""Procedures and procedure codes as Open Dental's API shows them
(opendental.com/site/apiprocedurelogs.html, apiprocedurecodes.html).

Fields Open Dental sends that Enamel does not keep go out as their empty value ("", 0,
"false", 0.0), so a client reading them finds what an office without that feature would send.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from typing import Any, Literal

from sqlalchemy import Integer, literal_column
from sqlalchemy.orm import QueryableAttribute, aliased

from enamel.api.encode import Field, Shape, bool_out, field, money_fixed, money_number
from enamel.api.inputs import body_model
from enamel.models import Definition, ProcedureCode, ProcedureLog, Provider
from enamel.procedures.service import ProcedureData


class PlaceOfService(enum.IntEnum):
    """`procedurelog.PlaceService` (src: OpenDentBusiness/Db/Enumerations.cs; the three
    telehealth/outreach values as listed by apiprocedurelogs.html, 25.2)."""

    Office = 0
    PatientsHome = 1
    InpatHospital = 2
    OutpatHospital = 3
    SkilledNursFac = 4
    CustodialCareFacility = 5
    OtherLocation = 6
    MobileUnit = 7
    School = 8
    MilitaryTreatFac = 9
    FederalHealthCenter = 10
    PublicHealthClinic = 11
    RuralHealthClinic = 12
    EmergencyRoomHospital = 13
    AmbulatorySurgicalCenter = 14
    TelehealthOutsideHome = 15
    TelehealthInHome = 16
    OutreachSiteOrStreet = 17


class TreatmentArea(enum.IntEnum):
    """`procedurecode.TreatArea` (src: OpenDentBusiness/Db/Enumerations.cs)."""

    None_ = 0
    Surf = 1
    Tooth = 2
    Mouth = 3
    Quad = 4
    Sextant = 5
    Arch = 6
    ToothRange = 7


class ToothPaintingType(enum.IntEnum):
    """`procedurecode.PaintType` (src: OpenDentBusiness/Db/Enumerations.cs; 15 was "Watch")."""

    None_ = 0
    Extraction = 1
    Implant = 2
    RCT = 3
    PostBU = 4
    FillingDark = 5
    FillingLight = 6
    CrownDark = 7
    CrownLight = 8
    BridgeDark = 9
    BridgeLight = 10
    DentureDark = 11
    DentureLight = 12
    Sealant = 13
    Veneer = 14
    Text = 15
    RetainedRoot = 16
    SpaceMaintainer = 17


def _labels(enum_class: type[enum.IntEnum]) -> dict[int, str]:
    return {int(m): m.name.rstrip("_") for m in enum_class}


def enum_field(name: str, column: QueryableAttribute[Any], enum_class: type[enum.IntEnum]) -> Field:
    """An enum kept as a plain number column, sent as its label. A number outside the enum
    (written by SQL, not by Enamel) goes out as its digits rather than failing the request."""
    labels = _labels(enum_class)

    def out(value: int) -> str:
        return labels.get(value) or str(value)

    return Field(name, column.expression.label(name), out, Literal[tuple(labels.values())])


def time_out(value: dt.time | None) -> str:
    """A TimeSpan as Open Dental sends it: "HH:mm:ss"."""
    return "00:00:00" if value is None else value.strftime("%H:%M:%S")


def time_field(name: str, column: QueryableAttribute[Any]) -> Field:
    return Field(name, column.expression.label(name), time_out, str)


def _const(value: object) -> Callable[[object], object]:
    return lambda _: value


def empty(name: str, value: Any) -> Field:
    """A field Enamel does not keep: always its empty value ("", 0, "false", 0.0)."""
    doc: Any
    if isinstance(value, bool):
        value, doc = bool_out(value), Literal["true", "false"]
    else:
        doc = type(value)
    return Field(name, literal_column("0", Integer).label(name), _const(value), doc)


# ProcedureLogs

Code = aliased(ProcedureCode, name="code")
Prov = aliased(Provider, name="prov")
PriorityDef = aliased(Definition, name="prioritydef")
DxDef = aliased(Definition, name="dxdef")
PL = ProcedureLog

PROCEDURELOG_FROM = (
    PL.__table__.outerjoin(Code, Code.CodeNum == PL.CodeNum)
    .outerjoin(Prov, Prov.ProvNum == PL.ProvNum)
    .outerjoin(PriorityDef, PriorityDef.DefNum == PL.Priority)
    .outerjoin(DxDef, DxDef.DefNum == PL.Dx)
)

PROCEDURELOG = Shape(
    "ProcedureLog",
    [
        field("ProcNum", PL.ProcNum),
        field("PatNum", PL.PatNum),
        field("AptNum", PL.AptNum),
        field("ProcDate", PL.ProcDate),
        field("ProcFee", PL.ProcFee, money_fixed),
        field("Surf", PL.Surf),
        field("ToothNum", PL.ToothNum),
        field("ToothRange", PL.ToothRange),
        field("Priority", PL.Priority),
        field("priority", PriorityDef.ItemName),
        field("ProcStatus", PL.ProcStatus),
        field("ProvNum", PL.ProvNum),
        field("provAbbr", Prov.Abbr),
        field("Dx", PL.Dx),
        field("dxName", DxDef.ItemName),
        field("PlannedAptNum", PL.PlannedAptNum),
        enum_field("PlaceService", PL.PlaceService, PlaceOfService),
        empty("Prosthesis", ""),
        field("DateOriginalProsth", PL.DateOriginalProsth),
        empty("ClaimNote", ""),
        field("DateEntryC", PL.DateEntryC),
        field("ClinicNum", PL.ClinicNum),
        field("CodeNum", PL.CodeNum),
        field("procCode", Code.ProcCode),
        field("descript", Code.Descript),
        field("UnitQty", PL.UnitQty),
        field("BaseUnits", PL.BaseUnits),
        field("DateTP", PL.DateTP),
        empty("SiteNum", 0),
        empty("HideGraphics", False),
        empty("CanadianTypeCodes", ""),
        time_field("ProcTime", PL.ProcTime),
        time_field("ProcTimeEnd", PL.ProcTimeEnd),
        field("DateTStamp", PL.DateTStamp),
        empty("Prognosis", 0),
        field("IsLocked", PL.IsLocked),
        field("BillingNote", PL.BillingNote),
        field("Discount", PL.Discount, money_number),
        empty("IsDateProsthEst", False),
        field("SecDateEntry", PL.SecDateEntry),
    ],
    PROCEDURELOG_FROM,
    server_time=True,
)

_CODE_DOC = (
    'procCode: a procedure code such as "D0120" (instead of CodeNum). '
    'ProcStatus: TP, C, EO, EC, R or Cn. Money is a decimal string ("130.00").'
)


class ProcedureLogIn(
    body_model(  # type: ignore[misc]  # a base built from ProcedureData
        "ProcedureLogIn",
        ProcedureData,
        extra={"procCode": str},
        required=("PatNum", "ProcDate", "ProcStatus"),
        doc="A procedure to create: PatNum, ProcDate, ProcStatus and procCode or CodeNum are "
        "required. " + _CODE_DOC,
    )
):
    pass


class ProcedureLogUpdate(
    body_model(  # type: ignore[misc]  # a base built from ProcedureData
        "ProcedureLogUpdate",
        ProcedureData,
        exclude=("PatNum",),
        extra={"procCode": str},
        doc="The fields of a procedure to change. On a completed (C) procedure CodeNum, "
        "procCode, Discount, ToothNum, Surf and ToothRange cannot change. " + _CODE_DOC,
    )
):
    pass


# ProcedureCodes

CatDef = aliased(Definition, name="catdef")
PC = ProcedureCode

PROCEDURECODE = Shape(
    "ProcedureCode",
    [
        field("CodeNum", PC.CodeNum),
        field("ProcCode", PC.ProcCode),
        field("Descript", PC.Descript),
        field("AbbrDesc", PC.AbbrDesc),
        field("ProcTime", PC.ProcTime),
        field("ProcCat", PC.ProcCat),
        field("procCat", CatDef.ItemName),
        enum_field("TreatArea", PC.TreatArea, TreatmentArea),
        field("NoBillIns", PC.NoBillIns),
        field("IsProsth", PC.IsProsth),
        field("DefaultNote", PC.DefaultNote),
        field("IsHygiene", PC.IsHygiene),
        empty("AlternateCode1", ""),
        empty("MedicalCode", ""),
        field("IsTaxed", PC.IsTaxed),
        enum_field("PaintType", PC.PaintType, ToothPaintingType),
        empty("LaymanTerm", ""),
        field("IsCanadianLab", PC.IsCanadianLab),
        field("BaseUnits", PC.BaseUnits),
        empty("SubstitutionCode", ""),
        Field(
            "SubstOnlyIf",
            literal_column("0", Integer).label("SubstOnlyIf"),
            _const("Always"),
            Literal["Always", "Molar", "SecondMolar", "Never", "Posterior"],
        ),
        field("DateTStamp", PC.DateTStamp),
        empty("DrugNDC", ""),
        empty("RevenueCodeDefault", ""),
        field("ProvNumDefault", PC.ProvNumDefault),
        empty("CanadaTimeUnits", 0.0),
        empty("IsRadiology", False),
        empty("DefaultClaimNote", ""),
        empty("DefaultTPNote", ""),
        empty("PaintText", ""),
        empty("AreaAlsoToothRange", False),
        empty("DiagnosticCodes", ""),
    ],
    PC.__table__.outerjoin(CatDef, CatDef.DefNum == PC.ProcCat),
)
