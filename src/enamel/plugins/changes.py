"""Collecting what a write transaction changed, for the after-change hooks.

While a write edge has plug-in hooks attached (`Database.hooks`), each flush adds the rows of
`patient`, `appointment`, `procedurelog` and `payment` it inserted, updated or deleted to the
session, with the changed columns' values before and after, and the actor named by the
transaction's security-log entries. After the commit the host turns them into `ChangeEvent`s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, UOWTransaction

from enamel.models import SecurityLog
from enamel.plugins.events import TABLES, ChangeEvent, frozen

CHANGES = "enamel.plugin_changes"
ACTOR = "enamel.plugin_actor"
SKIPPED = frozenset({"SecurityHash", "DateTStamp", "SecDateTEdit"})


@dataclass
class _Pending:
    table: str
    key: int
    kind: str
    pat_num: int
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)


def start(session: Session) -> None:
    session.info[CHANGES] = {}


def _columns(obj: Any) -> dict[str, Any]:
    return {c.key: getattr(obj, c.key) for c in obj.__table__.columns if c.key not in SKIPPED}


def _key(obj: Any) -> int:
    # New rows are not in the identity map yet during after_flush; their key is set.
    return int(getattr(obj, inspect(type(obj)).primary_key[0].key) or 0)


@event.listens_for(Session, "after_flush")
def _collect(session: Session, _flush: UOWTransaction) -> None:
    changes: dict[tuple[str, int], _Pending] | None = session.info.get(CHANGES)
    if changes is None:
        return
    for obj in session.new:
        if isinstance(obj, SecurityLog) and ACTOR not in session.info:
            session.info[ACTOR] = (obj.ActorKind, obj.ActorName, obj.UserNum, obj.RequestId)
        table = getattr(obj, "__tablename__", "")
        if table in TABLES:
            values = _columns(obj)
            changes[(table, _key(obj))] = _Pending(
                table, _key(obj), "insert", int(values.get("PatNum") or 0), after=values
            )
    for obj in session.dirty:
        table = getattr(obj, "__tablename__", "")
        if table not in TABLES or not session.is_modified(obj):
            continue
        state = inspect(obj)
        pending = changes.setdefault(
            (table, _key(obj)),
            _Pending(table, _key(obj), "update", int(getattr(obj, "PatNum", 0) or 0)),
        )
        for column in obj.__table__.columns:
            if column.key in SKIPPED:
                continue
            history = state.attrs[column.key].history
            if not history.has_changes():
                continue
            if pending.kind == "update" and column.key not in pending.before:
                pending.before[column.key] = history.deleted[0] if history.deleted else None
            pending.after[column.key] = history.added[0] if history.added else None
    for obj in session.deleted:
        table = getattr(obj, "__tablename__", "")
        if table in TABLES:
            values = _columns(obj)
            changes[(table, _key(obj))] = _Pending(
                table, _key(obj), "delete", int(values.get("PatNum") or 0), before=values
            )


def events(session: Session) -> list[ChangeEvent]:
    """The committed transaction's changes, in the order they were first made."""
    changes: dict[tuple[str, int], _Pending] = session.info.pop(CHANGES, None) or {}
    kind, name, user_num, request_id = session.info.pop(ACTOR, ("system", "", 0, ""))
    out = []
    for p in changes.values():
        if p.kind == "update":
            same = [k for k in p.after if k in p.before and p.before[k] == p.after[k]]
            for k in same:
                del p.before[k], p.after[k]
            if not p.after:
                continue
        out.append(
            ChangeEvent(
                table=p.table,
                key=p.key,
                kind=p.kind,
                actor_kind=kind,
                actor_name=name,
                user_num=user_num,
                request_id=request_id,
                pat_num=p.pat_num,
                before=frozen(p.before),
                after=frozen(p.after),
            )
        )
    return out
