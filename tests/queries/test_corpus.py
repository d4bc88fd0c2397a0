"""Real Open Dental report queries (tests/queries/corpus, each with its source) sent unchanged to
ShortQuery on every engine: none is a server error; the ones each engine can run answer, and
answer the same rows as MariaDB (Open Dental's own engine) does.

Where an engine cannot run a query yet, it is listed in GAPS with the reason: the gateway
answers those with a clear 400 naming what the database refused."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from enamel.db import Database
from enamel.db.migrate import upgrade
from enamel.demo.loader import load_demo
from tests.apiclient import api_for
from tests.conftest import ENGINES, server_database

CORPUS = sorted((Path(__file__).parent / "corpus").glob("*.sql"))
TODAY = dt.date(2026, 12, 6)
GAPS: dict[str, dict[str, str]] = {"mysql": {}, "postgresql": {}, "sqlite": {}}
"""file stem -> why the engine cannot run it yet; each answers a clear 400."""

RESULTS: dict[str, dict[str, list[str]]] = {}
"""engine -> file stem -> the rows, normalised, for the comparison at the end."""


def _normal(rows: list[dict[str, Any]]) -> list[str]:
    """Rows as their values in column order (an unnamed expression's column name differs by
    engine), without the time stamps of the load, numbers to two decimals, in a fixed order."""
    out = []
    for row in rows:
        kept = []
        for name, value in row.items():
            lowered = name.lower()
            if lowered in ("datetstamp", "secdatetentry"):
                continue
            if isinstance(value, float | int | Decimal) and not isinstance(value, bool):
                value = f"{Decimal(str(value)):.2f}"
            kept.append(value)
        out.append(json.dumps(kept, default=str))
    return sorted(out)


@contextmanager
def demo_practice(engine: str, directory: Path, name: str) -> Iterator[Database]:
    """A new database on the engine (`<test database>_<name>`) with the same demo practice as
    on every other engine: the same keys everywhere (the shared test databases keep their
    sequences between tests)."""
    if engine == "sqlite":
        url = f"sqlite:///{directory / f'{name}.db'}"
    else:
        url = server_database(engine, f"_{name}")
    db = Database(url)
    try:
        upgrade(db)
        load_demo(db, patients=60, seed=7, today=TODAY)
        yield db
    finally:
        db.dispose()


@pytest.fixture(params=ENGINES)
def practice_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    with demo_practice(request.param, tmp_path, "corpus") as db:
        yield db


def test_the_corpus_runs_on_each_engine(practice_db: Database) -> None:
    db = practice_db
    outcomes: dict[str, str] = {}
    with api_for(db) as api:
        headers = api.integration("queries")
        for path in CORPUS:
            response = api.client.put(
                "/api/v1/queries/ShortQuery", headers=headers, json={"SqlCommand": path.read_text()}
            )
            assert response.status_code in (200, 400), (path.name, response.text)
            if response.status_code == 200:
                RESULTS.setdefault(db.dialect, {})[path.stem] = _normal(response.json())
                outcomes[path.stem] = "ok"
            else:
                outcomes[path.stem] = response.json()["message"][:160]
    failing = {k: v for k, v in outcomes.items() if v != "ok"}
    assert set(failing) == set(GAPS[db.dialect]), failing
    for stem, message in failing.items():
        assert message.startswith("the database refused the query"), (stem, message)


def test_each_engine_answers_the_rows_mariadb_answers() -> None:
    """Run after the engines' runs above (same module, in order): the same demo practice gives
    the same rows, time stamps aside."""
    if "mysql" not in RESULTS or len(RESULTS) < 2:
        pytest.skip("needs MariaDB and another engine in this run")
    reference = RESULTS["mysql"]
    for engine, results in RESULTS.items():
        for stem, rows in results.items():
            if stem in reference:
                assert rows == reference[stem], (
                    engine,
                    stem,
                    _first_difference(rows, reference[stem]),
                )


def _first_difference(rows: list[str], expected: list[str]) -> str:
    if len(rows) != len(expected):
        return f"{len(rows)} rows, MariaDB {len(expected)}"
    for mine, theirs in zip(rows, expected, strict=True):
        if mine != theirs:
            return f"{mine} != {theirs}"
    return ""
