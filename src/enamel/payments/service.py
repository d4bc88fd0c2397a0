"""Payments and adjustments: the only code that writes `payment`, `paysplit` and `adjustment`.

Rules: the patient, payment type, providers and clinic must exist and be visible; money is
exact (`Decimal`, two places, never a float); a payment's splits add up to its amount exactly
(no splits given: one split to the patient's primary provider); payments are not dated in the
future; a split's procedure must be the split patient's and done. Once made, a payment's
amount, date, patient and splits stay as they are; only its type, check number, bank branch,
note and processing status may change.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from enamel import audit
from enamel.db import ReadSession, WriteSession, clock, require_write
from enamel.db.lookup import fetch, get_or_404
from enamel.errors import InvalidInput, ReferenceNotFound
from enamel.models import Adjustment, DefCat, Patient, Payment, PaySplit, ProcedureLog
from enamel.models.enums import EnumPermType
from enamel.money import money_input
from enamel.patients.service import existing_patient, name_of
from enamel.procedures.service import DONE
from enamel.providers.service import active_provider
from enamel.security import Actor, ActorKind
from enamel.setup.service import active_clinic, definition_in, first_definition


class CreditCardSource(enum.IntEnum):
    """`payment.PaymentSource`: which program took the payment (Open Dental's numbers)."""

    None_ = 0
    XServer = 1
    XWeb = 2
    PayConnect = 3
    XServerPayConnect = 4
    XWebPortalLogin = 5
    PaySimple = 6
    PaySimpleACH = 7
    PayConnectPortal = 8
    PayConnectPortalLogin = 9
    CareCredit = 10
    EdgeExpressRCM = 11
    EdgeExpressCNP = 12
    API = 13
    EdgeExpressPaymentPortal = 14
    EdgeExpressPaymentPortalGuest = 15
    PayConnectPaymentPortal = 16
    PayConnectPaymentPortalGuest = 17
    PaySimplePaymentPortal = 18
    PaySimplePaymentPortalGuest = 19
    PaySimplePaymentPortalACH = 20
    XWebPaymentPortal = 21
    XWebPaymentPortalGuest = 22


class ProcessStat(enum.IntEnum):
    """`payment.ProcessStatus`: made in the office, or online and processed or pending."""

    OfficeProcessed = 0
    OnlineProcessed = 1
    OnlinePending = 2


SETTABLE_PROCESS_STATUS = (ProcessStat.OnlineProcessed, ProcessStat.OnlinePending)
"""What a change may set `ProcessStatus` to, as Open Dental's API allows."""


@dataclass
class SplitData:
    SplitAmt: Decimal
    PatNum: int = 0
    """0: the payment's patient."""
    ProvNum: int = 0
    """0: the split patient's primary provider."""
    ProcNum: int = 0
    ClinicNum: int = 0


@dataclass
class PaymentData:
    PatNum: int
    PayAmt: Decimal
    PayDate: dt.date | None = None
    PayType: int = 0
    """A PaymentTypes definition; 0: the first one."""
    CheckNum: str = ""
    BankBranch: str = ""
    PayNote: str = ""
    ClinicNum: int = 0
    splits: list[SplitData] = field(default_factory=list)


@dataclass
class PaymentChanges:
    """What may change on an existing payment; None leaves a field as it is."""

    PayType: int | None = None
    CheckNum: str | None = None
    BankBranch: str | None = None
    PayNote: str | None = None
    ProcessStatus: ProcessStat | None = None


@dataclass
class AdjustmentData:
    PatNum: int
    AdjAmt: Decimal
    AdjType: int
    AdjDate: dt.date | None = None
    ProvNum: int = 0
    ProcNum: int = 0
    AdjNote: str = ""


def get_payment(db: ReadSession, pay_num: int) -> Payment:
    return get_or_404(db, Payment, pay_num, "Payment")


def _not_future(value: dt.date | None, name: str) -> dt.date:
    date = value or clock.today()
    if date > clock.today():
        raise InvalidInput(f"{name} cannot be in the future", field=name)
    return date


VARCHAR_CHARS = 255
TEXT_BYTES = 65535
"""The longest `text` value every engine stores (MariaDB's TEXT holds 65,535 bytes)."""


def _fits(value: str, name: str) -> str:
    """`value` if its column holds it (CheckNum, BankBranch: varchar; PayNote: text), or 400
    naming the field, never a database error."""
    try:
        size = len(value.encode("utf-8"))
    except UnicodeEncodeError:
        raise InvalidInput(f"{name} is not valid text (a lone surrogate)", field=name) from None
    if name == "PayNote":
        if size > TEXT_BYTES:
            raise InvalidInput(f"{name} is longer than {TEXT_BYTES} bytes", field=name)
    elif len(value) > VARCHAR_CHARS:
        raise InvalidInput(f"{name} is longer than {VARCHAR_CHARS} characters", field=name)
    return value


def _procedure_of(db: ReadSession, proc_num: int, pat_num: int, name: str) -> ProcedureLog:
    proc = fetch(db, ProcedureLog, proc_num)
    if proc is None:
        raise ReferenceNotFound(f"{name}: procedure {proc_num} does not exist", field=name)
    if proc.PatNum != pat_num:
        raise InvalidInput(f"{name}: procedure {proc_num} is another patient's", field=name)
    if proc.ProcStatus not in DONE:
        raise InvalidInput(f"{name}: procedure {proc_num} is not complete", field=name)
    return proc


def create_payment(db: WriteSession, actor: Actor, data: PaymentData) -> Payment:
    require_write(db)
    actor.require(EnumPermType.PaymentCreate)
    patient = existing_patient(db, data.PatNum)
    amount = money_input(data.PayAmt, "PayAmt")
    pay_date = _not_future(data.PayDate, "PayDate")
    if data.PayType:
        definition_in(db, DefCat.PaymentTypes, data.PayType, "PayType")
        pay_type = data.PayType
    else:
        default = first_definition(db, DefCat.PaymentTypes)
        if default is None:
            raise InvalidInput("PayType is required (no payment types are set up)", field="PayType")
        pay_type = default.DefNum
    clinic = data.ClinicNum or patient.ClinicNum
    active_clinic(db, clinic)

    splits = data.splits or [SplitData(SplitAmt=amount)]
    rows: list[PaySplit] = []
    for i, split in enumerate(splits):
        where = f"splits[{i}]"
        split_amount = money_input(split.SplitAmt, f"{where}.SplitAmt")
        owner = existing_patient(db, split.PatNum, f"{where}.PatNum") if split.PatNum else patient
        proc = (
            _procedure_of(db, split.ProcNum, owner.PatNum, f"{where}.ProcNum")
            if split.ProcNum
            else None
        )
        prov = split.ProvNum or (proc.ProvNum if proc else 0) or owner.PriProv
        active_provider(db, prov, f"{where}.ProvNum")
        split_clinic = split.ClinicNum or clinic
        active_clinic(db, split_clinic, f"{where}.ClinicNum")
        rows.append(
            PaySplit(
                SplitAmt=split_amount,
                PatNum=owner.PatNum,
                ProvNum=prov,
                ProcNum=split.ProcNum,
                ProcDate=proc.ProcDate if proc else pay_date,
                DatePay=pay_date,
                ClinicNum=split_clinic,
                SecUserNumEntry=actor.user_num,
            )
        )
    total = sum((r.SplitAmt for r in rows), Decimal("0.00"))
    if total != amount:
        raise InvalidInput(
            f"splits add up to {total}, not the payment amount {amount}", field="splits"
        )
    payment = Payment(
        PatNum=patient.PatNum,
        PayAmt=amount,
        PayDate=pay_date,
        PayType=pay_type,
        CheckNum=_fits(data.CheckNum.strip(), "CheckNum"),
        BankBranch=_fits(data.BankBranch.strip(), "BankBranch"),
        PayNote=_fits(data.PayNote, "PayNote"),
        ClinicNum=clinic,
        IsSplit=len(rows) > 1,
        SecUserNumEntry=actor.user_num,
        PaymentSource=CreditCardSource.API if actor.kind is ActorKind.INTEGRATION else 0,
    )
    db.add(payment)
    db.flush()
    for row in rows:
        row.PayNum = payment.PayNum
    db.add_all(rows)
    audit.record(
        db,
        actor,
        EnumPermType.PaymentCreate,
        f"Payment {payment.PayNum} of {amount} dated {pay_date:%Y-%m-%d} created for "
        f"{name_of(patient)}, {len(rows)} split(s)",
        pat_num=patient.PatNum,
        fkey=payment.PayNum,
    )
    return payment


def update_payment(
    db: WriteSession, actor: Actor, pay_num: int, changes: PaymentChanges
) -> Payment:
    """Change a payment's type, check number, bank branch, note or processing status; the
    amount, date, patient and splits never change here. Logged when something changed."""
    require_write(db)
    actor.require(EnumPermType.PaymentEdit)
    row = get_payment(db, pay_num)
    if changes.PayType is not None:
        definition_in(db, DefCat.PaymentTypes, changes.PayType, "PayType")
    status = changes.ProcessStatus
    if status is not None and status not in SETTABLE_PROCESS_STATUS:
        allowed = " or ".join(s.name for s in SETTABLE_PROCESS_STATUS)
        raise InvalidInput(f"ProcessStatus can only be set to {allowed}", field="ProcessStatus")
    wanted: dict[str, object] = {
        "PayType": changes.PayType,
        "CheckNum": None
        if changes.CheckNum is None
        else _fits(changes.CheckNum.strip(), "CheckNum"),
        "BankBranch": (
            None if changes.BankBranch is None else _fits(changes.BankBranch.strip(), "BankBranch")
        ),
        "PayNote": None if changes.PayNote is None else _fits(changes.PayNote, "PayNote"),
        "ProcessStatus": None if status is None else int(status),
    }
    previous = row.SecDateTEdit
    described = []
    for name, value in wanted.items():
        before = getattr(row, name)
        if value is None or value == before:
            continue
        setattr(row, name, value)
        if name == "PayNote":
            described.append("PayNote changed")
        elif name == "ProcessStatus":
            described.append(f"ProcessStatus {_status_name(before)} -> {_status_name(value)}")
        else:
            described.append(f"{name} '{before}' -> '{value}'")
    if described:
        db.flush()
        patient = fetch(db, Patient, row.PatNum)
        audit.record(
            db,
            actor,
            EnumPermType.PaymentEdit,
            f"Payment {row.PayNum} of {row.PayAmt}"
            + (f" for {name_of(patient)}" if patient else "")
            + " edited: "
            + "; ".join(described),
            pat_num=row.PatNum,
            fkey=row.PayNum,
            previous=previous,
        )
    return row


def _status_name(value: Any) -> str:
    try:
        return ProcessStat(value).name
    except ValueError:
        return str(value)


def create_adjustment(db: WriteSession, actor: Actor, data: AdjustmentData) -> Adjustment:
    require_write(db)
    actor.require(EnumPermType.AdjustmentCreate)
    patient = existing_patient(db, data.PatNum)
    amount = money_input(data.AdjAmt, "AdjAmt")
    if amount == 0:
        raise InvalidInput("AdjAmt cannot be zero", field="AdjAmt")
    definition_in(db, DefCat.AdjTypes, data.AdjType, "AdjType")
    date = _not_future(data.AdjDate, "AdjDate")
    proc = _procedure_of(db, data.ProcNum, patient.PatNum, "ProcNum") if data.ProcNum else None
    prov = data.ProvNum or (proc.ProvNum if proc else 0) or patient.PriProv
    active_provider(db, prov, "ProvNum")
    row = Adjustment(
        PatNum=patient.PatNum,
        AdjAmt=amount,
        AdjType=data.AdjType,
        AdjDate=date,
        ProvNum=prov,
        ProcNum=data.ProcNum,
        ProcDate=proc.ProcDate if proc else date,
        AdjNote=data.AdjNote,
        ClinicNum=patient.ClinicNum,
        SecUserNumEntry=actor.user_num,
    )
    db.add(row)
    db.flush()
    audit.record(
        db,
        actor,
        EnumPermType.AdjustmentCreate,
        f"Adjustment {row.AdjNum} of {amount} created for {name_of(patient)}",
        pat_num=patient.PatNum,
        fkey=row.AdjNum,
    )
    return row
