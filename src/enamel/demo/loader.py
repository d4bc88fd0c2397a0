"""The demo practice: a realistic, deterministic practice loaded through the services.

Every row goes through the same services as any other write, so the demo's security log looks
like a real office's. Same seed and same day give the same practice: history runs five years
back from today, with recalls booked up to six months ahead.

Shape (default 1,000 patients): families with a guarantor, spouses and children; 3 providers
(two dentists, one hygienist); 5 operatories; six-monthly hygiene recalls with exams,
cleanings, bite-wings and fluoride for children; restorative work diagnosed at recalls and done a
few weeks later (fillings, crowns, root canals, extractions); some broken appointments;
payments at the visit, split per procedure; the odd discount.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select

from enamel.appointments.service import (
    AppointmentData,
    break_appointment,
    create_appointment,
    update_appointment,
)
from enamel.db import Database, WriteSession, clock
from enamel.demo import data
from enamel.errors import DomainError
from enamel.models import DefCat, Patient
from enamel.models.enums import ApptStatus, PatientGender, PatientPosition, ProcStat
from enamel.patients.service import PatientData, create_patient
from enamel.payments.service import (
    AdjustmentData,
    PaymentData,
    SplitData,
    create_adjustment,
    create_payment,
)
from enamel.procedures.service import (
    ProcedureCodeData,
    ProcedureData,
    create_procedure,
    create_procedure_code,
    update_procedure,
)
from enamel.providers.service import ProviderData, create_provider
from enamel.security import Actor, system_actor
from enamel.setup.service import (
    ClinicData,
    OperatoryData,
    create_clinic,
    create_definition,
    create_operatory,
)

YEARS = 5
LEAVE_PER_VISIT = 0.07
"""About one patient in eight stops coming each year (two recalls a year)."""
DAY_START = dt.time(8, 0)
DAY_END = dt.time(17, 0)
STEP = dt.timedelta(minutes=10)


class DatabaseNotEmpty(DomainError):
    status = 409
    code = "database_not_empty"


@dataclass
class Practice:
    """Keys of the set-up rows the history refers to."""

    clinic: int = 0
    dentists: list[int] = field(default_factory=list)
    hygienist: int = 0
    dentist_ops: list[int] = field(default_factory=list)
    hygiene_ops: list[int] = field(default_factory=list)
    codes: dict[str, int] = field(default_factory=dict)
    defs: dict[str, list[int]] = field(default_factory=dict)


@dataclass
class DemoResult:
    patients: int = 0
    appointments: int = 0
    procedures: int = 0
    payments: int = 0
    adjustments: int = 0
    seconds: float = 0.0


@dataclass
class Person:
    first: str
    last: str
    gender: PatientGender
    position: PatientPosition
    birthdate: dt.date


class Schedule:
    """Which operatory time is taken, so the demo books free slots (the service still checks)."""

    def __init__(self) -> None:
        self.taken: dict[tuple[int, dt.date], list[tuple[dt.datetime, dt.datetime]]] = {}

    def book(
        self, rng: random.Random, ops: list[int], day: dt.date, minutes: int
    ) -> tuple[int, dt.datetime]:
        length = dt.timedelta(minutes=minutes)
        while True:
            while day.weekday() >= 5:
                day += dt.timedelta(days=1)
            for op in rng.sample(ops, len(ops)):
                starts = self._free(op, day, length)
                if starts:
                    start = rng.choice(starts)
                    self.taken.setdefault((op, day), []).append((start, start + length))
                    return op, start
            day += dt.timedelta(days=1)

    def _free(self, op: int, day: dt.date, length: dt.timedelta) -> list[dt.datetime]:
        busy = self.taken.get((op, day), [])
        t = dt.datetime.combine(day, DAY_START)
        end = dt.datetime.combine(day, DAY_END)
        out = []
        while t + length <= end:
            if all(t + length <= s or e <= t for s, e in busy):
                out.append(t)
            t += STEP
        return out


def load_demo(
    database: Database,
    *,
    patients: int = 1000,
    seed: int = 42,
    today: dt.date | None = None,
    progress: Callable[[Iterable[list[Person]]], Iterator[list[Person]]] | None = None,
) -> DemoResult:
    """Fill an empty database with the demo practice; one transaction per family."""
    started = time.perf_counter()
    rng = random.Random(seed)
    today = today or clock.today()
    actor = system_actor("demo loader")
    result = DemoResult()
    with database.write() as db:
        if db.scalar(select(func.count()).select_from(Patient)):
            raise DatabaseNotEmpty(
                "the database already has patients; the demo only fills an empty database"
            )
        practice = _set_up(db, actor)
    families = _plan_families(rng, patients, today)
    schedule = Schedule()
    for family in progress(families) if progress else families:
        with database.write() as db:
            _load_family(db, actor, rng, practice, schedule, family, today, result)
    result.seconds = time.perf_counter() - started
    return result


def _set_up(db: WriteSession, actor: Actor) -> Practice:
    p = Practice()
    for category, names in data.DEFINITIONS.items():
        cat = DefCat[category]
        p.defs[category] = [create_definition(db, actor, cat, name).DefNum for name in names]
    for abbr, first, last, suffix, hygienist in data.PROVIDERS:
        prov = create_provider(
            db,
            actor,
            ProviderData(Abbr=abbr, FName=first, LName=last, Suffix=suffix, IsSecondary=hygienist),
        )
        if hygienist:
            p.hygienist = prov.ProvNum
        else:
            p.dentists.append(prov.ProvNum)
    p.clinic = create_clinic(
        db,
        actor,
        ClinicData(
            Description="Willamette Family Dental",
            Abbr="Willamette",
            Address="410 Oak St",
            City="Eugene",
            State="OR",
            Zip="97401",
            Phone="5415550100",
            DefaultProv=p.dentists[0],
        ),
    ).ClinicNum
    for i, (name, abbrev, hygiene) in enumerate(data.OPERATORIES):
        op = create_operatory(
            db,
            actor,
            OperatoryData(
                OpName=name,
                Abbrev=abbrev,
                IsHygiene=hygiene,
                ClinicNum=p.clinic,
                ProvDentist=p.dentists[i % len(p.dentists)],
                ProvHygienist=p.hygienist if hygiene else 0,
            ),
        )
        (p.hygiene_ops if hygiene else p.dentist_ops).append(op.OperatoryNum)
    cats = p.defs["ProcCodeCats"]
    for code, descript, cat_index, _fee, hygiene in data.CODES:
        p.codes[code] = create_procedure_code(
            db,
            actor,
            ProcedureCodeData(
                ProcCode=code, Descript=descript, ProcCat=cats[cat_index], IsHygiene=hygiene
            ),
        ).CodeNum
    return p


def _birthdate(rng: random.Random, today: dt.date, low: int, high: int) -> dt.date:
    age_days = rng.randint(low * 365, high * 365)
    return today - dt.timedelta(days=age_days)


def _plan_families(rng: random.Random, total: int, today: dt.date) -> list[list[Person]]:
    families: list[list[Person]] = []
    planned = 0
    while planned < total:
        last = rng.choice(data.LAST_NAMES)
        size = min(total - planned, rng.choices((1, 2, 3, 4, 5), weights=(30, 25, 20, 17, 8))[0])
        family: list[Person] = []
        head_female = rng.random() < 0.5
        for i in range(size):
            if i == 0 or (i == 1 and size >= 2 and rng.random() < 0.8):
                female = head_female if i == 0 else not head_female
                married = size >= 2 and (i == 1 or rng.random() < 0.8)
                position = PatientPosition.Married if married else PatientPosition.Single
                birth = _birthdate(rng, today, 24, 82)
            else:
                female = rng.random() < 0.5
                position = PatientPosition.Child
                birth = _birthdate(rng, today, 2, 19)
            names = data.FEMALE_NAMES if female else data.MALE_NAMES
            gender = PatientGender.Female if female else PatientGender.Male
            family.append(Person(rng.choice(names), last, gender, position, birth))
        families.append(family)
        planned += size
    return families


def _load_family(
    db: WriteSession,
    actor: Actor,
    rng: random.Random,
    p: Practice,
    schedule: Schedule,
    family: list[Person],
    today: dt.date,
    result: DemoResult,
) -> None:
    city, state, zip3 = rng.choice(data.CITIES)
    address = f"{rng.randint(100, 9999)} {rng.choice(data.STREETS)} {rng.choice(data.STREET_KINDS)}"
    phone = f"541555{rng.randint(0, 9999):04d}"
    dentist = rng.choice(p.dentists)
    billing = p.defs["BillingTypes"][0 if rng.random() < 0.85 else 1]
    # The family joined on one day; members come to the same recall days.
    joined = today - dt.timedelta(days=int(rng.triangular(30, YEARS * 365, YEARS * 365)))
    guarantor = 0
    for person in family:
        patient = create_patient(
            db,
            actor,
            PatientData(
                LName=person.last,
                FName=person.first,
                Gender=person.gender,
                Position=person.position,
                Birthdate=person.birthdate,
                Address=address,
                City=city,
                State=state,
                Zip=f"{zip3}{rng.randint(0, 99):02d}",
                HmPhone=phone,
                WirelessPhone=f"541555{rng.randint(0, 9999):04d}",
                Email=f"{person.first}.{person.last}{rng.randint(1, 99)}@example.com".lower(),
                Guarantor=guarantor or None,
                PriProv=dentist,
                SecProv=p.hygienist,
                BillingType=billing,
                ClinicNum=p.clinic,
                DateFirstVisit=joined,
            ),
        )
        guarantor = guarantor or patient.PatNum
        result.patients += 1
        _history(db, actor, rng, p, schedule, patient, joined, today, result)


def _history(
    db: WriteSession,
    actor: Actor,
    rng: random.Random,
    p: Practice,
    schedule: Schedule,
    patient: Patient,
    joined: dt.date,
    today: dt.date,
    result: DemoResult,
) -> None:
    child = (today - patient.Birthdate).days < 18 * 365
    visit = joined
    first = True
    last_bitewings = dt.date.min
    horizon = today + dt.timedelta(days=180)
    while visit <= horizon:
        codes = ["D0150", "D0210"] if first else ["D0120"]
        codes.append("D1120" if child else "D1110")
        if not first and (visit - last_bitewings).days > 330:
            codes.append("D0274")
            last_bitewings = visit
        if child:
            codes.append("D1206")
        pattern = "////XX////" if child else "//////XX////"
        op, start = schedule.book(rng, p.hygiene_ops, visit, len(pattern) * 5)
        past = start.date() < today
        status = _visit(
            db, actor, rng, p, patient, op, start, pattern, codes, past, result, hygiene=True
        )
        if past and status is ApptStatus.Complete and rng.random() < 0.22:
            _restorative(db, actor, rng, p, schedule, patient, start.date(), today, result)
        first = False
        visit = start.date() + dt.timedelta(days=rng.randint(170, 200))
        if past and rng.random() < LEAVE_PER_VISIT:
            return  # moved away or changed dentist: no more recalls


def _visit(
    db: WriteSession,
    actor: Actor,
    rng: random.Random,
    p: Practice,
    patient: Patient,
    op: int,
    start: dt.datetime,
    pattern: str,
    codes: list[str],
    past: bool,
    result: DemoResult,
    *,
    hygiene: bool,
    planned: list[int] | None = None,
) -> ApptStatus:
    """Book one appointment with its procedures; past ones are completed and mostly paid."""
    confirmed = p.defs["ApptConfirmed"][3 if past else rng.randrange(0, 4)]
    apt = create_appointment(
        db,
        actor,
        AppointmentData(
            PatNum=patient.PatNum,
            Op=op,
            AptDateTime=start,
            Pattern=pattern,
            ProvNum=patient.PriProv,
            ProvHyg=p.hygienist if hygiene else 0,
            IsHygiene=hygiene,
            Confirmed=confirmed,
            ClinicNum=p.clinic,
            ProcDescript=", ".join(codes),
        ),
    )
    result.appointments += 1
    if past and rng.random() < 0.05:
        break_appointment(db, actor, apt.AptNum)
        return ApptStatus.Broken
    procs = []
    for code in codes:
        prov = p.hygienist if hygiene and code.startswith("D1") else patient.PriProv
        procs.append(
            create_procedure(
                db,
                actor,
                ProcedureData(
                    PatNum=patient.PatNum,
                    CodeNum=p.codes[code],
                    ProcStatus=ProcStat.C if past else ProcStat.TP,
                    ProcDate=start.date(),
                    ProcFee=data.FEES[code],
                    AptNum=apt.AptNum,
                    ProvNum=prov,
                    ClinicNum=p.clinic,
                ),
            )
        )
        result.procedures += 1
    for proc_num in planned or []:
        change = ProcedureData(AptNum=apt.AptNum)
        if past:
            change.ProcStatus, change.ProcDate = ProcStat.C, start.date()
        procs.append(update_procedure(db, actor, proc_num, change))
    if not past:
        return ApptStatus.Scheduled
    update_appointment(db, actor, apt.AptNum, AppointmentData(AptStatus=ApptStatus.Complete))
    total = sum((proc.ProcFee for proc in procs), Decimal("0.00"))
    roll = rng.random()
    if roll < 0.04 and total > 0:
        create_adjustment(
            db,
            actor,
            AdjustmentData(
                PatNum=patient.PatNum,
                AdjAmt=-(total * Decimal("0.10")).quantize(Decimal("0.01")),
                AdjType=p.defs["AdjTypes"][0],
                AdjDate=start.date(),
                AdjNote="Courtesy discount",
            ),
        )
        result.adjustments += 1
    if roll < 0.85 and total > 0:
        splits = [
            SplitData(SplitAmt=proc.ProcFee, ProcNum=proc.ProcNum, ProvNum=proc.ProvNum)
            for proc in procs
        ]
        create_payment(
            db,
            actor,
            PaymentData(
                PatNum=patient.Guarantor,
                PayAmt=total,
                PayDate=start.date(),
                PayType=rng.choice(p.defs["PaymentTypes"]),
                CheckNum=str(rng.randint(1000, 9999)) if rng.random() < 0.3 else "",
                splits=[
                    SplitData(s.SplitAmt, patient.PatNum, s.ProvNum, s.ProcNum) for s in splits
                ],
            ),
        )
        result.payments += 1
    return ApptStatus.Complete


def _restorative(
    db: WriteSession,
    actor: Actor,
    rng: random.Random,
    p: Practice,
    schedule: Schedule,
    patient: Patient,
    diagnosed: dt.date,
    today: dt.date,
    result: DemoResult,
) -> None:
    """Treatment found at a recall: planned that day, done two to four weeks later."""
    codes, needs_tooth, pattern = rng.choice(data.TREATMENTS)
    tooth = (
        str(rng.choice((2, 3, 4, 5, 12, 13, 14, 15, 18, 19, 20, 29, 30, 31))) if needs_tooth else ""
    )
    planned = []
    for code in codes:
        proc = create_procedure(
            db,
            actor,
            ProcedureData(
                PatNum=patient.PatNum,
                CodeNum=p.codes[code],
                ProcStatus=ProcStat.TP,
                ProcDate=diagnosed,
                ProcFee=data.FEES[code],
                ProvNum=patient.PriProv,
                ClinicNum=p.clinic,
                ToothNum=tooth,
            ),
        )
        planned.append(proc.ProcNum)
        result.procedures += 1
    day = diagnosed + dt.timedelta(days=rng.randint(14, 28))
    op, start = schedule.book(rng, p.dentist_ops, day, len(pattern) * 5)
    past = start.date() < today
    _visit(
        db,
        actor,
        rng,
        p,
        patient,
        op,
        start,
        pattern,
        [],
        past,
        result,
        hygiene=False,
        planned=planned,
    )
