"""Payments and pay splits as Open Dental's API shows them (opendental.com/site/apipayments.html,
apipaysplits.html), and the request bodies that create and change payments."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, StrictBool
from sqlalchemy.orm import QueryableAttribute, aliased

from enamel.api.encode import Field, Shape, field, money_number, money_short
from enamel.api.inputs import Amount, body_model, bool_in, int_in
from enamel.errors import InvalidInput
from enamel.models import Definition, Payment, PaySplit
from enamel.models.enums import label
from enamel.money import money_input
from enamel.payments.service import (
    CreditCardSource,
    PaymentChanges,
    PaymentData,
    ProcessStat,
    SplitData,
)


class PayPlanDebitTypes(enum.IntEnum):
    """`paysplit.PayPlanDebitType` (Open Dental's numbers); Enamel has no payment plans yet."""

    Unknown = 0
    Principal = 1
    Interest = 2


def _labelled(name: str, column: QueryableAttribute[Any], enum_class: type[enum.IntEnum]) -> Field:
    """An integer column sent as its enum label; a number no label knows goes out as digits
    (a row written by other software must not break the read)."""
    labels = {int(m): label(m) for m in enum_class}

    def out(value: int) -> str:
        return labels.get(value, str(value))

    return Field(name, column.expression.label(name), out, Literal[tuple(labels.values())] | str)


def _as_text(name: str, column: QueryableAttribute[Any]) -> Field:
    """A number Open Dental sends as a string in this resource (`"ClinicNum": "0"`)."""
    convert: Callable[[int], str] = str
    return Field(name, column.expression.label(name), convert, str)


PayTypeDef = aliased(Definition, name="paytype")
UnearnedDef = aliased(Definition, name="unearnedtype")

P = Payment
S = PaySplit

PAYMENT = Shape(
    "Payment",
    [
        field("PayNum", P.PayNum),
        field("PayType", P.PayType),
        field("payType", PayTypeDef.ItemName),
        field("PayDate", P.PayDate),
        field("PayAmt", P.PayAmt, money_short),
        field("CheckNum", P.CheckNum),
        field("BankBranch", P.BankBranch),
        field("PayNote", P.PayNote),
        field("PatNum", P.PatNum),
        _as_text("ClinicNum", P.ClinicNum),
        field("DateEntry", P.DateEntry),
        field("DepositNum", P.DepositNum),
        field("Receipt", P.Receipt),
        field("IsRecurringCC", P.IsRecurringCC),
        field("SecUserNumEntry", P.SecUserNumEntry),
        field("SecDateTEdit", P.SecDateTEdit),
        _labelled("PaymentSource", P.PaymentSource, CreditCardSource),
        _labelled("ProcessStatus", P.ProcessStatus, ProcessStat),
        field("RecurringChargeDate", P.RecurringChargeDate),
        field("IsCcCompleted", P.IsCcCompleted),
    ],
    P.__table__.outerjoin(PayTypeDef, PayTypeDef.DefNum == P.PayType),
    server_time=True,
)

PAYSPLIT = Shape(
    "PaySplit",
    [
        field("SplitNum", S.SplitNum),
        field("SplitAmt", S.SplitAmt, money_number),
        field("PatNum", S.PatNum),
        field("PayNum", S.PayNum),
        field("ProvNum", S.ProvNum),
        field("PayPlanNum", S.PayPlanNum),
        field("DatePay", S.DatePay),
        field("ProcNum", S.ProcNum),
        field("DateEntry", S.DateEntry),
        field("UnearnedType", S.UnearnedType),
        field("unearnedType", UnearnedDef.ItemName),
        field("ClinicNum", S.ClinicNum),
        field("SecDateTEdit", S.SecDateTEdit),
        field("AdjNum", S.AdjNum),
        field("PayPlanChargeNum", S.PayPlanChargeNum),
        _labelled("PayPlanDebitType", S.PayPlanDebitType, PayPlanDebitTypes),
    ],
    S.__table__.outerjoin(UnearnedDef, UnearnedDef.DefNum == S.UnearnedType),
)

Flag = Literal["true", "false"] | StrictBool


class PaySplitIn(
    body_model(  # type: ignore[misc]  # a base built from SplitData
        "PaySplitIn",
        SplitData,
        exclude=("SplitAmt",),
        extra={"SplitAmt": Amount},
        required=("SplitAmt",),
        doc="One split of a payment (Enamel extension): its amount and, optionally, the "
        "family member, provider, completed procedure and clinic it goes to.",
    )
):
    pass


class PaymentIn(
    body_model(  # type: ignore[misc]  # a base built from PaymentData
        "PaymentIn",
        PaymentData,
        exclude=("PayAmt", "splits"),
        extra={
            "PayAmt": Amount,
            "isPatientPreferred": Flag,
            "isPrepayment": Flag,
            "procNums": list[int | str],
            "payPlanNum": int | str,
            "paySplits": list[PaySplitIn],
        },
        required=("PayAmt", "PatNum"),
        doc="A payment to create: PayAmt and PatNum are required. Without paySplits the whole "
        "amount goes to the patient in one split (to the procedure when procNums names "
        "exactly one); with paySplits their amounts must add up to PayAmt exactly.",
    )
):
    pass


class PaymentChangesIn(
    body_model(  # type: ignore[misc]  # a base built from PaymentChanges
        "PaymentChangesIn",
        PaymentChanges,
        exclude=("ProcessStatus",),
        extra={"ProcessStatus": Literal["OnlineProcessed", "OnlinePending"]},
        doc="The fields of a payment that may change (Open Dental's Payments PUT).",
    )
):
    pass


def payment_data(body: BaseModel, data: PaymentData) -> PaymentData:
    """Open Dental's payment fields turned into the service's splits.

    Open Dental spreads a payment over the patient's outstanding charges itself (FIFO, per the
    office's allocation settings). Enamel does not guess: the client's `paySplits` are used
    as sent; without them the whole amount is one split to the patient, attached to the
    procedure only when `procNums` names exactly one (otherwise unattached).
    """
    if data.PayAmt <= 0:
        raise InvalidInput(
            "PayAmt must be more than 0 (refunds and income transfers are not taken here)",
            field="PayAmt",
        )
    splits = getattr(body, "paySplits", None) or []
    proc_nums = [int_in(n, "procNums") for n in (getattr(body, "procNums", None) or [])]
    prepayment = _flag(body, "isPrepayment")
    _flag(body, "isPatientPreferred")  # checked; every default split goes to the patient
    if int_in(getattr(body, "payPlanNum", None) or 0, "payPlanNum"):
        raise InvalidInput("payPlanNum: Enamel has no payment plans", field="payPlanNum")
    if splits and (proc_nums or prepayment):
        extra = "procNums" if proc_nums else "isPrepayment"
        raise InvalidInput(f"{extra}: send paySplits or {extra}, not both", field=extra)
    if splits:
        data.splits = [_split(s, i) for i, s in enumerate(splits)]
    elif len(proc_nums) == 1 and not prepayment:
        data.splits = [SplitData(SplitAmt=data.PayAmt, ProcNum=proc_nums[0])]
    return data


def _split(body: BaseModel, i: int) -> SplitData:
    where = f"paySplits[{i}]"
    amount = money_input(getattr(body, "SplitAmt", None), f"{where}.SplitAmt")
    if amount <= 0:
        raise InvalidInput(f"{where}.SplitAmt must be more than 0", field=f"{where}.SplitAmt")
    split = SplitData(SplitAmt=amount)
    for name in ("PatNum", "ProvNum", "ProcNum", "ClinicNum"):
        value = getattr(body, name)
        if value is not None:
            setattr(split, name, int_in(value, f"{where}.{name}"))
    return split


def _flag(body: BaseModel, name: str) -> bool:
    value = getattr(body, name, None)
    return False if value is None else bool_in(value, name)
