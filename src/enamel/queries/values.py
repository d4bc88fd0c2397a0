"""A governed read's rows as Open Dental's ShortQuery sends them (a .NET DataTable as JSON):
objects keyed by column name, dates and date-times as `yyyy-MM-ddTHH:mm:ss`, times of day as
`HH:mm:ss`, decimals as JSON numbers with all their digits, alike on every engine.

On all three engines, dates, times and decimals reach Python as the database's own text:
SQLite keeps them as text; the query engines of PostgreSQL and MariaDB are told to hand them
over as text (`as_text`, a connect listener). Open Dental's formats are then a few string
operations over a whole column, with no date or Decimal object made and formatted again for
each value.
"""

from __future__ import annotations

import base64
import datetime as dt
import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import repeat
from typing import Any

import orjson
from psycopg.types.string import TextLoader
from pymysql.converters import through as pymysql_through

_PLAIN: frozenset[type] = frozenset((int, float, bool, type(None)))
"""Value types JSON takes as they are."""
_TEXT: frozenset[type] = frozenset((str, type(None)))
_JSON: frozenset[type] = _PLAIN | {str}

# How a column's values are written, from the driver's type code in the cursor's description.
_AS_IS = "as is"
"""Numbers and text: JSON takes them as the driver gives them."""
_DATES, _DATETIMES, _TIMES, _NUMBERS = "date", "datetime", "time", "number"
"""The database's text of a date, date-time, time of day or decimal (or NULL)."""
_GUESS = "guess"
"""SQLite: no type is known; text shaped like a date goes out as a date."""
_FLAGS = "flag"
"""PostgreSQL's booleans (a comparison in the select list): MySQL has none and answers 1 or 0."""
_FORMATS: dict[str, dict[Any, str]] = {
    # psycopg's type OIDs: date, timestamp, time, numeric, bool; int2/4/8, float4/8, text,
    # varchar, char, name. Other types (bytea, interval, uuid, arrays...) are looked at.
    "postgresql": {
        **{1082: _DATES, 1114: _DATETIMES, 1083: _TIMES, 1700: _NUMBERS, 16: _FLAGS},
        **dict.fromkeys((20, 21, 23, 700, 701, 25, 1043, 1042, 19), _AS_IS),
    },
    # PyMySQL's field types: DECIMAL, TIMESTAMP, DATE, TIME, DATETIME, NEWDATE, NEWDECIMAL;
    # the integer and floating types. Strings may be bytes (binary collations): looked at.
    "mysql": {
        **{0: _NUMBERS, 7: _DATETIMES, 10: _DATES, 11: _TIMES, 12: _DATETIMES, 14: _DATES},
        **{246: _NUMBERS},
        **dict.fromkeys((1, 2, 3, 4, 5, 8, 9, 13), _AS_IS),
    },
}


def formats(
    dialect: str, description: Any, texts: tuple[bool, ...] | None = None
) -> list[str | None]:
    """Each column's format (None: not known, its values are looked at). On SQLite, which has
    no types, a column's values are looked at for dates unless `texts` (from the query) says
    it is text in MySQL."""
    if dialect == "sqlite":
        if texts is not None and len(texts) == len(description):
            return [_AS_IS if text else _GUESS for text in texts]
        return [_GUESS] * len(description)
    known = _FORMATS[dialect]
    return [known.get(column[1]) for column in description]


def objects(keys: list[str], rows: list[Any], forms: list[str | None]) -> list[dict[str, Any]]:
    """The rows as objects, each column converted only when it holds something JSON does not
    take as it is. The work runs column by column at C speed: the rows are turned into
    columns (`zip`) only when some column may need converting; a column is looked at with a
    few whole-column calls (`sum`, a join, `set(map(type, ...))`), converted by `map` over str
    methods, and the objects are built by `map(dict, ...)`; value by value only for a column of
    mixed shapes."""
    if not rows:
        return []
    if all(form == _AS_IS for form in forms):
        return list(map(dict, map(zip, repeat(keys), rows)))
    columns: list[Any] = list(zip(*rows, strict=True))
    changed = False
    for i, form in enumerate(forms):
        if form == _AS_IS:
            continue
        converted = _CONVERSIONS[form](columns[i])
        if converted is not None:
            columns[i] = converted
            changed = True
    return list(map(dict, map(zip, repeat(keys), zip(*columns, strict=True) if changed else rows)))


_TIME_TEXT = re.compile(r"(-?\d{2,3}:\d{2}:\d{2})(?:\.\d+)?")
_NOT_FINITE = re.compile(r"[A-Za-z]")
_TO_SECONDS = slice(0, 19)
_TO_SECOND_OF_DAY = slice(0, 8)

