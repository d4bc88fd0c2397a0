"""/api/v1/procedurecodes over HTTP, as an Open Dental client uses it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update

from enamel.models import DefCat, ProcedureCode
from enamel.procedures.service import ProcedureCodeData, create_procedure_code
from enamel.security.actor import system_actor
from enamel.setup.service import create_definition
from tests.apiclient import Api
from tests.factories import Practice

# Open Dental's documented GET /procedurecodes/{CodeNum}, in its order
# (opendental.com/site/apiprocedurecodes.html).
FIELDS = (
    "CodeNum ProcCode Descript AbbrDesc ProcTime ProcCat procCat TreatArea NoBillIns IsProsth "
    "DefaultNote IsHygiene AlternateCode1 MedicalCode IsTaxed PaintType LaymanTerm IsCanadianLab "
    "BaseUnits SubstitutionCode SubstOnlyIf DateTStamp DrugNDC RevenueCodeDefault ProvNumDefault "
    "CanadaTimeUnits IsRadiology DefaultClaimNote DefaultTPNote PaintText AreaAlsoToothRange "
    "DiagnosticCodes"
).split()

READ = "procedurecodes:read"


def test_get_one_code_has_open_dentals_fields_in_order_and_formats(
    api: Api, practice: Practice
) -> None:
    actor = system_actor("tests")
    with api.db.write() as session:
        exams = create_definition(session, actor, DefCat.ProcCodeCats, "Exams & Xrays").DefNum
        code = create_procedure_code(
            session,
            actor,
            ProcedureCodeData(
                ProcCode="D0140",
                Descript="limited oral evaluation - problem focused",
                AbbrDesc="LimEx",
                ProcCat=exams,
                IsHygiene=True,
            ),
        ).CodeNum
    response = api.get(f"/procedurecodes/{code}", api.integration(READ))
    assert response.status_code == 200
    body = response.json()
    assert list(body) == FIELDS
    assert body["CodeNum"] == code and body["ProcCode"] == "D0140"
    assert body["Descript"] == "limited oral evaluation - problem focused"
    assert body["AbbrDesc"] == "LimEx" and body["ProcTime"] == "/X/"
    assert body["ProcCat"] == exams and body["procCat"] == "Exams & Xrays"
    assert body["TreatArea"] == "None" and body["PaintType"] == "None"
    assert body["SubstOnlyIf"] == "Always"
    assert body["IsHygiene"] == "true" and body["NoBillIns"] == "false"
    assert body["IsRadiology"] == "false" and body["AreaAlsoToothRange"] == "false"
    assert body["BaseUnits"] == 0 and body["ProvNumDefault"] == 0
    assert body["CanadaTimeUnits"] == 0.0 and isinstance(body["CanadaTimeUnits"], float)
    assert body["MedicalCode"] == "" and body["DiagnosticCodes"] == ""
    assert dt.datetime.strptime(body["DateTStamp"], "%Y-%m-%d %H:%M:%S")
    assert "serverDateTime" not in body
    assert None not in body.values()


def test_code_without_category_has_an_empty_category_name(api: Api, practice: Practice) -> None:
    body = api.get(f"/procedurecodes/{practice.codes['D0120']}", api.integration(READ)).json()
    assert body["ProcCat"] == 0 and body["procCat"] == ""


def test_treat_area_and_paint_type_are_sent_as_labels(api: Api, practice: Practice) -> None:
    code = practice.codes["D2391"]
    with api.db.write() as session:
        session.execute(
            update(ProcedureCode)
            .where(ProcedureCode.CodeNum == code)
            .values(TreatArea=1, PaintType=5)
        )
    body = api.get(f"/procedurecodes/{code}", api.integration(READ)).json()
    assert body["TreatArea"] == "Surf" and body["PaintType"] == "FillingDark"


def test_unknown_code_is_404_and_a_bad_id_is_400(api: Api) -> None:
    headers = api.integration(READ)
    missing = api.get("/procedurecodes/424242", headers)
    assert missing.status_code == 404 and "424242" in missing.json()["message"]
    assert api.get("/procedurecodes/D0120", headers).status_code == 400


def test_list_pages_by_100_in_codenum_order_hidden_codes_included(
    api: Api, practice: Practice
) -> None:
    with api.db.write() as session:
        session.add_all(
            ProcedureCode(ProcCode=f"X{i:03}", Descript=f"Code {i}") for i in range(146)
        )
    headers = api.integration(READ)
    first = api.get("/procedurecodes", headers).json()
    second = api.get("/procedurecodes", headers, Offset=100).json()
    assert len(first) == 100 and len(second) == 50
    nums = [c["CodeNum"] for c in first + second]
    assert nums == sorted(nums) and len(set(nums)) == 150
    assert practice.hidden_code in nums
    assert list(first[0]) == FIELDS
    assert len(api.get("/procedurecodes", headers, Limit=5000).json()) == 150
    assert api.get("/procedurecodes", headers, Limit=0).status_code == 400


def test_datetstamp_gives_codes_changed_since(api: Api, practice: Practice) -> None:
    with api.db.write() as session:
        session.execute(update(ProcedureCode).values(DateTStamp=dt.datetime(2020, 1, 1, 8)))
    headers = api.integration(READ)
    assert len(api.get("/procedurecodes", headers, DateTStamp="2020-01-01 08:00:00").json()) == 4
    assert api.get("/procedurecodes", headers, DateTStamp="2020-01-01 08:00:01").json() == []
    with api.db.write() as session:
        new = create_procedure_code(
            session, system_actor("tests"), ProcedureCodeData(ProcCode="D0150", Descript="Exam")
        ).CodeNum
    since = (dt.datetime.now() - dt.timedelta(minutes=5)).strftime("%Y-%m-%d %H:%M:%S")
    assert [c["CodeNum"] for c in api.get("/procedurecodes", headers, DateTStamp=since).json()] == [
        new
    ]
    bad = api.get("/procedurecodes", headers, DateTStamp="2020-01-01")
    assert bad.status_code == 400 and bad.json()["field"] == "DateTStamp"


def test_codes_need_their_own_read_scope(api: Api, practice: Practice) -> None:
    logs = api.integration("procedurelogs:read", "procedurelogs:write")
    for path in ("/procedurecodes", f"/procedurecodes/{practice.codes['D0120']}"):
        response = api.get(path, logs)
        assert response.status_code == 403
        assert "procedurecodes:read" in response.json()["message"]
    assert api.get("/procedurecodes", api.integration("*:read", name="All")).status_code == 200
