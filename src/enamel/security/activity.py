"""What each integration did: requests, errors, latency and last seen, per minute.

Requests are counted in memory and written in batches (every `FLUSH_EVERY` seconds, and when
the server stops), so the hot path never writes to the database. Each process writes only its
own rows (`Process` = host and pid), so processes never wait on each other.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from enamel.db import Database, ReadSession, clock
from enamel.models import IntegrationActivity

log = logging.getLogger(__name__)

FLUSH_EVERY = 2.0


@dataclass
class _Counts:
    requests: int = 0
    errors: int = 0
    latency_ms_total: int = 0
    latency_ms_max: int = 0
    last_seen: dt.datetime = clock.MIN_DATETIME


class Activity:
    """Per-process counters for one database, flushed by a background thread."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._process = f"{socket.gethostname()}:{os.getpid()}"[:100]
        self._pending: dict[tuple[int, dt.datetime], _Counts] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def count(self, integration: int, latency_ms: int, error: bool) -> None:
        now = clock.now()
        minute = now.replace(second=0)
        with self._lock:
            c = self._pending.setdefault((integration, minute), _Counts())
            c.requests += 1
            c.errors += error
            c.latency_ms_total += latency_ms
            c.latency_ms_max = max(c.latency_ms_max, latency_ms)
            c.last_seen = now

    def flush(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, {}
        if not pending:
            return
        try:
            self._write(pending)
        except SQLAlchemyError as exc:
            log.warning("could not record integration activity (kept for later): %s", exc)
            with self._lock:
                for key, c in pending.items():
                    self._merge(key, c)

    def _merge(self, key: tuple[int, dt.datetime], c: _Counts) -> None:
        into = self._pending.setdefault(key, _Counts())
        into.requests += c.requests
        into.errors += c.errors
        into.latency_ms_total += c.latency_ms_total
        into.latency_ms_max = max(into.latency_ms_max, c.latency_ms_max)
        into.last_seen = max(into.last_seen, c.last_seen)

    def _write(self, pending: dict[tuple[int, dt.datetime], _Counts]) -> None:
        t = IntegrationActivity
        with self._database.unaudited() as conn:  # counters: no seal, no log entry
            for (num, minute), c in pending.items():
                done = conn.execute(
                    update(t)
                    .where(t.IntegrationNum == num, t.Minute == minute, t.Process == self._process)
                    .values(
                        Requests=t.Requests + c.requests,
                        Errors=t.Errors + c.errors,
                        LatencyMsTotal=t.LatencyMsTotal + c.latency_ms_total,
                        LatencyMsMax=func.greatest(t.LatencyMsMax, c.latency_ms_max)
                        if self._database.dialect != "sqlite"
                        else func.max(t.LatencyMsMax, c.latency_ms_max),
                        LastSeen=c.last_seen,
                    )
                )
                if cast(CursorResult[Any], done).rowcount == 0:
                    conn.execute(
                        insert(t).values(
                            IntegrationNum=num,
                            Minute=minute,
                            Process=self._process,
                            Requests=c.requests,
                            Errors=c.errors,
                            LatencyMsTotal=c.latency_ms_total,
                            LatencyMsMax=c.latency_ms_max,
                            LastSeen=c.last_seen,
                        )
                    )

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="enamel-activity", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(FLUSH_EVERY):
            self.flush()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self.flush()


@dataclass(frozen=True)
class Summary:
    requests: int
    errors: int
    average_ms: float
    max_ms: int
    last_seen: dt.datetime | None


def summaries(db: ReadSession, since: dt.datetime) -> dict[int, Summary]:
    """Activity per integration since `since`, and when each was last seen at all."""
    t = IntegrationActivity
    recent = db.execute(
        select(
            t.IntegrationNum,
            func.sum(t.Requests),
            func.sum(t.Errors),
            func.sum(t.LatencyMsTotal),
            func.max(t.LatencyMsMax),
        )
        .where(t.Minute >= since.replace(second=0))
        .group_by(t.IntegrationNum)
    ).all()
    seen: dict[int, dt.datetime] = {
        num: last
        for num, last in db.execute(
            select(t.IntegrationNum, func.max(t.LastSeen)).group_by(t.IntegrationNum)
        )
    }
    out = {num: Summary(0, 0, 0.0, 0, last) for num, last in seen.items()}
    for num, requests, errors, total, worst in recent:
        n = int(requests or 0)
        out[num] = Summary(
            n, int(errors or 0), (int(total or 0) / n) if n else 0.0, int(worst or 0), seen.get(num)
        )
    return out
