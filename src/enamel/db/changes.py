"""Applying a caller's changes to a row, field by field."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from sqlalchemy import BigInteger, Integer, SmallInteger, String, Text

from enamel.errors import InvalidInput

TEXT_BYTES = 65_535
"""MariaDB's TEXT holds this many bytes; Enamel keeps every engine to it."""


def apply_changes(row: Any, data: Any, *, skip: tuple[str, ...] = ()) -> list[str]:
    """Copy every field of the dataclass `data` that is not None onto `row`; strings are
    stripped. Returns the names of the fields whose value changed.

    A value that does not fit its column (text too long, a number out of range, a string that
    cannot be stored as UTF-8) is a 400 naming the field, on every engine: SQLite would store
    it anyway and MariaDB and PostgreSQL would fail the transaction.
    """
    changed = []
    columns = type(row).__table__.columns
    for f in fields(data):
        if f.name in skip:
            continue
        value = getattr(data, f.name)
        if value is None:
            continue
        if isinstance(value, str):
            value = value.strip()
        if f.name in columns:
            check_fits(columns[f.name].type, value, f.name)
        if getattr(row, f.name) != value:
            setattr(row, f.name, value)
            changed.append(f.name)
    return changed


def check_fits(sql_type: Any, value: Any, field: str) -> None:
    if isinstance(value, str):
        try:
            size = len(value.encode("utf-8"))
        except UnicodeEncodeError:
            raise InvalidInput(
                f"{field} contains characters that are not valid text", field=field
            ) from None
        if "\x00" in value:
            raise InvalidInput(f"{field} contains a NUL character", field=field)
        if isinstance(sql_type, String) and not isinstance(sql_type, Text) and sql_type.length:
            if len(value) > sql_type.length:
                raise InvalidInput(
                    f"{field} is longer than {sql_type.length} characters", field=field
                )
        elif isinstance(sql_type, Text) and size > TEXT_BYTES:
            raise InvalidInput(f"{field} is longer than {TEXT_BYTES} bytes", field=field)
    elif isinstance(value, int) and not isinstance(value, bool):
        impl = getattr(sql_type, "impl", sql_type)
        if isinstance(impl, BigInteger):
            low, high = -(2**63), 2**63 - 1
        elif isinstance(impl, SmallInteger):
            low, high = -(2**15), 2**15 - 1
        elif isinstance(impl, Integer):
            low, high = -(2**31), 2**31 - 1
        else:
            return
        if not low <= value <= high:
            raise InvalidInput(f"{field}: {value} is out of range", field=field)
