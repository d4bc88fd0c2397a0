"""The governed reads running now, and stopping one (`enamel queries top`, `kill`).

A governed read is labelled while it runs (`run.LABEL`): MariaDB shows it in its process list
by the statement's leading comment, PostgreSQL by the session's `application_name`. Only those
sessions are listed, and only those can be stopped here (MariaDB `KILL QUERY`, PostgreSQL
`pg_cancel_backend`): the office stops a runaway report, not an arbitrary connection. SQLite
runs reads inside `enamel serve`'s own process: there is no process list to read, and each read
is stopped by its time limit.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.pool import NullPool

from enamel.audit.log import record
from enamel.db import Database
from enamel.errors import InvalidInput, NotFound
from enamel.models.enums import EnumPermType
from enamel.queries.run import LABEL
from enamel.security.actor import Actor


@dataclass(frozen=True)
class Running:
    id: int
    integration: str
    seconds: float
    sql: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class NoProcessList(InvalidInput):
    """SQLite: nothing to list or stop from outside the server's process."""

    code = "no_process_list"


def running(db: Database) -> list[Running]:
    """This database's governed reads running now, longest first (a server may hold other
    practices' databases, whose reads are not this office's to see or stop)."""
    if db.dialect == "sqlite":
        raise NoProcessList(
            "SQLite runs governed reads inside enamel serve's process: there is no process "
            "list to read; each read is stopped by its time limit (ENAMEL_QUERY_TIME_LIMIT)"
        )
    with _server(db) as conn:
        if db.dialect == "mysql":
            rows = conn.execute(
                text(
                    "SELECT ID, TIME_MS / 1000, INFO FROM information_schema.PROCESSLIST "
                    "WHERE COMMAND = 'Query' AND INFO LIKE :label AND DB = DATABASE() "
                    "ORDER BY TIME_MS DESC"
                ),
                {"label": f"/* {LABEL}%"},
            ).all()
            return [
                Running(int(pid), _between(str(info), LABEL, " */"), float(secs), _sql(info))
                for pid, secs, info in rows
            ]
        rows = conn.execute(
            text(
                "SELECT pid, application_name, "
                "EXTRACT(EPOCH FROM clock_timestamp() - query_start), query "
                "FROM pg_stat_activity WHERE state = 'active' AND application_name LIKE :label "
                "AND datname = current_database() AND pid <> pg_backend_pid() "
                "ORDER BY query_start"
            ),
            {"label": f"{LABEL}%"},
        ).all()
        return [
            Running(int(pid), str(app)[len(LABEL) :], float(secs or 0), str(query))
            for pid, app, secs, query in rows
        ]


def kill(db: Database, query_id: int) -> Running:
    """Stop one running governed read; refuses any other session (404)."""
    found = next((r for r in running(db) if r.id == query_id), None)
    if found is None:
        raise NotFound(f"no governed read is running as {query_id}", field="id")
    with _server(db) as conn:
        if db.dialect == "mysql":
            conn.execute(text(f"KILL QUERY {int(query_id)}"))
        else:
            conn.execute(text("SELECT pg_cancel_backend(:pid)"), {"pid": query_id})
    return found


@contextmanager
def _server(db: Database) -> Iterator[Connection]:
    """A connection to where governed reads run: the replica when one is configured."""
    if db.replica_url is None:
        with db.unaudited() as conn:
            yield conn
        return
    engine = create_engine(db.replica_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


def _between(value: str, start: str, end: str) -> str:
    head = value.split(start, 1)[-1]
    return head.split(end, 1)[0]


def _sql(info: Any) -> str:
    text_ = str(info or "")
    return text_.split(" */ ", 1)[-1]


def stop(db: Database, actor: Actor, query_id: int) -> Running:
    """Stop one running governed read for `actor` (SecurityAdmin), and log it."""
    actor.require(EnumPermType.SecurityAdmin)
    stopped = kill(db, query_id)
    with db.write() as session:
        record(
            session,
            actor,
            EnumPermType.SecurityAdmin,
            f"Governed read {query_id} of integration '{stopped.integration}' stopped after "
            f"{stopped.seconds:.0f} s: {stopped.sql[:500]}",
        )
    return stopped
