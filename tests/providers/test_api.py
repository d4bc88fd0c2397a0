"""/api/v1/providers over HTTP, as an Open Dental client uses it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

from enamel.models import Provider, SecurityLog, Userod
from enamel.models.enums import EnumPermType, LogSources, ProviderStatus
from tests.apiclient import Api
from tests.factories import Practice, count

# Open Dental's documented GET /providers/{ProvNum}, in its order
# (opendental.com/site/apiproviders.html).
PROVIDER_FIELDS = (
    "ProvNum Abbr LName FName MI Suffix FeeSched Specialty SSN StateLicense IsSecondary "
    "provColor IsHidden UsingTIN SigOnFile NationalProvID DateTStamp IsNotPerson ProvStatus "
    "IsHiddenReport Birthdate SchedNote PreferredName serverDateTime"
).split()

RW = ("providers:read", "providers:write")
TIME = "%Y-%m-%d %H:%M:%S"


def test_get_one_provider_has_open_dentals_fields_in_order_and_types(
    api: Api, practice: Practice
) -> None:
    response = api.get(f"/providers/{practice.hygienist}", api.integration(*RW))
    assert response.status_code == 200
    body = response.json()
    assert list(body) == PROVIDER_FIELDS
    assert body["ProvNum"] == practice.hygienist
    assert body["Abbr"] == "HYG1" and body["LName"] == "Cole" and body["FName"] == ""
    assert body["IsSecondary"] == "true" and body["IsHidden"] == "false"
    assert body["IsNotPerson"] == "false" and body["IsHiddenReport"] == "false"
    assert body["ProvStatus"] == "Active"
    assert body["provColor"] == "0,0,0"
    assert body["UsingTIN"] == "false" and body["SigOnFile"] == "false"
    assert body["Birthdate"] == "0001-01-01" and body["SchedNote"] == ""
    assert body["FeeSched"] == 0 and body["Specialty"] == 0
    assert dt.datetime.strptime(body["DateTStamp"], TIME)
    assert dt.datetime.strptime(body["serverDateTime"], TIME)
    assert None not in body.values()


def test_provider_colour_is_r_g_b_and_a_deleted_provider_says_deleted(
    api: Api, practice: Practice
) -> None:
    argb = (0xFF << 24 | 164 << 16 | 164 << 8 | 255) - (1 << 32)  # .NET Color.ToArgb()
    with api.db.write() as session:
        session.execute(
            update(Provider)
            .where(Provider.ProvNum == practice.dentist2)
            .values(ProvColor=argb, ProvStatus=ProviderStatus.Deleted)
        )
    body = api.get(f"/providers/{practice.dentist2}", api.integration(*RW)).json()
    assert body["provColor"] == "164,164,255"
    assert body["ProvStatus"] == "Deleted"


def test_unknown_provider_is_404_and_a_bad_id_is_400(api: Api) -> None:
    headers = api.integration(*RW)
    missing = api.get("/providers/424242", headers)
    assert missing.status_code == 404
    assert "424242" in missing.json()["message"]
    for bad in ("abc", "-1", str(2**63)):
        response = api.get(f"/providers/{bad}", headers)
        assert response.status_code == 400, bad
        assert response.json()["field"] == "ProvNum"


def test_list_pages_by_100_in_provnum_order(api: Api) -> None:
    with api.db.write() as session:
        session.add_all(Provider(Abbr=f"P{i:03}", LName="X") for i in range(150))
    headers = api.integration(*RW)
    first = api.get("/providers", headers).json()
    second = api.get("/providers", headers, Offset=100).json()
    assert len(first) == 100 and len(second) == 50
    nums = [p["ProvNum"] for p in first + second]
    assert nums == sorted(nums) and len(set(nums)) == 150
    assert all(list(p) == PROVIDER_FIELDS for p in first)
    assert len({p["serverDateTime"] for p in first}) == 1
    window = api.get("/providers", headers, Limit=7, Offset=3).json()
    assert [p["ProvNum"] for p in window] == nums[3:10]
    assert api.get("/providers", headers, Limit=0).status_code == 400
    assert api.get("/providers", headers, Offset=-1).status_code == 400


def test_datetstamp_gives_providers_changed_since_the_last_server_time(
    api: Api, practice: Practice
) -> None:
    with api.db.write() as session:
        session.execute(update(Provider).values(DateTStamp=dt.datetime(2020, 1, 1, 8, 0, 0)))
    headers = api.integration(*RW)
    everyone = api.get("/providers", headers).json()
    assert len(everyone) == 4
    since = everyone[0]["serverDateTime"]
    assert api.get("/providers", headers, DateTStamp=since).json() == []
    assert len(api.get("/providers", headers, DateTStamp="2020-01-01 08:00:00").json()) == 4
    assert api.get("/providers", headers, DateTStamp="2020-01-01 08:00:01").json() == []
    api.put(f"/providers/{practice.dentist2}", headers, {"FName": "Mia"})
    changed = api.get("/providers", headers, DateTStamp=since).json()
    assert [p["ProvNum"] for p in changed] == [practice.dentist2]


def test_a_bad_datetstamp_is_400_with_open_dentals_message(api: Api) -> None:
    headers = api.integration(*RW)
    for bad in ("2021-07-01", "07/01/2021 10:00:00", "2021-13-01 10:00:00", "yesterday"):
        response = api.get("/providers", headers, DateTStamp=bad)
        assert response.status_code == 400, bad
        assert response.json()["message"] == "DateTStamp format must be yyyy-MM-dd HH:mm:ss"
        assert response.json()["field"] == "DateTStamp"


def test_clinicnum_gives_the_visible_providers_and_an_unknown_clinic_is_404(
    api: Api, practice: Practice
) -> None:
    headers = api.integration(*RW)
    everyone = [p["ProvNum"] for p in api.get("/providers", headers).json()]
    assert practice.hidden_provider in everyone
    visible = api.get("/providers", headers, ClinicNum=practice.clinic).json()
    assert [p["ProvNum"] for p in visible] == [
        practice.dentist,
        practice.dentist2,
        practice.hygienist,
    ]
    assert all(list(p) == PROVIDER_FIELDS for p in visible)
    assert [p["ProvNum"] for p in api.get("/providers", headers, ClinicNum=0).json()] == [
        p["ProvNum"] for p in visible
    ]
    missing = api.get("/providers", headers, ClinicNum=practice.clinic + 1000)
    assert missing.status_code == 404
    assert missing.json()["message"] == "Clinic not found"
    for bad in ("x", "-3", "1.5"):
        response = api.get("/providers", headers, ClinicNum=bad)
        assert response.status_code == 400, bad
        assert response.json()["field"] == "ClinicNum"


def test_reading_needs_providers_read_and_writing_providers_write(
    api: Api, practice: Practice
) -> None:
    writer = api.integration("providers:write")
    refused = api.get("/providers", writer)
    assert refused.status_code == 403
    assert "providers:read" in refused.json()["message"]
    assert api.get(f"/providers/{practice.dentist}", writer).status_code == 403
    reader = api.integration("providers:read", name="Dashboard")
    before = count(api.db, Provider)
    for response in (
        api.post("/providers", reader, {"Abbr": "NEW", "LName": "New"}),
        api.put(f"/providers/{practice.dentist}", reader, {"FName": "Changed"}),
    ):
        assert response.status_code == 403
        assert "providers:write" in response.json()["message"]
    assert count(api.db, Provider) == before
    assert api.get(f"/providers/{practice.dentist}", reader).json()["FName"] == ""
    assert api.get("/providers", api.integration("*:read", name="All")).status_code == 200


def test_post_creates_a_provider_answers_201_location_and_the_object(api: Api) -> None:
    headers = api.integration(*RW)
    body = {
        "Abbr": "DOCE",
        "LName": "Fisher",
        "FName": "Ethan",
        "Suffix": "DDS",
        "MI": "J",
        "PreferredName": "Doc E.",
        "IsSecondary": "false",
        "IsHidden": False,
        "NationalProvID": "1679608723",
        "FeeSched": "53",
    }
    response = api.post("/providers", headers, body)
    assert response.status_code == 201, response.text
    made = response.json()
    assert response.headers["Location"].endswith(f"/api/v1/providers/{made['ProvNum']}")
    assert list(made) == PROVIDER_FIELDS
    for key in ("Abbr", "LName", "FName", "Suffix", "MI", "PreferredName", "NationalProvID"):
        assert made[key] == body[key]
    assert made["FeeSched"] == 53
    assert made["IsSecondary"] == "false" and made["IsHidden"] == "false"
    assert made["ProvStatus"] == "Active" and made["provColor"] == "0,0,0"
    again = api.get(f"/providers/{made['ProvNum']}", headers).json()
    assert {k: v for k, v in again.items() if k != "serverDateTime"} == {
        k: v for k, v in made.items() if k != "serverDateTime"
    }


def test_post_with_only_abbr_creates_a_provider_who_is_not_a_person(api: Api) -> None:
    response = api.post(
        "/providers", api.integration(*RW), {"Abbr": "CLINIC", "IsNotPerson": "true"}
    )
    assert response.status_code == 201
    assert response.json()["IsNotPerson"] == "true" and response.json()["LName"] == ""


def test_bad_input_is_400_naming_the_field_and_nothing_is_written(api: Api) -> None:
    headers = api.integration(*RW)
    cases = [
        ({}, "Abbr"),
        ({"LName": "Fisher"}, "Abbr"),
        ({"Abbr": "  ", "LName": "Fisher"}, "Abbr"),
        ({"Abbr": "DOCE"}, "LName"),  # Enamel's rule: a person has a last name
        ({"Abbr": "DOCE", "LName": "Fisher", "IsSecondary": "yes"}, "IsSecondary"),
        ({"Abbr": "DOCE", "LName": "Fisher", "IsHidden": 1}, "IsHidden"),
        ({"Abbr": "DOCE", "LName": "Fisher", "FeeSched": "x"}, "FeeSched"),
        ({"Abbr": 5, "LName": "Fisher"}, "Abbr"),
        ({"Abbr": "DOCE", "LName": "Fisher", "Nickname": "E"}, "Nickname"),
        ({"Abbr": "DOCE", "LName": "Fisher\x00"}, "LName"),
        ({"Abbr": "D" * 256, "LName": "Fisher"}, "Abbr"),
        ({"Abbr": "DOCE", "LName": "Fisher", "ItemOrder": 2**31}, "ItemOrder"),
        ({"Abbr": "DOCE", "LName": "Fisher", "FeeSched": 2**63}, "FeeSched"),
    ]
    for body, field in cases:
        response = api.post("/providers", headers, body)
        assert response.status_code == 400, (body, response.text)
        assert response.json()["field"] == field, (body, response.json())
        assert response.json()["message"]
    assert count(api.db, Provider) == 0
    assert count(api.db, SecurityLog, SecurityLog.PermType == EnumPermType.ProviderAdd) == 0


def test_put_changes_only_the_fields_sent_and_answers_the_object(
    api: Api, practice: Practice
) -> None:
    headers = api.integration(*RW)
    response = api.put(
        f"/providers/{practice.dentist}",
        headers,
        {"FName": "Philip", "PreferredName": "Phil", "NationalProvId": "1245319599"},
    )
    assert response.status_code == 200
    body = response.json()
    assert list(body) == PROVIDER_FIELDS
    assert body["FName"] == "Philip" and body["PreferredName"] == "Phil"
    assert body["NationalProvID"] == "1245319599"
    assert body["Abbr"] == "DOC1" and body["LName"] == "Brennan"
    with api.db.read() as session:
        entry = session.scalars(
            select(SecurityLog).where(SecurityLog.PermType == EnumPermType.ProviderEdit)
        ).one()
    assert entry.FKey == practice.dentist
    assert "FName" in entry.LogText and "NationalProvID" in entry.LogText


def test_put_cannot_clear_abbr_and_an_unknown_provider_is_404(api: Api, practice: Practice) -> None:
    headers = api.integration(*RW)
    cleared = api.put(f"/providers/{practice.dentist}", headers, {"Abbr": ""})
    assert cleared.status_code == 400 and cleared.json()["field"] == "Abbr"
    both = api.put(
        f"/providers/{practice.dentist}",
        headers,
        {"NationalProvID": "1", "NationalProvId": "2"},
    )
    assert both.status_code == 400 and both.json()["field"] == "NationalProvId"
    assert api.get(f"/providers/{practice.dentist}", headers).json()["Abbr"] == "DOC1"
    missing = api.put("/providers/999999", headers, {"FName": "X"})
    assert missing.status_code == 404
    assert count(api.db, SecurityLog, SecurityLog.PermType == EnumPermType.ProviderEdit) == 0


def test_writes_are_logged_with_the_integration_user_address_and_request_id(api: Api) -> None:
    with api.db.write() as session:
        session.add(Userod(UserName="jdoe"))
    headers = {**api.integration(*RW), "X-Enamel-User": "jdoe", "X-Request-Id": "req-88"}
    made = api.post("/providers", headers, {"Abbr": "DOCE", "LName": "Fisher"}).json()
    api.put(f"/providers/{made['ProvNum']}", headers, {"FName": "Ethan"})
    with api.db.read() as session:
        entries = list(
            session.scalars(
                select(SecurityLog)
                .where(
                    SecurityLog.PermType.in_([EnumPermType.ProviderAdd, EnumPermType.ProviderEdit])
                )
                .order_by(SecurityLog.SecurityLogNum)
            )
        )
        user_num = session.scalar(select(Userod.UserNum).where(Userod.UserName == "jdoe"))
    assert [e.PermType for e in entries] == [EnumPermType.ProviderAdd, EnumPermType.ProviderEdit]
    for entry in entries:
        assert entry.FKey == made["ProvNum"]
        assert entry.LogSource is LogSources.API
        assert entry.ActorKind == "integration" and entry.ActorName == "Reminder Pro"
        assert entry.UserNum == user_num
        assert entry.RequestId == "req-88"
        assert entry.CompName == "testclient"
        assert entry.LogText.endswith("By integration 'Reminder Pro' for user jdoe.")
