"""Running a checked query: on its own read-only engine, limited in time and rows.

Defence in depth, whatever slipped past the rules:
- its own engine and pool (`Database.query_engine`), so long reports never take the API's read
  connections; read-only sessions (MariaDB and PostgreSQL `READ ONLY`, SQLite `query_only`);
- a time limit per statement: MariaDB `SET STATEMENT max_statement_time=... FOR`, PostgreSQL
  `statement_timeout`, SQLite a progress handler that interrupts the statement;
- a row cap: `PAGE` rows a call, and `Offset` at most `MAX_ROWS`.
A query stopped by a limit is the query's fault: `QueryLimit` (400) naming the limit.
"""

from __future__ import annotations

import asyncio
import calendar
import contextvars
import datetime as dt
import functools
import logging
import re
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from decimal import Decimal
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
from enamel.queries import accounts, validate, values
from enamel.queries.validate import check

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
) -> list[dict[str, Any]]:
    """The rows `offset` to `offset + PAGE` of the query, as JSON-ready objects; `integration`
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
                cursor.execute(statement(text))
                keys = values.names(cursor.description or ())
                forms = values.formats(db.dialect, cursor.description or ())
                rows = _page(cursor, offset)
            finally:
                cursor.close()
    except engine.dialect.loaded_dbapi.Error as exc:
        raise _explain(exc, db.dialect, time_limit) from exc
    finally:
        raw.close()
    return values.objects(keys, rows, forms)


_SQLITE_READS = threading.Lock()
"""On SQLite, governed reads run one at a time in a process, each while its statement runs and
its page is fetched. The driver hands the interpreter lock back and forth on every row it
steps: two reads fetching at once wait on each other for every row and take longer than one
after the other (a 1000-row read over HTTP with 4 clients: 70 instead of 45 a second). A read's
time limit starts once it has the lock. PostgreSQL and MariaDB fetch a page in one call, and
run their reads side by side."""

_SQLITE_TURNS = ThreadPoolExecutor(1, thread_name_prefix="enamel-sqlite-reads")
"""The server's governed reads of a SQLite database, log writes included, run in this one
thread, in the order they came (`in_turn`): the same reads spread over the server's thread
pool, fetching in turn but converting and logging side by side, cost a fifth more CPU time
(the threads' hand-overs of the interpreter lock)."""


async def in_turn(db: Database, read: Callable[[float | None], T]) -> T:
    """Run `read` (a governed read and its log write, given when it was queued) off the event
    loop: on SQLite in `_SQLITE_TURNS`, elsewhere in the server's thread pool."""
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
                event.listen(db.query_engine, "connect", _mysql_functions)
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


def _mysql_functions(dbapi_connection: Any, _record: Any) -> None:
    """MySQL's date functions that sqlglot leaves as they are for SQLite, with MySQL's meaning
    (NULL in, NULL out; Sunday is day 1; the server's local time)."""
    add = dbapi_connection.create_function
    add("YEAR", 1, lambda v: _part(v, "year"), deterministic=True)
    add("MONTH", 1, lambda v: _part(v, "month"), deterministic=True)
    add("DAY", 1, lambda v: _part(v, "day"), deterministic=True)
    add("DAY_OF_WEEK", 1, lambda v: _weekday(v), deterministic=True)
    add("NOW", 0, lambda: dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S"))
    add("CURDATE", 0, lambda: dt.date.today().isoformat())
    add("DAYNAME", 1, _dayname, deterministic=True)
    add("FORMAT", 2, _format, deterministic=True)
    add("DATE_ADD_MYSQL", 3, _date_add, deterministic=True)
    add("DATE_FORMAT_PY", 2, _date_format, deterministic=True)
    add("TIMESTAMPDIFF_MYSQL", 3, _timestamp_diff, deterministic=True)
    add("REGEXP", 2, _regexp, deterministic=True)
    # Date parts and string functions MySQL has and SQLite lacks, under the names sqlglot
    # writes for SQLite (LEFT and RIGHT are keywords there: `validate` calls LEFT_MYSQL...).
    for name, part in _PARTS.items():
        add(name, 1, lambda v, part=part: _date_part(v, part), deterministic=True)
    add("LAST_DAY", 1, _last_day, deterministic=True)
    add("MAKEDATE", 2, _makedate, deterministic=True)
    add("WEEK", 1, _week, deterministic=True)
    add("WEEK", 2, _week, deterministic=True)
    add("MID", 3, _substring, deterministic=True)
    add("LEFT_MYSQL", 2, _left, deterministic=True)
    add("RIGHT_MYSQL", 2, _right, deterministic=True)
    add("LPAD", 3, lambda v, n, fill: _pad(v, n, fill, left=True), deterministic=True)
    add("RPAD", 3, lambda v, n, fill: _pad(v, n, fill, left=False), deterministic=True)
    add("CONCAT_WS", -1, _concat_ws, deterministic=True)
    add("SUBSTRING_INDEX", 3, _substring_index, deterministic=True)
    add("FIND_IN_SET", 2, _find_in_set, deterministic=True)
    add("SEC_TO_TIME", 1, _sec_to_time, deterministic=True)
    add("TIME_FORMAT_PY", 2, _time_format, deterministic=True)
    add("STR_TO_DATE_PY", 2, _str_to_date, deterministic=True)
    add(
        "REPEAT",
        2,
        lambda v, n: None if v is None or n is None else str(_text(v)) * max(int(n), 0),
        deterministic=True,
    )
    dbapi_connection.create_aggregate("GROUP_CONCAT_MYSQL", -1, _GroupConcat)


class _GroupConcat:
    """MySQL's GROUP_CONCAT (`validate` calls it with the value, the separator, 1 for DISTINCT,
    then each ORDER BY key and 1 when it sorts descending): SQLite's own takes no ORDER BY
    before 3.44, nor a separator with DISTINCT. NULL values are left out; none left is NULL."""

    def __init__(self) -> None:
        self.rows: list[tuple[Any, list[Any]]] = []
        self.separator = ","
        self.distinct = False
        self.order: list[bool] = []

    def step(self, value: Any, separator: Any, distinct: Any, *keys: Any) -> None:
        self.separator, self.distinct = str(separator), bool(distinct)
        self.order = [bool(d) for d in keys[1::2]]
        if value is not None:
            self.rows.append((value, list(keys[0::2])))

    def finalize(self) -> str | None:
        rows = self.rows
        for i in reversed(range(len(self.order))):  # stable sorts, last key first
            rows.sort(key=functools.partial(_key_of, i), reverse=self.order[i])
        texts = [str(_text(value)) for value, _keys in rows]
        if self.distinct:
            texts = list(dict.fromkeys(texts))
        return self.separator.join(texts) if texts else None


def _key_of(i: int, row: tuple[Any, list[Any]]) -> tuple[int, Any]:
    return _sort_key(row[1][i])


def _sort_key(value: Any) -> tuple[int, Any]:
    """NULL first, then numbers, then text (as MySQL orders a column of one type)."""
    if value is None:
        return (0, 0)
    if isinstance(value, int | float):
        return (1, value)
    return (2, str(value).lower())


_PARTS: dict[str, Callable[[dt.datetime], int]] = {
    "WEEKDAY": lambda m: m.weekday(),  # Monday 0
    "DAY_OF_YEAR": lambda m: m.timetuple().tm_yday,
    "DAY_OF_MONTH": lambda m: m.day,
    "QUARTER": lambda m: (m.month - 1) // 3 + 1,
    "HOUR": lambda m: m.hour,
    "MINUTE": lambda m: m.minute,
    "SECOND": lambda m: m.second,
}


def _date_part(value: Any, part: Callable[[dt.datetime], int]) -> int | None:
    moment = _moment(value)
    if moment is None and value is not None:  # a time of day (HOUR('10:30:00'))
        try:
            moment = dt.datetime.combine(dt.date.min, dt.time.fromisoformat(str(value)[:15]))
        except ValueError:
            return None
    return None if moment is None else part(moment)


def _last_day(value: Any) -> str | None:
    moment = _moment(value)
    if moment is None:
        return None
    last = calendar.monthrange(moment.year, moment.month)[1]
    return dt.date(moment.year, moment.month, last).isoformat()


def _makedate(year: Any, day: Any) -> str | None:
    if year is None or day is None or int(day) <= 0:
        return None
    try:
        return (dt.date(int(year), 1, 1) + dt.timedelta(days=int(day) - 1)).isoformat()
    except (ValueError, OverflowError):
        return None


def _week(value: Any, mode: Any = 0) -> int | None:
    """MySQL's WEEK in its modes 0 (the default: weeks start on Sunday, the days before the
    year's first Sunday are week 0) and 3 (ISO 8601); `validate` refuses the others."""
    moment = _moment(value)
    if moment is None:
        return None
    if int(mode or 0) == 3:
        return moment.isocalendar()[1]
    sunday_based = (moment.weekday() + 1) % 7  # Sunday 0
    return (moment.timetuple().tm_yday - sunday_based + 6) // 7


_STORED_DATE_TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}")


def _text(value: Any) -> str | None:
    """A value as MySQL's string functions see it; a date-time as SQLAlchemy stores it in
    SQLite, without the fraction of a second MySQL's DATETIME does not have."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    if len(text) == 26 and _STORED_DATE_TIME.fullmatch(text):
        return text[:19]
    return text


def _substring(value: Any, start: Any, length: Any = None) -> str | None:
    """MySQL's SUBSTRING: from 1, or from the end when negative; 0 gives ''."""
    text = _text(value)
    if text is None or start is None:
        return None
    begin = int(start)
    if begin == 0 or -begin > len(text):
        return ""
    part = text[begin - 1 :] if begin > 0 else text[begin:]
    if length is None:
        return part
    return part[: max(int(length), 0)]


def _left(value: Any, count: Any) -> str | None:
    text = _text(value)
    return None if text is None or count is None else text[: max(int(count), 0)]


def _right(value: Any, count: Any) -> str | None:
    text = _text(value)
    if text is None or count is None:
        return None
    return text[-int(count) :] if int(count) > 0 else ""


def _pad(value: Any, size: Any, fill: Any, *, left: bool) -> str | None:
    """LPAD/RPAD: cut to `size`, or filled with `fill` to it (NULL when there is no fill)."""
    text, filler = _text(value), _text(fill)
    if text is None or size is None or filler is None or int(size) < 0:
        return None
    width = int(size)
    if len(text) >= width:
        return text[:width]
    if not filler:
        return None
    padding = (filler * width)[: width - len(text)]
    return padding + text if left else text + padding


def _concat_ws(separator: Any, *values: Any) -> str | None:
    """CONCAT_WS: the values that are not NULL, joined by the separator."""
    if separator is None:
        return None
    return str(_text(separator)).join(t for t in map(_text, values) if t is not None)


def _sec_to_time(value: Any) -> str | None:
    """Seconds as a time of day's text, hours past 24 allowed: 3600 -> 01:00:00."""
    if value is None:
        return None
    seconds = int(float(value))
    sign, seconds = ("-" if seconds < 0 else ""), abs(seconds)
    return f"{sign}{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _time_format(value: Any, pattern: Any) -> str | None:
    """TIME_FORMAT, with the format `validate` wrote for Python's strftime."""
    if value is None or pattern is None:
        return None
    text = _text(value) or ""
    try:
        clock = dt.time.fromisoformat(text[-8:] if len(text) > 8 else text)
    except ValueError:
        return None
    return dt.datetime.combine(dt.date(2000, 1, 1), clock).strftime(str(pattern))


def _str_to_date(value: Any, pattern: Any) -> str | None:
    """STR_TO_DATE, with the format sqlglot wrote for Python: a date, or a date-time when the
    format reads a time; NULL when the text does not match."""
    if value is None or pattern is None:
        return None
    form = str(pattern).replace("%-", "%")
    try:
        moment = dt.datetime.strptime(str(value).strip(), form)
    except ValueError:
        return None
    if any(token in form for token in ("%H", "%I", "%M", "%S", "%p", "%f")):
        return moment.strftime("%Y-%m-%d %H:%M:%S")
    return moment.date().isoformat()


def _find_in_set(value: Any, listed: Any) -> int | None:
    """The position (from 1) of the value in the comma-separated list; 0 when absent."""
    text, items = _text(value), _text(listed)
    if text is None or items is None:
        return None
    parts = items.split(",") if items else []
    return parts.index(text) + 1 if text in parts else 0


def _substring_index(value: Any, delimiter: Any, count: Any) -> str | None:
    """The text before the `count`th delimiter (from the end when negative)."""
    text, mark = _text(value), _text(delimiter)
    if text is None or mark is None or count is None:
        return None
    n = int(count)
    if n == 0 or not mark:
        return ""
    parts = text.split(mark)
    return mark.join(parts[:n] if n > 0 else parts[n:])


def _regexp(pattern: Any, value: Any) -> int | None:
    """`value REGEXP pattern`: found anywhere in the value, ignoring case (MySQL's default
    collation), as 1 or 0."""
    if pattern is None or value is None:
        return None
    try:
        return int(_pattern(str(pattern)).search(str(value)) is not None)
    except re.error as exc:
        raise ValueError(f"REGEXP: {exc}") from None


@functools.lru_cache(maxsize=64)
def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text, re.IGNORECASE)


