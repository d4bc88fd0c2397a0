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
    done = read(
        db, actor, sql, offset=offset, time_limit=time_limit, cost_budget=cost_budget,
        queued=queued,
    )  # fmt: skip
    return logged(db, actor, done)


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
    """The first half of `short_query`: the check and the run, and what came of them (an
    error is kept for `logged` to raise once the read is logged)."""
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
    """The second half of `short_query`: the read's log entry and `queryrun` row in one
    transaction, the switch-off when its reads keep running away; then the page, or the
    read's error raised."""
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
