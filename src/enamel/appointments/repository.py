"""The queries behind booking: the operatory lock and the overlap search."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import bindparam, select

from enamel.appointments import pattern
from enamel.db import ReadSession, WriteSession
from enamel.models import Appointment, Operatory
from enamel.models.enums import ApptStatus

OCCUPYING = (ApptStatus.Scheduled, ApptStatus.Complete)
"""Statuses that hold their time in the operatory; broken, unscheduled, planned appointments
and patient notes do not."""


@dataclass(frozen=True)
class Slot:
    op: int
    start: dt.datetime
    end: dt.datetime

    def __str__(self) -> str:
        return f"operatory {self.op} from {self.start:%Y-%m-%d %H:%M} to {self.end:%H:%M}"


_LOCK = (
    select(Operatory.OperatoryNum)
    .where(Operatory.OperatoryNum == bindparam("op"))
    .with_for_update()
)
_CANDIDATES = (
    select(Appointment.AptNum, Appointment.AptDateTime, Appointment.Pattern)
    .where(
        Appointment.Op == bindparam("op"),
        Appointment.AptDateTime >= bindparam("day_start", type_=Appointment.AptDateTime.type),
        Appointment.AptDateTime < bindparam("end", type_=Appointment.AptDateTime.type),
        Appointment.AptStatus.in_(OCCUPYING),
        Appointment.AptNum != bindparam("exclude"),
    )
    .order_by(Appointment.AptDateTime)
)
# Built once: these run on every booking, and building a statement costs more than running it.


def lock_operatory(db: WriteSession, op_num: int) -> None:
    """Serialise bookings into one operatory until the transaction ends.

    MariaDB and PostgreSQL lock the operatory row (SELECT ... FOR UPDATE); with READ COMMITTED
    the overlap search that follows sees every booking committed before the lock was granted.
    SQLite has a single writer and Enamel begins its write transactions IMMEDIATE, so the
    whole transaction is already serialised there.
    """
    if db.get_bind().dialect.name != "sqlite":
        db.execute(_LOCK, {"op": op_num}).first()


def overlapping(db: ReadSession, slot: Slot, exclude_apt: int = 0) -> int | None:
    """The AptNum of an appointment holding time in the slot's operatory that overlaps it.

    Appointments never cross midnight (the service refuses them), so the candidates are that
    day's bookings in the operatory, found through the (Op, AptDateTime) index.
    """
    day_start = dt.datetime.combine(slot.start.date(), dt.time(0))
    params = {"op": slot.op, "day_start": day_start, "end": slot.end, "exclude": exclude_apt}
    for apt_num, start, apt_pattern in db.execute(_CANDIDATES, params):
        if start < slot.end and slot.start < start + pattern.length(apt_pattern):
            return int(apt_num)
    return None
