"""Integrations and the API switch: the service that registers programs and switches them.

Every change here is written to the security log (permission SecurityAdmin) with who made it
and why, in the same transaction as the change.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from enamel import audit
from enamel.db import Database, ReadSession, WriteSession, require_write
from enamel.errors import Conflict, InvalidInput, NotFound
from enamel.models import ApiState, Integration
from enamel.models.enums import EnumPermType
from enamel.queries import accounts
from enamel.security import switches
from enamel.security.actor import Actor
from enamel.security.keys import key_hash, new_key
from enamel.security.scopes import Scope, parse_scopes, render

DEFAULT_RATE_LIMIT = 10
"""Requests per second for a new integration unless it says otherwise. Open Dental's remote
API allows one per second; ten lets a client page through a practice quickly while one
misbehaving program cannot crowd out the office."""
MAX_RATE_LIMIT = 10_000
API_STATE_NUM = 1


@dataclass(frozen=True)
class NewIntegration:
    integration: Integration
    developer_key: str
    customer_key: str
    """The keys in clear: shown once, never stored."""


def _name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 100 or any(ord(c) < 32 for c in name):
        raise InvalidInput(
            "the integration name must be 1 to 100 printable characters", field="name"
        )
    return name


def get_integration(db: ReadSession, name: str) -> Integration:
    row = db.scalar(select(Integration).where(Integration.Name == name.strip()))
    if row is None:
        raise NotFound(f"no integration is named {name!r}", field="name")
    return row


def scopes_of(row: Integration) -> frozenset[Scope]:
    return parse_scopes(row.Scopes)


def add_integration(
    db: WriteSession,
    actor: Actor,
    name: str,
    scopes: list[str] | tuple[str, ...],
    rate_limit: int = DEFAULT_RATE_LIMIT,
) -> NewIntegration:
    require_write(db)
    actor.require(EnumPermType.SecurityAdmin)
    name = _name(name)
    granted = parse_scopes(scopes)
    if not granted:
        raise InvalidInput("give the integration at least one scope (--scope)", field="scope")
    if not 0 <= rate_limit <= MAX_RATE_LIMIT:
        raise InvalidInput(
            f"the rate limit must be 0 (none) to {MAX_RATE_LIMIT} requests per second",
            field="rate_limit",
        )
    if db.scalar(select(Integration.IntegrationNum).where(Integration.Name == name)):
        raise Conflict(f"an integration named {name!r} already exists", field="name")
    developer_key, customer_key = new_key(), new_key()
    row = Integration(
        Name=name,
        DeveloperKeyHash=key_hash(developer_key),
        CustomerKeyHash=key_hash(customer_key),
        Scopes=render(granted),
        RateLimit=rate_limit,
        IsEnabled=True,
    )
    db.add(row)
    db.flush()
    limit = f"{rate_limit} requests per second" if rate_limit else "no rate limit"
    audit.record(
        db,
        actor,
        EnumPermType.SecurityAdmin,
        f"Integration '{name}' added with scopes {row.Scopes} and {limit}",
        fkey=row.IntegrationNum,
    )
    return NewIntegration(row, developer_key, customer_key)


def switch_integration(
    db: WriteSession, actor: Actor, name: str, *, on: bool, reason: str = ""
) -> Integration:
    return _switch(db, actor, name, sql=False, on=on, reason=reason)


def switch_sql(
    db: WriteSession, actor: Actor, name: str, *, on: bool, reason: str = ""
) -> Integration:
    """Switch an integration's governed SQL reads off (with a reason) or back on; the rest of
    its access stays as it is."""
    return _switch(db, actor, name, sql=True, on=on, reason=reason)


def _switch(
    db: WriteSession, actor: Actor, name: str, *, sql: bool, on: bool, reason: str
) -> Integration:
    """The integration's switch, or its SQL switch: set, and logged."""
    require_write(db)
    actor.require(EnumPermType.SecurityAdmin)
    row = get_integration(db, name)
    label = ("SQL access of integration" if sql else "Integration") + f" '{row.Name}'"
    off_reason, what = switches.switched(label, on=on, why=reason)
    if sql:
        row.SqlEnabled, row.SqlOffReason = on, off_reason
    else:
        row.IsEnabled, row.OffReason = on, off_reason
    db.flush()
    audit.record(db, actor, EnumPermType.SecurityAdmin, what, fkey=row.IntegrationNum)
    return row


def record_sql_account(db: WriteSession, actor: Actor, name: str, account: str) -> Integration:
    """Note the database account made for the integration to connect directly."""
    require_write(db)
    actor.require(EnumPermType.SecurityAdmin)
    row = get_integration(db, name)
    row.SqlAccount = account
    db.flush()
    audit.record(
        db,
        actor,
        EnumPermType.SecurityAdmin,
        f"Database account {account} made for integration '{row.Name}' (read-only, practice "
        "tables); a new password was shown once",
        fkey=row.IntegrationNum,
    )
    return row


def api_state(db: ReadSession) -> ApiState:
    """The API switch; a database without the row has the API on."""
    row = db.get(ApiState, API_STATE_NUM)
    return row if row is not None else ApiState(ApiStateNum=API_STATE_NUM, IsEnabled=True)


def switch_api(db: WriteSession, actor: Actor, *, on: bool, reason: str = "") -> ApiState:
    require_write(db)
    actor.require(EnumPermType.SecurityAdmin)
    row = db.get(ApiState, API_STATE_NUM)
    if row is None:
        row = ApiState(ApiStateNum=API_STATE_NUM)
        db.add(row)
    row.OffReason, what = switches.switched("API", on=on, why=reason)
    row.IsEnabled = on
    db.flush()
    audit.record(db, actor, EnumPermType.SecurityAdmin, what)
    return row


def set_scopes(
    db: WriteSession, actor: Actor, name: str, scopes: list[str] | tuple[str, ...]
) -> Integration:
    """Replace an integration's scopes (at least one); logged with the old and the new."""
    require_write(db)
    actor.require(EnumPermType.SecurityAdmin)
    row = get_integration(db, name)
    granted = parse_scopes(scopes)
    if not granted:
        raise InvalidInput("give the integration at least one scope", field="scope")
    before, row.Scopes = row.Scopes, render(granted)
    db.flush()
    audit.record(
        db,
        actor,
        EnumPermType.SecurityAdmin,
        f"Scopes of integration '{row.Name}' changed from {before} to {row.Scopes}",
        fkey=row.IntegrationNum,
    )
    return row


def switch_and_lock(
    db: Database, actor: Actor, name: str, *, on: bool, reason: str = "", sql: bool = False
) -> tuple[Integration, int]:
    """Switch an integration (or only its SQL access, `sql`) in its own logged transaction,
    then lock or unlock its database account to match (DDL, outside it), as one step for the
    command line and the office pages; with the sessions of the account it ended."""
    with db.write() as session:
        row = _switch(session, actor, name, sql=sql, on=on, reason=reason)
    return row, accounts.sync_lock(db, row.Name)
