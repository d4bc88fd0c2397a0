"""Writing the security log: one entry per change, in the change's own transaction."""

from __future__ import annotations

import datetime as dt

from enamel.audit.writer import TX
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
    entry = SecurityLog(
        PermType=permission,
        UserNum=actor.user_num,
        LogDateTime=clock.now(),
        LogText=f"{what}. By {actor.describe()}.",
        PatNum=pat_num,
        CompName=actor.client_address,
        FKey=fkey,
        LogSource=actor.log_source,
        DateTPrevious=previous or clock.MIN_DATETIME,
        ActorKind=actor.kind.value,
        ActorName=actor.name,
        RequestId=actor.request_id,
        TransactionId=db.info.get(TX, ""),
    )
    db.add(entry)
    return entry
