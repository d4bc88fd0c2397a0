"""The practice tables governed reads may read, and what Enamel's schema says of their
columns (their spelling, their types) to the rules and the rewrites."""

from __future__ import annotations

from functools import cache, lru_cache

from sqlalchemy import Date, DateTime, Integer, String, Time
from sqlalchemy.types import TypeDecorator
from sqlglot import exp

from enamel.db.types import Money
from enamel.models import Base

READABLE_TABLES: tuple[str, ...] = (
    "patient",
    "provider",
    "operatory",
    "clinic",
    "definition",
    "procedurecode",
    "procedurelog",
    "appointment",
    "payment",
    "paysplit",
    "adjustment",
    "claimproc",
    "userod",
    "securitylog",
)
"""Open Dental's practice tables; Enamel's own (integrations, audit) are never readable."""

SECRET_COLUMNS: frozenset[str] = frozenset({"password", "securityhash"})
"""Lower-cased: userod.Password (a hash), the row seals."""


def sources(select: exp.Select) -> list[tuple[str, str | None]]:
    """(alias or name, practice table or None) of each FROM and JOIN source, in order."""
    return [(alias, _table(source)) for alias, source in source_nodes(select)]


def source_nodes(select: exp.Select) -> list[tuple[str, exp.Expr]]:
    """(alias or name, node) of each FROM and JOIN source, in order."""
    from_ = select.args.get("from") or select.args.get("from_")
    items: list[exp.Expr] = [from_.this] if from_ is not None else []
    items += [join.this for join in select.args.get("joins") or []]
    return [(item.alias_or_name.lower(), item) for item in items]


def _table(source: exp.Expr) -> str | None:
    """The practice table a source is, or None (a subquery, a CTE)."""
    if isinstance(source, exp.Table) and source.name.lower() in READABLE_TABLES:
        return source.name.lower()
    return None


@lru_cache(maxsize=64)
def visible_columns(table: str) -> tuple[str, ...]:
    columns = Base.metadata.tables[table].columns
    return tuple(c.name for c in columns if c.name.lower() not in SECRET_COLUMNS)


@lru_cache(maxsize=1)
def canonical_names() -> dict[str, str]:
    """Lower-cased column name -> the schema's spelling (MySQL compares names in any case)."""
    names: dict[str, str] = {}
    for table in READABLE_TABLES:
        for column in Base.metadata.tables[table].columns:
            names.setdefault(column.name.lower(), column.name)
    return names


def text_columns() -> frozenset[str]:
    """Lower-cased names of the readable tables' text columns."""
    return _typed_columns(String)


def money_columns() -> frozenset[str]:
    """Lower-cased names of the readable tables' amounts (Enamel's Money: two decimals)."""
    return _typed_columns(Money)


def integer_columns() -> frozenset[str]:
    """Lower-cased names of the readable tables' integer columns (keys, counts, enums)."""
    return _typed_columns(Integer)


def date_columns() -> frozenset[str]:
    """Lower-cased names of the readable tables' date and date-time columns."""
    return _typed_columns(Date, DateTime)


def date_time_columns() -> frozenset[str]:
    """Lower-cased names of the readable tables' date-time columns."""
    return _typed_columns(DateTime)


@cache
def _typed_columns(*types: type) -> frozenset[str]:
    names = set()
    for table in READABLE_TABLES:
        for column in Base.metadata.tables[table].columns:
            kind = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
            if isinstance(column.type, types) or isinstance(kind, types):
                names.add(column.name.lower())
    return frozenset(names)


def declared_kind(found: list[tuple[str, exp.Expr]], column: exp.Column) -> str | None:
    """How the database holds the values of `column`, a column a select reads from a practice
    table (`found`: the select's `source_nodes`): "date", "datetime", "time" or "plain"
    (numbers and text); None when it is not one (a CTE's or a subquery's column, a name no
    table or more than one source has)."""
    qualifier = column.table.lower()
    name = column.name.lower()
    kinds = []
    for alias, source in found:
        if qualifier and alias != qualifier:
            continue
        table = _table(source)
        if table is not None:
            kind = _declared_kinds()[table].get(name)
            if kind is not None:
                kinds.append(kind)
        elif qualifier or not _lacks(source, name):
            return None  # the column may be this source's
    return kinds[0] if len(kinds) == 1 else None


def _lacks(source: exp.Expr, name: str) -> bool:
    """Whether a subquery's output columns are known and `name` is none of them."""
    query = source.this if isinstance(source, exp.Subquery) else None
    if not isinstance(query, exp.Select):
        return False
    names = [item.alias_or_name.lower() for item in query.expressions]
    return "*" not in names and name not in names


@cache
def _declared_kinds() -> dict[str, dict[str, str]]:
    """Table -> lower-cased column name -> its kind (`declared_kind`)."""
    out: dict[str, dict[str, str]] = {}
    for table in READABLE_TABLES:
        kinds = out.setdefault(table, {})
        for column in Base.metadata.tables[table].columns:
            kind = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
            kinds[column.name.lower()] = (
                "datetime"
                if isinstance(kind, DateTime)
                else "date"
                if isinstance(kind, Date)
                else "time"
                if isinstance(kind, Time)
                else "plain"
            )
    return out
