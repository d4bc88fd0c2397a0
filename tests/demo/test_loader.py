"""The demo practice: deterministic, realistic, and written through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select

from enamel.db import Database
from enamel.db.migrate import upgrade
from enamel.demo.loader import load_demo
from enamel.models import Appointment, Patient, Payment, PaySplit, ProcedureLog, SecurityLog
from enamel.models.enums import ApptStatus, EnumPermType, ProcStat


def test_demo_practice_is_consistent_and_fully_logged(db: Database) -> None:
    today = dt.date.today()
    result = load_demo(db, patients=25, seed=7)
    assert result.patients == 25
    with db.read() as s:
        patients = list(s.scalars(select(Patient)))
        heads = {p.PatNum for p in patients if p.Guarantor == p.PatNum}
        assert all(p.Guarantor in heads for p in patients)
        assert len(heads) < 25  # there are families
        apts = list(s.scalars(select(Appointment)))
        assert len(apts) == result.appointments > 25
        assert {a.AptStatus for a in apts} >= {ApptStatus.Complete, ApptStatus.Scheduled}
        assert all(a.AptDateTime.date() < today for a in apts if a.AptStatus is ApptStatus.Complete)
        span = max(a.AptDateTime for a in apts) - min(a.AptDateTime for a in apts)
        assert span > dt.timedelta(days=365 * 3)
        # Every write was logged: one creation entry per patient, appointment and payment.
        for perm, model in (
            (EnumPermType.PatientCreate, Patient),
            (EnumPermType.AppointmentCreate, Appointment),
            (EnumPermType.PaymentCreate, Payment),
        ):
            logged = s.scalar(
                select(func.count()).select_from(SecurityLog).where(SecurityLog.PermType == perm)
            )
            assert logged == s.scalar(select(func.count()).select_from(model)), perm.name
        done = s.scalar(
            select(func.count())
            .select_from(ProcedureLog)
            .where(ProcedureLog.ProcStatus == ProcStat.C)
        )
        assert done and done > 0
        for pay in s.scalars(select(Payment)):
            splits = s.scalars(select(PaySplit.SplitAmt).where(PaySplit.PayNum == pay.PayNum))
            assert sum(splits, Decimal("0.00")) == pay.PayAmt


def _snapshot(url: str) -> list[tuple[object, ...]]:
    db = Database(url)
    try:
        upgrade(db)
        load_demo(db, patients=15, seed=3, today=dt.date(2026, 1, 15))
        with db.read() as s:
            return [
                (a.PatNum, a.Op, a.AptDateTime, a.Pattern, a.AptStatus)
                for a in s.scalars(select(Appointment).order_by(Appointment.AptNum))
            ]
    finally:
        db.dispose()


def test_same_seed_same_practice(tmp_path: Path) -> None:
    first = _snapshot(f"sqlite:///{tmp_path / 'a.db'}")
    second = _snapshot(f"sqlite:///{tmp_path / 'b.db'}")
    assert first == second
    assert len(first) > 15
