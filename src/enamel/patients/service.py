"""Patients: the only code that writes `patient` rows.

Rules: last and first name are required; the birthdate is not in the future; enums hold Open
Dental's values; the guarantor defaults to the patient (a family of one) and otherwise must be
the head of an existing family; referenced providers, clinic and billing type must exist and be
visible.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, or_, select

from enamel import audit
from enamel.db import ReadSession, WriteSession, clock, require_write
from enamel.db.changes import apply_changes
from enamel.db.lookup import fetch, get_or_404
from enamel.db.statements import like_prefix
from enamel.errors import InvalidInput, ReferenceNotFound
from enamel.models import DefCat, Patient
from enamel.models.enums import (
    YN,
    ContactMethod,
    EnumPermType,
    PatientGender,
    PatientPosition,
    PatientStatus,
    enum_input,
)
from enamel.providers.service import active_provider, default_provider
from enamel.security import Actor
from enamel.setup.service import active_clinic, definition_in, first_definition

SENSITIVE = frozenset({"SSN"})
"""Fields whose values never go into the security log (the log says they changed, not to what)."""


@dataclass
class PatientData:
    """Fields a caller may set; None leaves a field as it is (or at its default on create)."""

    LName: str | None = None
    FName: str | None = None
    MiddleI: str | None = None
    Preferred: str | None = None
    Title: str | None = None
    Salutation: str | None = None
    PatStatus: PatientStatus | None = None
    Gender: PatientGender | None = None
    Position: PatientPosition | None = None
    Birthdate: dt.date | None = None
    SSN: str | None = None
    Address: str | None = None
    Address2: str | None = None
    City: str | None = None
    State: str | None = None
    Zip: str | None = None
    Country: str | None = None
    HmPhone: str | None = None
    WkPhone: str | None = None
    WirelessPhone: str | None = None
    Email: str | None = None
    Guarantor: int | None = None
    PriProv: int | None = None
    SecProv: int | None = None
    BillingType: int | None = None
    ClinicNum: int | None = None
    ChartNumber: str | None = None
    Language: str | None = None
    AddrNote: str | None = None
    MedUrgNote: str | None = None
    ApptModNote: str | None = None
    Premed: bool | None = None
    PreferConfirmMethod: ContactMethod | None = None
    PreferContactMethod: ContactMethod | None = None
    PreferRecallMethod: ContactMethod | None = None
    TxtMsgOk: YN | None = None
    DateFirstVisit: dt.date | None = None


ENUM_FIELDS = {
    "PatStatus": PatientStatus,
    "Gender": PatientGender,
    "Position": PatientPosition,
    "PreferConfirmMethod": ContactMethod,
    "PreferContactMethod": ContactMethod,
    "PreferRecallMethod": ContactMethod,
    "TxtMsgOk": YN,
}


def get_patient(db: ReadSession, pat_num: int) -> Patient:
    return get_or_404(db, Patient, pat_num, "Patient")


def existing_patient(db: ReadSession, pat_num: int, field: str = "PatNum") -> Patient:
    """A patient referenced by another row; deleted patients take no new rows."""
    row = fetch(db, Patient, pat_num)
    if row is None:
        raise ReferenceNotFound(f"{field}: patient {pat_num} does not exist", field=field)
    if row.PatStatus is PatientStatus.Deleted:
        raise ReferenceNotFound(f"{field}: patient {pat_num} is deleted", field=field)
    return row


def name_of(p: Patient) -> str:
    return f"{p.LName}, {p.FName}"


FIND_LIMIT = 25


def find_patients(db: ReadSession, text: str, limit: int = FIND_LIMIT) -> list[Patient]:
    """The office pages' patient search: a PatNum, or the beginning of a last, first or
    preferred name ("Smi" or "Smith, An"), case-insensitive; deleted patients are left out."""
    text = " ".join(text.split())[:100]
    if not text:
        return []
    query = select(Patient).where(Patient.PatStatus != PatientStatus.Deleted)
    if text.isdigit():
        if len(text) > 18:
            return []
        query = query.where(Patient.PatNum == int(text))
    elif "," in text:
        last, first = (part.strip() for part in text.split(",", 1))
        conditions = [Patient.LName.ilike(like_prefix(last) or "%", escape="\\")]
        if first:
            conditions.append(Patient.FName.ilike(like_prefix(first) or "%", escape="\\"))
        query = query.where(and_(*conditions))
    else:
        pattern = like_prefix(text) or "%"
        query = query.where(
            or_(
                *(
                    c.ilike(pattern, escape="\\")
                    for c in (Patient.LName, Patient.FName, Patient.Preferred)
                )
            )
        )
    query = query.order_by(Patient.LName, Patient.FName, Patient.PatNum).limit(limit)
    return list(db.scalars(query))


def _check_enums(data: PatientData) -> None:
    for name, enum_class in ENUM_FIELDS.items():
        value = getattr(data, name)
        if value is not None:
            setattr(data, name, enum_input(enum_class, value, name))


def _check(db: ReadSession, row: Patient) -> None:
    if not row.LName:
        raise InvalidInput("LName is required", field="LName")
    if not row.FName:
        raise InvalidInput("FName is required", field="FName")
    if row.Birthdate > clock.today():
        raise InvalidInput("Birthdate cannot be in the future", field="Birthdate")
    if row.PriProv:
        active_provider(db, row.PriProv, "PriProv")
    if row.SecProv:
        active_provider(db, row.SecProv, "SecProv")
    if row.BillingType:
        definition_in(db, DefCat.BillingTypes, row.BillingType, "BillingType")
    active_clinic(db, row.ClinicNum)


def _check_guarantor(db: ReadSession, row: Patient, guarantor: int) -> None:
    if guarantor in (0, row.PatNum):
        return
    head = existing_patient(db, guarantor, "Guarantor")
    if head.Guarantor != head.PatNum:
        raise InvalidInput(
            f"Guarantor: patient {guarantor} is not the head of a family "
            f"(their guarantor is {head.Guarantor})",
            field="Guarantor",
        )


def create_patient(db: WriteSession, actor: Actor, data: PatientData) -> Patient:
    require_write(db)
    actor.require(EnumPermType.PatientCreate)
    _check_enums(data)
    row = Patient(SecUserNumEntry=actor.user_num)
    apply_changes(row, data, skip=("Guarantor",))
    _check(db, row)
    _check_guarantor(db, row, data.Guarantor or 0)
    if not row.PriProv:
        default = default_provider(db)
        row.PriProv = default.ProvNum if default else 0
    if not row.BillingType:
        billing = first_definition(db, DefCat.BillingTypes)
        row.BillingType = billing.DefNum if billing else 0
    db.add(row)
    db.flush()
    row.Guarantor = data.Guarantor or row.PatNum
    audit.record(
        db,
        actor,
        EnumPermType.PatientCreate,
        f"Patient {name_of(row)} created",
        pat_num=row.PatNum,
        fkey=row.PatNum,
    )
    return row


def update_patient(db: WriteSession, actor: Actor, pat_num: int, data: PatientData) -> Patient:
    require_write(db)
    actor.require(EnumPermType.PatientEdit)
    _check_enums(data)
    row = get_patient(db, pat_num)
    previous = row.DateTStamp
    before = {name: getattr(row, name) for name in _field_names()}
    if data.Guarantor is not None:
        _check_guarantor(db, row, data.Guarantor)
    changed = apply_changes(row, data)
    _check(db, row)
    if changed:
        db.flush()
        audit.record(
            db,
            actor,
            EnumPermType.PatientEdit,
            f"Patient {name_of(row)} edited: " + "; ".join(_describe(row, before, changed)),
            pat_num=row.PatNum,
            fkey=row.PatNum,
            previous=previous,
        )
    return row


def _field_names() -> list[str]:
    return list(PatientData.__dataclass_fields__)


def _describe(row: Patient, before: dict[str, object], changed: list[str]) -> list[str]:
    out = []
    for name in changed:
        if name in SENSITIVE:
            out.append(f"{name} changed")
        else:
            out.append(f"{name} '{_show(before[name])}' -> '{_show(getattr(row, name))}'")
    return out


def _show(value: object) -> str:
    if hasattr(value, "name") and hasattr(value, "value"):
        return str(value.name).rstrip("_")
    return str(value)
