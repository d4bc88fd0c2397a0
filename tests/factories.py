"""Small factories: each makes rows through the services, as any caller would."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from enamel.appointments.service import AppointmentData, create_appointment
from enamel.db import Database, ReadSession, WriteSession
from enamel.models import Appointment, DefCat, Patient, SecurityLog
from enamel.models.enums import EnumPermType
from enamel.patients.service import PatientData, create_patient
from enamel.procedures.service import ProcedureCodeData, create_procedure_code
from enamel.providers.service import ProviderData, create_provider
from enamel.security import ALL_PERMISSIONS, Actor, ActorKind, system_actor
from enamel.setup.service import (
    ClinicData,
    OperatoryData,
    create_clinic,
    create_definition,
    create_operatory,
)

ACTOR = system_actor("tests")


def integration_actor(
    permissions: frozenset[EnumPermType] = ALL_PERMISSIONS, user: str = "jdoe"
) -> Actor:
    return Actor(
        kind=ActorKind.INTEGRATION,
        name="Reminder Pro",
        permissions=permissions,
        user_num=7,
        user_name=user,
        client_address="203.0.113.9",
        request_id="req-42",
    )


@dataclass
class Practice:
    dentist: int = 0
    dentist2: int = 0
    hygienist: int = 0
    hidden_provider: int = 0
    clinic: int = 0
    op: int = 0
    op2: int = 0
    hygiene_op: int = 0
    hidden_op: int = 0
    codes: dict[str, int] = field(default_factory=dict)
    hidden_code: int = 0
    defs: dict[str, list[int]] = field(default_factory=dict)


def make_practice(db: WriteSession, actor: Actor = ACTOR) -> Practice:
    p = Practice()
    for cat, names in {
        DefCat.BillingTypes: ["Standard"],
        DefCat.PaymentTypes: ["Check", "Cash"],
        DefCat.ApptConfirmed: ["Unconfirmed", "Confirmed"],
        DefCat.AdjTypes: ["Discount"],
    }.items():
        p.defs[cat.name] = [create_definition(db, actor, cat, n).DefNum for n in names]
    p.dentist = create_provider(db, actor, ProviderData(Abbr="DOC1", LName="Brennan")).ProvNum
    p.dentist2 = create_provider(db, actor, ProviderData(Abbr="DOC2", LName="Lee")).ProvNum
    p.hygienist = create_provider(
        db, actor, ProviderData(Abbr="HYG1", LName="Cole", IsSecondary=True)
    ).ProvNum
    p.hidden_provider = create_provider(
        db, actor, ProviderData(Abbr="OLD", LName="Gone", IsHidden=True)
    ).ProvNum
    p.clinic = create_clinic(db, actor, ClinicData(Description="Main")).ClinicNum
    p.op = create_operatory(
        db, actor, OperatoryData(OpName="Op 1", ProvDentist=p.dentist)
    ).OperatoryNum
    p.op2 = create_operatory(db, actor, OperatoryData(OpName="Op 2")).OperatoryNum
    p.hygiene_op = create_operatory(
        db, actor, OperatoryData(OpName="Hyg 1", IsHygiene=True, ProvHygienist=p.hygienist)
    ).OperatoryNum
    p.hidden_op = create_operatory(
        db, actor, OperatoryData(OpName="Old op", IsHidden=True)
    ).OperatoryNum
    for code, descript in (
        ("D0120", "Periodic oral evaluation"),
        ("D1110", "Prophylaxis"),
        ("D2391", "Resin, one surface, posterior"),
    ):
        p.codes[code] = create_procedure_code(
            db, actor, ProcedureCodeData(ProcCode=code, Descript=descript)
        ).CodeNum
    p.hidden_code = create_procedure_code(
        db, actor, ProcedureCodeData(ProcCode="D9999", Descript="Retired", IsHidden=True)
    ).CodeNum
    return p


def make_patient(db: Database, actor: Actor = ACTOR, **fields: Any) -> int:
    data = PatientData(LName=fields.pop("LName", "Smith"), FName=fields.pop("FName", "Anna"))
    for name, value in fields.items():
        setattr(data, name, value)
    with db.write() as session:
        return create_patient(session, actor, data).PatNum


def make_appointment(
    db: Database,
    pat_num: int,
    op: int,
    start: dt.datetime,
    pattern: str = "XXXX",
    actor: Actor = ACTOR,
    **fields: Any,
) -> int:
    data = AppointmentData(PatNum=pat_num, Op=op, AptDateTime=start, Pattern=pattern, **fields)
    with db.write() as session:
        return create_appointment(session, actor, data).AptNum


def count(db: Database, model: type[Any], *where: Any) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def log_entries(session: ReadSession, **where: Any) -> list[SecurityLog]:
    query = select(SecurityLog).order_by(SecurityLog.SecurityLogNum)
    for name, value in where.items():
        query = query.where(getattr(SecurityLog, name) == value)
    return list(session.scalars(query))


def days_from_today(days: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(dt.date.today() + dt.timedelta(days=days), dt.time(hour, minute))


MONEY = Decimal
__all__ = ["Appointment", "Patient"]
