"""Reading procedures and procedure codes for the API: Core SELECTs of exactly the fields
sent, built once; lists in primary-key order."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, bindparam

from enamel.api.paging import Page
from enamel.models import ProcedureCode, ProcedureLog
from enamel.models.enums import ProcStat
from enamel.procedures.schemas import PROCEDURECODE, PROCEDURELOG

PL = ProcedureLog
PC = ProcedureCode

_ONE = PROCEDURELOG.select().where(PL.ProcNum == bindparam("proc_num"))
_PAGE = PROCEDURELOG.select().order_by(PL.ProcNum)


def one(conn: Connection, proc_num: int) -> dict[str, Any] | None:
    row = conn.execute(_ONE, {"proc_num": proc_num}).first()
    return None if row is None else PROCEDURELOG.row(row)


@dataclass(frozen=True)
class Filters:
    """GET /procedurelogs: exact filters and "changed since" (every status, D included, so
    that a syncing client sees deletions)."""

    PatNum: int | None = None
    AptNum: int | None = None
    ProcStatus: ProcStat | None = None
    PlannedAptNum: int | None = None
    ClinicNum: int | None = None
    CodeNum: int | None = None
    DateTStamp: dt.datetime | None = None


def page(conn: Connection, f: Filters, paging: Page) -> list[dict[str, Any]]:
    stmt: Select[Any] = _PAGE
    for column, value in (
        (PL.PatNum, f.PatNum),
        (PL.AptNum, f.AptNum),
        (PL.ProcStatus, f.ProcStatus),
        (PL.PlannedAptNum, f.PlannedAptNum),
        (PL.ClinicNum, f.ClinicNum),
        (PL.CodeNum, f.CodeNum),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    if f.DateTStamp is not None:
        stmt = stmt.where(PL.DateTStamp >= f.DateTStamp)
    rows = conn.execute(stmt.offset(paging.offset).limit(paging.limit))
    return PROCEDURELOG.rows(rows)


_CODE = PROCEDURECODE.select().where(PC.CodeNum == bindparam("code_num"))
_CODE_PAGE = PROCEDURECODE.select().order_by(PC.CodeNum)


def code(conn: Connection, code_num: int) -> dict[str, Any] | None:
    row = conn.execute(_CODE, {"code_num": code_num}).first()
    return None if row is None else PROCEDURECODE.row(row)


def code_page(conn: Connection, since: dt.datetime | None, paging: Page) -> list[dict[str, Any]]:
    """Every code, hidden ones included (procedures may still name them)."""
    stmt: Select[Any] = _CODE_PAGE
    if since is not None:
        stmt = stmt.where(PC.DateTStamp >= since)
    rows = conn.execute(stmt.offset(paging.offset).limit(paging.limit))
    return PROCEDURECODE.rows(rows)
