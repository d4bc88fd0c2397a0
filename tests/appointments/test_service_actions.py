"""The service side of the API's action routes: break to the Unscheduled List, append to the
note (also when many append at once), and the last bookable year."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading

import pytest

from enamel.appointments.service import (
    AppointmentData,
    append_note,
    break_appointment,
    create_appointment,
)
from enamel.db import Database
from enamel.errors import InvalidInput, NotFound
from enamel.models import Appointment
from enamel.models.enums import ApptStatus, EnumPermType
from tests.factories import (
    ACTOR,
    Practice,
    days_from_today,
    log_entries,
    make_appointment,
    make_patient,
)


def test_breaking_to_the_unscheduled_list_logs_the_break_then_the_move_to_the_list(
    db: Database, practice: Practice
) -> None:
    apt = make_appointment(db, make_patient(db), practice.op, days_from_today(3))
    with db.write() as session:
        row = break_appointment(session, ACTOR, apt, to_unscheduled_list=True)
        assert row.AptStatus is ApptStatus.UnschedList
    with db.read() as session:
        texts = [e.LogText for e in log_entries(session, PermType=EnumPermType.AppointmentEdit)]
    assert len(texts) == 2
    assert "Scheduled -> Broken" in texts[0] and "Broken -> UnschedList" in texts[1]


def test_append_note_adds_a_line_and_refuses_an_empty_one(db: Database, practice: Practice) -> None:
    apt = make_appointment(db, make_patient(db), practice.op, days_from_today(3))
    with db.write() as session:
        assert append_note(session, ACTOR, apt, "  first  ").Note == "first"
        assert append_note(session, ACTOR, apt, "second").Note == "first\r\nsecond"
    with db.write() as session, pytest.raises(InvalidInput):
        append_note(session, ACTOR, apt, " ")
    with db.write() as session, pytest.raises(NotFound):
        append_note(session, ACTOR, 999999, "x")


def test_ten_concurrent_appends_all_survive(db: Database, practice: Practice) -> None:
    apt = make_appointment(db, make_patient(db), practice.op, days_from_today(3))
    barrier = threading.Barrier(10)
    errors: list[str] = []

    def append(i: int) -> None:
        barrier.wait()
        try:
            with db.write() as session:
                append_note(session, ACTOR, apt, f"line {i}")
        except Exception as exc:
            errors.append(repr(exc))

    threads = [threading.Thread(target=append, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    with db.read() as session:
        lines = session.get_one(Appointment, apt).Note.split("\r\n")
    assert sorted(lines) == sorted(f"line {i}" for i in range(10))


def test_an_appointment_cannot_be_booked_in_the_year_9999(db: Database, practice: Practice) -> None:
    data = AppointmentData(
        PatNum=make_patient(db), Op=practice.op, AptDateTime=dt.datetime(9999, 12, 31, 23, 0)
    )
    with db.write() as session, pytest.raises(InvalidInput) as refused:
        create_appointment(session, ACTOR, data)
    assert refused.value.field == "AptDateTime"
    last = dataclasses.replace(data, AptDateTime=dt.datetime(9998, 12, 31, 23, 0))
    with db.write() as session:
        assert create_appointment(session, ACTOR, last).AptNum
