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

import base64
import calendar
import datetime as dt
import logging
import operator
import re
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from decimal import Decimal
from itertools import repeat
from typing import Any
from weakref import WeakKeyDictionary

import orjson
from psycopg.types.string import TextLoader
from pymysql.converters import through as pymysql_through
from sqlalchemy import Engine, event
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from enamel.db import Database
from enamel.db.engine import make_engine
from enamel.errors import InvalidInput, Unavailable
from enamel.queries import accounts
from enamel.queries.validate import check

log = logging.getLogger("enamel.queries")

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
) -> list[dict[str, Any]]:
    """The rows `offset` to `offset + PAGE` of the query, as JSON-ready objects; `integration`
    labels the running query for `enamel queries top`."""
    text = check(sql, db.dialect)
    if offset > MAX_ROWS:
        raise QueryLimit(f"Offset may be at most {MAX_ROWS} (the row limit of a query)")
    engine = _engine(db)
    raw = engine.raw_connection()
    try:
        with (
            _one_at_a_time(time_limit) if db.dialect == "sqlite" else nullcontext(),
            _governed(raw, db.dialect, time_limit, integration) as statement,
        ):
            cursor = raw.cursor()
            try:
                _within_budget(cursor, db, text, cost_budget)
                cursor.execute(statement(text))
                names = _names(cursor.description or ())
                formats = _formats(db.dialect, cursor.description or ())
                rows = _page(cursor, offset)
            finally:
                cursor.close()
    except engine.dialect.loaded_dbapi.Error as exc:
        raise _explain(exc, db.dialect, time_limit) from exc
    finally:
        raw.close()
    return _objects(names, rows, formats)


_SQLITE_READS = threading.Lock()
"""On SQLite, governed reads run one at a time in a process, each while its statement runs and
its page is fetched (the rows' conversion and the log write run side by side). The driver
hands the interpreter lock back and forth on every row it steps: two reads fetching at once
wait on each other for every row and take longer than one after the other (a 1000-row read
over HTTP with 4 clients: 70 instead of 45 a second). A read's time limit starts once it has
the lock. PostgreSQL and MariaDB fetch a page in one call, and run their reads side by side."""


@contextmanager
def _one_at_a_time(seconds: float) -> Iterator[None]:
    """`_SQLITE_READS`, waited for at most a read's time limit: 503 when the reads before
    this one keep it longer (a queue of runaway reports), rather than waiting without end."""
    if not _SQLITE_READS.acquire(timeout=seconds if seconds > 0 else -1):
        raise Unavailable("other governed reads are running; try again in a moment")
    try:
        yield
    finally:
        _SQLITE_READS.release()


_PLAIN: frozenset[type] = frozenset((int, float, bool, type(None)))
"""Value types JSON takes as they are."""
_TEXT: frozenset[type] = frozenset((str, type(None)))

# How a column's values are written, from the driver's type code in the cursor's description.
# On all three engines, dates, times and decimals reach Python as the database's own text
# (SQLite keeps them as text; the query engines of PostgreSQL and MariaDB are told to hand them
# over as text, see `_text_values`): Open Dental's formats are a few string operations away,
# with no date or Decimal object made, and formatted again, for each value.
_AS_IS = "as is"
"""Numbers and text: JSON takes them as the driver gives them."""
_DATES, _DATETIMES, _TIMES, _NUMBERS = "date", "datetime", "time", "number"
"""The database's text of a date, date-time, time of day or decimal (or NULL)."""
_GUESS = "guess"
"""SQLite: no type is known; text shaped like a date goes out as a date."""
_FORMATS: dict[str, dict[Any, str]] = {
    # psycopg's type OIDs: date, timestamp, time, numeric; bool, int2/4/8, float4/8, text,
    # varchar, char, name. Other types (bytea, interval, uuid, arrays...) are looked at.
    "postgresql": {
        **{1082: _DATES, 1114: _DATETIMES, 1083: _TIMES, 1700: _NUMBERS},
        **dict.fromkeys((16, 20, 21, 23, 700, 701, 25, 1043, 1042, 19), _AS_IS),
    },
    # PyMySQL's field types: DECIMAL, TIMESTAMP, DATE, TIME, DATETIME, NEWDATE, NEWDECIMAL;
    # the integer and floating types. Strings may be bytes (binary collations): looked at.
    "mysql": {
        **{0: _NUMBERS, 7: _DATETIMES, 10: _DATES, 11: _TIMES, 12: _DATETIMES, 14: _DATES},
        **{246: _NUMBERS},
        **dict.fromkeys((1, 2, 3, 4, 5, 8, 9, 13), _AS_IS),
    },
}


def _formats(dialect: str, description: Any) -> list[str | None]:
    """Each column's format (None: not known, its values are looked at)."""
    if dialect == "sqlite":
        return [_GUESS] * len(description)
    known = _FORMATS[dialect]
    return [known.get(column[1]) for column in description]


