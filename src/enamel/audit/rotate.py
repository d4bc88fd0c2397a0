"""Seal-key rotation: re-seal every row and re-chain the security log under a new key.

Only a clean database is re-sealed: re-sealing a tampered row would turn the tampering into a
valid seal. The command checks first and refuses while any finding is open (acknowledged ones
are the office's decision and do not block).

The steps, each safe to interrupt:
1. A new key is written to `<key file>.new` (an earlier interrupted rotation's is reused).
2. One transaction through the audited edge (so the capture triggers attribute the re-sealing
   to its own security-log entry): the chain head is locked, every row's seal and every chain
   link are recomputed with the new key, the recorded key id becomes the new key's, and the
   rotation's log entry is chained with the new key.
3. The old key file is kept beside it as `<key file>.<old id>.retired` (to check old backups;
   delete it if the key leaked) and the new one takes its name. If Enamel stops between 2 and
   3, the next start finishes the swap (`sealkey.finish_rotation`).
4. The checkpoints signed with the old key are kept as `<database id>.jsonl.<old id>` and a
   check under the new key writes the first new checkpoint.

Stop `enamel serve` while rotating: a server keeps the key it opened until it restarts.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, select, update

from enamel.audit import chain, checkpoints, sealkey
from enamel.audit.log import record
from enamel.audit.scan import BATCH, Raw
from enamel.audit.seals import SEALED_TABLES, layout, seal
from enamel.audit.writer import KEY_ID, Auditor, database_id, stamp_statement
from enamel.db import Database, WriteSession
from enamel.models import AuditChainHead, AuditState, SecurityLog, SecurityLogHash
from enamel.models.enums import EnumPermType
from enamel.security.actor import Actor

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Rotated:
    old_id: str
    new_id: str
    rows: int
    links: int
    retired: str


def rotate(db: Database, actor: Actor, *, progress: Progress | None = None) -> Rotated:
    """Re-seal and re-chain under a new key; the caller has checked that nothing is open."""
    actor.require(EnumPermType.SecurityAdmin)
    auditor = db.auditor()
    old = auditor.key
    new = sealkey.create(sealkey.pending_path(old.path))
    try:
        ident, rows, links = _rotate(db, actor, auditor, new, progress)
    except BaseException:
        auditor.key = old  # nothing was committed: the database still expects the old key
        raise
    retired = sealkey.finish_rotation(old.path, old.id)
    _retire_checkpoints(old, ident)
    db.forget_auditor()
    return Rotated(old.id, new.id, rows, links, str(retired))


def _rotate(
    db: Database, actor: Actor, auditor: Auditor, new: sealkey.SealKey, progress: Progress | None
) -> tuple[str, int, int]:
    """The one transaction: the database id, the rows re-sealed and the links re-chained."""
    old = auditor.key
    with db.write() as session:
        conn = session.connection()
        ident = database_id(conn)
        chain.lock_head(conn)
        # Logged first and last: the captured re-sealing falls between the two entries.
        _log(session, actor, f"Seal key rotation from key id {old.id} to {new.id} started")
        rows = sum(_reseal(conn, new.secret, table, progress) for table in SEALED_TABLES)
        links = _rechain(conn, new.secret, progress)
        session.execute(update(AuditState).where(AuditState.Name == KEY_ID).values(Value=new.id))
        # From here on this transaction chains with the new key: the rotation's own entry
        # is the first link made with it.
        auditor.key = new
        _log(
            session,
            actor,
            f"Seal key rotated from key id {old.id} to {new.id}: {rows} rows re-sealed, "
            f"{links} security-log entries re-chained",
        )
    return ident, rows, links


def _log(session: WriteSession, actor: Actor, text: str) -> None:
    record(session, actor, EnumPermType.SecurityAdmin, text)
    session.flush()


def _reseal(conn: Connection, secret: bytes, table: str, progress: Progress | None) -> int:
    shape = layout(table)
    key_index = shape.names.index(shape.key.name)
    raw = Raw(
        conn,
        select(*shape.columns)
        .where(shape.key > bindparam("last"))
        .order_by(shape.key)
        .limit(BATCH),
    )
    encode = shape.raw_encoder(conn.dialect.name)
    stmt = stamp_statement(shape)
    done = 0
    try:
        for rows in raw.pages(key_index):
            params = [{"k": row[key_index], "s": seal(secret, encode(row))} for row in rows]
            conn.execute(stmt, params)
            done += len(rows)
            if progress:
                progress(len(rows))
    finally:
        raw.close()
    return done


def _rechain(conn: Connection, secret: bytes, progress: Progress | None) -> int:
    shape = layout("securitylog")
    H = SecurityLogHash
    raw = Raw(
        conn,
        select(H.SecurityLogHashNum, H.SecurityLogNum, *shape.columns)
        .join(SecurityLog, SecurityLog.SecurityLogNum == H.SecurityLogNum)
        .where(H.SecurityLogHashNum > bindparam("last"))
        .order_by(H.SecurityLogHashNum)
        .limit(BATCH),
    )
    encode = shape.raw_encoder(conn.dialect.name)
    stmt = update(H).where(H.SecurityLogHashNum == bindparam("n")).values(LogHash=bindparam("h"))
    previous, last_log, done = chain.GENESIS, 0, 0
    try:
        for rows in raw.pages(0):
            params = []
            for row in rows:
                previous = chain.link(secret, previous, encode(row[2:]))
                params.append({"n": row[0], "h": previous})
                last_log = int(row[1])
            conn.execute(stmt, params)
            done += len(rows)
            if progress:
                progress(len(rows))
    finally:
        raw.close()
    conn.execute(
        update(AuditChainHead)
        .where(AuditChainHead.ChainHeadNum == chain.HEAD)
        .values(LinkCount=done, LastLogNum=last_log, LastHash=previous)
    )
    return done


def _retire_checkpoints(old: sealkey.SealKey, ident: str) -> None:
    """The old key's checkpoints stay readable with the retired key, under another name."""
    file = checkpoints.path(old, ident)
    if file.exists():
        os.replace(file, file.with_name(f"{file.name}.{old.id}"))
