"""Providers: the only code that writes `provider` rows."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from enamel import audit
from enamel.db import ReadSession, WriteSession, require_write
from enamel.db.changes import apply_changes
from enamel.db.lookup import get_or_404, referenced
from enamel.errors import InvalidInput
from enamel.models import Provider
from enamel.models.enums import EnumPermType
from enamel.security import Actor


@dataclass
class ProviderData:
    """Fields a caller may set; None leaves a field as it is (or at its default on create)."""

    Abbr: str | None = None
    LName: str | None = None
    FName: str | None = None
    MI: str | None = None
    Suffix: str | None = None
    PreferredName: str | None = None
    ItemOrder: int | None = None
    IsSecondary: bool | None = None
    IsHidden: bool | None = None
    IsNotPerson: bool | None = None
    NationalProvID: str | None = None
    Email: str | None = None
    FeeSched: int | None = None


def active_provider(db: ReadSession, prov_num: int, field: str) -> Provider:
    return referenced(db, Provider, prov_num, field, "provider")


_DEFAULT_PROVIDER = (
    select(Provider)
    .where(Provider.IsHidden == 0, Provider.IsSecondary == 0)
    .order_by(Provider.ItemOrder, Provider.ProvNum)
    .limit(1)
)


def default_provider(db: ReadSession) -> Provider | None:
    """The practice's default dentist: the first visible, non-hygienist provider."""
    return db.scalars(_DEFAULT_PROVIDER).first()


def _check(row: Provider) -> None:
    if not row.Abbr:
        raise InvalidInput("Abbr is required", field="Abbr")
    if not row.IsNotPerson and not row.LName:
        raise InvalidInput("LName is required for a provider who is a person", field="LName")


def create_provider(db: WriteSession, actor: Actor, data: ProviderData) -> Provider:
    require_write(db)
    actor.require(EnumPermType.ProviderAdd)
    row = Provider()
    apply_changes(row, data)
    _check(row)
    db.add(row)
    db.flush()
    audit.record(
        db, actor, EnumPermType.ProviderAdd, f"Provider {row.Abbr} created", fkey=row.ProvNum
    )
    return row


def update_provider(db: WriteSession, actor: Actor, prov_num: int, data: ProviderData) -> Provider:
    require_write(db)
    actor.require(EnumPermType.ProviderEdit)
    row = get_or_404(db, Provider, prov_num, "Provider")
    previous = row.DateTStamp
    changed = apply_changes(row, data)
    _check(row)
    if changed:
        db.flush()
        audit.record(
            db,
            actor,
            EnumPermType.ProviderEdit,
            f"Provider {row.Abbr} edited: {', '.join(changed)}",
            fkey=row.ProvNum,
            previous=previous,
        )
    return row