def _objects(names: list[str], rows: list[Any], formats: list[str | None]) -> list[dict[str, Any]]:
    """The rows as objects, each column converted only when it holds something JSON does not
    take as it is. The work runs column by column at C speed: the rows are turned into
    columns (`zip`), a column of unknown type is looked at with one `set(map(type, ...))`, a
    column of one shape is converted by `map` over str methods, and the objects are built by
    `map(dict, ...)`; value by value only for a column of mixed shapes."""
    if not rows:
        return []
    columns: list[Any] = list(zip(*rows, strict=True))
    for i, form in enumerate(formats):
        if form == _AS_IS:
            continue
        column = columns[i]
        if form in _TEXT_FORMATS:  # PostgreSQL or MariaDB: the database's text, or NULL
            converted = _TEXT_FORMATS[form](column)
        else:
            kinds = set(map(type, column))
            if kinds <= _PLAIN:
                continue
            if kinds <= _TEXT:
                converted = _guessed(column) if form == _GUESS else None
            else:  # bytes, intervals, UUIDs...; on SQLite, text beside numbers
                converted = list(map(_guessed_value if form == _GUESS else _value, column))
        if converted is not None:
            columns[i] = converted
    return list(map(dict, map(zip, repeat(names), zip(*columns, strict=True))))


_TIME_TEXT = re.compile(r"(-?\d{2,3}:\d{2}:\d{2})(?:\.\d+)?")
_NOT_FINITE = re.compile(r"[A-Za-z]")
_TO_SECONDS = slice(0, 19)
_TO_SECOND_OF_DAY = slice(0, 8)

# A column's shape is checked on its values joined, as bytes with every ASCII digit made a 0
# (`bytes.translate`, ten times faster than a regular expression over the same text): a date
# column of a thousand values is one comparison with `0000-00-00` repeated a thousand times.
_DIGITS_AS_ZERO = bytes.maketrans(b"0123456789", b"0000000000")
_DATE = b"0000-00-00"
_DATE_TIME = b"0000-00-00 00:00:00"
_STORED_DATE_TIME = b"0000-00-00 00:00:00.000000"  # SQLAlchemy's DateTime on SQLite
_STORED_TIME = b"00:00:00.000000"  # SQLAlchemy's Time on SQLite
_TIME_OF_DAY = b"00:00:00"


def _shape(text: str) -> bytes:
    """`text` as UTF-8 with every ASCII digit a 0 (anything not ASCII spoils the shape)."""
    return text.encode("utf-8", "replace").translate(_DIGITS_AS_ZERO)


def _length(column: tuple[Any, ...]) -> int | None:
    """The length of every value, when all are text (none NULL) of one length."""
    if None in column:
        return None
    lengths = set(map(len, column))
    return lengths.pop() if len(lengths) == 1 else None


def _all_shaped(column: tuple[Any, ...], shape: bytes, length: int | None = -1) -> bool:
    """Every value is text in `shape` (and none NULL); `length`: `_length(column)`, if known."""
    if length == -1:
        length = _length(column)
    return length == len(shape) and _shape("".join(column)) == shape * len(column)


def _some_shaped(column: tuple[Any, ...]) -> bool:
    """Some value may be shaped like a date or a stored time: the values joined by NUL, each
    shape searched for between NULs (a date-time's fraction of a second, if any, is left to
    `_guessed_value`, which looks at each value exactly)."""
    shapes = _shape("\x00" + "\x00".join(filter(None, column)) + "\x00")
    return (
        b"\x00" + _DATE + b"\x00" in shapes
        or b"\x00" + _DATE_TIME in shapes
        or b"\x00" + _STORED_TIME + b"\x00" in shapes
    )


def _add_midnight(column: tuple[str, ...]) -> list[str]:
    return list(map(operator.add, column, repeat("T00:00:00")))


def _t_between(column: Iterable[str]) -> list[str]:
    return list(map(str.replace, column, repeat(" "), repeat("T")))


def _dates(column: tuple[Any, ...]) -> list[Any]:
    if _all_shaped(column, _DATE):
        return _add_midnight(column)
    return list(map(_text_date, column))


def _date_times(column: tuple[Any, ...]) -> list[Any]:
    if _all_shaped(column, _DATE_TIME):
        return _t_between(column)
    return list(map(_text_date, column))


def _times(column: tuple[Any, ...]) -> list[Any] | None:
    """`HH:mm:ss`: fractions of a second dropped; MariaDB's TIME may be negative or past 24 h."""
    if _all_shaped(column, _TIME_OF_DAY):
        return None
    return [_time_text(value) for value in column]


def _time_text(value: str | None) -> str | None:
    found = _TIME_TEXT.fullmatch(value) if value is not None else None
    return found.group(1) if found else value


def _numbers(column: tuple[Any, ...]) -> list[Any]:
    """Decimals as JSON numbers with all their digits; NaN and infinities as text."""
    if None not in column and not _NOT_FINITE.search("".join(column)):
        return list(map(orjson.Fragment, map(str.encode, column)))
    return [_number(value) for value in column]


