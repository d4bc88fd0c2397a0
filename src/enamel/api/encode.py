"""Rows to Open Dental's JSON, fast (DESIGN.md section 3).

A `Shape` lists a resource's JSON fields in Open Dental's order, each with the SQL expression
that reads it and how its value is written: enums as labels ("Scheduled"), booleans as the
strings "true"/"false", dates as "yyyy-MM-dd" and date-times as "yyyy-MM-dd HH:mm:ss" (empty
ones as 0001-01-01, never null), money as that resource sends it. The same list gives the
SELECT (columns only, no ORM objects) and the documented response model, so the code, the
OpenAPI document and the wire cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

import orjson
from fastapi import Response
from pydantic import BaseModel, create_model
from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    Text,
    func,
    literal_column,
    select,
    type_coerce,
)
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql import FromClause
from sqlalchemy.sql.sqltypes import NullType

from enamel.db import clock
from enamel.db.types import CENT, Bool, IntEnumType, Money, ODDate, ODDateTime
from enamel.errors import NotFound
from enamel.models.enums import label

Convert = Callable[[Any], Any]


# The converters below take a value as the database driver returns it (field() reads converted
# columns raw, skipping SQLAlchemy's result processing) or as Python holds it: SQLite returns
# dates and date-times as text, money as a number; MariaDB and PostgreSQL return date,
# datetime and Decimal objects.


def date_out(value: dt.date | str) -> str:
    return value[:10] if isinstance(value, str) else value.isoformat()


def datetime_out(value: dt.datetime | str) -> str:
    if isinstance(value, str):  # "2026-11-25 09:30:00.000000" as SQLAlchemy writes SQLite's
        return value[:19].replace("T", " ")
    return value.isoformat(sep=" ", timespec="seconds")


def bool_out(value: bool | int) -> str:
    return "true" if value else "false"


def _exact(value: Decimal | float | int | str) -> Decimal:
    """SQLite keeps DECIMAL as a number; its shortest repr is the stored amount (money is kept
    under a billion, where that is exact to the cent)."""
    return value if isinstance(value, Decimal) else Decimal(str(value)).quantize(CENT)


def money_number(value: Decimal | float | int | str) -> orjson.Fragment:
    """A JSON number with the exact digits (`"EstBalance": 40.11`), never through a float."""
    return orjson.Fragment(str(_exact(value)).encode())


def money_fixed(value: Decimal | float | int | str) -> str:
    """A string with two decimals, as Open Dental sends `ProcFee` ("130.00")."""
    return f"{_exact(value):.2f}"


def money_short(value: Decimal | float | int | str) -> str:
    """A string without trailing zeros, as Open Dental sends `PayAmt` ("339", "129.9")."""
    amount = _exact(value)
    return format(amount.normalize(), "f") if amount else "0"


def enum_out(enum_class: type[enum.IntEnum]) -> Convert:
    """The label of a stored number; a number outside the enum (written by plain SQL) goes out
    as its digits rather than failing the request."""
    labels = {int(member): label(member) for member in enum_class}
    return lambda value: labels.get(value) or str(value)


MONEY_TYPES: dict[Convert, type] = {money_number: float, money_fixed: str, money_short: str}


@dataclass(frozen=True)
class Field:
    name: str
    expr: ColumnElement[Any]
    out: Convert | None
    """None: the value goes out as it is (numbers, strings)."""
    doc_type: Any


def field(
    name: str,
    column: ColumnElement[Any] | QueryableAttribute[Any],
    money: Convert | None = None,
) -> Field:
    """A JSON field read by `column`; its kind follows the column's type. Text and numbers
    that are NULL (from an outer join) go out as "" and 0: Open Dental sends no nulls."""
    expr = column.expression if isinstance(column, QueryableAttribute) else column
    sql_type = expr.type
    out: Convert | None
    doc: Any
    # The SQL for "nothing": inline, not a bound parameter (binding forty costs every request).
    empty: str | None = None
    if isinstance(sql_type, IntEnumType):
        enum_class: type[enum.IntEnum] = sql_type.enum_class
        out, doc = enum_out(enum_class), Literal[tuple(label(m) for m in enum_class)]
    elif isinstance(sql_type, Bool):
        out, doc = bool_out, Literal["true", "false"]
    elif isinstance(sql_type, ODDateTime):
        out, doc = datetime_out, str
    elif isinstance(sql_type, ODDate):
        out, doc = date_out, str
    elif isinstance(sql_type, Money):
        if money is None:
            raise TypeError(f"{name}: say how this resource sends money")
        out, doc = money, MONEY_TYPES[money]
    elif isinstance(sql_type, String | Text):
        out, doc, empty = None, str, "''"
    else:
        out, doc, empty = None, int, "0"
    if empty is not None:
        expr = func.coalesce(expr, literal_column(empty), type_=sql_type)
    if out is not None:
        expr = type_coerce(expr, NullType())  # the driver's value, converted once, by `out`
    return Field(name, expr.label(name), out, doc)


class Shape:
    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        from_: FromClause,
        *,
        server_time: bool = False,
        server_time_first: bool = False,
    ) -> None:
        self.title = title
        self.fields = tuple(fields)
        self.from_ = from_
        self.server_time = server_time or server_time_first
        """Add "serverDateTime" to each row (resources clients sync with DateTStamp)."""
        self.server_time_first = server_time_first
        """Send "serverDateTime" as the first field (Appointments) instead of the last."""
        self._names = tuple(f.name for f in self.fields)
        self._converted = tuple((f.name, i, f.out) for i, f in enumerate(self.fields) if f.out)
        """Only the fields whose value is converted: the rest go out as read (dict(zip()))."""
        doc_fields: dict[str, Any] = {}
        if server_time_first:
            doc_fields["serverDateTime"] = (str, ...)
        doc_fields.update({f.name: (f.doc_type, ...) for f in self.fields})
        if server_time and not server_time_first:
            doc_fields["serverDateTime"] = (str, ...)
        self.model: type[BaseModel] = create_model(title, **doc_fields)
        self.many: Any = list.__class_getitem__(self.model)
        """The documented answer of a list route: a bare JSON array of `model`."""

    def select(self) -> Select[Any]:
        return select(*(f.expr for f in self.fields)).select_from(self.from_)

    def row(self, values: Sequence[Any], server_time: str | None = None) -> dict[str, Any]:
        out: dict[str, Any]
        if self.server_time_first:
            out = {"serverDateTime": server_time or datetime_out(clock.now())}
            out.update(zip(self._names, values, strict=True))
        else:
            out = dict(zip(self._names, values, strict=True))
        # Replacing a key's value keeps its place: the fields stay in Open Dental's order.
        for name, i, convert in self._converted:
            out[name] = convert(values[i])
        if self.server_time and not self.server_time_first:
            out["serverDateTime"] = server_time or datetime_out(clock.now())
        return out

    def rows(self, rows: Iterable[Sequence[Any]]) -> list[dict[str, Any]]:
        now = datetime_out(clock.now())
        if self.server_time:
            return [self.row(r, now) for r in rows]
        names, converted = self._names, self._converted
        out = []
        for values in rows:  # row() inlined: a page is the hot path
            item = dict(zip(names, values, strict=True))
            for name, i, convert in converted:
                item[name] = convert(values[i])
            out.append(item)
        return out


class JSON(Response):
    """orjson-encoded JSON; Open Dental clients expect `application/json`."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


def created(request: Any, route: str, body: dict[str, Any], **params: int) -> JSON:
    """201 with the created object and its `Location` (an absolute URL, as Open Dental sends)."""
    location = str(request.url_for(route, **params))
    return JSON(body, status_code=201, headers={"Location": location})


def found(row: dict[str, Any] | None, what: str, field: str, key: int) -> dict[str, Any]:
    """The row read for `key`, or 404 "Patient 12 not found" naming the key's field."""
    if row is None:
        raise NotFound(f"{what} {key} not found", field=field)
    return row
