"""A governed read, as the API runs it: checked, logged, run within the limits."""

from __future__ import annotations

import time

from enamel.audit.log import record_at_once
from enamel.db import Database, clock
from enamel.models.enums import EnumPermType
from enamel.queries import run, stats, values
from enamel.queries.validate import QueryRefused, check
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
    queued: float | None = None,
) -> values.Page:
    """Check the query (400 naming the rule) and run it; then, in one transaction, log it with
    its outcome and count it (`stats`), whatever came of it; switch the caller's SQL access
    off when its reads keep running away. `queued`: when the read was queued for its turn
    (`run.in_turn`)."""
    actor.require(EnumPermType.UserQuery)
    started, clock_start = clock.now(), time.perf_counter()
    outcome, rows = "error", 0
    try:
        try:
            check(sql, db.dialect)
        except QueryRefused:
            outcome = "refused"
            raise
        try:
            result = run.short_query(
                db,
                sql,
                offset=offset,
                time_limit=time_limit,
                cost_budget=cost_budget,
                integration=actor.name,
                queued=queued,
            )
        except run.QueryLimit as exc:
            outcome = exc.outcome
            raise
        outcome, rows = "ok", result.count
        return result
    finally:
        millis = int((time.perf_counter() - clock_start) * 1000)
        shown = sql if len(sql) <= LOGGED_CHARS else sql[:LOGGED_CHARS] + "…"
        with db.write() as session:
            record_at_once(
                session,
                actor,
                EnumPermType.UserQuery,
                f"Query {outcome} (Offset {offset}, {rows} rows, {millis} ms): {shown}",
            )
            stats.record(session, actor.name, started, millis, rows, outcome, sql)
        if outcome in stats.STOPPED:
            stats.strike_out(db, actor.name)