def _moment(value: Any) -> dt.datetime | None:
    """A date or date-time as SQLite holds it (ISO text), or None."""
    if value is None:
        return None
    try:
        return dt.datetime.fromisoformat(str(value).strip()[:26])
    except ValueError:
        return None


def _timestamp_diff(unit: str, start: Any, end: Any) -> int | None:
    """MySQL's TIMESTAMPDIFF(unit, start, end): whole units, truncated toward zero; a month is
    whole when the later moment's day and time of day reach the earlier one's."""
    first, last = _moment(start), _moment(end)
    if first is None or last is None:
        return None
    if unit in validate.MONTHS_IN:
        sign = 1 if last >= first else -1
        early, late = (first, last) if sign > 0 else (last, first)
        months = (late.year - early.year) * 12 + late.month - early.month
        if (late.day, late.time()) < (early.day, early.time()):
            months -= 1
        return sign * (months // validate.MONTHS_IN[unit])
    if unit == "MICROSECOND":
        return (last - first) // dt.timedelta(microseconds=1)
    return int((last - first).total_seconds() / validate.SECONDS_IN[unit])


def _date_format(value: Any, pattern: Any) -> str | None:
    """DATE_FORMAT, with the format sqlglot wrote for Python's strftime."""
    if value is None or pattern is None:
        return None
    text = str(value)
    try:
        moment = dt.datetime.fromisoformat(text[:19] if len(text) > 10 else text[:10])
    except ValueError:
        return None
    # MySQL's %D is the day with its English suffix (5th); Python's is the date.
    pattern = str(pattern).replace("%D", _ordinal(moment.day).replace("%", "%%"))
    return moment.strftime(pattern)


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _dayname(value: Any) -> str | None:
    day = _date(value)
    return None if day is None else day.strftime("%A")


def _format(value: Any, decimals: Any) -> str | None:
    if value is None or decimals is None:
        return None
    return f"{Decimal(str(value)):,.{max(int(decimals), 0)}f}"


_STEPS = {
    "SECOND": dt.timedelta(seconds=1),
    "MINUTE": dt.timedelta(minutes=1),
    "HOUR": dt.timedelta(hours=1),
    "DAY": dt.timedelta(days=1),
    "WEEK": dt.timedelta(weeks=1),
}


def _date_add(value: Any, amount: Any, unit: str) -> str | None:
    """MySQL's `value + INTERVAL amount unit`, on SQLite's date text."""
    if value is None or amount is None:
        return None
    text = str(value)
    try:
        moment = dt.datetime.fromisoformat(text[:19]) if len(text) > 10 else None
        day = dt.date.fromisoformat(text[:10])
    except ValueError:
        return None
    unit = unit.upper()
    if unit in ("MONTH", "QUARTER", "YEAR"):
        months = int(amount) * {"MONTH": 1, "QUARTER": 3, "YEAR": 12}[unit]
        total = day.year * 12 + day.month - 1 + months
        year, month = divmod(total, 12)
        last = calendar.monthrange(year, month + 1)[1]
        day = dt.date(year, month + 1, min(day.day, last))
        if moment is None:
            return day.isoformat()
        return dt.datetime.combine(day, moment.time()).strftime("%Y-%m-%d %H:%M:%S")
    step = _STEPS.get(unit)
    if step is None:
        return None
    if moment is None and unit in ("DAY", "WEEK"):
        return (day + step * int(amount)).isoformat()
    start = moment or dt.datetime.combine(day, dt.time())
    return (start + step * int(amount)).strftime("%Y-%m-%d %H:%M:%S")


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _part(value: Any, name: str) -> int | None:
    day = _date(value)
    return None if day is None else int(getattr(day, name))


def _weekday(value: Any) -> int | None:
    day = _date(value)
    return None if day is None else day.isoweekday() % 7 + 1


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
    deadline = time.monotonic() + seconds
    driver = raw.driver_connection
    driver.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
    try:
        yield lambda sql: sql
    finally:
        driver.set_progress_handler(None, 0)


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
