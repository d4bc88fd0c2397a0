"""Running a checked query: on its own read-only engine, limited in time and rows.

Defence in depth, whatever slipped past the rules:
- its own engine and pool (`Database.query_engine`), so long reports never take the API's read
  connections; read-only sessions (MariaDB and PostgreSQL `READ ONLY`, SQLite `query_only`);
- a time limit per statement: MariaDB `SET STATEMENT max_statement_time=... FOR`, PostgreSQL
  `statement_timeout`, SQLite a thread that interrupts the statement (`watchdog`);
- a row cap: `PAGE` rows a call, and `Offset` at most `MAX_ROWS`.
A query stopped by a limit is the query's fault: `QueryLimit` (400) naming the limit.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

import orjson
from sqlalchemy import Engine, event
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool
from starlette.concurrency import run_in_threadpool

from enamel.db import Database
from enamel.db.engine import make_engine
from enamel.errors import InvalidInput, Unavailable
from enamel.queries import accounts, values
from enamel.queries.dialects.functions import add_mysql_functions
from enamel.queries.validate import check, output_kinds, text_outputs
from enamel.queries.watchdog import WATCHDOG

log = logging.getLogger("enamel.queries")

T = TypeVar("T")

PAGE = 1000
"""Rows a call answers at most (Open Dental: 100 for ShortQuery; Enamel's API pages by 1000)."""

MAX_ROWS = 100_000
"""The largest Offset: rows skipped are still read, so paging stops here."""

TIME_LIMIT = 10.0
"""Seconds a statement may run (ENAMEL_QUERY_TIME_LIMIT)."""

COST_BUDGET = 100_000_000.0
"""The largest estimate a query may have before it runs (ENAMEL_QUERY_COST_BUDGET)."""


class QueryLimit(InvalidInput):
    """400: the query was stopped by a limit; the message names it."""

    code = "query_limit"

    def __init__(self, message: str, outcome: str = "error") -> None:
        super().__init__(message, field="SqlCommand")
        self.outcome = outcome
        """How the query's run is counted: `timeout`, `over budget` or `error`."""


def short_query(
    db: Database,
    sql: str,
    *,
    offset: int = 0,
    time_limit: float = TIME_LIMIT,
    cost_budget: float = COST_BUDGET,
    integration: str = "",
    queued: float | None = None,
) -> values.Page:
    """The rows `offset` to `offset + PAGE` of the query, as orjson writes them (objects, or
    on SQLite mostly the JSON text SQLite wrote, `values.Page`); `integration`
    labels the running query for `enamel queries top`; `queued` is when (`time.monotonic()`)
    the read was queued for its turn (`in_turn`), if it was."""
    text = check(sql, db.dialect)
    if offset > MAX_ROWS:
        raise QueryLimit(f"Offset may be at most {MAX_ROWS} (the row limit of a query)")
    engine = _engine(db)
    raw = engine.raw_connection()
    try:
        with (
            _one_at_a_time(time_limit, queued) if db.dialect == "sqlite" else nullcontext(),
            _governed(raw, db.dialect, time_limit, integration) as statement,
        ):
            cursor = raw.cursor()
            try:
                _within_budget(cursor, db, text, cost_budget)
                if db.dialect == "sqlite":
                    written = _written_by_sqlite(cursor, text, output_kinds(sql, "sqlite"), offset)
                    if written is not None:
                        return written
                cursor.execute(statement(text))
                keys = values.names(cursor.description or ())
                forms = values.formats(
                    db.dialect, cursor.description or (), text_outputs(sql, db.dialect)
                )
                rows = _page(cursor, offset)
            finally:
                cursor.close()
    except engine.dialect.loaded_dbapi.Error as exc:
        raise _explain(exc, db.dialect, time_limit) from exc
    finally:
        raw.close()
    objects = values.objects(keys, rows, forms)
    return values.Page(len(objects), objects)


_LIMIT_AT_END = re.compile(r"\s+LIMIT\s+\d+(?:\s+OFFSET\s+\d+)?$", re.IGNORECASE)


def _written_by_sqlite(
    cursor: Any, text: str, kinds: tuple[str, ...] | None, offset: int
) -> values.Page | None:
    """On SQLite, the page as JSON that SQLite writes itself (`values.sqlite_json`), in one
    step of the statement: the server's event loop gets one string rather than a thousand
    Python objects made in another thread, and the thread reading holds the interpreter lock
    once rather than once a row. None when it cannot: the query's columns are not known from
    its text (a UNION), the names cannot be read without running it, a BLOB, an infinity or a
    zero date may be among the values; the caller then reads the rows as Python values (the
    same answer)."""
    if kinds is None:
        return None
    try:  # the names, from the prepared statement alone (LIMIT 0 runs nothing)
        cursor.execute(_LIMIT_AT_END.sub("", text) + " LIMIT 0")
    except sqlite3.Error:
        return None
    keys = tuple(values.names(cursor.description or ()))
    if len(keys) != len(kinds):
        return None
    try:
        cursor.execute(values.sqlite_json(text, keys, kinds), (PAGE, offset))
        count, objects = cursor.fetchone()
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):  # the time limit: the caller answers it
            raise
        return None  # "JSON cannot hold BLOB values", or SQL SQLite will not nest
    return values.sqlite_page(keys, kinds, count, objects)


