"""Engines: one writable, one read-only, per database URL.

Per engine:
- SQLite: WAL, a busy timeout, and writes that begin with `BEGIN IMMEDIATE`, so two writers
  queue instead of failing half-way (SQLite has one writer at a time; this makes it explicit).
  The read-only engine's connections are `query_only`.
- MariaDB and PostgreSQL: READ COMMITTED, so that a service that waited for a lock sees what the
  lock holder committed (the booking check relies on it); the read-only engine's sessions are
  READ ONLY at the database.
- Reads run in autocommit: each statement sees what was committed when it started (READ
  COMMITTED, as the writes), and a read costs no BEGIN and ROLLBACK round trips. On PostgreSQL
  this also keeps psycopg's prepared statements alive between requests. Read connections are
  not pinged before use: a connection the server dropped fails one request (503, "try again")
  and the pool replaces it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool


def normalise_url(url: str | URL) -> URL:
    """Fill in the drivers Enamel uses and the MariaDB character set."""
    u = make_url(url)
    if u.drivername in ("mysql", "mariadb", "mariadb+pymysql"):
        u = u.set(drivername="mysql+pymysql")
    if u.drivername in ("postgresql", "postgres"):
        u = u.set(drivername="postgresql+psycopg")
    if u.drivername == "mysql+pymysql" and "charset" not in u.query:
        u = u.update_query_dict({"charset": "utf8mb4"})
    return u


def _sqlite_setup(engine: Engine, *, writable: bool) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event decide how a transaction starts.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 30000")
        if writable:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        else:
            cursor.execute("PRAGMA query_only = ON")
        cursor.close()

    if writable:

        @event.listens_for(engine, "begin")
        def _begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")


def _server_read_only(engine: Engine) -> None:
    statement = (
        "SET SESSION TRANSACTION READ ONLY"
        if engine.dialect.name == "mysql"
        else "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"
    )

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(statement)
        cursor.close()
        dbapi_connection.commit()


def make_engine(url: str | URL, *, writable: bool = True, **kwargs: Any) -> Engine:
    u = normalise_url(url)
    if u.drivername.startswith("sqlite"):
        database = u.database or ""
        in_memory = database in ("", ":memory:")
        engine = create_engine(
            u,
            connect_args={"check_same_thread": False},
            poolclass=NullPool if in_memory else None,
            **kwargs,
        )
        _sqlite_setup(engine, writable=writable)
        return engine
    if writable:
        kwargs.setdefault("pool_pre_ping", True)
        return create_engine(u, isolation_level="READ COMMITTED", **kwargs)
    engine = create_engine(u, isolation_level="AUTOCOMMIT", pool_recycle=3600, **kwargs)
    _server_read_only(engine)
    return engine
