"""Reading patients for the API: Core SELECTs of exactly the fields sent, built once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, or_

from enamel.api.paging import Page
from enamel.db.statements import Condition, PagedQuery, fetch, like_anywhere, like_prefix
from enamel.models import Patient
from enamel.models.enums import PatientGender, PatientPosition, PatientStatus
from enamel.patients.schemas import PATIENT, PATIENT_SELECT, PATIENT_SIMPLE

P = Patient

_ONE = PATIENT.select().where(P.PatNum == bindparam("pat_num"))


def one(conn: Connection, pat_num: int) -> dict[str, Any] | None:
    rows = fetch(conn, _ONE, {"pat_num": pat_num})
    return PATIENT.row(rows[0]) if rows else None


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


_SELECT_PAGE = PagedQuery(
    PATIENT_SELECT.select().where(P.PatStatus != PatientStatus.Deleted), P.PatNum
)
ESC = "\\"


def _starts(column: Any) -> Callable[[Any], Any]:
    return lambda b: column.ilike(b, escape=ESC)


def select_page(conn: Connection, f: SelectFilters, page: Page) -> list[dict[str, Any]]:
    conditions: list[Condition] = [
        ("LName", like_prefix(f.LName), _starts(P.LName)),
        ("FName", like_prefix(f.FName), _starts(P.FName)),
        ("Address", like_prefix(f.Address), _starts(P.Address)),
        ("City", like_prefix(f.City), _starts(P.City)),
        ("State", like_prefix(f.State), _starts(P.State)),
        ("SSN", like_prefix(f.SSN), _starts(P.SSN)),
        ("ChartNumber", like_prefix(f.ChartNumber), _starts(P.ChartNumber)),
        ("Email", like_prefix(f.Email), _starts(P.Email)),
        (
            "Phone",
            like_anywhere(f.Phone),
            lambda b: or_(
                *(c.ilike(b, escape=ESC) for c in (P.HmPhone, P.WkPhone, P.WirelessPhone))
            ),
        ),
        ("Birthdate", f.Birthdate, lambda b: P.Birthdate == b),
        (
            "clinicNums",
            list(f.clinicNums) or None,
            lambda b: P.ClinicNum.in_(bindparam(b.key, expanding=True)),
        ),
        ("hideInactive", f.hideInactive or None, lambda _: P.PatStatus != PatientStatus.Inactive),
        ("guarOnly", f.guarOnly or None, lambda _: P.Guarantor == P.PatNum),
        (
            "hideArchived",
            (not f.showArchived) or None,
            lambda _: P.PatStatus != PatientStatus.Archived,
        ),
    ]
    rows = _SELECT_PAGE.execute(conn, conditions, page.offset, page.limit)
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


_SIMPLE_PAGE = PagedQuery(PATIENT_SIMPLE.select(), P.PatNum)


def _equal(column: Any) -> Callable[[Any], Any]:
    return lambda b: column == b


def simple_page(conn: Connection, f: SimpleFilters, page: Page) -> list[dict[str, Any]]:
    conditions: list[Condition] = [
        ("LName", like_anywhere(f.LName), lambda b: P.LName.ilike(b, escape=ESC)),
        ("FName", like_anywhere(f.FName), lambda b: P.FName.ilike(b, escape=ESC)),
        ("DateTStamp", f.DateTStamp, lambda b: P.DateTStamp >= b),
        ("Birthdate", f.Birthdate, _equal(P.Birthdate)),
        ("ClinicNum", f.ClinicNum, _equal(P.ClinicNum)),
        ("PatStatus", f.PatStatus, _equal(P.PatStatus)),
        ("PriProv", f.PriProv, _equal(P.PriProv)),
        ("Gender", f.Gender, _equal(P.Gender)),
        ("Position", f.Position, _equal(P.Position)),
        ("Guarantor", f.Guarantor, _equal(P.Guarantor)),
        ("SuperFamily", f.SuperFamily, _equal(P.SuperFamily)),
        ("EmployerNum", f.EmployerNum, _equal(P.EmployerNum)),
        ("FeeSched", f.FeeSched, _equal(P.FeeSched)),
    ]
    rows = _SIMPLE_PAGE.execute(conn, conditions, page.offset, page.limit)
    return PATIENT_SIMPLE.rows(rows)
