"""Money input: exact amounts only, refused with a 400 naming the field otherwise."""

from __future__ import annotations

from decimal import Decimal

import pytest

from enamel.errors import InvalidInput
from enamel.money import money_input


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("130.10", "130.10"),
        (Decimal("5"), "5.00"),
        (7, "7.00"),
        (" 2.5 ", "2.50"),
        ("-0", "0.00"),
        ("-12.35", "-12.35"),
        ("999999999.99", "999999999.99"),
    ],
)
def test_exact_amounts_are_accepted(value: object, expected: str) -> None:
    amount = money_input(value, "PayAmt")
    assert str(amount) == expected


@pytest.mark.parametrize(
    "value",
    [
        0.1,
        "1_000",
        "abc",
        "",
        "NaN",
        "Infinity",
        "1.005",
        "1e9",
        "1e40",
        Decimal("1e26"),
        True,
        None,
        [1],
    ],
)
def test_anything_else_is_refused_naming_the_field(value: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        money_input(value, "PayAmt")
    assert caught.value.field == "PayAmt"
    assert caught.value.status == 400
