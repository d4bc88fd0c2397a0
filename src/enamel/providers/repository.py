"""Reading providers for the API: Core SELECTs of exactly the fields sent, built once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, bindparam

from enamel.api.paging import Page
from enamel.models import Provider
from enamel.providers.schemas import PROVIDER

P = Provider

_ONE = PROVIDER.select().where(P.ProvNum == bindparam("prov_num"))
_PAGE = PROVIDER.select().order_by(P.ProvNum)


def one(conn: Connection, prov_num: int) -> dict[str, Any] | None:
    row = conn.execute(_ONE, {"prov_num": prov_num}).first()
    return None if row is None else PROVIDER.row(row)


@dataclass(frozen=True)
class Filters:
    ClinicNum: int | None = None
    """Open Dental: the visible providers not restricted to another clinic. Enamel keeps no
    clinic restrictions, so every visible provider qualifies."""
    DateTStamp: dt.datetime | None = None


def page(conn: Connection, f: Filters, paging: Page) -> list[dict[str, Any]]:
    stmt: Select[Any] = _PAGE
    if f.ClinicNum is not None:
        stmt = stmt.where(P.IsHidden == 0)
    if f.DateTStamp is not None:
        stmt = stmt.where(P.DateTStamp >= f.DateTStamp)
    return PROVIDER.rows(conn.execute(stmt.offset(paging.offset).limit(paging.limit)))
