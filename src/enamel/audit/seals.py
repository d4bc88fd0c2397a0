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
import binascii
import datetime as dt
import enum
import hashlib
import hmac
import math
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from operator import itemgetter
from typing import Any

from sqlalchemy import Column, Date, DateTime, Integer, Numeric, SmallInteger, String, Table, Text
from sqlalchemy import Time as SATime
from sqlalchemy.types import TypeDecorator

from enamel.db.clock import MIN_DATE, MIN_DATETIME
from enamel.db.types import Money, to_money
from enamel.models import Appointment, Base, Patient, Payment, PaySplit, ProcedureLog, Program

SEALED_MODELS: tuple[type[Base], ...] = (
    Patient,
    Appointment,
    ProcedureLog,
    Payment,
    PaySplit,
    Program,  # a program link: which program gets patient data
)
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
RawBatchEncoder = Callable[[Sequence[Sequence[Any]]], list[bytes]]


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
        """Encodes a row fetched with the driver's cursor (columns in `names` order).

        The check encodes every row of the database with it, so it is built for speed: `%s`
        formatting is `str()` of every value, in C; the dialect's fixes (`_RAW_FIXES`) replace
        their columns' values first, SQLite's two inline (the same steps as `_sqlite_fraction`
        and `_sqlite_money`, without a call per value)."""
        fixes = _RAW_FIXES[dialect]
        fixed = [(i, fixes[k]) for i, k in enumerate(self.kinds) if k in fixes]
        fractions = tuple(i for i, fix in fixed if fix is _sqlite_fraction)
        money = tuple(i for i, fix in fixed if fix is _sqlite_money)
        others = tuple((i, fix) for i, fix in fixed if fix not in (_sqlite_fraction, _sqlite_money))
        template = (
            self.table.name.replace("%", "%%") + "\x00" + "\x00".join(["%s"] * len(self.columns))
        )

        if not fixed:

            def encode_plain(row: Sequence[Any]) -> bytes:
                values = row if type(row) is tuple else tuple(row)
                return (template % values).encode("utf-8", "surrogatepass")

            return encode_plain

        def encode(row: Sequence[Any]) -> bytes:
            values = list(row)
            for i in fractions:  # _sqlite_fraction
                text = str(values[i])
                if text.endswith(".000000"):
                    values[i] = text[:-7]
            for i in money:  # _sqlite_money: anything but a number becomes str(value) below
                value = values[i]
                if isinstance(value, (int, float)):
                    values[i] = f"{value + 0:.2f}"
            for i, fix in others:
                values[i] = fix(row[i])
            return (template % tuple(values)).encode("utf-8", "surrogatepass")

        return encode

    def raw_batch_encoder(self, dialect: str) -> RawBatchEncoder:
        """Encodes a page of rows, each exactly as `raw_encoder` does.

        On SQLite, where the fixes are the most work, a page whose fixed columns all have a
        usual shape is encoded without a step per value: each fixed column gets a conversion of
        the `%` template instead (`_sqlite_spec`); a page with any other value in a fixed column
        is encoded row by row."""
        encode = self.raw_encoder(dialect)
        fixes = _RAW_FIXES[dialect]
        fixed = {i: fixes[k] for i, k in enumerate(self.kinds) if k in fixes}
        if not fixed or any(f not in (_sqlite_fraction, _sqlite_money) for f in fixed.values()):
            return lambda rows: list(map(encode, rows))
        name = self.table.name.replace("%", "%%")
        templates: dict[tuple[str, ...], str] = {}

        def encode_page(rows: Sequence[Sequence[Any]]) -> list[bytes]:
            if not rows:
                return []
            specs = []
            for i, fix in fixed.items():
                spec = _sqlite_spec(fix, list(map(itemgetter(i), rows)))
                if spec is None:
                    return list(map(encode, rows))
                specs.append(spec)
            key = tuple(specs)
            template = templates.get(key)
            if template is None:
                conversions = ["%s"] * len(self.columns)
                for i, spec in zip(fixed, specs, strict=True):
                    conversions[i] = spec
                template = templates[key] = name + "\x00" + "\x00".join(conversions)
            return [
                (template % (row if type(row) is tuple else tuple(row))).encode(
                    "utf-8", "surrogatepass"
                )
                for row in rows
            ]

        return encode_page


