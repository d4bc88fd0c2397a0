"""Fresh, migrated databases to benchmark on: a temporary SQLite file, PostgreSQL's
`enamel_bench` or MariaDB's (dropped and created on every run; never a test database)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory

import psycopg
import pymysql
from psycopg import sql
from sqlalchemy.engine import URL, make_url

from enamel.db import Database
from enamel.db.migrate import upgrade

ENGINES = ("sqlite", "postgresql")
"""The engines of the write, audit and HTTP benchmarks."""
QUERY_ENGINES = ("sqlite", "postgresql", "mysql")
"""The engines of the queries benchmark: MariaDB too, the engine Open Dental offices run."""
POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/enamel_bench"
MARIADB_URL = "mysql+pymysql://root@127.0.0.1:3306/enamel_bench"
CONNECT_TIMEOUT = 5


class Unreachable(Exception):
    """The database server cannot be reached: the engine is skipped."""


@dataclass(frozen=True)
class Target:
    """One fresh, migrated database: Enamel's `Database` for the service path, and what the
    bare driver needs to connect to the same database."""

    engine: str
    db: Database
    sqlite_path: Path | None = None
    conninfo: str = ""


def check_bench_url(url: str, backend: str = "postgres") -> URL:
    """The PostgreSQL (or MariaDB) URL, refused unless its database is a benchmark database:
    the benchmark drops it."""
    u = make_url(url)
    name = u.database or ""
    if not u.drivername.startswith(backend):
        option = "--postgres-url" if backend == "postgres" else "--mariadb-url"
        raise ValueError(f"{option} must be a {backend} URL, not {u.drivername}")
    if "bench" not in name or name.startswith("enamel_test"):
        raise ValueError(
            f"refusing to drop database {name!r}: the benchmark database's name must contain "
            "'bench' (and must not be a test database)"
        )
    return u


def conninfo_of(u: URL, database: str | None = None) -> str:
    """A libpq connection string for the bare driver."""
    params = {
        "host": u.host or "",
        "port": str(u.port or ""),
        "user": u.username or "",
        "password": u.password or "",
        "dbname": database or u.database or "",
        "connect_timeout": str(CONNECT_TIMEOUT),
    }
    return psycopg.conninfo.make_conninfo("", **{k: v for k, v in params.items() if v})


def recreate_postgres_database(u: URL) -> None:
    """DROP and CREATE the benchmark database; `Unreachable` when the server is not there."""
    name = u.database or ""
    try:
        with psycopg.connect(conninfo_of(u, "postgres"), autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.OperationalError as e:
        reason = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise Unreachable(reason) from e


def postgres_server_version(conninfo: str) -> str:
    with psycopg.connect(conninfo) as conn:
        row = conn.execute("SHOW server_version").fetchone()
        return str(row[0]) if row else "?"


def recreate_mariadb_database(u: URL) -> None:
    """DROP and CREATE the benchmark database on MariaDB; `Unreachable` when the server is not
    there."""
    name = (u.database or "").replace("`", "``")
    try:
        conn = pymysql.connect(
            host=u.host or "127.0.0.1",
            port=u.port or 3306,
            user=u.username or "root",
            password=u.password or "",
            connect_timeout=CONNECT_TIMEOUT,
            autocommit=True,
        )
    except pymysql.err.OperationalError as e:
        raise Unreachable(str(e.args[-1]) if e.args else type(e).__name__) from e
    with conn, conn.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
        cursor.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")


@contextmanager
def fresh_target(engine: str, server_url: str) -> Iterator[Target]:
    """A new, migrated database for `engine` (`server_url`: the PostgreSQL or MariaDB URL,
    unused for SQLite); SQLite's temporary file is removed afterwards, a server's database is
    left for inspection (the next run drops it). A MariaDB target's `conninfo` is its URL."""
    if engine == "sqlite":
        with TemporaryDirectory(prefix="enamel-bench-") as tmp:
            path = Path(tmp) / "bench.sqlite3"
            db = Database(f"sqlite:///{path}")
            try:
                upgrade(db)
                yield Target(engine, db, sqlite_path=path)
            finally:
                db.dispose()
        return
    if engine == "postgresql":
        u = check_bench_url(server_url)
        recreate_postgres_database(u)
        db = Database(u)
        try:
            upgrade(db)
            yield Target(engine, db, conninfo=conninfo_of(u))
        finally:
            db.dispose()
        return
    if engine == "mysql":
        u = check_bench_url(server_url, "mysql")
        recreate_mariadb_database(u)
        db = Database(u)
        try:
            upgrade(db)
            yield Target(engine, db, conninfo=u.render_as_string(hide_password=False))
        finally:
            db.dispose()
        return
    raise ValueError(f"unknown engine {engine!r}; choose from {', '.join(QUERY_ENGINES)}")
