"""The whitelist: approving a plug-in, switching it, and saying why one is not loaded.

Approving and switching are written to the security log (permission SecurityAdmin) with who
did it and why, in the same transaction, as the integrations' switches are.
"""

from __future__ import annotations

from sqlalchemy import select

from enamel import audit
from enamel.db import ReadSession, WriteSession, clock, require_write
from enamel.errors import InvalidInput, NotFound
from enamel.models import PluginAllow
from enamel.models.enums import EnumPermType
from enamel.plugins.discovery import Installed
from enamel.security import switches
from enamel.security.actor import Actor
from enamel.security.scopes import parse_scopes, render


def get_allow(db: ReadSession, name: str) -> PluginAllow | None:
    return db.scalar(select(PluginAllow).where(PluginAllow.Name == name.strip()))


def all_allowed(db: ReadSession) -> list[PluginAllow]:
    return list(db.scalars(select(PluginAllow).order_by(PluginAllow.Name)))


def why_not(item: Installed | None, row: PluginAllow | None) -> str:
    """Why a plug-in is not loaded, or '' when the whitelist lets it load."""
    if item is None:
        return "approved but not installed"
    if item.problem:
        return item.problem
    if row is None:
        return f"not approved: run `enamel plugins allow {item.name}`"
    if row.Version != item.version or row.Distribution != item.distribution:
        return (
            f"{item.distribution} {item.version} is installed but {row.Distribution} "
            f"{row.Version} was approved: approve it again"
        )
    if row.FilesHash != item.files_hash:
        return (
            f"its files changed since it was approved (hash {item.files_hash[:12]}, approved "
            f"{row.FilesHash[:12]}): approve it again"
        )
    if not row.IsEnabled:
        return f"switched off: {row.OffReason}"
    return ""


def allow_plugin(
    db: WriteSession, actor: Actor, item: Installed, scopes: list[str] | None = None
) -> PluginAllow:
    """Approve the plug-in as installed now (name, distribution, version, files hash) and
    switch it on. `scopes` None keeps the scopes of an earlier approval (none the first time)."""
    require_write(db)
    actor.require(EnumPermType.SecurityAdmin)
    if item.problem:
        raise InvalidInput(f"plug-in {item.name!r} cannot be approved: {item.problem}")
    row = get_allow(db, item.name)
    if row is None:
        row = PluginAllow(Name=item.name)
        db.add(row)
    if scopes is not None:
        row.Scopes = render(parse_scopes(scopes))
    row.Distribution, row.Version, row.FilesHash = item.distribution, item.version, item.files_hash
    row.IsEnabled, row.OffReason = True, ""
    row.ApprovedBy = actor.describe()[:255]
    row.DateTApproved = clock.now()
    row.LoadProblem = ""  # what a server met with the files approved before
    db.flush()
    audit.record(
        db,
        actor,
        EnumPermType.SecurityAdmin,
        f"Plug-in '{item.name}' ({item.distribution} {item.version}, files {item.files_hash}) "
        f"approved with scopes {row.Scopes or '(none)'}",
        fkey=row.PluginAllowNum,
    )
    return row


def switch_plugin(
    db: WriteSession, actor: Actor, name: str, *, on: bool, reason: str = ""
) -> PluginAllow:
    """Switch an approved plug-in off (with a reason) or back on; logged."""
    require_write(db)
    actor.require(EnumPermType.SecurityAdmin)
    row = get_allow(db, name)
    if row is None:
        raise NotFound(
            f"no approved plug-in is named {name!r} (`enamel plugins list` shows them)",
            field="name",
        )
    row.OffReason, what = switches.switched(f"Plug-in '{row.Name}'", on=on, why=reason)
    row.IsEnabled = on
    db.flush()
    audit.record(db, actor, EnumPermType.SecurityAdmin, what, fkey=row.PluginAllowNum)
    return row
