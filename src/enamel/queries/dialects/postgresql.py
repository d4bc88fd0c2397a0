"""A checked MySQL query as PostgreSQL must hear it to mean what MySQL means (sqlglot's
transpilation does the rest)."""

from __future__ import annotations

import re

from sqlglot import exp

from enamel.queries.dialects import weeks
from enamel.queries.dialects.common import (
    COMPARISONS,
    MONTHS_IN,
    SECONDS_IN,
    adddate,
    branches_as_text,
    computed_text,
    count_ignoring_case,
    days_from_year_one,
    having_as_where,
    ignoring_case,
    is_text,
    min_max_ignoring_case,
    one_of,
    order_ignoring_case,
    qualify_keys,
    single_output,
    time_pattern,
    unit_of,
)
from enamel.queries.dialects.grouping import group_like_mysql
from enamel.queries.refusals import QueryRefused
from enamel.queries.schema import date_columns, text_columns

_OPERATORS: tuple[type[exp.Expr], ...] = (
    exp.Where,
    exp.Having,
    exp.Join,
    exp.Connector,
    exp.Not,
    exp.Sum,
    exp.Avg,
    exp.Add,
    exp.Sub,
    exp.Mul,
    exp.Div,
    *COMPARISONS,
    exp.In,
)
"""Conditions, comparisons and arithmetic: the most frequent nodes, to one handler."""
_OPERATOR = one_of(*_OPERATORS)

REWRITTEN = one_of(
    *_OPERATORS,
    exp.Select,
    exp.Like,
    exp.Substring,
    exp.If,
    exp.Dayname,
    exp.NumberToStr,
    exp.DayOfWeek,
    exp.TimestampDiff,
    exp.Cast,
    exp.RegexpLike,
    exp.GroupConcat,
    exp.TimeToStr,
    exp.DateAdd,
    exp.DateSub,
    exp.Anonymous,
    exp.DayOfYear,
    exp.DayOfMonth,
    exp.Quarter,
    exp.Hour,
    exp.Minute,
    exp.Second,
    exp.LastDay,
    exp.Week,
    exp.WeekOfYear,
    exp.Pad,
    exp.Left,
    exp.Right,
    exp.SubstringIndex,
    exp.Greatest,
    exp.Least,
    exp.Case,
    exp.Length,
    exp.Elt,
    exp.Hex,
    exp.Time,
    exp.Extract,
    exp.DateDiff,
    exp.Count,
    exp.Min,
    exp.Max,
)


