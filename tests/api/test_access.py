"""The door: keys, scopes, kill switches, rate limits, request ids and body limits, over HTTP."""

from __future__ import annotations

import asyncio

from sqlalchemy import event, select

from enamel.db import clock
from enamel.models import Integration, Patient, SecurityLog
from enamel.models.enums import EnumPermType
from enamel.security.activity import summaries
from enamel.security.keys import key_hash
from tests.apiclient import Api
from tests.factories import count

NEW_PATIENT = {"LName": "Smith", "FName": "Jane"}


def test_a_request_without_credentials_is_401_with_a_message(api: Api) -> None:
    response = api.client.get("/api/v1/patients")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "ODFHIR"
    assert "ODFHIR" in response.json()["message"]
    assert response.json()["error"] == "unauthorized"


def test_wrong_keys_are_401(api: Api) -> None:
    good = api.integration("patients:read")
    developer, customer = good["Authorization"].removeprefix("ODFHIR ").split("/")
    for header in (
        f"ODFHIR {developer}/wrong",
        f"ODFHIR wrong/{customer}",
        f"ODFHIR {customer}/{developer}",
        f"Bearer {developer}/{customer}",
        f"ODFHIR {developer}{customer}",
        "ODFHIR /",
    ):
        response = api.get("/patients", {"Authorization": header})
        assert response.status_code == 401, header
        assert response.json()["message"]


def test_keys_are_stored_only_as_hashes(api: Api) -> None:
    headers = api.integration("patients:read")
    developer, customer = headers["Authorization"].removeprefix("ODFHIR ").split("/")
    assert len(developer) >= 40 and len(customer) >= 40 and developer != customer
    with api.db.read() as session:
        row = session.scalars(select(Integration)).one()
    stored = " ".join(str(v) for v in row.__dict__.values())
    assert developer not in stored and customer not in stored
    assert row.CustomerKeyHash == key_hash(customer)
    assert api.get("/patients", headers).status_code == 200


def _on_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def test_the_switches_are_read_again_off_the_event_loop(api: Api) -> None:
    # A stale snapshot is read again with a query; on the event loop it would hold up every
    # request while the database answers. Lean routes and FastAPI routes both go through it.
    headers = api.integration("patients:read")
    threads: list[bool] = []

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if "FROM integration" in statement:
            threads.append(_on_event_loop())

    event.listen(api.db.read_engine, "before_cursor_execute", seen)
    try:
        for path in ("/patients", "/patients/1", "/appointments"):
            assert api.get(path, headers).status_code in (200, 403, 404), path
    finally:
        event.remove(api.db.read_engine, "before_cursor_execute", seen)
    assert len(threads) == 3  # switch_delay=0: read on every request
    assert not any(threads)


def test_a_missing_scope_is_403_naming_it_and_nothing_is_written(api: Api) -> None:
    reader = api.integration("patients:read")
    response = api.post("/patients", reader, NEW_PATIENT)
    assert response.status_code == 403
    assert response.json()["error"] == "scope_missing"
    assert "patients:write" in response.json()["message"]
    assert count(api.db, Patient) == 0


def test_write_scope_does_not_grant_read(api: Api) -> None:
    writer = api.integration("patients:write")
    assert api.post("/patients", writer, NEW_PATIENT).status_code == 201
    response = api.get("/patients", writer)
    assert response.status_code == 403
    assert "patients:read" in response.json()["message"]


def test_star_read_reads_everything_and_writes_nothing(api: Api) -> None:
    everything = api.integration("*:read")
    assert api.get("/patients", everything).status_code == 200
    assert api.get("/patients/Simple", everything).status_code == 200
    assert api.post("/patients", everything, NEW_PATIENT).status_code == 403


def test_a_switched_off_integration_is_refused_at_once_with_the_reason(api: Api) -> None:
    headers = api.integration("patients:read", "patients:write")
    other = api.integration("patients:read", name="Dashboard")
    api.switch("Reminder Pro", on=False, reason="slowing the front desk")
    response = api.get("/patients", headers)
    assert response.status_code == 403
    assert response.json()["error"] == "integration_off"
    assert "slowing the front desk" in response.json()["message"]
    assert api.post("/patients", headers, NEW_PATIENT).status_code == 403
    assert count(api.db, Patient) == 0
    assert api.get("/patients", other).status_code == 200
    api.switch("Reminder Pro", on=True)
    assert api.get("/patients", headers).status_code == 200


