"""Writing the security log: one entry per change, in the change's own transaction."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from sqlalchemy import insert

from enamel.audit.writer import TX, chain_at_commit
from enamel.db import WriteSession, clock, require_write
from enamel.models import SecurityLog
from enamel.models.enums import EnumPermType
from enamel.security.actor import Actor


def record(
    db: WriteSession,
    actor: Actor,
    permission: EnumPermType,
    what: str,
    *,
    pat_num: int = 0,
    fkey: int = 0,
    previous: dt.datetime | None = None,
) -> SecurityLog:
    """Add the security-log entry for a change; the caller's transaction commits both.

    `what` says what changed ("Appointment created for Smith, John at 2025-03-04 09:00");
    the entry's text adds who did it, so every entry names the program and the user.
    """
    require_write(db)
    entry = SecurityLog(**_values(db, actor, permission, what, pat_num, fkey, previous))
    db.add(entry)
    return entry


_INSERT = insert(SecurityLog)


def record_at_once(db: WriteSession, actor: Actor, permission: EnumPermType, what: str) -> None:
    """`record`, with the entry inserted at once by one Core statement rather than added as an
    ORM object to flush: for an edge that writes nothing but log rows (a governed read's), where
    the ORM's unit of work would be most of the edge's cost. Chained like any entry."""
    require_write(db)
    values = _values(db, actor, permission, what, 0, 0, None)
    key = db.connection().execute(_INSERT, values).inserted_primary_key
    if not key:
        raise RuntimeError("the database gave no key for the new security-log entry")
    chain_at_commit(db, SimpleNamespace(SecurityLogNum=key[0], **values))


def _values(
    db: WriteSession,
    actor: Actor,
    permission: EnumPermType,
    what: str,
    pat_num: int,
    fkey: int,
    previous: dt.datetime | None,
) -> dict[str, Any]:
    """Every column of the entry but its key."""
    return {
        "PermType": permission,
        "UserNum": actor.user_num,
        "LogDateTime": clock.now(),
        "LogText": f"{what}. By {actor.describe()}.",
        "PatNum": pat_num,
        "CompName": actor.client_address,
        "FKey": fkey,
        "LogSource": actor.log_source,
        "DefNum": 0,
        "DefNumError": 0,
        "DateTPrevious": previous or clock.MIN_DATETIME,
        "ActorKind": actor.kind.value,
        "ActorName": actor.name,
        "RequestId": actor.request_id,
        "TransactionId": db.info.get(TX, ""),
    }
