"""`enamel plugins ...`: the installed plug-ins, the whitelist, and their switches."""

from __future__ import annotations

from typing import Any

import click

from enamel.cli.common import as_json, fail, opened
from enamel.db import clock
from enamel.plugins.discovery import find_installed
from enamel.plugins.whitelist import all_allowed, allow_plugin, switch_plugin, why_not
from enamel.security.actor import command_line_actor
from enamel.security.scopes import Scope

SCOPES = [s.value for s in Scope]


@click.group("plugins")
def plugins_group() -> None:
    """Plug-ins: what is installed, what is approved (name, version, files hash), switches."""


@plugins_group.command("list")
@click.option("--json", "json_out", is_flag=True, help="Print a JSON array.")
def list_plugins(json_out: bool) -> None:
    """Installed and approved plug-ins: whitelisted or not, on or off, and why one is not
    loaded."""
    installed = {i.name: i for i in find_installed()}
    with opened() as db, db.read() as session:
        rows = {r.Name: r for r in all_allowed(session)}
    items: list[dict[str, Any]] = []
    for name in sorted(set(installed) | set(rows)):
        item, row = installed.get(name), rows.get(name)
        reason = why_not(item, row)
        matches = item is not None and row is not None and not item.problem
        whitelisted = (
            matches
            and row is not None
            and item is not None
            and (
                (row.Distribution, row.Version, row.FilesHash)
                == (item.distribution, item.version, item.files_hash)
            )
        )
        if not reason and row is not None and row.LoadProblem:
            reason = row.LoadProblem  # what the server found when it tried
        items.append(
            {
                "name": name,
                "installed": item is not None,
                "distribution": item.distribution if item else (row.Distribution if row else ""),
                "version": item.version if item else "",
                "files_hash": item.files_hash if item else "",
                "whitelisted": whitelisted,
                "approved_version": row.Version if row else None,
                "scopes": row.Scopes.split() if row else [],
                "state": ("on" if row.IsEnabled else "off") if row else "not approved",
                "off_reason": row.OffReason if row else "",
                "loaded": not reason,
                "reason": reason,
                "last_load": (
                    row.DateTLoaded.isoformat(sep=" ")
                    if row and row.DateTLoaded > clock.MIN_DATETIME
                    else None
                ),
            }
        )
    if json_out:
        as_json(items)
        return
    if not items:
        click.echo("No plug-ins are installed (entry point group enamel.plugins).")
        return
    for i in items:
        what = f"{i['distribution']} {i['version']}".strip() or "not installed"
        state = "loads" if i["loaded"] else f"NOT LOADED: {i['reason']}"
        scopes = " ".join(i["scopes"]) or "none"
        click.echo(
            f"{i['name']} ({what}): {'whitelisted' if i['whitelisted'] else 'not whitelisted'}, "
            f"{i['state']}, scopes {scopes}; {state}"
        )


@plugins_group.command("allow")
@click.argument("name")
@click.option(
    "--scope",
    "scopes",
    multiple=True,
    type=click.Choice(SCOPES),
    help="A scope its context acts with (repeat for more); default: those approved before.",
)
def allow(name: str, scopes: tuple[str, ...]) -> None:
    """Approve the plug-in as installed now (name, version, files hash) and switch it on."""
    installed = {i.name: i for i in find_installed()}
    item = installed.get(name.strip())
    if item is None:
        raise fail(f"no installed plug-in is named {name!r} (`enamel plugins list` shows them)")
    with opened() as db, db.write() as session:
        row = allow_plugin(session, command_line_actor(), item, list(scopes) if scopes else None)
    click.echo(
        f"Plug-in '{row.Name}' approved: {row.Distribution} {row.Version}, files "
        f"{row.FilesHash}; scopes {row.Scopes or 'none'}. Servers load it within a second."
    )


@plugins_group.command("off")
@click.argument("name")
@click.option("--reason", required=True, help="Why: written to the security log.")
def off(name: str, reason: str) -> None:
    """Switch a plug-in off: every server stops calling it within a second."""
    with opened() as db, db.write() as session:
        row = switch_plugin(session, command_line_actor(), name, on=False, reason=reason)
    click.echo(f"Plug-in '{row.Name}' is off: {row.OffReason}")


@plugins_group.command("on")
@click.argument("name")
@click.option("--reason", default="", help="Optional note for the security log.")
def on(name: str, reason: str) -> None:
    """Switch a plug-in back on (it loads only while its files match its approval)."""
    with opened() as db, db.write() as session:
        row = switch_plugin(session, command_line_actor(), name, on=True, reason=reason)
    click.echo(f"Plug-in '{row.Name}' is on.")
