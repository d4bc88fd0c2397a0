"""/api/v1/patients over HTTP, as an Open Dental client uses it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from enamel.db import clock
from enamel.models import Patient, SecurityLog, Userod
from enamel.models.enums import EnumPermType, LogSources
from tests.apiclient import Api
from tests.factories import Practice, count, make_patient

# Open Dental's GET /patients/{PatNum} fields, in its order (opendental.com/site/apipatients.html)
PATIENT_FIELDS = (
    "PatNum LName FName MiddleI Preferred PatStatus Gender Position Birthdate SSN Address "
    "Address2 City State Zip HmPhone WkPhone WirelessPhone Guarantor Email EstBalance PriProv "
    "priProvAbbr SecProv secProvAbbr FeeSched BillingType ImageFolder FamFinUrgNote ChartNumber "
    "MedicaidID BalTotal EmployerNum DateFirstVisit ClinicNum clinicAbbr Premed Ward "
    "PreferConfirmMethod PreferContactMethod PreferRecallMethod Language AdmitDate siteDesc "
    "DateTStamp SuperFamily TxtMsgOk SecDateEntry"
).split()
SELECT_FIELDS = (
    "PatNum LName FName MiddleI Preferred PatStatus Birthdate SSN Address Address2 City State "
    "Zip HmPhone WkPhone WirelessPhone Email priProvAbbr secProvAbbr BillingType ChartNumber "
    "ClinicNum clinicAbbr siteDesc TxtMsgOk"
).split()

RW = ("patients:read", "patients:write")


def test_get_one_patient_has_open_dentals_fields_in_order_and_types(
    api: Api, practice: Practice
) -> None:
    pat = make_patient(
        api.db,
        LName="Smith",
        FName="Jane",
        Birthdate=dt.date(1976, 5, 24),
        PriProv=practice.dentist,
    )
    response = api.get(f"/patients/{pat}", api.integration(*RW))
    assert response.status_code == 200
    body = response.json()
    assert list(body) == PATIENT_FIELDS
    assert body["PatNum"] == pat and body["Guarantor"] == pat
    assert body["PatStatus"] == "Patient"
    assert body["Gender"] == "Unknown"
    assert body["Birthdate"] == "1976-05-24"
    assert body["AdmitDate"] == "0001-01-01"
    assert body["Premed"] == "false"
    assert body["priProvAbbr"] == "DOC1" and body["secProvAbbr"] == ""
    assert body["BillingType"] == "Standard"
    assert body["EstBalance"] == 0 and isinstance(body["EstBalance"], float)
    assert body["PreferContactMethod"] == "None"
    assert dt.datetime.strptime(body["DateTStamp"], "%Y-%m-%d %H:%M:%S")
    assert None not in body.values()


def test_unknown_patient_is_404_and_a_bad_id_is_400(api: Api) -> None:
    headers = api.integration(*RW)
    missing = api.get("/patients/424242", headers)
    assert missing.status_code == 404
    assert "424242" in missing.json()["message"]
    assert api.get("/patients/abc", headers).status_code == 400


def test_post_creates_a_patient_answers_201_location_and_the_object(
    api: Api, practice: Practice
) -> None:
    body = {
        "LName": "Smith",
        "FName": "Jane",
        "Gender": "Female",
        "Position": "Married",
        "Birthdate": "1976-05-24",
        "Zip": "97301",
        "PriProv": practice.dentist,
        "Premed": "true",
        "PreferConfirmMethod": "HmPhone",
        "TxtMsgOk": "Yes",
        "BillingType": "Standard",
    }
    response = api.post("/patients", api.integration(*RW), body)
    assert response.status_code == 201
    created = response.json()
    assert response.headers["Location"].endswith(f"/api/v1/patients/{created['PatNum']}")
    assert list(created) == PATIENT_FIELDS
    for key in ("LName", "FName", "Gender", "Position", "Birthdate", "Zip", "PriProv"):
        assert created[key] == body[key]
    assert created["Premed"] == "true"
    assert created["TxtMsgOk"] == "Yes"
    assert created["Guarantor"] == created["PatNum"]
    assert (
        api.get(f"/patients/{created['PatNum']}", api.integration(*RW, name="B")).json() == created
    )


def test_post_write_is_logged_with_the_integration_user_address_and_request_id(api: Api) -> None:
    with api.db.write() as session:
        session.add(Userod(UserName="jdoe"))
    headers = {**api.integration(*RW), "X-Enamel-User": "jdoe", "X-Request-Id": "req-77"}
    pat = api.post("/patients", headers, {"LName": "Smith", "FName": "Jane"}).json()["PatNum"]
    with api.db.read() as session:
        entry = session.scalars(
            select(SecurityLog).where(SecurityLog.PermType == EnumPermType.PatientCreate)
        ).one()
        user_num = session.scalar(select(Userod.UserNum).where(Userod.UserName == "jdoe"))
    assert entry.PatNum == pat and entry.FKey == pat
    assert entry.LogSource is LogSources.API
    assert entry.ActorKind == "integration" and entry.ActorName == "Reminder Pro"
    assert entry.UserNum == user_num
    assert entry.RequestId == "req-77"
    assert entry.CompName == "testclient"
    assert entry.LogText.endswith("By integration 'Reminder Pro' for user jdoe.")


def test_an_unknown_office_user_is_400_and_nothing_is_written(api: Api) -> None:
    headers = {**api.integration(*RW), "X-Enamel-User": "nobody"}
    response = api.post("/patients", headers, {"LName": "Smith", "FName": "Jane"})
    assert response.status_code == 400
    assert response.json()["field"] == "X-Enamel-User"
    assert count(api.db, Patient) == 0


def test_bad_input_is_400_naming_the_field_and_nothing_is_written(
    api: Api, practice: Practice
) -> None:
    headers = api.integration(*RW)
    tomorrow = (clock.today() + dt.timedelta(days=1)).isoformat()
    cases = [
        ({"FName": "Jane"}, "LName"),
        ({"LName": "Smith", "FName": ""}, "FName"),
        ({"LName": "Smith", "FName": "Jane", "Gender": "male"}, "Gender"),
        ({"LName": "Smith", "FName": "Jane", "Birthdate": "05/24/1976"}, "Birthdate"),
        ({"LName": "Smith", "FName": "Jane", "Birthdate": tomorrow}, "Birthdate"),
        ({"LName": "Smith", "FName": "Jane", "Premed": "yes"}, "Premed"),
        ({"LName": "Smith", "FName": "Jane", "PriProv": 999}, "PriProv"),
        ({"LName": "Smith", "FName": "Jane", "PriProv": practice.hidden_provider}, "PriProv"),
        ({"LName": "Smith", "FName": "Jane", "Guarantor": 999}, "Guarantor"),
        ({"LName": "Smith", "FName": "Jane", "BillingType": "Gold"}, "BillingType"),
        ({"LName": "Smith", "FName": "Jane", "Nickname": "JJ"}, "Nickname"),
        ({"LName": 5, "FName": "Jane"}, "LName"),
        ({"LName": "Smith", "FName": "Jane", "PriProv": "x"}, "PriProv"),
    ]
    for body, field in cases:
        response = api.post("/patients", headers, body)
        assert response.status_code == 400, (body, response.text)
        assert response.json()["field"] == field, (body, response.json())
        assert response.json()["message"]
    assert count(api.db, Patient) == 0
    assert count(api.db, SecurityLog, SecurityLog.PermType == EnumPermType.PatientCreate) == 0


def test_malformed_or_non_object_json_is_400(api: Api) -> None:
    headers = api.integration(*RW)
    bad = api.client.post("/api/v1/patients", headers=headers, content=b'{"LName": ')
    assert bad.status_code == 400 and "JSON" in bad.json()["message"]
    array = api.client.post("/api/v1/patients", headers=headers, content=b"[1, 2]")
    assert array.status_code == 400 and "JSON object" in array.json()["message"]


def test_put_changes_only_the_fields_sent_and_answers_the_object(api: Api) -> None:
    pat = make_patient(api.db, LName="Smith", FName="Jane", City="Salem")
    headers = api.integration(*RW)
    response = api.put(
        f"/patients/{pat}", headers, {"Email": "jane@example.com", "Gender": "Female"}
    )
    assert response.status_code == 200
    body = response.json()
    assert list(body) == PATIENT_FIELDS
    assert body["Email"] == "jane@example.com" and body["Gender"] == "Female"
    assert body["City"] == "Salem" and body["LName"] == "Smith"
    cleared = api.put(f"/patients/{pat}", headers, {"City": ""}).json()
    assert cleared["City"] == ""
    with api.db.read() as session:
        entry = session.scalars(
            select(SecurityLog)
            .where(SecurityLog.PermType == EnumPermType.PatientEdit)
            .order_by(SecurityLog.SecurityLogNum)
        ).first()
    assert entry is not None and "Email" in entry.LogText


def test_put_cannot_clear_the_names_and_unknown_patient_is_404(api: Api) -> None:
    pat = make_patient(api.db)
    headers = api.integration(*RW)
    response = api.put(f"/patients/{pat}", headers, {"LName": ""})
    assert response.status_code == 400 and response.json()["field"] == "LName"
    assert api.put("/patients/999999", headers, {"City": "Salem"}).status_code == 404


def test_list_pages_by_100_in_a_stable_order(api: Api) -> None:
    with api.db.write() as session:
        session.add_all(Patient(LName=f"P{i:03}", FName="X", Guarantor=0) for i in range(150))
    headers = api.integration(*RW)
    first = api.get("/patients", headers).json()
    second = api.get("/patients", headers, Offset=100).json()
    assert len(first) == 100 and len(second) == 50
    nums = [p["PatNum"] for p in first + second]
    assert nums == sorted(nums) and len(set(nums)) == 150
    assert list(first[0]) == SELECT_FIELDS
    assert len(api.get("/patients", headers, Limit=5000).json()) == 150
    assert len(api.get("/patients", headers, Limit=7, Offset=3).json()) == 7
    assert api.get("/patients", headers, Limit=0).status_code == 400
    assert api.get("/patients", headers, Offset=-1).status_code == 400


def test_limit_is_capped_at_1000(api: Api) -> None:
    with api.db.write() as session:
        session.add_all(Patient(LName="P", FName=str(i)) for i in range(1005))
    assert len(api.get("/patients", api.integration(*RW), Limit=5000).json()) == 1000


def test_patient_select_filters_match_partially_and_hide_deleted(api: Api) -> None:
    from enamel.models.enums import PatientStatus

    smith = make_patient(api.db, LName="Smith", FName="Jane", HmPhone="(503)555-1234")
    make_patient(api.db, LName="Smithers", FName="Waylon")
    make_patient(api.db, LName="Jones", FName="Jane", PatStatus=PatientStatus.Inactive)
    make_patient(api.db, LName="Smith", FName="Gone", PatStatus=PatientStatus.Deleted)
    make_patient(api.db, LName="Smith", FName="Old", PatStatus=PatientStatus.Archived)
    headers = api.integration(*RW)

    def names(**params: object) -> list[str]:
        return sorted(
            f"{p['LName']},{p['FName']}" for p in api.get("/patients", headers, **params).json()
        )

    assert names(LName="smi") == ["Smith,Jane", "Smithers,Waylon"]
    assert names(LName="smi", showArchived="true") == ["Smith,Jane", "Smith,Old", "Smithers,Waylon"]
    assert names(FName="ja") == ["Jones,Jane", "Smith,Jane"]
    assert names(FName="ja", hideInactive="true") == ["Smith,Jane"]
    assert names(Phone="555-12") == ["Smith,Jane"]
    assert names(LName="100%") == []
    guarantors = api.get("/patients", headers, guarOnly="true").json()
    assert smith in [p["PatNum"] for p in guarantors]
    assert api.get("/patients", headers, hideInactive="maybe").status_code == 400
    assert names(clinicNums="0,999") == ["Jones,Jane", "Smith,Jane", "Smithers,Waylon"]
    assert names(clinicNums="999") == []
    assert api.get("/patients", headers, clinicNums="1,x").status_code == 400
    assert api.get("/patients", headers, Birthdate="1976-5-24").status_code == 400


def test_simple_gives_changes_since_datetstamp_with_server_time(api: Api) -> None:
    old = make_patient(api.db, LName="Old", FName="One")
    with api.db.write() as session:
        session.get_one(Patient, old).DateTStamp = dt.datetime(2020, 1, 1, 8, 0, 0)
    headers = api.integration(*RW)
    first = api.get("/patients/Simple", headers).json()
    assert len(first) == 1 and list(first[0]) == [*PATIENT_FIELDS, "serverDateTime"]
    since = first[0]["serverDateTime"]
    assert api.get("/patients/Simple", headers, DateTStamp=since).json() == []
    new = make_patient(api.db, LName="New", FName="Two")
    changed = api.get("/patients/Simple", headers, DateTStamp=since).json()
    assert [p["PatNum"] for p in changed] == [new]
    assert [p["PatNum"] for p in api.get("/patients/Simple", headers, LName="ol").json()] == [old]
    assert api.get("/patients/Simple", headers, PatStatus="Gone").status_code == 400
    bad = api.get("/patients/Simple", headers, DateTStamp="2021-07-01")
    assert bad.status_code == 400
    assert bad.json()["message"] == "DateTStamp format must be yyyy-MM-dd HH:mm:ss"


def test_values_that_do_not_fit_their_column_are_400_on_every_engine(api: Api) -> None:
    headers = api.integration(*RW)
    cases = [
        ({"LName": "S" * 256, "FName": "Jane"}, "LName"),
        ({"LName": "Smith", "FName": "Jane", "AddrNote": "é" * 40_000}, "AddrNote"),
        ({"LName": "Smith", "FName": "Jane", "Email": "a\x00b"}, "Email"),
    ]
    for body, field in cases:
        response = api.post("/patients", headers, body)
        assert response.status_code == 400, (field, response.text)
        assert response.json()["field"] == field
    lone_surrogate = b'{"LName": "Smith", "FName": "Jane", "City": "\\ud800"}'
    broken = api.client.post("/api/v1/patients", headers=headers, content=lone_surrogate)
    assert broken.status_code == 400 and broken.json()["field"] == "City"
    assert api.post("/patients", headers, {"LName": "S" * 255, "FName": "J"}).status_code == 201
    assert count(api.db, Patient) == 1
