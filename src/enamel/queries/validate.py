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
Open Dental's mixed-case names), transpiled to PostgreSQL or SQLite where needed, keeping
MySQL's meaning (`enamel.queries.dialects`). A row counter kept in a user variable
(`@pos := @pos + 1`) becomes a window here, the same on every engine.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError, TokenError

from enamel.queries import dialects
from enamel.queries.refusals import QueryRefused
from enamel.queries.schema import READABLE_TABLES, SECRET_COLUMNS, sources, visible_columns

__all__ = ["READABLE_TABLES", "SECRET_COLUMNS", "QueryRefused", "check"]

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


def check(sql: str, dialect: str) -> str:
    """The query, checked and written for `dialect` (mysql, postgresql, sqlite);
    `QueryRefused` naming the rule otherwise. Cached by text: reports repeat their queries."""
    return _rendered(sql, dialect)[0]


def text_outputs(sql: str, dialect: str) -> tuple[bool, ...] | None:
    """Which output columns of the checked query are text in MySQL (`dialects.text_outputs`)."""
    return _rendered(sql, dialect)[1]


def output_kinds(sql: str, dialect: str) -> tuple[str, ...] | None:
    """On SQLite, what each output column of the checked query holds (`dialects.output_kinds`);
    None elsewhere."""
    return _rendered(sql, dialect)[2]


@lru_cache(maxsize=1024)
def _rendered(
    sql: str, dialect: str
) -> tuple[str, tuple[bool, ...] | None, tuple[str, ...] | None]:
    # A deployment runs one engine: the tree is parsed for it and rewritten in place (copying
    # a tree costs about as much as parsing it).
    tree, aliases = _checked(sql)
    texts = dialects.text_outputs(tree)
    kinds = dialects.output_kinds(tree, texts) if dialect == "sqlite" else None
    return dialects.render(tree, dialect, aliases), texts, kinds


def _checked(sql: str) -> tuple[exp.Expr, list[exp.Alias]]:
    """The checked query, and its aliases."""
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
        query = _substitute(_counters(query, values), values, found[_PARAMETERS])
    _functions(found[exp.Func])
    _tables(found[exp.Table], found[exp.CTE])
    _secrets(found[exp.Identifier])
    for select in found[exp.Select]:
        _expand_star(select)
    return query, found[exp.Alias]


_PARAMETERS = (exp.Parameter, exp.SessionParameter)

_SORTED = (exp.Select, exp.Func, exp.Table, exp.CTE, exp.Identifier, exp.Alias)

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
            parameters = list(value.find_all(exp.Parameter, exp.SessionParameter))
            value = _substitute(value, values, parameters)  # may use earlier variables
            _functions(list(value.find_all(exp.Func)))
            values[target.name.lower()] = value if _literal(value) else exp.Paren(this=value)
    return values


def _constant(value: exp.Expr) -> bool:
    return value.find(exp.Column, exp.Query, exp.Subquery, exp.Star, exp.Table) is None


def _literal(value: exp.Expr) -> bool:
    if isinstance(value, exp.Neg):
        value = value.this
    return isinstance(value, exp.Literal | exp.Null | exp.Boolean)


def _substitute(
    query: exp.Expr, values: dict[str, exp.Expr], parameters: list[exp.Expr]
) -> exp.Expr:
    """The query with each of its `parameters` (the @variables the walk found) replaced by its
    SET value, in place (the tree is this check's own)."""
    for node in parameters:
        if node.root() is not query:
            continue  # taken out with a row counter (`_counters`)
        name = node.name.lower()
        if not (isinstance(node, exp.Parameter) and name in values):
            raise QueryRefused(
                "one statement",
                f"@{node.name} is not set by a SET line before the query (server and session "
                "variables are not readable)",
            )
        if node is query:
            return values[name].copy()
        node.replace(values[name].copy())
    return query


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
            if not 1 <= int(key.this) <= len(select.expressions):
                continue  # no such item: the database says so
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
    found = sources(node)
    expanded: list[exp.Expr] = []
    for item in node.expressions:
        if not _is_star(item):
            expanded.append(item)
            continue
        qualifier = item.table.lower() if isinstance(item, exp.Column) else ""
        picked = [s for s in found if not qualifier or s[0] == qualifier]
        if not picked:
            raise QueryRefused("table", f"{item.sql(dialect='mysql')}: no such table in FROM")
        for alias, table in picked:
            if table is None:  # a subquery or CTE: its own columns, already checked
                expanded.append(exp.Column(this=exp.Star(), table=exp.to_identifier(alias)))
                continue
            for name in visible_columns(table):
                expanded.append(exp.column(name, table=alias))
    node.set("expressions", expanded)


def _is_star(item: exp.Expr) -> bool:
    return isinstance(item, exp.Star) or (isinstance(item, exp.Column) and item.is_star)


def _kind(node: exp.Expr) -> str:
    return node.key.upper()


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "the query cannot be parsed"
