"""The security log's hash chain.

Each entry's link in `securityloghash` is an HMAC, under the seal key, of the previous link and
the entry's canonical encoding (`seals.layout("securitylog")`). Editing, deleting or inserting
an entry breaks the chain at that entry, and nobody without the key can mend it. Links are
appended in commit order: a writer locks the chain's head row (`auditchainhead`) just before
its commit, so concurrent writers queue for a moment instead of forking the chain. The head
keeps the count and the last link, which the checkpoints written outside the database copy, so
cutting entries off the end is detected too.
"""

from __future__ import annotations

import base64
import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from enamel.audit.seals import layout
from enamel.models import AuditChainHead, SecurityLogHash

HEAD = 1
GENESIS = ""
"""The "previous link" of the first entry."""


def link(secret: bytes, previous: str, message: bytes) -> str:
    digest = hmac.digest(secret, previous.encode("ascii") + b"\x00" + message, "sha256")
    return base64.b64encode(digest).decode("ascii")


@dataclass(frozen=True)
class Head:
    count: int
    last_log_num: int
    last_hash: str


_H = AuditChainHead
_HEAD = select(_H.LinkCount, _H.LastLogNum, _H.LastHash).where(_H.ChainHeadNum == HEAD)
_HEAD_LOCKED = _HEAD.with_for_update()
_NEW_HEAD = insert(_H).values(ChainHeadNum=HEAD, LinkCount=0, LastLogNum=0, LastHash="")
_LINKS = insert(SecurityLogHash)
_MOVE_HEAD = (
    update(_H)
    .where(_H.ChainHeadNum == HEAD)
    .values(LinkCount=bindparam("count"), LastLogNum=bindparam("last"), LastHash=bindparam("hash"))
)
"""The chain's statements, built once: every audited write runs them."""


def lock_head(conn: Connection) -> Head:
    """The chain's head, locked until the transaction ends (SQLite's writers already queue)."""
    row = conn.execute(_HEAD if conn.dialect.name == "sqlite" else _HEAD_LOCKED).first()
    if row is None:
        # Someone deleted the head: start a new one; the check reports the break it causes.
        conn.execute(_NEW_HEAD)
        return Head(0, 0, GENESIS)
    return Head(int(row[0]), int(row[1]), str(row[2]))


def append(conn: Connection, secret: bytes, entries: Sequence[Any]) -> None:
    """Chain the entries this transaction wrote (already flushed, so they have their keys):
    `SecurityLog` objects, or objects with their attributes (`log.record_at_once`)."""
    if not entries:
        return
    head = lock_head(conn)
    encode = layout("securitylog").python_message
    previous = head.last_hash
    links = []
    for entry in sorted(entries, key=lambda e: e.SecurityLogNum):
        previous = link(secret, previous, encode(entry))
        links.append({"SecurityLogNum": entry.SecurityLogNum, "LogHash": previous})
    conn.execute(_LINKS, links)
    conn.execute(
        _MOVE_HEAD,
        {"count": head.count + len(links), "last": links[-1]["SecurityLogNum"], "hash": previous},
    )