# A column's shape is checked on its values joined by NUL, as bytes with every ASCII digit made
# a 0 (`bytes.translate`, ten times faster than a regular expression over the same text): a
# date column of a thousand values is one comparison with `0000-00-00` repeated a thousand
# times, NUL between. The comparison holds only when every value has the shape: the expected
# bytes hold exactly one NUL fewer than values, so no value can hold a NUL of its own.
_DIGITS_AS_ZERO = bytes.maketrans(b"0123456789", b"0000000000")
_DATE = b"0000-00-00"
_DATE_TIME = b"0000-00-00 00:00:00"
_STORED_DATE_TIME = b"0000-00-00 00:00:00.000000"  # SQLAlchemy's DateTime on SQLite
_STORED_TIME = b"00:00:00.000000"  # SQLAlchemy's Time on SQLite
_TIME_OF_DAY = b"00:00:00"


def _shape(text: str) -> bytes:
    """`text` as UTF-8 with every ASCII digit a 0 (anything not ASCII spoils the shape)."""
    return text.encode("utf-8", "replace").translate(_DIGITS_AS_ZERO)


def _joined(column: Iterable[Any]) -> str | None:
    """The values joined by NUL; None when a value is not text (NULL among them)."""
    try:
        return "\x00".join(column)
    except TypeError:
        return None


def _is(shapes: bytes, shape: bytes, count: int) -> bool:
    """`shapes` (the `_shape` of `count` values `_joined`) says every value is in `shape`."""
    return (
        len(shapes) == (len(shape) + 1) * count - 1
        and shapes == (shape + b"\x00") * (count - 1) + shape
    )


def _some_shaped(shapes: bytes) -> bool:
    """Some value may be shaped like a date or a stored time (`shapes`: the `_shape` of them
    `_joined`); a date-time's fraction of a second, if any, is left to `guessed_value`, which
    looks at each value exactly."""
    shapes = b"\x00" + shapes + b"\x00"
    return (
        b"\x00" + _DATE + b"\x00" in shapes
        or b"\x00" + _DATE_TIME in shapes
        or b"\x00" + _STORED_TIME + b"\x00" in shapes
    )


def _add_midnight(column: tuple[str, ...]) -> list[str]:
    return list(map(operator.add, column, repeat("T00:00:00")))


def _t_between(column: Iterable[str]) -> list[str]:
    return list(map(str.replace, column, repeat(" "), repeat("T")))


MIN_DATE = "0001-01-01T00:00:00"
"""How Open Dental answers a MariaDB date with a zero month or day (`0000-00-00`): it connects
with Connector/NET's `Convert Zero Datetime=true` (DataConnectionBase/DataConnection.cs), which
reads such a date as DateTime.MinValue."""


def _no_zero_dates(converted: list[str], text: str) -> list[str]:
    """`converted` (dates in Open Dental's format, from the values joined in `text`) with each
    date whose month or day is zero as `MIN_DATE`; one search of `text` when there is none."""
    if "-00" not in text:
        return converted
    return [MIN_DATE if "-00" in value[4:10] else value for value in converted]


def _dates(column: tuple[Any, ...]) -> list[Any]:
    text = _joined(column)
    if text is not None and _is(_shape(text), _DATE, len(column)):
        return _no_zero_dates(_add_midnight(column), text)
    return list(map(_text_date, column))


def _date_times(column: tuple[Any, ...]) -> list[Any]:
    text = _joined(column)
    if text is not None and _is(_shape(text), _DATE_TIME, len(column)):
        return _no_zero_dates(_t_between(column), text)
    return list(map(_text_date, column))


def _times(column: tuple[Any, ...]) -> list[Any] | None:
    """`HH:mm:ss`: fractions of a second dropped; MariaDB's TIME may be negative or past 24 h."""
    text = _joined(column)
    if text is not None and _is(_shape(text), _TIME_OF_DAY, len(column)):
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


def _flags(column: tuple[Any, ...]) -> list[Any]:
    """True and False as 1 and 0 (NULL stays)."""
    return [None if value is None else int(value) for value in column]


def _looked_at(column: tuple[Any, ...]) -> list[Any] | None:
    """A column of a type not known: converted when a value is not a number or text."""
    if set(map(type, column)) <= _JSON:
        return None
    return list(map(_value, column))


