"""POST and PUT /api/v1/appointments over HTTP: booking, changing, refusing bad input."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from enamel.models import Appointment, SecurityLog, Userod
from enamel.models.enums import EnumPermType, LogSources
from tests.apiclient import Api
from tests.appointments.api_support import FIELDS, RW, when
from tests.factories import Practice, count, days_from_today, make_appointment, make_patient

START = days_from_today(7, hour=9)


def creations(api: Api) -> int:
    return count(api.db, SecurityLog, SecurityLog.PermType == EnumPermType.AppointmentCreate)


def test_post_books_and_answers_201_location_and_the_object(api: Api, practice: Practice) -> None:
    pat = make_patient(api.db)
    headers = api.integration(*RW)
    confirmed = practice.defs["ApptConfirmed"][1]
    response = api.post(
        "/appointments",
        headers,
        {
            "PatNum": pat,
            "Op": practice.hygiene_op,
            "AptDateTime": when(START),
            "Pattern": "/XX/XX/",
            "Confirmed": confirmed,
            "Note": "Bring x-rays",
            "IsHygiene": "true",
            "IsNewPatient": "false",
            "Priority": "ASAP",
            "ProvNum": practice.dentist2,
        },
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert list(body) == FIELDS
    apt = body["AptNum"]
    assert response.headers["Location"].endswith(f"/api/v1/appointments/{apt}")
    assert body["AptStatus"] == "Scheduled" and body["AptDateTime"] == when(START)
    assert body["Pattern"] == "/XX/XX/"
    assert body["Confirmed"] == confirmed and body["confirmed"] == "Confirmed"
    assert body["Note"] == "Bring x-rays"
    assert body["IsHygiene"] == "true" and body["Priority"] == "ASAP"
    assert body["ProvNum"] == practice.dentist2 and body["provAbbr"] == "DOC2"
    assert body["ProvHyg"] == practice.hygienist  # the hygiene operatory's hygienist
    again = api.get(f"/appointments/{apt}", headers).json()
    assert {**again, "serverDateTime": ""} == {**body, "serverDateTime": ""}
    assert creations(api) == 1


def test_post_fills_open_dentals_defaults(api: Api, practice: Practice) -> None:
    pat = make_patient(api.db)
    body = {"PatNum": pat, "Op": practice.op, "AptDateTime": when(START)}
    created = api.post("/appointments", api.integration(*RW), body).json()
    assert created["AptStatus"] == "Scheduled"
    assert created["Pattern"] == "/XX/"
    assert created["confirmed"] == "Unconfirmed"
    assert created["ProvNum"] == practice.dentist and created["provAbbr"] == "DOC1"
    assert created["IsHygiene"] == "false" and created["Priority"] == "Normal"
    assert created["ClinicNum"] == 0 and created["ProvHyg"] == 0


def test_post_takes_status_labels_open_dental_allows_on_create(
    api: Api, practice: Practice
) -> None:
    pat = make_patient(api.db)
    headers = api.integration(*RW)
    base = {"PatNum": pat, "Op": practice.op, "AptDateTime": when(START)}
    unsched = api.post("/appointments", headers, {**base, "AptStatus": "UnschedList"})
    assert unsched.status_code == 201 and unsched.json()["AptStatus"] == "UnschedList"
    yesterday = when(days_from_today(-1, hour=9))
    done = api.post(
        "/appointments", headers, {**base, "AptDateTime": yesterday, "AptStatus": "Complete"}
    )
    assert done.status_code == 201 and done.json()["AptStatus"] == "Complete"
    broken = api.post("/appointments", headers, {**base, "AptStatus": "Broken"})
    assert broken.status_code == 400 and broken.json()["field"] == "AptStatus"
    assert count(api.db, Appointment) == 2


def test_overlapping_booking_is_409_and_nothing_is_written(api: Api, practice: Practice) -> None:
    pat = make_patient(api.db)
    headers = api.integration(*RW)
    body = {"PatNum": pat, "Op": practice.op, "AptDateTime": when(START), "Pattern": "XXXX"}
    assert api.post("/appointments", headers, body).status_code == 201
    clash = {**body, "AptDateTime": when(START + dt.timedelta(minutes=10))}
    response = api.post("/appointments", headers, clash)
    assert response.status_code == 409
    assert response.json()["error"] == "slot_taken"
    assert response.json()["field"] == "AptDateTime"
    assert f"operatory {practice.op}" in response.json()["message"]
    assert count(api.db, Appointment) == 1 and creations(api) == 1
    after = {**body, "AptDateTime": when(START + dt.timedelta(minutes=20))}
    assert api.post("/appointments", headers, after).status_code == 201
    other_op = {**clash, "Op": practice.op2}
    assert api.post("/appointments", headers, other_op).status_code == 201


def test_bad_input_is_400_naming_the_field_and_nothing_is_written(
    api: Api, practice: Practice
) -> None:
    pat = make_patient(api.db)
    headers = api.integration(*RW)
    ok = {"PatNum": pat, "Op": practice.op, "AptDateTime": when(START)}
    payment_type = practice.defs["PaymentTypes"][0]
    cases = [
        ({"Op": practice.op, "AptDateTime": when(START)}, "PatNum"),
        ({"PatNum": pat, "AptDateTime": when(START)}, "Op"),
        ({"PatNum": pat, "Op": practice.op}, "AptDateTime"),
        ({**ok, "PatNum": 999999}, "PatNum"),
        ({**ok, "PatNum": "abc"}, "PatNum"),
        ({**ok, "Op": 999999}, "Op"),
        ({**ok, "Op": practice.hidden_op}, "Op"),
        ({**ok, "AptDateTime": START.strftime("%m/%d/%Y %H:%M")}, "AptDateTime"),
        ({**ok, "AptDateTime": START.date().isoformat()}, "AptDateTime"),
        ({**ok, "AptDateTime": "9999-12-31 23:00:00"}, "AptDateTime"),
        ({**ok, "AptStatus": "scheduled"}, "AptStatus"),
        ({**ok, "AptStatus": 1}, "AptStatus"),
        ({**ok, "Priority": "High"}, "Priority"),
        ({**ok, "IsHygiene": "yes"}, "IsHygiene"),
        ({**ok, "Pattern": "XXQ"}, "Pattern"),
        ({**ok, "Pattern": "X" * 300}, "Pattern"),
        ({**ok, "Confirmed": payment_type}, "Confirmed"),
        ({**ok, "ProvNum": practice.hidden_provider}, "ProvNum"),
        ({**ok, "ClinicNum": 999999}, "ClinicNum"),
        ({**ok, "Note": "a\x00b"}, "Note"),
        ({**ok, "Nickname": "x"}, "Nickname"),
        ({**ok, "ProcDescript": "Ex"}, "ProcDescript"),
        ({**ok, "colorOverride": "100,0,255"}, "colorOverride"),
    ]
    for body, field in cases:
        response = api.post("/appointments", headers, body)
        assert response.status_code == 400, (body, response.text)
        assert response.json()["field"] == field, (body, response.json())
        assert response.json()["message"]
    assert count(api.db, Appointment) == 0 and creations(api) == 0


def test_put_changes_only_the_fields_sent_and_answers_the_object(
    api: Api, practice: Practice
) -> None:
    pat = make_patient(api.db)
    apt = make_appointment(api.db, pat, practice.op, START, Note="First visit")
    headers = api.integration(*RW)
    response = api.put(
        f"/appointments/{apt}", headers, {"Priority": "ASAP", "IsNewPatient": "true"}
    )
    assert response.status_code == 200
    body = response.json()
    assert list(body) == FIELDS
    assert body["Priority"] == "ASAP" and body["IsNewPatient"] == "true"
    assert body["Note"] == "First visit" and body["AptDateTime"] == when(START)
    overwritten = api.put(f"/appointments/{apt}", headers, {"Note": "Second"}).json()
    assert overwritten["Note"] == "Second"
    later = START + dt.timedelta(hours=2)
    moved = api.put(
        f"/appointments/{apt}", headers, {"AptDateTime": when(later), "Op": practice.op2}
    ).json()
    assert moved["AptDateTime"] == when(later) and moved["Op"] == practice.op2
    assert moved["Note"] == "Second" and moved["Priority"] == "ASAP"
    with api.db.read() as session:
        moves = session.scalars(
            select(SecurityLog.LogText).where(SecurityLog.PermType == EnumPermType.AppointmentMove)
        ).all()
    assert len(moves) == 1 and "moved from" in moves[0]


def test_put_onto_a_taken_slot_is_409_and_changes_nothing(api: Api, practice: Practice) -> None:
    pat = make_patient(api.db)
    taken = make_appointment(api.db, pat, practice.op, START)
    apt = make_appointment(api.db, pat, practice.op2, START)
    headers = api.integration(*RW)
    response = api.put(f"/appointments/{apt}", headers, {"Op": practice.op, "Note": "squeeze in"})
    assert response.status_code == 409 and response.json()["error"] == "slot_taken"
    assert str(taken) in response.json()["message"]
    unchanged = api.get(f"/appointments/{apt}", headers).json()
    assert unchanged["Op"] == practice.op2 and unchanged["Note"] == ""


def test_put_refuses_bad_changes_and_unknown_appointments(api: Api, practice: Practice) -> None:
    apt = make_appointment(api.db, make_patient(api.db), practice.op, START)
    headers = api.integration(*RW)
    for body, status, field in (
        ({"PatNum": 1}, 400, "PatNum"),
        ({"AptStatus": "Planned"}, 409, "AptStatus"),
        ({"AptStatus": "Complete"}, 409, "AptStatus"),  # a future appointment
        ({"Op": 0}, 400, "Op"),
        ({"DateTStamp": "2021-01-01 00:00:00"}, 400, "DateTStamp"),
    ):
        response = api.put(f"/appointments/{apt}", headers, body)
        assert response.status_code == status, (body, response.text)
        assert response.json()["field"] == field, (body, response.json())
    assert api.get(f"/appointments/{apt}", headers).json()["AptStatus"] == "Scheduled"
    missing = api.put("/appointments/999999", headers, {"Note": "x"})
    assert missing.status_code == 404 and "999999" in missing.json()["message"]


def test_a_read_only_key_cannot_write_and_nothing_changes(api: Api, practice: Practice) -> None:
    pat = make_patient(api.db)
    apt = make_appointment(api.db, pat, practice.op, START)
    reader = api.integration("appointments:read", "patients:write")
    body = {"PatNum": pat, "Op": practice.op2, "AptDateTime": when(START)}
    for method, path, payload in (
        (api.post, "/appointments", body),
        (api.put, f"/appointments/{apt}", {"Note": "x"}),
        (api.put, f"/appointments/{apt}/Break", {"sendToUnscheduledList": "true"}),
        (api.put, f"/appointments/{apt}/Note", {"Note": "x"}),
        (api.put, f"/appointments/{apt}/Confirm", {"confirmVal": "Confirmed"}),
    ):
        response = method(path, reader, payload)
        assert response.status_code == 403, path
        assert response.json()["error"] == "scope_missing"
        assert "appointments:write" in response.json()["message"]
    row = api.get(f"/appointments/{apt}", reader).json()
    assert row["AptStatus"] == "Scheduled" and row["Note"] == ""
    assert row["confirmed"] == "Unconfirmed"
    assert count(api.db, Appointment) == 1


def test_writes_are_logged_with_the_integration_user_address_and_request_id(
    api: Api, practice: Practice
) -> None:
    with api.db.write() as session:
        session.add(Userod(UserName="jdoe"))
    pat = make_patient(api.db)
    headers = {**api.integration(*RW), "X-Enamel-User": "jdoe", "X-Request-Id": "req-88"}
    body = {"PatNum": pat, "Op": practice.op, "AptDateTime": when(START)}
    apt = api.post("/appointments", headers, body).json()["AptNum"]
    broke = api.put(f"/appointments/{apt}/Break", headers, {"sendToUnscheduledList": "false"})
    assert broke.status_code == 200
    with api.db.read() as session:
        user_num = session.scalar(select(Userod.UserNum).where(Userod.UserName == "jdoe"))
        entries = session.scalars(
            select(SecurityLog)
            .where(
                SecurityLog.FKey == apt,
                SecurityLog.PermType.in_(
                    (EnumPermType.AppointmentCreate, EnumPermType.AppointmentEdit)
                ),
            )
            .order_by(SecurityLog.SecurityLogNum)
        ).all()
    assert [e.PermType for e in entries] == [
        EnumPermType.AppointmentCreate,
        EnumPermType.AppointmentEdit,
    ]
    assert "Scheduled -> Broken" in entries[1].LogText
    for entry in entries:
        assert entry.PatNum == pat and entry.LogSource is LogSources.API
        assert entry.ActorKind == "integration" and entry.ActorName == "Reminder Pro"
        assert entry.UserNum == user_num
        assert entry.RequestId == "req-88"
        assert entry.CompName == "testclient"
        assert entry.LogText.endswith("By integration 'Reminder Pro' for user jdoe.")