def test_the_api_switch_refuses_everyone_with_503_and_the_reason(api: Api) -> None:
    headers = api.integration("patients:read")
    api.switch_api(on=False, reason="checking for a data leak")
    response = api.get("/patients", headers)
    assert response.status_code == 503
    assert response.json()["error"] == "api_off"
    assert "checking for a data leak" in response.json()["message"]
    assert api.client.get("/api/v1/patients").status_code == 503
    assert api.client.get("/healthz").status_code == 200
    api.switch_api(on=True)
    assert api.get("/patients", headers).status_code == 200


def test_each_switch_is_in_the_security_log_with_who_and_why(api: Api) -> None:
    api.integration("patients:read")
    api.switch("Reminder Pro", on=False, reason="too many requests")
    api.switch("Reminder Pro", on=True)
    api.switch_api(on=False, reason="maintenance")
    with api.db.read() as session:
        texts = [
            e.LogText
            for e in session.scalars(
                select(SecurityLog)
                .where(SecurityLog.PermType == EnumPermType.SecurityAdmin)
                .order_by(SecurityLog.SecurityLogNum)
            )
        ]
    assert "Integration 'Reminder Pro' added" in texts[0]
    assert "switched off: too many requests" in texts[1]
    assert "switched on" in texts[2]
    assert "API switched off: maintenance" in texts[3]
    assert all("By Enamel (tests)" in t for t in texts)


def test_over_the_rate_limit_is_429_with_retry_after(api: Api) -> None:
    headers = api.integration("patients:read", rate_limit=2)
    statuses = [api.get("/patients", headers).status_code for _ in range(5)]
    assert statuses[:2] == [200, 200]
    assert 429 in statuses
    limited = api.get("/patients", headers)
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) >= 1
    assert "rate limit" in limited.json()["message"]


def test_rate_limits_are_per_integration(api: Api) -> None:
    busy = api.integration("patients:read", rate_limit=1)
    calm = api.integration("patients:read", name="Dashboard", rate_limit=1)
    api.get("/patients", busy)
    assert api.get("/patients", busy).status_code == 429
    assert api.get("/patients", calm).status_code == 200


def test_a_rate_limit_of_zero_means_no_limit(api: Api) -> None:
    headers = api.integration("patients:read", rate_limit=0)
    assert {api.get("/patients", headers).status_code for _ in range(30)} == {200}


def test_every_answer_carries_a_request_id_and_keeps_the_callers(api: Api) -> None:
    headers = api.integration("patients:read")
    assert len(api.get("/patients", headers).headers["X-Request-Id"]) == 32
    mine = api.client.get("/api/v1/patients", headers={**headers, "X-Request-Id": "abc-123"})
    assert mine.headers["X-Request-Id"] == "abc-123"
    odd = api.client.get("/api/v1/patients", headers={**headers, "X-Request-Id": "a b\tc"})
    assert odd.headers["X-Request-Id"] != "a b\tc"


def test_an_oversized_body_is_413_and_nothing_is_written(api: Api) -> None:
    headers = api.integration("patients:write")
    response = api.post("/patients", headers, {**NEW_PATIENT, "Address": "x" * 2_000_000})
    assert response.status_code == 413
    assert response.json()["error"] == "too_large"
    assert count(api.db, Patient) == 0


def test_unknown_routes_and_methods_answer_with_a_message(api: Api) -> None:
    headers = api.integration("patients:read")
    missing = api.get("/nothing", headers)
    assert missing.status_code == 404 and missing.json()["message"]
    wrong = api.client.delete("/api/v1/patients/1", headers=headers)
    assert wrong.status_code == 405 and wrong.json()["message"]


def test_activity_is_counted_per_integration(api: Api) -> None:
    headers = api.integration("patients:read")
    for _ in range(3):
        api.get("/patients", headers)
    api.get("/patients/999", headers)
    api.client.app.state.activity.flush()  # type: ignore[attr-defined]
    with api.db.read() as session:
        num = session.scalars(select(Integration.IntegrationNum)).one()
        summary = summaries(session, clock.now().replace(second=0))[num]
    assert summary.requests == 4
    assert summary.errors == 1
    assert summary.last_seen is not None


def test_metrics_name_integrations_and_route_templates_never_ids(api: Api) -> None:
    headers = api.integration("patients:read")
    api.get("/patients/424242", headers)
    text = api.client.get("/metrics").text
    assert 'integration="Reminder Pro"' in text
    assert 'route="/api/v1/patients/{PatNum}"' in text
    assert "424242" not in text
