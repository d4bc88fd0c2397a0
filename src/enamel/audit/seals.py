"""Row seals: an HMAC-SHA256, under the seal key, over a canonical encoding of a row.

The canonical encoding of a row is its table's name and then every column but the seal itself,
in the table's column order, each as text, separated by NUL characters (which Enamel refuses in
text columns, so the encoding is unambiguous for every row it writes). Each value is written as
the database drivers return it: integers, enums and booleans as decimal integers, money with two
decimals, dates `yyyy-MM-dd`, date-times `yyyy-MM-dd HH:mm:ss` (with fractions only when the
database holds some, which Enamel never writes), text as it is. The primary key is part of the
encoding, so a sealed row copied under another key does not verify.

Enamel computes the encoding from the values it wrote (`python_message`); the check computes it
from what the database holds (`RawEncoder`), engine by engine, and the two must agree for every
row Enamel wrote: the tests pin this on SQLite, MariaDB and PostgreSQL.
"""

from __future__ import annotations

import base64
import datetime as dt
import enum
import hmac
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Column, Date, DateTime, Integer, Numeric, SmallInteger, String, Table, Text
from sqlalchemy import Time as SATime
from sqlalchemy.types import TypeDecorator

from enamel.db.clock import MIN_DATE, MIN_DATETIME
from enamel.db.types import Money, to_money
from enamel.models import Appointment, Base, Patient, Payment, PaySplit, ProcedureLog

SEALED_MODELS: tuple[type[Base], ...] = (Patient, Appointment, ProcedureLog, Payment, PaySplit)
SEALED_TABLES: tuple[str, ...] = tuple(m.__tablename__ for m in SEALED_MODELS)
SEAL_COLUMN = "SecurityHash"


class Kind(enum.Enum):
    INT = "int"
    TEXT = "text"
    MONEY = "money"
    DATE = "date"
    DATETIME = "datetime"
    TIME = "time"


def _kind(column: Column[Any]) -> Kind:
    kind = column.type
    if isinstance(kind, Money):
        return Kind.MONEY
    impl = kind.impl if isinstance(kind, TypeDecorator) else kind
    if isinstance(impl, DateTime):
        return Kind.DATETIME
    if isinstance(impl, Date):
        return Kind.DATE
    if isinstance(impl, SATime):
        return Kind.TIME
    if isinstance(impl, Integer | SmallInteger):
        return Kind.INT
    if isinstance(impl, Numeric):
        return Kind.MONEY
    if isinstance(impl, String | Text):
        return Kind.TEXT
    raise TypeError(f"no canonical encoding for {column.table.name}.{column.name}: {kind!r}")


def _py_money(value: Any) -> str:
    return str(to_money(value) + 0)  # + 0 turns -0.00 into 0.00, as the databases do


def _py_datetime(value: Any) -> str:
    return str((value or MIN_DATETIME).replace(microsecond=0))  # ODDateTime drops fractions


def _py_date(value: Any) -> str:
    value = value or MIN_DATE
    return str(value.date() if isinstance(value, dt.datetime) else value)


def _py_int(value: Any) -> str:
    return str(int(value))  # enums and booleans too


_PY_TEXT: dict[Kind, Callable[[Any], str]] = {
    Kind.TEXT: str,
    Kind.INT: _py_int,
    Kind.MONEY: _py_money,
    Kind.DATETIME: _py_datetime,
    Kind.DATE: _py_date,
    Kind.TIME: str,
}
"""The canonical text of a value as Enamel holds it in Python, before it is written."""


def _mysql_time(value: Any) -> str:
    if isinstance(value, dt.timedelta):  # PyMySQL returns TIME as a timedelta
        seconds = int(value.total_seconds())
        return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    return str(value)


def _sqlite_fraction(value: Any) -> str:
    """SQLAlchemy stores SQLite date-times and times with six fraction digits."""
    text = str(value)
    return text[:-7] if text.endswith(".000000") else text


def _sqlite_money(value: Any) -> str:
    if isinstance(value, int | float):  # SQLite's NUMERIC affinity keeps numbers, not text
        return f"{value + 0:.2f}"
    return str(value)


_RAW_FIXES: dict[str, dict[Kind, Callable[[Any], str]]] = {
    "mysql": {Kind.TIME: _mysql_time},
    "postgresql": {},
    "sqlite": {
        Kind.DATETIME: _sqlite_fraction,
        Kind.TIME: _sqlite_fraction,
        Kind.MONEY: _sqlite_money,
    },
}

RawEncoder = Callable[[Sequence[Any]], bytes]


@dataclass(frozen=True)
class Layout:
    """How one table's rows are encoded: which columns, in which order, of which kinds."""

    table: Table
    columns: tuple[Column[Any], ...]
    kinds: tuple[Kind, ...]
    key: Column[Any]
    sealed: bool
    """True when the table keeps its seal in a column (`SecurityHash`); the security log's
    seal is its link in the chain instead."""

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def python_message(self, row: Any) -> bytes:
        """The encoding of an ORM object, from the values Enamel wrote."""
        values = [text(getattr(row, name)) for name, text in self.python_fields]
        return _encode(self.table.name, values)

    @property
    def python_fields(self) -> tuple[tuple[str, Callable[[Any], str]], ...]:
        return _python_fields(self)

    def raw_encoder(self, dialect: str) -> RawEncoder:
        """Encodes a row fetched with the driver's cursor (columns in `names` order)."""
        fixes = _RAW_FIXES[dialect]
        fixups = tuple((i, fixes[k]) for i, k in enumerate(self.kinds) if k in fixes)
        prefix = self.table.name + "\x00"

        def encode(row: Sequence[Any]) -> bytes:
            values = list(map(str, row))
            for i, fix in fixups:
                values[i] = fix(row[i])
            return (prefix + "\x00".join(values)).encode("utf-8", "surrogatepass")

        return encode


@cache
def _python_fields(shape: Layout) -> tuple[tuple[str, Callable[[Any], str]], ...]:
    return tuple((c.key, _PY_TEXT[k]) for c, k in zip(shape.columns, shape.kinds, strict=True))


def _encode(table: str, values: list[str]) -> bytes:
    return (table + "\x00" + "\x00".join(values)).encode("utf-8", "surrogatepass")


@cache
def layout(table_name: str) -> Layout:
    table = Base.metadata.tables[table_name]
    columns = tuple(c for c in table.columns if c.name != SEAL_COLUMN)
    (key,) = table.primary_key.columns
    return Layout(
        table=table,
        columns=columns,
        kinds=tuple(_kind(c) for c in columns),
        key=key,
        sealed=SEAL_COLUMN in table.columns,
    )


def seal(secret: bytes, message: bytes) -> str:
    """The seal of an encoded row (base64, 44 characters)."""
    return base64.b64encode(hmac.digest(secret, message, "sha256")).decode("ascii")


def matches(secret: bytes, message: bytes, stored: str) -> bool:
    return hmac.compare_digest(seal(secret, message), stored)


__all__ = [
    "SEALED_MODELS",
    "SEALED_TABLES",
    "SEAL_COLUMN",
    "Kind",
    "Layout",
    "RawEncoder",
    "layout",
    "matches",
    "seal",
]