def like_mysql(node: exp.Expr) -> exp.Expr:
    """What MySQL means, where PostgreSQL would differ or refuse: LIKE ignores case (MySQL's
    default collation) and takes dates and numbers as text; DAYOFWEEK counts Sunday as 1; an
    integer flag is a condition; TIMESTAMPDIFF counts whole units; text is a date where it
    meets one; a grouped query may name columns it does not group by (MySQL answers any value
    of the group: MIN here), an unqualified key is the select list's column of that name, and
    HAVING may name a column alias."""
    if not REWRITTEN(type(node)):
        return node
    if _OPERATOR(type(node)):  # the most frequent: conditions and arithmetic
        return _operator_like_mysql(node)
    if isinstance(node, exp.Select):
        qualify_keys(node)
        order_ignoring_case(node, "postgresql")
        if node.args.get("group"):
            group_like_mysql(node)
        elif node.args.get("having"):
            return having_as_where(node)
    if isinstance(node, exp.Like):
        return exp.ILike(**{**node.args, "this": _as_text(node.this)})  # NOT LIKE stays NOT
    if isinstance(node, exp.Substring):
        node.set("this", _as_text(node.this))
        start = node.args.get("start")
        if isinstance(start, exp.Neg) and start.this.is_int:  # counted from the end
            tail = exp.Right(this=node.this, expression=start.this)
            length = node.args.get("length")
            return tail if length is None else exp.Left(this=tail, expression=length)
    if (
        isinstance(node, exp.If)
        and not isinstance(node.this, exp.Predicate | exp.Connector | exp.Not | exp.Boolean)
        and not (isinstance(node.parent, exp.Case) and node.parent.this is not None)
    ):  # (in `CASE x WHEN 1 THEN ...` the WHEN holds a value to compare x with, not a flag)
        flag = _text_as_number(node.this, _DECIMAL) if is_text(node.this) else node.this
        node.set("this", exp.NEQ(this=flag, expression=exp.Literal.number(0)))
    if isinstance(node, exp.Dayname):
        return exp.Anonymous(this="TO_CHAR", expressions=[node.this, exp.Literal.string("FMDay")])
    if isinstance(node, exp.NumberToStr):
        decimals = int(node.args["format"].name) if node.args["format"].is_int else 2
        pattern = "FM999,999,999,999,990" + ("." + "0" * decimals if decimals > 0 else "")
        return exp.Anonymous(this="TO_CHAR", expressions=[node.this, exp.Literal.string(pattern)])
    if isinstance(node, exp.DayOfWeek):
        dow = exp.Extract(this=exp.var("DOW"), expression=node.this)
        return exp.Paren(this=exp.Add(this=dow, expression=exp.Literal.number(1)))
    if isinstance(node, exp.TimestampDiff):
        return _timestamp_diff_on_postgresql(node)
    if isinstance(node, exp.Cast) and node.to.is_type("char") and not node.to.expressions:
        node.set("to", exp.DataType.build("TEXT"))  # MySQL's CHAR is text; PostgreSQL's CHAR(1)
    if isinstance(node, exp.Cast) and node.to.is_type("decimal") and not node.to.expressions:
        node.set("to", exp.DataType.build("DECIMAL(10, 0)"))  # MySQL's DECIMAL is DECIMAL(10,0)
    if isinstance(node, exp.Cast) and node.to.is_type(*exp.DataType.UNSIGNED_INTEGER_TYPES):
        node.set("to", exp.DataType.build("BIGINT"))  # CAST(x AS UNSIGNED)
    if isinstance(node, exp.Cast) and node.to.is_type("bigint") and is_text(node.this):
        return _text_as_number(node.this, _INTEGER)  # CAST(ToothNum AS SIGNED): 'A' is 0
    if isinstance(node, exp.TimeToStr) and isinstance(node.args.get("format"), exp.Literal):
        # What sqlglot's PostgreSQL patterns lack: AM/PM and the day with its suffix (5th).
        pattern = node.args["format"].this.replace("%p", "AM").replace("%D", "FMDDth")
        node.set("format", exp.Literal.string(pattern))
    if isinstance(node, exp.GroupConcat):  # of any type, DISTINCT and ORDER BY as in MySQL
        inner = node.this.this if isinstance(node.this, exp.Order) else node.this
        for value in list(inner.expressions if isinstance(inner, exp.Distinct) else [inner]):
            parent, key, index = value.parent, value.arg_key, value.index
            parent.set(key, _as_number(value), index)  # a condition as 1 or 0
        separator = node.args.get("separator") or exp.Literal.string(",")
        return exp.Anonymous(
            this="ARRAY_TO_STRING", expressions=[exp.ArrayAgg(this=node.this), separator]
        )
    if isinstance(node, exp.Count):
        count_ignoring_case(node, "postgresql")
    if isinstance(node, exp.Min | exp.Max):
        return min_max_ignoring_case(node, "postgresql")
    if isinstance(node, exp.RegexpLike):  # MySQL's REGEXP ignores case, as its `=` does
        return exp.RegexpILike(this=node.this, expression=node.expression)
    functions = _functions_on_postgresql(node)
    if functions is not node:
        return functions
    if isinstance(node, exp.DateAdd | exp.DateSub):
        node.set("this", _as_date_time(node.this))  # DATE_ADD('2026-01-01', INTERVAL 1 MONTH)
    return node


def _operator_like_mysql(node: exp.Expr) -> exp.Expr:
    """Conditions, comparisons and arithmetic: dates compared with text, text compared in any
    case, flags as conditions and conditions as numbers."""
    if isinstance(node, exp.Add | exp.Sub) and isinstance(node.expression, exp.Interval):
        node.set("this", _as_date_time(node.this))  # '2026-01-01' + INTERVAL 1 MONTH
    if isinstance(node, COMPARISONS):
        _compare_dates_like_mysql(node)
    if isinstance(node, exp.EQ | exp.NEQ | exp.In):
        ignoring_case(node, "postgresql")
    _flags_like_mysql(node)
    return node


