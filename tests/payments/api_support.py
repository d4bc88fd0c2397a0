"""What the payments API tests share: Open Dental's field lists and small helpers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from enamel.models import Payment, PaySplit, SecurityLog
from enamel.models.enums import EnumPermType
from tests.apiclient import BASE, Api
from tests.factories import count

# Open Dental's Payments GET element, in its order (opendental.com/site/apipayments.html).
PAYMENT_FIELDS = (
    "PayNum PayType payType PayDate PayAmt CheckNum BankBranch PayNote PatNum ClinicNum "
    "DateEntry DepositNum Receipt IsRecurringCC SecUserNumEntry SecDateTEdit PaymentSource "
    "ProcessStatus RecurringChargeDate IsCcCompleted serverDateTime"
).split()
# Open Dental's PaySplits GET element, in its order (opendental.com/site/apipaysplits.html).
PAYSPLIT_FIELDS = (
    "SplitNum SplitAmt PatNum PayNum ProvNum PayPlanNum DatePay ProcNum DateEntry UnearnedType "
    "unearnedType ClinicNum SecDateTEdit AdjNum PayPlanChargeNum PayPlanDebitType"
).split()

RW = ("payments:read", "payments:write")


def post_raw(api: Api, headers: dict[str, str], raw: str) -> Any:
    """POST a JSON text as written (numbers exactly as a client's serializer wrote them)."""
    return api.client.post(BASE + "/payments", headers=headers, content=raw.encode())


def nothing_written(api: Api, logs_before: int = 0) -> bool:
    return (
        count(api.db, Payment) == 0
        and count(api.db, PaySplit) == 0
        and count(api.db, SecurityLog, SecurityLog.PermType == EnumPermType.PaymentCreate) == 0
        and count(api.db, SecurityLog) == logs_before
    )


def is_datetime(value: str) -> bool:
    return bool(dt.datetime.strptime(value, "%Y-%m-%d %H:%M:%S"))
