"""Operatories as Open Dental's API shows them (opendental.com/site/apioperatories.html)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import Integer, literal_column

from enamel.api.encode import Field, Shape, field
from enamel.models import Operatory

OP = Operatory


def constant(name: str, value: Any, doc_type: Any) -> Field:
    """A field Open Dental sends that Enamel does not keep: always `value`."""
    return replace(
        field(name, literal_column("0", Integer)), out=lambda _: value, doc_type=doc_type
    )


OPERATORY = Shape(
    "Operatory",
    [
        field("OperatoryNum", OP.OperatoryNum),
        field("OpName", OP.OpName),
        field("Abbrev", OP.Abbrev),
        field("ItemOrder", OP.ItemOrder),
        field("IsHidden", OP.IsHidden),
        field("ProvDentist", OP.ProvDentist),
        field("ProvHygienist", OP.ProvHygienist),
        field("IsHygiene", OP.IsHygiene),
        field("ClinicNum", OP.ClinicNum),
        field("SetProspective", OP.SetProspective),
        field("IsWebSched", OP.IsWebSched),
        constant("OperatoryType", 0, int),  # a definition (DefCat 55) Enamel does not keep
        constant("operatoryType", "", str),
    ],
    OP.__table__,
)
