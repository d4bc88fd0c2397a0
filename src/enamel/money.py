"""Money as the services accept it: exact, in cents, within a sane range.

Amounts are `Decimal`s with at most two places. A float is refused (it cannot hold cents
exactly), so is a fraction of a cent (rounding it away would lose data silently), and so is an
amount of a billion or more: no dental bill is that large, and SQLite, which stores decimals
as 64-bit floats, keeps every amount below that exact.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from enamel.db.types import CENT
from enamel.errors import InvalidInput

LIMIT = Decimal("1000000000")


def money_input(value: object, field: str) -> Decimal:
    """The exact amount in `value`, or 400 naming `field` and what is wrong with it."""
    if isinstance(value, float):
        raise InvalidInput(
            f"{field} must be an exact amount (a decimal string), not a float", field=field
        )
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise InvalidInput(f"{field} is not an amount", field=field)
    if isinstance(value, str) and "_" in value:
        raise InvalidInput(f"{field}: {value!r} is not an amount", field=field)
    try:
        amount = Decimal(value.strip() if isinstance(value, str) else value)
    except InvalidOperation:
        raise InvalidInput(f"{field}: {value!r} is not an amount", field=field) from None
    if not amount.is_finite():
        raise InvalidInput(f"{field} is not a finite amount", field=field)
    if abs(amount) >= LIMIT:
        raise InvalidInput(
            f"{field}: {value} is out of range (under 1,000,000,000.00)", field=field
        )
    if amount != amount.quantize(CENT):
        raise InvalidInput(f"{field}: {value} has fractions of a cent", field=field)
    if amount == 0:
        return Decimal("0.00")  # not -0.00
    return amount.quantize(CENT)
