"""What the PostgreSQL and SQLite rewrites share: MySQL's meaning of names in GROUP BY, ORDER
BY and HAVING, of text comparisons, and of a few functions' arguments."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from sqlglot import exp

from enamel.queries.refusals import QueryRefused
from enamel.queries.schema import source_nodes, text_columns

DATE_TEXT = re.compile(r"(\d{4}-\d\d-\d\d)(?:[ T](\d\d:\d\d)(:\d\d)?)?")
"""A date's text as MySQL reads one: the day, then maybe the time (groups 1, 2 and 3)."""


def one_of(*classes: type) -> Callable[[type], bool]:
    """Whether a node's class is one of `classes` (or theirs): asked once per class, so the
    rewrites called on every node of a tree pass the others by with one lookup."""

    @cache
    def test(cls: type) -> bool:
        return issubclass(cls, classes)

    return test


AGGREGATES = (exp.AggFunc, exp.Window)

COMPARISONS = (exp.EQ, exp.NEQ, exp.GT, exp.GTE, exp.LT, exp.LTE, exp.Between)
"""Where MySQL compares a date or date-time with text as dates."""


def qualify_keys(select: exp.Select) -> None:
    """`SELECT a.PatNum ... FROM appointment a JOIN patient p ... GROUP BY PatNum ORDER BY
    PatNum`: MySQL takes an unqualified key for the column of the select list with that name;
    PostgreSQL and SQLite refuse it as ambiguous. The key is qualified as that column (the same
    column when the name was not ambiguous)."""
    group, order = select.args.get("group"), select.args.get("order")
    keys = [
        *(group.expressions if group else []),
        *(o.this for o in (order.expressions if order else [])),
    ]
    unqualified = [k for k in keys if isinstance(k, exp.Column) and not k.table]
    if not unqualified:
        return
    named: dict[str, list[exp.Expr]] = {}
    for item in select.expressions:
        if isinstance(item, exp.Column | exp.Alias):
            named.setdefault(item.alias_or_name.lower(), []).append(item)
    for key in unqualified:
        found = named.get(key.name.lower(), [])
        if len(found) == 1 and isinstance(found[0], exp.Column) and found[0].table:
            key.set("table", exp.to_identifier(found[0].table))


def order_ignoring_case(select: exp.Select, dialect: str) -> None:
    """MySQL sorts text in any case (`de Vries` among the D's); SQLite, and PostgreSQL in a C
    collation, put every capital first. A text column of the schema in ORDER BY is sorted so:
    on SQLite COLLATE NOCASE, on PostgreSQL by LOWER() (not under SELECT DISTINCT, which may
    sort only by what it selects)."""
    order = select.args.get("order")
    if order is None or (dialect == "postgresql" and select.args.get("distinct")):
        return
    for ordered in order.expressions:
        key = ordered.this
        if isinstance(key, exp.Column) and key.name.lower() in text_columns():
            if dialect == "sqlite":
                ordered.set("this", exp.Collate(this=key, expression=exp.var("NOCASE")))
            else:
                ordered.set("this", exp.Lower(this=key))


def having_as_where(select: exp.Select) -> exp.Expr:
    """HAVING without GROUP BY: MySQL filters the rows by it, and it may name the select list's
    aliases (`HAVING $HowMuch > 0`); the others refuse it or make the query an aggregate. Its
    condition, the aliases replaced by what they name, joins the WHERE: the same rows, as
    nothing is grouped (a window, such as a row counter, then numbers the rows kept, as it does
    on MariaDB). Over an aggregate of all rows it stays HAVING, its aliases replaced likewise."""
    named = {i.alias.lower(): i.this for i in select.expressions if isinstance(i, exp.Alias)}
    condition = select.args["having"].this.transform(lambda n: _unaliased(n, named))
    aggregate = any(
        isinstance(n, exp.AggFunc)
        for part in (*select.expressions, condition)
        for n in part.walk(prune=lambda n: isinstance(n, exp.Subquery | exp.Query | exp.Window))
    )
    if aggregate or condition.find(exp.Window):
        select.set("having", exp.Having(this=condition))
        return select
    select.set("having", None)
    where = select.args.get("where")
    select.set("where", exp.Where(this=exp.and_(where.this, condition) if where else condition))
    return select


