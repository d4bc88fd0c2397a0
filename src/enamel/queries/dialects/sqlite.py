"""A checked MySQL query as SQLite must hear it to mean what MySQL means: MySQL's functions
SQLite lacks are Enamel's own (`functions`, on every query connection), and date-times are
compared in the text SQLite stores."""

from __future__ import annotations

from sqlglot import exp

from enamel.queries.dialects import decimals
from enamel.queries.dialects.common import (
    COMPARISONS,
    DATE_TEXT,
    adddate,
    branches_as_text,
    computed_text,
    count_ignoring_case,
    days_from_year_one,
    group_ignoring_case,
    having_as_where,
    ignoring_case,
    min_max_ignoring_case,
    one_of,
    order_ignoring_case,
    qualify_keys,
    single_output,
    time_pattern,
    unit_of,
)
from enamel.queries.refusals import QueryRefused
from enamel.queries.schema import date_time_columns, money_columns


def _date_add(value: exp.Expr, amount: exp.Expr, unit: exp.Expr | None) -> exp.Expr:
    """MySQL's date arithmetic on SQLite, by Enamel's DATE_ADD_MYSQL (months keep MySQL's
    end-of-month rule: 2026-03-31 minus one month is 2026-02-28)."""
    name = unit.name.upper() if unit is not None else "DAY"
    return exp.Anonymous(
        this="DATE_ADD_MYSQL",
        expressions=[
            value,
            exp.Cast(this=amount, to=exp.DataType.build("INT")),
            exp.Literal.string(name),
        ],
    )


REWRITTEN = one_of(
    exp.Select,
    exp.Case,
    exp.If,
    exp.Count,
    exp.Sum,
    exp.Min,
    exp.Max,
    exp.Round,
    exp.Trunc,
    exp.Length,
    exp.Cast,
    exp.Anonymous,
    exp.StrToDate,
    exp.StrToTime,
    exp.Extract,
    exp.Concat,
    exp.In,
    exp.GroupConcat,
    exp.Left,
    exp.Right,
    *COMPARISONS,
    exp.CurrentDate,
    exp.Add,
    exp.Sub,
    exp.DateAdd,
    exp.DateSub,
    exp.Dayname,
    exp.TimeToStr,
    exp.NumberToStr,
    exp.CurrentTimestamp,
    exp.CurrentDatetime,
    exp.TimestampDiff,
    exp.DateDiff,
)


