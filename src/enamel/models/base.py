"""The declarative base and the column shapes Open Dental's tables are made of.

Open Dental's columns are NOT NULL with "empty" values (0, '', `0001-01-01`); the server
defaults below give a row written by plain SQL the same empty values as one written by Enamel.
Open Dental declares no foreign keys (0 means "none" in every reference column), and neither
does Enamel: the services check references.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

from sqlalchemy import MetaData, String, Text, func
from sqlalchemy.orm import DeclarativeBase, MappedColumn, mapped_column

from enamel.db import clock
from enamel.db.types import Bool, IntEnumType, Key, Money, ODDate, ODDateTime

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)

    def __init__(self, **values: Any) -> None:
        """A new row starts with Open Dental's empty values (0, '', `0001-01-01`) rather than
        None, so that rules see the same values before and after the INSERT."""
        cls = type(self)
        for key, default in _scalar_defaults(cls).items():
            values.setdefault(key, default)
        for key, value in values.items():
            if not hasattr(cls, key):
                raise TypeError(f"{key!r} is not a column of {cls.__name__}")
            setattr(self, key, value)


_DEFAULTS: dict[type[Any], dict[str, Any]] = {}


def _scalar_defaults(cls: type[Any]) -> dict[str, Any]:
    defaults = _DEFAULTS.get(cls)
    if defaults is None:
        defaults = {
            column.key: column.default.arg
            for column in cls.__table__.columns
            if column.default is not None and column.default.is_scalar
        }
        _DEFAULTS[cls] = defaults
    return defaults


def pk() -> MappedColumn[Any]:
    return mapped_column(Key, primary_key=True, autoincrement=True)


def ref(**kw: Any) -> MappedColumn[Any]:
    """A reference to another table's key; 0 means none."""
    return mapped_column(Key, nullable=False, default=0, server_default="0", **kw)


def num(**kw: Any) -> MappedColumn[Any]:
    from sqlalchemy import Integer

    return mapped_column(Integer, nullable=False, default=0, server_default="0", **kw)


def varchar(length: int = 255, **kw: Any) -> MappedColumn[Any]:
    return mapped_column(String(length), nullable=False, default="", server_default="", **kw)


def text(*, type_: Any = Text, **kw: Any) -> MappedColumn[Any]:
    return mapped_column(type_, nullable=False, default="", server_default="", **kw)


def money(**kw: Any) -> MappedColumn[Any]:
    return mapped_column(Money, nullable=False, default=Decimal("0.00"), server_default="0", **kw)


def flag(*, on: bool = False, **kw: Any) -> MappedColumn[Any]:
    """A boolean as Open Dental keeps it (0 or 1); off unless `on`."""
    return mapped_column(Bool, nullable=False, default=on, server_default="1" if on else "0", **kw)


def enum_col(enum_class: type[enum.IntEnum], default: enum.IntEnum, **kw: Any) -> MappedColumn[Any]:
    return mapped_column(
        IntEnumType(enum_class),
        nullable=False,
        default=default,
        server_default=str(int(default)),
        **kw,
    )


def date(**kw: Any) -> MappedColumn[Any]:
    return mapped_column(
        ODDate, nullable=False, default=clock.MIN_DATE, server_default="0001-01-01", **kw
    )


def datetime(**kw: Any) -> MappedColumn[Any]:
    return mapped_column(
        ODDateTime,
        nullable=False,
        default=clock.MIN_DATETIME,
        server_default="0001-01-01 00:00:00",
        **kw,
    )


def entry_datetime(**kw: Any) -> MappedColumn[Any]:
    """Set once when the row is inserted (Open Dental's `DateTEntry` columns)."""
    return mapped_column(
        ODDateTime,
        nullable=False,
        default=clock.now,
        server_default=func.current_timestamp(),
        **kw,
    )


def entry_date(**kw: Any) -> MappedColumn[Any]:
    """Set once when the row is inserted (Open Dental's `DateEntry` columns)."""
    return mapped_column(
        ODDate, nullable=False, default=clock.today, server_default="0001-01-01", **kw
    )


def timestamp() -> MappedColumn[Any]:
    """`DateTStamp`: when the row last changed; API clients sync on it."""
    return mapped_column(
        ODDateTime,
        nullable=False,
        default=clock.now,
        onupdate=clock.now,
        server_default=func.current_timestamp(),
        index=True,
    )


def edit_timestamp() -> MappedColumn[Any]:
    """`SecDateTEdit`: Open Dental's changed-at column on financial tables; kept beside
    `DateTStamp`, which every table has for sync."""
    return mapped_column(
        ODDateTime,
        nullable=False,
        default=clock.now,
        onupdate=clock.now,
        server_default=func.current_timestamp(),
    )


__all__ = [
    "Base",
    "date",
    "datetime",
    "dt",
    "edit_timestamp",
    "entry_date",
    "entry_datetime",
    "enum_col",
    "flag",
    "money",
    "num",
    "pk",
    "ref",
    "text",
    "timestamp",
    "varchar",
]