_EXTRACTED: dict[type[exp.Expr], str] = {
    exp.DayOfYear: "DOY",
    exp.DayOfMonth: "DAY",
    exp.Quarter: "QUARTER",
    exp.Hour: "HOUR",
    exp.Minute: "MINUTE",
    exp.Second: "SECOND",
}


def _functions_on_postgresql(node: exp.Expr) -> exp.Expr:
    """MySQL's functions PostgreSQL lacks, written with its own (a date's text taken as one)."""
    name = node.name.upper() if isinstance(node, exp.Anonymous) else ""
    if type(node) in _EXTRACTED:
        value = _as_date_time(_unwrapped(node.this))
        part = exp.Extract(this=exp.var(_EXTRACTED[type(node)]), expression=value)
        return exp.Cast(this=exp.Floor(this=part), to=exp.DataType.build("INT"))
    if name == "WEEKDAY" and len(node.expressions) == 1:  # Monday 0
        dow = exp.Extract(this=exp.var("ISODOW"), expression=_as_date_time(node.expressions[0]))
        return exp.Paren(this=exp.Sub(this=_int(dow), expression=exp.Literal.number(1)))
    if isinstance(node, exp.Week):
        return weeks.on_postgresql(_as_date_time(_unwrapped(node.this)), node.args.get("mode"))
    if isinstance(node, exp.WeekOfYear):  # ISO 8601's week: WEEK's mode 3
        day = _as_date_time(_unwrapped(node.this))
        return weeks.on_postgresql(day, exp.Literal.number(3))
    if name == "YEARWEEK" and len(node.expressions) in (1, 2):
        day = _as_date_time(node.expressions[0])
        mode = node.expressions[1] if len(node.expressions) == 2 else None
        return weeks.on_postgresql(day, mode, yearweek=True)
    if isinstance(node, exp.DateDiff):
        return days_from_year_one(node)
    if name == "MAKEDATE" and len(node.expressions) == 2:
        year, day = node.expressions
        first = exp.Anonymous(
            this="MAKE_DATE",
            expressions=[_int(year), exp.Literal.number(1), exp.Literal.number(1)],
        )
        later = exp.Sub(this=_int(day), expression=exp.Literal.number(1))
        return exp.Paren(this=exp.Add(this=first, expression=later))
    if isinstance(node, exp.Anonymous) and (added := adddate(node)) is not None:
        added.set("this", _as_date_time(added.this))
        return added
    if name == "SEC_TO_TIME" and len(node.expressions) == 1:
        seconds = exp.Anonymous(
            this="MAKE_INTERVAL",
            expressions=[exp.Kwarg(this=exp.var("secs"), expression=node.expressions[0])],
        )
        return exp.Anonymous(
            this="TO_CHAR", expressions=[seconds, exp.Literal.string("HH24:MI:SS")]
        )
    if name == "TIME_FORMAT" and len(node.expressions) == 2:
        value, pattern = node.expressions
        if not (isinstance(pattern, exp.Literal) and pattern.is_string):
            raise QueryRefused("function", "TIME_FORMAT takes its format as text here")
        moment = exp.Add(
            this=exp.Cast(this=exp.Literal.string("2000-01-01"), to=exp.DataType.build("DATE")),
            expression=exp.Cast(this=value, to=exp.DataType.build("TIME")),
        )
        text = exp.Literal.string(time_pattern(pattern.this, postgresql=True))
        return exp.Anonymous(this="TO_CHAR", expressions=[moment, text])
    if isinstance(node, exp.Extract):  # EXTRACT(YEAR FROM '2024-03-05')
        node.set("expression", _as_date_time(node.expression))
    if isinstance(node, exp.Time):  # TIME(d): the time of day
        return exp.Cast(this=node.this, to=exp.DataType.build("TIME"))
    if name == "FIELD" and len(node.expressions) > 1:  # position among the choices, or 0
        value, *choices = node.expressions
        case = exp.Case(
            this=value,
            ifs=[exp.If(this=c, true=exp.Literal.number(i)) for i, c in enumerate(choices, 1)],
            default=exp.Literal.number(0),
        )
        return case
    if isinstance(node, exp.Elt):  # ELT(n, a, b): the nth, or NULL
        return exp.Case(
            this=node.this,
            ifs=[
                exp.If(this=exp.Literal.number(i), true=c)
                for i, c in enumerate(node.expressions, 1)
            ],
        )
    if name == "TIME_TO_SEC" and len(node.expressions) == 1:
        clock = exp.Cast(this=node.expressions[0], to=exp.DataType.build("TIME"))
        return _int(exp.Extract(this=exp.var("EPOCH"), expression=clock))
    if name == "UNIX_TIMESTAMP" and len(node.expressions) <= 1:
        stamp: exp.Expr = (
            exp.Cast(this=node.expressions[0], to=exp.DataType.build("TIMESTAMPTZ"))
            if node.expressions
            else exp.CurrentTimestamp()
        )
        epoch = exp.Extract(this=exp.var("EPOCH"), expression=stamp)
        return exp.Cast(this=exp.Floor(this=epoch), to=exp.DataType.build("BIGINT"))
    if isinstance(node, exp.Case) or (isinstance(node, exp.If) and node.args.get("false")):
        branches_as_text(node, lambda v: exp.Cast(this=v, to=exp.DataType.build("TEXT")))
    if isinstance(node, exp.Greatest | exp.Least):  # NULL among them: NULL, as in MySQL
        values = [node.this, *node.expressions]
        anything_null = exp.or_(*(exp.Is(this=v.copy(), expression=exp.Null()) for v in values))
        return exp.Case(ifs=[exp.If(this=anything_null, true=exp.Null())], default=node)
    if isinstance(node, exp.Length) and node.args.get("binary"):  # LENGTH counts bytes
        return exp.Anonymous(this="OCTET_LENGTH", expressions=[_as_text(node.this)])
    if isinstance(node, exp.Hex):
        value = node.this
        if (isinstance(value, exp.Literal) and value.is_string) or (
            isinstance(value, exp.Column) and value.name.lower() in text_columns()
        ):
            hexed = exp.Anonymous(
                this="ENCODE",
                expressions=[
                    exp.Anonymous(
                        this="CONVERT_TO", expressions=[value, exp.Literal.string("UTF8")]
                    ),
                    exp.Literal.string("hex"),
                ],
            )
        else:
            hexed = exp.Anonymous(
                this="TO_HEX", expressions=[exp.Cast(this=value, to=exp.DataType.build("BIGINT"))]
            )
        return exp.Upper(this=hexed)
    if name == "FIND_IN_SET" and len(node.expressions) == 2:  # 1-based, 0 when absent
        needle, listed = node.expressions
        items = exp.Anonymous(
            this="STRING_TO_ARRAY", expressions=[_as_text(listed), exp.Literal.string(",")]
        )
        found = exp.Anonymous(this="ARRAY_POSITION", expressions=[items, _as_text(needle)])
        return exp.Coalesce(this=found, expressions=[exp.Literal.number(0)])
    if name == "MID" and len(node.expressions) == 3:
        text, start, length = node.expressions
        return exp.Substring(this=_as_text(text), start=start, length=length)
    if isinstance(node, exp.LastDay | exp.Pad | exp.Left | exp.Right):
        node.set("this", (_as_date_time if isinstance(node, exp.LastDay) else _as_text)(node.this))
    if isinstance(node, exp.SubstringIndex):
        return _substring_index(node)
    return node


