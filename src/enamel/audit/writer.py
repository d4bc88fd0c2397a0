"""The audit half of every write: the transaction marker, row seals and chain links.

`Database.write()` (the edge) opens an `AuditedSession` and hands it to `Auditor.start`; when
the service returns, `Auditor.finish` stamps the seals of the rows the transaction inserted or
changed and appends its security-log entries to the chain, just before the commit. All of it
happens in the change's own transaction: a change, its seal, its log entry and its link commit
together or not at all.

The marker: each write transaction carries a random token that the change-capture triggers
record with every row they capture (MariaDB `@enamel_tx`, PostgreSQL `enamel.tx`, SQLite a row
in `auditsession`), and that the transaction's security-log entries carry in `TransactionId`;
the check ties captured changes to log entries through it.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from functools import cache
from typing import Any

from sqlalchemy import Connection, Update, bindparam, delete, event, insert, select, update
from sqlalchemy.orm import Session, UOWTransaction
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.pool import ConnectionPoolEntry, Pool

from enamel.audit import chain, sealkey
from enamel.audit.errors import SealKeyProblem
from enamel.audit.seals import SEAL_COLUMN, SEALED_MODELS, Layout, layout, seal
from enamel.db import clock
from enamel.models import AuditChainHead, AuditState, SecurityLog

TX = "enamel.tx"
_MARKED = "enamel.marked"
_SQLITE_MARKED = "enamel.sqlite_marked"
_PENDING = "enamel.unsealed"
_LOGS = "enamel.logs"
KEY_ID = "seal_key_id"
DATABASE_ID = "database_id"
"""Names this database's checkpoint file."""
RECREATED = "recreated"
"""When the key and database id were recorded again over an existing chain, and its length."""


class AuditedSession(Session):
    """The session class of write edges; the listeners below act only on it."""


class Auditor:
    """Seals and chains the writes of one database, with one key."""

    def __init__(self, key: sealkey.SealKey) -> None:
        self.key = key

    def start(self, session: Session) -> None:
        session.info[TX] = secrets.token_hex(16)
        session.info[_PENDING] = {}
        session.info[_LOGS] = []

    def finish(self, session: Session) -> None:
        """Seal and chain what the transaction wrote; the caller commits next."""
        session.flush()
        pending: dict[int, Any] = session.info[_PENDING]
        logs: list[Any] = session.info[_LOGS]  # SecurityLog objects, or `chain_at_commit`'s
        if pending or logs:
            conn = session.connection()
            if pending:
                _stamp(conn, self.key.secret, list(pending.values()))
                pending.clear()
            if logs:
                chain.append(conn, self.key.secret, logs)
                logs.clear()
        if session.info.pop(_SQLITE_MARKED, False):
            # Whatever the transaction wrote: a marker row left behind would mark the next
            # writer's changes as this transaction's.
            session.connection().exec_driver_sql(
                "DELETE FROM auditsession WHERE TransactionId = ?", (session.info[TX],)
            )


def chain_at_commit(session: Session, entry: Any) -> None:
    """Chain a security-log entry inserted without the ORM (`log.record_at_once`): `entry`
    has the entry's column values as attributes, its key included. (A database written
    without audit chains nothing.)"""
    logs = session.info.get(_LOGS)
    if logs is not None:
        logs.append(entry)


def _stamp(conn: Connection, secret: bytes, rows: list[Any]) -> None:
    by_table: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        by_table[row.__tablename__].append(row)
    for table_name, objects in by_table.items():
        shape = layout(table_name)
        params = []
        for obj in objects:
            value = seal(secret, shape.python_message(obj))
            set_committed_value(obj, SEAL_COLUMN, value)
            params.append({"k": getattr(obj, shape.key.key), "s": value})
        conn.execute(stamp_statement(shape), params)


@cache
def stamp_statement(shape: Layout) -> Update:
    """UPDATE one row's seal (parameters `k`, the key, and `s`, the seal), built once per table.
    Naming the `onupdate` columns (DateTStamp...) keeps their values: a seal is not a change of
    the row."""
    keep = {c.name: c for c in shape.table.columns if c.onupdate is not None}
    return (
        update(shape.table)
        .where(shape.key == bindparam("k"))
        .values({SEAL_COLUMN: bindparam("s"), **keep})
    )


