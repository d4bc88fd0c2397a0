"""The reader account governed SQL reads run as (MariaDB and PostgreSQL): made by
`enamel db upgrade`, it may SELECT the practice tables' columns but the secret ones, and
nothing else; the database refuses the rest even to a query that slipped past the rules."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import DBAPIError

from enamel.db import Database
from enamel.queries import accounts, run


@pytest.fixture
def reader(db: Database) -> Iterator[Engine]:
    if db.dialect == "sqlite":
        pytest.skip("SQLite has no accounts (reads use a query_only connection)")
    with db.unaudited() as conn:  # as `enamel db upgrade` does, with this session's key
        accounts.install(conn, db.url)
    engine = create_engine(accounts.reader_url(db.url))
    yield engine
    engine.dispose()


def refused(engine: Engine, sql: str) -> bool:
    try:
        with engine.connect() as conn:
            conn.execute(text(sql)).fetchall()
    except DBAPIError:
        return True
    return False


def test_the_reader_reads_practice_columns_only(db: Database, reader: Engine) -> None:
    q = "`" if db.dialect == "mysql" else '"'
    with reader.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM patient")).scalar() == 0
        conn.execute(text(f"SELECT {q}UserName{q} FROM userod")).fetchall()
    assert refused(reader, f"SELECT {q}Password{q} FROM userod")
    assert refused(reader, f"SELECT {q}SecurityHash{q} FROM patient")
    assert refused(reader, "SELECT * FROM patient")  # * includes the seal column
    assert refused(reader, "SELECT * FROM integration")
    assert refused(reader, "SELECT * FROM auditstate")
    assert refused(reader, f"DELETE FROM patient WHERE {q}PatNum{q} = 0")
    assert refused(reader, f"UPDATE userod SET {q}UserName{q} = 'x'")
    assert refused(reader, "CREATE TABLE x (a INT)")


def test_governed_reads_connect_as_the_reader(db: Database, reader: Engine) -> None:
    fresh = Database(db.url)
    try:
        page = run.short_query(fresh, "SELECT COUNT(*) AS n FROM patient")
        assert (page.count, page.json) == (1, [{"n": 0}])
        assert fresh.query_engine.url.username == accounts.name_for(str(db.url.database))
    finally:
        fresh.dispose()


def test_account_names_are_safe_and_bounded() -> None:
    assert accounts.name_for("practice") == "enamel_reader_practice"
    odd = accounts.name_for("my-practice'; DROP USER root; --")
    assert odd.startswith("enamel_reader_") and len(odd) <= 63
    assert all(c.isalnum() or c == "_" for c in odd)