def _substring_index(node: exp.SubstringIndex) -> exp.Expr:
    """SUBSTRING_INDEX(s, d, n): the parts before the nth delimiter (from the end when n is
    negative), as a slice of the parts' array."""
    count = node.args.get("count")
    sign = -1 if isinstance(count, exp.Neg) else 1
    number = count.this if isinstance(count, exp.Neg) else count
    if not (isinstance(number, exp.Literal) and number.is_int):
        raise QueryRefused("function", "SUBSTRING_INDEX takes its count as a number here")
    n = sign * int(number.this)
    delimiter = node.args["delimiter"]

    def parts() -> exp.Expr:
        return exp.Anonymous(
            this="STRING_TO_ARRAY", expressions=[_as_text(node.this.copy()), delimiter.copy()]
        )

    if n == 0:
        return exp.Literal.string("")
    if n > 0:
        span = exp.Slice(this=exp.Literal.number(1), expression=exp.Literal.number(n))
    else:
        size = exp.Anonymous(this="CARDINALITY", expressions=[parts()])
        span = exp.Slice(this=exp.Add(this=size, expression=exp.Literal.number(n + 1)))
    sliced = exp.Bracket(this=exp.Paren(this=parts()), expressions=[span])
    return exp.Anonymous(this="ARRAY_TO_STRING", expressions=[sliced, delimiter])