def _number(value: str | None) -> Any:
    if value is None or _NOT_FINITE.search(value):
        return value
    return orjson.Fragment(value.encode())


def _guessed(column: tuple[Any, ...]) -> list[Any] | None:
    """SQLite text (or NULL): the column converted when a value is shaped like a date, or like
    a time as SQLAlchemy stores one (`HH:MM:SS.ffffff`); None when none is."""
    length = _length(column)
    if _all_shaped(column, _DATE, length):
        return _add_midnight(column)
    if _all_shaped(column, _DATE_TIME, length):
        return _t_between(column)
    if _all_shaped(column, _STORED_DATE_TIME, length):
        return _t_between(map(operator.getitem, column, repeat(_TO_SECONDS)))
    if _all_shaped(column, _STORED_TIME, length):
        return list(map(operator.getitem, column, repeat(_TO_SECOND_OF_DAY)))
    could_be = length is None or length in (10, 15) or 19 <= length <= 26
    if could_be and _some_shaped(column):
        return list(map(_guessed_value, column))
    return None


_TEXT_FORMATS = {_DATES: _dates, _DATETIMES: _date_times, _TIMES: _times, _NUMBERS: _numbers}
"""Each typed format's conversion of a column of text (or NULL); None: it stays as it is."""


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
            if not event.contains(db.query_engine, "connect", _text_values):
                event.listen(db.query_engine, "connect", _text_values)
                db.query_engine.dispose()
        _PREPARED[db] = db.replica_url
    return db.query_engine


def _text_values(dbapi_connection: Any, _record: Any) -> None:
    """A query connection of PostgreSQL or MariaDB hands dates, times and decimals over as the
    database's own text (`_FORMATS`): psycopg's text loader (in C) for those types (ISO dates
    whatever the server's `DateStyle`: `_governed` sets it); PyMySQL without its converters."""
    adapters = getattr(dbapi_connection, "adapters", None)
    if adapters is not None:  # psycopg; `_governed` sets DateStyle with the time limit
        for name in ("date", "timestamp", "time", "numeric"):
            adapters.register_loader(name, TextLoader)
        return
    dbapi_connection.decoders = {
        **dbapi_connection.decoders,
        **{code: pymysql_through for code, form in _FORMATS["mysql"].items() if form != _AS_IS},
    }


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


def _date_format(value: Any, pattern: Any) -> str | None:
    """DATE_FORMAT, with the format sqlglot wrote for Python's strftime."""
    if value is None or pattern is None:
        return None
    text = str(value)
    try:
        moment = dt.datetime.fromisoformat(text[:19] if len(text) > 10 else text[:10])
    except ValueError:
        return None
    return moment.strftime(str(pattern))


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
            values = dict(zip(names, row, strict=True))
            # "rows" is a number, or for some plans "1 (1%)": the estimate is its first number.
            found = re.match(r"\s*(\d+(?:\.\d+)?)", str(values.get("rows") or ""))
            rows = float(found.group(1)) if found else 1.0
            by_select[values.get("id")] = by_select.get(values.get("id"), 1.0) * max(rows, 1.0)
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
                    f"'{settings[1]}'; SET DateStyle = 'ISO'"  # the dates' text `_dates` reads
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


def _names(description: Any) -> list[str]:
    """Column names as the query gave them; a repeated name gets a number, as a DataTable does."""
    names: list[str] = []
    seen: dict[str, int] = {}
    for column in description:
        name = str(column[0])
        if name in seen:
            seen[name] += 1
            name = f"{name}{seen[name]}"
        else:
            seen[name] = 0
        names.append(name)
    return names


_DATE_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2}(\.\d{1,6})?)?")


def _guessed_value(value: Any) -> Any:
    """A value of a SQLite column of mixed shapes: a date, a stored time, or as it is."""
    if isinstance(value, str) and len(value) == 15 and _shape(value) == _STORED_TIME:
        return value[:8]
    return _text_date(value)


def _text_date(value: Any) -> Any:
    """Text in exactly a date's shape (the database's own text of a date or date-time) goes out
    as Open Dental sends a date; anything else as `_value` makes it."""
    if isinstance(value, str) and _DATE_TEXT.fullmatch(value):
        return value[:10] + "T" + (value[11:19] if len(value) > 10 else "00:00:00")
    return _value(value)


def _value(value: Any) -> Any:
    """A value as Open Dental's ShortQuery sends it (a .NET DataTable serialised to JSON)."""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return f"{value.isoformat()}T00:00:00"
    if isinstance(value, dt.timedelta):  # MariaDB TIME
        seconds = int(value.total_seconds())
        sign = "-" if seconds < 0 else ""
        seconds = abs(seconds)
        return f"{sign}{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    if isinstance(value, dt.time):
        return value.isoformat(timespec="seconds")
    if isinstance(value, Decimal):
        return orjson.Fragment(str(value).encode()) if value.is_finite() else str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value
