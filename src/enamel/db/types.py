"""Column types that keep Open Dental's storage conventions on every engine.

- keys are BIGINT (SQLite needs INTEGER for its auto-increment row id),
- money is DECIMAL(20, 2) and is a `Decimal` in Python, never a float,
- enums and booleans are small integers holding Open Dental's numbers, so that SQL written for
  Open Dental (`WHERE AptStatus = 1 AND IsHidden = 0`) means the same here.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any, Generic, TypeVar

from sqlalchemy import BigInteger, Date, DateTime, Integer, Numeric, SmallInteger, Text
from sqlalchemy.dialects import mysql
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

from enamel.db.clock import MIN_DATE, MIN_DATETIME

Key = BigInteger().with_variant(Integer(), "sqlite")
LongText = Text().with_variant(mysql.LONGTEXT(), "mysql", "mariadb")
"""Text that may exceed MariaDB's TEXT (64 KiB): whole rows as JSON in the change capture."""
"""Primary and reference keys: BIGINT, as Open Dental's `long` columns."""

CENT = Decimal("0.01")


def to_money(value: Decimal | int | str) -> Decimal:
    """Exact money with two decimals; floats are refused, they cannot hold cents exactly."""
    if isinstance(value, float):
        raise TypeError("money must be a Decimal, an int or a string, never a float")
    return Decimal(value).quantize(CENT)


class Money(TypeDecorator[Decimal]):
    """DECIMAL(20, 2). SQLite has no decimal type: it keeps the value as text-converted numeric
    and this type turns it back into an exact two-decimal `Decimal`."""

    impl = Numeric(20, 2)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(Numeric(20, 2, asdecimal=False))
        return dialect.type_descriptor(Numeric(20, 2))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        money = to_money(value)
        return str(money) if dialect.name == "sqlite" else money

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return Decimal(str(value)).quantize(CENT)


E = TypeVar("E", bound=enum.IntEnum)


class IntEnumType(TypeDecorator[E], Generic[E]):
    """An Open Dental enum stored as its number (TINYINT in Open Dental, SMALLINT here)."""

    impl = SmallInteger
    cache_ok = True

    def __init__(self, enum_class: type[E]) -> None:
        super().__init__()
        self.enum_class = enum_class

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        return int(self.enum_class(value))

    def process_result_value(self, value: Any, dialect: Dialect) -> E | None:
        if value is None:
            return None
        return self.enum_class(int(value))


class Bool(TypeDecorator[bool]):
    """Open Dental's booleans are TINYINT 0/1; a SMALLINT keeps `IsHidden = 0` valid on
    PostgreSQL too, where a BOOLEAN column would refuse the comparison."""

    impl = SmallInteger
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        return 1 if value else 0

    def process_result_value(self, value: Any, dialect: Dialect) -> bool | None:
        if value is None:
            return None
        return bool(value)


class ODDate(TypeDecorator[dt.date]):
    """DATE where "no date" is `0001-01-01`, never NULL."""

    impl = Date
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> dt.date:
        return MIN_DATE if value is None else value

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.date:
        if value is None:
            return MIN_DATE
        if isinstance(value, dt.datetime):
            return value.date()
        return value  # type: ignore[no-any-return]


class ODDateTime(TypeDecorator[dt.datetime]):
    """DATETIME, naive server-local, one-second precision; "none" is `0001-01-01 00:00:00`."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> dt.datetime:
        if value is None:
            return MIN_DATETIME
        return value.replace(microsecond=0)  # type: ignore[no-any-return]

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime:
        if value is None:
            return MIN_DATETIME
        return value  # type: ignore[no-any-return]


__all__ = ["CENT", "Bool", "IntEnumType", "Key", "Money", "ODDate", "ODDateTime", "to_money"]