def like_mysql(node: exp.Expr) -> exp.Expr:
    """SQLite's CURRENT_DATE and CURRENT_TIMESTAMP are UTC; MySQL's, like Enamel's stored
    times, are the server's local time: Enamel's own SQLite functions answer that."""
    if not REWRITTEN(type(node)):
        return node
    if isinstance(node, exp.Select):
        qualify_keys(node)
        order_ignoring_case(node, "sqlite")
        group_ignoring_case(node, "sqlite")
        if node.args.get("having") and not node.args.get("group"):
            return having_as_where(node)
    if isinstance(node, COMPARISONS):
        _compare_stored_date_times(node)
    if isinstance(node, exp.EQ | exp.NEQ | exp.In):
        ignoring_case(node, "sqlite")
    if isinstance(node, (exp.Sum, *COMPARISONS)):
        exact = decimals.exact_on_sqlite(node)
        if exact is not node:
            return exact
    if isinstance(node, exp.GroupConcat):
        return _group_concat_on_sqlite(node)
    if isinstance(node, exp.DateDiff):
        return days_from_year_one(node)
    numbers = _numbers_like_mysql(node)
    if numbers is not node:
        return numbers
    if isinstance(node, exp.Case) or (isinstance(node, exp.If) and node.args.get("false")):
        branches_as_text(
            node, lambda v: exp.Cast(this=_as_mysql_text(v), to=exp.DataType.build("TEXT"))
        )
    if isinstance(node, exp.Min | exp.Max):
        return min_max_ignoring_case(node, "sqlite")
    if isinstance(node, exp.Count) and isinstance(node.this, exp.Distinct):
        values = node.this.expressions  # COUNT(DISTINCT a, b): SQLite counts one value
        count_ignoring_case(node, "sqlite")
        if len(values) > 1:
            joined = values[0]
            for value in values[1:]:
                separated = exp.DPipe(
                    this=joined,
                    expression=exp.Anonymous(this="CHAR", expressions=[exp.Literal.number(31)]),
                )
                joined = exp.DPipe(this=separated, expression=value)
            node.this.set("expressions", [joined])
        return node
    if isinstance(node, exp.Cast) and node.to.is_type("char", "varchar", "text"):
        # CAST(x AS CHAR(3)) keeps 3 characters; a date-time's text has no stored fraction
        params = node.to.expressions
        text = exp.Cast(this=_as_mysql_text(node.this), to=exp.DataType.build("TEXT"))
        if not params:
            return text
        return exp.Substring(this=text, start=exp.Literal.number(1), length=params[0].this)
    if isinstance(node, exp.Anonymous):
        added = adddate(node)
        if added is not None:
            amount = (
                added.expression
                if isinstance(added, exp.DateAdd)
                else exp.Neg(this=added.expression)
            )
            return _date_add(added.this, amount, added.args.get("unit"))
        if node.name.upper() == "TIME_FORMAT" and len(node.expressions) == 2:
            value, pattern = node.expressions
            if isinstance(pattern, exp.Literal) and pattern.is_string:
                python = exp.Literal.string(time_pattern(pattern.this, postgresql=False))
                return exp.Anonymous(this="TIME_FORMAT_PY", expressions=[value, python])
        return node
    if isinstance(node, exp.StrToDate | exp.StrToTime):
        return exp.Anonymous(this="STR_TO_DATE_PY", expressions=[node.this, node.args["format"]])
    if isinstance(node, exp.Extract):  # EXTRACT(YEAR FROM d): Enamel's functions of each part
        part = _PARTS_ON_SQLITE.get(node.name.upper())
        if part is None:
            raise QueryRefused("function", f"EXTRACT({node.name} FROM ...) is not known here")
        return exp.Anonymous(this=part, expressions=[node.expression])
    if isinstance(node, exp.Concat):  # a date-time's text without SQLite's stored fraction
        # SQLite's || binds tighter than arithmetic: CONCAT('n', a + 1) is 'n' || (a + 1).
        parts = [_as_mysql_text(e) for e in node.expressions]
        node.set(
            "expressions", [exp.Paren(this=e) if isinstance(e, exp.Binary) else e for e in parts]
        )
        return node
    if isinstance(node, exp.Left | exp.Right):  # keywords in SQLite: Enamel's functions
        name = "LEFT_MYSQL" if isinstance(node, exp.Left) else "RIGHT_MYSQL"
        return exp.Anonymous(this=name, expressions=[node.this, node.expression])
    if isinstance(node, exp.CurrentDate):
        return exp.Anonymous(this="CURDATE", expressions=[])
    if isinstance(node, exp.Add | exp.Sub) and isinstance(node.expression, exp.Interval):
        interval = node.expression
        amount = interval.this
        if isinstance(node, exp.Sub):
            amount = exp.Neg(this=amount)
        return _date_add(node.this, amount, interval.unit)
    if isinstance(node, exp.DateAdd | exp.DateSub):
        amount = node.expression
        if isinstance(node, exp.DateSub):
            amount = exp.Neg(this=amount)
        return _date_add(node.this, amount, node.args.get("unit"))
    if isinstance(node, exp.Dayname):
        return exp.Anonymous(this="DAYNAME", expressions=[node.this])
    if isinstance(node, exp.TimeToStr):  # DATE_FORMAT: SQLite's strftime lacks names, %p...
        value = node.this.this if isinstance(node.this, exp.TsOrDsToTimestamp) else node.this
        return exp.Anonymous(this="DATE_FORMAT_PY", expressions=[value, node.args["format"]])
    if isinstance(node, exp.NumberToStr):
        return exp.Anonymous(this="FORMAT", expressions=[node.this, node.args["format"]])
    if isinstance(node, exp.CurrentTimestamp | exp.CurrentDatetime):
        return exp.Anonymous(this="NOW", expressions=[])
    if isinstance(node, exp.TimestampDiff):  # Enamel's function, in run.py
        return exp.Anonymous(
            this="TIMESTAMPDIFF_MYSQL",
            expressions=[exp.Literal.string(unit_of(node)), node.expression, node.this],
        )
    return node


def _numbers_like_mysql(node: exp.Expr) -> exp.Expr:
    """MySQL's rounding where SQLite's differs: ROUND to tens (a negative d) and TRUNCATE(x,
    d) by Enamel's functions; CAST AS DECIMAL(p, s) rounded to s places (SQLite's REAL keeps
    every digit), CAST AS SIGNED rounded (SQLite cuts off); LENGTH counts bytes."""
    if isinstance(node, exp.Round) and isinstance(node.args.get("decimals"), exp.Neg):
        return exp.Anonymous(this="ROUND_MYSQL", expressions=[node.this, node.args["decimals"]])
    if isinstance(node, exp.Trunc):
        places = node.args.get("decimals") or exp.Literal.number(0)
        return exp.Anonymous(this="TRUNCATE_MYSQL", expressions=[node.this, places])
    if isinstance(node, exp.Length) and node.args.get("binary"):
        return exp.Length(this=exp.Cast(this=node.this, to=exp.DataType.build("BLOB")))
    if isinstance(node, exp.Cast) and node.to.is_type("decimal"):
        params = node.to.expressions
        places = params[1].this if len(params) > 1 else exp.Literal.number(0)
        real = exp.Cast(this=node.this, to=exp.DataType.build("DOUBLE"))
        return exp.Round(this=real, decimals=places)
    if (
        isinstance(node, exp.Cast)
        and node.to.is_type("bigint", "int")
        and not (isinstance(node.this, exp.Literal) and node.this.is_string)
    ):
        node.set("this", exp.Round(this=node.this))
    return node


