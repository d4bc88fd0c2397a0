"""Reading appointments for the API: Core SELECTs of exactly the fields sent, built once.

(The booking queries live in repository.py, beside the service that uses them.)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, bindparam

from enamel.api.paging import Page
from enamel.appointments.schemas import APPOINTMENT
from enamel.models import Appointment
from enamel.models.enums import ApptStatus

A = Appointment

_ONE = APPOINTMENT.select().where(A.AptNum == bindparam("apt_num"))
_PAGE = APPOINTMENT.select().order_by(A.AptNum)


def one(conn: Connection, apt_num: int) -> dict[str, Any] | None:
    row = conn.execute(_ONE, {"apt_num": apt_num}).first()
    return None if row is None else APPOINTMENT.row(row)


@dataclass(frozen=True)
class Filters:
    """GET /appointments: every filter given must match. Dates are whole days: `start` and
    `end` are inclusive, `day` is one day."""

    PatNum: int | None = None
    AptStatus: ApptStatus | None = None
    Op: int | None = None
    ClinicNum: int | None = None
    AppointmentTypeNum: int | None = None
    day: dt.date | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    DateTStamp: dt.datetime | None = None


def _first_second(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0))


def _last_second(day: dt.date) -> dt.datetime:
    """Date-times are stored to the second (and 9999-12-31 has no next day to stop before)."""
    return dt.datetime.combine(day, dt.time(23, 59, 59))


def page(conn: Connection, f: Filters, paging: Page) -> list[dict[str, Any]]:
    stmt: Select[Any] = _PAGE
    for column, value in (
        (A.PatNum, f.PatNum),
        (A.AptStatus, f.AptStatus),
        (A.Op, f.Op),
        (A.ClinicNum, f.ClinicNum),
        (A.AppointmentTypeNum, f.AppointmentTypeNum),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    if f.day is not None:
        stmt = stmt.where(A.AptDateTime.between(_first_second(f.day), _last_second(f.day)))
    if f.start is not None:
        stmt = stmt.where(A.AptDateTime >= _first_second(f.start))
    if f.end is not None:
        stmt = stmt.where(A.AptDateTime <= _last_second(f.end))
    if f.DateTStamp is not None:
        stmt = stmt.where(A.DateTStamp >= f.DateTStamp)
    rows = conn.execute(stmt.offset(paging.offset).limit(paging.limit))
    return APPOINTMENT.rows(rows)