def _unaliased(node: exp.Expr, named: dict[str, exp.Expr]) -> exp.Expr:
    """An unqualified name of the select list's alias: what it names, copied."""
    if isinstance(node, exp.Column) and not node.table and node.name.lower() in named:
        copied: exp.Expr = named[node.name.lower()].copy()
        return copied
    return node


def ignoring_case(node: exp.Expr, dialect: str) -> None:
    """MySQL compares text in any case and without trailing spaces (its default collation):
    `LName = 'smith'`, `Abbr IN ('doc1')` and `LName = LOWER((SELECT ...))` find `Smith ` and
    DOC1. A text column compared with text (literals, a string function's result, another
    text column or a subquery answering one of these) is compared so on PostgreSQL (LOWER()
    and RTRIM() of both) and SQLite (RTRIM() and COLLATE NOCASE); so are two literals.
    Sorting and grouping keep the engine's own order."""
    if isinstance(node, exp.In):
        column, side, others = node.this, "this", list(node.expressions)
    elif isinstance(node.this, exp.Column) or not isinstance(node.expression, exp.Column):
        column, side, others = node.this, "this", [node.expression]
    else:
        column, side, others = node.expression, "expression", [node.this]
    if _literal(column) and all(_literal(v) for v in others):
        for literal in (column, *others):
            literal.set("this", literal.this.lower().rstrip(" "))
        return
    if not (isinstance(column, exp.Column) and column.name.lower() in text_columns()):
        return
    if not others or not all(is_text(v) or is_text(single_output(v)) for v in others):
        return
    node.set(side, as_mysql_compares(column.copy(), dialect))
    for other in others:
        if _literal(other):
            text = other.this.rstrip(" ")
            other.set("this", text if dialect == "sqlite" else text.lower())
        else:
            other_trimmed = exp.Anonymous(this="RTRIM", expressions=[other.copy()])
            other.replace(other_trimmed if dialect == "sqlite" else exp.Lower(this=other_trimmed))


def as_mysql_compares(column: exp.Expr, dialect: str) -> exp.Expr:
    """A text column as MySQL's collation compares, groups and counts it: in any case, without
    trailing spaces (PostgreSQL LOWER(RTRIM()), SQLite RTRIM() COLLATE NOCASE)."""
    trimmed = exp.Anonymous(this="RTRIM", expressions=[column])
    if dialect == "sqlite":
        return exp.Collate(this=trimmed, expression=exp.var("NOCASE"))
    return exp.Lower(this=trimmed)


def group_ignoring_case(select: exp.Select, dialect: str) -> None:
    """`GROUP BY City` (or `GROUP BY 1` naming it) puts `Portland` and `portland ` in one
    group, as MySQL does: a text column's key is `as_mysql_compares`. A select alias is left
    as it is."""
    group = select.args.get("group")
    if group is None:
        return
    aliases = {a.alias.lower() for a in select.expressions if isinstance(a, exp.Alias)}
    keys = []
    for key in group.expressions:
        column = key
        if (
            isinstance(key, exp.Literal)
            and key.is_int
            and 0 < int(key.this) <= len(select.expressions)
        ):
            item = select.expressions[int(key.this) - 1]
            column = item.this if isinstance(item, exp.Alias) else item
        elif isinstance(key, exp.Column) and not key.table and key.name.lower() in aliases:
            column = None  # a select alias
        if _text_column(column):
            key = as_mysql_compares(column.copy(), dialect)
        keys.append(key)
    group.set("expressions", keys)


def count_ignoring_case(node: exp.Count, dialect: str) -> None:
    """`COUNT(DISTINCT City)` counts `Portland` and `portland ` once, as MySQL does."""
    values = node.this.expressions if isinstance(node.this, exp.Distinct) else []
    if len(values) == 1 and (_text_column(values[0]) or derived_text(values[0])):
        node.this.set("expressions", [as_mysql_compares(values[0].copy(), dialect)])


