"""List statements built once per combination of filters and reused with bound values.

SQLAlchemy caches compiled SQL by a key it computes from the statement's structure; computing
that key for a statement rebuilt on every request costs more than running a simple query.
`PagedQuery` keeps one statement object per set of filters used, with every value (offset and
limit too) as a bound parameter, so a request only binds values.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, Connection, CursorResult, Integer, bindparam
from sqlalchemy.sql import Select

Condition = tuple[str, Any, Callable[[BindParameter[Any]], ColumnElement[bool]]]
"""(name, value, clause maker): the filter applies when value is not None; the maker gets the
bound parameter named `name` and returns the WHERE clause."""


class PagedQuery:
    def __init__(self, base: Select[Any], *order_by: Any) -> None:
        self._base = base.order_by(*order_by)
        self._built: dict[tuple[str, ...], Select[Any]] = {}

    def execute(
        self, conn: Connection, conditions: Sequence[Condition], offset: int, limit: int
    ) -> CursorResult[Any]:
        used = [c for c in conditions if c[1] is not None]
        key = tuple(name for name, _, _ in used)
        stmt = self._built.get(key)
        if stmt is None:
            stmt = self._base
            for name, _, make in used:
                stmt = stmt.where(make(bindparam(name)))
            stmt = stmt.offset(bindparam("_offset", type_=Integer)).limit(
                bindparam("_limit", type_=Integer)
            )
            self._built[key] = stmt
        params: dict[str, Any] = {name: value for name, value, _ in used}
        params["_offset"], params["_limit"] = offset, limit
        return conn.execute(stmt, params)


def like_prefix(value: str | None) -> str | None:
    """`value%` for LIKE, with LIKE's own characters escaped (use `escape="\\\\"`)."""
    return None if not value else _escape(value) + "%"


def like_anywhere(value: str | None) -> str | None:
    return None if not value else "%" + _escape(value) + "%"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
