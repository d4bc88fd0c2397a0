"""What the appointments API tests share: Open Dental's field list and a few small helpers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import insert

from enamel.models import Appointment
from enamel.models.enums import ApptStatus
from tests.apiclient import Api

# Open Dental's GET /appointments/{AptNum} fields, in its order (opendental.com/site/
# apiappointments.html); GET /appointments sends the same fields for each row.
FIELDS = (
    "serverDateTime AptNum PatNum AptStatus Pattern Confirmed confirmed TimeLocked Op Note "
    "ProvNum provAbbr ProvHyg AptDateTime NextAptNum UnschedStatus unschedStatus IsNewPatient "
    "ProcDescript ClinicNum IsHygiene DateTStamp DateTimeArrived DateTimeSeated "
    "DateTimeDismissed InsPlan1 InsPlan2 DateTimeAskedToArrive colorOverride "
    "AppointmentTypeNum SecUserNumEntry SecDateTEntry Priority PatternSecondary "
    "ItemOrderPlanned"
).split()

RW = ("appointments:read", "appointments:write")


def when(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S")


def add_rows(api: Api, pat_num: int, op: int, n: int) -> None:
    """`n` scheduled appointments written straight to the table (fast bulk data for paging),
    five minutes apart from 2030-01-01 08:00."""
    start = dt.datetime(2030, 1, 1, 8, 0)
    rows = [
        {
            "PatNum": pat_num,
            "Op": op,
            "AptStatus": ApptStatus.Scheduled,
            "Pattern": "X",
            "AptDateTime": start + dt.timedelta(minutes=5 * i),
        }
        for i in range(n)
    ]
    with api.db.write() as session:
        session.execute(insert(Appointment), rows)


def apt_nums(rows: list[dict[str, Any]]) -> list[int]:
    return [int(r["AptNum"]) for r in rows]
