"""The integrations page: what it shows, and each action's effect on the API, as that user."""

from __future__ import annotations

import re

from sqlalchemy import select

from enamel.models import Integration, SecurityLog
from tests.admin.office import Office


def last_entry(office: Office) -> SecurityLog:
    with office.api.db.read() as session:
        entry = session.scalars(
            select(SecurityLog).order_by(SecurityLog.SecurityLogNum.desc()).limit(1)
        ).one()
    return entry


def test_the_page_lists_each_integration_with_its_activity(boss: Office) -> None:
    headers = boss.api.integration("patients:read", name="Reminder Pro", rate_limit=5)
    assert boss.api.get("/patients", headers).status_code == 200
    boss.api.client.app.state.activity.flush()  # type: ignore[attr-defined]
    page = boss.get("/office/integrations")
    assert page.status_code == 200
    row = re.search(r'<tr data-integration="Reminder Pro">(.*?)</tr>', page.text, re.S)
    assert row, page.text
    cells = row.group(1)
    assert "on" in cells and "patients:read" in cells and "5/s" in cells
    assert "never" not in cells  # last seen just now
    assert "<svg" in cells and "1 requests" in cells
    table = boss.get("/office/integrations/table")
    assert table.status_code == 200 and "Reminder Pro" in table.text
    assert "<html" not in table.text  # the htmx part alone


def test_switching_an_integration_off_refuses_its_next_call(boss: Office) -> None:
    headers = boss.api.integration("patients:read", name="Reminder Pro")
    assert boss.api.get("/patients", headers).status_code == 200
    response = boss.post(
        "/office/integrations/off", {"name": "Reminder Pro", "reason": "booking over lunch"}
    )
    assert response.status_code == 303
    page = boss.client.get(response.headers["location"])
    assert "Integration &#39;Reminder Pro&#39; is switched off" in page.text
    refused = boss.api.get("/patients", headers)
    assert refused.status_code == 403
    assert refused.json()["error"] == "integration_off"
    assert "booking over lunch" in refused.json()["message"]
    entry = last_entry(boss)
    assert (entry.ActorKind, entry.ActorName) == ("office_user", "boss")
    assert entry.UserNum > 0
    assert "switched off: booking over lunch. By office user boss" in entry.LogText
    assert boss.post("/office/integrations/on", {"name": "Reminder Pro"}).status_code == 303
    assert boss.api.get("/patients", headers).status_code == 200


def test_a_reason_is_required_to_switch_off(boss: Office) -> None:
    boss.api.integration("patients:read", name="Reminder Pro")
    response = boss.post("/office/integrations/off", {"name": "Reminder Pro", "reason": " "})
    assert response.status_code == 400
    assert "say why" in response.text and "<html" in response.text


def test_the_whole_api_goes_off_and_on(boss: Office) -> None:
    headers = boss.api.integration("patients:read", name="Reminder Pro")
    assert boss.post("/office/api/off", {"reason": "checking a leak"}).status_code == 303
    off = boss.api.get("/patients", headers)
    assert off.status_code == 503 and "checking a leak" in off.json()["message"]
    assert 'The API is <strong class="off">OFF</strong>' in boss.get("/office/integrations").text
    assert boss.post("/office/api/on").status_code == 303
    assert boss.api.get("/patients", headers).status_code == 200


def test_a_new_integration_shows_its_keys_once_and_they_work(boss: Office) -> None:
    response = boss.post(
        "/office/integrations",
        {
            "name": "Imaging Bridge",
            "scope": ["patients:read", "appointments:read"],
            "rate_limit": 0,
        },
    )
    assert response.status_code == 201, response.text
    developer = re.search(r'id="developer-key">([^<]+)<', response.text)
    customer = re.search(r'id="customer-key">([^<]+)<', response.text)
    assert developer and customer
    headers = {"Authorization": f"ODFHIR {developer.group(1)}/{customer.group(1)}"}
    assert boss.api.get("/patients", headers).status_code == 200
    assert response.headers["cache-control"] == "no-store"
    assert developer.group(1) not in boss.get("/office/integrations").text
    assert last_entry(boss).ActorName == "boss"
    again = boss.post("/office/integrations", {"name": "Imaging Bridge", "scope": ["queries"]})
    assert again.status_code == 409


def test_changing_scopes_takes_effect_at_once(boss: Office) -> None:
    headers = boss.api.integration("patients:read", name="Reminder Pro")
    changed = boss.post(
        "/office/integrations/scopes", {"name": "Reminder Pro", "scope": ["appointments:read"]}
    )
    assert changed.status_code == 303
    assert boss.api.get("/patients", headers).status_code == 403
    assert boss.api.get("/appointments", headers).status_code == 200
    with boss.api.db.read() as session:
        scopes = session.scalar(
            select(Integration.Scopes).where(Integration.Name == "Reminder Pro")
        )
    assert scopes == "appointments:read"
    assert "from patients:read to appointments:read" in last_entry(boss).LogText
    empty = boss.post("/office/integrations/scopes", {"name": "Reminder Pro"})
    assert empty.status_code == 400


def test_staff_see_the_page_but_cannot_do_administrator_actions(clerk: Office) -> None:
    headers = clerk.api.integration("patients:read", name="Reminder Pro")
    page = clerk.get("/office/integrations")
    assert page.status_code == 200 and "Reminder Pro" in page.text
    assert "clerk (staff)" in page.text
    assert "Switch off" not in page.text and "Add an integration" not in page.text
    for path, data in (
        ("/office/integrations/off", {"name": "Reminder Pro", "reason": "x"}),
        ("/office/integrations/scopes", {"name": "Reminder Pro", "scope": ["queries"]}),
        ("/office/integrations", {"name": "Sneaky", "scope": ["*:read"]}),
        ("/office/api/off", {"reason": "x"}),
        ("/office/api/on", {}),
        ("/office/integrations/on", {"name": "Reminder Pro"}),
    ):
        refused = clerk.post(path, data)
        assert refused.status_code == 403, path
        assert "Administrators only" in refused.text
    assert clerk.api.get("/patients", headers).status_code == 200
    with clerk.api.db.read() as session:
        assert session.scalar(select(Integration.Scopes)) == "patients:read"
        assert session.scalars(select(Integration.Name)).all() == ["Reminder Pro"]
