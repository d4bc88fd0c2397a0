"""A checked query written for its engine, meaning what it means on MySQL: names in the
schema's own case, and where PostgreSQL or SQLite would differ or refuse, rewritten
(`postgresql`, `sqlite`) before sqlglot writes it out."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import ClassVar

from sqlglot import exp
from sqlglot.dialects.sqlite import SQLite

from enamel.queries.dialects import postgresql, sqlite
from enamel.queries.dialects.common import DATE_TEXT, adddate, one_of
from enamel.queries.schema import READABLE_TABLES, canonical_names, declared_kind, source_nodes

_DIALECTS = {"mysql": "mysql", "postgresql": "postgres", "sqlite": "sqlite"}


def render(tree: exp.Expr, dialect: str, named: list[exp.Alias] | None = None) -> str:
    """The checked `tree` (the caller's own: rewritten in place) as `dialect`'s SQL text;
    `named`: its aliases, when the caller has found them already."""
    canonical = canonical_names()
    # MySQL compares column aliases in any case too: `AS ZipCode ... GROUP BY zipcode`.
    found = tree.find_all(exp.Alias) if named is None else named
    aliases = {a.alias.lower(): a.alias for a in found if a.alias}

    def spell(node: exp.Expr) -> exp.Expr:
        if not _SPELLED(type(node)):
            return node
        if isinstance(node, exp.Column) and isinstance(node.this, exp.Identifier):
            key = node.name.lower()
            proper = canonical.get(key) or (aliases.get(key) if not node.table else None)
            if proper is not None and proper != node.name:
                node.set("this", exp.to_identifier(proper))
        elif isinstance(node, exp.Table) and node.name.lower() in READABLE_TABLES:
            node.set("this", exp.to_identifier(node.name.lower()))
        elif isinstance(node, exp.Join):
            for name in node.args.get("using") or []:  # JOIN ... USING (patnum)
                proper = canonical.get(name.name.lower())
                if isinstance(name, exp.Identifier) and proper is not None:
                    name.set("this", proper)
        return node

    # One walk, children first: a node's names are spelled before its own rewrite looks at
    # them (GROUP BY keys are compared as written).
    if dialect == "sqlite":
        spelled = _bottom_up(tree, lambda n: sqlite.like_mysql(spell(n)), _ON_SQLITE)
        return spelled.sql(dialect=_SQLiteBackticks, identify=True, comments=False, copy=False)
    if dialect == "postgresql":
        spelled = _bottom_up(tree, lambda n: postgresql.like_mysql(spell(n)), _ON_POSTGRESQL)
    else:
        spelled = tree.transform(spell, copy=False)
    if dialect == "mysql" and spelled.find(exp.RegexpLike):
        spelled = _bottom_up(spelled, _regexp_for_mariadb, one_of(exp.RegexpLike))
    return spelled.sql(dialect=_DIALECTS[dialect], identify=True, comments=False, copy=False)


def _bottom_up(
    tree: exp.Expr, rewrite: Callable[[exp.Expr], exp.Expr], wanted: Callable[[type], bool]
) -> exp.Expr:
    """`tree` with `rewrite` applied to every node of a `wanted` class, children before their
    parent, so that what a rewrite puts in a node's place holds rewritten arguments
    (`DATE_FORMAT(CURDATE() - INTERVAL 1 MONTH, ...)`); sqlglot's `transform` does not look
    inside a replacement."""
    for node in reversed(list(tree.dfs())):
        if not wanted(type(node)):
            continue
        parent, key, index = node.parent, node.arg_key, node.index
        new = rewrite(node)
        if new is not node and parent is not None and key and node.parent is not parent:
            # the rewrite put the node inside its replacement (CASE ... ELSE node END):
            # the replacement takes the node's place in the parent it had
            parent.set(key, new, index)
            continue
        if new is not node:
            if node is tree:
                tree = new
            else:
                node.replace(new)
    return tree


def _regexp_for_mariadb(node: exp.Expr) -> exp.Expr:
    """`x REGEXP y` as MariaDB spells it: sqlglot writes MySQL 8's REGEXP_LIKE(x, y), which
    MariaDB lacks (and its generator cannot be subclassed). The operands are written by sqlglot
    from the checked tree; the operator is put between them."""
    if not isinstance(node, exp.RegexpLike):
        return node
    left, right = (
        part.sql(dialect="mysql", identify=True, comments=False)
        for part in (node.this, node.expression)
    )
    return exp.Paren(this=exp.Var(this=f"{left} REGEXP {right}"))


class _SQLiteBackticks(SQLite):
    """SQLite, quoting names with backticks: a double-quoted name that matches no column is a
    string to SQLite, so a misspelled column would answer its own name instead of an error."""

    class Tokenizer(SQLite.Tokenizer):
        IDENTIFIERS: ClassVar[list[str | tuple[str, str]]] = ["`", '"']


_SPELLED = one_of(exp.Column, exp.Table, exp.Join)
_ON_POSTGRESQL = cache(lambda cls: _SPELLED(cls) or postgresql.REWRITTEN(cls))
_ON_SQLITE = cache(lambda cls: _SPELLED(cls) or sqlite.REWRITTEN(cls))
"""The node classes a walk for the engine visits (names to spell, or rewrites)."""


_TEXT_VALUES = (
    exp.TimeToStr,
    exp.Concat,
    exp.ConcatWs,
    exp.Substring,
    exp.Left,
    exp.Right,
    exp.Upper,
    exp.Lower,
    exp.Trim,
    exp.Pad,
    exp.GroupConcat,
    exp.SubstringIndex,
    exp.NumberToStr,
)
"""Expressions MySQL answers as text, whatever their text looks like."""
_TIME_UNITS = frozenset({"MICROSECOND", "SECOND", "MINUTE", "HOUR"})


def text_outputs(tree: exp.Expr) -> tuple[bool, ...] | None:
    """Which of the query's output columns MySQL answers as text (`DATE_FORMAT(ProcDate,
    '%Y-%m-%d')`, `CONCAT(...)`, `CAST(x AS CHAR)`): SQLite, which has no types, must not take
    their date-shaped text for dates. Date arithmetic on a date's text is text in MySQL too
    (`'2026-01-31' + INTERVAL 1 MONTH` is '2026-02-28', not a date): such an output column is
    written as that text on every engine (the tree is changed in place). None when the columns
    cannot be told apart (a UNION, a `t.*`)."""
    if not isinstance(tree, exp.Select):
        return None
    texts = []
    for item in tree.expressions:
        value = item.this if isinstance(item, exp.Alias) else item
        if isinstance(value, exp.Star) or (isinstance(value, exp.Column) and value.is_star):
            return None
        shape = _shape_of_date_text(value)
        if shape is not None:
            value.replace(exp.TimeToStr(this=value.copy(), format=exp.Literal.string(shape)))
        texts.append(
            shape is not None
            or isinstance(value, _TEXT_VALUES)
            or (isinstance(value, exp.Cast) and value.to.is_type("char", "varchar", "text"))
        )
    return tuple(texts)


def output_kinds(tree: exp.Expr, texts: tuple[bool, ...] | None) -> tuple[str, ...] | None:
    """What each output column holds, for SQLite to write its values in Open Dental's form
    (`values.sqlite_json`): "text" (`texts`: MySQL's text), "date", "datetime" or "time" (a
    practice table's column of that type, or its MIN or MAX), "plain" (another column, a
    count, a sum or a number) or "guess" (anything else: its values are looked at). None where
    `texts` is."""
    if texts is None or not isinstance(tree, exp.Select):
        return None
    kinds = []
    found = source_nodes(tree)
    for item, text in zip(tree.expressions, texts, strict=True):
        value = item.this if isinstance(item, exp.Alias) else item
        if isinstance(value, exp.Max | exp.Min) and not value.expressions:
            value = value.this
        if text or _numeric(value):
            kinds.append("text" if text else "plain")
        elif isinstance(value, exp.Column):
            kinds.append(declared_kind(found, value) or "guess")
        else:
            kinds.append("guess")
    return tuple(kinds)


def _numeric(value: exp.Expr) -> bool:
    """Whether the value is a number (or a name), never a date's text."""
    if isinstance(value, exp.Add | exp.Sub):
        return not isinstance(value.expression, exp.Interval)  # a date ± INTERVAL is a date
    return isinstance(value, _NUMBERS) or (isinstance(value, exp.Literal) and not value.is_string)


_NUMBERS = (
    exp.Count,
    exp.Sum,
    exp.Avg,
    exp.Round,
    exp.Floor,
    exp.Ceil,
    exp.Abs,
    exp.Mul,
    exp.Div,
    exp.IntDiv,
    exp.Mod,
    exp.Year,
    exp.Month,
    exp.Day,
    exp.Dayname,
    exp.Length,
)
"""Values that are numbers (or a day's name) whatever they are made of."""


def _shape_of_date_text(value: exp.Expr) -> str | None:
    """The strftime format of date arithmetic on a date's text, as MySQL writes its result: a
    date, or a date-time when the text or a unit has a time; None for anything else."""
    if isinstance(value, exp.Anonymous):
        value = adddate(value) or value
    if isinstance(value, exp.DateAdd | exp.DateSub):
        base, unit = value.this, value.args.get("unit")
    elif isinstance(value, exp.Add | exp.Sub) and isinstance(value.expression, exp.Interval):
        base, unit = value.this, value.expression.args.get("unit")
    else:
        return None
    timed = unit is not None and unit.name.upper() in _TIME_UNITS
    if isinstance(base, exp.Literal) and base.is_string:
        found = DATE_TEXT.fullmatch(base.this.strip())
        if found is None:
            return None
        timed = timed or found.group(2) is not None
    else:
        inner = _shape_of_date_text(base)
        if inner is None:
            return None
        timed = timed or "%H" in inner
    return "%Y-%m-%d %H:%M:%S" if timed else "%Y-%m-%d"
