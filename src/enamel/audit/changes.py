"""Reading the change capture: which captured changes Enamel cannot account for.

A captured change is Enamel's when its transaction marker names a transaction that wrote a
security-log entry (which the chain vouches for), on the same database connection as that
transaction's own log entry, and within minutes of it. Everything else is unattributed: no
marker (another program or account wrote), a marker no entry carries (made up), or a real
marker replayed from another connection or much later.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Row, func, select, true

from enamel.models import AuditChange, AuditRefusal, SecurityLog

C = AuditChange
L = SecurityLog
WINDOW = dt.timedelta(minutes=10)
"""How far a captured change may be from its transaction's log entry (clocks and long
transactions); a replayed marker is caught by its connection first."""
ACTIONS = {"I": "inserted", "U": "updated", "D": "deleted", "T": "truncated"}


@dataclass(frozen=True)
class Change:
    num: int
    table: str
    key: int
    action: str
    at: dt.datetime
    account: str
    host: str
    application: str
    connection: int
    marker: str
    old: dict[str, Any]
    new: dict[str, Any]
    why: str = ""
    columns: dict[str, dict[str, Any]] = field(default_factory=dict)
    """For updates: each column that changed, with its value before and after."""


def _json(text: str) -> dict[str, Any]:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {"(unreadable)": text}
    return value if isinstance(value, dict) else {"(value)": value}


def _differences(old: dict[str, Any], new: dict[str, Any]) -> dict[str, dict[str, Any]]:
    if not old or not new:
        return {}
    return {
        name: {"before": old.get(name), "after": new.get(name)}
        for name in sorted(set(old) | set(new))
        if old.get(name) != new.get(name) and name != "SecurityHash"
    }


def unattributed(conn: Connection, since: dt.datetime | None = None) -> Iterator[Change]:
    """Captured changes (newest last) that no Enamel transaction accounts for."""
    recent = C.ChangedAt >= since if since is not None else true()
    suspects: dict[int, str] = {}
    for (num,) in conn.execute(select(C.ChangeNum).where(recent, C.TransactionId == "")):
        suspects[num] = "written without Enamel's transaction marker"

    marked = conn.execute(
        select(C.ChangeNum, C.TransactionId, C.ConnectionId, C.ChangedAt, C.TableName).where(
            recent, C.TransactionId != ""
        )
    ).all()
    tokens = {row.TransactionId for row in marked}
    entries: dict[str, tuple[dt.datetime, dt.datetime]] = {}
    token_list = sorted(tokens)
    for i in range(0, len(token_list), 1000):
        chunk = token_list[i : i + 1000]
        for token, first, last in conn.execute(
            select(L.TransactionId, func.min(L.LogDateTime), func.max(L.LogDateTime))
            .where(L.TransactionId.in_(chunk))
            .group_by(L.TransactionId)
        ):
            entries[token] = (first, last)
    # The connection of each transaction: the one that inserted its log entries.
    owner: dict[str, int] = {}
    for row in marked:
        if row.TableName == "securitylog":
            owner.setdefault(row.TransactionId, row.ConnectionId)
    for row in marked:
        window = entries.get(row.TransactionId)
        if window is None:
            suspects[row.ChangeNum] = "its transaction marker belongs to no security-log entry"
        elif row.ConnectionId != owner.get(row.TransactionId, row.ConnectionId):
            suspects[row.ChangeNum] = "its transaction marker was replayed from another connection"
        elif not (window[0] - WINDOW <= row.ChangedAt <= window[1] + WINDOW):
            suspects[row.ChangeNum] = "its transaction marker was replayed later"
    yield from _load(conn, suspects)


def _load(conn: Connection, suspects: dict[int, str]) -> Iterator[Change]:
    nums = sorted(suspects)
    for i in range(0, len(nums), 1000):
        chunk = nums[i : i + 1000]
        for change in conn.execute(select(C.__table__).where(C.ChangeNum.in_(chunk))):
            old, new = _json(change.OldRow), _json(change.NewRow)
            yield Change(
                num=change.ChangeNum,
                table=change.TableName,
                key=change.RowKey,
                action=change.Action,
                at=change.ChangedAt,
                account=change.DbAccount,
                host=change.ClientHost,
                application=change.Application,
                connection=change.ConnectionId,
                marker=change.TransactionId,
                old=old,
                new=new,
                why=suspects[change.ChangeNum],
                columns=_differences(old, new),
            )


def changed_rows(conn: Connection, since: dt.datetime) -> dict[str, set[int]]:
    """Keys of rows with any captured change since `since`, by table (for `--since`)."""
    rows: dict[str, set[int]] = defaultdict(set)
    for table, key in conn.execute(
        select(C.TableName, C.RowKey).where(C.ChangedAt >= since).distinct()
    ):
        rows[table].add(int(key))
    return rows


def refusals(conn: Connection, since: dt.datetime | None = None) -> list[Row[Any]]:
    """Writes the database refused while `enamel audit lock` was on."""
    R = AuditRefusal.__table__
    stmt = select(R).order_by(R.c.RefusalNum)
    if since is not None:
        stmt = stmt.where(R.c.RefusedAt >= since)
    return list(conn.execute(stmt))


__all__ = ["ACTIONS", "Change", "changed_rows", "refusals", "unattributed"]
