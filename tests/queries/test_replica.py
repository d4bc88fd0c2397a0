"""ENAMEL_QUERY_DATABASE_URL: governed reads run on a read replica, writes stay on the primary."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from enamel.db import Database
from enamel.db.migrate import upgrade
from tests.apiclient import api_for
from tests.conftest import server_database
from tests.factories import make_patient

ENGINE_NAMES = {"mysql": "mariadb", "postgresql": "postgresql"}


@pytest.fixture
def replica(db: Database) -> Iterator[Database]:
    """Another database on the same server standing in for a replica (its data differs, so
    the answer shows where the query ran)."""
    if db.dialect == "sqlite":
        pytest.skip("a read replica is a MariaDB or PostgreSQL server")
    copy = Database(server_database(ENGINE_NAMES[db.dialect], "_replica"))
    upgrade(copy)
    make_patient(copy, LName="OnTheReplica")
    yield copy
    copy.dispose()
    db.replica_url = None  # the app set it on this shared test database


def test_governed_reads_run_on_the_replica(db: Database, replica: Database) -> None:
    make_patient(db, LName="OnThePrimary")
    url = replica.url.render_as_string(hide_password=False)
    with api_for(db, query_database_url=url) as api:
        headers = api.integration("queries", "patients:read")
        answer = api.client.put(
            "/api/v1/queries/ShortQuery",
            headers=headers,
            json={"SqlCommand": "SELECT LName FROM patient"},
        )
        assert answer.status_code == 200, answer.text
        assert answer.json() == [{"LName": "OnTheReplica"}]
        # The API's own reads and the query's log entry stay on the primary.
        assert [p["LName"] for p in api.get("/patients", headers).json()] == ["OnThePrimary"]
