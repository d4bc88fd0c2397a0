"""A governed read, as the API runs it: checked, logged, run within the limits."""

from __future__ import annotations

from typing import Any

from enamel.audit.log import record
from enamel.db import Database
from enamel.models.enums import EnumPermType
from enamel.queries import run
from enamel.queries.validate import check
from enamel.security.actor import Actor

LOGGED_CHARS = 4000
"""How much of a query's text its security-log entry keeps."""


def short_query(
    db: Database,
    actor: Actor,
    sql: str,
    *,
    offset: int = 0,
    time_limit: float = run.TIME_LIMIT,
    cost_budget: float = run.COST_BUDGET,
) -> list[dict[str, Any]]:
    """Check the query (400 naming the rule), log it, then run it."""
    actor.require(EnumPermType.UserQuery)
    check(sql, db.dialect)
    shown = sql if len(sql) <= LOGGED_CHARS else sql[:LOGGED_CHARS] + "…"
    with db.write() as session:
        record(session, actor, EnumPermType.UserQuery, f"Query run (Offset {offset}): {shown}")
    return run.short_query(db, sql, offset=offset, time_limit=time_limit, cost_budget=cost_budget)