def min_max_ignoring_case(node: exp.Min | exp.Max, dialect: str) -> exp.Expr:
    """`MIN(LName)` and `MAX(LName)` of text in MySQL's order (`de Vries` among the D's, as
    `order_ignoring_case` sorts), answering the value as stored: on SQLite the value compared
    COLLATE NOCASE; on PostgreSQL the first of the group's values in the order of their
    LOWER(), then themselves, by ARRAY_AGG."""
    value = node.this
    if not (_text_column(value) or computed_text(value) or derived_text(value)):
        return node
    if dialect == "sqlite":
        node.set("this", exp.Collate(this=value, expression=exp.var("NOCASE")))
        return node
    desc = isinstance(node, exp.Max)
    order = exp.Order(
        this=value.copy(),
        expressions=[
            exp.Ordered(this=exp.Lower(this=value.copy()), desc=desc, nulls_first=False),
            exp.Ordered(this=value.copy(), desc=desc, nulls_first=False),
        ],
    )  # NULLs last: the first is NULL only when all are
    return exp.Bracket(
        this=exp.Paren(this=exp.ArrayAgg(this=order)),
        expressions=[exp.Literal.number(1)],
        offset=1,  # PostgreSQL's first element, as written
    )


def derived_text(value: exp.Expr | None) -> bool:
    """Whether the value is a column of a subquery in FROM or JOIN whose output of that name is
    text (`MIN(v) ... FROM (SELECT 'b' AS v UNION ALL ...) t`; a UNION's first select names
    and types its columns)."""
    outputs = derived_outputs(value)
    return bool(outputs) and (is_text(outputs[0]) or derived_text(outputs[0]))


def derived_outputs(value: exp.Expr | None) -> list[exp.Expr]:
    """What a subquery in FROM or JOIN answers for the column `value` (`t.v` of `FROM (SELECT
    'b' AS v UNION ALL SELECT 'C') t`): an expression for each select of its UNION, at the
    place the first select names; none when the column is not such an output."""
    if not isinstance(value, exp.Column) or value.is_star:
        return []
    select = value.parent_select
    if select is None:
        return []
    name, qualifier = value.name.lower(), value.table.lower()
    for alias, source in source_nodes(select):
        if not isinstance(source, exp.Subquery) or (qualifier and alias != qualifier):
            continue
        selects = _selects(source.this)
        names = [item.alias_or_name.lower() for item in selects[0].expressions] if selects else []
        if name not in names:
            continue
        place = names.index(name)
        if any(place >= len(s.expressions) for s in selects):
            return []
        items = [s.expressions[place] for s in selects]
        return [item.this if isinstance(item, exp.Alias) else item for item in items]
    return []


def _selects(query: exp.Expr) -> list[exp.Select]:
    """A UNION's selects, in order (none when a part is not a plain select)."""
    if isinstance(query, exp.SetOperation):
        left, right = _selects(query.this), _selects(query.expression)
        return left + right if left and right else []
    return [query] if isinstance(query, exp.Select) else []


def _text_column(value: exp.Expr | None) -> bool:
    return (
        isinstance(value, exp.Column) and not value.is_star and value.name.lower() in text_columns()
    )


def _literal(value: exp.Expr | None) -> bool:
    return isinstance(value, exp.Literal) and bool(value.is_string)


COMPUTED_TEXT = (
    exp.Lower,
    exp.Upper,
    exp.Concat,
    exp.ConcatWs,
    exp.Trim,
    exp.Substring,
    exp.Left,
    exp.Right,
    exp.TimeToStr,
)
"""String functions: their value is text made when the query runs."""


def computed_text(value: exp.Expr | None) -> bool:
    """Whether the value is text made when the query runs: a string function's result or a
    cast to text (`CONCAT(...)`, `DATE_FORMAT(...)`, `CAST(x AS CHAR)`)."""
    if isinstance(value, exp.Cast):
        return bool(value.to.is_type("text", "char", "varchar"))
    return isinstance(value, COMPUTED_TEXT)


def is_text(value: exp.Expr | None) -> bool:
    """Whether the value is text: a string literal, a text column of the schema, or text made
    when the query runs."""
    return _literal(value) or _text_column(value) or computed_text(value)


def adddate(node: exp.Anonymous) -> exp.DateAdd | exp.DateSub | None:
    """ADDDATE(d, n) / SUBDATE(d, INTERVAL n unit) as DATE_ADD / DATE_SUB (days by default)."""
    name = node.name.upper()
    if name not in ("ADDDATE", "SUBDATE") or len(node.expressions) != 2:
        return None
    value, amount = node.expressions
    unit: exp.Expr = exp.var("DAY")
    if isinstance(amount, exp.Interval):
        unit, amount = amount.args.get("unit") or unit, amount.this
    kind = exp.DateAdd if name == "ADDDATE" else exp.DateSub
    return kind(this=value, expression=amount, unit=unit)


