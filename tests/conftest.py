"""Fixtures: every database test runs on SQLite, MariaDB and PostgreSQL.

The server URLs come from ENAMEL_TEST_MARIADB_URL and ENAMEL_TEST_POSTGRES_URL (defaults:
root@127.0.0.1:3306 and postgres@127.0.0.1:5432, database `enamel_test`). A server that cannot
be reached skips its tests with the reason, except in CI (CI=true), where it fails them.
Each engine's database is created fresh and migrated once per run; every table is emptied
after each test, so tests see real commits (the booking race needs them).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, delete, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from enamel.db import Database
from enamel.db.engine import normalise_url
from enamel.db.migrate import upgrade
from enamel.models import Base
from enamel.security import system_actor
from tests.apiclient import Api, api_for
from tests.factories import Practice, make_practice

# The seal key of the test run: never the developer's own ~/.config/enamel/seal.key.
os.environ.setdefault(
    "ENAMEL_SEAL_KEY_FILE", str(Path(tempfile.mkdtemp(prefix="enamel-key-")) / "seal.key")
)

ENGINES = ("sqlite", "mariadb", "postgresql")
SERVER_URLS = {
    "mariadb": os.environ.get(
        "ENAMEL_TEST_MARIADB_URL", "mysql+pymysql://root@127.0.0.1:3306/enamel_test"
    ),
    "postgresql": os.environ.get(
        "ENAMEL_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/enamel_test"
    ),
}
IN_CI = os.environ.get("CI", "").lower() == "true"


def unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: database servers are required)")
    pytest.skip(reason)


def fresh_server_database(url: str) -> str:
    """Drop and create the test database on its server; return its URL."""
    target = normalise_url(url)
    name = target.database
    server = target.set(database="postgres" if target.drivername.startswith("postgres") else "")
    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            if target.drivername.startswith("postgres"):
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            else:
                conn.execute(text(f"DROP DATABASE IF EXISTS `{name}`"))
                conn.execute(text(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4"))
    finally:
        engine.dispose()
    return target.render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Database]]:
    """One migrated database per engine, created on first use."""
    made: dict[str, Database] = {}
    yield made
    for db in made.values():
        db.dispose()


def engine_url(engine: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    if engine == "sqlite":
        path = Path(tmp_path_factory.mktemp("sqlite")) / "enamel_test.db"
        return f"sqlite:///{path}"
    return server_database(engine)


def server_database(engine: str, suffix: str = "") -> str:
    """A new, empty database on the engine's test server, named after its test database and
    `suffix`; skipped (failed in CI) when the server cannot be reached."""
    base = make_url(SERVER_URLS[engine])
    url = base.set(database=f"{base.database}{suffix}").render_as_string(hide_password=False)
    try:
        return fresh_server_database(url)
    except OperationalError as exc:
        where = make_url(url).render_as_string(hide_password=True)
        unavailable(f"{engine} server not reachable at {where}: {exc.orig}")
        raise


def _database(
    engine: str, migrated: dict[str, Database], tmp_path_factory: pytest.TempPathFactory
) -> Database:
    if engine not in migrated:
        db = Database(engine_url(engine, tmp_path_factory))
        upgrade(db)
        migrated[engine] = db
    return migrated[engine]


# Emptied last: the change-capture triggers record the other tables' deletes here.
CAPTURE_TABLES = ("auditchange", "auditrefusal")


def empty_all_tables(db: Database) -> None:
    tables = Base.metadata.sorted_tables
    with db.write_engine.begin() as conn:
        for table in [t for t in tables if t.name not in CAPTURE_TABLES] + [
            t for t in tables if t.name in CAPTURE_TABLES
        ]:
            conn.execute(delete(table))
    db.forget_auditor()


@pytest.fixture(params=ENGINES)
def db(
    request: pytest.FixtureRequest,
    migrated: dict[str, Database],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Database]:
    """A migrated, empty database on each engine."""
    database = _database(request.param, migrated, tmp_path_factory)
    empty_all_tables(database)
    yield database
    empty_all_tables(database)


@pytest.fixture
def practice(db: Database) -> Practice:
    """A small practice: two dentists, a hygienist, operatories, definitions and codes."""
    with db.write() as session:
        return make_practice(session, system_actor("tests"))


@pytest.fixture
def api(db: Database) -> Iterator[Api]:
    """The HTTP API on each engine's test database."""
    with api_for(db) as client:
        yield client
