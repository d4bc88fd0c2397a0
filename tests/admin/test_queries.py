"""The queries page: running governed reads with a stop button, and per-integration figures."""

from __future__ import annotations

import time

from tests.admin.office import Office
from tests.queries.test_monitor import runaway_read


def test_the_page_shows_each_integrations_figures(clerk: Office) -> None:
    headers = clerk.api.integration("queries", name="Nightly report")
    body = {"SqlCommand": "SELECT PatNum FROM patient"}
    assert clerk.api.put("/queries/ShortQuery", headers, body).status_code == 200
    page = clerk.get("/office/queries")
    assert page.status_code == 200
    assert "Nightly report" in page.text and "SELECT PatNum FROM patient" in page.text
    running = clerk.get("/office/queries/running")
    assert running.status_code == 200 and "<html" not in running.text
    if clerk.api.db.dialect == "sqlite":
        assert "no process list" in running.text


def test_an_administrator_stops_a_running_query_and_staff_cannot(
    boss: Office, clerk: Office
) -> None:
    db = boss.api.db
    if db.dialect == "sqlite":
        assert boss.post("/office/queries/1/stop").status_code == 400
        return
    with runaway_read(db, "Nightly report") as outcome:
        deadline = time.monotonic() + 20
        page = ""
        while "data-query=" not in page and time.monotonic() < deadline:
            page = boss.get("/office/queries/running").text
            time.sleep(0.2)
        assert "Nightly report" in page
        query_id = page.split('data-query="', 1)[1].split('"', 1)[0]
        assert clerk.post(f"/office/queries/{query_id}/stop").status_code == 403
        stopped = boss.post(f"/office/queries/{query_id}/stop")
        assert stopped.status_code == 303
    assert outcome["error"].outcome == "killed"
    assert "stopped by the office" in outcome["error"].message
