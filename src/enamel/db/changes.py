"""Applying a caller's changes to a row, field by field."""

from __future__ import annotations

from dataclasses import fields
from typing import Any


def apply_changes(row: Any, data: Any, *, skip: tuple[str, ...] = ()) -> list[str]:
    """Copy every field of the dataclass `data` that is not None onto `row`; strings are
    stripped. Returns the names of the fields whose value changed."""
    changed = []
    for f in fields(data):
        if f.name in skip:
            continue
        value = getattr(data, f.name)
        if value is None:
            continue
        if isinstance(value, str):
            value = value.strip()
        if getattr(row, f.name) != value:
            setattr(row, f.name, value)
            changed.append(f.name)
    return changed
