"""What the procedure tests share."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from enamel.db import Database
from enamel.models import ProcedureLog, SecurityLog
from enamel.models.enums import EnumPermType, ProcStat
from enamel.procedures.service import (
    ProcedureData,
    create_procedure,
)
from enamel.security import Actor
from tests.factories import (
    ACTOR,
    Practice,
    log_entries,
)

TODAY = dt.date.today
YESTERDAY = dt.timedelta(days=-1)
TOMORROW = dt.timedelta(days=1)


def make_procedure(
    db: Database, practice: Practice, pat_num: int, actor: Actor = ACTOR, **fields: Any
) -> int:
    """A procedure made through the service; TP of D0120 at 50.00 unless told otherwise."""
    data = ProcedureData(
        PatNum=pat_num,
        CodeNum=fields.pop("CodeNum", practice.codes["D0120"]),
        ProcStatus=fields.pop("ProcStatus", ProcStat.TP),
        ProcFee=fields.pop("ProcFee", Decimal("50.00")),
    )
    for name, value in fields.items():
        setattr(data, name, value)
    with db.write() as session:
        return create_procedure(session, actor, data).ProcNum


def stored(db: Database, proc_num: int) -> ProcedureLog:
    with db.read() as session:
        row = session.get(ProcedureLog, proc_num)
        assert row is not None
        return row


def procedure_logs(db: Database, proc_num: int, perm: EnumPermType) -> list[SecurityLog]:
    with db.read() as session:
        return log_entries(session, FKey=proc_num, PermType=perm)


# Creating
