"""Patients: the rules of creating and editing, and the security log that goes with them."""

from __future__ import annotations

import datetime as dt

import pytest

from enamel.db import Database
from enamel.db.session import EdgeMissing
from enamel.errors import InvalidInput, PermissionDenied, ReferenceNotFound
from enamel.models import Patient, SecurityLog
from enamel.models.enums import EnumPermType, LogSources, PatientGender
from enamel.patients.service import PatientData, create_patient, update_patient
from tests.factories import ACTOR, Practice, count, integration_actor, log_entries, make_patient


@pytest.mark.parametrize("missing", ["LName", "FName"])
def test_patient_names_are_required_and_nothing_is_written(
    db: Database, practice: Practice, missing: str
) -> None:
    data = PatientData(LName="Smith", FName="Anna")
    setattr(data, missing, "   ")
    logs_before = count(db, SecurityLog)
    with pytest.raises(InvalidInput) as caught, db.write() as session:
        create_patient(session, ACTOR, data)
    assert caught.value.field == missing
    assert caught.value.status == 400
    assert count(db, Patient) == 0
    assert count(db, SecurityLog) == logs_before


def test_birthdate_in_the_future_is_rejected(db: Database, practice: Practice) -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(InvalidInput) as caught, db.write() as session:
        create_patient(session, ACTOR, PatientData(LName="A", FName="B", Birthdate=tomorrow))
    assert caught.value.field == "Birthdate"
    assert count(db, Patient) == 0


def test_enum_values_outside_open_dental_are_rejected(db: Database, practice: Practice) -> None:
    data = PatientData(LName="A", FName="B")
    data.Gender = 9  # type: ignore[assignment]
    with pytest.raises(InvalidInput) as caught, db.write() as session:
        create_patient(session, ACTOR, data)
    assert caught.value.field == "Gender"
    assert "Male, Female, Unknown, Other" in caught.value.message


def test_guarantor_defaults_to_self(db: Database, practice: Practice) -> None:
    pat_num = make_patient(db)
    with db.read() as session:
        patient = session.get(Patient, pat_num)
        assert patient is not None
        assert patient.Guarantor == pat_num


def test_family_member_takes_the_head_as_guarantor(db: Database, practice: Practice) -> None:
    head = make_patient(db, LName="Lee", FName="Ann")
    child = make_patient(db, LName="Lee", FName="Bo", Guarantor=head)
    with pytest.raises(InvalidInput) as caught:
        make_patient(db, LName="Lee", FName="Cy", Guarantor=child)
    assert caught.value.field == "Guarantor"
    with db.read() as session:
        assert session.get(Patient, child).Guarantor == head  # type: ignore[union-attr]


def test_unknown_guarantor_is_rejected(db: Database, practice: Practice) -> None:
    with pytest.raises(ReferenceNotFound) as caught:
        make_patient(db, Guarantor=999999)
    assert caught.value.field == "Guarantor"
    assert count(db, Patient) == 0


def test_primary_provider_defaults_to_the_first_dentist(db: Database, practice: Practice) -> None:
    pat_num = make_patient(db)
    with db.read() as session:
        assert session.get(Patient, pat_num).PriProv == practice.dentist  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("field", "value_of"),
    [
        ("PriProv", lambda p: p.hidden_provider),
        ("PriProv", lambda p: 999999),
        ("SecProv", lambda p: p.hidden_provider),
        ("ClinicNum", lambda p: 999999),
        ("BillingType", lambda p: p.defs["PaymentTypes"][0]),
    ],
)
def test_references_must_exist_and_be_visible(
    db: Database, practice: Practice, field: str, value_of: object
) -> None:
    value = value_of(practice)  # type: ignore[operator]
    with pytest.raises(InvalidInput) as caught:
        make_patient(db, **{field: value})
    assert caught.value.field == field
    assert caught.value.status == 400
    assert count(db, Patient) == 0


def test_create_is_logged_with_program_user_and_address(db: Database, practice: Practice) -> None:
    pat_num = make_patient(db, integration_actor(), LName="Nguyen", FName="Hoa")
    with db.read() as session:
        entries = log_entries(session, PermType=EnumPermType.PatientCreate)
    assert len(entries) == 1
    entry = entries[0]
    assert entry.PatNum == pat_num
    assert entry.FKey == pat_num
    assert entry.LogSource is LogSources.API
    assert entry.CompName == "203.0.113.9"
    assert entry.UserNum == 7
    assert entry.ActorKind == "integration"
    assert entry.ActorName == "Reminder Pro"
    assert entry.RequestId == "req-42"
    assert "Nguyen, Hoa" in entry.LogText
    assert "integration 'Reminder Pro' for user jdoe" in entry.LogText
    assert (dt.datetime.now() - entry.LogDateTime) < dt.timedelta(minutes=1)


def test_edit_logs_old_and_new_values_but_never_the_ssn(db: Database, practice: Practice) -> None:
    pat_num = make_patient(db, SSN="123456789", City="Eugene")
    with db.write() as session:
        update_patient(
            session,
            ACTOR,
            pat_num,
            PatientData(City="Salem", SSN="987654321", Gender=PatientGender.Female),
        )
    with db.read() as session:
        patient = session.get(Patient, pat_num)
        assert patient is not None
        assert (patient.City, patient.SSN, patient.Gender) == (
            "Salem",
            "987654321",
            PatientGender.Female,
        )
        entries = log_entries(session, PermType=EnumPermType.PatientEdit)
    assert len(entries) == 1
    text = entries[0].LogText
    assert "City 'Eugene' -> 'Salem'" in text
    assert "Gender 'Unknown' -> 'Female'" in text
    assert "SSN changed" in text
    assert "123456789" not in text and "987654321" not in text


def test_edit_without_changes_writes_no_log(db: Database, practice: Practice) -> None:
    pat_num = make_patient(db, City="Eugene")
    with db.write() as session:
        update_patient(session, ACTOR, pat_num, PatientData(City="Eugene"))
    with db.read() as session:
        assert log_entries(session, PermType=EnumPermType.PatientEdit) == []


def test_missing_permission_is_refused_and_nothing_is_written(
    db: Database, practice: Practice
) -> None:
    reader = integration_actor(permissions=frozenset({EnumPermType.PatientEdit}))
    logs_before = count(db, SecurityLog)
    with pytest.raises(PermissionDenied) as caught:
        make_patient(db, reader)
    assert caught.value.status == 403
    assert "PatientCreate" in caught.value.message
    assert count(db, Patient) == 0
    assert count(db, SecurityLog) == logs_before


def test_services_refuse_a_session_no_edge_opened(db: Database, practice: Practice) -> None:
    with db.read() as session, pytest.raises(EdgeMissing):
        create_patient(session, ACTOR, PatientData(LName="A", FName="B"))  # type: ignore[arg-type]
