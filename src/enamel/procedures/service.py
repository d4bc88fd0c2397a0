"""Procedures: the only code that writes `procedurecode` and `procedurelog` rows.

Rules: the patient, code, provider and clinic must exist and be visible; an attached
appointment must be the same patient's; fees are exact and not negative; completing a procedure
sets its date (today unless given, never in the future) and its completion dates; a completed
procedure's code, teeth, surface and discount stay as billed; completed procedures are never
deleted (Open Dental forbids deleting `procedurelog` rows at all: a treatment-planned
procedure is deleted by setting its status to D).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from enamel import audit
from enamel.db import ReadSession, WriteSession, clock, require_write
from enamel.db.changes import apply_changes
from enamel.db.lookup import fetch, get_or_404, referenced
from enamel.errors import Conflict, InvalidInput, InvalidTransition, ReferenceNotFound
from enamel.models import Appointment, ProcedureCode, ProcedureLog
from enamel.models.enums import EnumPermType, ProcStat, enum_input
from enamel.money import money_input
from enamel.patients.service import existing_patient, name_of
from enamel.providers.service import active_provider
from enamel.security import Actor
from enamel.setup.service import active_clinic

DONE = frozenset({ProcStat.C, ProcStat.EC, ProcStat.EO})
"""Statuses of work that was done: never deleted."""
CREATABLE = frozenset({ProcStat.TP, ProcStat.C, ProcStat.EC, ProcStat.EO, ProcStat.R, ProcStat.Cn})
TOOTH = re.compile(r"^([1-9]|[12][0-9]|3[0-2]|[A-T])$")
"""Universal numbering: permanent teeth 1-32, primary teeth A-T."""
_TOOTH = r"\s*(?:[1-9]|[12][0-9]|3[0-2]|[A-T])\s*"
TOOTH_RANGE = re.compile(rf"^{_TOOTH}(?:-{_TOOTH})?(?:,{_TOOTH}(?:-{_TOOTH})?)*$")
"""Teeth separated by commas, with hyphenated ranges: "2,3, 13-15" (as Open Dental takes it)."""
TEXT_FIELDS = ("ToothNum", "Surf", "ToothRange", "BillingNote")
"""varchar columns a caller fills: refused when longer than the column (MariaDB and PostgreSQL
would refuse the INSERT; SQLite would keep it)."""
_LENGTHS: dict[str, int] = {
    name: getattr(ProcedureLog.__table__.c[name].type, "length", None) or 255
    for name in TEXT_FIELDS
}
MAX_UNIT_QTY = 2**31 - 1
"""`UnitQty` is a 32-bit INT column."""
FIXED_WHEN_COMPLETE = ("CodeNum", "ToothNum", "Surf", "ToothRange", "Discount")
"""What a completed (C) procedure bills for: Open Dental's API refuses to change these on a C
procedure (apiprocedurelogs.html, PUT), and so does Enamel, for every caller."""


@dataclass
class ProcedureCodeData:
    ProcCode: str | None = None
    Descript: str | None = None
    AbbrDesc: str | None = None
    ProcTime: str | None = None
    ProcCat: int | None = None
    IsHygiene: bool | None = None
    IsHidden: bool | None = None


@dataclass
class ProcedureData:
    """Fields a caller may set; None leaves a field as it is (or at its default on create)."""

    PatNum: int | None = None
    CodeNum: int | None = None
    ProcStatus: ProcStat | None = None
    ProcDate: dt.date | None = None
    ProcFee: Decimal | None = None
    AptNum: int | None = None
    ProvNum: int | None = None
    ClinicNum: int | None = None
    ToothNum: str | None = None
    Surf: str | None = None
    ToothRange: str | None = None
    BillingNote: str | None = None
    UnitQty: int | None = None
    Discount: Decimal | None = None


def get_procedure(db: ReadSession, proc_num: int) -> ProcedureLog:
    return get_or_404(db, ProcedureLog, proc_num, "Procedure")


def code_by_num(db: ReadSession, code_num: int, field: str = "CodeNum") -> ProcedureCode:
    return referenced(db, ProcedureCode, code_num, field, "procedure code")


def code_by_text(db: ReadSession, proc_code: str, field: str = "procCode") -> ProcedureCode:
    row = db.scalars(select(ProcedureCode).where(ProcedureCode.ProcCode == proc_code)).first()
    if row is None or row.IsHidden:
        raise ReferenceNotFound(
            f"{field}: procedure code {proc_code!r} does not exist", field=field
        )
    return row


def create_procedure_code(db: WriteSession, actor: Actor, data: ProcedureCodeData) -> ProcedureCode:
    require_write(db)
    actor.require(EnumPermType.ProcCodeEdit)
    row = ProcedureCode()
    apply_changes(row, data)
    if not row.ProcCode:
        raise InvalidInput("ProcCode is required", field="ProcCode")
    if not row.Descript:
        raise InvalidInput("Descript is required", field="Descript")
    if db.scalar(select(ProcedureCode.CodeNum).where(ProcedureCode.ProcCode == row.ProcCode)):
        raise Conflict(f"procedure code {row.ProcCode} already exists", field="ProcCode")
    row.AbbrDesc = row.AbbrDesc or row.Descript[:50]
    row.ProcTime = row.ProcTime or "/X/"
    db.add(row)
    db.flush()
    audit.record(
        db,
        actor,
        EnumPermType.ProcCodeEdit,
        f"Procedure code {row.ProcCode} created",
        fkey=row.CodeNum,
    )
    return row


def _check(db: ReadSession, proc: ProcedureLog) -> None:
    # The checks of values come before any query: on an edit, a query would flush the row,
    # and a value the column cannot hold would fail there instead of answering 400.
    for name in TEXT_FIELDS:
        limit = _LENGTHS[name]
        if len(getattr(proc, name)) > limit:
            raise InvalidInput(f"{name} is longer than {limit} characters", field=name)
    if proc.ProcFee < 0:
        raise InvalidInput("ProcFee cannot be negative", field="ProcFee")
    if proc.Discount < 0:
        raise InvalidInput("Discount cannot be negative", field="Discount")
    if not 1 <= proc.UnitQty <= MAX_UNIT_QTY:
        raise InvalidInput(f"UnitQty must be from 1 to {MAX_UNIT_QTY}", field="UnitQty")
    if proc.ToothNum and not TOOTH.match(proc.ToothNum):
        raise InvalidInput(
            f"ToothNum {proc.ToothNum!r} is not a tooth (1-32 or A-T)", field="ToothNum"
        )
    if proc.ToothRange and not TOOTH_RANGE.match(proc.ToothRange):
        raise InvalidInput(
            f'ToothRange {proc.ToothRange!r} is not a list of teeth (e.g. "2,3,13-15")',
            field="ToothRange",
        )
    code_by_num(db, proc.CodeNum)
    active_provider(db, proc.ProvNum, "ProvNum")
    active_clinic(db, proc.ClinicNum)
    if proc.AptNum:
        apt = fetch(db, Appointment, proc.AptNum)
        if apt is None:
            raise ReferenceNotFound(
                f"AptNum: appointment {proc.AptNum} does not exist", field="AptNum"
            )
        if apt.PatNum != proc.PatNum:
            raise InvalidInput(
                f"AptNum: appointment {proc.AptNum} belongs to another patient", field="AptNum"
            )


def _complete_dates(proc: ProcedureLog, proc_date: dt.date | None) -> None:
    today = clock.today()
    date = proc_date or today
    if date > today:
        raise InvalidInput(
            "ProcDate of a completed procedure cannot be in the future", field="ProcDate"
        )
    proc.ProcDate = date
    proc.DateComplete = today
    proc.DateEntryC = today


def create_procedure(db: WriteSession, actor: Actor, data: ProcedureData) -> ProcedureLog:
    require_write(db)
    status = enum_input(
        ProcStat, data.ProcStatus if data.ProcStatus is not None else ProcStat.TP, "ProcStatus"
    )
    if status not in CREATABLE:
        allowed = ", ".join(s.name for s in sorted(CREATABLE))
        raise InvalidInput(
            f"a new procedure's ProcStatus must be one of: {allowed}", field="ProcStatus"
        )
    permission = EnumPermType.ProcComplCreate if status is ProcStat.C else EnumPermType.ProcEdit
    actor.require(permission)
    patient = existing_patient(db, data.PatNum or 0)
    _money(data)
    proc = ProcedureLog(SecUserNumEntry=actor.user_num, UnitQty=1)
    apply_changes(proc, data)
    proc.ProcStatus = status
    proc.ProvNum = proc.ProvNum or patient.PriProv
    proc.ClinicNum = proc.ClinicNum or patient.ClinicNum
    _check(db, proc)
    if status is ProcStat.C:
        _complete_dates(proc, data.ProcDate)
    elif status is ProcStat.TP:
        proc.DateTP = clock.today()
        proc.ProcDate = data.ProcDate or clock.today()
    db.add(proc)
    db.flush()
    code = code_by_num(db, proc.CodeNum)
    audit.record(
        db,
        actor,
        permission,
        f"Procedure {code.ProcCode} ({status.name}) created for {name_of(patient)}, "
        f"fee {proc.ProcFee}",
        pat_num=patient.PatNum,
        fkey=proc.ProcNum,
    )
    return proc


def _money(data: ProcedureData) -> None:
    if data.ProcFee is not None:
        data.ProcFee = money_input(data.ProcFee, "ProcFee")
    if data.Discount is not None:
        data.Discount = money_input(data.Discount, "Discount")


def update_procedure(
    db: WriteSession,
    actor: Actor,
    proc_num: int,
    data: ProcedureData,
    *,
    code_field: str = "CodeNum",
) -> ProcedureLog:
    """Edit a procedure; setting ProcStatus to C completes it (ProcComplCreate). Completed
    procedures need ProcCompleteEdit and cannot go back to another status; a C procedure's
    code, tooth, surface, tooth range and discount are fixed (`FIXED_WHEN_COMPLETE`).
    `code_field` names the input that carried the CodeNum (the API's `procCode`)."""
    require_write(db)
    proc = get_procedure(db, proc_num)
    if data.PatNum is not None and data.PatNum != proc.PatNum:
        raise InvalidInput("PatNum of a procedure cannot change", field="PatNum")
    new_status = (
        enum_input(ProcStat, data.ProcStatus, "ProcStatus")
        if data.ProcStatus is not None
        else proc.ProcStatus
    )
    before, previous = proc.ProcStatus, proc.DateTStamp
    if before is ProcStat.D:
        raise InvalidTransition(f"procedure {proc_num} is deleted", field="ProcStatus")
    if before in DONE and new_status != before:
        raise InvalidTransition(
            f"procedure {proc_num} is {before.name} (done) and cannot become {new_status.name}",
            field="ProcStatus",
        )
    if new_status is ProcStat.D:
        raise InvalidInput("use delete to delete a procedure", field="ProcStatus")
    _money(data)
    if before is ProcStat.C:
        _keep_billed_fields(proc, data, code_field)
    completing = new_status is ProcStat.C and before is not ProcStat.C
    if completing:
        permission = EnumPermType.ProcComplCreate
    elif before in DONE:
        permission = EnumPermType.ProcCompleteEdit
    else:
        permission = EnumPermType.ProcEdit
    actor.require(permission)
    changed = apply_changes(proc, data)
    if not changed:
        return proc
    _check(db, proc)
    if completing:
        _complete_dates(proc, data.ProcDate)
    elif before is ProcStat.C and proc.ProcDate > clock.today():
        raise InvalidInput(
            "ProcDate of a completed procedure cannot be in the future", field="ProcDate"
        )
    db.flush()
    patient = existing_patient(db, proc.PatNum)
    verb = "completed" if completing else "edited: " + ", ".join(changed)
    audit.record(
        db,
        actor,
        permission,
        f"Procedure {proc_num} for {name_of(patient)} {verb}",
        pat_num=proc.PatNum,
        fkey=proc_num,
        previous=previous,
    )
    return proc


def _keep_billed_fields(proc: ProcedureLog, data: ProcedureData, code_field: str) -> None:
    for name in FIXED_WHEN_COMPLETE:
        value = getattr(data, name)
        if isinstance(value, str):
            value = value.strip()
        if value is not None and value != getattr(proc, name):
            field = code_field if name == "CodeNum" else name
            raise InvalidInput(f"{field} of a completed procedure cannot be changed", field=field)


def complete_procedure(
    db: WriteSession, actor: Actor, proc_num: int, proc_date: dt.date | None = None
) -> ProcedureLog:
    return update_procedure(
        db, actor, proc_num, ProcedureData(ProcStatus=ProcStat.C, ProcDate=proc_date)
    )


def delete_procedure(db: WriteSession, actor: Actor, proc_num: int) -> ProcedureLog:
    """Delete a procedure that was not done: its status becomes D (the row stays, as in Open
    Dental). Done procedures (C, EC, EO) are refused with 409."""
    require_write(db)
    actor.require(EnumPermType.ProcDelete)
    proc = get_procedure(db, proc_num)
    if proc.ProcStatus in DONE:
        raise InvalidTransition(
            f"procedure {proc_num} is {proc.ProcStatus.name} (done); done procedures are "
            "not deleted",
            field="ProcNum",
        )
    if proc.ProcStatus is ProcStat.D:
        return proc
    previous = proc.DateTStamp
    proc.ProcStatus = ProcStat.D
    db.flush()
    audit.record(
        db,
        actor,
        EnumPermType.ProcDelete,
        f"Procedure {proc_num} deleted",
        pat_num=proc.PatNum,
        fkey=proc_num,
        previous=previous,
    )
    return proc
