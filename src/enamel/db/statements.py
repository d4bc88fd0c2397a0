"""Read statements built and compiled once, run on the driver's cursor.

SQLAlchemy caches compiled SQL by a key it computes from the statement's structure; computing
that key for a statement rebuilt on every request costs more than running a simple query.
`PagedQuery` keeps one statement object per set of filters used, with every value (offset and
limit too) as a bound parameter, so a request only binds values.

`fetch` runs such a statement compiled once per database dialect directly on the driver's
cursor when every value is a plain int or str (keys, text filters, paging): SQLAlchemy's
execution machinery costs several times what SQLite takes to answer a lookup by key. Values
that need SQLAlchemy's conversion on the way in (dates, enums, lists) take the ordinary path.
The rows are the driver's values either way: API shapes read their converted columns raw.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, Connection, Integer, bindparam
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
    ) -> Sequence[Sequence[Any]]:
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
        return fetch(conn, stmt, params)


_COMPILED: dict[tuple[int, str], Any] = {}


def fetch(conn: Connection, stmt: Select[Any], params: dict[str, Any]) -> Sequence[Sequence[Any]]:
    """The rows of `stmt` (a statement built once and kept: it is cached by identity)."""
    if any(type(v) not in (int, str) for v in params.values()):
        return conn.execute(stmt, params).all()
    key = (id(stmt), conn.dialect.name)
    compiled = _COMPILED.get(key)
    if compiled is None:
        compiled = _COMPILED[key] = (stmt, stmt.compile(dialect=conn.dialect))
    compiled = compiled[1]
    values = compiled.construct_params(params)
    order = compiled.positiontup
    args: Any = tuple(values[name] for name in order) if order is not None else values
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(compiled.string, args)
        return cursor.fetchall()  # type: ignore[no-any-return]
    finally:
        cursor.close()


def like_prefix(value: str | None) -> str | None:
    """`value%` for LIKE, with LIKE's own characters escaped (use `escape="\\\\"`)."""
    return None if not value else _escape(value) + "%"


def like_anywhere(value: str | None) -> str | None:
    return None if not value else "%" + _escape(value) + "%"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