_SQLITE_READS = threading.Lock()
"""On SQLite, governed reads run one at a time in a process, each while its statement runs and
its page is fetched. The driver hands the interpreter lock back and forth on every row it
steps: two reads fetching at once wait on each other for every row and take longer than one
after the other (a 1000-row read over HTTP with 4 clients: 70 instead of 45 a second). A read's
time limit starts once it has the lock. PostgreSQL and MariaDB fetch a page in one call, and
run their reads side by side."""

_SQLITE_TURNS = ThreadPoolExecutor(1, thread_name_prefix="enamel-sqlite-reads")
"""The server's governed reads of a SQLite database run in this one thread, in the order they
came (`in_turn`): the same reads spread over the server's thread pool, taking turns at the
database (`_SQLITE_READS`) but each in a thread of its own, cost a fifth more CPU time (the
threads' hand-overs of the interpreter lock, when a read was still fetched row by row). A
read's log write runs in the server's thread pool once the read is done
(`service.logged`), so that the next read runs meanwhile: with four clients, 10-15% more
reads a second."""


async def in_turn(db: Database, read: Callable[[float | None], T]) -> T:
    """Run `read` (a governed read, given when it was queued) off the event loop: on SQLite in
    `_SQLITE_TURNS`, elsewhere in the server's thread pool."""
    if db.dialect != "sqlite":
        return await run_in_threadpool(read, None)
    context = contextvars.copy_context()
    queued = time.monotonic()
    return await asyncio.wrap_future(_SQLITE_TURNS.submit(context.run, read, queued))


@contextmanager
def _one_at_a_time(seconds: float, queued: float | None) -> Iterator[None]:
    """`_SQLITE_READS`, waited for at most a read's time limit from when it was queued (or
    from now): 503 when the reads before this one keep it longer (a queue of runaway
    reports), rather than waiting without end."""
    if seconds <= 0:  # no time limit
        _SQLITE_READS.acquire()
    else:
        left = seconds - (0.0 if queued is None else time.monotonic() - queued)
        if left <= 0 or not _SQLITE_READS.acquire(timeout=left):
            raise Unavailable("other governed reads are running; try again in a moment")
    try:
        yield
    finally:
        _SQLITE_READS.release()


_PREPARED: WeakKeyDictionary[Database, URL | None] = WeakKeyDictionary()
"""The databases whose query engine is set up, with the replica it was set up for."""


def _engine(db: Database) -> Engine:
    """The query engine: as the reader account where `enamel db upgrade` made one (on the
    replica when one is configured); on SQLite with MySQL's date functions."""
    if db not in _PREPARED or _PREPARED[db] != db.replica_url:
        if db.dialect == "sqlite":
            if db not in _PREPARED:
                event.listen(db.query_engine, "connect", add_mysql_functions)
                event.listen(db.query_engine, "connect", values.add_sqlite_value)
                db.query_engine.dispose()  # a connection made before would lack them
        else:
            _use_reader(db)
            if not event.contains(db.query_engine, "connect", values.as_text):
                event.listen(db.query_engine, "connect", values.as_text)
                db.query_engine.dispose()
        _PREPARED[db] = db.replica_url
    return db.query_engine


def _use_reader(db: Database) -> None:
    """Connect as the reader account (on the replica when one is configured) when it exists
    and its password holds; otherwise as Enamel's own account, read-only, and say so in the
    log."""
    base = db.replica_url or db.url
    reader = accounts.reader_url(base)
    probe = make_engine(reader, writable=False, poolclass=NullPool)
    try:
        with probe.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except DBAPIError as exc:
        log.warning(
            "governed SQL reads run as Enamel's own account (read-only session): the reader "
            "account %s cannot connect (%s); `enamel db upgrade` creates it",
            reader.username,
            str(exc.orig).splitlines()[0] if exc.orig else exc,
        )
        reader = base
    finally:
        probe.dispose()
    db.use_query_url(reader)


ESTIMATE_SECONDS = 60.0
"""How long a query's estimate is reused before the planner is asked again: a report that
pages on with `Offset`, or a dashboard that reruns its query, costs one EXPLAIN a minute."""

_ESTIMATES: dict[tuple[str, str], tuple[float, float, str]] = {}
"""(database, query text) -> (when estimated, estimate, units); the oldest half is dropped when
it holds `_ESTIMATES_KEPT` entries."""

_ESTIMATES_KEPT = 512


