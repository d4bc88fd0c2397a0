"""Reading payments and pay splits for the API: Core SELECTs of exactly the fields sent."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, bindparam

from enamel.api.paging import Page
from enamel.models import Payment, PaySplit
from enamel.payments.schemas import PAYMENT, PAYSPLIT

P = Payment
S = PaySplit

_ONE = PAYMENT.select().where(P.PayNum == bindparam("pay_num"))


def one(conn: Connection, pay_num: int) -> dict[str, Any] | None:
    row = conn.execute(_ONE, {"pay_num": pay_num}).first()
    return None if row is None else PAYMENT.row(row)


@dataclass(frozen=True)
class PaymentFilters:
    """GET /payments: Open Dental's filters, and Enamel's "changed since"."""

    PayType: int | None = None
    PatNum: int | None = None
    DateEntry: dt.date | None = None
    """Payments entered on or after this date."""
    DateTStamp: dt.datetime | None = None


_PAGE = PAYMENT.select().order_by(P.PayNum)


def payments_page(conn: Connection, f: PaymentFilters, page: Page) -> list[dict[str, Any]]:
    stmt: Select[Any] = _PAGE
    if f.PayType is not None:
        stmt = stmt.where(P.PayType == f.PayType)
    if f.PatNum is not None:
        stmt = stmt.where(P.PatNum == f.PatNum)
    if f.DateEntry is not None:
        stmt = stmt.where(P.DateEntry >= f.DateEntry)
    if f.DateTStamp is not None:
        stmt = stmt.where(P.DateTStamp >= f.DateTStamp)
    rows = conn.execute(stmt.offset(page.offset).limit(page.limit))
    return PAYMENT.rows(rows)


@dataclass(frozen=True)
class SplitFilters:
    PayNum: int | None = None
    PatNum: int | None = None
    ProcNum: int | None = None


_SPLITS = PAYSPLIT.select().order_by(S.SplitNum)


def splits_page(conn: Connection, f: SplitFilters, page: Page) -> list[dict[str, Any]]:
    stmt: Select[Any] = _SPLITS
    for column, value in ((S.PayNum, f.PayNum), (S.PatNum, f.PatNum), (S.ProcNum, f.ProcNum)):
        if value is not None:
            stmt = stmt.where(column == value)
    rows = conn.execute(stmt.offset(page.offset).limit(page.limit))
    return PAYSPLIT.rows(rows)