_FRACTION = ".000000"


def _sqlite_spec(fix: Callable[[Any], str], column: list[Any]) -> str | None:
    """A `%` conversion that gives `fix(value)` for every value of the column, or None."""
    if fix is _sqlite_fraction:
        return _fraction_spec(column)
    if fix is _sqlite_money:
        return _money_spec(column)
    return None


def _fraction_spec(column: list[Any]) -> str | None:
    """`_sqlite_fraction` of text that all has one length n and ends in `.000000` is its first
    n - 7 characters: `%.{n-7}s`. Shown without a step per value: joined with NUL separators,
    m values of n characters put exactly m - 1 NULs at every (n + 1)th place, and then each
    character position of the values is one slice of the joined text."""
    if set(map(type, column)) != {str}:
        return None
    m, n, cut = len(column), len(column[0]), len(_FRACTION)
    joined = "\x00".join(column)
    if (
        n < cut
        or len(joined) != m * (n + 1) - 1
        or joined.count("\x00") != m - 1
        or joined[n :: n + 1] != "\x00" * (m - 1)
    ):
        return None
    for offset, char in enumerate(_FRACTION, start=n - cut):
        if joined[offset :: n + 1] != char * m:
            return None
    return f"%.{n - cut}s"


def _money_spec(column: list[Any]) -> str | None:
    """`_sqlite_money` of numbers (int, float) is `f"{value + 0:.2f}"`, which is `%.2f` of the
    same double, but for -0.0, which `+ 0` makes 0.0: so no float zero may be negative."""
    types = set(map(type, column))
    if not types <= {int, float}:
        return None
    if float in types:
        signs = map(math.copysign, repeat(1.0), filter(operator.not_, column))
        if min(signs, default=1.0) < 0:
            return None
    return "%.2f"


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


def same(computed: str, stored: object) -> bool:
    """Constant-time comparison of a computed seal or MAC with a stored one; anything stored
    that is not ASCII text (written by hand) simply does not match."""
    return isinstance(stored, str) and stored.isascii() and hmac.compare_digest(computed, stored)


_BLOCK = 64
"""SHA-256's block size, HMAC's key pad length."""


class Sealer:
    """`seal(secret, message)` for many messages, about three times as fast: HMAC-SHA256
    (RFC 2104) with the hash states after the key's inner and outer pads computed once, where
    `hmac.digest` sets up the key again for every message. The check seals every row with it."""

    def __init__(self, secret: bytes) -> None:
        key = hashlib.sha256(secret).digest() if len(secret) > _BLOCK else secret
        key = key.ljust(_BLOCK, b"\x00")
        self._inner = hashlib.sha256(bytes(b ^ 0x36 for b in key))
        self._outer = hashlib.sha256(bytes(b ^ 0x5C for b in key))
        probe = b"enamel\x00sealer"
        if self.many([probe]) != [seal(secret, probe)]:  # never: RFC 2104 is what hmac does
            raise AssertionError("the precomputed HMAC disagrees with hmac.digest")

    def many(self, messages: Iterable[bytes]) -> list[str]:
        """The seal of each message, in order."""
        inner, outer = self._inner.copy, self._outer.copy
        b64 = binascii.b2a_base64
        out = []
        for message in messages:
            h = inner()
            h.update(message)
            o = outer()
            o.update(h.digest())
            out.append(b64(o.digest(), newline=False).decode("ascii"))
        return out


__all__ = [
    "SEALED_MODELS",
    "SEALED_TABLES",
    "SEAL_COLUMN",
    "Kind",
    "Layout",
    "RawBatchEncoder",
    "RawEncoder",
    "Sealer",
    "layout",
    "same",
    "seal",
]
