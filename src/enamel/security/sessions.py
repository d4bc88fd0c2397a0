"""Office sessions: who is signed in to the office pages, kept in the database.

The browser holds a random token in an HttpOnly, SameSite=Strict cookie; the `officesession`
row holds its SHA-256 hash, the user, and the session's CSRF token, which every form the pages
post must carry (`same_token`). A session ends when the user signs out, after `IDLE` without a
request, or `LIFETIME` after it began, and with its user (hidden or removed). Any server
process can answer any request: nothing lives in one process.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, select, update

from enamel import audit
from enamel.db import Database, ReadSession, WriteSession, clock, require_write
from enamel.models import OfficeSession
from enamel.models.enums import EnumPermType
from enamel.security.keys import key_hash, same_hash
from enamel.security.users import OfficeUser, office_user

IDLE = dt.timedelta(hours=1)
LIFETIME = dt.timedelta(hours=12)
TOUCH_EVERY = dt.timedelta(minutes=1)
"""How stale `DateTLastSeen` may get before a request writes it again (not once a request)."""


@dataclass(frozen=True)
class Started:
    token: str
    """For the cookie; never stored."""
    csrf: str


@dataclass(frozen=True)
class Current:
    user: OfficeUser
    csrf: str
    session_num: int
    last_seen: dt.datetime


def new_token() -> str:
    return secrets.token_urlsafe(32)


def start(db: WriteSession, user: OfficeUser, client_address: str) -> Started:
    require_write(db)
    token, csrf, now = new_token(), new_token(), clock.now()
    db.add(
        OfficeSession(
            TokenHash=key_hash(token),
            UserNum=user.num,
            CsrfToken=csrf,
            ClientAddress=client_address[:255],
            DateTCreated=now,
            DateTLastSeen=now,
        )
    )
    return Started(token, csrf)


def current(db: ReadSession, token: str) -> Current | None:
    """The live session the cookie names, with its user; None when there is none."""
    if not token:
        return None
    row = db.scalar(select(OfficeSession).where(OfficeSession.TokenHash == key_hash(token)))
    now = clock.now()
    if row is None or row.DateTLastSeen < now - IDLE or row.DateTCreated < now - LIFETIME:
        return None
    user = office_user(db, row.UserNum)
    if user is None:
        return None
    return Current(user, row.CsrfToken, row.OfficeSessionNum, row.DateTLastSeen)


def touch(db: Database, session: Current) -> None:
    """Keep a session in use alive (bookkeeping: not a change to log)."""
    now = clock.now()
    if now - session.last_seen < TOUCH_EVERY:
        return
    with db.unaudited() as conn:
        conn.execute(
            update(OfficeSession)
            .where(OfficeSession.OfficeSessionNum == session.session_num)
            .values(DateTLastSeen=now)
        )


def end(db: WriteSession, session: Current, client_address: str) -> None:
    """Sign out: the session row goes, the log keeps who and when."""
    require_write(db)
    db.execute(delete(OfficeSession).where(OfficeSession.OfficeSessionNum == session.session_num))
    where = f" from {client_address}" if client_address else ""
    actor = session.user.actor(client_address)
    audit.record(db, actor, EnumPermType.SecurityAdmin, f"Office user signed out{where}")
    # Expired sessions of anyone are swept at the same time.
    db.execute(delete(OfficeSession).where(OfficeSession.DateTLastSeen < clock.now() - LIFETIME))


def same_token(expected: str, given: str | None) -> bool:
    """The form's CSRF token is the session's (constant-time)."""
    return bool(given) and same_hash(expected, given or "")
