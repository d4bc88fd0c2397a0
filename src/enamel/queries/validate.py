"""What a governed SQL read may be: one read statement over the practice tables, checked on
sqlglot's syntax tree (never by matching text), and rewritten from that tree for the engine.

Queries are written in Open Dental's dialect (MySQL). The rules, each named in the refusal:
- `one statement`: exactly one statement after an optional preamble of `SET @name = literal`
  assignments (Open Dental's report queries start so); the variables are replaced by their
  literals, and an unknown `@variable` is refused.
- `read only`: the statement is a SELECT (or WITH, UNION, INTERSECT, EXCEPT) and holds no write
  anywhere (INSERT, UPDATE, DELETE, MERGE, DDL, writable CTEs), no SELECT ... INTO, no locking
  read (FOR UPDATE, FOR SHARE, LOCK IN SHARE MODE) and nothing sqlglot could not parse.
- `function`: no function of the deny list (sleep, benchmark, locks, files and network,
  settings, sequences, server administration) on any engine.
- `table`: only the practice tables; no system catalogue, no Enamel table of keys, seals or
  audit data.
- `secret column`: no column holding secrets (password hashes, seals), also not through `*`,
  which is expanded to the table's other columns.

What runs is the checked tree written out again without comments (MariaDB executes
`/*! ... */` comments), with identifiers quoted in the schema's own case (PostgreSQL keeps
Open Dental's mixed-case names), transpiled to PostgreSQL or SQLite where needed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any, ClassVar

import sqlglot
from sqlalchemy import Date, DateTime, String
from sqlalchemy.types import TypeDecorator
from sqlglot import exp
from sqlglot.dialects.sqlite import SQLite
from sqlglot.errors import ParseError, TokenError

from enamel.errors import InvalidInput
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

DENIED_FUNCTIONS: frozenset[str] = frozenset(
    {
        # time and load
        "sleep", "benchmark", "pg_sleep", "pg_sleep_for", "pg_sleep_until",
        "randomblob", "zeroblob",
        # locks
        "get_lock", "release_lock", "release_all_locks", "is_free_lock", "is_used_lock",
        "master_pos_wait", "source_pos_wait",
        # files, network, extensions
        "load_file", "readfile", "writefile", "load_extension", "lo_import", "lo_export",
        "lo_get", "lo_put", "lo_from_bytea", "dblink", "dblink_exec", "dblink_connect",
        "sys_exec", "sys_eval",
        # settings, sequences, server state
        "set_config", "current_setting", "nextval", "setval", "currval", "lastval",
        "last_insert_id", "txid_current", "pg_current_xact_id",
        "pg_terminate_backend", "pg_cancel_backend", "pg_reload_conf", "pg_rotate_logfile",
        "pg_notify", "pg_switch_wal", "pg_create_restore_point", "pg_promote",
        "query_to_xml", "query_to_json", "table_to_xml", "cursor_to_xml",
        "uuid_short", "name_const",
    }
)  # fmt: skip
DENIED_PREFIXES: tuple[str, ...] = ("pg_", "lo_", "dblink", "xpath", "extractvalue", "updatexml")
"""Whole families: PostgreSQL's server functions, large objects, MySQL's XML functions (used to
leak data through error messages)."""

_WRITES = (
    exp.Insert,
    exp.Update,
    exp.Delete,
    exp.Merge,
    exp.Create,
    exp.Drop,
    exp.Alter,
    exp.Command,
    exp.Into,
    exp.Lock,
    exp.Set,
    exp.Use,
    exp.Transaction,
    exp.Commit,
    exp.Rollback,
    exp.LoadData,
    exp.Copy,
    exp.Pragma,
    exp.TruncateTable,
)


class QueryRefused(InvalidInput):
    """400: the query breaks a rule, which the message names."""

    code = "query_refused"

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(f"{rule}: {message}", field="SqlCommand")
        self.rule = rule


def check(sql: str, dialect: str) -> str:
    """The query, checked and written for `dialect` (mysql, postgresql, sqlite);
    `QueryRefused` naming the rule otherwise. Cached by text: reports repeat their queries."""
    return _rendered(sql, dialect)


@lru_cache(maxsize=1024)
def _rendered(sql: str, dialect: str) -> str:
    # A deployment runs one engine: the tree is parsed for it and rewritten in place (copying
    # a tree costs about as much as parsing it).
    return _render(_checked(sql), dialect)


def _checked(sql: str) -> exp.Expr:
    if not sql or not sql.strip():
        raise QueryRefused("one statement", "SqlCommand is empty")
    try:
        statements = [s for s in sqlglot.parse(sql, read="mysql") if s is not None]
    except (ParseError, TokenError) as exc:
        raise QueryRefused("syntax", _first_line(str(exc))) from None
    if not statements:
        raise QueryRefused("one statement", "SqlCommand holds no statement")
    queries = [s for s in statements if not isinstance(s, exp.Set)]
    if len(queries) != 1 or statements[-1] is not queries[-1]:
        raise QueryRefused(
            "one statement",
            f"only one query may run, after SET @variable = value lines; SqlCommand holds "
            f"{len(queries)} statements besides SET lines"
            if len(queries) != 1
            else "the query must be the last statement",
        )
    *preamble, query = statements
    values = _variables(preamble)
    if not isinstance(query, exp.Query):
        raise QueryRefused("read only", f"only SELECT queries run here, not {_kind(query)}")
    found = _walk(query)  # one walk of the tree sorts out what every rule looks at
    if found[_PARAMETERS]:
        query = _substitute(_counters(query, values), values)
    _functions(found[exp.Func])
    _tables(found[exp.Table], found[exp.CTE])
    _secrets(found[exp.Identifier])
    for select in found[exp.Select]:
        _expand_star(select)
    return query


_PARAMETERS = (exp.Parameter, exp.SessionParameter)
_SORTED = (exp.Select, exp.Func, exp.Table, exp.CTE, exp.Identifier)


_WRITE = "write"


def _sort_class(cls: type) -> Any:
    """What `_walk` does with a node of class `cls`: refuse it (`_WRITE`), keep it under its
    kind (`_PARAMETERS` or one of `_SORTED`), or pass it by (None)."""
    if issubclass(cls, _WRITES):
        return _WRITE
    if issubclass(cls, _PARAMETERS):
        return _PARAMETERS
    return next((kind for kind in _SORTED if issubclass(cls, kind)), None)


_sorted_as: Callable[[type], Any] = cache(_sort_class)
"""`_sort_class`, asked once per class."""


def _walk(query: exp.Expr) -> dict[Any, list[Any]]:
    """The nodes each rule looks at, by kind; writes and locking reads refused on the way."""
    found: dict[Any, list[Any]] = {kind: [] for kind in (*_SORTED, _PARAMETERS)}
    for node in query.walk():
        kind = _sorted_as(type(node))
        if kind is None:
            continue
        if kind is _WRITE:
            raise QueryRefused("read only", f"{_kind(node)} is not allowed in a read")
        if kind is exp.Select and node.args.get("locks"):
            raise QueryRefused("read only", "locking reads (FOR UPDATE, FOR SHARE) are not allowed")
        found[kind].append(node)
    return found


def _one_of(*classes: type) -> Callable[[type], bool]:
    """Whether a node's class is one of `classes` (or theirs): asked once per class, so the
    rewrites called on every node of a tree pass the others by with one lookup."""

    @cache
    def test(cls: type) -> bool:
        return issubclass(cls, classes)

    return test


def _variables(preamble: list[exp.Expr]) -> dict[str, exp.Expr]:
    values: dict[str, exp.Expr] = {}
    for statement in preamble:
        if not isinstance(statement, exp.Set):
            raise QueryRefused(
                "one statement",
                f"only one query may run, after SET @variable = value lines; found "
                f"{_kind(statement)} before it",
            )
        for item in statement.expressions:
            assignment = item.this if isinstance(item, exp.SetItem) else None
            target = assignment.this if isinstance(assignment, exp.EQ) else None
            value = assignment.expression if isinstance(assignment, exp.EQ) else None
            if not isinstance(target, exp.Parameter) or value is None or not _constant(value):
                raise QueryRefused(
                    "one statement",
                    "the SET lines before the query may only give @variables constant values "
                    "(numbers, strings, dates, CURDATE() - INTERVAL 1 MONTH...), not read "
                    "columns or run queries",
                )
            value = _substitute(value, values)  # may use the variables set before it
            _functions(list(value.find_all(exp.Func)))
            values[target.name.lower()] = value if _literal(value) else exp.Paren(this=value)
    return values


def _constant(value: exp.Expr) -> bool:
    return value.find(exp.Column, exp.Query, exp.Subquery, exp.Star, exp.Table) is None


def _literal(value: exp.Expr) -> bool:
    if isinstance(value, exp.Neg):
        value = value.this
    return isinstance(value, exp.Literal | exp.Null | exp.Boolean)


def _substitute(query: exp.Expr, values: dict[str, exp.Expr]) -> exp.Expr:
    def replace(node: exp.Expr) -> exp.Expr:
        if isinstance(node, exp.Parameter | exp.SessionParameter):
            name = node.name.lower()
            if isinstance(node, exp.Parameter) and name in values:
                return values[name].copy()
            raise QueryRefused(
                "one statement",
                f"@{node.name} is not set by a SET line before the query (server and session "
                "variables are not readable)",
            )
        return node

    return query.transform(replace, copy=False)  # the tree is this check's own


def _counters(query: exp.Expr, values: dict[str, exp.Expr]) -> exp.Expr:
    """A row counter or running total kept in a user variable, as Open Dental's reports number
    their rows: `SET @pos = 0; SELECT @pos := @pos + 1 AS Row, ...` (or `@total := @total +
    Amount`). It becomes a window over the select's rows in its output order, `0 + 1 *
    ROW_NUMBER() OVER (ORDER BY ...)` (or SUM(Amount) OVER (... ROWS UNBOUNDED PRECEDING)),
    on every engine. Any other assignment is refused: no query may keep state between rows."""
    for assignment in list(query.find_all(exp.PropertyEQ)):
        target = assignment.this
        if not isinstance(target, exp.Parameter):
            continue
        name = target.name.lower()
        step = _step(assignment.expression, name)
        item = assignment.parent if isinstance(assignment.parent, exp.Alias) else assignment
        select = item.parent
        uses = [p for p in query.find_all(exp.Parameter) if p.name.lower() == name]
        start = values.get(name)
        if (
            step is None
            or start is None
            or not _literal(start)
            or len(uses) != 2
            or not isinstance(select, exp.Select)
            or not any(i is item for i in select.expressions)
        ):
            raise QueryRefused(
                "one statement",
                f"@{target.name} := ... runs here only as a row counter or running total in "
                f"the select list, set before the query: SET @{target.name} = 0; SELECT "
                f"@{target.name} := @{target.name} + 1 AS Row, ...",
            )
        order = _output_order(select, item)
        if not step.find(exp.Column, exp.Func, exp.Subquery):  # a constant: a row number
            window: exp.Expr = exp.Mul(
                this=step, expression=exp.Window(this=exp.RowNumber(), order=order)
            )
        else:
            frame = exp.WindowSpec(kind="ROWS", start="UNBOUNDED", start_side="PRECEDING")
            window = exp.Window(this=exp.Sum(this=step), order=order, spec=frame)
        assignment.replace(exp.Paren(this=exp.Add(this=start.copy(), expression=window)))
    return query


def _step(value: exp.Expr, name: str) -> exp.Expr | None:
    """What `@name := @name + step` (`step + @name`, `@name + a - b`...) adds each row: the
    value with @name taken out, where it is one added term; None for another form."""
    found = [p for p in value.find_all(exp.Parameter) if p.name.lower() == name]
    if len(found) != 1 or value.find(exp.PropertyEQ):
        return None
    node: exp.Expr = found[0]
    while node is not value:
        parent = node.parent
        if not (
            isinstance(parent, exp.Add | exp.Paren)
            or (isinstance(parent, exp.Sub) and parent.this is node)
        ):
            return None
        node = parent
    step = value.copy()
    for copied in step.find_all(exp.Parameter):
        if copied.name.lower() == name:
            copied.replace(exp.Literal.number(0))
    if isinstance(step, exp.Add):
        zero = exp.Literal.number(0)
        kept: exp.Expr = (
            step.expression if step.this == zero else step.this if step.expression == zero else step
        )
        return kept
    return step


def _output_order(select: exp.Select, counter: exp.Expr) -> exp.Order | None:
    """The select's ORDER BY as a window's, its aliases and positions replaced by what they
    name (a window cannot see the select list); None when it has none."""
    order = select.args.get("order")
    if order is None:
        return _derived_order(select)
    named = {i.alias.lower(): i.this for i in select.expressions if isinstance(i, exp.Alias)}
    keys = []
    for ordered in order.expressions:
        key = ordered.this
        if isinstance(key, exp.Literal) and key.is_int:
            item = select.expressions[int(key.this) - 1]
            key = item.this if isinstance(item, exp.Alias) else item
        elif isinstance(key, exp.Column) and not key.table and key.name.lower() in named:
            key = named[key.name.lower()]
        if key is counter or (isinstance(counter, exp.Alias) and key is counter.this):
            continue
        copied = ordered.copy()
        copied.set("this", key.copy())
        keys.append(copied)
    return exp.Order(expressions=keys) if keys else None


def _derived_order(select: exp.Select) -> exp.Order | None:
    """`SELECT @pos := @pos + 1, result.* FROM (SELECT ... ORDER BY ...) result`: the rows are
    numbered in the derived table's order (MySQL's engines may not keep it: the window says
    it). Its keys must be columns of its select list; None otherwise."""
    from_ = select.args.get("from") or select.args.get("from_")
    source = from_.this if from_ is not None else None
    if select.args.get("joins") or not isinstance(source, exp.Subquery) or not source.alias:
        return None
    inner = source.this
    order = inner.args.get("order") if isinstance(inner, exp.Select) else None
    if order is None:
        return None
    outputs = {}
    for item in inner.expressions:
        target = item.this if isinstance(item, exp.Alias) else item
        if isinstance(target, exp.Column):
            outputs[(target.table.lower(), target.name.lower())] = item.alias_or_name
            outputs.setdefault(("", target.name.lower()), item.alias_or_name)
    keys = []
    for ordered in order.expressions:
        key = ordered.this
        name = (
            outputs.get((key.table.lower(), key.name.lower()))
            or outputs.get(("", key.name.lower()))
            if isinstance(key, exp.Column)
            else None
        )
        if name is None:
            return None
        copied = ordered.copy()
        copied.set("this", exp.column(name, table=source.alias))
        keys.append(copied)
    return exp.Order(expressions=keys)


def _functions(functions: list[exp.Func]) -> None:
    for node in functions:
        name = (node.name if isinstance(node, exp.Anonymous) else node.sql_name()).lower()
        if name in DENIED_FUNCTIONS or name.startswith(DENIED_PREFIXES):
            raise QueryRefused("function", f"{name}() is not allowed")


def _tables(tables: list[exp.Table], ctes: list[exp.CTE]) -> None:
    named = {cte.alias_or_name.lower() for cte in ctes}
    for table in tables:
        name = table.name.lower()
        if table.args.get("db") or table.args.get("catalog"):
            raise QueryRefused(
                "table",
                f"{table.sql(dialect='mysql')}: only this practice's tables, without a "
                "database or schema name (no system catalogues)",
            )
        if not name:
            raise QueryRefused("table", "table functions are not allowed")
        if name in named:
            continue
        if name not in READABLE_TABLES:
            raise QueryRefused(
                "table",
                f"{table.name} is not readable through queries; the tables are: "
                + ", ".join(READABLE_TABLES),
            )


def _secrets(identifiers: list[exp.Identifier]) -> None:
    """No name of a secret column anywhere but as an alias (`SELECT LName AS Password`)."""
    for identifier in identifiers:
        if identifier.name.lower() in SECRET_COLUMNS and not isinstance(
            identifier.parent, exp.TableAlias | exp.Alias
        ):
            raise QueryRefused(
                "secret column", f"{identifier.name} holds secrets and is not readable"
            )


def _expand_star(node: exp.Select) -> None:
    """`*` and `t.*` over practice tables become their columns without the secret ones."""
    if not any(_is_star(e) for e in node.expressions):
        return
    sources = _sources(node)
    expanded: list[exp.Expr] = []
    for item in node.expressions:
        if not _is_star(item):
            expanded.append(item)
            continue
        qualifier = item.table.lower() if isinstance(item, exp.Column) else ""
        picked = [s for s in sources if not qualifier or s[0] == qualifier]
        if not picked:
            raise QueryRefused("table", f"{item.sql(dialect='mysql')}: no such table in FROM")
        for alias, table in picked:
            if table is None:  # a subquery or CTE: its own columns, already checked
                expanded.append(exp.Column(this=exp.Star(), table=exp.to_identifier(alias)))
                continue
            for name in _visible_columns(table):
                expanded.append(exp.column(name, table=alias))
    node.set("expressions", expanded)


def _is_star(item: exp.Expr) -> bool:
    return isinstance(item, exp.Star) or (isinstance(item, exp.Column) and item.is_star)


def _sources(select: exp.Select) -> list[tuple[str, str | None]]:
    """(alias or name, practice table or None) of each FROM and JOIN source, in order."""
    out: list[tuple[str, str | None]] = []
    from_ = select.args.get("from") or select.args.get("from_")
    items: list[exp.Expr] = [from_.this] if from_ is not None else []
    items += [join.this for join in select.args.get("joins") or []]
    for source in items:
        alias = source.alias_or_name.lower()
        if isinstance(source, exp.Table) and source.name.lower() in READABLE_TABLES:
            out.append((alias, source.name.lower()))
        else:
            out.append((alias, None))
    return out


@lru_cache(maxsize=64)
def _visible_columns(table: str) -> tuple[str, ...]:
    columns = Base.metadata.tables[table].columns
    return tuple(c.name for c in columns if c.name.lower() not in SECRET_COLUMNS)


@lru_cache(maxsize=1)
def _canonical_names() -> dict[str, str]:
    """Lower-cased column name -> the schema's spelling (MySQL compares names in any case)."""
    names: dict[str, str] = {}
    for table in READABLE_TABLES:
        for column in Base.metadata.tables[table].columns:
            names.setdefault(column.name.lower(), column.name)
    return names


_DIALECTS = {"mysql": "mysql", "postgresql": "postgres", "sqlite": "sqlite"}


def _render(tree: exp.Expr, dialect: str) -> str:
    canonical = _canonical_names()
    # MySQL compares column aliases in any case too: `AS ZipCode ... GROUP BY zipcode`.
    aliases = {a.alias.lower(): a.alias for a in tree.find_all(exp.Alias) if a.alias}

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
        elif isinstance(node, exp.Identifier) and isinstance(node.parent, exp.Join):
            proper = canonical.get(node.name.lower())  # JOIN ... USING (patnum)
            if proper is not None:
                node.set("this", proper)
        return node

    if dialect == "sqlite":  # its rewrites do not look at names: one walk for both
        spelled = _bottom_up(tree, lambda n: _like_mysql_on_sqlite(spell(n)))
        return spelled.sql(dialect=_SQLiteBackticks, identify=True, comments=False, copy=False)
    spelled = tree.transform(spell, copy=False)
    if dialect == "postgresql":  # after the spelling: GROUP BY keys are compared as written
        spelled = _bottom_up(spelled, _like_mysql_on_postgresql)
    if dialect == "mysql" and spelled.find(exp.RegexpLike):
        spelled = _bottom_up(spelled, _regexp_for_mariadb)
    return spelled.sql(dialect=_DIALECTS[dialect], identify=True, comments=False, copy=False)


def _bottom_up(tree: exp.Expr, rewrite: Callable[[exp.Expr], exp.Expr]) -> exp.Expr:
    """`tree` with `rewrite` applied to every node, children before their parent, so that what
    a rewrite puts in a node's place holds rewritten arguments (`DATE_FORMAT(CURDATE() -
    INTERVAL 1 MONTH, ...)`); sqlglot's `transform` does not look inside a replacement."""
    for node in reversed(list(tree.dfs())):
        new = rewrite(node)
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


_SPELLED = _one_of(exp.Column, exp.Table, exp.Identifier)
_REWRITTEN_FOR_POSTGRESQL = _one_of(
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
    exp.Pad,
    exp.Left,
    exp.Right,
    exp.SubstringIndex,
    exp.Time,
    exp.Extract,
    exp.Where,
    exp.Having,
    exp.Join,
    exp.And,
    exp.Or,
    exp.Not,
    exp.Sum,
    exp.Avg,
    exp.Mul,
    exp.Div,
    exp.Add,
    exp.Sub,
    exp.EQ,
    exp.NEQ,
    exp.GT,
    exp.GTE,
    exp.LT,
    exp.LTE,
    exp.Between,
    exp.In,
)


def _like_mysql_on_postgresql(node: exp.Expr) -> exp.Expr:
    """What MySQL means, where PostgreSQL would differ or refuse: LIKE ignores case (MySQL's
    default collation) and takes dates and numbers as text; DAYOFWEEK counts Sunday as 1; an
    integer flag is a condition; TIMESTAMPDIFF counts whole units; text is a date where it
    meets one; a grouped query may name columns it does not group by (MySQL answers any value
    of the group: MIN here), an unqualified key is the select list's column of that name, and
    HAVING may name a column alias."""
    if not _REWRITTEN_FOR_POSTGRESQL(type(node)):
        return node
    if isinstance(node, exp.Select):
        _qualify_keys(node)
        if node.args.get("group"):
            _group_like_mysql(node)
        elif node.args.get("having"):
            return _having_as_where(node)
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
        node.set("this", exp.NEQ(this=node.this, expression=exp.Literal.number(0)))
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
    if isinstance(node, exp.Cast) and node.to.is_type(*exp.DataType.UNSIGNED_INTEGER_TYPES):
        node.set("to", exp.DataType.build("BIGINT"))  # CAST(x AS UNSIGNED)
    if isinstance(node, exp.TimeToStr) and isinstance(node.args.get("format"), exp.Literal):
        # What sqlglot's PostgreSQL patterns lack: AM/PM and the day with its suffix (5th).
        pattern = node.args["format"].this.replace("%p", "AM").replace("%D", "FMDDth")
        node.set("format", exp.Literal.string(pattern))
    if isinstance(node, exp.GroupConcat):  # of any type, DISTINCT and ORDER BY as in MySQL
        inner = node.this.this if isinstance(node.this, exp.Order) else node.this
        holder, key = (inner, "expressions") if isinstance(inner, exp.Distinct) else (None, "")
        if holder is not None:
            holder.set(key, [_as_number(v) for v in holder.expressions])
        elif isinstance(node.this, exp.Order):
            node.this.set("this", _as_number(inner))
        else:
            node.set("this", _as_number(inner))
        separator = node.args.get("separator") or exp.Literal.string(",")
        return exp.Anonymous(
            this="ARRAY_TO_STRING", expressions=[exp.ArrayAgg(this=node.this), separator]
        )
    if isinstance(node, exp.RegexpLike):  # MySQL's REGEXP ignores case, as its `=` does
        return exp.RegexpILike(this=node.this, expression=node.expression)
    functions = _functions_on_postgresql(node)
    if functions is not node:
        return functions
    if (
        isinstance(node, exp.Add | exp.Sub) and isinstance(node.expression, exp.Interval)
    ) or isinstance(node, exp.DateAdd | exp.DateSub):
        node.set("this", _as_date_time(node.this))  # '2026-01-01' + INTERVAL 1 MONTH
    if isinstance(node, exp.EQ | exp.NEQ | exp.GT | exp.GTE | exp.LT | exp.LTE | exp.Between):
        _compare_dates_like_mysql(node)
    if isinstance(node, exp.EQ | exp.NEQ | exp.In):
        _ignoring_case(node, "postgresql")
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


def _adddate(node: exp.Anonymous) -> exp.DateAdd | exp.DateSub | None:
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


def _time_pattern(text: str, postgresql: bool) -> str:
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


def _functions_on_postgresql(node: exp.Expr) -> exp.Expr:
    """MySQL's functions PostgreSQL lacks, written with its own (a date's text taken as one)."""
    name = node.name.upper() if isinstance(node, exp.Anonymous) else ""
    if type(node) in _EXTRACTED:
        value = _as_date_time(_unwrapped(node.this))
        part = exp.Extract(this=exp.var(_EXTRACTED[type(node)]), expression=value)
        return exp.Cast(this=exp.Floor(this=part), to=exp.DataType.build("INT"))
    if name == "WEEKDAY" and len(node.expressions) == 1:  # Monday 0
        day = exp.Extract(this=exp.var("ISODOW"), expression=_as_date_time(node.expressions[0]))
        return exp.Paren(this=exp.Sub(this=_int(day), expression=exp.Literal.number(1)))
    if isinstance(node, exp.Week):
        return _week_on_postgresql(node)
    if name == "MAKEDATE" and len(node.expressions) == 2:
        year, day = node.expressions
        first = exp.Anonymous(
            this="MAKE_DATE",
            expressions=[_int(year), exp.Literal.number(1), exp.Literal.number(1)],
        )
        later = exp.Sub(this=_int(day), expression=exp.Literal.number(1))
        return exp.Paren(this=exp.Add(this=first, expression=later))
    if isinstance(node, exp.Anonymous) and (added := _adddate(node)) is not None:
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
        text = exp.Literal.string(_time_pattern(pattern.this, postgresql=True))
        return exp.Anonymous(this="TO_CHAR", expressions=[moment, text])
    if isinstance(node, exp.Extract):  # EXTRACT(YEAR FROM '2024-03-05')
        node.set("expression", _as_date_time(node.expression))
    if isinstance(node, exp.Time):  # TIME(d): the time of day
        return exp.Cast(this=node.this, to=exp.DataType.build("TIME"))
    if name == "FIND_IN_SET" and len(node.expressions) == 2:  # 1-based, 0 when absent
        needle, listed = node.expressions
        items = exp.Anonymous(
            this="STRING_TO_ARRAY", expressions=[_any_as_text(listed), exp.Literal.string(",")]
        )
        found = exp.Anonymous(this="ARRAY_POSITION", expressions=[items, _any_as_text(needle)])
        return exp.Coalesce(this=found, expressions=[exp.Literal.number(0)])
    if name == "MID" and len(node.expressions) == 3:
        text, start, length = node.expressions
        return exp.Substring(this=_as_text(text), start=start, length=length)
    if isinstance(node, exp.LastDay | exp.Pad | exp.Left | exp.Right):
        node.set(
            "this", (_as_date_time if isinstance(node, exp.LastDay) else _any_as_text)(node.this)
        )
    if isinstance(node, exp.SubstringIndex):
        count = node.args.get("count")
        ones = {"1": 1, "-1": -1}.get(count.sql() if count is not None else "")
        if ones is None:
            raise QueryRefused(
                "function",
                "SUBSTRING_INDEX runs here with a count of 1 or -1 (the first or the last part)",
            )
        return exp.Anonymous(
            this="SPLIT_PART",
            expressions=[_any_as_text(node.this), node.args["delimiter"], exp.Literal.number(ones)],
        )
    return node


def _week_on_postgresql(node: exp.Week) -> exp.Expr:
    """WEEK in MySQL's modes 0 (its default: weeks start on Sunday, the days before the year's
    first Sunday are week 0) and 3 (ISO 8601)."""
    mode = node.args.get("mode")
    value = _as_date_time(_unwrapped(node.this))
    if mode is not None and mode.sql() == "3":
        return _int(exp.Extract(this=exp.var("WEEK"), expression=value))
    if mode is not None and mode.sql() != "0":
        raise QueryRefused("function", "WEEK runs here in MySQL's modes 0 and 3")
    day = exp.Extract(this=exp.var("DOY"), expression=value)
    sunday_based = exp.Extract(this=exp.var("DOW"), expression=value.copy())
    weeks = exp.Div(
        this=exp.Paren(
            this=exp.Add(
                this=exp.Sub(this=day, expression=sunday_based), expression=exp.Literal.number(6)
            )
        ),
        expression=exp.Literal.number(7),
    )
    return exp.Cast(this=exp.Floor(this=weeks), to=exp.DataType.build("INT"))


def _int(value: exp.Expr) -> exp.Expr:
    return exp.Cast(this=value, to=exp.DataType.build("INT"))


def _unwrapped(value: exp.Expr) -> exp.Expr:
    """The value inside sqlglot's own TsOrDsToDate (it casts to DATE, which a time stamp's hour
    would not survive)."""
    return value.this if isinstance(value, exp.TsOrDsToDate) else value


def _any_as_text(value: exp.Expr) -> exp.Expr:
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
    elif isinstance(node, exp.Add | exp.Sub | exp.Mul | exp.Div):
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
    inner = value.unnest() if isinstance(value, exp.Paren) else value
    if isinstance(inner, exp.Predicate | exp.Connector | exp.Not):
        return exp.Cast(this=value, to=exp.DataType.build("INT"))
    return value


def _as_date_time(value: exp.Expr) -> exp.Expr:
    """Text MySQL takes as a date where one is needed (PostgreSQL's text does not cast itself):
    a DATE_FORMAT result, or a string literal."""
    if isinstance(value, exp.TimeToStr) or (isinstance(value, exp.Literal) and value.is_string):
        return exp.Cast(this=value, to=exp.DataType.build("TIMESTAMP"))
    return value


def _compare_dates_like_mysql(node: exp.Expr) -> None:
    """MySQL compares a date with text as dates (`AptDateTime >= DATE_FORMAT(CURDATE(),
    '%Y-%m-01')`); PostgreSQL refuses timestamp >= text. A DATE_FORMAT result compared with a
    date or date-time column, or with date arithmetic, is cast to a time stamp. (A string
    literal needs nothing: PostgreSQL casts it to the other side's type.)"""
    sides = ["this", "expression"] if not isinstance(node, exp.Between) else ["this", "low", "high"]
    values = [node.args.get(side) for side in sides]
    if not any(isinstance(v, _TEXTUAL) for v in values):
        return
    if not any(_dated(v) for v in values if v is not None):
        return
    for side, value in zip(sides, values, strict=True):
        if isinstance(value, _TEXTUAL):
            node.set(side, exp.Cast(this=value, to=exp.DataType.build("TIMESTAMP")))


_TEXTUAL = (exp.TimeToStr, exp.Concat, exp.ConcatWs, exp.Substring, exp.Left, exp.Right)
"""Expressions whose value is text a date may be compared with (`>= CONCAT(YEAR(CURDATE()),
'-01-01')`)."""


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
        return value.name.lower() in _date_columns()
    if isinstance(value, exp.Cast):
        return value.to.is_type(*exp.DataType.TEMPORAL_TYPES)
    if isinstance(value, exp.Add | exp.Sub):
        return isinstance(value.expression, exp.Interval)
    return isinstance(value, _DATED)


def _text_columns() -> frozenset[str]:
    """Lower-cased names of the readable tables' text columns."""
    return _typed_columns(String)


def _ignoring_case(node: exp.Expr, dialect: str) -> None:
    """MySQL compares text in any case (its default collation): `LName = 'smith'` and `Abbr IN
    ('doc1')` find Smith and DOC1. A text column compared with text literals is compared so on
    PostgreSQL (LOWER() of both) and SQLite (COLLATE NOCASE). Sorting and grouping keep the
    engine's own order."""
    if isinstance(node, exp.In):
        column, side, literals = node.this, "this", list(node.expressions)
    elif isinstance(node.this, exp.Column):
        column, side, literals = node.this, "this", [node.expression]
    else:
        column, side, literals = node.expression, "expression", [node.this]
    if not (isinstance(column, exp.Column) and column.name.lower() in _text_columns()):
        return
    if not literals or not all(isinstance(v, exp.Literal) and v.is_string for v in literals):
        return
    if dialect == "sqlite":
        node.set(side, exp.Collate(this=column, expression=exp.var("NOCASE")))
        return
    node.set(side, exp.Lower(this=column))
    for literal in literals:
        literal.set("this", literal.this.lower())


def _date_columns() -> frozenset[str]:
    """Lower-cased names of the readable tables' date and date-time columns."""
    return _typed_columns(Date, DateTime)


def _date_time_columns() -> frozenset[str]:
    """Lower-cased names of the readable tables' date-time columns."""
    return _typed_columns(DateTime)


@cache
def _typed_columns(*types: type) -> frozenset[str]:
    names = set()
    for table in READABLE_TABLES:
        for column in Base.metadata.tables[table].columns:
            kind = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
            if isinstance(kind, types):
                names.add(column.name.lower())
    return frozenset(names)


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


def _unit(node: exp.Expr) -> str:
    unit = node.args.get("unit")
    name = unit.name.upper() if unit is not None else "DAY"
    if name.startswith("SQL_TSI_"):  # MySQL's ODBC spellings: SQL_TSI_DAY...
        name = name.removeprefix("SQL_TSI_")
    if name not in SECONDS_IN and name not in MONTHS_IN:
        raise QueryRefused("syntax", f"TIMESTAMPDIFF cannot count in {name}")
    return name


def _timestamp_diff_on_postgresql(node: exp.TimestampDiff) -> exp.Expr:
    """MySQL's TIMESTAMPDIFF(unit, start, end): the whole units from start to end, by AGE()
    for calendar units and by the seconds between otherwise; truncated toward zero."""
    unit = _unit(node)
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


def _as_text(value: exp.Expr) -> exp.Expr:
    if isinstance(value, exp.Column):
        return exp.Cast(this=value, to=exp.DataType.build("TEXT"))
    return value


_AGGREGATES = (exp.AggFunc, exp.Window)


def _having_as_where(select: exp.Select) -> exp.Expr:
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


def _qualify_keys(select: exp.Select) -> None:
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


def _group_like_mysql(select: exp.Select) -> None:
    """PostgreSQL refuses a column that is neither grouped nor aggregated; MySQL answers one
    value of the group. MIN() of it is one value of the group, and the same value for a
    column that depends on a grouped key (the usual case: GROUP BY patient.PatNum)."""
    group = select.args["group"]
    aliases = {a.alias.lower(): a.this for a in select.expressions if isinstance(a, exp.Alias)}
    keys: set[exp.Expr] = set(group.expressions)  # sqlglot compares trees structurally
    names = set()  # GROUP BY PatNum groups p.PatNum too
    for key in group.expressions:
        if isinstance(key, exp.Literal) and key.is_int:  # GROUP BY 1: the first item
            position = int(key.this)
            if 0 < position <= len(select.expressions):
                item = select.expressions[position - 1]
                keys.add(item.this if isinstance(item, exp.Alias) else item)
                if isinstance(item, exp.Column):
                    names.add(item.name.lower())
        if isinstance(key, exp.Column) and not key.table:
            names.add(key.name.lower())
            if key.name.lower() in aliases:  # GROUP BY an alias: its expression is grouped
                keys.add(aliases[key.name.lower()])

    outer = {alias for alias, _table in _sources(select)}
    in_select_list = True  # where a name is a column, not an alias of the select list

    def wrap(node: exp.Expr) -> exp.Expr:
        if node in keys or isinstance(node, _AGGREGATES):
            return node
        if isinstance(node, exp.Column) and not node.is_star:
            if node.name.lower() in names:
                return node
            if not in_select_list and not node.table and node.name.lower() in aliases:
                return node  # an alias of the select list (ORDER BY total)
            return exp.Min(this=node)
        if isinstance(node, exp.Subquery | exp.Query):
            _wrap_outer_columns(node, outer, keys)
            return node
        for key, child in list(node.args.items()):
            if isinstance(child, exp.Expr):
                node.set(key, wrap(child))
            elif isinstance(child, list):
                node.set(key, [wrap(c) if isinstance(c, exp.Expr) else c for c in child])
        return node

    select.set("expressions", [_wrap_item(item, wrap) for item in select.expressions])
    in_select_list = False
    having = select.args.get("having")
    if having is not None:
        # HAVING may name a select alias in MySQL: put its expression in its place.
        def unalias(node: exp.Expr) -> exp.Expr:
            if isinstance(node, exp.Column) and not node.table:
                found = aliases.get(node.name.lower())
                if found is not None:
                    copied: exp.Expr = found.copy()
                    return copied
            return node

        select.set("having", wrap(having.transform(unalias)))
    order = select.args.get("order")
    if order is not None:
        select.set("order", wrap(order))


def _wrap_outer_columns(query: exp.Expr, outer: set[str], keys: set[exp.Expr]) -> None:
    """In a subquery of a grouped select, a column of the grouped select's tables that is not
    grouped (`WHERE table1.PatNum = procedurelog.PatNum`): MIN() of it, which PostgreSQL
    computes for the group, as it does for the select's own columns."""
    inner = {t.alias_or_name.lower() for t in query.find_all(exp.Table)}
    inner |= {s.alias.lower() for s in query.find_all(exp.Subquery) if s.alias}
    for column in list(query.find_all(exp.Column)):
        table = column.table.lower()
        if table and table in outer and table not in inner and column not in keys:
            column.replace(exp.Min(this=column.copy()))


def _wrap_item(item: exp.Expr, wrap: Callable[[exp.Expr], exp.Expr]) -> exp.Expr:
    if isinstance(item, exp.Alias):
        item.set("this", wrap(item.this))
        return item
    wrapped = wrap(item)
    if wrapped is not item and isinstance(item, exp.Column):
        return exp.Alias(this=wrapped, alias=exp.to_identifier(item.name))  # keep its name
    return wrapped


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


_REWRITTEN_FOR_SQLITE = _one_of(
    exp.Select,
    exp.Anonymous,
    exp.StrToDate,
    exp.StrToTime,
    exp.Extract,
    exp.Concat,
    exp.In,
    exp.GroupConcat,
    exp.Left,
    exp.Right,
    exp.Week,
    exp.EQ,
    exp.NEQ,
    exp.GT,
    exp.GTE,
    exp.LT,
    exp.LTE,
    exp.Between,
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
)


def _like_mysql_on_sqlite(node: exp.Expr) -> exp.Expr:
    """SQLite's CURRENT_DATE and CURRENT_TIMESTAMP are UTC; MySQL's, like Enamel's stored
    times, are the server's local time: Enamel's own SQLite functions answer that."""
    if not _REWRITTEN_FOR_SQLITE(type(node)):
        return node
    if isinstance(node, exp.Select):
        _qualify_keys(node)
        if node.args.get("having") and not node.args.get("group"):
            return _having_as_where(node)
    if isinstance(node, exp.EQ | exp.NEQ | exp.GT | exp.GTE | exp.LT | exp.LTE | exp.Between):
        _compare_stored_date_times(node)
    if isinstance(node, exp.EQ | exp.NEQ | exp.In):
        _ignoring_case(node, "sqlite")
    if isinstance(node, exp.GroupConcat):
        return _group_concat_on_sqlite(node)
    if isinstance(node, exp.Anonymous):
        added = _adddate(node)
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
                python = exp.Literal.string(_time_pattern(pattern.this, postgresql=False))
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
        node.set("expressions", [_without_fraction(e) for e in node.expressions])
        return node
    if isinstance(node, exp.Left | exp.Right):  # keywords in SQLite: Enamel's functions
        name = "LEFT_MYSQL" if isinstance(node, exp.Left) else "RIGHT_MYSQL"
        return exp.Anonymous(this=name, expressions=[node.this, node.expression])
    if isinstance(node, exp.Week):
        mode = node.args.get("mode")
        if mode is not None and mode.sql() not in ("0", "3"):
            raise QueryRefused("function", "WEEK runs here in MySQL's modes 0 and 3")
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
            expressions=[exp.Literal.string(_unit(node)), node.expression, node.this],
        )
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


def _without_fraction(value: exp.Expr) -> exp.Expr:
    """A date-time column as MySQL writes it as text (`2026-03-01 08:00:00`), not as SQLite
    stores it (`... .000000`)."""
    if isinstance(value, exp.Column) and value.name.lower() in _date_time_columns():
        return exp.Substring(this=value, start=exp.Literal.number(1), length=exp.Literal.number(19))
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


_DATE_TEXT = re.compile(r"(\d{4}-\d\d-\d\d)(?:[ T](\d\d:\d\d)(:\d\d)?)?")


def _compare_stored_date_times(node: exp.Expr) -> None:
    """SQLite holds a date-time as text, `2026-03-01 08:00:00.000000` (SQLAlchemy's form), and
    compares it with other text as text; MySQL compares a date-time column with a date's text
    as date-times (`AptDateTime = '2026-03-01 08:00:00'` holds, `DateTimeArrived >
    '0001-01-01'` does not for the zero date). A date or date-time literal compared with a
    date-time column is written in the stored form, so that text order is time order."""
    sides = ["this", "expression"] if not isinstance(node, exp.Between) else ["this", "low", "high"]
    values = [node.args.get(side) for side in sides]
    if not any(
        isinstance(v, exp.Column) and v.name.lower() in _date_time_columns() for v in values
    ):
        return
    for side, value in zip(sides, values, strict=True):
        if isinstance(value, exp.Literal) and value.is_string:
            found = _DATE_TEXT.fullmatch(value.this.strip())
            if found:
                day, clock, seconds = found.groups()
                stored = f"{day} {clock or '00:00'}{seconds or ':00'}.000000"
                node.set(side, exp.Literal.string(stored))


def _kind(node: exp.Expr) -> str:
    return node.key.upper()


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "the query cannot be parsed"
