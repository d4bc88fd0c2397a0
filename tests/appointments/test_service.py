"""Appointments: length from Pattern, no double booking (also under a race), status rules."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from enamel.appointments.service import (
    AppointmentData,
    break_appointment,
    create_appointment,
    update_appointment,
)
from enamel.db import Database
from enamel.errors import InvalidInput, InvalidTransition, PermissionDenied, SlotTaken
from enamel.models import Appointment, SecurityLog
from enamel.models.enums import ApptStatus, EnumPermType
from tests.factories import (
    ACTOR,
    Practice,
    count,
    days_from_today,
    integration_actor,
    log_entries,
    make_appointment,
    make_patient,
)


def test_pattern_sets_the_length_and_is_stored_upper_case(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    start = days_from_today(3, 9)
    make_appointment(db, pat, practice.op, start, pattern="/xxXX/")  # 30 minutes
    # 09:30 is free: the first appointment ended there.
    make_appointment(db, pat, practice.op, start + dt.timedelta(minutes=30))
    with pytest.raises(SlotTaken):
        make_appointment(db, pat, practice.op, start + dt.timedelta(minutes=25))
    with db.read() as session:
        patterns = sorted(a.Pattern for a in session.query(Appointment))
    assert patterns == ["/XXXX/", "XXXX"]


@pytest.mark.parametrize("pattern", ["", "XX-X", "X" * 256])
def test_invalid_pattern_is_rejected(db: Database, practice: Practice, pattern: str) -> None:
    pat = make_patient(db)
    with pytest.raises(InvalidInput) as caught:
        make_appointment(db, pat, practice.op, days_from_today(3), pattern=pattern)
    assert caught.value.field == "Pattern"
    assert count(db, Appointment) == 0


def test_overlapping_appointment_is_rejected_with_409(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    start = days_from_today(5, 10)
    first = make_appointment(db, pat, practice.op, start, pattern="XXXXXX")  # 10:00-10:30
    logs_before = count(db, SecurityLog)
    with pytest.raises(SlotTaken) as caught:
        make_appointment(db, pat, practice.op, start + dt.timedelta(minutes=20))
    assert caught.value.status == 409
    assert f"overlaps appointment {first}" in caught.value.message
    assert count(db, Appointment) == 1
    assert count(db, SecurityLog) == logs_before


def test_other_operatory_and_adjacent_slots_are_free(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    start = days_from_today(5, 10)
    make_appointment(db, pat, practice.op, start, pattern="XXXXXX")
    make_appointment(db, pat, practice.op2, start, pattern="XXXXXX")
    make_appointment(db, pat, practice.op, start - dt.timedelta(minutes=20), pattern="XXXX")
    make_appointment(db, pat, practice.op, start + dt.timedelta(minutes=30))
    assert count(db, Appointment) == 4


def test_twenty_concurrent_bookings_of_one_slot_exactly_one_wins(
    db: Database, practice: Practice
) -> None:
    patients = [make_patient(db, FName=f"P{i}") for i in range(20)]
    start = days_from_today(7, 11)
    barrier = threading.Barrier(20)
    outcomes: list[str] = []
    lock = threading.Lock()

    def book(pat_num: int, offset: int) -> None:
        barrier.wait()
        try:
            make_appointment(
                db,
                pat_num,
                practice.op,
                start + dt.timedelta(minutes=5 * (offset % 3)),
                pattern="XXXXXX",
            )
            result = "won"
        except SlotTaken:
            result = "taken"
        except Exception as exc:
            result = f"error: {exc!r}"
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=book, args=(p, i)) for i, p in enumerate(patients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert sorted(outcomes) == ["taken"] * 19 + ["won"] or outcomes.count("won") == 1, outcomes
    assert outcomes.count("won") == 1
    assert outcomes.count("taken") == 19
    assert count(db, Appointment) == 1
    with db.read() as session:
        assert len(log_entries(session, PermType=EnumPermType.AppointmentCreate)) == 1


def test_broken_appointment_frees_its_slot(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    start = days_from_today(2, 9)
    apt = make_appointment(db, pat, practice.op, start)
    with db.write() as session:
        broken = break_appointment(session, ACTOR, apt)
        assert broken.AptStatus is ApptStatus.Broken
    make_appointment(db, pat, practice.op, start)
    with db.read() as session:
        entries = log_entries(session, PermType=EnumPermType.AppointmentEdit, FKey=apt)
    assert len(entries) == 1
    assert "Scheduled -> Broken" in entries[0].LogText


def test_only_a_scheduled_appointment_can_be_broken(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    apt = make_appointment(db, pat, practice.op, days_from_today(2))
    with db.write() as session:
        break_appointment(session, ACTOR, apt)
    with pytest.raises(InvalidTransition) as caught, db.write() as session:
        break_appointment(session, ACTOR, apt)
    assert caught.value.status == 409


def test_completed_appointment_cannot_be_moved(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    start = days_from_today(-1, 9)
    apt = make_appointment(db, pat, practice.op, start)
    with db.write() as session:
        update_appointment(session, ACTOR, apt, AppointmentData(AptStatus=ApptStatus.Complete))
    for move in (
        AppointmentData(AptDateTime=start + dt.timedelta(hours=2)),
        AppointmentData(Op=practice.op2),
    ):
        with pytest.raises(InvalidTransition) as caught, db.write() as session:
            update_appointment(session, ACTOR, apt, move)
        assert caught.value.status == 409
    with db.read() as session:
        row = session.get(Appointment, apt)
        assert row is not None
        assert (row.Op, row.AptDateTime, row.AptStatus) == (
            practice.op,
            start,
            ApptStatus.Complete,
        )


def test_editing_a_completed_appointment_needs_complete_edit_permission(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db)
    apt = make_appointment(db, pat, practice.op, days_from_today(-2))
    with db.write() as session:
        update_appointment(session, ACTOR, apt, AppointmentData(AptStatus=ApptStatus.Complete))
    editor = integration_actor(
        permissions=frozenset({EnumPermType.AppointmentEdit, EnumPermType.AppointmentMove})
    )
    with pytest.raises(PermissionDenied) as caught, db.write() as session:
        update_appointment(session, editor, apt, AppointmentData(Note="late"))
    assert "AppointmentCompleteEdit" in caught.value.message


def test_a_future_appointment_cannot_be_completed(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    apt = make_appointment(db, pat, practice.op, days_from_today(1))
    with pytest.raises(InvalidTransition) as caught, db.write() as session:
        update_appointment(session, ACTOR, apt, AppointmentData(AptStatus=ApptStatus.Complete))
    assert caught.value.field == "AptStatus"


def test_moving_checks_the_new_slot_and_logs_appointment_move(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db)
    start = days_from_today(4, 9)
    apt = make_appointment(db, pat, practice.op, start)
    make_appointment(db, pat, practice.op2, start + dt.timedelta(hours=1))
    with pytest.raises(SlotTaken), db.write() as session:
        update_appointment(
            session,
            ACTOR,
            apt,
            AppointmentData(Op=practice.op2, AptDateTime=start + dt.timedelta(hours=1)),
        )
    with db.write() as session:
        update_appointment(
            session,
            integration_actor(),
            apt,
            AppointmentData(Op=practice.op2, AptDateTime=start + dt.timedelta(hours=2)),
        )
    with db.read() as session:
        entries = log_entries(session, PermType=EnumPermType.AppointmentMove)
    assert len(entries) == 1
    assert entries[0].FKey == apt and entries[0].PatNum == pat
    assert "moved from op" in entries[0].LogText
    assert "integration 'Reminder Pro' for user jdoe" in entries[0].LogText


def test_rescheduling_a_broken_appointment_checks_the_slot(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db)
    start = days_from_today(3, 14)
    apt = make_appointment(db, pat, practice.op, start)
    with db.write() as session:
        break_appointment(session, ACTOR, apt)
    make_appointment(db, pat, practice.op, start)
    with pytest.raises(SlotTaken), db.write() as session:
        update_appointment(session, ACTOR, apt, AppointmentData(AptStatus=ApptStatus.Scheduled))


@pytest.mark.parametrize(
    ("field", "value_of"),
    [
        ("Op", lambda p: p.hidden_op),
        ("Op", lambda p: 999999),
        ("ProvNum", lambda p: p.hidden_provider),
        ("ProvHyg", lambda p: 999999),
        ("ClinicNum", lambda p: 999999),
        ("Confirmed", lambda p: p.defs["PaymentTypes"][0]),
    ],
)
def test_references_must_exist_and_be_visible(
    db: Database, practice: Practice, field: str, value_of: object
) -> None:
    pat = make_patient(db)
    data = AppointmentData(PatNum=pat, Op=practice.op, AptDateTime=days_from_today(2))
    setattr(data, field, value_of(practice))  # type: ignore[operator]
    with pytest.raises(InvalidInput) as caught, db.write() as session:
        create_appointment(session, ACTOR, data)
    assert caught.value.field == field
    assert count(db, Appointment) == 0


def test_unknown_patient_is_rejected(db: Database, practice: Practice) -> None:
    with pytest.raises(InvalidInput) as caught:
        make_appointment(db, 424242, practice.op, days_from_today(2))
    assert caught.value.field == "PatNum"


def test_an_appointment_may_not_run_past_midnight(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    with pytest.raises(InvalidInput) as caught:
        make_appointment(db, pat, practice.op, days_from_today(2, 23, 40), pattern="XXXXXX")
    assert caught.value.field == "Pattern"


def test_new_appointment_status_must_be_a_creatable_one(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    for status, error in ((ApptStatus.Broken, InvalidInput), (42, InvalidInput)):
        with pytest.raises(error) as caught:
            make_appointment(db, pat, practice.op, days_from_today(2), AptStatus=status)
        assert caught.value.field == "AptStatus"


def test_defaults_come_from_the_operatory_and_patient(db: Database, practice: Practice) -> None:
    pat = make_patient(db, PriProv=practice.dentist2)
    on_dentist_op = make_appointment(db, pat, practice.op, days_from_today(2, 9))
    on_hygiene_op = make_appointment(db, pat, practice.hygiene_op, days_from_today(2, 9))
    with db.read() as session:
        a = session.get(Appointment, on_dentist_op)
        b = session.get(Appointment, on_hygiene_op)
        assert a is not None and b is not None
        assert a.ProvNum == practice.dentist  # the operatory's dentist
        assert a.Confirmed == practice.defs["ApptConfirmed"][0]
        assert b.ProvNum == practice.dentist2  # the patient's primary provider
        assert b.ProvHyg == practice.hygienist


def test_a_completed_appointment_may_be_recorded_but_not_in_the_future(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db)
    done = make_appointment(
        db, pat, practice.op, days_from_today(-3), AptStatus=ApptStatus.Complete
    )
    with pytest.raises(InvalidInput) as caught:
        make_appointment(db, pat, practice.op, days_from_today(1), AptStatus=ApptStatus.Complete)
    assert caught.value.field == "AptDateTime"
    with db.read() as session:
        assert session.get(Appointment, done).AptStatus is ApptStatus.Complete  # type: ignore[union-attr]
    # A completed appointment holds its time like a scheduled one.
    with pytest.raises(SlotTaken):
        make_appointment(db, pat, practice.op, days_from_today(-3))


def test_moving_a_broken_appointment_schedules_it_again(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    start = days_from_today(3, 9)
    apt = make_appointment(db, pat, practice.op, start)
    with db.write() as session:
        break_appointment(session, ACTOR, apt)
    other = make_appointment(db, pat, practice.op, start)  # the freed slot is taken
    with pytest.raises(SlotTaken), db.write() as session:
        update_appointment(
            session, ACTOR, apt, AppointmentData(AptDateTime=start + dt.timedelta(minutes=5))
        )
    with db.write() as session:
        moved = update_appointment(
            session, ACTOR, apt, AppointmentData(AptDateTime=start + dt.timedelta(hours=2))
        )
        assert moved.AptStatus is ApptStatus.Scheduled
    assert other != apt
    with db.read() as session:
        entries = log_entries(session, PermType=EnumPermType.AppointmentMove, FKey=apt)
    assert len(entries) == 1
    assert "Broken -> Scheduled" in entries[0].LogText