_TIME_PATTERNS = {
    "%H": ("HH24", "%H"),
    "%k": ("FMHH24", "%-H"),
    "%h": ("HH12", "%I"),
    "%I": ("HH12", "%I"),
    "%l": ("FMHH12", "%-I"),
    "%i": ("MI", "%M"),
    "%S": ("SS", "%S"),
    "%s": ("SS", "%S"),
    "%p": ("AM", "%p"),
    "%f": ("US", "%f"),
    "%T": ("HH24:MI:SS", "%H:%M:%S"),
    "%r": ("HH12:MI:SS AM", "%I:%M:%S %p"),
    "%%": ("%", "%%"),
}
"""TIME_FORMAT's specifiers: PostgreSQL's pattern and Python's."""


def time_pattern(text: str, postgresql: bool) -> str:
    """A TIME_FORMAT format in PostgreSQL's or Python's words; other text kept as text."""
    out, i = [], 0
    while i < len(text):
        token = text[i : i + 2]
        if token in _TIME_PATTERNS:
            out.append(_TIME_PATTERNS[token][0 if postgresql else 1])
            i += 2
        else:
            char = text[i]
            out.append(f'"{char}"' if postgresql and char.isalpha() else char)
            i += 1
    return "".join(out)


SECONDS_IN: dict[str, float] = {
    "MICROSECOND": 0.000001,
    "SECOND": 1,
    "MINUTE": 60,
    "HOUR": 3600,
    "DAY": 86400,
    "WEEK": 604800,
}

MONTHS_IN: dict[str, int] = {"MONTH": 1, "QUARTER": 3, "YEAR": 12}
"""TIMESTAMPDIFF's units: counted in seconds, or in calendar months (a month is whole when the
later moment's day and time of day reach the earlier one's)."""


def unit_of(node: exp.Expr) -> str:
    unit = node.args.get("unit")
    name = unit.name.upper() if unit is not None else "DAY"
    if name.startswith("SQL_TSI_"):  # MySQL's ODBC spellings: SQL_TSI_DAY...
        name = name.removeprefix("SQL_TSI_")
    if name not in SECONDS_IN and name not in MONTHS_IN:
        raise QueryRefused("syntax", f"TIMESTAMPDIFF cannot count in {name}")
    return name


def branches_as_text(node: exp.Expr, as_text: Callable[[exp.Expr], exp.Expr]) -> None:
    """`CASE WHEN ... THEN ProcFee ELSE 'n/a' END`: MySQL answers text when a branch is text;
    PostgreSQL refuses to mix types, SQLite answers each branch's own. The other branches are
    made text (`as_text`)."""
    if isinstance(node, exp.Case):
        holders = [(i, "true") for i in node.args.get("ifs") or []] + [(node, "default")]
    else:
        holders = [(node, "true"), (node, "false")]
    values = [(h, k, h.args.get(k)) for h, k in holders if h.args.get(k) is not None]
    texts = [v for _h, _k, v in values if isinstance(v, exp.Literal) and v.is_string]
    if not texts or len(texts) == len(values):
        return
    for holder, key, value in values:
        if not (
            isinstance(value, exp.Literal | exp.Null)
            and (value.is_string or isinstance(value, exp.Null))
        ):
            holder.set(key, as_text(value))


def days_from_year_one(node: exp.DateDiff) -> exp.Expr:
    """TO_DAYS(x), which sqlglot reads as DATEDIFF(x, '0000-01-01') + 1, counted from
    0001-01-01 instead: PostgreSQL has no year 0, and SQLite's has 366 days where MySQL's has
    365 (TO_DAYS('0001-01-01') is 366). Any other DATEDIFF is left as it is."""
    since = node.expression
    since = since.this if isinstance(since, exp.TsOrDsToDate) else since
    if not (isinstance(since, exp.Literal) and since.this == "0000-01-01"):
        return node
    node.set("expression", exp.TsOrDsToDate(this=exp.Literal.string("0001-01-01")))
    return exp.Paren(this=exp.Add(this=node, expression=exp.Literal.number(365)))


def single_output(value: exp.Expr | None) -> exp.Expr | None:
    """The one output expression of a scalar subquery (`(SELECT DATE_FORMAT(...) FROM ...)`),
    without its alias; None for anything else."""
    query = value.this if isinstance(value, exp.Subquery) else None
    if not isinstance(query, exp.Select) or len(query.expressions) != 1:
        return None
    item: exp.Expr = query.expressions[0]
    return item.this if isinstance(item, exp.Alias) else item
