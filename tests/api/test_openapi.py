"""The OpenAPI document is generated from the code, and the API keeps to it.

Schemathesis reads /openapi.json from the app (in process, over ASGI) on a SQLite database
seeded with a small practice, and sends generated requests, valid and invalid, to every
/api/v1 operation with an integration that holds every scope: no answer may be a server
error, and every answer must have a documented status, content type, headers and body.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.python.asgi import shutdown_lifespans

from enamel.api import PREFIX
from enamel.api.docs import ERRORS, WRITE_ERRORS, WRITE_METHODS, ApiError
from enamel.app import create_app
from enamel.config import Settings
from enamel.db import Database
from enamel.db.migrate import upgrade
from enamel.models.enums import ProcStat
from enamel.payments.service import (
    AdjustmentData,
    PaymentData,
    SplitData,
    create_adjustment,
    create_payment,
)
from enamel.procedures.service import ProcedureData, create_procedure
from enamel.programlinks.service import LinkData, add_link
from enamel.security.actor import system_actor
from enamel.security.integrations import add_integration
from enamel.security.scopes import Scope
from tests.factories import days_from_today, make_appointment, make_patient, make_practice

MAX_EXAMPLES = 15
"""Generated requests per operation and phase: enough to reach every parameter's edge cases,
few enough that the whole API is checked in seconds."""

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 4,
        "generation": {
            "max-examples": MAX_EXAMPLES,
            "deterministic": True,
            "database": "none",
            # The keys are sent by the test (`headers=`); the checks still send requests without
            # them (ignored_auth) and expect 401.
            "with-security-parameters": False,
            # Unknown query parameters are ignored, as Open Dental does (a client written for a
            # newer Open Dental keeps working); unknown body fields are refused, tested per route.
            "allow-extra-parameters": False,
        },
        "checks": {
            # A schema that says "string" for a date cannot promise that every string is
            # accepted: Open Dental's parameters are strings checked by the server (400).
            "positive_data_acceptance": {"enabled": False},
        },
        "phases": {"stateful": {"enabled": False}},
    }
)


@dataclass
class Served:
    app: FastAPI
    headers: dict[str, str]

    client: TestClient
    """Not entered (`with`): the app's lifespan is run by schemathesis's client."""


def seed(db: Database) -> None:
    """A small practice with a row of every kind, so reads answer real rows."""
    actor = system_actor("tests")
    with db.write() as session:
        practice = make_practice(session, actor)
    patients = [make_patient(db, LName=name, FName="Ann") for name in ("Smith", "Jones", "Ng")]
    make_appointment(db, patients[0], practice.op, days_from_today(3))
    make_appointment(db, patients[1], practice.op2, days_from_today(4, hour=10))
    with db.write() as session:
        done = create_procedure(
            session,
            actor,
            ProcedureData(
                PatNum=patients[0],
                CodeNum=practice.codes["D1110"],
                ProcStatus=ProcStat.C,
                ProcDate=dt.date.today(),
                ProcFee=Decimal("85.00"),
                ProvNum=practice.dentist,
            ),
        ).ProcNum
        create_procedure(
            session,
            actor,
            ProcedureData(
                PatNum=patients[1],
                CodeNum=practice.codes["D2391"],
                ProcStatus=ProcStat.TP,
                ProcFee=Decimal("130.00"),
                ProvNum=practice.dentist,
            ),
        )
        create_payment(
            session,
            actor,
            PaymentData(
                PatNum=patients[0],
                PayAmt=Decimal("85.00"),
                splits=[SplitData(SplitAmt=Decimal("85.00"), ProcNum=done)],
            ),
        )
        create_adjustment(
            session,
            actor,
            AdjustmentData(
                PatNum=patients[0],
                AdjAmt=Decimal("-5.00"),
                AdjType=practice.defs["AdjTypes"][0],
            ),
        )
        # A program link that starts a program doing nothing, so launches answer 200 too.
        add_link(session, actor, "Nothing", LinkData(command="/bin/true", args="-- [LName]"))


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The app on a seeded SQLite database, and an integration holding every scope."""
    path = Path(tmp_path_factory.mktemp("openapi")) / "enamel.db"
    db = Database(f"sqlite:///{path}")
    upgrade(db)
    seed(db)
    with db.write() as session:
        new = add_integration(
            session, system_actor("tests"), "Schemathesis", [s.value for s in Scope], 0
        )
    config = Settings(database_url=f"sqlite:///{path}", switch_delay=0)
    app = create_app(config, database=db)
    client = TestClient(app)
    try:
        yield Served(
            app, {"Authorization": f"ODFHIR {new.developer_key}/{new.customer_key}"}, client
        )
    finally:
        client.close()
        shutdown_lifespans()  # the app's lifespan, started by schemathesis's ASGI client
        db.dispose()


