"""/api/v1/auditfindings over HTTP: integrations read the integrity check's findings; an office
user acknowledges one with a reason, which is logged and keeps it readable."""

from __future__ import annotations

from sqlalchemy import select

from enamel.models import SecurityLog, Userod
from enamel.models.enums import EnumPermType
from tests.apiclient import Api
from tests.audit.tamper import check, sql

JANE = {"LName": "Smith", "FName": "Jane"}


def tampered(api: Api) -> int:
    """A patient written through the API, then renamed with a raw driver connection."""
    writer = api.integration("patients:write", name="Front desk")
    pat = int(api.post("/patients", writer, JANE).json()["PatNum"])
    sql(api.db, "UPDATE patient SET {q}LName{q} = 'Mallory' WHERE {q}PatNum{q} = {p}", pat)
    code, _ = check(api.db)
    assert code == 1
    return pat


def test_a_finding_is_listed_with_table_key_columns_and_account(api: Api) -> None:
    pat = tampered(api)
    headers = api.integration("auditfindings:read")
    response = api.get("/auditfindings", headers)
    assert response.status_code == 200, response.text
    (finding,) = response.json()
    assert (finding["Kind"], finding["TableName"], finding["RowKey"]) == (
        "seal mismatch",
        "patient",
        pat,
    )
    assert finding["Columns"]["LName"] == {"before": "Smith", "after": "Mallory"}
    assert finding["Acknowledged"] == "false"
    if api.db.dialect != "sqlite":
        assert finding["DbAccount"]
    assert len(finding["ChangedAt"]) == 19
    one = api.get(f"/auditfindings/{finding['AuditFindingNum']}", headers)
    assert one.json() == finding
    assert api.get("/auditfindings/999999", headers).status_code == 404
    bad = api.get("/auditfindings", headers, Status="closed")
    assert bad.status_code == 400 and "Status" in bad.text


def test_reading_findings_needs_the_scope(api: Api) -> None:
    tampered(api)
    refused = api.get("/auditfindings", api.integration("patients:read", name="Reminders"))
    assert refused.status_code == 403
    assert "auditfindings:read" in refused.json()["message"]


def test_an_office_user_acknowledges_a_finding_with_a_reason(api: Api) -> None:
    tampered(api)
    with api.db.write() as session:
        session.add(Userod(UserName="manager"))
    reader = api.integration("auditfindings:read", name="Dashboard")
    (finding,) = api.get("/auditfindings", reader).json()
    num = finding["AuditFindingNum"]
    path = f"/auditfindings/{num}/Acknowledge"
    program = api.integration("auditfindings:read", "auditfindings:write", name="Office app")

    alone = api.put(path, program, {"Reason": "our own fix"})
    assert alone.status_code == 400 and "X-Enamel-User" in alone.text
    as_user = {**program, "X-Enamel-User": "manager"}
    assert api.put(path, as_user, {"Reason": "  "}).status_code == 400
    assert api.put(path, reader, {"Reason": "x"}).status_code == 403
    assert api.get("/auditfindings", reader).json() == [finding]  # nothing changed so far

    done = api.put(path, as_user, {"Reason": "Corrected the name by hand after a call"})
    assert done.status_code == 200, done.text
    assert done.json()["Acknowledged"] == "true"
    assert done.json()["AckUserName"] == "manager"
    assert api.get("/auditfindings", reader).json() == []
    (kept,) = api.get("/auditfindings", reader, Status="all").json()
    assert kept["AckReason"] == "Corrected the name by hand after a call"
    assert api.get("/auditfindings", reader, Status="acknowledged").json() == [kept]
    again = api.put(path, as_user, {"Reason": "twice"})
    assert again.status_code == 400

    with api.db.read() as session:
        logged = session.scalars(
            select(SecurityLog.LogText).where(SecurityLog.PermType == EnumPermType.SecurityAdmin)
        ).all()
    assert any(f"finding {num} acknowledged" in text and "manager" in text for text in logged)
    code, report = check(api.db)
    assert code == 0 and report["acknowledged"] == 1, report
