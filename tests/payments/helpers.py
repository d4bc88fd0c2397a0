"""What the payment tests share."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from enamel.db import Database
from enamel.models import Payment, PaySplit, SecurityLog
from enamel.models.enums import ProcStat
from enamel.payments.service import (
    AdjustmentData,
    PaymentData,
    create_adjustment,
    create_payment,
)
from enamel.procedures.service import ProcedureData, create_procedure
from enamel.security import Actor
from tests.factories import ACTOR, Practice, count

TODAY = dt.date.today
D = Decimal


def make_procedure(
    db: Database,
    practice: Practice,
    pat_num: int,
    status: ProcStat = ProcStat.C,
    fee: str = "80.00",
    **fields: Any,
) -> int:
    data = ProcedureData(
        PatNum=pat_num,
        CodeNum=practice.codes["D1110"],
        ProcStatus=status,
        ProcFee=D(fee),
        **fields,
    )
    with db.write() as session:
        return create_procedure(session, ACTOR, data).ProcNum


def pay(db: Database, data: PaymentData, actor: Actor = ACTOR) -> int:
    with db.write() as session:
        return create_payment(session, actor, data).PayNum


def adjust(db: Database, data: AdjustmentData, actor: Actor = ACTOR) -> int:
    with db.write() as session:
        return create_adjustment(session, actor, data).AdjNum


def payment(db: Database, pay_num: int) -> Payment:
    with db.read() as session:
        row = session.get(Payment, pay_num)
        assert row is not None
        return row


def splits_of(db: Database, pay_num: int) -> list[PaySplit]:
    with db.read() as session:
        return list(
            session.scalars(
                select(PaySplit).where(PaySplit.PayNum == pay_num).order_by(PaySplit.SplitNum)
            )
        )


def split_total(db: Database, pay_num: int) -> Decimal:
    """The splits' sum as the database computes it."""
    with db.read() as session:
        total = session.scalar(
            select(func.sum(PaySplit.SplitAmt)).where(PaySplit.PayNum == pay_num)
        )
    return D(str(total)).quantize(D("0.01"))


def assert_nothing_written(db: Database, logs_before: int) -> None:
    assert count(db, Payment) == 0
    assert count(db, PaySplit) == 0
    assert count(db, SecurityLog) == logs_before


# Splits
