"""/api/v1/payments and /api/v1/paysplits: parse, call one service or query, answer in Open
Dental's shape."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request

from enamel.api.access import database, reader, writer
from enamel.api.encode import JSON, created, found
from enamel.api.inputs import ExactJSONRoute, data_from, date_in, optional_int, required_in
from enamel.api.paging import Page, changed_since, page
from enamel.errors import DomainError
from enamel.payments import repository, service
from enamel.payments.schemas import (
    PAYMENT,
    PAYSPLIT,
    PaymentChangesIn,
    PaymentIn,
    payment_data,
)
from enamel.security.actor import Actor
from enamel.security.scopes import Scope

router = APIRouter(tags=["payments"], route_class=ExactJSONRoute)
read = Depends(reader(Scope.PAYMENTS_READ))
write = writer(Scope.PAYMENTS_WRITE)

Num = Annotated[str | None, Query()]
PayNumPath = Annotated[int, Path(ge=0, lt=2**63)]


@router.get("/payments", response_model=PAYMENT.many, dependencies=[read])
async def list_payments(
    request: Request,
    paging: Annotated[Page, Depends(page)],
    since: Annotated[dt.datetime | None, Depends(changed_since)],
    PayType: Num = None,
    PatNum: Num = None,
    DateEntry: Annotated[
        str | None, Query(description="Payments entered on or after this date (yyyy-MM-dd).")
    ] = None,
) -> JSON:
    """Payments in PayNum order; all filters optional (`DateTStamp` is an Enamel extension)."""
    filters = repository.PaymentFilters(
        PayType=optional_int(PayType, "PayType"),
        PatNum=optional_int(PatNum, "PatNum"),
        DateEntry=None if DateEntry is None else date_in(DateEntry, "DateEntry"),
        DateTStamp=since,
    )
    with database(request).read_engine.connect() as conn:
        return JSON(repository.payments_page(conn, filters, paging))


@router.get(
    "/payments/{PayNum}", name="get_payment", response_model=PAYMENT.model, dependencies=[read]
)
async def get_payment(request: Request, PayNum: PayNumPath) -> JSON:
    """One payment (an Enamel extension: Open Dental lists payments only)."""
    with database(request).read_engine.connect() as conn:
        return JSON(found(repository.one(conn, PayNum), "Payment", "PayNum", PayNum))


@router.post("/payments", status_code=201, response_model=PAYMENT.model)
def create_payment(
    request: Request, actor: Annotated[Actor, Depends(write)], body: PaymentIn
) -> JSON:
    """Create a payment: PayAmt (more than 0, exact cents) and PatNum are required."""
    required_in(body, "PayAmt", "PatNum")
    data = payment_data(body, data_from(body, service.PaymentData))
    db = database(request)
    with db.write() as session, _named_as_sent():
        pay_num = service.create_payment(session, actor, data).PayNum
    with db.read_engine.connect() as conn:
        return created(
            request,
            "get_payment",
            found(repository.one(conn, pay_num), "Payment", "PayNum", pay_num),
            PayNum=pay_num,
        )


@router.put("/payments/{PayNum}", response_model=PAYMENT.model)
def update_payment(
    request: Request,
    PayNum: PayNumPath,
    actor: Annotated[Actor, Depends(write)],
    body: PaymentChangesIn,
) -> JSON:
    """Change PayType, CheckNum, BankBranch, PayNote or ProcessStatus; nothing else changes."""
    data = data_from(body, service.PaymentChanges)
    db = database(request)
    with db.write() as session:
        service.update_payment(session, actor, PayNum, data)
    with db.read_engine.connect() as conn:
        return JSON(found(repository.one(conn, PayNum), "Payment", "PayNum", PayNum))


@router.get("/paysplits", response_model=PAYSPLIT.many, dependencies=[read])
async def list_paysplits(
    request: Request,
    paging: Annotated[Page, Depends(page)],
    PayNum: Num = None,
    PatNum: Num = None,
    ProcNum: Num = None,
) -> JSON:
    """Pay splits in SplitNum order: how payments are divided among patients, providers and
    procedures."""
    filters = repository.SplitFilters(
        PayNum=optional_int(PayNum, "PayNum"),
        PatNum=optional_int(PatNum, "PatNum"),
        ProcNum=optional_int(ProcNum, "ProcNum"),
    )
    with database(request).read_engine.connect() as conn:
        return JSON(repository.splits_page(conn, filters, paging))


@contextmanager
def _named_as_sent() -> Iterator[None]:
    """The service names the splits `splits`; the client sent them as `paySplits`."""
    try:
        yield
    except DomainError as exc:
        if exc.field and exc.field.startswith("splits"):
            exc.field = "paySplits" + exc.field.removeprefix("splits")
        if exc.message.startswith("splits"):
            exc.message = "paySplits" + exc.message.removeprefix("splits")
        raise
