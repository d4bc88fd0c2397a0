"""The security-log page: filters, pages, CSV."""

from __future__ import annotations

import csv
import io

from enamel.db import Database
from enamel.security.actor import system_actor
from enamel.security.integrations import switch_integration
from tests.admin.office import Office


def many_entries(db: Database, count: int) -> None:
    with db.write() as session:
        for i in range(count):
            switch_integration(
                session, system_actor("tests"), "Reminder Pro", on=i % 2 == 1, reason=f"r{i}"
            )


def test_the_log_is_filtered_by_integration_user_and_permission(clerk: Office) -> None:
    headers = clerk.api.integration("patients:write", name="Front desk")
    created = clerk.api.post("/patients", headers, {"LName": "Smith", "FName": "Jane"})
    pat = created.json()["PatNum"]
    page = clerk.get("/office/securitylog", integration="Front desk")
    assert page.status_code == 200
    assert "<td>PatientCreate</td>" in page.text and "Smith, Jane" in page.text
    assert "signed in" not in page.text
    by_patient = clerk.get("/office/securitylog", patient=str(pat))
    assert "<td>PatientCreate</td>" in by_patient.text and "signed in" not in by_patient.text
    mine = clerk.get("/office/securitylog", user=_user_num(clerk), permission="SecurityAdmin")
    assert "signed in" in mine.text and "<td>PatientCreate</td>" not in mine.text
    future = clerk.get("/office/securitylog", since="2999-01-01T00:00")
    assert "No entries match." in future.text
    bad = clerk.get("/office/securitylog", patient="abc")
    assert bad.status_code == 400 and "Patient must be a number" in bad.text


def _user_num(office: Office) -> str:
    from sqlalchemy import select

    from enamel.models import Userod

    with office.api.db.read() as session:
        return str(session.scalar(select(Userod.UserNum).where(Userod.UserName == "clerk")))


def test_the_log_pages_through_and_exports_csv(clerk: Office) -> None:
    clerk.api.integration("patients:read", name="Reminder Pro")
    many_entries(clerk.api.db, 60)
    first = clerk.get("/office/securitylog", permission="SecurityAdmin")
    assert "Older entries" in first.text and "Newer entries" not in first.text
    second = clerk.get("/office/securitylog", permission="SecurityAdmin", offset=50)
    assert "Newer entries" in second.text and "Older entries" not in second.text
    exported = clerk.get("/office/securitylog.csv", permission="SecurityAdmin")
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert len(rows) >= 62  # 60 switches, the integration, the sign-ins
    assert rows[0]["PermType"] == "SecurityAdmin"
    assert int(rows[0]["SecurityLogNum"]) > int(rows[-1]["SecurityLogNum"])  # newest first
