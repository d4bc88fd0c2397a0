"""The action routes: PUT /appointments/{AptNum}/Break, /Note and /Confirm over HTTP."""

from __future__ import annotations

from typing import Any

from enamel.models import Appointment
from enamel.models.enums import ApptStatus
from tests.apiclient import Api
from tests.appointments.api_support import FIELDS, RW, when
from tests.factories import Practice, count, days_from_today, make_appointment, make_patient

START = days_from_today(7, hour=9)
UNSCHEDULE = {"sendToUnscheduledList": "true"}


def book(api: Api, practice: Practice, **fields: Any) -> int:
    return make_appointment(api.db, make_patient(api.db), practice.op, START, **fields)


def test_break_to_the_unscheduled_list_frees_the_slot(api: Api, practice: Practice) -> None:
    apt = book(api, practice)
    headers = api.integration(*RW)
    response = api.put(f"/appointments/{apt}/Break", headers, UNSCHEDULE)
    assert response.status_code == 200
    body = response.json()
    assert list(body) == FIELDS
    assert body["AptNum"] == apt and body["AptStatus"] == "UnschedList"
    listed = api.get("/appointments", headers, AptStatus="UnschedList").json()
    assert [row["AptNum"] for row in listed] == [apt]
    again = {"PatNum": body["PatNum"], "Op": practice.op, "AptDateTime": when(START)}
    assert api.post("/appointments", headers, again).status_code == 201


def test_break_without_the_list_leaves_it_broken_on_the_book(api: Api, practice: Practice) -> None:
    apt = book(api, practice)
    headers = api.integration(*RW)
    response = api.put(f"/appointments/{apt}/Break", headers, {"sendToUnscheduledList": False})
    assert response.status_code == 200
    assert response.json()["AptStatus"] == "Broken"
    assert response.json()["AptDateTime"] == when(START)
    assert response.json()["Op"] == practice.op


def test_only_a_scheduled_appointment_can_be_broken(api: Api, practice: Practice) -> None:
    apt = book(api, practice)
    done = make_appointment(
        api.db,
        make_patient(api.db),
        practice.op2,
        days_from_today(-1),
        AptStatus=ApptStatus.Complete,
    )
    headers = api.integration(*RW)
    assert api.put(f"/appointments/{apt}/Break", headers, UNSCHEDULE).status_code == 200
    for num in (apt, done):
        response = api.put(f"/appointments/{num}/Break", headers, UNSCHEDULE)
        assert response.status_code == 409
        assert response.json()["error"] == "invalid_transition"
        assert "only a scheduled appointment" in response.json()["message"]
    assert api.get(f"/appointments/{done}", headers).json()["AptStatus"] == "Complete"
    assert api.put("/appointments/999999/Break", headers, UNSCHEDULE).status_code == 404


def test_break_needs_send_to_unscheduled_list_and_refuses_break_types(
    api: Api, practice: Practice
) -> None:
    apt = book(api, practice)
    headers = api.integration(*RW)
    for body, field in (
        ({}, "sendToUnscheduledList"),
        ({"sendToUnscheduledList": "yes"}, "sendToUnscheduledList"),
        ({"sendToUnscheduledList": "false", "breakType": "Missed"}, "breakType"),
        ({"sendToUnscheduledList": "true", "breakType": "Cancelled"}, "breakType"),
        ({"sendToUnscheduledList": "true", "breakType": "Late"}, "breakType"),
        ({**UNSCHEDULE, "reason": "sick"}, "reason"),
    ):
        response = api.put(f"/appointments/{apt}/Break", headers, body)
        assert response.status_code == 400, body
        assert response.json()["field"] == field, (body, response.json())
    refused = api.put(
        f"/appointments/{apt}/Break", headers, {**UNSCHEDULE, "breakType": "Missed"}
    ).json()
    assert "D9986" in refused["message"]
    assert api.get(f"/appointments/{apt}", headers).json()["AptStatus"] == "Scheduled"


def test_note_is_appended_after_a_line_break(api: Api, practice: Practice) -> None:
    apt = book(api, practice)
    headers = api.integration(*RW)
    first = api.put(f"/appointments/{apt}/Note", headers, {"Note": "Requests reschedule"})
    assert first.status_code == 200
    assert list(first.json()) == FIELDS
    assert first.json()["Note"] == "Requests reschedule"
    second = api.put(f"/appointments/{apt}/Note", headers, {"Note": "Called back"}).json()
    assert second["Note"] == "Requests reschedule\r\nCalled back"
    assert second["AptStatus"] == "Scheduled"


def test_note_refuses_an_empty_or_missing_note(api: Api, practice: Practice) -> None:
    apt = book(api, practice, Note="Keep")
    headers = api.integration(*RW)
    for body in ({}, {"Note": ""}, {"Note": "   "}, {"Note": 5}, {"Note": "a\x00b"}):
        response = api.put(f"/appointments/{apt}/Note", headers, body)
        assert response.status_code == 400, body
        assert response.json()["field"] == "Note"
    extra = api.put(f"/appointments/{apt}/Note", headers, {"Note": "x", "Append": "true"})
    assert extra.status_code == 400 and extra.json()["field"] == "Append"
    assert api.get(f"/appointments/{apt}", headers).json()["Note"] == "Keep"
    assert api.put("/appointments/999999/Note", headers, {"Note": "x"}).status_code == 404


def test_confirm_by_name_by_defnum_and_none_for_the_first(api: Api, practice: Practice) -> None:
    apt = book(api, practice)
    unconfirmed, confirmed = practice.defs["ApptConfirmed"]
    headers = api.integration(*RW)
    by_name = api.put(f"/appointments/{apt}/Confirm", headers, {"confirmVal": "Confirmed"})
    assert by_name.status_code == 200
    assert list(by_name.json()) == FIELDS
    assert by_name.json()["Confirmed"] == confirmed
    assert by_name.json()["confirmed"] == "Confirmed"
    none = api.put(f"/appointments/{apt}/Confirm", headers, {"confirmVal": "None"}).json()
    assert none["Confirmed"] == unconfirmed and none["confirmed"] == "Unconfirmed"
    by_num = api.put(f"/appointments/{apt}/Confirm", headers, {"defNum": confirmed}).json()
    assert by_num["confirmed"] == "Confirmed"


def test_confirm_takes_exactly_one_known_confirmation(api: Api, practice: Practice) -> None:
    apt = book(api, practice)
    confirmed = practice.defs["ApptConfirmed"][1]
    payment_type = practice.defs["PaymentTypes"][0]
    headers = api.integration(*RW)
    for body, field in (
        ({}, "confirmVal"),
        ({"confirmVal": "Confirmed", "defNum": confirmed}, "confirmVal"),
        ({"confirmVal": "Maybe"}, "confirmVal"),
        ({"defNum": payment_type}, "defNum"),
        ({"defNum": 999999}, "defNum"),
        ({"defNum": "abc"}, "defNum"),
        ({"Confirmed": confirmed}, "Confirmed"),
    ):
        response = api.put(f"/appointments/{apt}/Confirm", headers, body)
        assert response.status_code == 400, body
        assert response.json()["field"] == field, (body, response.json())
    assert api.get(f"/appointments/{apt}", headers).json()["confirmed"] == "Unconfirmed"
    missing = api.put("/appointments/999999/Confirm", headers, {"defNum": confirmed})
    assert missing.status_code == 404
    assert count(api.db, Appointment) == 1