def _guessed(column: tuple[Any, ...]) -> list[Any] | None:
    """SQLite (its values are numbers, text, bytes or NULL): the column converted when a value
    is shaped like a date, or like a time as SQLAlchemy stores one (`HH:MM:SS.ffffff`); None
    when none is."""
    try:
        sum(column)  # numbers alone (the common column): nothing to convert
        return None
    except TypeError:
        pass
    text = _joined(column)
    if text is None:  # not text alone: NULL, numbers or bytes among it
        kinds = set(map(type, column))
        if kinds <= _PLAIN:
            return None
        if not kinds <= _TEXT:
            return list(map(guessed_value, column))
        shapes = _shape("\x00".join(filter(None, column)))  # text alone, NULL left out
    else:
        shapes, count = _shape(text), len(column)
        if _is(shapes, _DATE, count):
            return _no_zero_dates(_add_midnight(column), text)
        if _is(shapes, _DATE_TIME, count):
            return _no_zero_dates(_t_between(column), text)
        if _is(shapes, _STORED_DATE_TIME, count):
            seconds: Iterable[str] = map(operator.getitem, column, repeat(_TO_SECONDS))
            return _no_zero_dates(_t_between(seconds), text)
        if _is(shapes, _STORED_TIME, count):
            return list(map(operator.getitem, column, repeat(_TO_SECOND_OF_DAY)))
    return list(map(guessed_value, column)) if _some_shaped(shapes) else None


_CONVERSIONS = {
    _DATES: _dates,
    _DATETIMES: _date_times,
    _TIMES: _times,
    _NUMBERS: _numbers,
    _GUESS: _guessed,
    _FLAGS: _flags,
    None: _looked_at,
}
"""Each format's conversion of a column; None: the column stays as it is."""


def as_text(dbapi_connection: Any, _record: Any) -> None:
    """A query connection of PostgreSQL or MariaDB hands dates, times and decimals over as the
    database's own text (`_FORMATS`): psycopg's text loader (in C) for those types (ISO dates
    whatever the server's `DateStyle`: `run._governed` sets it); PyMySQL without its
    converters."""
    adapters = getattr(dbapi_connection, "adapters", None)
    if adapters is not None:  # psycopg; `_governed` sets DateStyle with the time limit
        for name in ("date", "timestamp", "time", "numeric"):
            adapters.register_loader(name, TextLoader)
        return
    dbapi_connection.decoders = {
        **dbapi_connection.decoders,
        **{code: pymysql_through for code, form in _FORMATS["mysql"].items() if form != _AS_IS},
    }


def names(description: Any) -> list[str]:
    """Column names as the query gave them; a repeated name gets a number, as a DataTable does."""
    out: list[str] = []
    seen: dict[str, int] = {}
    for column in description:
        name = str(column[0])
        if name in seen:
            seen[name] += 1
            name = f"{name}{seen[name]}"
        else:
            seen[name] = 0
        out.append(name)
    return out


_DATE_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2}(\.\d{1,6})?)?")


def guessed_value(value: Any) -> Any:
    """A value of a SQLite column of mixed shapes: a date, a stored time, or as it is."""
    if isinstance(value, str) and len(value) == 15 and _shape(value) == _STORED_TIME:
        return value[:8]
    return _text_date(value)


def _text_date(value: Any) -> Any:
    """Text in exactly a date's shape (the database's own text of a date or date-time) goes out
    as Open Dental sends a date; anything else as `_value` makes it."""
    if isinstance(value, str) and _DATE_TEXT.fullmatch(value):
        if "-00" in value[4:10]:  # a zero month or day
            return MIN_DATE
        return value[:10] + "T" + (value[11:19] if len(value) > 10 else "00:00:00")
    return _value(value)


def _value(value: Any) -> Any:
    """A value as Open Dental's ShortQuery sends it (a .NET DataTable serialised to JSON)."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:  # PostgreSQL's timestamptz (`NOW()`): local, as MySQL's
            value = value.astimezone().replace(tzinfo=None)
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


# --- SQLite writes the objects itself ---------------------------------------------------------

SQLITE_VALUE = "ENAMEL_VALUE"
"""The function of SQLite's query connections (`guessed_value`) for the values `sqlite_json`
leaves to Python."""


def add_sqlite_value(dbapi_connection: Any, _record: Any) -> None:
    """A `connect` listener of SQLite's query engine: `SQLITE_VALUE`."""
    dbapi_connection.create_function(SQLITE_VALUE, 1, guessed_value, deterministic=True)