def _int(value: exp.Expr) -> exp.Expr:
    return exp.Cast(this=value, to=exp.DataType.build("INT"))


def _unwrapped(value: exp.Expr) -> exp.Expr:
    """The value inside sqlglot's own TsOrDsToDate (it casts to DATE, which a time stamp's hour
    would not survive)."""
    return value.this if isinstance(value, exp.TsOrDsToDate) else value


def _as_text(value: exp.Expr) -> exp.Expr:
    """Any value as text, as MySQL's string functions take it (`LEFT(ProcDate, 7)`)."""
    if isinstance(value, exp.Literal) and value.is_string:
        return value
    return exp.Cast(this=value, to=exp.DataType.build("TEXT"))


_CONDITIONS = (exp.Predicate, exp.Connector, exp.Not, exp.Boolean, exp.Exists, exp.Null)


def _flags_like_mysql(node: exp.Expr) -> None:
    """MySQL has no booleans: a flag (a number) is a condition where one is needed (`WHERE
    IsHygiene`, `NOT IsHidden`), a condition is 1 or 0 where a number is (`SUM(AptStatus =
    2)`), and TRUE and FALSE are 1 and 0 (`IsNewPatient = TRUE`). PostgreSQL keeps the two
    apart; Enamel's flags are numbers there too."""
    if isinstance(node, exp.Where | exp.Having | exp.Not):
        node.set("this", _as_condition(node.this))
    elif isinstance(node, exp.Join) and node.args.get("on") is not None:
        node.set("on", _as_condition(node.args["on"]))
    elif isinstance(node, exp.And | exp.Or):
        node.set("this", _as_condition(node.this))
        node.set("expression", _as_condition(node.expression))
    elif isinstance(node, exp.Sum | exp.Avg):
        node.set("this", _as_number(node.this))
    elif isinstance(node, exp.Add | exp.Sub | exp.Mul | exp.Div) and not isinstance(
        node.expression, exp.Interval
    ):
        node.set("this", _as_number(node.this))
        node.set("expression", _as_number(node.expression))
    elif isinstance(node, exp.EQ | exp.NEQ):
        for side in ("this", "expression"):
            value = node.args.get(side)
            if isinstance(value, exp.Boolean):
                node.set(side, exp.Literal.number(1 if value.this else 0))


def _as_condition(value: exp.Expr) -> exp.Expr:
    inner = value.unnest() if isinstance(value, exp.Paren) else value
    if isinstance(inner, _CONDITIONS) or not isinstance(inner, exp.Expr):
        return value
    return exp.NEQ(this=value, expression=exp.Literal.number(0))


def _as_number(value: exp.Expr) -> exp.Expr:
    """A condition as 1 or 0; text in arithmetic as MySQL reads it, its leading number or 0
    (`'2.5' * 2`)."""
    if isinstance(value, exp.Literal) and value.is_string:
        return _text_as_number(value, _DECIMAL)
    inner = value.unnest() if isinstance(value, exp.Paren) else value
    if isinstance(inner, exp.Predicate | exp.Connector | exp.Not):
        return exp.Cast(this=value, to=exp.DataType.build("INT"))
    return value


_INTEGER = r"^\s*[-+]?[0-9]+"
_DECIMAL = r"^\s*[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)"
"""The leading number MySQL reads in text: an integer (CAST AS SIGNED), or with decimals."""


def _text_as_number(value: exp.Expr, pattern: str) -> exp.Expr:
    """Text as MySQL reads it where a number is needed: its leading number (`pattern`), 0
    when it has none ('A', ''), NULL for NULL. PostgreSQL refuses to cast '12abc' or 'A'."""
    if isinstance(value, exp.Literal) and value.is_string:
        found = re.match(pattern.replace("[0-9]", r"\d"), value.this)
        return exp.Literal.number(found.group(0).strip() if found else 0)
    leading = exp.Anonymous(this="SUBSTRING", expressions=[value, exp.Literal.string(pattern)])
    number = exp.Cast(
        this=exp.Coalesce(this=leading, expressions=[exp.Literal.string("0")]),
        to=exp.DataType.build("BIGINT" if pattern == _INTEGER else "NUMERIC"),
    )
    return exp.Case(
        ifs=[exp.If(this=exp.Is(this=value.copy(), expression=exp.Null()), true=exp.Null())],
        default=number,
    )