_MARK = {
    "mysql": "SET @enamel_tx = %s",
    "postgresql": "SELECT set_config('enamel.tx', %s, true)",
    "sqlite": "INSERT INTO auditsession (TransactionId) VALUES (?)",
}


@event.listens_for(AuditedSession, "after_begin")
def _mark(session: Session, _transaction: Any, connection: Connection) -> None:
    token = session.info.get(TX)
    if token is not None:
        connection.exec_driver_sql(_MARK[connection.dialect.name], (token,))
        if connection.dialect.name == "mysql":
            connection.info[_MARKED] = True
        elif connection.dialect.name == "sqlite":
            session.info[_SQLITE_MARKED] = True


@event.listens_for(Pool, "checkin")
def _unmark(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
    """A MariaDB user variable outlives the transaction: clear it before the pooled connection
    serves anything else, or that next user's writes would be attributed to this transaction.
    (PostgreSQL's setting is local to the transaction; SQLite's row is deleted by `finish`.)"""
    if dbapi_connection is None or not record.info.pop(_MARKED, False):
        return
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("SET @enamel_tx = NULL")
    finally:
        cursor.close()


@event.listens_for(AuditedSession, "after_flush")
def _track(session: Session, _flush: UOWTransaction) -> None:
    """Remember what this flush wrote (the lists still hold the pre-flush state here)."""
    pending: dict[int, Any] | None = session.info.get(_PENDING)
    if pending is None:
        return
    for obj in session.new:
        if isinstance(obj, SEALED_MODELS):
            pending[id(obj)] = obj
        elif isinstance(obj, SecurityLog):
            session.info[_LOGS].append(obj)
    for obj in session.dirty:
        if isinstance(obj, SEALED_MODELS) and session.is_modified(obj):
            pending[id(obj)] = obj
    for obj in session.deleted:
        pending.pop(id(obj), None)


def open_auditor(conn: Connection) -> Auditor:
    """The auditor for the database behind `conn`, with its key checked against the database.

    The first time a database is written, the key is created if the file does not exist yet
    and its id is recorded; after that, a missing key or another key is a `SealKeyProblem`,
    never a new key: a new key would make every existing seal look forged.
    """
    path = sealkey.configured_path()
    recorded = conn.execute(select(AuditState.Value).where(AuditState.Name == KEY_ID)).scalar()
    if recorded is None:
        key = sealkey.read(path) if path.exists() else sealkey.create(path)
        # Chained entries without a recorded key: the audit state was deleted after Enamel had
        # written. Recorded so that the check reports it (its checkpoints start over).
        links = conn.execute(
            select(AuditChainHead.LinkCount).where(AuditChainHead.ChainHeadNum == chain.HEAD)
        ).scalar()
        rows = [
            {"Name": KEY_ID, "Value": key.id},
            {"Name": DATABASE_ID, "Value": secrets.token_hex(8)},
        ]
        if links:
            rows.append({"Name": RECREATED, "Value": f"{clock.now():%Y-%m-%d %H:%M:%S} {links}"})
        conn.execute(delete(AuditState).where(AuditState.Name.in_([r["Name"] for r in rows])))
        conn.execute(insert(AuditState), rows)
        return Auditor(key)
    try:
        key = sealkey.read(path)
    except SealKeyProblem as exc:
        message = f"{exc.message} (this database was sealed with key id {recorded})"
        raise SealKeyProblem(message) from None
    pending = sealkey.pending_path(path)
    if key.id != recorded and pending.exists() and sealkey.read(pending).id == recorded:
        # A rotation committed its new seals and stopped before swapping the key files.
        sealkey.finish_rotation(path, key.id)
        key = sealkey.read(path)
    if key.id != recorded:
        raise SealKeyProblem(
            f"the seal key in {path} (id {key.id}) is not the key this database was sealed "
            f"with (id {recorded}): set ENAMEL_SEAL_KEY_FILE to the right key file"
        )
    return Auditor(key)


def database_id(conn: Connection) -> str:
    value = conn.execute(select(AuditState.Value).where(AuditState.Name == DATABASE_ID)).scalar()
    return str(value or "unknown")
