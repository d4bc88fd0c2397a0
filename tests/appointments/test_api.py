"""GET /api/v1/appointments over HTTP, as an Open Dental client reads and syncs them."""

from __future__ import annotations

import datetime as dt

from enamel.appointments.service import AppointmentData, update_appointment
from enamel.models import Appointment
from enamel.models.enums import ApptStatus
from tests.apiclient import Api
from tests.appointments.api_support import FIELDS, RW, add_rows, apt_nums, when
from tests.factories import ACTOR, Practice, days_from_today, make_appointment, make_patient


def test_get_one_has_open_dentals_fields_in_order_and_types(api: Api, practice: Practice) -> None:
    pat = make_patient(api.db)
    start = days_from_today(3, hour=8, minute=30)
    apt = make_appointment(api.db, pat, practice.op, start, "//XXXX//")
    response = api.get(f"/appointments/{apt}", api.integration(*RW))
    assert response.status_code == 200
    body = response.json()
    assert list(body) == FIELDS
    assert body["AptNum"] == apt and body["PatNum"] == pat and body["Op"] == practice.op
    assert body["AptStatus"] == "Scheduled"
    assert body["Pattern"] == "//XXXX//"
    assert body["Confirmed"] == practice.defs["ApptConfirmed"][0]
    assert body["confirmed"] == "Unconfirmed"
    assert body["ProvNum"] == practice.dentist and body["provAbbr"] == "DOC1"
    assert body["AptDateTime"] == when(start)
    assert body["TimeLocked"] == "false" and body["IsHygiene"] == "false"
    assert body["IsNewPatient"] == "false"
    assert body["UnschedStatus"] == 0 and body["unschedStatus"] == ""
    assert body["DateTimeArrived"] == "0001-01-01 00:00:00"
    assert body["DateTimeAskedToArrive"] == "0001-01-01 00:00:00"
    assert body["colorOverride"] == "0,0,0"
    assert body["Priority"] == "Normal"
    assert body["ProcDescript"] == "" and body["PatternSecondary"] == ""
    for name in ("serverDateTime", "DateTStamp", "SecDateTEntry"):
        assert dt.datetime.strptime(body[name], "%Y-%m-%d %H:%M:%S"), name
    assert None not in body.values()


def test_a_stored_color_is_sent_as_r_g_b(api: Api, practice: Practice) -> None:
    apt = make_appointment(api.db, make_patient(api.db), practice.op, days_from_today(1))
    with api.db.write() as session:
        # Open Dental keeps a .NET ARGB int: opaque (alpha 255) red 100, green 0, blue 255
        session.get_one(Appointment, apt).ColorOverride = (255 << 24 | 100 << 16 | 255) - 2**32
    body = api.get(f"/appointments/{apt}", api.integration(*RW)).json()
    assert body["colorOverride"] == "100,0,255"


def test_unknown_appointment_is_404_and_a_bad_id_is_400(api: Api) -> None:
    headers = api.integration(*RW)
    missing = api.get("/appointments/424242", headers)
    assert missing.status_code == 404
    assert "424242" in missing.json()["message"]
    assert api.get("/appointments/abc", headers).status_code == 400
    assert api.get(f"/appointments/{2**63}", headers).status_code == 400


def test_list_pages_by_100_in_aptnum_order(api: Api, practice: Practice) -> None:
    add_rows(api, make_patient(api.db), practice.op, 150)
    headers = api.integration(*RW)
    first = api.get("/appointments", headers).json()
    second = api.get("/appointments", headers, Offset=100).json()
    assert len(first) == 100 and len(second) == 50
    nums = apt_nums(first + second)
    assert nums == sorted(nums) and len(set(nums)) == 150
    assert list(first[0]) == FIELDS
    assert {row["serverDateTime"] for row in first} == {first[0]["serverDateTime"]}
    assert apt_nums(api.get("/appointments", headers, Limit=7, Offset=3).json()) == nums[3:10]
    assert api.get("/appointments", headers, Offset=150).json() == []
    assert api.get("/appointments", headers, Limit=0).status_code == 400
    assert api.get("/appointments", headers, Offset=-1).status_code == 400


def test_limit_is_capped_at_1000(api: Api, practice: Practice) -> None:
    add_rows(api, make_patient(api.db), practice.op, 1005)
    assert len(api.get("/appointments", api.integration(*RW), Limit=5000).json()) == 1000