def _as_date_time(value: exp.Expr) -> exp.Expr:
    """Text MySQL takes as a date where one is needed (PostgreSQL's text does not cast itself):
    a DATE_FORMAT result, or a string literal."""
    if isinstance(value, exp.TimeToStr) or (isinstance(value, exp.Literal) and value.is_string):
        return exp.Cast(this=value, to=exp.DataType.build("TIMESTAMP"))
    return value


def _compare_dates_like_mysql(node: exp.Expr) -> None:
    """MySQL compares a date with text as dates (`AptDateTime >= DATE_FORMAT(CURDATE(),
    '%Y-%m-01')`); PostgreSQL refuses timestamp >= text. A DATE_FORMAT result compared with a
    date or date-time column, or with date arithmetic, is cast to a time stamp, and so is a
    subquery answering such text (`= (SELECT DATE_FORMAT(MIN(AptDateTime), ...) ...)`). (A
    string literal needs nothing: PostgreSQL casts it to the other side's type.)"""
    sides = ["this", "expression"] if not isinstance(node, exp.Between) else ["this", "low", "high"]
    values = [node.args.get(side) for side in sides]
    textual = [computed_text(v) or computed_text(single_output(v)) for v in values]
    if not any(textual) or not any(_dated(v) for v in values if v is not None):
        return
    for side, value, text in zip(sides, values, textual, strict=True):
        if text:
            node.set(side, exp.Cast(this=value, to=exp.DataType.build("TIMESTAMP")))


_DATED = (
    exp.CurrentDate,
    exp.CurrentTimestamp,
    exp.CurrentDatetime,
    exp.DateAdd,
    exp.DateSub,
    exp.Date,
    exp.TsOrDsToDate,
)


def _dated(value: exp.Expr) -> bool:
    """Whether the value is a date or a date-time: a column of such a type in the schema, a
    date function, date arithmetic or a cast to a date."""
    if isinstance(value, exp.Column):
        return value.name.lower() in date_columns()
    if isinstance(value, exp.Cast):
        return value.to.is_type(*exp.DataType.TEMPORAL_TYPES)
    if isinstance(value, exp.Add | exp.Sub):
        return isinstance(value.expression, exp.Interval)
    return isinstance(value, _DATED)


def _timestamp_diff_on_postgresql(node: exp.TimestampDiff) -> exp.Expr:
    """MySQL's TIMESTAMPDIFF(unit, start, end): the whole units from start to end, by AGE()
    for calendar units and by the seconds between otherwise; truncated toward zero."""
    unit = unit_of(node)
    start = exp.Cast(this=node.expression, to=exp.DataType.build("TIMESTAMP"))
    end = exp.Cast(this=node.this, to=exp.DataType.build("TIMESTAMP"))
    count: exp.Expr
    if unit in MONTHS_IN:
        age = exp.Anonymous(this="AGE", expressions=[end, start])
        years = exp.Extract(this=exp.var("YEAR"), expression=age)
        if unit == "YEAR":
            count = years
        else:
            months = exp.Add(
                this=exp.Mul(this=years, expression=exp.Literal.number(12)),
                expression=exp.Extract(this=exp.var("MONTH"), expression=age.copy()),
            )
            count = exp.Anonymous(
                this="TRUNC",
                expressions=[exp.Div(this=exp.Paren(this=months), expression=_number(unit))],
            )
    else:
        seconds = exp.Extract(
            this=exp.var("EPOCH"), expression=exp.Paren(this=exp.Sub(this=end, expression=start))
        )
        count = exp.Anonymous(
            this="TRUNC",
            expressions=[exp.Div(this=seconds, expression=exp.Literal.number(SECONDS_IN[unit]))],
        )
    return exp.Cast(this=count, to=exp.DataType.build("BIGINT"))


def _number(unit: str) -> exp.Expr:
    return exp.Literal.number(MONTHS_IN[unit])
