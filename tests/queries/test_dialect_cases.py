"""The small MySQL expressions of tests/queries/dialect_cases/ sent unchanged to ShortQuery on
every engine, on the demo practice: none is a server error; MariaDB (Open Dental's own engine)
answers each, and PostgreSQL and SQLite answer the rows MariaDB answers.

Where an engine cannot do so yet, the case is listed in GAPS with the reason: there it answers a
clear 400 or rows other than MariaDB's, and its test checks it still does, so a gap that closes
fails until its entry is removed. After a change to the queries, print GAPS as the source now
leaves it (and paste it here, or --write it) with `python -m tests.queries.dialect_gaps`."""

from __future__ import annotations

import json
from itertools import zip_longest
from pathlib import Path
from typing import Any

import pytest

from tests.apiclient import api_for
from tests.conftest import ENGINES
from tests.queries.dialect_cases import DIALECT_CASES
from tests.queries.test_corpus import _normal, demo_practice

CASES = dict(DIALECT_CASES)
GAPS: dict[str, dict[str, str]] = {
    "mysql": {},
    "postgresql": {},
    "sqlite": {},
}
"""engine -> case -> why the engine cannot answer MariaDB's rows yet (MariaDB: cannot answer)."""

Answer = tuple[int, Any]
"""A case's status and, for a 200, its rows normalised (for a 400, the message)."""


def answers(engine: str, directory: Path) -> dict[str, Answer]:
    """Every case sent once over HTTP to the engine's demo practice."""
    out: dict[str, Answer] = {}
    with demo_practice(engine, directory, "dialect") as db, api_for(db) as api:
        headers = api.integration("queries")
        for name, sql in DIALECT_CASES:
            response = api.client.put(
                "/api/v1/queries/ShortQuery", headers=headers, json={"SqlCommand": sql}
            )
            if response.status_code == 200:
                out[name] = (200, _normal(response.json(), sql))
            elif response.status_code == 400:
                out[name] = (400, response.json()["message"])
            else:
                out[name] = (response.status_code, response.text)
    return out


def gap(answer: Answer, mariadb: Answer | None) -> str | None:
    """Why `answer` is not MariaDB's (None when it is); on MariaDB itself (mariadb None), why it
    is no answer. A case MariaDB cannot answer is compared on no other engine."""
    status, rows = answer
    if status != 200:
        return str(rows)
    if mariadb is None or mariadb[0] != 200 or rows == mariadb[1]:
        return None
    if len(rows) != len(mariadb[1]):
        return f"{len(rows)} rows, MariaDB {len(mariadb[1])}"
    for mine, theirs in zip(rows, mariadb[1], strict=True):
        if mine != theirs and mine.startswith('{"order"'):
            return f"rows in another order: {mine} where MariaDB answers {theirs}"
        values = zip_longest(json.loads(mine), json.loads(theirs))
        for value, expected in values:
            if value != expected:
                return f"{json.dumps(value)} where MariaDB answers {json.dumps(expected)}"
    return "other rows"


@pytest.fixture(scope="module")
def mariadb_answers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Answer]:
    return answers("mariadb", tmp_path_factory.mktemp("dialect"))


@pytest.fixture(scope="module", params=ENGINES)
def engine_answers(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, dict[str, Answer]]:
    """(dialect, the engine's answers): each case sent once per engine."""
    engine: str = request.param
    if engine == "mariadb":
        return "mysql", request.getfixturevalue("mariadb_answers")
    return engine, answers(engine, tmp_path_factory.mktemp("dialect"))


@pytest.mark.parametrize("name", list(CASES))
def test_each_engine_answers_the_rows_mariadb_answers(
    engine_answers: tuple[str, dict[str, Answer]], name: str, request: pytest.FixtureRequest
) -> None:
    dialect, found = engine_answers
    status, answer = found[name]
    assert status in (200, 400), (name, status, answer)
    reference = None if dialect == "mysql" else request.getfixturevalue("mariadb_answers")[name]
    why = gap((status, answer), reference)
    if name in GAPS[dialect]:
        assert why is not None, f"{dialect} now answers {name} as MariaDB does: remove its gap"
    else:
        assert why is None, (name, why)
