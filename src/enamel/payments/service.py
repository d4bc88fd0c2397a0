"""Payments and adjustments: the only code that writes `payment`, `paysplit` and `adjustment`.

Rules: the patient, payment type, providers and clinic must exist and be visible; money is
exact (`Decimal`, two places, never a float); a payment's splits add up to its amount exactly
(no splits given: one split to the patient's primary provider); payments are not dated in the
future; a split's procedure must be the split patient's and done.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from enamel import audit
from enamel.db import ReadSession, WriteSession, clock, require_write
from enamel.db.lookup import fetch, get_or_404
from enamel.errors import InvalidInput, ReferenceNotFound
from enamel.models import Adjustment, DefCat, Payment, PaySplit, ProcedureLog
from enamel.models.enums import EnumPermType
from enamel.money import money_input
from enamel.patients.service import existing_patient, name_of
from enamel.procedures.service import DONE
from enamel.providers.service import active_provider
from enamel.security import Actor
from enamel.setup.service import active_clinic, definition_in, first_definition


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
        CheckNum=data.CheckNum.strip(),
        BankBranch=data.BankBranch.strip(),
        PayNote=data.PayNote,
        ClinicNum=clinic,
        IsSplit=len(rows) > 1,
        SecUserNumEntry=actor.user_num,
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