_PARTS_ON_SQLITE = {
    "YEAR": "YEAR",
    "MONTH": "MONTH",
    "DAY": "DAY",
    "HOUR": "HOUR",
    "MINUTE": "MINUTE",
    "SECOND": "SECOND",
    "QUARTER": "QUARTER",
    "WEEK": "WEEK",
}


def _as_mysql_text(value: exp.Expr) -> exp.Expr:
    """A column as MySQL writes it as text: a date-time as `2026-03-01 08:00:00`, not as SQLite
    stores it (`... .000000`); an amount with its two decimals (`110.00`, not SQLite's REAL
    `110.0`)."""
    if isinstance(value, exp.Column) and value.name.lower() in date_time_columns():
        return exp.Substring(this=value, start=exp.Literal.number(1), length=exp.Literal.number(19))
    if isinstance(value, exp.Column) and value.name.lower() in money_columns():
        return exp.Anonymous(this="PRINTF", expressions=[exp.Literal.string("%.2f"), value])
    return value


def _group_concat_on_sqlite(node: exp.GroupConcat) -> exp.Expr:
    """GROUP_CONCAT with ORDER BY, or DISTINCT with a separator: Enamel's aggregate (run.py),
    called with the value, the separator, 1 for DISTINCT, then each key and 1 for DESC."""
    value, keys = node.this, []
    if isinstance(value, exp.Order):
        keys = [
            arg
            for ordered in value.expressions
            for arg in (ordered.this, exp.Literal.number(1 if ordered.args.get("desc") else 0))
        ]
        value = value.this
    distinct = isinstance(value, exp.Distinct)
    if distinct:
        if len(value.expressions) != 1:
            raise QueryRefused("function", "GROUP_CONCAT(DISTINCT ...) takes one value here")
        value = value.expressions[0]
    if not keys and not (distinct and node.args.get("separator")):
        return node  # SQLite's own does the rest
    separator = node.args.get("separator") or exp.Literal.string(",")
    flag = exp.Literal.number(1 if distinct else 0)
    return exp.Anonymous(this="GROUP_CONCAT_MYSQL", expressions=[value, separator, flag, *keys])


_STORED = exp.Literal.string("%Y-%m-%d %H:%M:%S.000000")
"""strftime's pattern of SQLAlchemy's stored date-time (Enamel's have no fraction of a second)."""


def _textual(value: exp.Expr | None) -> bool:
    """Text made when the query runs (DATE_FORMAT is Enamel's function by now)."""
    return computed_text(value) or (
        isinstance(value, exp.Anonymous) and value.name.upper() == "DATE_FORMAT_PY"
    )


def _compare_stored_date_times(node: exp.Expr) -> None:
    """SQLite holds a date-time as text, `2026-03-01 08:00:00.000000` (SQLAlchemy's form), and
    compares it with other text as text; MySQL compares a date-time column with a date's text
    as date-times (`AptDateTime = '2026-03-01 08:00:00'` holds, `DateTimeArrived >
    '0001-01-01'` does not for the zero date). A date or date-time literal compared with a
    date-time column is written in the stored form, so that text order is time order; text
    computed when the query runs is put in that form by strftime."""
    sides = ["this", "expression"] if not isinstance(node, exp.Between) else ["this", "low", "high"]
    values = [node.args.get(side) for side in sides]
    if not any(isinstance(v, exp.Column) and v.name.lower() in date_time_columns() for v in values):
        return
    for side, value in zip(sides, values, strict=True):
        if _textual(value) or _textual(single_output(value)):  # text known when it runs
            node.set(side, exp.Anonymous(this="strftime", expressions=[_STORED, value]))
        if isinstance(value, exp.Literal) and value.is_string:
            found = DATE_TEXT.fullmatch(value.this.strip())
            if found:
                day, clock, seconds = found.groups()
                stored = f"{day} {clock or '00:00'}{seconds or ':00'}.000000"
                node.set(side, exp.Literal.string(stored))
