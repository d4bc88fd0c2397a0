"""/api/v1/operatories over HTTP, as an Open Dental client uses it."""

from __future__ import annotations

from sqlalchemy import update

from enamel.models import Clinic, Operatory
from enamel.security import system_actor
from enamel.setup.service import OperatoryData, create_operatory
from tests.apiclient import Api
from tests.factories import Practice

# Open Dental's documented GET /operatories/{OperatoryNum}, in its order
# (opendental.com/site/apioperatories.html).
OPERATORY_FIELDS = (
    "OperatoryNum OpName Abbrev ItemOrder IsHidden ProvDentist ProvHygienist IsHygiene "
    "ClinicNum SetProspective IsWebSched OperatoryType operatoryType"
).split()

READ = "operatories:read"


def test_get_one_operatory_has_open_dentals_fields_in_order_and_types(
    api: Api, practice: Practice
) -> None:
    response = api.get(f"/operatories/{practice.hygiene_op}", api.integration(READ))
    assert response.status_code == 200
    body = response.json()
    assert list(body) == OPERATORY_FIELDS
    assert body == {
        "OperatoryNum": practice.hygiene_op,
        "OpName": "Hyg 1",
        "Abbrev": "Hyg 1",
        "ItemOrder": 2,
        "IsHidden": "false",
        "ProvDentist": 0,
        "ProvHygienist": practice.hygienist,
        "IsHygiene": "true",
        "ClinicNum": 0,
        "SetProspective": "false",
        "IsWebSched": "false",
        "OperatoryType": 0,
        "operatoryType": "",
    }


def test_unknown_operatory_is_404_and_a_bad_id_is_400(api: Api) -> None:
    headers = api.integration(READ)
    missing = api.get("/operatories/424242", headers)
    assert missing.status_code == 404
    assert "424242" in missing.json()["message"]
    for bad in ("abc", "-1", str(2**63)):
        response = api.get(f"/operatories/{bad}", headers)
        assert response.status_code == 400, bad
        assert response.json()["field"] == "OperatoryNum"


def test_list_gives_every_operatory_hidden_too_in_operatorynum_order(
    api: Api, practice: Practice
) -> None:
    body = api.get("/operatories", api.integration(READ)).json()
    assert [o["OperatoryNum"] for o in body] == [
        practice.op,
        practice.op2,
        practice.hygiene_op,
        practice.hidden_op,
    ]
    assert all(list(o) == OPERATORY_FIELDS for o in body)
    assert body[0]["ProvDentist"] == practice.dentist
    assert body[3]["IsHidden"] == "true"


def test_list_pages_by_100_with_offset_and_limit(api: Api) -> None:
    with api.db.write() as session:
        session.add_all(Operatory(OpName=f"Op {i:03}", Abbrev=f"O{i}") for i in range(150))
    headers = api.integration(READ)
    first = api.get("/operatories", headers).json()
    second = api.get("/operatories", headers, Offset=100).json()
    assert len(first) == 100 and len(second) == 50
    nums = [o["OperatoryNum"] for o in first + second]
    assert nums == sorted(nums) and len(set(nums)) == 150
    window = api.get("/operatories", headers, Limit=5, Offset=10).json()
    assert [o["OperatoryNum"] for o in window] == nums[10:15]
    assert api.get("/operatories", headers, Limit=0).status_code == 400
    assert api.get("/operatories", headers, Offset=-1).status_code == 400


def test_clinicnum_gives_that_clinics_operatories_and_an_unknown_clinic_is_404(
    api: Api, practice: Practice
) -> None:
    with api.db.write() as session:
        in_clinic = create_operatory(
            session, system_actor("tests"), OperatoryData(OpName="North", ClinicNum=practice.clinic)
        ).OperatoryNum
    headers = api.integration(READ)
    clinic = api.get("/operatories", headers, ClinicNum=practice.clinic).json()
    assert [o["OperatoryNum"] for o in clinic] == [in_clinic]
    assert clinic[0]["ClinicNum"] == practice.clinic
    no_clinic = api.get("/operatories", headers, ClinicNum="0").json()
    assert [o["OperatoryNum"] for o in no_clinic] == [
        practice.op,
        practice.op2,
        practice.hygiene_op,
        practice.hidden_op,
    ]
    missing = api.get("/operatories", headers, ClinicNum=practice.clinic + 1000)
    assert missing.status_code == 404
    assert missing.json()["message"] == "Clinic not found"
    for bad in ("x", "-1", "2.5", str(2**63)):
        response = api.get("/operatories", headers, ClinicNum=bad)
        assert response.status_code == 400, bad
        assert response.json()["field"] == "ClinicNum"


def test_a_hidden_clinic_still_lists_its_operatories(api: Api, practice: Practice) -> None:
    with api.db.write() as session:
        op = create_operatory(
            session, system_actor("tests"), OperatoryData(OpName="South", ClinicNum=practice.clinic)
        ).OperatoryNum
        session.execute(update(Operatory).where(Operatory.OperatoryNum == op).values(IsHidden=1))
        session.execute(
            update(Clinic).where(Clinic.ClinicNum == practice.clinic).values(IsHidden=1)
        )
    body = api.get("/operatories", api.integration(READ), ClinicNum=practice.clinic).json()
    assert [(o["OperatoryNum"], o["IsHidden"]) for o in body] == [(op, "true")]


def test_reading_needs_operatories_read_and_nothing_can_be_written(
    api: Api, practice: Practice
) -> None:
    other = api.integration("providers:read", "patients:write")
    refused = api.get("/operatories", other)
    assert refused.status_code == 403
    assert "operatories:read" in refused.json()["message"]
    assert api.get(f"/operatories/{practice.op}", other).status_code == 403
    everything = api.integration("*:read", name="Dashboard")
    assert api.get(f"/operatories/{practice.op}", everything).status_code == 200
    headers = api.integration(READ, name="Chairs")
    assert api.post("/operatories", headers, {"OpName": "New"}).status_code == 405
    assert api.put(f"/operatories/{practice.op}", headers, {"OpName": "New"}).status_code == 405
