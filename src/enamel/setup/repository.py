"""Reading set-up rows for the API: Core SELECTs of exactly the fields sent, built once."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Select, bindparam, select

from enamel.api.paging import Page
from enamel.models import Clinic, Operatory
from enamel.setup.schemas import OPERATORY

OP = Operatory

_ONE = OPERATORY.select().where(OP.OperatoryNum == bindparam("op_num"))
_PAGE = OPERATORY.select().order_by(OP.OperatoryNum)
_CLINIC = select(Clinic.ClinicNum).where(Clinic.ClinicNum == bindparam("clinic_num"))


def clinic_exists(conn: Connection, clinic_num: int) -> bool:
    """Whether a clinic row exists (hidden ones too: they stay readable)."""
    return conn.execute(_CLINIC, {"clinic_num": clinic_num}).first() is not None


def one(conn: Connection, op_num: int) -> dict[str, Any] | None:
    row = conn.execute(_ONE, {"op_num": op_num}).first()
    return None if row is None else OPERATORY.row(row)


def page(conn: Connection, clinic_num: int | None, paging: Page) -> list[dict[str, Any]]:
    """Every operatory (hidden ones too, as Open Dental lists them), by OperatoryNum."""
    stmt: Select[Any] = _PAGE
    if clinic_num is not None:
        stmt = stmt.where(OP.ClinicNum == clinic_num)
    return OPERATORY.rows(conn.execute(stmt.offset(paging.offset).limit(paging.limit)))