def _within_budget(cursor: Any, db: Database, sql: str, budget: float) -> None:
    """Refuse, before it runs, a query the planner expects to be too heavy: PostgreSQL's total
    cost, MariaDB's rows examined (the product of EXPLAIN's row estimates per join, summed over
    the query's selects). SQLite has no estimate: its time limit alone guards it."""
    if budget <= 0 or db.dialect == "sqlite":
        return
    key = (str(db.replica_url or db.url), sql)
    now = time.monotonic()
    known = _ESTIMATES.get(key)
    if known is None or now - known[0] > ESTIMATE_SECONDS:
        known = (now, *_estimate(cursor, db.dialect, sql))
        if len(_ESTIMATES) >= _ESTIMATES_KEPT:
            for old in list(_ESTIMATES)[: _ESTIMATES_KEPT // 2]:
                del _ESTIMATES[old]
        _ESTIMATES[key] = known
    _, estimate, units = known
    if estimate > budget:
        raise QueryLimit(
            f"the query's estimated cost {estimate:,.0f} ({units}) is over the budget of "
            f"{budget:,.0f} (ENAMEL_QUERY_COST_BUDGET)",
            "over budget",
        )


def _estimate(cursor: Any, dialect: str, sql: str) -> tuple[float, str]:
    """The planner's estimate of the query's cost, and its units."""
    if dialect == "postgresql":
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = orjson.loads(plan)
        estimate = float(plan[0]["Plan"]["Total Cost"])
        units = "PostgreSQL planner cost units"
    else:
        cursor.execute("EXPLAIN " + sql)
        names = [d[0].lower() for d in cursor.description]
        by_select: dict[Any, float] = {}
        for row in cursor.fetchall():
            plan = dict(zip(names, row, strict=True))
            # "rows" is a number, or for some plans "1 (1%)": the estimate is its first number.
            found = re.match(r"\s*(\d+(?:\.\d+)?)", str(plan.get("rows") or ""))
            rows = float(found.group(1)) if found else 1.0
            by_select[plan.get("id")] = by_select.get(plan.get("id"), 1.0) * max(rows, 1.0)
        estimate = sum(by_select.values())
        units = "rows examined, MariaDB's estimate"
    return estimate, units


def _page(cursor: Any, offset: int) -> list[Any]:
    skipped = 0
    while skipped < offset:
        batch = cursor.fetchmany(min(PAGE, offset - skipped))
        if not batch:
            return []
        skipped += len(batch)
    rows = cursor.fetchmany(PAGE)
    return list(rows)


LABEL = "enamel:"
"""How a running governed read shows in the server's process list: MariaDB a leading comment
`/* enamel:<integration> */`, PostgreSQL the `application_name` `enamel:<integration>`."""

_SETTINGS = "enamel.query.settings"
"""A query connection's `info` key: the time limit and label its session has."""


@contextmanager
def _governed(raw: Any, dialect: str, seconds: float, integration: str) -> Iterator[Any]:
    """The statement as it runs: with the engine's time limit for the block, and labelled with
    the integration for `enamel queries top`."""
    name = re.sub(r"[^A-Za-z0-9 _.-]", "_", integration)[:50]
    if dialect == "mysql":
        label = f"/* {LABEL}{name} */ "
        yield lambda sql: f"{label}SET STATEMENT max_statement_time={seconds:.3f} FOR {sql}"
        return
    if dialect == "postgresql":
        # The query engine's connections serve governed reads only, so their time limit and
        # label stay set between reads (an idle connection is not listed by `top`, which
        # shows active ones): one round trip when they change, none when they do not.
        settings = (int(seconds * 1000), f"{LABEL}{name}")
        if raw.info.get(_SETTINGS) != settings:
            cursor = raw.cursor()
            try:  # psycopg runs several statements in one round trip when given no parameters
                cursor.execute(
                    f"SET statement_timeout = {settings[0]}; SET application_name = "
                    f"'{settings[1]}'; SET DateStyle = 'ISO'"  # the dates' text `values` reads
                )
            finally:
                cursor.close()
            raw.info[_SETTINGS] = settings
        yield lambda sql: sql
        return
    if seconds <= 0:  # no time limit
        yield lambda sql: sql
        return
    with WATCHDOG.limit(raw.driver_connection, seconds):
        yield lambda sql: sql


def _explain(exc: BaseException, dialect: str, seconds: float) -> Exception:
    """The error to answer: a limit or a query error (400), or the database unreachable (503)."""
    text = str(exc)
    code = exc.args[0] if dialect == "mysql" and exc.args else None
    if (dialect == "mysql" and code == 1317) or "due to user request" in text:
        return QueryLimit("the query was stopped by the office (enamel queries kill)", "killed")
    if (
        (dialect == "mysql" and code == 1969)
        or (dialect == "postgresql" and type(exc).__name__ == "QueryCanceled")
        or (dialect == "sqlite" and "interrupted" in text)
    ):
        return QueryLimit(f"the query ran longer than the time limit of {seconds:g} s", "timeout")
    if (dialect == "mysql" and code in (2003, 2006, 2013)) or (
        type(exc).__name__ in ("OperationalError",) and dialect == "postgresql"
    ):
        return Unavailable("the database cannot be reached; try again")
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    return InvalidInput(f"the database refused the query: {first}", field="SqlCommand")
