"""Practice set-up: clinics, operatories and definitions (Open Dental logs these as Setup)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, func, select

from enamel import audit
from enamel.db import ReadSession, WriteSession, require_write
from enamel.db.changes import apply_changes
from enamel.db.lookup import get_or_404, referenced
from enamel.errors import InvalidInput, ReferenceNotFound
from enamel.models import Clinic, DefCat, Definition, Operatory
from enamel.models.enums import EnumPermType
from enamel.providers.service import active_provider
from enamel.security import Actor


@dataclass
class ClinicData:
    Description: str | None = None
    Abbr: str | None = None
    Address: str | None = None
    City: str | None = None
    State: str | None = None
    Zip: str | None = None
    Phone: str | None = None
    DefaultProv: int | None = None
    IsHidden: bool | None = None


@dataclass
class OperatoryData:
    OpName: str | None = None
    Abbrev: str | None = None
    ItemOrder: int | None = None
    ProvDentist: int | None = None
    ProvHygienist: int | None = None
    IsHygiene: bool | None = None
    ClinicNum: int | None = None
    IsHidden: bool | None = None


def active_clinic(db: ReadSession, clinic_num: int, field: str = "ClinicNum") -> Clinic | None:
    """0 means "no clinic"; any other number must name a visible clinic."""
    if clinic_num == 0:
        return None
    return referenced(db, Clinic, clinic_num, field, "clinic")


def active_operatory(db: ReadSession, op_num: int, field: str = "Op") -> Operatory:
    return referenced(db, Operatory, op_num, field, "operatory")


def definition_in(db: ReadSession, category: DefCat, def_num: int, field: str) -> Definition:
    """A visible definition of the given category (e.g. a payment type)."""
    row = referenced(db, Definition, def_num, field, "definition")
    if row.Category != category:
        raise InvalidInput(
            f"{field}: definition {def_num} is not a {category.name} definition", field=field
        )
    return row


def definition_named(db: ReadSession, category: DefCat, name: str, field: str) -> Definition:
    """A visible definition found by its name, as Open Dental's API names some of them
    (`"BillingType": "Standard Account"`)."""
    row = db.scalars(
        select(Definition)
        .where(
            Definition.Category == category,
            Definition.ItemName == name.strip(),
            Definition.IsHidden == 0,
        )
        .order_by(Definition.ItemOrder, Definition.DefNum)
    ).first()
    if row is None:
        raise ReferenceNotFound(
            f"{field}: no {category.name} definition is named {name!r}", field=field
        )
    return row


_FIRST_DEFINITION = (
    select(Definition)
    .where(Definition.Category == bindparam("category"), Definition.IsHidden == 0)
    .order_by(Definition.ItemOrder, Definition.DefNum)
    .limit(1)
)


def first_definition(db: ReadSession, category: DefCat) -> Definition | None:
    """The default of a list: its first visible definition (e.g. "Unconfirmed")."""
    return db.scalars(_FIRST_DEFINITION, {"category": int(category)}).first()


def create_clinic(db: WriteSession, actor: Actor, data: ClinicData) -> Clinic:
    require_write(db)
    actor.require(EnumPermType.ClinicEdit)
    row = Clinic()
    apply_changes(row, data)
    if not row.Description:
        raise InvalidInput("Description is required", field="Description")
    if row.DefaultProv:
        active_provider(db, row.DefaultProv, "DefaultProv")
    row.Abbr = row.Abbr or row.Description
    db.add(row)
    db.flush()
    audit.record(
        db, actor, EnumPermType.ClinicEdit, f"Clinic {row.Abbr} created", fkey=row.ClinicNum
    )
    return row


def create_operatory(db: WriteSession, actor: Actor, data: OperatoryData) -> Operatory:
    require_write(db)
    actor.require(EnumPermType.Setup)
    row = Operatory()
    apply_changes(row, data)
    _check_operatory(db, row)
    if data.ItemOrder is None:
        row.ItemOrder = db.scalar(select(func.count()).select_from(Operatory)) or 0
    db.add(row)
    db.flush()
    audit.record(
        db, actor, EnumPermType.Setup, f"Operatory {row.OpName} created", fkey=row.OperatoryNum
    )
    return row


def update_operatory(db: WriteSession, actor: Actor, op_num: int, data: OperatoryData) -> Operatory:
    require_write(db)
    actor.require(EnumPermType.Setup)
    row = get_or_404(db, Operatory, op_num, "Operatory")
    previous = row.DateTStamp
    changed = apply_changes(row, data)
    _check_operatory(db, row)
    if changed:
        db.flush()
        audit.record(
            db,
            actor,
            EnumPermType.Setup,
            f"Operatory {row.OpName} edited: {', '.join(changed)}",
            fkey=row.OperatoryNum,
            previous=previous,
        )
    return row


def _check_operatory(db: ReadSession, row: Operatory) -> None:
    if not row.OpName:
        raise InvalidInput("OpName is required", field="OpName")
    row.Abbrev = row.Abbrev or row.OpName[:5]
    if row.ProvDentist:
        active_provider(db, row.ProvDentist, "ProvDentist")
    if row.ProvHygienist:
        active_provider(db, row.ProvHygienist, "ProvHygienist")
    active_clinic(db, row.ClinicNum)


def create_definition(
    db: WriteSession, actor: Actor, category: DefCat, name: str, value: str = ""
) -> Definition:
    require_write(db)
    actor.require(EnumPermType.DefEdit)
    if not name.strip():
        raise InvalidInput("ItemName is required", field="ItemName")
    order = db.scalar(
        select(func.count()).select_from(Definition).where(Definition.Category == category)
    )
    row = Definition(Category=category, ItemName=name.strip(), ItemValue=value, ItemOrder=order)
    db.add(row)
    db.flush()
    audit.record(
        db,
        actor,
        EnumPermType.DefEdit,
        f"Definition {category.name} '{row.ItemName}' created",
        fkey=row.DefNum,
    )
    return row