_SQLITE_FORMS = {
    "text": "{c}",
    "plain": "{c}",
    "date": "CASE length({c}) WHEN 10 THEN {c} || 'T00:00:00' ELSE %(value)s({c}) END",
    "datetime": (
        "CASE length({c}) WHEN 26 THEN replace(substr({c}, 1, 19), ' ', 'T') "
        "ELSE %(value)s({c}) END"
    ),
    "time": "CASE length({c}) WHEN 15 THEN substr({c}, 1, 8) ELSE %(value)s({c}) END",
    "guess": (
        "CASE typeof({c}) WHEN 'text' THEN CASE WHEN substr({c}, 5, 1) = '-' OR "
        "substr({c}, 3, 1) = ':' THEN %(value)s({c}) ELSE {c} END "
        "WHEN 'blob' THEN %(value)s({c}) ELSE {c} END"
    ),
}
_SQLITE_FORMS = {kind: form % {"value": SQLITE_VALUE} for kind, form in _SQLITE_FORMS.items()}
"""How SQLite writes a value of each kind of column (`dialects.output_kinds`) in Open Dental's
form. The columns of Enamel's schema hold dates as `yyyy-mm-dd`, date-times as SQLAlchemy
writes them (`yyyy-mm-dd hh:mm:ss.ffffff`) and times as `hh:mm:ss.ffffff`: a value of that
length is taken to be one without a look at each character. Any other value, and a value of a
column of no known kind that may be a date, go to `guessed_value`, the rule `objects` follows.
A date with a zero month or day (MySQL's `0000-00-00`, which Open Dental sends as its least
date) is not looked for value by value, which cost a fifth of the page's time: `sqlite_page`
looks for `-00-` and `-00T` in the page once, and the page is read as Python values when one
is there (rare: only a write straight into SQLite leaves such a date)."""

_ZERO_PARTS = re.compile("-00[-T]")
"""What a date or date-time with a zero month or day becomes in `_SQLITE_FORMS`, never a
regular one (a regular expression finds it in a page in half the time of two `in` tests:
`-`, `0` and `T` are all frequent in a page of dates)."""

_PAIRS_A_CALL = 60
"""SQLite's functions take at most 127 arguments: the pairs of json_object() calls."""

_ROWS = "enamel_rows"


@dataclass(frozen=True)
class Page:
    """A page of a governed read's rows: how many, and what orjson writes for them (a list of
    objects, or the page's JSON text as SQLite wrote it, `orjson.Fragment`)."""

    count: int
    json: Any


@lru_cache(maxsize=256)
def sqlite_json(text: str, keys: tuple[str, ...], kinds: tuple[str, ...]) -> str:
    """The SELECT that has SQLite write a page (`LIMIT ? OFFSET ?`) of the query `text` (its
    output columns named `keys`, of `kinds`) as JSON: one row, the page's row count and its
    objects joined by commas. One step of the statement for the whole page: the driver hands
    the interpreter lock back once, not once a row. The rows keep the query's order: the
    page is a subquery with a LIMIT, read in order by the count and the concatenation."""
    columns = [f"c{i}" for i in range(len(keys))]
    pairs = [
        "'" + key.replace("'", "''") + "', " + _SQLITE_FORMS[kind].format(c=column)
        for key, kind, column in zip(keys, kinds, columns, strict=True)
    ]
    calls = [
        f"json_object({', '.join(pairs[i : i + _PAIRS_A_CALL])})"
        for i in range(0, len(pairs), _PAIRS_A_CALL)
    ]
    if len(calls) > 1:  # the objects' members joined: `{"a":1` + `,` + `"b":2}`
        last = len(calls) - 1
        calls = [
            (f"rtrim({c}, '}}')" if i == 0 else f"ltrim({c}, '{{')" if i == last
             else f"ltrim(rtrim({c}, '}}'), '{{')")
            for i, c in enumerate(calls)
        ]  # fmt: skip
    members = " || ',' || ".join(calls)
    # The checked query's text; the keys are quoted, the rest is written here.
    page = f"SELECT {members} AS o FROM {_ROWS} LIMIT ? OFFSET ?"  # noqa: S608
    body = f"WITH {_ROWS}({', '.join(columns)}) AS ({text}) "
    return body + f"SELECT count(*), group_concat(o, ',') FROM ({page})"  # noqa: S608


def sqlite_page(
    keys: tuple[str, ...], kinds: tuple[str, ...], count: int, objects: str | None
) -> Page | None:
    """The page SQLite wrote (`sqlite_json`: `count` objects with `keys` of `kinds`, joined);
    None when one holds an infinity, which SQLite writes `Inf` and JSON has not, or may hold a
    date with a zero month or day (`_ZERO_PARTS`): the caller then reads the rows as Python
    values instead. One count of "I" over the text (at memchr's speed) rules the infinity out
    when the keys hold every "I" there is."""
    if not objects:
        return Page(0, [])
    if ("date" in kinds or "datetime" in kinds) and _ZERO_PARTS.search(objects):
        return None
    if objects.count("I") != sum(key.count("I") for key in keys) * count and (
        ":Inf" in objects or ":-Inf" in objects
    ):
        return None
    return Page(count, orjson.Fragment("[" + objects + "]"))
