"""What each integration's governed reads did, and switching off the ones that keep running away.

Every governed read leaves a `queryrun` row: the integration, when, how long, how many rows,
and its outcome (`ok`, `timeout`, `over budget`, `refused`, `error`). An integration with
`STRIKES` reads stopped by a limit (time or cost) within `WINDOW` has its SQL access switched
off (the rest of its access stays on), with the reason in the security log, until an office
user switches it back on (`enamel queries on NAME`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import func, insert, select

from enamel.db import Database, WriteSession, clock
from enamel.models import Integration, QueryRun
from enamel.queries import accounts
from enamel.security.actor import system_actor
from enamel.security.integrations import switch_sql

STRIKES = 5
WINDOW = dt.timedelta(minutes=10)
STOPPED = ("timeout", "over budget")
"""Outcomes that count as strikes: the query was stopped by a limit."""
KEPT_CHARS = 2000


def record(
    session: WriteSession, integration: str, started: dt.datetime, millis: int, rows: int,
    outcome: str, sql: str,
) -> None:  # fmt: skip
    """Keep one read's outcome, in the transaction that logs it (a Core statement on the
    session's connection: no ORM flush, as `audit.log.record_at_once`)."""
    session.connection().execute(
        _INSERT,
        {
            "Integration": integration,
            "StartedAt": started.replace(microsecond=0),
            "Millis": millis,
            "RowCount": rows,
            "Outcome": outcome,
            "SqlText": sql[:KEPT_CHARS],
        },
    )


_INSERT = insert(QueryRun)


def strike_out(db: Database, integration: str) -> bool:
    """Switch the integration's SQL access off when its reads keep being stopped by limits."""
    since = clock.now() - WINDOW
    with db.read() as session:
        stopped = session.scalar(
            select(func.count()).where(
                QueryRun.Integration == integration,
                QueryRun.StartedAt >= since,
                QueryRun.Outcome.in_(STOPPED),
            )
        )
    if (stopped or 0) < STRIKES:
        return False
    minutes = int(WINDOW.total_seconds() // 60)
    with db.write() as session:
        switch_sql(
            session,
            system_actor("query governor"),
            integration,
            on=False,
            reason=f"{stopped} queries stopped by the time limit or the cost budget within "
            f"{minutes} minutes",
        )
    accounts.sync_lock(db, integration)
    return True


@dataclass(frozen=True)
class Summary:
    integration: str
    sql_access: str
    queries: int
    rows: int
    total_seconds: float
    p95_ms: int
    timeouts: int
    over_budget: int
    refused: int
    errors: int
    last_query: str
    last_at: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def summaries(db: Database, since: dt.datetime) -> list[Summary]:
    """Each integration's governed reads since `since` (every integration, even idle ones)."""
    with db.read() as session:
        integrations = session.execute(
            select(Integration.Name, Integration.SqlEnabled, Integration.SqlOffReason).order_by(
                Integration.Name
            )
        ).all()
        runs = session.execute(
            select(
                QueryRun.Integration,
                QueryRun.Millis,
                QueryRun.RowCount,
                QueryRun.Outcome,
                QueryRun.SqlText,
                QueryRun.StartedAt,
            )
            .where(QueryRun.StartedAt >= since)
            .order_by(QueryRun.QueryRunNum)
        ).all()
    by_name: dict[str, list[Any]] = {}
    for run in runs:
        by_name.setdefault(run.Integration, []).append(run)
    out = []
    for name, sql_on, reason in integrations:
        mine = by_name.get(name, [])
        millis = sorted(r.Millis for r in mine)
        outcomes = [r.Outcome for r in mine]
        last = mine[-1] if mine else None
        out.append(
            Summary(
                integration=name,
                sql_access="on" if sql_on else f"off: {reason}",
                queries=len(mine),
                rows=sum(r.RowCount for r in mine),
                total_seconds=round(sum(millis) / 1000, 3),
                p95_ms=millis[min(len(millis) - 1, int(len(millis) * 0.95))] if millis else 0,
                timeouts=outcomes.count("timeout"),
                over_budget=outcomes.count("over budget"),
                refused=outcomes.count("refused"),
                errors=outcomes.count("error"),
                last_query=last.SqlText if last else "",
                last_at=str(last.StartedAt)[:19] if last else "",
            )
        )
    return out
