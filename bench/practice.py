"""The practice the benchmark books into, created through the services, and the plan of free
slots each round takes its bookings from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from enamel.db import Database
from enamel.models import DefCat
from enamel.patients.service import PatientData, create_patient, name_of
from enamel.providers.service import ProviderData, create_provider
from enamel.security import ALL_PERMISSIONS, Actor, ActorKind, system_actor
from enamel.setup.service import OperatoryData, create_definition, create_operatory

PATTERN = "/XXXX/"
"""Thirty minutes: what every benchmark booking asks for."""
SLOT = dt.timedelta(minutes=5 * len(PATTERN))
DAY_START = dt.time(8, 0)
DAY_END = dt.time(18, 0)

FIRST_NAMES = "Anna Ben Carla Dev Emma Farid Grace Hugo Ines Jonas Kim Luis Maya Noor Omar".split()
LAST_NAMES = "Smith Brennan Lee Cole Nguyen Garcia Patel Novak Okafor Silva Berg Kowalski".split()


def integration_actor(request_id: str = "") -> Actor:
    """An integration acting for an office user, as a request through the API would be."""
    return Actor(
        kind=ActorKind.INTEGRATION,
        name="Bench Reminders",
        permissions=ALL_PERMISSIONS,
        user_num=7,
        user_name="jdoe",
        client_address="203.0.113.9",
        request_id=request_id,
    )


@dataclass(frozen=True)
class Practice:
    """Keys of the rows the bookings refer to."""

    dentist: int
    operatories: tuple[int, ...]
    patients: tuple[int, ...]
    patient_names: dict[int, str]
    """"LName, FName" per patient, as the security log's text names them."""
    unconfirmed: int
    """The first ApptConfirmed definition: what a booking without `Confirmed` gets."""


def make_practice(db: Database, *, operatories: int, patients: int) -> Practice:
    """A provider, the confirmation statuses, `operatories` operatories (the provider as their
    dentist) and `patients` patients, through the services."""
    actor = system_actor("benchmark set-up")
    with db.write() as session:
        confirmed = [
            create_definition(session, actor, DefCat.ApptConfirmed, name).DefNum
            for name in ("Unconfirmed", "Confirmed")
        ]
        create_definition(session, actor, DefCat.BillingTypes, "Standard")
        dentist = create_provider(
            session, actor, ProviderData(Abbr="DOC1", FName="Ruth", LName="Brennan")
        ).ProvNum
        ops = tuple(
            create_operatory(
                session, actor, OperatoryData(OpName=f"Op {i + 1}", ProvDentist=dentist)
            ).OperatoryNum
            for i in range(operatories)
        )
    names: dict[int, str] = {}
    with db.write() as session:
        for i in range(patients):
            patient = create_patient(
                session,
                actor,
                PatientData(
                    LName=LAST_NAMES[i % len(LAST_NAMES)],
                    FName=FIRST_NAMES[i % len(FIRST_NAMES)],
                    PriProv=dentist,
                ),
            )
            names[patient.PatNum] = name_of(patient)
    return Practice(
        dentist=dentist,
        operatories=ops,
        patients=tuple(names),
        patient_names=names,
        unconfirmed=confirmed[0],
    )


@dataclass(frozen=True)
class Booking:
    """One write: a patient into a free slot of an operatory."""

    pat_num: int
    op: int
    start: dt.datetime
    request_id: str


class SlotPlan:
    """Free slots, handed out in order: every slot of a day (each start time in every
    operatory) before the next day. Each batch starts on a day of its own, so a service round
    and a hand-written round never book into the same day."""

    def __init__(self, practice: Practice, first_day: dt.date) -> None:
        self.practice = practice
        self.day = first_day
        self.taken = 0

    def _starts(self, day: dt.date) -> list[dt.datetime]:
        out = []
        t = dt.datetime.combine(day, DAY_START)
        end = dt.datetime.combine(day, DAY_END)
        while t + SLOT <= end:
            out.append(t)
            t += SLOT
        return out

    def batch(self, n: int, label: str) -> list[Booking]:
        ops: Sequence[int] = self.practice.operatories
        patients = self.practice.patients
        bookings: list[Booking] = []
        while len(bookings) < n:
            for start in self._starts(self.day):
                for op in ops:
                    if len(bookings) == n:
                        break
                    self.taken += 1
                    bookings.append(
                        Booking(
                            pat_num=patients[self.taken % len(patients)],
                            op=op,
                            start=start,
                            request_id=f"bench-{label}-{self.taken}",
                        )
                    )
            self.day += dt.timedelta(days=1)
        return bookings
