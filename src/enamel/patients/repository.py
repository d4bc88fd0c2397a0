"""Reading patients for the API: Core SELECTs of exactly the fields sent, built once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, bindparam, or_

from enamel.api.paging import Page
from enamel.models import Patient
from enamel.models.enums import PatientGender, PatientPosition, PatientStatus
from enamel.patients.schemas import PATIENT, PATIENT_SELECT, PATIENT_SIMPLE

P = Patient

_ONE = PATIENT.select().where(P.PatNum == bindparam("pat_num"))


def one(conn: Connection, pat_num: int) -> dict[str, Any] | None:
    row = conn.execute(_ONE, {"pat_num": pat_num}).first()
    return None if row is None else PATIENT.row(row)


@dataclass(frozen=True)
class SelectFilters:
    """Open Dental's Patient Select search (GET /patients): partial, case-insensitive text."""

    LName: str | None = None
    FName: str | None = None
    Phone: str | None = None
    Address: str | None = None
    City: str | None = None
    State: str | None = None
    SSN: str | None = None
    ChartNumber: str | None = None
    Email: str | None = None
    Birthdate: dt.date | None = None
    clinicNums: tuple[int, ...] = ()
    hideInactive: bool = False
    guarOnly: bool = False
    showArchived: bool = False


_SELECT_PAGE = PATIENT_SELECT.select().order_by(P.PatNum)


def select_page(conn: Connection, f: SelectFilters, page: Page) -> list[dict[str, Any]]:
    stmt: Select[Any] = _SELECT_PAGE.where(P.PatStatus != PatientStatus.Deleted)
    for column, value in (
        (P.LName, f.LName),
        (P.FName, f.FName),
        (P.Address, f.Address),
        (P.City, f.City),
        (P.State, f.State),
        (P.SSN, f.SSN),
        (P.ChartNumber, f.ChartNumber),
        (P.Email, f.Email),
    ):
        if value:
            stmt = stmt.where(column.istartswith(value, autoescape=True))
    if f.Phone:
        stmt = stmt.where(
            or_(
                *(
                    c.icontains(f.Phone, autoescape=True)
                    for c in (P.HmPhone, P.WkPhone, P.WirelessPhone)
                )
            )
        )
    if f.Birthdate is not None:
        stmt = stmt.where(P.Birthdate == f.Birthdate)
    if f.clinicNums:
        stmt = stmt.where(P.ClinicNum.in_(f.clinicNums))
    if f.hideInactive:
        stmt = stmt.where(P.PatStatus != PatientStatus.Inactive)
    if f.guarOnly:
        stmt = stmt.where(P.Guarantor == P.PatNum)
    if not f.showArchived:
        stmt = stmt.where(P.PatStatus != PatientStatus.Archived)
    rows = conn.execute(stmt.offset(page.offset).limit(page.limit))
    return PATIENT_SELECT.rows(rows)


@dataclass(frozen=True)
class SimpleFilters:
    """GET /patients/Simple: exact filters and "changed since", for syncing."""

    LName: str | None = None
    FName: str | None = None
    Birthdate: dt.date | None = None
    ClinicNum: int | None = None
    PatStatus: PatientStatus | None = None
    DateTStamp: dt.datetime | None = None
    PriProv: int | None = None
    Gender: PatientGender | None = None
    Position: PatientPosition | None = None
    Guarantor: int | None = None
    SuperFamily: int | None = None
    EmployerNum: int | None = None
    FeeSched: int | None = None


_SIMPLE_PAGE = PATIENT_SIMPLE.select().order_by(P.PatNum)


def simple_page(conn: Connection, f: SimpleFilters, page: Page) -> list[dict[str, Any]]:
    stmt: Select[Any] = _SIMPLE_PAGE
    if f.LName:
        stmt = stmt.where(P.LName.icontains(f.LName, autoescape=True))
    if f.FName:
        stmt = stmt.where(P.FName.icontains(f.FName, autoescape=True))
    if f.DateTStamp is not None:
        stmt = stmt.where(P.DateTStamp >= f.DateTStamp)
    for column, value in (
        (P.Birthdate, f.Birthdate),
        (P.ClinicNum, f.ClinicNum),
        (P.PatStatus, f.PatStatus),
        (P.PriProv, f.PriProv),
        (P.Gender, f.Gender),
        (P.Position, f.Position),
        (P.Guarantor, f.Guarantor),
        (P.SuperFamily, f.SuperFamily),
        (P.EmployerNum, f.EmployerNum),
        (P.FeeSched, f.FeeSched),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    rows = conn.execute(stmt.offset(page.offset).limit(page.limit))
    return PATIENT_SIMPLE.rows(rows)
