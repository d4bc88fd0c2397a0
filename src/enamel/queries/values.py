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
from decimal import Decimal
from itertools import repeat
from typing import Any

import orjson
from psycopg.types.string import TextLoader
from pymysql.converters import through as pymysql_through

_PLAIN: frozenset[type] = frozenset((int, float, bool, type(None)))
"""Value types JSON takes as they are."""
_TEXT: frozenset[type] = frozenset((str, type(None)))

# How a column's values are written, from the driver's type code in the cursor's description.
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


def formats(dialect: str, description: Any) -> list[str | None]:
    """Each column's format (None: not known, its values are looked at)."""
    if dialect == "sqlite":
        return [_GUESS] * len(description)
    known = _FORMATS[dialect]
    return [known.get(column[1]) for column in description]


def objects(keys: list[str], rows: list[Any], forms: list[str | None]) -> list[dict[str, Any]]:
    """The rows as objects, each column converted only when it holds something JSON does not
    take as it is. The work runs column by column at C speed: the rows are turned into
    columns (`zip`), a column of unknown type is looked at with one `set(map(type, ...))`, a
    column of one shape is converted by `map` over str methods, and the objects are built by
    `map(dict, ...)`; value by value only for a column of mixed shapes."""
    if not rows:
        return []
    columns: list[Any] = list(zip(*rows, strict=True))
    for i, form in enumerate(forms):
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
    return list(map(dict, map(zip, repeat(keys), zip(*columns, strict=True))))


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


def _all_shaped(column: tuple[Any, ...], shape: bytes, length: int | None) -> bool:
    """Every value is text in `shape` (and none NULL); `length` is `_length(column)`."""
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
    if _all_shaped(column, _DATE, _length(column)):
        return _add_midnight(column)
    return list(map(_text_date, column))


def _date_times(column: tuple[Any, ...]) -> list[Any]:
    if _all_shaped(column, _DATE_TIME, _length(column)):
        return _t_between(column)
    return list(map(_text_date, column))


def _times(column: tuple[Any, ...]) -> list[Any] | None:
    """`HH:mm:ss`: fractions of a second dropped; MariaDB's TIME may be negative or past 24 h."""
    if _all_shaped(column, _TIME_OF_DAY, _length(column)):
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
