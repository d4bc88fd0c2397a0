"""Per-integration statistics of governed reads, and the automatic switch-off of an integration
whose reads keep running away."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from enamel.models import SecurityLog
from enamel.queries import stats
from tests.apiclient import Api, api_for
from tests.cli.runner import enamel

RUNAWAY = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) "
    "SELECT COUNT(*) FROM n AS a, n AS b, n AS c, n AS d"
)


def ask(api: Api, headers: dict[str, str], sql: str) -> Any:
    return api.client.put("/api/v1/queries/ShortQuery", headers=headers, json={"SqlCommand": sql})


def test_stats_count_each_integrations_reads(api: Api) -> None:
    reports = api.integration("queries", name="Reports")
    api.integration("queries", name="Idle")
    assert ask(api, reports, "SELECT 1 AS one UNION SELECT 2").status_code == 200
    assert ask(api, reports, "SELECT 1 AS one").status_code == 200
    assert ask(api, reports, "DELETE FROM patient").status_code == 400
    assert ask(api, reports, "SELECT NoSuchColumn FROM patient").status_code == 400
    result = enamel(api.db, "queries", "stats", "--json")
    assert result.exit_code == 0, result.output
    by_name = {row["integration"]: row for row in json.loads(result.stdout)}
    mine = by_name["Reports"]
    assert (mine["queries"], mine["rows"], mine["refused"], mine["errors"]) == (4, 3, 1, 1)
    assert mine["sql_access"] == "on" and "NoSuchColumn" in mine["last_query"]
    assert by_name["Idle"]["queries"] == 0
    text = enamel(api.db, "queries", "stats")
    assert "Reports: SQL on; 4 queries, 3 rows" in text.output


def test_runaway_reads_switch_the_sql_access_off_until_an_office_user_switches_it_on(
    api: Api,
) -> None:
    with api_for(api.db, query_time_limit=0.2) as limited:
        headers = limited.integration("queries", "patients:read", name="Runaway")
        for _ in range(stats.STRIKES):
            response = ask(limited, headers, RUNAWAY)
            assert response.json()["error"] == "query_limit"
        refused = ask(limited, headers, "SELECT 1 AS one")
        assert refused.status_code == 403, refused.text
        assert refused.json()["error"] == "integration_off"
        assert "SQL access of integration 'Runaway' is switched off" in refused.json()["message"]
        assert limited.get("/patients", headers).status_code == 200  # the rest stays on
        with api.db.read() as session:
            logged = session.scalars(
                select(SecurityLog.LogText).where(SecurityLog.ActorName == "query governor")
            ).all()
        assert len(logged) == 1 and "5 queries stopped" in logged[0]

        result = enamel(api.db, "queries", "on", "Runaway")
        assert result.exit_code == 0, result.output
        assert ask(limited, headers, "SELECT 1 AS one").json() == [{"one": 1}]


def test_switching_sql_access_by_hand(api: Api) -> None:
    headers = api.integration("queries", name="Vendor")
    off = enamel(api.db, "queries", "off", "Vendor", "--reason", "slows the practice down")
    assert off.exit_code == 0, off.output
    refused = ask(api, headers, "SELECT 1 AS one")
    assert refused.status_code == 403 and "slows the practice down" in refused.text
    assert enamel(api.db, "queries", "on", "Nobody").exit_code != 0
