"""/api/v1/procedurelogs over HTTP, as an Open Dental client uses it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from enamel.db import clock
from enamel.models import DefCat, ProcedureLog, SecurityLog, Userod
from enamel.models.enums import EnumPermType, LogSources, ProcStat
from enamel.security.actor import system_actor
from enamel.setup.service import create_definition
from tests.apiclient import BASE, Api
from tests.factories import Practice, count, days_from_today, make_appointment, make_patient
from tests.procedures.helpers import make_procedure, stored

# Open Dental's documented GET /procedurelogs/{ProcNum}, in its order
# (opendental.com/site/apiprocedurelogs.html).
FIELDS = (
    "ProcNum PatNum AptNum ProcDate ProcFee Surf ToothNum ToothRange Priority priority "
    "ProcStatus ProvNum provAbbr Dx dxName PlannedAptNum PlaceService Prosthesis "
    "DateOriginalProsth ClaimNote DateEntryC ClinicNum CodeNum procCode descript UnitQty "
    "BaseUnits DateTP SiteNum HideGraphics CanadianTypeCodes ProcTime ProcTimeEnd DateTStamp "
    "Prognosis IsLocked BillingNote Discount IsDateProsthEst SecDateEntry serverDateTime"
).split()

RW = ("procedurelogs:read", "procedurelogs:write")
TODAY = clock.today
YESTERDAY = (dt.date.today() - dt.timedelta(days=1)).isoformat()


def new(pat: int, **fields: Any) -> dict[str, Any]:
    """A POST body: a planned D0120 yesterday unless told otherwise."""
    return {"PatNum": pat, "ProcDate": YESTERDAY, "ProcStatus": "TP", "procCode": "D0120"} | (
        fields
    )


def delete(api: Api, path: str, headers: dict[str, str]) -> Any:
    return api.client.delete(BASE + path, headers=headers)


def proc_logs(api: Api, perm: EnumPermType) -> list[SecurityLog]:
    with api.db.read() as session:
        return list(
            session.scalars(
                select(SecurityLog)
                .where(SecurityLog.PermType == perm)
                .order_by(SecurityLog.SecurityLogNum)
            )
        )


# Reading


def test_get_one_procedure_has_open_dentals_fields_in_order_and_formats(
    api: Api, practice: Practice
) -> None:
    pat = make_patient(api.db, PriProv=practice.dentist)
    proc = make_procedure(
        api.db,
        practice,
        pat,
        ProcStatus=ProcStat.C,
        ProcFee=Decimal("130"),
        ProcDate=dt.date(2022, 5, 5),
        ToothNum="4",
        Surf="MODL",
    )
    response = api.get(f"/procedurelogs/{proc}", api.integration(*RW))
    assert response.status_code == 200
    body = response.json()
    assert list(body) == FIELDS
    assert body["ProcNum"] == proc and body["PatNum"] == pat
    assert body["ProcFee"] == "130.00"
    assert body["ProcStatus"] == "C"
    assert body["ProcDate"] == "2022-05-05"
    assert body["DateEntryC"] == TODAY().isoformat()
    assert body["DateOriginalProsth"] == "0001-01-01"
    assert body["ToothNum"] == "4" and body["Surf"] == "MODL" and body["ToothRange"] == ""
    assert body["Priority"] == 0 and body["priority"] == ""
    assert body["Dx"] == 0 and body["dxName"] == ""
    assert body["ProvNum"] == practice.dentist and body["provAbbr"] == "DOC1"
    assert body["CodeNum"] == practice.codes["D0120"]
    assert body["procCode"] == "D0120" and body["descript"] == "Periodic oral evaluation"
    assert body["PlaceService"] == "Office"
    assert body["ProcTime"] == "00:00:00" and body["ProcTimeEnd"] == "00:00:00"
    assert body["HideGraphics"] == "false" and body["IsLocked"] == "false"
    assert body["IsDateProsthEst"] == "false"
    assert body["Prosthesis"] == "" and body["ClaimNote"] == ""
    assert body["SiteNum"] == 0 and body["Prognosis"] == 0 and body["UnitQty"] == 1
    assert body["Discount"] == 0 and isinstance(body["Discount"], float)
    for key in ("DateTStamp", "SecDateEntry", "serverDateTime"):
        assert dt.datetime.strptime(body[key], "%Y-%m-%d %H:%M:%S")
    assert None not in body.values()


def test_priority_and_diagnosis_are_named_from_their_definitions(
    api: Api, practice: Practice
) -> None:
    with api.db.write() as session:
        # Enamel has no categories 20/16 yet: any definition's name is what the join sends.
        low = create_definition(session, system_actor("tests"), DefCat.AdjTypes, "Low").DefNum
    pat = make_patient(api.db)
    proc = make_procedure(api.db, practice, pat)
    with api.db.write() as session:
        row = session.get_one(ProcedureLog, proc)
        row.Priority, row.Dx, row.ProcTime = low, low, dt.time(13, 45)
    body = api.get(f"/procedurelogs/{proc}", api.integration(*RW)).json()
    assert body["Priority"] == low and body["priority"] == "Low"
    assert body["Dx"] == low and body["dxName"] == "Low"
    assert body["ProcTime"] == "13:45:00"


def test_unknown_procedure_is_404_and_a_bad_id_is_400(api: Api) -> None:
    headers = api.integration(*RW)
    missing = api.get("/procedurelogs/424242", headers)
    assert missing.status_code == 404
    assert "424242" in missing.json()["message"]
    assert api.get("/procedurelogs/abc", headers).status_code == 400
    assert api.get(f"/procedurelogs/{2**64}", headers).status_code == 400


def test_list_pages_by_100_in_procnum_order(api: Api, practice: Practice) -> None:
    pat = make_patient(api.db)
    with api.db.write() as session:
        session.add_all(
            ProcedureLog(PatNum=pat, CodeNum=practice.codes["D0120"], UnitQty=1) for _ in range(150)
        )
    headers = api.integration(*RW)
    first = api.get("/procedurelogs", headers).json()
    second = api.get("/procedurelogs", headers, Offset=100).json()
    assert len(first) == 100 and len(second) == 50
    nums = [p["ProcNum"] for p in first + second]
    assert nums == sorted(nums) and len(set(nums)) == 150
    assert list(first[0]) == FIELDS
    assert len(api.get("/procedurelogs", headers, Limit=5000).json()) == 150
    assert len(api.get("/procedurelogs", headers, Limit=7, Offset=3).json()) == 7
    assert api.get("/procedurelogs", headers, Limit=0).status_code == 400
    assert api.get("/procedurelogs", headers, Offset=-1).status_code == 400


def test_list_filters_by_patient_appointment_status_clinic_and_code(
    api: Api, practice: Practice
) -> None:
    anna = make_patient(api.db, FName="Anna")
    ben = make_patient(api.db, FName="Ben")
    apt = make_appointment(api.db, anna, practice.op, days_from_today(2))
    planned = make_procedure(api.db, practice, anna, AptNum=apt)
    done = make_procedure(api.db, practice, anna, ProcStatus=ProcStat.C)
    cleaning = make_procedure(
        api.db, practice, ben, CodeNum=practice.codes["D1110"], ClinicNum=practice.clinic
    )
    with api.db.write() as session:
        session.get_one(ProcedureLog, done).PlannedAptNum = apt
    headers = api.integration(*RW)

    def nums(**params: object) -> list[int]:
        response = api.get("/procedurelogs", headers, **params)
        assert response.status_code == 200, response.text
        return [p["ProcNum"] for p in response.json()]

    assert nums() == [planned, done, cleaning]
    assert nums(PatNum=anna) == [planned, done]
    assert nums(AptNum=apt) == [planned]
    assert nums(ProcStatus="C") == [done]
    assert nums(ProcStatus="TP", PatNum=anna) == [planned]
    assert nums(PlannedAptNum=apt) == [done]
    assert nums(ClinicNum=practice.clinic) == [cleaning]
    assert nums(CodeNum=practice.codes["D1110"]) == [cleaning]
    assert nums(PatNum=424242) == []
    for params, field in (
        ({"ProcStatus": "Complete"}, "ProcStatus"),
        ({"PatNum": "x"}, "PatNum"),
        ({"CodeNum": "-1"}, "CodeNum"),
        ({"DateTStamp": "2021-07-01"}, "DateTStamp"),
    ):
        response = api.get("/procedurelogs", headers, **params)
        assert response.status_code == 400, params
        assert response.json()["field"] == field


def test_datetstamp_gives_changes_since_with_server_time_deletions_included(
    api: Api, practice: Practice
) -> None:
    pat = make_patient(api.db)
    old = make_procedure(api.db, practice, pat)
    gone = make_procedure(api.db, practice, pat)
    with api.db.write() as session:
        for num in (old, gone):
            session.get_one(ProcedureLog, num).DateTStamp = dt.datetime(2020, 1, 1, 8, 0, 0)
    headers = api.integration(*RW)
    first = api.get("/procedurelogs", headers).json()
    since = first[0]["serverDateTime"]
    assert api.get("/procedurelogs", headers, DateTStamp=since).json() == []
    added = api.post("/procedurelogs", headers, new(pat)).json()["ProcNum"]
    assert delete(api, f"/procedurelogs/{gone}", headers).status_code == 200
    changed = api.get("/procedurelogs", headers, DateTStamp=since).json()
    assert [(p["ProcNum"], p["ProcStatus"]) for p in changed] == [(gone, "D"), (added, "TP")]
    assert all(p["serverDateTime"] >= since for p in changed)


# Creating


def test_post_creates_a_procedure_answers_201_location_and_the_object(
    api: Api, practice: Practice
) -> None:
    pat = make_patient(api.db, PriProv=practice.dentist)
    body = new(
        pat,
        ProcFee="125.95",
        ToothNum="4",
        Surf="MO",
        ToothRange="2,3, 13-15",
        Discount="25.99",
        BillingNote="Courtesy discount",
        ProvNum=practice.dentist2,
        ClinicNum=practice.clinic,
    )
    response = api.post("/procedurelogs", api.integration(*RW), body)
    assert response.status_code == 201, response.text
    created = response.json()
    assert response.headers["Location"].endswith(f"/api/v1/procedurelogs/{created['ProcNum']}")
    assert list(created) == FIELDS
    assert created["ProcFee"] == "125.95" and created["Discount"] == 25.99
    assert created["ProcStatus"] == "TP" and created["ProcDate"] == YESTERDAY
    assert created["DateTP"] == TODAY().isoformat()
    assert created["CodeNum"] == practice.codes["D0120"] and created["procCode"] == "D0120"
    assert created["ProvNum"] == practice.dentist2 and created["provAbbr"] == "DOC2"
    assert created["ClinicNum"] == practice.clinic
    assert (created["ToothNum"], created["Surf"], created["ToothRange"]) == (
        "4",
        "MO",
        "2,3, 13-15",
    )
    assert created["BillingNote"] == "Courtesy discount"
    again = api.get(f"/procedurelogs/{created['ProcNum']}", api.integration(*RW, name="B")).json()
    assert {k: v for k, v in again.items() if k != "serverDateTime"} == {
        k: v for k, v in created.items() if k != "serverDateTime"
    }
    row = stored(api.db, created["ProcNum"])
    assert row.ProcFee == Decimal("125.95") and row.Discount == Decimal("25.99")


def test_post_by_codenum_defaults_provider_and_fee_from_the_patient(
    api: Api, practice: Practice
) -> None:
    pat = make_patient(api.db, PriProv=practice.dentist2)
    body = new(pat, CodeNum=practice.codes["D1110"])
    del body["procCode"]
    created = api.post("/procedurelogs", api.integration(*RW), body).json()
    assert created["procCode"] == "D1110"
    assert created["ProvNum"] == practice.dentist2
    assert created["ProcFee"] == "0.00"
    assert created["ClinicNum"] == 0


@pytest.mark.parametrize("status", ["C", "EO", "EC", "R", "Cn"])
def test_post_takes_the_statuses_open_dental_25_takes(
    api: Api, practice: Practice, status: str
) -> None:
    pat = make_patient(api.db)
    response = api.post("/procedurelogs", api.integration(*RW), new(pat, ProcStatus=status))
    assert response.status_code == 201, response.text
    assert response.json()["ProcStatus"] == status
    assert response.json()["ProcDate"] == YESTERDAY


def test_post_completed_procedure_is_dated_and_logged_as_proc_compl_create(
    api: Api, practice: Practice
) -> None:
    pat = make_patient(api.db)
    created = api.post("/procedurelogs", api.integration(*RW), new(pat, ProcStatus="C")).json()
    assert created["DateEntryC"] == TODAY().isoformat()
    [entry] = proc_logs(api, EnumPermType.ProcComplCreate)
    assert entry.FKey == created["ProcNum"] and entry.PatNum == pat


def test_write_is_logged_with_the_integration_user_address_and_request_id(
    api: Api, practice: Practice
) -> None:
    with api.db.write() as session:
        session.add(Userod(UserName="jdoe"))
    pat = make_patient(api.db)
    headers = {**api.integration(*RW), "X-Enamel-User": "jdoe", "X-Request-Id": "req-91"}
    proc = api.post("/procedurelogs", headers, new(pat)).json()["ProcNum"]
    with api.db.read() as session:
        user_num = session.scalar(select(Userod.UserNum).where(Userod.UserName == "jdoe"))
    [entry] = proc_logs(api, EnumPermType.ProcEdit)
    assert entry.FKey == proc and entry.PatNum == pat
    assert entry.LogSource is LogSources.API
    assert entry.ActorKind == "integration" and entry.ActorName == "Reminder Pro"
    assert entry.UserNum == user_num
    assert entry.RequestId == "req-91"
    assert entry.CompName == "testclient"
    assert entry.LogText.endswith("By integration 'Reminder Pro' for user jdoe.")
    headers["X-Request-Id"] = "req-92"
    assert delete(api, f"/procedurelogs/{proc}", headers).status_code == 200
    [deleted] = proc_logs(api, EnumPermType.ProcDelete)
    assert deleted.RequestId == "req-92" and deleted.UserNum == user_num
    assert deleted.LogText.endswith("By integration 'Reminder Pro' for user jdoe.")


def test_bad_input_is_400_naming_the_field_and_nothing_is_written(
    api: Api, practice: Practice
) -> None:
    pat = make_patient(api.db)
    headers = api.integration(*RW)
    tomorrow = (TODAY() + dt.timedelta(days=1)).isoformat()
    no_code = new(pat)
    del no_code["procCode"]
    cases: list[tuple[dict[str, Any], str]] = [
        ({"ProcDate": YESTERDAY, "ProcStatus": "TP", "procCode": "D0120"}, "PatNum"),
        ({"PatNum": pat, "ProcStatus": "TP", "procCode": "D0120"}, "ProcDate"),
        ({"PatNum": pat, "ProcDate": YESTERDAY, "procCode": "D0120"}, "ProcStatus"),
        (no_code, "procCode"),
        (new(pat, Priority=1), "Priority"),
        (new(pat, ProcDate="04/28/2021"), "ProcDate"),
        (new(pat, ProcDate="2021-02-30"), "ProcDate"),
        (new(pat, ProcStatus="Complete"), "ProcStatus"),
        (new(pat, ProcStatus="D"), "ProcStatus"),
        (new(pat, ProcStatus="TPi"), "ProcStatus"),
        (new(pat, ProcStatus="C", ProcDate=tomorrow), "ProcDate"),
        (new(pat, procCode="D0000"), "procCode"),
        (new(pat, procCode="D9999"), "procCode"),  # hidden
        (new(pat, procCode="D01\x0020"), "procCode"),
        (new(pat, CodeNum=practice.codes["D1110"]), "procCode"),
        (new(pat, PatNum=424242), "PatNum"),
        (new(pat, PatNum="x"), "PatNum"),
        (new(pat, ProvNum=practice.hidden_provider), "ProvNum"),
        (new(pat, ClinicNum=999), "ClinicNum"),
        (new(pat, ProcFee="-1"), "ProcFee"),
        (new(pat, ProcFee="12.345"), "ProcFee"),
        (new(pat, ProcFee=12.005), "ProcFee"),  # a JSON number, exact: a fraction of a cent
        (new(pat, Discount="-5"), "Discount"),
        (new(pat, ToothNum="40"), "ToothNum"),
        (new(pat, ToothRange="2,,3"), "ToothRange"),
        (new(pat, ToothRange="1-99"), "ToothRange"),
        (new(pat, AptNum=424242), "AptNum"),
        (new(pat, UnitQty=0), "UnitQty"),
        (new(pat, UnitQty=2**31), "UnitQty"),
        (new(pat, BillingNote="x" * 256), "BillingNote"),
    ]
    for body, field in cases:
        response = api.post("/procedurelogs", headers, body)
        assert response.status_code == 400, (body, response.text)
        assert response.json()["field"] == field, (body, response.json())
        assert response.json()["message"]
    assert count(api.db, ProcedureLog) == 0
    assert count(api.db, SecurityLog, SecurityLog.PermType == EnumPermType.ProcEdit) == 0


def test_malformed_json_is_400_and_nothing_is_written(api: Api, practice: Practice) -> None:
    headers = api.integration(*RW)
    bad = api.client.post(f"{BASE}/procedurelogs", headers=headers, content=b'{"PatNum": ')
    assert bad.status_code == 400 and "JSON" in bad.json()["message"]
    array = api.client.post(f"{BASE}/procedurelogs", headers=headers, content=b"[1]")
    assert array.status_code == 400
    assert count(api.db, ProcedureLog) == 0


# Updating


def test_put_changes_only_the_fields_sent_and_answers_the_object(
    api: Api, practice: Practice
) -> None:
    pat = make_patient(api.db)
    proc = make_procedure(api.db, practice, pat, ToothNum="3", Surf="O")
    headers = api.integration(*RW)
    response = api.put(
        f"/procedurelogs/{proc}",
        headers,
        {
            "ProcFee": "250",
            "procCode": "D2391",
            "ToothNum": "14",
            "ProvNum": str(practice.dentist2),
        },
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert list(body) == FIELDS
    assert body["ProcFee"] == "250.00" and body["procCode"] == "D2391"
    assert body["ToothNum"] == "14" and body["Surf"] == "O"
    assert body["ProvNum"] == practice.dentist2 and body["provAbbr"] == "DOC2"
    assert body["ProcStatus"] == "TP"
    [entry] = proc_logs(api, EnumPermType.ProcEdit)[1:]
    assert "ProcFee" in entry.LogText and "CodeNum" in entry.LogText


def test_put_ignores_empty_tooth_surface_and_range_as_open_dental_does(
    api: Api, practice: Practice
) -> None:
    pat = make_patient(api.db)
    proc = make_procedure(api.db, practice, pat, ToothNum="3", Surf="O")
    body = api.put(
        f"/procedurelogs/{proc}",
        api.integration(*RW),
        {"ToothNum": "", "Surf": " ", "ToothRange": "", "BillingNote": "x" * 255},
    ).json()
    assert (body["ToothNum"], body["Surf"], body["BillingNote"]) == ("3", "O", "x" * 255)


def test_put_completes_a_planned_procedure(api: Api, practice: Practice) -> None:
    pat = make_patient(api.db)
    proc = make_procedure(api.db, practice, pat)
    body = api.put(
        f"/procedurelogs/{proc}", api.integration(*RW), {"ProcStatus": "C", "ProcDate": YESTERDAY}
    ).json()
    assert body["ProcStatus"] == "C" and body["ProcDate"] == YESTERDAY
    assert body["DateEntryC"] == TODAY().isoformat()
    assert len(proc_logs(api, EnumPermType.ProcComplCreate)) == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"CodeNum": "D1110"}, "CodeNum"),
        ({"procCode": "D1110"}, "procCode"),
        ({"Discount": "5"}, "Discount"),
        ({"ToothNum": "5"}, "ToothNum"),
        ({"Surf": "MO"}, "Surf"),
        ({"ToothRange": "2-4"}, "ToothRange"),
    ],
)
def test_put_cannot_change_what_a_completed_procedure_billed(
    api: Api, practice: Practice, change: dict[str, str], field: str
) -> None:
    if "CodeNum" in change:
        change = {"CodeNum": str(practice.codes[change["CodeNum"]])}
    pat = make_patient(api.db)
    proc = make_procedure(api.db, practice, pat, ProcStatus=ProcStat.C, ToothNum="3", Surf="O")
    headers = api.integration(*RW)
    before = api.get(f"/procedurelogs/{proc}", headers).json()
    response = api.put(f"/procedurelogs/{proc}", headers, change | {"BillingNote": "changed"})
    assert response.status_code == 400
    assert response.json()["field"] == field
    assert field in response.json()["message"]
    after = api.get(f"/procedurelogs/{proc}", headers).json()
    assert after["BillingNote"] == "" and after["DateTStamp"] == before["DateTStamp"]
    assert proc_logs(api, EnumPermType.ProcCompleteEdit) == []


def test_put_on_a_completed_procedure_may_resend_its_code_and_change_other_fields(
    api: Api, practice: Practice
) -> None:
    pat = make_patient(api.db)
    proc = make_procedure(api.db, practice, pat, ProcStatus=ProcStat.C, ToothNum="3")
    body = api.put(
        f"/procedurelogs/{proc}",
        api.integration(*RW),
        {"procCode": "D0120", "ToothNum": "3", "Discount": "0", "ProcFee": "75"},
    )
    assert body.status_code == 200, body.text
    assert body.json()["ProcFee"] == "75.00"
    assert len(proc_logs(api, EnumPermType.ProcCompleteEdit)) == 1


def test_put_refusals_name_the_field_and_change_nothing(api: Api, practice: Practice) -> None:
    pat = make_patient(api.db)
    other = make_patient(api.db, FName="Ben")
    proc = make_procedure(api.db, practice, pat)
    done = make_procedure(api.db, practice, pat, ProcStatus=ProcStat.C)
    headers = api.integration(*RW)
    for target, body, status, field in (
        (proc, {"PatNum": other}, 400, "PatNum"),
        (proc, {"procCode": "D0000"}, 400, "procCode"),
        (proc, {"ProcStatus": "Done"}, 400, "ProcStatus"),
        (proc, {"ProcStatus": "D"}, 400, "ProcStatus"),
        (proc, {"ProcDate": "yesterday"}, 400, "ProcDate"),
        (proc, {"Nickname": "x"}, 400, "Nickname"),
        (proc, {"Surf": "M" * 256}, 400, "Surf"),
        (proc, {"UnitQty": 2**31}, 400, "UnitQty"),
        (done, {"ProcStatus": "TP"}, 409, "ProcStatus"),
    ):
        response = api.put(f"/procedurelogs/{target}", headers, body)
        assert response.status_code == status, (body, response.text)
        assert response.json()["field"] == field
    assert stored(api.db, proc).ProcStatus is ProcStat.TP
    assert stored(api.db, done).ProcStatus is ProcStat.C
    assert api.put("/procedurelogs/424242", headers, {"procCode": "D0000"}).status_code == 404


# Deleting


def test_delete_marks_a_planned_procedure_deleted_and_answers_it(
    api: Api, practice: Practice
) -> None:
    pat = make_patient(api.db)
    proc = make_procedure(api.db, practice, pat)
    headers = api.integration(*RW)
    response = delete(api, f"/procedurelogs/{proc}", headers)
    assert response.status_code == 200
    assert list(response.json()) == FIELDS
    assert response.json()["ProcStatus"] == "D"
    assert stored(api.db, proc).ProcStatus is ProcStat.D
    assert api.get(f"/procedurelogs/{proc}", headers).json()["ProcStatus"] == "D"
    again = delete(api, f"/procedurelogs/{proc}", headers)
    assert again.status_code == 200 and again.json()["ProcStatus"] == "D"
    assert len(proc_logs(api, EnumPermType.ProcDelete)) == 1


@pytest.mark.parametrize("done", [ProcStat.C, ProcStat.EC, ProcStat.EO])
def test_delete_refuses_done_procedures_with_409(
    api: Api, practice: Practice, done: ProcStat
) -> None:
    pat = make_patient(api.db)
    proc = make_procedure(api.db, practice, pat, ProcStatus=done)
    response = delete(api, f"/procedurelogs/{proc}", api.integration(*RW))
    assert response.status_code == 409
    assert response.json()["error"] == "invalid_transition"
    assert "not deleted" in response.json()["message"]
    assert stored(api.db, proc).ProcStatus is done
    assert proc_logs(api, EnumPermType.ProcDelete) == []


def test_delete_of_an_unknown_procedure_is_404(api: Api) -> None:
    assert delete(api, "/procedurelogs/424242", api.integration(*RW)).status_code == 404


# Scopes


def test_scopes_are_required_and_nothing_is_written_without_them(
    api: Api, practice: Practice
) -> None:
    pat = make_patient(api.db)
    proc = make_procedure(api.db, practice, pat)
    reader = api.integration("procedurelogs:read")
    writer = api.integration("procedurelogs:write", name="Writer")
    codes = api.integration("procedurecodes:read", name="Codes")
    for response in (
        api.post("/procedurelogs", reader, new(pat)),
        api.put(f"/procedurelogs/{proc}", reader, {"ProcFee": "1"}),
        delete(api, f"/procedurelogs/{proc}", reader),
    ):
        assert response.status_code == 403
        assert "procedurelogs:write" in response.json()["message"]
    for response in (
        api.get("/procedurelogs", writer),
        api.get(f"/procedurelogs/{proc}", codes),
    ):
        assert response.status_code == 403
        assert "procedurelogs:read" in response.json()["message"]
    assert count(api.db, ProcedureLog) == 1
    assert stored(api.db, proc).ProcFee == Decimal("50.00")
    assert stored(api.db, proc).ProcStatus is ProcStat.TP
    assert api.get("/procedurelogs", api.integration("*:read", name="All")).status_code == 200


def test_money_sent_as_json_numbers_is_taken_exactly(api: Api, practice: Practice) -> None:
    """Open Dental's own example sends `"Discount": 25.99`: a number, read as exact cents."""
    pat = make_patient(api.db, PriProv=practice.dentist)
    headers = api.integration(*RW)
    raw = (
        b'{"PatNum": %d, "ProcDate": "%s", "ProcStatus": "TP", "procCode": "D0120", '
        b'"ProcFee": 125.95, "Discount": 25.99}' % (pat, YESTERDAY.encode())
    )
    response = api.client.post("/api/v1/procedurelogs", headers=headers, content=raw)
    assert response.status_code == 201, response.text
    row = stored(api.db, response.json()["ProcNum"])
    assert row.ProcFee == Decimal("125.95") and row.Discount == Decimal("25.99")
    sneaky = raw.replace(b"25.99", b"25.9900000000000001")
    refused = api.client.post("/api/v1/procedurelogs", headers=headers, content=sneaky)
    assert refused.status_code == 400 and refused.json()["field"] == "Discount"
