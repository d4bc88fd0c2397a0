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
import sqlglot
from sqlglot import exp

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


def _normal(rows: list[dict[str, Any]], sql: str = "") -> list[str]:
    """Rows as their values in column order (an unnamed expression's column name differs by
    engine), without the time stamps of the load, numbers to two decimals, in a fixed order;
    then, when the query's ORDER BY names output columns, their values in the order answered
    (`{"order": [...]}`): rows in another order are another answer, ties aside."""
    out = []
    for row in rows:
        kept = []
        for name, value in row.items():
            lowered = name.lower()
            if lowered in ("datetstamp", "secdatetentry"):
                continue
            kept.append(_value(value))
        out.append(json.dumps(kept, default=str))
    order = _order(sql, rows)
    return sorted(out) + ([json.dumps({"order": order}, default=str)] if order else [])


def _value(value: Any) -> Any:
    if isinstance(value, float | int | Decimal) and not isinstance(value, bool):
        return f"{Decimal(str(value)):.2f}"
    return value


def _order(sql: str, rows: list[dict[str, Any]]) -> list[Any] | None:
    """The ORDER BY keys of each row, in the order answered, where every key of the query's
    ORDER BY is an output column (by name, alias or position); text as MySQL's collation
    sorts it (any case, no trailing spaces), so that ties may come in any order."""
    if len(rows) < 2 or not sql:
        return None
    query = [s for s in sqlglot.parse(sql, read="mysql") if s is not None][-1]
    order = query.args.get("order") if isinstance(query, exp.Query) else None
    if order is None:
        return None
    names = [name.lower() for name in rows[0]]
    positions = []
    for ordered in order.expressions:
        key = ordered.this
        if isinstance(key, exp.Literal) and key.is_int and 0 < int(key.this) <= len(names):
            positions.append(int(key.this) - 1)
        elif isinstance(key, exp.Column) and key.name.lower() in names:
            positions.append(names.index(key.name.lower()))
        else:
            return None  # an expression: not told apart from ties here
    out = []
    for row in rows:
        values = list(row.values())
        keys = [_value(values[i]) for i in positions]
        out.append([k.lower().rstrip(" ") if isinstance(k, str) else k for k in keys])
    return out


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
                RESULTS.setdefault(db.dialect, {})[path.stem] = _normal(
                    response.json(), path.read_text()
                )
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
