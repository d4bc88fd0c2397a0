"""The whitelist: approving a plug-in, switching it, and saying why one is not loaded.

Approving and switching are written to the security log (permission SecurityAdmin) with who
did it and why, in the same transaction, as the integrations' switches are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from enamel import audit
from enamel.db import ReadSession, WriteSession, clock, require_write
from enamel.errors import InvalidInput, NotFound
from enamel.models import PluginAllow
from enamel.models.enums import EnumPermType
from enamel.plugins.discovery import Installed, find_installed
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


@dataclass(frozen=True)
class PluginState:
    """One plug-in as `enamel plugins list` and the office pages show it: installed and/or
    approved, whitelisted or not, and whether the whitelist lets it load (and why not)."""

    name: str
    installed: bool
    distribution: str
    version: str
    files_hash: str
    whitelisted: bool
    approved_version: str | None
    scopes: list[str]
    state: str
    """`on`, `off` or `not approved`."""
    off_reason: str
    loaded: bool
    reason: str
    last_load: dt.datetime | None
    approved_by: str = ""


def states(db: ReadSession, installed: list[Installed] | None = None) -> list[PluginState]:
    """Every plug-in installed on this machine or approved in the database, by name."""
    found = {i.name: i for i in (find_installed() if installed is None else installed)}
    rows = {r.Name: r for r in all_allowed(db)}
    out = []
    for name in sorted(set(found) | set(rows)):
        item, row = found.get(name), rows.get(name)
        reason = why_not(item, row)
        whitelisted = (
            item is not None
            and row is not None
            and not item.problem
            and (row.Distribution, row.Version, row.FilesHash)
            == (item.distribution, item.version, item.files_hash)
        )
        if not reason and row is not None and row.LoadProblem:
            reason = row.LoadProblem  # what the server found when it tried
        out.append(
            PluginState(
                name=name,
                installed=item is not None,
                distribution=item.distribution if item else (row.Distribution if row else ""),
                version=item.version if item else "",
                files_hash=item.files_hash if item else "",
                whitelisted=whitelisted,
                approved_version=row.Version if row else None,
                scopes=row.Scopes.split() if row else [],
                state=("on" if row.IsEnabled else "off") if row else "not approved",
                off_reason=row.OffReason if row else "",
                loaded=not reason,
                reason=reason,
                last_load=(
                    row.DateTLoaded if row and row.DateTLoaded > clock.MIN_DATETIME else None
                ),
                approved_by=row.ApprovedBy if row else "",
            )
        )
    return out


def installed_named(name: str) -> Installed:
    """The plug-in installed on this machine under `name`; 404 otherwise."""
    item = next((i for i in find_installed() if i.name == name.strip()), None)
    if item is None:
        raise NotFound(
            f"no installed plug-in is named {name!r} (`enamel plugins list` shows them)",
            field="name",
        )
    return item


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
