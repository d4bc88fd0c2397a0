"""The integrity page: findings with their before/after, a check on demand, acknowledgement."""

from __future__ import annotations

import re

from sqlalchemy import select

from enamel.models import AuditFinding, SecurityLog
from tests.admin.office import Office
from tests.audit.tamper import sql


def tamper(office: Office) -> int:
    writer = office.api.integration("patients:write", name="Front desk")
    pat = int(
        office.api.post("/patients", writer, {"LName": "Smith", "FName": "Jane"}).json()["PatNum"]
    )
    sql(office.api.db, "UPDATE patient SET {q}LName{q} = 'Mallory' WHERE {q}PatNum{q} = {p}", pat)
    return pat


def test_a_check_finds_the_change_and_an_administrator_acknowledges_it(boss: Office) -> None:
    pat = tamper(boss)
    checked = boss.post("/office/integrity/check")
    assert checked.status_code == 303
    page = boss.client.get(checked.headers["location"])
    assert "The check is done: 1 open finding (1 new)." in page.text
    assert f"seal mismatch · patient {pat}" in page.text
    assert "Smith" in page.text and "Mallory" in page.text
    number = int(re.findall(r'action="/office/integrity/(\d+)/acknowledge"', page.text)[0])
    no_reason = boss.post(f"/office/integrity/{number}/acknowledge", {"reason": ""})
    assert no_reason.status_code == 400
    done = boss.post(
        f"/office/integrity/{number}/acknowledge", {"reason": "front desk fixed a typo"}
    )
    assert done.status_code == 303
    assert "No open findings." in boss.get("/office/integrity").text
    assert "front desk fixed a typo" in boss.get("/office/integrity", status="all").text
    with boss.api.db.read() as session:
        row = session.get(AuditFinding, number)
        entry = session.scalars(
            select(SecurityLog).order_by(SecurityLog.SecurityLogNum.desc()).limit(1)
        ).one()
    assert row is not None and row.AckUserName == "boss"
    assert entry.ActorKind == "office_user" and entry.UserNum > 0
    assert f"Integrity finding {number} acknowledged" in entry.LogText


def test_staff_see_findings_but_cannot_acknowledge_or_run_the_check(
    boss: Office, clerk: Office
) -> None:
    tamper(boss)
    boss.post("/office/integrity/check")
    page = clerk.get("/office/integrity")
    assert "seal mismatch" in page.text and "Acknowledge" not in page.text
    with clerk.api.db.read() as session:
        number = session.scalars(select(AuditFinding.AuditFindingNum)).one()
    refused = clerk.post(f"/office/integrity/{number}/acknowledge", {"reason": "hide it"})
    assert refused.status_code == 403
    assert clerk.post("/office/integrity/check").status_code == 403
    with clerk.api.db.read() as session:
        assert session.get(AuditFinding, number).AckReason == ""  # type: ignore[union-attr]
