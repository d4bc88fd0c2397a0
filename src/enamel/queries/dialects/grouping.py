"""MySQL's loose GROUP BY on PostgreSQL: a column neither grouped nor aggregated answers one
value of its group, where PostgreSQL refuses the query."""

from __future__ import annotations

from collections.abc import Callable

from sqlglot import exp

from enamel.queries.dialects.common import AGGREGATES, group_ignoring_case
from enamel.queries.schema import sources


def group_like_mysql(select: exp.Select) -> None:
    """PostgreSQL refuses a column that is neither grouped nor aggregated; MySQL answers one
    value of the group. MIN() of it is one value of the group, and the same value for a
    column that depends on a grouped key (the usual case: GROUP BY patient.PatNum)."""
    group_ignoring_case(select, "postgresql")  # its text keys are no longer plain columns
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

    outer = {alias for alias, _table in sources(select)}
    in_select_list = True  # where a name is a column, not an alias of the select list

    def wrap(node: exp.Expr) -> exp.Expr:
        if node in keys or isinstance(node, AGGREGATES):
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
