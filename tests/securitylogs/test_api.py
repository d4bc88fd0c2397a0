"""/api/v1/securitylogs over HTTP: each integration reads the log of its own writes, only."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from enamel.db import clock
from enamel.models import SecurityLog, Userod
from enamel.models.enums import EnumPermType, LogSources
from enamel.patients.service import PatientData, create_patient
from enamel.security import ALL_PERMISSIONS, Actor, ActorKind
from tests.apiclient import Api
from tests.factories import Practice

# Open Dental's documented GET /securitylogs element, in its order
# (opendental.com/site/apisecuritylogs.html).
LOG_FIELDS = (
    "SecurityLogNum PermType UserNum LogDateTime LogText PatNum CompName LogSource"
).split()

SCOPES = ("patients:read", "patients:write", "securitylogs:read")
JANE = {"LName": "Smith", "FName": "Jane"}


def _entries(api: Api, **where: object) -> list[SecurityLog]:
    with api.db.read() as session:
        query = select(SecurityLog).order_by(SecurityLog.SecurityLogNum)
        for name, value in where.items():
            query = query.where(getattr(SecurityLog, name) == value)
        return list(session.scalars(query))


def test_an_entry_has_open_dentals_fields_in_order_with_labels(api: Api) -> None:
    with api.db.write() as session:
        session.add(Userod(UserName="jdoe"))
    headers = {**api.integration(*SCOPES), "X-Enamel-User": "jdoe"}
    pat = api.post("/patients", headers, JANE).json()["PatNum"]
    response = api.get("/securitylogs", headers)
    assert response.status_code == 200
    (entry,) = response.json()
    assert list(entry) == LOG_FIELDS
    (stored,) = _entries(api, PermType=EnumPermType.PatientCreate)
    assert entry["SecurityLogNum"] == stored.SecurityLogNum
    assert entry["PermType"] == "PatientCreate"
    assert entry["UserNum"] == stored.UserNum and entry["UserNum"] > 0
    assert entry["LogDateTime"] == stored.LogDateTime.strftime("%Y-%m-%d %H:%M:%S")
    assert entry["LogText"] == stored.LogText
    assert entry["LogText"].endswith("By integration 'Reminder Pro' for user jdoe.")
    assert entry["PatNum"] == pat
    assert entry["CompName"] == "testclient"
    assert entry["LogSource"] == "API"


def test_an_integration_never_sees_another_integrations_or_the_offices_entries(
    api: Api, practice: Practice
) -> None:
    mine = api.integration(*SCOPES)
    theirs = api.integration(*SCOPES, name="Dashboard")
    my_pat = api.post("/patients", mine, JANE).json()["PatNum"]
    their_pat = api.post("/patients", theirs, {"LName": "Jones", "FName": "Tom"}).json()["PatNum"]
    api.put(f"/patients/{my_pat}", mine, {"City": "Salem"})
    for kind in (ActorKind.OFFICE_USER, ActorKind.PLUGIN):
        # Someone else that happens to carry the integration's name.
        namesake = Actor(kind=kind, name="Reminder Pro", permissions=ALL_PERMISSIONS)
        with api.db.write() as session:
            create_patient(session, namesake, PatientData(LName="Office", FName=kind.value))
    assert len(_entries(api)) > 5  # the practice, the integrations' registration, the office

    my_log = api.get("/securitylogs", mine).json()
    assert [(e["PermType"], e["PatNum"]) for e in my_log] == [
        ("PatientCreate", my_pat),
        ("PatientEdit", my_pat),
    ]
    assert [e["SecurityLogNum"] for e in my_log] == [
        e.SecurityLogNum for e in _entries(api, ActorKind="integration", ActorName="Reminder Pro")
    ]
    their_log = api.get("/securitylogs", theirs).json()
    assert [(e["PermType"], e["PatNum"]) for e in their_log] == [("PatientCreate", their_pat)]
    reader_only = api.integration("securitylogs:read", name="Auditor")
    assert api.get("/securitylogs", reader_only).json() == []


def test_permtype_filters_by_name_and_an_unknown_name_is_400_listing_the_names(
    api: Api,
) -> None:
    headers = api.integration(*SCOPES)
    pat = api.post("/patients", headers, JANE).json()["PatNum"]
    api.put(f"/patients/{pat}", headers, {"City": "Salem"})
    api.put(f"/patients/{pat}", headers, {"City": "Keizer"})
    edits = api.get("/securitylogs", headers, PermType="PatientEdit").json()
    assert [e["PermType"] for e in edits] == ["PatientEdit", "PatientEdit"]
    assert len(api.get("/securitylogs", headers, PermType="PatientCreate").json()) == 1
    assert api.get("/securitylogs", headers, PermType="AppointmentCreate").json() == []
    for bad in ("patientedit", "108", "ImageDelete", ""):
        response = api.get("/securitylogs", headers, PermType=bad)
        assert response.status_code == 400, bad
        assert response.json()["field"] == "PermType"
        assert "PatientEdit" in response.json()["message"]
        assert "AppointmentCreate" in response.json()["message"]


def test_list_pages_by_100_oldest_first(api: Api) -> None:
    when = clock.now()
    with api.db.write() as session:
        session.add_all(
            SecurityLog(
                PermType=EnumPermType.PatientEdit,
                LogDateTime=when - dt.timedelta(minutes=i),
                LogText=f"Patient edited ({i}). By integration 'Reminder Pro'.",
                LogSource=LogSources.API,
                ActorKind="integration",
                ActorName="Reminder Pro",
            )
            for i in range(150)
        )
    headers = api.integration("securitylogs:read")
    first = api.get("/securitylogs", headers).json()
    second = api.get("/securitylogs", headers, Offset=100).json()
    assert len(first) == 100 and len(second) == 50
    nums = [e["SecurityLogNum"] for e in first + second]
    assert nums == sorted(nums) and len(set(nums)) == 150
    assert first[0]["LogText"].startswith("Patient edited (0)")
    window = api.get("/securitylogs", headers, Limit=4, Offset=20).json()
    assert [e["SecurityLogNum"] for e in window] == nums[20:24]
    assert api.get("/securitylogs", headers, Limit=0).status_code == 400
    assert api.get("/securitylogs", headers, Offset=-1).status_code == 400


def test_reading_needs_securitylogs_read_and_nothing_can_be_written(api: Api) -> None:
    writer = api.integration("patients:read", "patients:write")
    refused = api.get("/securitylogs", writer)
    assert refused.status_code == 403
    assert "securitylogs:read" in refused.json()["message"]
    assert api.get("/securitylogs", api.integration("*:read", name="All")).status_code == 200
    headers = api.integration("securitylogs:read", name="Auditor")
    before = len(_entries(api))
    assert api.post("/securitylogs", headers, {"LogText": "x"}).status_code == 405
    assert api.put("/securitylogs", headers, {"LogText": "x"}).status_code == 405
    assert len(_entries(api)) == before
