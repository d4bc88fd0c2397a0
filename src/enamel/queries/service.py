"""A governed read, as the API runs it: checked, logged, run within the limits."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from enamel.audit.log import record_at_once
from enamel.db import Database, clock
from enamel.models.enums import EnumPermType
from enamel.queries import run, stats, values
from enamel.queries.validate import QueryRefused, check
from enamel.security.actor import Actor

LOGGED_CHARS = 4000
"""How much of a query's text its security-log entry keeps."""


@dataclass
class Done:
    """What came of a governed read, for its log entry: the page, or the error to answer."""

    sql: str
    offset: int
    started: dt.datetime
    millis: int
    outcome: str
    page: values.Page
    error: Exception | None = None


def read(
    db: Database,
    actor: Actor,
    sql: str,
    *,
    offset: int = 0,
    time_limit: float = run.TIME_LIMIT,
    cost_budget: float = run.COST_BUDGET,
    queued: float | None = None,
) -> Done:
    """Check the query (400 naming the rule) and run it (`run.short_query`): what came of it,
    for `logged` (an error is kept, to be raised once the read is logged). `queued`: when the
    read was queued for its turn (`run.in_turn`)."""
    actor.require(EnumPermType.UserQuery)
    started, clock_start = clock.now(), time.perf_counter()
    outcome, page = "error", values.Page(0, [])
    error: Exception | None = None
    try:
        check(sql, db.dialect)
        page = run.short_query(
            db,
            sql,
            offset=offset,
            time_limit=time_limit,
            cost_budget=cost_budget,
            integration=actor.name,
            queued=queued,
        )
        outcome = "ok"
    except QueryRefused as exc:
        outcome, error = "refused", exc
    except run.QueryLimit as exc:
        outcome, error = exc.outcome, exc
    except Exception as exc:  # logged as an error, then raised as it was
        error = exc
    millis = int((time.perf_counter() - clock_start) * 1000)
    return Done(sql, offset, started, millis, outcome, page, error)


def logged(db: Database, actor: Actor, done: Done) -> values.Page:
    """Log the read with its outcome and count it (`stats`), in one transaction, whatever came
    of it; switch the caller's SQL access off when its reads keep running away; then the
    page, or the read's error raised. The server runs it in its thread pool, so that on
    SQLite the next read (`run.in_turn`) runs meanwhile."""
    rows, sql = done.page.count, done.sql
    shown = sql if len(sql) <= LOGGED_CHARS else sql[:LOGGED_CHARS] + "…"
    with db.write() as session:
        record_at_once(
            session,
            actor,
            EnumPermType.UserQuery,
            f"Query {done.outcome} (Offset {done.offset}, {rows} rows, {done.millis} ms): {shown}",
        )
        stats.record(session, actor.name, done.started, done.millis, rows, done.outcome, sql)
    if done.outcome in stats.STOPPED:
        stats.strike_out(db, actor.name)
    if done.error is not None:
        raise done.error
    return done.page