DOCUMENT_APP = create_app(Settings(database_url="sqlite://"), database=Database("sqlite://"))
"""The app as the code builds it, for its OpenAPI document only (it touches no database)."""
schema = schemathesis.openapi.from_asgi("/openapi.json", DOCUMENT_APP, config=CONFIG).include(
    path_regex=f"^{PREFIX}/"
)
"""Loaded when the tests are collected, so each operation is a test of its own. Requests go to
the app of the `served` fixture (`app=`), which serves this same document (checked below)."""


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],  # generation, on a busy CI machine
)
def test_every_api_operation_keeps_to_its_documented_schema(
    case: schemathesis.Case[Any], served: Served
) -> None:
    case.call_and_validate(app=served.app, headers=served.headers)


def api_operations(app: FastAPI) -> set[tuple[str, str]]:
    return {
        (method.lower(), route.path_format)
        for route in iter_route_contexts(app.routes)
        if route.path_format and route.path_format.startswith(PREFIX + "/")
        for method in route.methods or ()
    }


def document(served: Served) -> dict[str, Any]:
    client = served.client
    response = client.get("/openapi.json")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    body: dict[str, Any] = response.json()
    return body


def test_the_openapi_document_is_served_and_lists_every_api_route(served: Served) -> None:
    doc = document(served)
    assert doc["openapi"].startswith("3.")
    assert "ODFHIR" in doc["info"]["description"]
    listed = {
        (method, path)
        for path, operations in doc["paths"].items()
        if path.startswith(PREFIX + "/")
        for method in operations
    }
    assert listed == api_operations(served.app)
    assert doc == schema.raw_schema  # what schemathesis checks is what is served
    assert ("get", f"{PREFIX}/patients/{{PatNum}}") in listed


def test_the_docs_page_is_served_and_reads_the_document(served: Served) -> None:
    client = served.client
    response = client.get("/docs")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "/openapi.json" in response.text
    assert "swagger-ui" in response.text


def test_every_api_operation_documents_its_error_answers(served: Served) -> None:
    doc = document(served)
    error_ref = {"$ref": f"#/components/schemas/{ApiError.__name__}"}
    error_schema = doc["components"]["schemas"][ApiError.__name__]
    assert error_schema["required"] == ["message", "error", "field"]
    for method, path in api_operations(served.app):
        operation = doc["paths"][path][method]
        where = f"{method.upper()} {path}"
        statuses = set(ERRORS) | (set(WRITE_ERRORS) if method in WRITE_METHODS else set())
        assert {400, 401, 403, 404, 429, 503} <= statuses
        for status in statuses:
            response = operation["responses"].get(str(status))
            assert response is not None, f"{where} does not document {status}"
            assert response["content"]["application/json"]["schema"] == error_ref, where
        assert "422" not in operation["responses"], f"{where} documents 422; Enamel sends 400"
        assert operation["security"] == [{"ODFHIR": []}], where
    scheme = doc["components"]["securitySchemes"]["ODFHIR"]
    assert scheme == {**scheme, "type": "apiKey", "in": "header", "name": "Authorization"}


def test_an_error_answer_has_the_documented_body(served: Served) -> None:
    client = served.client
    response = client.get(f"{PREFIX}/patients/0", headers=served.headers)
    unauthorized = client.get(f"{PREFIX}/patients")
    for answer, status in ((response, 404), (unauthorized, 401)):
        assert answer.status_code == status
        ApiError.model_validate(answer.json(), strict=True)
        assert set(answer.json()) == {"message", "error", "field"}


def test_a_method_a_path_does_not_take_is_405_naming_every_method_it_takes(served: Served) -> None:
    client = served.client
    answers = {
        "DELETE /patients": client.delete(f"{PREFIX}/patients", headers=served.headers),
        "DELETE /patients/1": client.delete(f"{PREFIX}/patients/1", headers=served.headers),
        "PUT /patients/Simple": client.put(
            f"{PREFIX}/patients/Simple", headers=served.headers, json={"LName": "X"}
        ),
    }
    bad_number = client.put(f"{PREFIX}/patients/abc", headers=served.headers, json={"LName": "X"})
    allow = {"DELETE /patients": "GET, POST", "DELETE /patients/1": "GET, PUT"}
    allow["PUT /patients/Simple"] = "GET"
    for request, answer in answers.items():
        assert answer.status_code == 405, request
        assert answer.headers["Allow"] == allow[request], request
        assert answer.json()["error"] == "method_not_allowed"
    assert bad_number.status_code == 400
    assert bad_number.json()["field"] == "PatNum"


def test_a_key_past_64_bits_in_any_path_is_400_naming_it(served: Served) -> None:
    too_big = str(2**63)
    keyed = sorted(p for m, p in api_operations(served.app) if "{" in p and m == "get")
    assert keyed, "no GET route takes a key"
    client = served.client
    for path in keyed:
        name = path[path.index("{") + 1 : path.index("}")]
        response = client.get(path.replace(f"{{{name}}}", too_big), headers=served.headers)
        assert response.status_code == 400, path
        assert response.json()["field"] == name, path