def test_each_filter_narrows_the_list(api: Api, practice: Practice) -> None:
    ann, bob = make_patient(api.db, FName="Ann"), make_patient(api.db, FName="Bob")
    day = days_from_today(10).date()

    def at(days: int, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(day + dt.timedelta(days=days), dt.time(hour, minute))

    early = make_appointment(api.db, ann, practice.op, at(0, 0))
    late = make_appointment(api.db, bob, practice.op2, at(0, 23, 30), "XXXXXX")
    next_day = make_appointment(api.db, ann, practice.op, at(1, 9), ClinicNum=practice.clinic)
    unscheduled = make_appointment(
        api.db, bob, practice.op, at(2, 9), AptStatus=ApptStatus.UnschedList
    )
    broken = make_appointment(api.db, ann, practice.op2, at(3, 9))
    with api.db.write() as session:
        update_appointment(session, ACTOR, broken, AppointmentData(AptStatus=ApptStatus.Broken))
    headers = api.integration("appointments:read")

    def nums(**params: object) -> list[int]:
        response = api.get("/appointments", headers, **params)
        assert response.status_code == 200, (params, response.text)
        return apt_nums(response.json())

    assert nums() == [early, late, next_day, unscheduled, broken]
    assert nums(PatNum=ann) == [early, next_day, broken]
    assert nums(PatNum=bob, Op=practice.op) == [unscheduled]
    assert nums(Op=practice.op2) == [late, broken]
    assert nums(AptStatus="Scheduled") == [early, late, next_day]
    assert nums(AptStatus="UnschedList") == [unscheduled]
    assert nums(AptStatus="Broken") == [broken]
    assert nums(AptStatus="Complete") == []
    assert nums(date=day.isoformat()) == [early, late]
    assert nums(dateStart=day.isoformat(), dateEnd=day.isoformat()) == [early, late]
    two_days = (day + dt.timedelta(days=1)).isoformat()
    assert nums(dateStart=two_days) == [next_day, unscheduled, broken]
    assert nums(dateEnd=two_days) == [early, late, next_day]
    assert nums(dateStart=day.isoformat(), dateEnd=two_days, PatNum=ann) == [early, next_day]
    assert nums(ClinicNum=practice.clinic) == [next_day]
    assert nums(ClinicNum=0) == [early, late, unscheduled, broken]
    assert nums(AppointmentTypeNum=0) == nums()
    assert nums(date="9999-12-31") == [] and nums(dateEnd="9999-12-31") == nums()


def test_bad_filters_are_400_naming_the_parameter(api: Api) -> None:
    headers = api.integration(*RW)
    for params, field in (
        ({"AptStatus": "scheduled"}, "AptStatus"),
        ({"AptStatus": "Booked"}, "AptStatus"),
        ({"date": "2024-7-31"}, "date"),
        ({"date": "07/31/2024"}, "date"),
        ({"dateStart": "2024-02-30"}, "dateStart"),
        ({"dateEnd": "tomorrow"}, "dateEnd"),
        ({"dateStart": "2024-08-02", "dateEnd": "2024-07-30"}, "dateEnd"),
        ({"PatNum": "x"}, "PatNum"),
        ({"Op": "-1"}, "Op"),
        ({"ClinicNum": str(2**63)}, "ClinicNum"),
        ({"DateTStamp": "2024-07-30"}, "DateTStamp"),
    ):
        response = api.get("/appointments", headers, **params)
        assert response.status_code == 400, params
        assert response.json()["field"] == field, (params, response.json())
        assert response.json()["message"]


def test_datetstamp_gives_rows_changed_at_or_after_it(api: Api, practice: Practice) -> None:
    pat = make_patient(api.db)
    a, b, c = (
        make_appointment(api.db, pat, practice.op, days_from_today(5, hour=h)) for h in (8, 9, 10)
    )
    with api.db.write() as session:
        session.get_one(Appointment, a).DateTStamp = dt.datetime(2021, 5, 4, 9, 32, 44)
        session.get_one(Appointment, b).DateTStamp = dt.datetime(2021, 5, 4, 9, 32, 45)
        session.get_one(Appointment, c).DateTStamp = dt.datetime(2021, 5, 4, 9, 32, 46)
    headers = api.integration(*RW)
    assert apt_nums(api.get("/appointments", headers, DateTStamp="2021-05-04 09:32:45").json()) == [
        b,
        c,
    ]
    rows = api.get("/appointments", headers).json()
    since = rows[0]["serverDateTime"]
    assert dt.datetime.strptime(since, "%Y-%m-%d %H:%M:%S") >= dt.datetime(2021, 5, 4, 9, 32, 46)
    assert api.get("/appointments", headers, DateTStamp=since).json() == []
    assert api.put(f"/appointments/{b}", headers, {"Note": "moved up"}).status_code == 200
    changed = api.get("/appointments", headers, DateTStamp=since).json()
    assert apt_nums(changed) == [b] and changed[0]["Note"] == "moved up"
    assert list(changed[0]) == FIELDS


def test_reading_needs_the_read_scope(api: Api, practice: Practice) -> None:
    apt = make_appointment(api.db, make_patient(api.db), practice.op, days_from_today(1))
    for headers in (
        api.integration("appointments:write", name="Writer"),
        api.integration("patients:read", name="Patients only"),
    ):
        for path in ("/appointments", f"/appointments/{apt}"):
            response = api.get(path, headers)
            assert response.status_code == 403
            assert "appointments:read" in response.json()["message"]
    everything = api.integration("*:read", name="Dashboard")
    assert api.get(f"/appointments/{apt}", everything).status_code == 200
