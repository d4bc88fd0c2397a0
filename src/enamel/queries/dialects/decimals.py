"""MySQL's exact decimals where SQLite adds floating-point numbers.

MySQL adds amounts (`DECIMAL(.., 2)` columns, literals such as `0.1`) exactly; SQLite keeps them
as floating-point numbers, so `0.1 + 0.2` is 0.30000000000000004 there, and a report's
`HAVING SUM(InsPayAmt) - SUM(FeeBilled) <> 0` keeps a patient whose balance MySQL finds zero.
Where the decimal places of a sum or a comparison are known from the query (an amount of the
schema has 2, a literal its own, a product the places of both, a sum or difference the larger),
SQLite rounds to them: a `SUM` to its places, and a comparison is made on the difference of its
sides rounded to theirs (exact decimals differ by a multiple of 10^-places, which the rounding
recovers from the floating-point difference).
"""

from __future__ import annotations

from sqlglot import exp

from enamel.queries.dialects.common import COMPARISONS, derived_outputs
from enamel.queries.schema import integer_columns, money_columns

_SUMMED = (exp.Add, exp.Sub, exp.Mul, exp.Sum)
"""What may leave floating-point residue in a comparison's side."""


def places(value: exp.Expr | None) -> int | None:
    """The decimal places MySQL gives the value, when the query says them; None when not."""
    if isinstance(value, exp.Paren | exp.Neg | exp.Sum | exp.Min | exp.Max):
        return places(value.this)
    if isinstance(value, exp.Literal) and not value.is_string:
        whole, dot, fraction = value.this.lstrip("-").partition(".")
        return len(fraction) if whole.isdigit() and (not dot or fraction.isdigit()) else None
    if isinstance(value, exp.Column):
        if value.name.lower() in money_columns():
            return 2
        if value.name.lower() in integer_columns():
            return 0
        return _derived_places(value)
    if isinstance(value, exp.Round) and isinstance(value.args.get("decimals"), exp.Literal):
        return int(value.args["decimals"].this)
    if isinstance(value, exp.Add | exp.Sub | exp.Mul):
        left, right = places(value.this), places(value.expression)
        if left is None or right is None:
            return None
        return left + right if isinstance(value, exp.Mul) else max(left, right)
    return None


def _derived_places(column: exp.Column) -> int | None:
    """The places of a subquery's output in FROM (`FROM (SELECT 0.1 AS v UNION ALL ...) t`):
    the most of its UNION's selects, as MySQL types the column."""
    found = [places(output) for output in derived_outputs(column)]
    known = [p for p in found if p is not None]
    return max(known) if known and len(known) == len(found) else None


def exact_on_sqlite(node: exp.Expr) -> exp.Expr:
    """A `SUM` rounded to its places, a comparison made on its sides' rounded difference."""
    if isinstance(node, exp.Sum):
        known = places(node.this)
        if known:
            return exp.Round(this=node, decimals=exp.Literal.number(known))
        return node
    if isinstance(node, COMPARISONS):
        left, right = node.this, node.expression
        if not (isinstance(left, _SUMMED) or isinstance(right, _SUMMED) or _rounded(left)
                or _rounded(right)):  # fmt: skip
            return node
        known_left, known_right = places(left), places(right)
        if known_left is None or known_right is None or max(known_left, known_right) == 0:
            return node
        zero = isinstance(right, exp.Literal) and right.this == "0"
        difference = left.copy() if zero else exp.Sub(this=left.copy(), expression=right.copy())
        most = exp.Literal.number(max(known_left, known_right))
        return type(node)(
            this=exp.Round(this=difference, decimals=most), expression=exp.Literal.number(0)
        )
    return node


def _rounded(value: exp.Expr) -> bool:
    """A SUM this module rounded."""
    return isinstance(value, exp.Round) and isinstance(value.this, exp.Sum)
