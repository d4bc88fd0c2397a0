"""`enamel queries top` and `kill`: the office sees which integration runs what, and stops it."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import orjson
import pytest
from sqlalchemy import select

from enamel.db import Database
from enamel.db.migrate import upgrade
from enamel.errors import NotFound
from enamel.models import SecurityLog
from enamel.queries import monitor, run
from tests.cli.runner import enamel
from tests.conftest import server_database

ENGINE_OF = {"mysql": "mariadb", "postgresql": "postgresql"}

RUNAWAY = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) "
    "SELECT COUNT(*) FROM n AS a, n AS b, n AS c, n AS d"
)


@contextmanager
def runaway_read(db: Database, integration: str) -> Iterator[dict[str, Any]]:
    """RUNAWAY run by `integration` in a thread for the block; after it, the dict holds the
    `QueryLimit` that stopped it under "error" (the block is to stop it)."""
    outcome: dict[str, Any] = {}

    def report() -> None:
        try:
            run.short_query(db, RUNAWAY, time_limit=60, cost_budget=0, integration=integration)
        except run.QueryLimit as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=report)
    thread.start()
    try:
        yield outcome
    finally:
        thread.join(timeout=30)
    assert not thread.is_alive()


def test_a_running_read_is_listed_with_its_integration_and_stopped(db: Database) -> None:
    if db.dialect == "sqlite":
        result = enamel(db, "queries", "top")
        assert result.exit_code == 1 and "no process list" in result.output
        return
    with runaway_read(db, "Nightly report") as outcome:
        listed: list[dict[str, Any]] = []
        deadline = time.monotonic() + 20
        while not listed and time.monotonic() < deadline:
            result = enamel(db, "queries", "top", "--json")
            assert result.exit_code == 0, result.output
            listed = json.loads(result.stdout)
            time.sleep(0.2)
        (query,) = listed
        assert query["integration"] == "Nightly report"
        assert "COUNT(*)" in query["sql"]
        assert enamel(db, "queries", "kill", "999999999").exit_code == 1  # not a governed read
        stopped = enamel(db, "queries", "kill", str(query["id"]))
        assert stopped.exit_code == 0, stopped.output
    assert outcome["error"].outcome == "killed"
    assert "stopped by the office" in outcome["error"].message
    with db.read() as session:
        logged = session.scalars(select(SecurityLog.LogText)).all()
    assert any("Nightly report' stopped" in line for line in logged)


@pytest.mark.parametrize("name", ["*/ DROP TABLE patient; /*", "Robert'); --"])
def test_a_hostile_integration_name_cannot_escape_its_label(db: Database, name: str) -> None:
    answer = run.short_query(db, "SELECT 1 AS one", integration=name)
    assert orjson.loads(orjson.dumps(answer.json)) == [{"one": 1}]


def test_reads_of_another_database_on_the_server_are_not_listed_or_stopped(
    db: Database,
) -> None:
    """A server may hold several practices' databases: each office sees and stops its own."""
    if db.dialect == "sqlite":
        return
    other = Database(server_database(ENGINE_OF[db.dialect], "_other_practice"))
    upgrade(other)
    try:
        with runaway_read(other, "Elsewhere") as outcome:
            theirs: list[monitor.Running] = []
            deadline = time.monotonic() + 20
            while not theirs and time.monotonic() < deadline:
                theirs = monitor.running(other)
                time.sleep(0.2)
            assert [r.integration for r in theirs] == ["Elsewhere"]
            assert monitor.running(db) == []
            with pytest.raises(NotFound):
                monitor.kill(db, theirs[0].id)
            monitor.kill(other, theirs[0].id)
    finally:
        other.dispose()
    assert outcome["error"].outcome == "killed"
