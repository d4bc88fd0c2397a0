"""What the office's integrations page shows: each integration's state and recent activity,
its governed SQL reads, and a day of requests and query time in hourly buckets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select

from enamel.db import Database, clock
from enamel.models import Integration, IntegrationActivity, QueryRun
from enamel.queries import stats
from enamel.security.activity import summaries
from enamel.security.integrations import api_state

RECENT = dt.timedelta(minutes=5)
"""Requests and errors per minute are averaged over this window."""
HOURS = 24


@dataclass
class Day:
    """Requests and query milliseconds per hour, oldest hour first."""

    requests: list[int] = field(default_factory=lambda: [0] * HOURS)
    query_ms: list[int] = field(default_factory=lambda: [0] * HOURS)


@dataclass(frozen=True)
class Row:
    num: int
    name: str
    enabled: bool
    off_reason: str
    scopes: list[str]
    rate_limit: int
    last_seen: dt.datetime | None
    requests_per_minute: float
    errors_per_minute: float
    sql: stats.Summary | None
    day: Day


@dataclass(frozen=True)
class Overview:
    api_on: bool
    api_reason: str
    rows: list[Row]
    first_hour: dt.datetime


def overview(db: Database) -> Overview:
    now = clock.now()
    first_hour = now.replace(minute=0, second=0, microsecond=0) - dt.timedelta(hours=HOURS - 1)
    sql = {s.integration: s for s in stats.summaries(db, now - dt.timedelta(hours=HOURS))}
    with db.read() as session:
        api = api_state(session)
        integrations = list(session.scalars(select(Integration).order_by(Integration.Name)))
        recent = summaries(session, now - RECENT)
        days: dict[int, Day] = {}
        for num, minute, requests in session.execute(
            select(
                IntegrationActivity.IntegrationNum,
                IntegrationActivity.Minute,
                IntegrationActivity.Requests,
            ).where(IntegrationActivity.Minute >= first_hour)
        ):
            _bucket(days.setdefault(num, Day()).requests, first_hour, minute, requests)
        by_name = {row.Name: row.IntegrationNum for row in integrations}
        for name, started, millis in session.execute(
            select(QueryRun.Integration, QueryRun.StartedAt, QueryRun.Millis).where(
                QueryRun.StartedAt >= first_hour
            )
        ):
            if name in by_name:
                day = days.setdefault(by_name[name], Day())
                _bucket(day.query_ms, first_hour, started, millis)
    minutes = RECENT.total_seconds() / 60
    rows = []
    for row in integrations:
        act = recent.get(row.IntegrationNum)
        rows.append(
            Row(
                num=row.IntegrationNum,
                name=row.Name,
                enabled=row.IsEnabled,
                off_reason=row.OffReason,
                scopes=row.Scopes.split(),
                rate_limit=row.RateLimit,
                last_seen=act.last_seen if act else None,
                requests_per_minute=round(act.requests / minutes, 1) if act else 0.0,
                errors_per_minute=round(act.errors / minutes, 1) if act else 0.0,
                sql=sql.get(row.Name),
                day=days.get(row.IntegrationNum, Day()),
            )
        )
    return Overview(api.IsEnabled, api.OffReason, rows, first_hour)


def _bucket(buckets: list[int], first: dt.datetime, when: dt.datetime, amount: int) -> None:
    index = int((when - first).total_seconds() // 3600)
    if 0 <= index < len(buckets):
        buckets[index] += int(amount)
